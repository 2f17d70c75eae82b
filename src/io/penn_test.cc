#include "dyad/io/penn.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/core/error.h"

namespace dyad {
namespace {

// "form/head/deprel" for every word: compact enough to read a whole parse in one assertion.
std::vector<std::string> Arcs(const ParsedSentence& s) {
  std::vector<std::string> out;
  for (const Word& w : s.words)
    out.push_back(w.form + "/" + std::to_string(w.head) + "/" + w.deprel);
  return out;
}

const Word& WordOf(const ParsedSentence& s, const std::string& form) {
  for (const Word& w : s.words)
    if (w.form == form) return w;
  static const Word none;
  ADD_FAILURE() << "no word '" << form << "'";
  return none;
}

std::string ErrorOf(std::string_view tree, const PennSource& source = {"t.xml", 10}) {
  try {
    PennTreesToDependencies(tree, source);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(PennTest, SimpleClause) {
  ParsedSentence s =
      PennToDependencies("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))");
  EXPECT_EQ(Arcs(s),
            (std::vector<std::string>{"Arnor/2/nsubj", "met/0/root", "Gondor/2/obj", "./2/punct"}));
  const Word& met = s.words[1];
  EXPECT_EQ(met.lemma, "meet");
  EXPECT_EQ(met.upos, "VERB");
  EXPECT_EQ(met.xpos, "VBD");
  EXPECT_EQ(s.words[0].upos, "PROPN");
  EXPECT_EQ(s.words[0].lemma, "Arnor");
  EXPECT_EQ(s.words[3].upos, "PUNCT");
  EXPECT_FALSE(s.has_spans);
  EXPECT_EQ(s.text, "Arnor met Gondor .");
}

TEST(PennTest, PassiveWithAgent) {
  ParsedSentence s = PennToDependencies(
      "(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN criticized) (PP (IN by) (NP (NNP "
      "Arnor))))) (. .)))");
  EXPECT_EQ(Arcs(s),
            (std::vector<std::string>{"Gondor/3/nsubj:pass", "was/3/aux:pass", "criticized/0/root",
                                      "by/5/case", "Arnor/3/obl:agent", "./3/punct"}));
  EXPECT_EQ(WordOf(s, "was").upos, "AUX");
  EXPECT_EQ(WordOf(s, "was").lemma, "be");
  EXPECT_EQ(WordOf(s, "criticized").lemma, "criticize");
}

TEST(PennTest, PerfectAndProgressiveAuxiliariesAreNotPassive) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBZ has) (VP (VBN been) (VP (VBG meeting) (NP (NNP Gondor))))))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{"Arnor/4/nsubj", "has/4/aux", "been/4/aux",
                                               "meeting/0/root", "Gondor/4/obj"}));
}

