// The coder with PETRARCH-format dictionaries and PETRARCH's conventions (as `dyad validate` runs
// it): pattern groups and phrases, multi-word synset members, anonymous agents and negation through
// the coding ontology. The dictionaries and sentences are written for these tests.
#include <gtest/gtest.h>

#include "dyad/coder/coder.h"
#include "dyad/dict/dictionary.h"
#include "dyad/io/readers.h"
#include "dyad/ontology/petrarch_algebra.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad {
namespace {

constexpr char kVerbs[] = R"(&TIES
+ECONOMIC
+MILITARY
&MONEY
+DUCATS
+SILVER CROWNS
--- DROP  [160] ---
DROP
- * {NEW &TIES RELATIONS} [161]
--- GIVE [070] ---
GIVE
- * CROWNS [073]
- * &MONEY [071]
--- FIGHT  [110] ---
FIGHT
- * (OVER PLANS)  [111]
--- JOIN  [057] ---
JOIN
- (TO) * [036]
--- SAY [010] ---
SAY
--- VOW [170] ---
VOW
- * WAR [190]
--- CELEBRATE [017] ---
CELEBRATE
- * FEAST (IN ^) + [018]
--- FREE [080] ---
FREE
- + * (FROM $) [081]
--- CLOSE [144] ---
CLOSE
+SEAL_OFF
--- WELCOME [050] ---
WELCOME
--- RISEN [---] ---
RISEN
- {DEATH TOLL} * [190]
--- MARK [051] ---
MARK
- * FEAST $ [017]
--- PROMISE [030] ---
PROMISE
--- RESTORE [050] ---
RESTORE
--- ATTACK [190] ---
ATTACK
--- CLAIM [110] ---
CLAIM
~ a (a b ATTACK) CLAIM = a b 015
~ a (b . ATTACK) CLAIM = a b 112
--- RENEW [---] ---
RENEW
- % * TIES [050:050]
)";

constexpr char kActors[] =
    "ARNOR [ARN]\nGONDOR [GON]\nMINAS_TIRITH [GON]\nROHAN [ROH]\nMORDOR [MOR]\n";
constexpr char kAgents[] =
    "OFFICIAL [~GOV]\nMINISTER [~GOV]\nSOLDIER [~MIL]\nCLERIC [~REL]\nLAWMAKER [~LEG]\n";
constexpr char kAlgebra[] =
    "010:0x1000\n011:0x1000-0xFFFF\n015:0x10a0\n030:0x3000\n032:0x3080\n057:0x0087\n"
    "110:0x1007f#0x7000\n111:0x7001\n112:0x70a0\n050:0x0080\n190:0x00A0\n";

class PetrarchCoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ParsePetrarchFile(kVerbs, "verbs.txt", PetrarchFileKind::kVerbs, &set_);
    ParsePetrarchFile(kActors, "actors.txt", PetrarchFileKind::kActors, &set_);
    ParsePetrarchFile(kAgents, "agents.txt", PetrarchFileKind::kAgents, &set_);
    CheckSetReferences(&set_);
    ASSERT_TRUE(set_.problems.empty()) << set_.problems[0].ToString();
    matcher_ = std::make_unique<DictionaryMatcher>(set_);
    algebra_ = PetrarchCodeAlgebra::Parse(kAlgebra, "pico.txt");
  }

  // Codes one CoNLL-U sentence; returns "SRC CODE TGT" lines.
  std::vector<std::string> Code(const std::string& conllu, CoderOptions options = {}) {
    Coder coder({{"", matcher_.get()}}, Ontology::Default(), options);
    Article article;
    ReadOptions read;
    read.format = InputFormat::kConllu;
    ReadContent(
        conllu, "test.conllu", read, [&](Article&& a) { article = std::move(a); },
        [](const InputProblem& p) { FAIL() << p.message; });
    article.language = "en";
    std::vector<Sentence> sentences = SentencesOf(article);
    std::vector<ParsedSentence> parses;
    for (const Sentence& s : sentences) parses.push_back(*s.given_parse);
    explain_.clear();
    std::vector<std::string> out;
    for (const Event& e : coder.CodeArticle(article, sentences, parses, &explain_))
      out.push_back(e.source.code + " " + e.cameo + " " + e.target.code);
    return out;
  }

  DictionarySet set_;
  std::unique_ptr<DictionaryMatcher> matcher_;
  PetrarchCodeAlgebra algebra_;
  std::string explain_;
};