TEST(PennTest, PrepositionsAreCaseOfTheirNoun) {
  // On a noun: nmod; on a verb: obl. The preposition depends on its noun either way.
  ParsedSentence s = PennToDependencies(
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD held) (NP (NP (NNS talks)) (PP (IN with) (NP (NNP "
      "Gondor)))) (PP (IN in) (NP (NNP Bree)))) (. .)))");
  EXPECT_EQ(Arcs(s),
            (std::vector<std::string>{"Arnor/2/nsubj", "held/0/root", "talks/2/obj", "with/5/case",
                                      "Gondor/3/nmod", "in/7/case", "Bree/2/obl", "./2/punct"}));
  EXPECT_EQ(WordOf(s, "talks").lemma, "talk");
  EXPECT_EQ(WordOf(s, "with").upos, "ADP");
}

TEST(PennTest, PrepositionOverAClauseIsAMarker) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBD left) (PP (IN after) (S (VP (VBG signing) (NP (DT the) (NN "
      "accord)))))))");
  EXPECT_EQ(WordOf(s, "after").deprel, "mark");
  EXPECT_EQ(WordOf(s, "after").upos, "SCONJ");
  EXPECT_EQ(WordOf(s, "signing").deprel, "advcl");
  EXPECT_EQ(WordOf(s, "signing").head, 2);
  EXPECT_EQ(WordOf(s, "signing").lemma, "sign");
}

TEST(PennTest, CopulaDependsOnThePredicate) {
  ParsedSentence adjective =
      PennToDependencies("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (ADJP (JJ angry))) (. .)))");
  EXPECT_EQ(Arcs(adjective),
            (std::vector<std::string>{"Arnor/3/nsubj", "is/3/cop", "angry/0/root", "./3/punct"}));
  EXPECT_EQ(adjective.words[1].upos, "AUX");
  ParsedSentence nominal = PennToDependencies(
      "(S (NP (NNP Gondor)) (VP (VBZ is) (NP (NP (DT an) (NN ally)) (PP (IN of) (NP (NNP "
      "Arnor))))))");
  EXPECT_EQ(Arcs(nominal), (std::vector<std::string>{"Gondor/4/nsubj", "is/4/cop", "an/4/det",
                                                     "ally/0/root", "of/6/case", "Arnor/4/nmod"}));
  // PETRARCH's favourite: "is about to restore", with "about" under a verb phrase.
  ParsedSentence about = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VP (VB restore) (NP (NNS "
      "ties))))))))");
  EXPECT_EQ(Arcs(about), (std::vector<std::string>{"Arnor/3/nsubj", "is/3/cop", "about/0/root",
                                                   "to/5/mark", "restore/3/xcomp", "ties/5/obj"}));
}

TEST(PennTest, ExistentialThereKeepsBeAsHead) {
  ParsedSentence s =
      PennToDependencies("(S (NP (EX There)) (VP (VBZ is) (NP (DT a) (NN crisis))) (. .))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{"There/2/expl", "is/0/root", "a/4/det",
                                               "crisis/2/nsubj", "./2/punct"}));
  EXPECT_EQ(s.words[1].upos, "VERB");
}

TEST(PennTest, CoordinationIsHeadedByTheFirstConjunct) {
  ParsedSentence s = PennToDependencies(
      "(ROOT (S (NP (NNP Arnor) (, ,) (NNP Bree) (CC and) (NNP Gondor)) (VP (VP (VBD met) (NP "
      "(NNP Rohan))) (CC and) (VP (VBD signed) (NP (DT an) (NN accord)))) (. .)))");
  EXPECT_EQ(Arcs(s),
            (std::vector<std::string>{"Arnor/6/nsubj", ",/3/punct", "Bree/1/conj", "and/5/cc",
                                      "Gondor/1/conj", "met/0/root", "Rohan/6/obj", "and/9/cc",
                                      "signed/6/conj", "an/11/det", "accord/9/obj", "./6/punct"}));
}

TEST(PennTest, CoordinatedModifiersShareTheirNoun) {
  ParsedSentence names =
      PennToDependencies("(NP (DT the) (NNP Arnor) (CC and) (NNP Gondor) (NNS governments))");
  EXPECT_EQ(Arcs(names), (std::vector<std::string>{"the/5/det", "Arnor/5/compound", "and/4/cc",
                                                   "Gondor/2/conj", "governments/0/root"}));
  ParsedSentence adjectives =
      PennToDependencies("(NP (JJ economic) (CC and) (JJ political) (NNS ties))");
  EXPECT_EQ(Arcs(adjectives), (std::vector<std::string>{"economic/4/amod", "and/3/cc",
                                                        "political/1/conj", "ties/0/root"}));
  // Two nouns, the second with a modifier of its own: the nouns are the conjuncts.
  ParsedSentence nouns =
      PennToDependencies("(NP (JJ Danish) (NNS media) (CC and) (JJ senior) (NN government))");
  EXPECT_EQ(Arcs(nouns), (std::vector<std::string>{"Danish/2/amod", "media/0/root", "and/5/cc",
                                                   "senior/5/amod", "government/2/conj"}));
}

TEST(PennTest, RelativeClauses) {
  ParsedSentence subject = PennToDependencies(
      "(NP (NP (NNS soldiers)) (SBAR (WHNP (WP who)) (S (VP (VBD attacked) (NP (NNP Gondor))))))");
  EXPECT_EQ(Arcs(subject), (std::vector<std::string>{"soldiers/0/root", "who/3/nsubj",
                                                     "attacked/1/acl:relcl", "Gondor/3/obj"}));
  ParsedSentence object = PennToDependencies(
      "(NP (NP (DT the) (NN accord)) (SBAR (WHNP (WDT that)) (S (NP (NNP Arnor)) (VP (VBD "
      "signed)))))");
  EXPECT_EQ(Arcs(object), (std::vector<std::string>{"the/2/det", "accord/0/root", "that/5/obj",
                                                    "Arnor/5/nsubj", "signed/2/acl:relcl"}));
  EXPECT_EQ(object.words[2].upos, "PRON");
  // A reduced relative with a passive participle: acl, and its "by" phrase is the agent.
  ParsedSentence reduced =
      PennToDependencies("(NP (NP (NNS memos)) (VP (VBN sent) (PP (IN by) (NP (NNP Bree)))))");
  EXPECT_EQ(Arcs(reduced), (std::vector<std::string>{"memos/0/root", "sent/1/acl", "by/4/case",
                                                     "Bree/2/obl:agent"}));
}

TEST(PennTest, ComplementClauses) {
  ParsedSentence that = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBD said) (SBAR (IN that) (S (NP (NNP Gondor)) (VP (MD would) "
      "(VP (VB attack)))))))");
  EXPECT_EQ(Arcs(that),
            (std::vector<std::string>{"Arnor/2/nsubj", "said/0/root", "that/6/mark",
                                      "Gondor/6/nsubj", "would/6/aux", "attack/2/ccomp"}));
  EXPECT_EQ(that.words[2].upos, "SCONJ");
  EXPECT_EQ(that.words[4].upos, "AUX");
  // The small clause's subject is the governing verb's object (as in UD): "urged Gondor to ...".
  ParsedSentence urged = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBD urged) (S (NP (NNP Gondor)) (VP (TO to) (VP (VB restore) (NP "
      "(NNS ties)))))))");
  EXPECT_EQ(Arcs(urged), (std::vector<std::string>{"Arnor/2/nsubj", "urged/0/root", "Gondor/2/obj",
                                                   "to/5/mark", "restore/2/xcomp", "ties/5/obj"}));
}

TEST(PennTest, ReportingClauseIsParataxisOfTheReport) {
  ParsedSentence s = PennToDependencies(
      "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)))) (, ,) (NP (DT an) (NN "
      "official)) (VP (VBD said)) (. .)))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{"Arnor/2/nsubj", "met/0/root", "Gondor/2/obj",
                                               ",/2/punct", "an/6/det", "official/7/nsubj",
                                               "said/2/parataxis", "./2/punct"}));
}

TEST(PennTest, ParticleVerbs) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBD called) (PRT (RP off)) (NP (DT the) (NNS talks))))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{"Arnor/2/nsubj", "called/0/root",
                                               "off/2/compound:prt", "the/5/det", "talks/2/obj"}));
  EXPECT_EQ(s.words[2].upos, "ADP");
}

TEST(PennTest, Possessives) {
  ParsedSentence s = PennToDependencies(
      "(NP (NP (NP (NNP Gondor) (POS 's)) (NN embassy)) (CC and) (NP (PRP$ its) (NNS troops)))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{"Gondor/3/nmod:poss", "'s/1/case", "embassy/0/root",
                                               "and/6/cc", "its/6/nmod:poss", "troops/3/conj"}));
  EXPECT_EQ(s.words[1].upos, "PART");
}

TEST(PennTest, NegationAndAuxiliaries) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NNP Arnor)) (VP (VBD did) (RB not) (VP (VB meet) (NP (NNP Gondor)))))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{"Arnor/4/nsubj", "did/4/aux", "not/4/advmod",
                                               "meet/0/root", "Gondor/4/obj"}));
  EXPECT_EQ(s.words[2].upos, "PART");
  ParsedSentence contracted =
      PennToDependencies("(S (NP (NNP Gollum)) (VP (VBZ does) (RB n't) (VP (VB agree))))");
  EXPECT_EQ(contracted.words[2].lemma, "not");
}

TEST(PennTest, NamesTimesAndNumbers) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NNP Prime) (NNP Minister) (NNP Falastur)) (VP (VBD left) (NP-TMP (JJ last) (NN "
      "week)) (PP (IN after) (NP (RB almost) (CD five) (NNS years)))))");
  EXPECT_EQ(Arcs(s), (std::vector<std::string>{
                         "Prime/3/compound", "Minister/3/compound", "Falastur/4/nsubj",
                         "left/0/root", "last/6/amod", "week/4/obl:tmod", "after/10/case",
                         "almost/9/advmod", "five/10/nummod", "years/4/obl"}));
  // A description before a name: the name heads ("Old foes Gondor and Osgiliath").
  ParsedSentence foes = PennToDependencies(
      "(NP (NP (JJ Old) (NNS foes)) (NP (NNP Gondor) (CC and) (NNP Osgiliath)))");
  EXPECT_EQ(Arcs(foes), (std::vector<std::string>{"Old/2/amod", "foes/3/compound", "Gondor/0/root",
                                                  "and/5/cc", "Osgiliath/3/conj"}));
}

TEST(PennTest, LabelsFunctionTagsTracesAndCase) {
  // Treebank style: function tags, indices and empty elements; labels in lower case.
  ParsedSentence s = PennToDependencies(
      "( (s (np-sbj-1 (nnp Gondor)) (vp (vbd was) (vp (vbn attacked) (np (-none- *-1))))))");
  EXPECT_EQ(Arcs(s),
            (std::vector<std::string>{"Gondor/3/nsubj:pass", "was/3/aux:pass", "attacked/0/root"}));
  EXPECT_EQ(s.words[0].xpos, "NNP");
  // PETRARCH's records tag some auxiliaries AUX*.
  ParsedSentence aux = PennToDependencies("(S (NP (NNS talks)) (VP (AUXD were) (VP (VBN held))))");
  EXPECT_EQ(aux.words[1].xpos, "VBD");
  EXPECT_EQ(aux.words[1].deprel, "aux:pass");
}

TEST(PennTest, EscapedBracketsAndQuotes) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NP (NNP Arnor)) (PRN (-LRB- -LRB-) (NP (NNP ARN)) (-RRB- -RRB-))) (VP (VBD said) "
      "(: :) (`` ``) (S (NP (PRP We)) (VP (VBD won))) ('' '')))");
  EXPECT_EQ(s.words[1].form, "(");
  EXPECT_EQ(s.words[1].deprel, "punct");
  EXPECT_EQ(s.words[3].form, ")");
  EXPECT_EQ(WordOf(s, "ARN").deprel, "appos");
  EXPECT_EQ(s.words[6].form, "\"");
  EXPECT_EQ(s.words[6].upos, "PUNCT");
  EXPECT_EQ(WordOf(s, "won").deprel, "ccomp");
}