using Lines = std::vector<std::string>;

// "Arnor dropped new {ADJ} economic relations with Gondor."
std::string Relations(const std::string& between) {
  std::string s =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tdropped\tdrop\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tnew\tnew\tADJ\tJJ\t_\t6\tamod\t_\t_\n"
      "4\t" +
      between + "\t" + between +
      "\tADJ\tJJ\t_\t6\tamod\t_\t_\n"
      "5\teconomic\teconomic\tADJ\tJJ\t_\t6\tamod\t_\t_\n"
      "6\trelations\trelation\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
      "7\twith\twith\tADP\tIN\t_\t8\tcase\t_\t_\n"
      "8\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobl\t_\t_\n";
  return s;
}

TEST_F(PetrarchCoderTest, GroupWordsBelongToOneNounPhrase) {
  // Words between the group's words are fine inside the same noun phrase...
  EXPECT_EQ(Code(Relations("global")), (Lines{"ARN 161 GON"})) << explain_;
  // ...but not when "new" belongs to another phrase: "new plans for economic relations".
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tdropped\tdrop\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tnew\tnew\tADJ\tJJ\t_\t4\tamod\t_\t_\n"
                 "4\tplans\tplan\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
                 "5\tfor\tfor\tADP\tIN\t_\t7\tcase\t_\t_\n"
                 "6\teconomic\teconomic\tADJ\tJJ\t_\t7\tamod\t_\t_\n"
                 "7\trelations\trelation\tNOUN\tNNS\t_\t4\tnmod\t_\t_\n"
                 "8\twith\twith\tADP\tIN\t_\t9\tcase\t_\t_\n"
                 "9\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"),
            (Lines{"ARN 160 GON"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, MultiWordSetMembersAreMoreSpecific) {
  // "silver crowns" matches &MONEY with two words, more than CROWNS alone.
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tgave\tgive\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tiobj\t_\t_\n"
                 "4\tsilver\tsilver\tADJ\tJJ\t_\t5\tamod\t_\t_\n"
                 "5\tcrowns\tcrown\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"),
            (Lines{"ARN 071 GON"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, PhrasesBeginWithAPreposition) {
  // "Arnor moved to join Gondor": the infinitive "to" is not the phrase "(TO)".
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tmoved\tmove\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_\n"
                 "4\tjoin\tjoin\tVERB\tVB\t_\t2\txcomp\t_\t_\n"
                 "5\tGondor\tGondor\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
            (Lines{"ARN 057 GON"}))
      << explain_;
}

// "Arnor did not fight Gondor over plans."
constexpr char kNegated[] =
    "1\tArnor\tArnor\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
    "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
    "3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tfight\tfight\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "5\tGondor\tGondor\tPROPN\tNNP\t_\t4\tobj\t_\t_\n";

TEST_F(PetrarchCoderTest, NegationTakesTheNegatedCodeOfTheCodingOntology) {
  EXPECT_EQ(Code(kNegated), Lines{}) << explain_;  // without the ontology: not coded
  CoderOptions options;
  options.negation_algebra = &algebra_;
  EXPECT_EQ(Code(kNegated, options), (Lines{"ARN 050 GON"})) << explain_;
  EXPECT_NE(explain_.find("110 becomes 050"), std::string::npos) << explain_;
}

TEST_F(PetrarchCoderTest, AnonymousAgents) {
  // "An official said Gondor fought Arnor" is coded on the reported clause; an official alone
  // criticising: "An official fought Gondor".
  const char* sentence =
      "1\tAn\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
      "2\tofficial\tofficial\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
      "3\tfought\tfight\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "4\tGondor\tGondor\tPROPN\tNNP\t_\t3\tobj\t_\t_\n";
  EXPECT_EQ(Code(sentence), Lines{}) << explain_;
  CoderOptions options;
  options.anonymous_agents = true;
  EXPECT_EQ(Code(sentence, options), (Lines{"---GOV 110 GON"})) << explain_;
  // Without require_dyad, a missing target is "---".
  options.require_dyad = false;
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tso\tso\tADV\tRB\t_\t2\tadvmod\t_\t_\n",
                 options),
            (Lines{"ARN 010 ---"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, VerbPhrasesReachIntoSubjectlessInfinitives) {
  // "Rohan vowed to wage war on Mordor": VOW * WAR, as PETRARCH's verb phrase sees it.
  const char* sentence =
      "1\tRohan\tRohan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tvowed\tvow\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_\n"
      "4\twage\twage\tVERB\tVB\t_\t2\txcomp\t_\t_\n"
      "5\twar\twar\tNOUN\tNN\t_\t4\tobj\t_\t_\n"
      "6\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_\n"
      "7\tMordor\tMordor\tPROPN\tNNP\t_\t4\tobl\t_\t_\n";
  EXPECT_EQ(Code(sentence), Lines{}) << explain_;  // dyad's default: the verb's own phrase
  CoderOptions options;
  options.petrarch_verb_phrases = true;
  EXPECT_EQ(Code(sentence, options), (Lines{"ROH 190 MOR"})) << explain_;
}

TEST_F(PetrarchCoderTest, SkipPassesOverThePrepositionsNounPhrase) {
  // "Arnor celebrated the feast in Rohan with Gondor": "* FEAST (IN ^) +" targets Gondor.
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tcelebrated\tcelebrate\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                 "4\tfeast\tfeast\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                 "5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
                 "6\tRohan\tRohan\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
                 "7\twith\twith\tADP\tIN\t_\t8\tcase\t_\t_\n"
                 "8\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"),
            (Lines{"ARN 018 GON"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, PassiveSubjectIsTheTargetOfPlusBeforeTheVerb) {
  // "Rohan was freed from Mordor": "+ * (FROM $)".
  EXPECT_EQ(Code("1\tRohan\tRohan\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_\n"
                 "2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
                 "3\tfreed\tfree\tVERB\tVBN\t_\t0\troot\t_\t_\n"
                 "4\tfrom\tfrom\tADP\tIN\t_\t5\tcase\t_\t_\n"
                 "5\tMordor\tMordor\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"),
            (Lines{"MOR 081 ROH"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, ParticleParsedAsPrepositionStillMakesThePhrasalVerb) {
  // "Soldiers from Gondor sealed off the roads into Rohan": SEAL_OFF, with "off" parsed as a
  // preposition; the soldiers are Gondor's military.
  EXPECT_EQ(Code("1\tSoldiers\tsoldier\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n"
                 "2\tfrom\tfrom\tADP\tIN\t_\t3\tcase\t_\t_\n"
                 "3\tGondor\tGondor\tPROPN\tNNP\t_\t1\tnmod\t_\t_\n"
                 "4\tsealed\tseal\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\toff\toff\tADP\tIN\t_\t7\tcase\t_\t_\n"
                 "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                 "7\troads\troad\tNOUN\tNNS\t_\t4\tobl\t_\t_\n"
                 "8\tinto\tinto\tADP\tIN\t_\t9\tcase\t_\t_\n"
                 "9\tRohan\tRohan\tPROPN\tNNP\t_\t7\tnmod\t_\t_\n"),
            (Lines{"GONMIL 144 ROH"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, AgentPlacedByAModifierOfItsPhrasesNoun) {
  // "Soldiers from the Gondor border fought Rohan": the place modifies the nmod's noun.
  EXPECT_EQ(Code("1\tSoldiers\tsoldier\tNOUN\tNNS\t_\t6\tnsubj\t_\t_\n"
                 "2\tfrom\tfrom\tADP\tIN\t_\t5\tcase\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
                 "4\tGondor\tGondor\tPROPN\tNNP\t_\t5\tcompound\t_\t_\n"
                 "5\tborder\tborder\tNOUN\tNN\t_\t1\tnmod\t_\t_\n"
                 "6\tfought\tfight\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "7\tRohan\tRohan\tPROPN\tNNP\t_\t6\tobj\t_\t_\n"),
            (Lines{"GONMIL 110 ROH"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, CompoundTargetAfterAMultiWordName) {
  // "Arnor welcomed ties between Minas Tirith and Rohan".
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\twelcomed\twelcome\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tties\ttie\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
                 "4\tbetween\tbetween\tADP\tIN\t_\t6\tcase\t_\t_\n"
                 "5\tMinas\tMinas\tPROPN\tNNP\t_\t6\tcompound\t_\t_\n"
                 "6\tTirith\tTirith\tPROPN\tNNP\t_\t3\tnmod\t_\t_\n"
                 "7\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_\n"
                 "8\tRohan\tRohan\tPROPN\tNNP\t_\t6\tconj\t_\t_\n"),
            (Lines{"ARN 050 GON", "ARN 050 ROH"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, AnonymousCompoundAgentsAndListedFormsOnly) {
  // "Clerics and lawmakers fought Gondor": one anonymous actor per agent.
  CoderOptions options;
  options.anonymous_agents = true;
  EXPECT_EQ(Code("1\tClerics\tcleric\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n"
                 "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                 "3\tlawmakers\tlawmaker\tNOUN\tNNS\t_\t1\tconj\t_\t_\n"
                 "4\tfought\tfight\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\tGondor\tGondor\tPROPN\tNNP\t_\t4\tobj\t_\t_\n",
                 options),
            (Lines{"---REL 110 GON", "---LEG 110 GON"}))
      << explain_;
  // "fightes" is no listed form of FIGHT, whatever the parser's lemma says.
  const char* misspelt =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tfightes\tfight\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
      "3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\t_\n";
  EXPECT_EQ(Code(misspelt), (Lines{"ARN 110 GON"})) << explain_;
  options.verb_forms_only = true;
  EXPECT_EQ(Code(misspelt, options), Lines{}) << explain_;
}

TEST_F(PetrarchCoderTest, WordsBeforeTheVerbMayStandInTheSubject) {
  // "Rohan's death toll has risen in the dispute with Mordor": "{DEATH TOLL} *".
  const char* sentence =
      "1\tRohan\tRohan\tPROPN\tNNP\t_\t4\tnmod:poss\t_\t_\n"
      "2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n"
      "3\tdeath\tdeath\tNOUN\tNN\t_\t4\tcompound\t_\t_\n"
      "4\ttoll\ttoll\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n"
      "5\thas\thave\tAUX\tVBZ\t_\t6\taux\t_\t_\n"
      "6\trisen\trise\tVERB\tVBN\t_\t0\troot\t_\t_\n"
      "7\tin\tin\tADP\tIN\t_\t9\tcase\t_\t_\n"
      "8\tthe\tthe\tDET\tDT\t_\t9\tdet\t_\t_\n"
      "9\tdispute\tdispute\tNOUN\tNN\t_\t6\tobl\t_\t_\n"
      "10\twith\twith\tADP\tIN\t_\t11\tcase\t_\t_\n"
      "11\tMordor\tMordor\tPROPN\tNNP\t_\t9\tnmod\t_\t_\n";
  EXPECT_EQ(Code(sentence), Lines{}) << explain_;
  CoderOptions options;
  options.petrarch_verb_phrases = true;
  EXPECT_EQ(Code(sentence, options), (Lines{"ROH 190 MOR"})) << explain_;
}

TEST_F(PetrarchCoderTest, SourceAfterTheVerbMakesTheSubjectTheTarget) {
  // "Arnor marked the feast with Rohan": "* FEAST $" - Rohan acts on Arnor.
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tmarked\tmark\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                 "4\tfeast\tfeast\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                 "5\twith\twith\tADP\tIN\t_\t6\tcase\t_\t_\n"
                 "6\tRohan\tRohan\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"),
            (Lines{"ROH 017 ARN"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, CompoundPairCodeGivesEachOrderedPairOnce) {
  // "Arnor and Rohan renewed ties": `%` with 050:050.
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                 "3\tRohan\tRohan\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
                 "4\trenewed\trenew\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\tties\ttie\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"),
            (Lines{"ARN 050 ROH", "ROH 050 ARN"}))
      << explain_;
}

TEST_F(PetrarchCoderTest, StatementTargetsTheReportedClausesActor) {
  // "Arnor said it was worried about Rohan": the reported subject is Arnor itself, so the
  // statement is about Rohan (PETRARCH's last-resort target).
  const char* sentence =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tit\tit\tPRON\tPRP\t_\t5\tnsubj\t_\t_\n"
      "4\twas\tbe\tAUX\tVBD\t_\t5\tcop\t_\t_\n"
      "5\tworried\tworried\tADJ\tJJ\t_\t2\tccomp\t_\t_\n"
      "6\tabout\tabout\tADP\tIN\t_\t7\tcase\t_\t_\n"
      "7\tRohan\tRohan\tPROPN\tNNP\t_\t5\tobl\t_\t_\n";
  EXPECT_EQ(Code(sentence), Lines{}) << explain_;
  CoderOptions options;
  options.locatives_are_targets = true;
  EXPECT_EQ(Code(sentence, options), (Lines{"ARN 010 ROH"})) << explain_;
}

// "Arnor promised to restore ties with Gondor" / "Arnor did not promise to restore ties ...".
std::string Promise(bool negated) {
  std::string s = "1\tArnor\tArnor\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n";
  s += negated
           ? "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
           : "2\tthen\tthen\tADV\tRB\t_\t4\tadvmod\t_\t_\n3\talso\talso\tADV\tRB\t_\t4\tadvmod\t_"
             "\t_\n";
  s += "4\tpromised\tpromise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
       "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
       "6\trestore\trestore\tVERB\tVB\t_\t4\txcomp\t_\t_\n"
       "7\tties\ttie\tNOUN\tNNS\t_\t6\tobj\t_\t_\n"
       "8\twith\twith\tADP\tIN\t_\t9\tcase\t_\t_\n"
       "9\tGondor\tGondor\tPROPN\tNNP\t_\t6\tobl\t_\t_\n";
  return s;
}

TEST_F(PetrarchCoderTest, ComplementsComposeWithTheirGoverningVerb) {
  CoderOptions options;
  options.code_intended = true;
  options.petrarch_verb_phrases = true;
  options.compose_complements = false;
  EXPECT_EQ(Code(Promise(false), options), (Lines{"ARN 050 GON"})) << explain_;
  options.negation_algebra = &algebra_;
  // 030 + 050 = 0x3080 = 032: one event, the promise to cooperate.
  EXPECT_EQ(Code(Promise(false), options), (Lines{"ARN 032 GON"})) << explain_;
  // A negated promise: the restoration's negation (0x0080 - 0xFFFF) names no code.
  EXPECT_EQ(Code(Promise(true), options), Lines{}) << explain_;
}

// "Arnor claimed that {they|Rohan} had attacked Mordor."
std::string Claim(const std::string& who) {
  std::string w = who == "they" ? "they\tthey\tPRON\tPRP" : who + "\t" + who + "\tPROPN\tNNP";
  return "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
         "2\tclaimed\tclaim\tVERB\tVBD\t_\t0\troot\t_\t_\n"
         "3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_\n"
         "4\t" +
         w +
         "\t_\t6\tnsubj\t_\t_\n"
         "5\thad\thave\tAUX\tVBD\t_\t6\taux\t_\t_\n"
         "6\tattacked\tattack\tVERB\tVBN\t_\t2\tccomp\t_\t_\n"
         "7\tMordor\tMordor\tPROPN\tNNP\t_\t6\tobj\t_\t_\n";
}

TEST_F(PetrarchCoderTest, TransformationsRewriteReportedEvents) {
  CoderOptions options;
  options.petrarch_verb_phrases = true;
  options.locatives_are_targets = true;
  options.compose_complements = false;
  // Without the coding ontology: the claim (110, not a statement) and the attack.
  EXPECT_EQ(Code(Claim("Rohan"), options), (Lines{"ARN 110 ROH", "ROH 190 MOR"})) << explain_;
  options.negation_algebra = &algebra_;
  // Claiming one's own attack is claiming responsibility (015); another's is an accusation (112).
  EXPECT_EQ(Code(Claim("they"), options), (Lines{"ARN 015 MOR"})) << explain_;
  EXPECT_EQ(Code(Claim("Rohan"), options), (Lines{"ARN 112 ROH"})) << explain_;
}

TEST_F(PetrarchCoderTest, ParticiplesOnNounsAndExistentialsArePassive) {
  // "Civilians in Rohan killed by Mordor": the noun is the target, the by-phrase the source.
  EXPECT_EQ(Code("1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tmourned\tmourn\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tRohan\tRohan\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                 "4\tattacked\tattack\tVERB\tVBN\tVerbForm=Part\t3\tacl\t_\t_\n"
                 "5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_\n"
                 "6\tMordor\tMordor\tPROPN\tNNP\t_\t4\tobl\t_\t_\n"),
            (Lines{"MOR 190 ROH"}))
      << explain_;
  // "There were Rohan soldiers attacked by Mordor".
  EXPECT_EQ(Code("1\tThere\tthere\tPRON\tEX\t_\t2\texpl\t_\t_\n"
                 "2\twere\tbe\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tRohan\tRohan\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "4\tattacked\tattack\tVERB\tVBD\t_\t2\tcsubj\t_\t_\n"
                 "5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_\n"
                 "6\tMordor\tMordor\tPROPN\tNNP\t_\t4\tobl\t_\t_\n"),
            (Lines{"MOR 190 ROH"}))
      << explain_;
}

}  // namespace
}  // namespace dyad