TEST(PennTest, SeveralTrees) {
  std::vector<ParsedSentence> all = PennTreesToDependencies(
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))\n\n(ROOT (FRAG (NP (NNP Gondor))))");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].words[0].deprel, "root");
  EXPECT_EQ(ErrorOf("(S (NP (NNP A)) (VP (VBD left))) (S (NP (NNP B)) (VP (VBD left)))"), "");
  try {
    PennToDependencies("(NN a) (NN b)", {"t.xml", 3});
    ADD_FAILURE() << "two trees accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "t.xml:3: expected one Penn tree, found 2");
  }
}

TEST(PennTest, Lemmas) {
  auto lemma = [](const std::string& tag, const std::string& word) {
    return PennToDependencies("(" + tag + " " + word + ")").words[0].lemma;
  };
  EXPECT_EQ(lemma("VBD", "met"), "meet");
  EXPECT_EQ(lemma("VBD", "trashed"), "trash");
  EXPECT_EQ(lemma("VBN", "restored"), "restore");
  EXPECT_EQ(lemma("VBD", "hoped"), "hope");
  EXPECT_EQ(lemma("VBD", "stopped"), "stop");
  EXPECT_EQ(lemma("VBD", "visited"), "visit");
  EXPECT_EQ(lemma("VBD", "said"), "say");
  EXPECT_EQ(lemma("VBD", "accused"), "accuse");
  EXPECT_EQ(lemma("VBD", "created"), "create");
  EXPECT_EQ(lemma("VBD", "negotiated"), "negotiate");
  EXPECT_EQ(lemma("VBD", "treated"), "treat");
  EXPECT_EQ(lemma("VBN", "freed"), "free");
  EXPECT_EQ(lemma("VBD", "continued"), "continue");
  EXPECT_EQ(lemma("VBN", "acquired"), "acquire");
  EXPECT_EQ(lemma("VBN", "scheduled"), "schedule");
  EXPECT_EQ(lemma("VBD", "mimicked"), "mimic");
  EXPECT_EQ(lemma("VB", "lay"), "lay");  // a base form, not the past of "lie"
  EXPECT_EQ(lemma("VBD", "lay"), "lie");
  EXPECT_EQ(lemma("VBP", "are"), "be");
  EXPECT_EQ(lemma("VBD", "arrived"), "arrive");
  EXPECT_EQ(lemma("VBD", "urged"), "urge");
  EXPECT_EQ(lemma("VBD", "called"), "call");
  EXPECT_EQ(lemma("VBD", "agreed"), "agree");
  EXPECT_EQ(lemma("VBG", "making"), "make");
  EXPECT_EQ(lemma("VBG", "meeting"), "meet");
  EXPECT_EQ(lemma("VBG", "planning"), "plan");
  EXPECT_EQ(lemma("VBZ", "criticizes"), "criticize");
  EXPECT_EQ(lemma("VBZ", "carries"), "carry");
  EXPECT_EQ(lemma("VBZ", "watches"), "watch");
  EXPECT_EQ(lemma("NNS", "countries"), "country");
  EXPECT_EQ(lemma("NNS", "ties"), "tie");
  EXPECT_EQ(lemma("NNS", "women"), "woman");
  EXPECT_EQ(lemma("NNS", "people"), "people");  // as the English UD treebanks have it
  EXPECT_EQ(lemma("NNPS", "Philippines"), "Philippines");
  EXPECT_EQ(lemma("NN", "Embassy"), "embassy");
}

TEST(PennTest, MalformedTreesNameTheLine) {
  // ERROR-02 of PETRARCH's unit tests: a "(VP" missing leaves one ')' too many.
  EXPECT_EQ(ErrorOf("(ROOT (S (NP (NNP Arnor))\n (VBZ is) (NP (NN x)))))"),
            "t.xml:11: unbalanced brackets: this ')' closes nothing (one ')' too many, or a '(' "
            "missing before it)");
  // ERROR-03: "))" missing.
  EXPECT_EQ(ErrorOf("(ROOT (S (NP (NNP Arnor))\n (VP (VBZ is)\n"),
            "t.xml:10: unbalanced brackets: the tree opening here ends at line 12 with 3 '(' "
            "never closed (a ')' is missing)");
  EXPECT_EQ(ErrorOf(""), "t.xml:10: empty Penn tree");
  EXPECT_EQ(ErrorOf("  \n "), "t.xml:10: empty Penn tree");
  EXPECT_EQ(ErrorOf("Arnor met Gondor"),
            "t.xml:10: text outside brackets ('Arnor'); a Penn tree is (LABEL ...) with every "
            "word inside (TAG word)");
  EXPECT_EQ(ErrorOf("(S (NP (DT the) dog))"),
            "t.xml:10: word 'dog' stands in '(NP' beside other words or constituents; every "
            "word needs its own (TAG word)");
  EXPECT_EQ(ErrorOf("(S (NN dog (DT the)))"),
            "t.xml:10: '(NN dog' has a word and constituents; every word needs its own (TAG "
            "word)");
  EXPECT_EQ(ErrorOf("(S (NP) (VP (VBD left)))"),
            "t.xml:10: empty constituent '(NP)': a node needs a word or constituents inside");
  // The first word after "(" is the label, so "(Arnor)" is an empty constituent.
  EXPECT_EQ(ErrorOf("(S (Arnor))"),
            "t.xml:10: empty constituent '(ARNOR)': a node needs a word or constituents inside");
  EXPECT_EQ(ErrorOf("(S (-NONE- *T*))"), "t.xml:10: the tree holds no words");
  EXPECT_EQ(ErrorOf("(S (NP (NNP A)))", {"", 1}), "");
  EXPECT_EQ(ErrorOf(")", {"", 4}),
            "line 4: unbalanced brackets: this ')' closes nothing (one ')' too many, or a '(' "
            "missing before it)");
}

TEST(PennTest, DeepGarbageDoesNotExhaustTheStack) {
  std::string deep(200000, '(');
  EXPECT_EQ(ErrorOf(deep),
            "t.xml:10: Penn tree nested deeper than 1000 brackets; no parser "
            "writes such trees (is this a parse?)");
  std::string nested;
  for (int i = 0; i < 900; ++i) nested += "(NP ";
  nested += "(NN x)";
  for (int i = 0; i < 900; ++i) nested += ")";
  EXPECT_EQ(PennToDependencies(nested).words.size(), 1u);
}

TEST(PennTest, AlignsWithTheTextTolerantly) {
  ParsedSentence s = PennToDependencies(
      "(S (NP (NP (NNP Arnor) (POS 's)) (`` ``) (NNS talks) ('' '')) (PRN (-LRB- -LRB-) (PP (IN "
      "in) (NP (NNP Gondor))) (-RRB- -RRB-)) (VP (VBD ended) (NP-TMP (NN today))) (. .))");
  std::string text =
      "Intro. Arnor\xE2\x80\x99s \xE2\x80\x9Ctalks\xE2\x80\x9D [in Gondor] ended today.";
  uint32_t end = AlignPennWords(text, 7, &s);
  EXPECT_TRUE(s.has_spans);
  EXPECT_EQ(end, text.size());
  EXPECT_EQ(s.words[0].span, (Span{7, 12}));
  EXPECT_EQ(s.words[1].form, "\xE2\x80\x99s");
  EXPECT_EQ(s.words[2].form, "\xE2\x80\x9C");
  EXPECT_EQ(s.words[5].form, "[");
  EXPECT_EQ(s.words[8].form, "]");
  EXPECT_EQ(s.words.back().span,
            (Span{static_cast<uint32_t>(text.size() - 1), static_cast<uint32_t>(text.size())}));
}

TEST(PennTest, AlignmentOfAbbreviationsRespellingsAndMissingWords) {
  // CoreNLP repeats the period of "U.S." and Americanises "honour".
  ParsedSentence s =
      PennToDependencies("(S (NP (PRP They)) (VP (VBD honor) (NP (NNP U.S.))) (. .))");
  AlignPennWords("They honour U.S.", 0, &s);
  EXPECT_TRUE(s.has_spans);
  EXPECT_EQ(s.words[1].form, "honour");
  EXPECT_EQ(s.words[2].span, (Span{12, 16}));
  EXPECT_EQ(s.words[3].span, (Span{16, 16}));
  // A word the text does not have: no offsets for the sentence, as for CoNLL-U without them.
  ParsedSentence other = PennToDependencies("(S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Rohan))))");
  AlignPennWords("Arnor met Gondor in Bree", 0, &other);
  EXPECT_FALSE(other.has_spans);
  EXPECT_EQ(other.words[1].span, (Span{6, 9}));
  EXPECT_TRUE(other.words[2].span.empty());
}

}  // namespace
}  // namespace dyad
