#include "dyad/coder/coder.h"

#include <gtest/gtest.h>

#include "dyad/dict/dictionary.h"
#include "dyad/io/readers.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad {
namespace {

constexpr char kActors[] = R"(actor Vietnam
  code VNM
  en Vietnam
  en.adj Vietnamese
  vi Việt Nam
actor United States
  code USA
  en United States | US
  vi Mỹ
actor Laos
  code LAO
  en Laos
  en.adj Lao
actor China
  code CHN
  en China
place South China Sea
  en South China Sea
actor To Lam
  code VNMELI
  en To Lam
  vi Tô Lâm
  role VNMGOV 2024-08-03 -
actor Lee Jae-myung
  code KORELI
  en Lee Jae-myung
  role KORGOV 2025-06-04 -
actor Germany
  code DEU
  en Germany
  en.place Berlin
actor Friedrich Merz
  code DEUELI
  en Friedrich Merz
  role DEUGOV 2025-05-06 -
actor Patrick Leahy
  code USAELI
  en Patrick Leahy
  role USALEG 1975-01-03 2023-01-03
)";

constexpr char kEnglish[] = R"(agent GOV
  foreign minister | official | leader
agent COP
  police
agent CVL
  protester | demonstrator
verb arrest {arrested}
  173  *
verb arrive
  042  * for visit
verb invite {invited}
  036  *
verb visit
  042  *
verb discuss {discussed}
  040  *
verb meet {met}
  040  *
  040  * with +
verb hold {held}
  041  * phone talks with +
verb receive
  043:042  *
verb criticise {criticised}
  111  *
verb say {said}
  010  *
verb threaten
  130  *
verb impose
  163  * sanctions on +
verb urge
  020  *
verb call {called}
  020  * on +
verb thank {thanked}
  051  *
  051  * for +
issue MARITIME
  south china sea | territorial waters
issue TRADE
  tariff
)";

constexpr char kVietnamese[] = R"(agent GOV
  Tổng Bí thư | Đại sứ
verb tiếp
  043:042  *
verb hội đàm
  040  * với +
verb thăm
  042  * +
verb gửi
  051  * điện mừng +
)";

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ParseDyadFile(kActors, "actors/test.txt", "", &set_);
    ParseDyadFile(kEnglish, "en/test.txt", "en", &set_);
    ParseDyadFile(kVietnamese, "vi/test.txt", "vi", &set_);
    CheckSetReferences(&set_);
    ASSERT_TRUE(set_.problems.empty()) << set_.problems[0].ToString();
    en_ = std::make_unique<DictionaryMatcher>(set_, "en");
    vi_ = std::make_unique<DictionaryMatcher>(set_, "vi");
    coder_ = std::make_unique<Coder>(
        std::map<std::string, const DictionaryMatcher*>{{"en", en_.get()}, {"vi", vi_.get()}},
        Ontology::Default());
  }

  // Codes a CoNLL-U article (one or more sentences) dated `date`; returns "SRC CODE TGT date"
  // lines.
  std::vector<std::string> Code(const std::string& conllu, const char* date = "2026-02-20",
                                const std::string& language = "en") {
    Article article;
    ReadOptions options;
    options.format = InputFormat::kConllu;
    ReadContent(
        conllu, "test.conllu", options, [&](Article&& a) { article = std::move(a); },
        [](const InputProblem& p) { FAIL() << p.message; });
    article.date = date ? Date::Parse(date) : std::nullopt;
    article.language = language;
    std::vector<Sentence> sentences = SentencesOf(article);
    std::vector<ParsedSentence> parses;
    for (const Sentence& s : sentences) parses.push_back(*s.given_parse);
    std::vector<std::string> out;
    for (const Event& e : coder_->CodeArticle(article, sentences, parses, &explain_)) {
      out.push_back(e.source.code + " " + e.cameo + " " + e.target.code + " " +
                    (e.date ? e.date->ToString() : "-"));
      last_events_.push_back(e);
    }
    return out;
  }

  DictionarySet set_;
  std::unique_ptr<DictionaryMatcher> en_, vi_;
  std::unique_ptr<Coder> coder_;
  std::string explain_;
  std::vector<Event> last_events_;
};

using Lines = std::vector<std::string>;

TEST_F(CoderTest, PhoneCallWithDatedRolesAndTextDate) {
  EXPECT_EQ(Code("1\tTo\tTo\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
                 "2\tLam\tLam\tPROPN\tNNP\t_\t1\tflat\t_\t_\n"
                 "3\theld\thold\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "4\tphone\tphone\tNOUN\tNN\t_\t5\tcompound\t_\t_\n"
                 "5\ttalks\ttalk\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
                 "6\twith\twith\tADP\tIN\t_\t8\tcase\t_\t_\n"
                 "7\tPatrick\tPatrick\tPROPN\tNNP\t_\t8\tcompound\t_\t_\n"
                 "8\tLeahy\tLeahy\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"
                 "9\ton\ton\tADP\tIN\t_\t10\tcase\t_\t_\n"
                 "10\tFebruary\tFebruary\tPROPN\tNNP\t_\t3\tobl\t_\t_\n"
                 "11\t19\t19\tNUM\tCD\t_\t10\tnummod\t_\tSpaceAfter=No\n"
                 "12\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"),
            (Lines{"VNMGOV 041 USAELI 2026-02-19"}))
      << explain_;
  const Event& e = last_events_[0];
  EXPECT_EQ(e.source.text, "To Lam");
  EXPECT_EQ(e.source.span, (Span{0, 6}));
  EXPECT_EQ(e.target.text, "Patrick Leahy");
  EXPECT_EQ(e.verb_text, "held phone talks with");
  EXPECT_EQ(e.verb_pattern, "hold: * phone talks with +");
  EXPECT_EQ(e.date_source, DateSource::kText);
  EXPECT_EQ(e.cameo_name, "Discuss by telephone");
  EXPECT_EQ(e.quad_class, 1);
  EXPECT_EQ(e.plover.event, "CONSULT");
  // Before his role began, To Lam has his default code.
  auto before = Code(
      "1\tTo\tTo\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n2\tLam\tLam\tPROPN\tNNP\t_\t1\tflat\t_\t_\n"
      "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n4\tLaos\tLaos\tPROPN\tNNP\t_\t3\tobj\t_\t_\n",
      "2020-01-01");
  EXPECT_EQ(before, (Lines{"VNMELI 040 LAO 2020-01-01"}));
}

TEST_F(CoderTest, PairedCodesAndAgentsOfCountries) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\treceived\treceive\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
                 "4\tforeign\tforeign\tADJ\tJJ\t_\t5\tamod\t_\t_\n"
                 "5\tminister\tminister\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
                 "6\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_\n"
                 "7\tLaos\tLaos\tPROPN\tNNP\t_\t5\tnmod\t_\t_\n"),
            (Lines{"VNM 043 LAOGOV 2026-02-20", "LAOGOV 042 VNM 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, PassiveSwapsSourceAndTarget) {
  EXPECT_EQ(Code("1\tThe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                 "2\tVietnamese\tVietnamese\tADJ\tJJ\t_\t4\tamod\t_\t_\n"
                 "3\tforeign\tforeign\tADJ\tJJ\t_\t4\tamod\t_\t_\n"
                 "4\tminister\tminister\tNOUN\tNN\t_\t6\tnsubj:pass\t_\t_\n"
                 "5\twas\tbe\tAUX\tVBD\t_\t6\taux:pass\t_\t_\n"
                 "6\treceived\treceive\tVERB\tVBN\t_\t0\troot\t_\t_\n"
                 "7\tby\tby\tADP\tIN\t_\t8\tcase\t_\t_\n"
                 "8\tLaos\tLaos\tPROPN\tNNP\t_\t6\tobl:agent\t_\t_\n"),
            (Lines{"LAO 043 VNMGOV 2026-02-20", "VNMGOV 042 LAO 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, NegatedVerbsAreNotCoded) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
                 "3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                 "4\tmeet\tmeet\tVERB\tVB\t_\t0\troot\t_\t_\n"
                 "5\tLaos\tLaos\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
            Lines{})
      << explain_;
  EXPECT_NE(explain_.find("'meet' is negated: not coded"), std::string::npos);
}

TEST_F(CoderTest, CompoundSubjectsGiveOneEventEach) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
                 "4\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                 "6\tUnited\tUnited\tPROPN\tNNP\t_\t7\tcompound\t_\t_\n"
                 "7\tStates\tStates\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
            (Lines{"VNM 111 USA 2026-02-20", "LAO 111 USA 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, ReportedSpeechCodesTheReportedEvent) {
  EXPECT_EQ(Code("1\tLaos\tLaos\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "4\tcriticised\tcriticise\tVERB\tVBD\t_\t2\tccomp\t_\t_\n"
                 "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                 "6\tUS\tUS\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
            (Lines{"VNM 111 USA 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, PronounsRefersToTheEarlierSubject) {
  EXPECT_EQ(Code("1\tTo\tTo\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
                 "2\tLam\tLam\tPROPN\tNNP\t_\t1\tflat\t_\t_\n"
                 "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "4\tLaos\tLaos\tPROPN\tNNP\t_\t3\tobj\t_\t_\n"
                 "\n"
                 "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
                 "2\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                 "4\tUS\tUS\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"),
            (Lines{"VNMGOV 040 LAO 2026-02-20", "VNMGOV 111 USA 2026-02-20"}))
      << explain_;
  EXPECT_EQ(last_events_[1].source.text, "He");
}

// "The two sides", "both countries" after an event between two actors are those two actors.
TEST_F(CoderTest, TheTwoSidesAreTheActorsOfTheLatestEvent) {
  const std::string met =
      "1\tTo\tTo\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
      "2\tLam\tLam\tPROPN\tNNP\t_\t1\tflat\t_\t_\n"
      "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "4\tLaos\tLaos\tPROPN\tNNP\t_\t3\tobj\t_\t_\n\n";
  EXPECT_EQ(
      Code(met + "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
                 "2\ttwo\ttwo\tNUM\tCD\t_\t3\tnummod\t_\t_\n"
                 "3\tsides\tside\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n"
                 "4\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                 "6\tUS\tUS\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
      (Lines{"VNMGOV 040 LAO 2026-02-20", "VNMGOV 111 USA 2026-02-20", "LAO 111 USA 2026-02-20"}))
      << explain_;
  EXPECT_EQ(last_events_[1].source.text, "The two sides");
  // A symmetric act of the pair: each acts on the other.
  EXPECT_EQ(Code(met + "1\tBoth\tboth\tDET\tDT\t_\t2\tdet\t_\t_\n"
                       "2\tcountries\tcountry\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
                       "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                       "4\tagain\tagain\tADV\tRB\t_\t3\tadvmod\t_\t_\n"),
            (Lines{"VNMGOV 040 LAO 2026-02-20", "VNMGOV 040 LAO 2026-02-20",
                   "LAO 040 VNMGOV 2026-02-20"}))
      << explain_;
  // Without an earlier event between two, "the two sides" are nobody.
  EXPECT_EQ(Code("1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
                 "2\ttwo\ttwo\tNUM\tCD\t_\t3\tnummod\t_\t_\n"
                 "3\tsides\tside\tNOUN\tNNS\t_\t4\tnsubj\t_\t_\n"
                 "4\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                 "6\tUS\tUS\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
            Lines{})
      << explain_;
}

// A person named earlier, now by one part of the name the tagger took for another word ("Hung
// paid a courtesy call" with "Hung" as AUX): still that person.
TEST_F(CoderTest, AShortNameMistaggedIsStillThePerson) {
  EXPECT_EQ(Code("1\tTo\tTo\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
                 "2\tLam\tLam\tPROPN\tNNP\t_\t1\tflat\t_\t_\n"
                 "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "4\tLaos\tLaos\tPROPN\tNNP\t_\t3\tobj\t_\t_\n\n"
                 "1\tLam\tlam\tAUX\tVBD\t_\t2\taux\t_\t_\n"
                 "2\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
                 "4\tUS\tUS\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"),
            (Lines{"VNMGOV 040 LAO 2026-02-20", "VNMGOV 111 USA 2026-02-20"}))
      << explain_;
  EXPECT_EQ(last_events_.back().source.text, "Lam");
}

// Two pattern words match one word of the sentence when the segmenter joined them: "* điện mừng
// +" against "gửi điện mừng Mỹ" with "điện mừng" one word.
TEST_F(CoderTest, VietnamesePatternWordsMatchAJoinedWord) {
  EXPECT_EQ(Code("1\tViệt Nam\tViệt Nam\tPROPN\tNp\t_\t2\tnsubj\t_\t_\n"
                 "2\tgửi\tgửi\tVERB\tV\t_\t0\troot\t_\t_\n"
                 "3\tđiện mừng\tđiện mừng\tNOUN\tN\t_\t2\tobj\t_\t_\n"
                 "4\tMỹ\tMỹ\tPROPN\tNp\t_\t3\tnmod\t_\t_\n",
                 "2026-02-20", "vi"),
            (Lines{"VNM 051 USA 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, VietnameseReceptionWithUndatedArticle) {
  EXPECT_EQ(Code("# text = Tổng Bí thư Tô Lâm tiếp Đại sứ Mỹ.\n"
                 "1\tTổng Bí thư\tTổng Bí thư\tNOUN\tN\t_\t3\tnsubj\t_\t_\n"
                 "2\tTô Lâm\tTô Lâm\tPROPN\tNp\t_\t1\tflat:name\t_\t_\n"
                 "3\ttiếp\ttiếp\tVERB\tV\t_\t0\troot\t_\t_\n"
                 "4\tĐại sứ\tĐại sứ\tNOUN\tN\t_\t3\tobj\t_\t_\n"
                 "5\tMỹ\tMỹ\tPROPN\tNp\t_\t4\tnmod\t_\tSpaceAfter=No\n"
                 "6\t.\t.\tPUNCT\tCH\t_\t3\tpunct\t_\t_\n",
                 nullptr, "vi"),
            (Lines{"VNMGOV 043 USAGOV -", "USAGOV 042 VNMGOV -"}))
      << explain_;
  EXPECT_EQ(last_events_[0].date_source, DateSource::kNone);
  EXPECT_EQ(last_events_[0].target.text, "Đại sứ Mỹ");
}

TEST_F(CoderTest, VietnameseMisparsesStillGiveTheEvent) {
  // The event word tagged as a noun on the actor heading a verbless parse.
  EXPECT_EQ(Code("1\tTổng Bí thư\tTổng Bí thư\tNOUN\tN\t_\t0\troot\t_\t_\n"
                 "2\tTô Lâm\tTô Lâm\tPROPN\tNp\t_\t1\tcompound\t_\t_\n"
                 "3\thội đàm\thội đàm\tNOUN\tN\t_\t1\tnmod\t_\t_\n"
                 "4\tvới\tvới\tADP\tE\t_\t5\tcase\t_\t_\n"
                 "5\tĐại sứ\tĐại sứ\tNOUN\tN\t_\t3\tobl\t_\t_\n"
                 "6\tMỹ\tMỹ\tPROPN\tNp\t_\t5\tnmod\t_\t_\n",
                 "2026-02-20", "vi"),
            (Lines{"VNMGOV 040 USAGOV 2026-02-20"}))
      << explain_;
  // The target read as the subject of a clause of its own, right after the verb.
  EXPECT_EQ(Code("1\tTô Lâm\tTô Lâm\tPROPN\tNp\t_\t2\tnsubj\t_\t_\n"
                 "2\tthăm\tthăm\tVERB\tV\t_\t0\troot\t_\t_\n"
                 "3\tMỹ\tMỹ\tPROPN\tNp\t_\t4\tnsubj\t_\t_\n"
                 "4\tvào\tvào\tVERB\tV\t_\t2\tccomp\t_\t_\n"
                 "5\ttháng 10\ttháng 10\tNOUN\tN\t_\t4\tobj\t_\t_\n",
                 "2026-02-20", "vi"),
            (Lines{"VNMGOV 042 USA 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, ThreatsIntentionsAndAppealsAreNotTheActs) {
  // "Laos threatened to impose sanctions on Vietnam": a threat of sanctions (1312), not sanctions.
  const std::string threat =
      "1\tLaos\tLaos\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tthreatened\tthreaten\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_\n"
      "4\timpose\timpose\tVERB\tVB\t_\t2\txcomp\t_\t_\n"
      "5\tsanctions\tsanction\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"
      "6\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_\n"
      "7\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tobl\t_\t_\n";
  EXPECT_EQ(Code(threat), (Lines{"LAO 1312 VNM 2026-02-20"})) << explain_;
  EXPECT_EQ(last_events_[0].cameo_name, "Threaten to boycott, embargo, or sanction");
  // "Vietnam wants to meet Laos": the intention to meet (036).
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\twants\twant\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
                 "3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_\n"
                 "4\tmeet\tmeet\tVERB\tVB\t_\t2\txcomp\t_\t_\n"
                 "5\tLaos\tLaos\tPROPN\tNNP\t_\t4\tobj\t_\t_\n"),
            (Lines{"VNM 036 LAO 2026-02-20"}))
      << explain_;
  // "Vietnam urged Laos to meet the US": an appeal to Laos to meet (026).
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\turged\turge\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                 "4\tto\tto\tPART\tTO\t_\t5\tmark\t_\t_\n"
                 "5\tmeet\tmeet\tVERB\tVB\t_\t2\txcomp\t_\t_\n"
                 "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                 "7\tUS\tUS\tPROPN\tNNP\t_\t5\tobj\t_\t_\n"),
            (Lines{"VNM 026 LAO 2026-02-20"}))
      << explain_;
  // A threat denied is no event.
  EXPECT_EQ(Code("1\tLaos\tLaos\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
                 "3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                 "4\tthreaten\tthreaten\tVERB\tVB\t_\t0\troot\t_\t_\n"
                 "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
                 "6\timpose\timpose\tVERB\tVB\t_\t4\txcomp\t_\t_\n"
                 "7\tsanctions\tsanction\tNOUN\tNNS\t_\t6\tobj\t_\t_\n"
                 "8\ton\ton\tADP\tIN\t_\t9\tcase\t_\t_\n"
                 "9\tVietnam\tVietnam\tPROPN\tNNP\t_\t6\tobl\t_\t_\n"),
            Lines{})
      << explain_;
}

// Those asked act in the complement even when the parser makes it a clause of purpose (advcl), and
// the asked may be an "on" phrase; members of a compound subject each intend.
TEST_F(CoderTest, ComplementsOfAskingAndOfCompoundSubjects) {
  // "Vietnam called on Laos to meet the US", "to meet" misparsed as advcl: an appeal to Laos.
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tcalled\tcall\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\ton\ton\tADP\tIN\t_\t4\tcase\t_\t_\n"
                 "4\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
                 "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
                 "6\tmeet\tmeet\tVERB\tVB\t_\t2\tadvcl\t_\t_\n"
                 "7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_\n"
                 "8\tUS\tUS\tPROPN\tNNP\t_\t6\tobj\t_\t_\n"),
            (Lines{"VNM 026 LAO 2026-02-20"}))
      << explain_;
  // "Vietnam and Laos urged both sides to meet": those urged are no known actor, so nobody
  // meets, and the compound subject does not meet itself (no VNM-LAO appeal, once or twice).
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
                 "4\turged\turge\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "5\tboth\tboth\tDET\tDT\t_\t6\tdet\t_\t_\n"
                 "6\tsides\tside\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"
                 "7\tto\tto\tPART\tTO\t_\t8\tmark\t_\t_\n"
                 "8\tmeet\tmeet\tVERB\tVB\t_\t4\tadvcl\t_\t_\n"),
            Lines{})
      << explain_;
  // "Vietnam and Laos want to meet the US": each of them intends to meet (036).
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
                 "4\twant\twant\tVERB\tVBP\t_\t0\troot\t_\t_\n"
                 "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
                 "6\tmeet\tmeet\tVERB\tVB\t_\t4\txcomp\t_\t_\n"
                 "7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_\n"
                 "8\tUS\tUS\tPROPN\tNNP\t_\t6\tobj\t_\t_\n"),
            (Lines{"VNM 036 USA 2026-02-20", "LAO 036 USA 2026-02-20"}))
      << explain_;
  // "Vietnam met Laos, criticising the US": an unmarked participle after its governor shares the
  // governor's subject.
  const std::string met =
      "1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
      "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
      "4\t,\t,\tPUNCT\t,\t_\t2\tpunct\t_\t_\n";
  EXPECT_EQ(Code(met + "5\tcriticising\tcriticise\tVERB\tVBG\t_\t2\tadvcl\t_\t_\n"
                       "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                       "7\tUS\tUS\tPROPN\tNNP\t_\t5\tobj\t_\t_\n"),
            (Lines{"VNM 040 LAO 2026-02-20", "VNM 111 USA 2026-02-20"}))
      << explain_;
}

// "Vietnam criticised Laos" misparsed with "criticised" as an adjective of "Laos": the actor right
// before the verb is its subject, the noun it modifies its object. "the criticised Laos" (no actor
// before the participle) stays a modifier.
TEST_F(CoderTest, AVerbMisparsedAsAModifierAfterAnActor) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
                 "2\tcriticised\tcriticise\tVERB\tVBN\t_\t3\tamod\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t0\troot\t_\t_\n"),
            (Lines{"VNM 111 LAO 2026-02-20"}))
      << explain_;
  EXPECT_EQ(Code("1\tthe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
                 "2\tcriticised\tcriticise\tVERB\tVBN\t_\t3\tamod\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t0\troot\t_\t_\n"),
            Lines{})
      << explain_;
}

// "Vietnamese and Lao officials met the US": the role noun goes to both conjoined adjectives (the
// first heads the conjunction, the mention holds "Lao officials").
TEST_F(CoderTest, ConjoinedCountryAdjectivesShareTheRole) {
  EXPECT_EQ(Code("1\tVietnamese\tVietnamese\tADJ\tJJ\t_\t4\tamod\t_\t_\n"
                 "2\tand\tand\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
                 "3\tLao\tLao\tADJ\tJJ\t_\t1\tconj\t_\t_\n"
                 "4\tofficials\tofficial\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n"
                 "5\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                 "7\tUS\tUS\tPROPN\tNNP\t_\t5\tobj\t_\t_\n"),
            (Lines{"LAOGOV 040 USA 2026-02-20", "VNMGOV 040 USA 2026-02-20"}))
      << explain_;
}

// "Vietnam discussed the South China Sea with Laos": the sea is a place, not China.
TEST_F(CoderTest, APlaceNamedAfterACountryIsNoTarget) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tdiscussed\tdiscuss\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                 "4\tSouth\tSouth\tPROPN\tNNP\t_\t6\tcompound\t_\t_\n"
                 "5\tChina\tChina\tPROPN\tNNP\t_\t6\tcompound\t_\t_\n"
                 "6\tSea\tSea\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                 "7\twith\twith\tADP\tIN\t_\t8\tcase\t_\t_\n"
                 "8\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"),
            (Lines{"VNM 040 LAO 2026-02-20"}))
      << explain_;
}

// The most specific pattern's `+` slot names no actor: the next pattern finds the target.
TEST_F(CoderTest, APatternWhoseTargetSlotNamesNoActorGivesWayToTheNext) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tthanked\tthank\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                 "4\tfor\tfor\tADP\tIN\t_\t6\tcase\t_\t_\n"
                 "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
                 "6\tdecision\tdecision\tNOUN\tNN\t_\t2\tobl\t_\t_\n"),
            (Lines{"VNM 051 LAO 2026-02-20"}))
      << explain_;
  EXPECT_EQ(last_events_.back().verb_pattern, "thank: *");
}

// An intention reaches its act through verbs that code nothing ("agreed to continue to meet");
// Vietnamese parses may hang the intending verb on the subject ("Việt Nam nhất trí thăm Mỹ").
TEST_F(CoderTest, IntentionsThroughVerbsThatCodeNothing) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tagreed\tagree\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_\n"
                 "4\tcontinue\tcontinue\tVERB\tVB\t_\t2\txcomp\t_\t_\n"
                 "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
                 "6\tmeet\tmeet\tVERB\tVB\t_\t4\txcomp\t_\t_\n"
                 "7\tLaos\tLaos\tPROPN\tNNP\t_\t6\tobj\t_\t_\n"),
            (Lines{"VNM 036 LAO 2026-02-20"}))
      << explain_;
  EXPECT_EQ(last_events_.back().verb_pattern, "(agreed) meet: *");
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                 "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
                 "3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                 "4\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\t_\n"
                 "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
                 "6\tcontinue\tcontinue\tVERB\tVB\t_\t4\txcomp\t_\t_\n"
                 "7\tto\tto\tPART\tTO\t_\t8\tmark\t_\t_\n"
                 "8\tmeet\tmeet\tVERB\tVB\t_\t6\txcomp\t_\t_\n"
                 "9\tLaos\tLaos\tPROPN\tNNP\t_\t8\tobj\t_\t_\n"),
            Lines{})
      << explain_;
  EXPECT_EQ(Code("1\tViệt Nam\tViệt Nam\tPROPN\tNp\t_\t3\tnsubj\t_\t_\n"
                 "2\tnhất trí\tnhất trí\tVERB\tV\t_\t1\tcompound:vmod\t_\t_\n"
                 "3\tthăm\tthăm\tVERB\tV\t_\t0\troot\t_\t_\n"
                 "4\tMỹ\tMỹ\tPROPN\tNp\t_\t3\tobj\t_\t_\n",
                 "2026-02-20", "vi"),
            (Lines{"VNM 036 USA 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, AccusedAndDeniedActsAreNotCoded) {
  // "Vietnam criticised Laos for supporting the US": the criticism, not the support.
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                 "4\tfor\tfor\tSCONJ\tIN\t_\t5\tmark\t_\t_\n"
                 "5\tmeeting\tmeet\tVERB\tVBG\t_\t2\tadvcl\t_\t_\n"
                 "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
                 "7\tUS\tUS\tPROPN\tNNP\t_\t5\tobj\t_\t_\n"),
            (Lines{"VNM 111 LAO 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, EventsCarryTheSentencesIssueTags) {
  EXPECT_EQ(Code("1\tVietnam\tVietnam\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                 "2\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "3\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
                 "4\tover\tover\tADP\tIN\t_\t7\tcase\t_\t_\n"
                 "5\ttariffs\ttariff\tNOUN\tNNS\t_\t7\tcompound\t_\t_\n"
                 "6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_\n"
                 "7\tthe\tthe\tDET\tDT\t_\t2\tobl\t_\t_\n"
                 "8\tSouth\tSouth\tPROPN\tNNP\t_\t7\tflat\t_\t_\n"
                 "9\tChina\tChina\tPROPN\tNNP\t_\t7\tflat\t_\t_\n"
                 "10\tSea\tSea\tPROPN\tNNP\t_\t7\tflat\t_\t_\n"),
            (Lines{"VNM 111 LAO 2026-02-20"}))
      << explain_;
  // "tariffs" is not the phrase "tariff"; "South China Sea" is.
  EXPECT_EQ(last_events_[0].issues, (std::vector<std::string>{"MARITIME"}));
}

TEST_F(CoderTest, DomesticRolesTakeTheCountryWhereTheArticlePlacesItsEvents) {
  const std::string in_laos =
      "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tprotesters\tprotester\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
      "4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n"
      "5\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobl\t_\t_\n\n";
  const std::string nowhere =
      "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tdemonstrators\tdemonstrator\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\n";
  const std::string in_both =
      "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tprotesters\tprotester\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
      "4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n"
      "5\tLaos\tLaos\tPROPN\tNNP\t_\t2\tobl\t_\t_\n"
      "6\tand\tand\tCCONJ\tCC\t_\t8\tcc\t_\t_\n"
      "7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n"
      "8\tVietnam\tVietnam\tPROPN\tNNP\t_\t5\tconj\t_\t_\n\n";
  // A sentence with no place of its own takes the place an earlier one named.
  EXPECT_EQ(Code(in_laos + nowhere),
            (Lines{"LAOCOP 173 LAOCVL 2026-02-20", "LAOCOP 173 LAOCVL 2026-02-20"}))
      << explain_;
  EXPECT_NE(explain_.find("'Police' takes the country of the event's place (named in an earlier "
                          "sentence): LAOCOP"),
            std::string::npos)
      << explain_;
  // No place named, or two: the roles stay country-less and nothing is coded.
  EXPECT_EQ(Code(nowhere), Lines{}) << explain_;
  EXPECT_EQ(Code(in_both + nowhere), Lines{}) << explain_;
}

TEST_F(CoderTest, AVisitWhoseOnlyTargetIsTheVisitorTakesThePlace) {
  // A misparse hangs "Vietnamese foreign minister" (a title of the subject) on the verb, so the
  // first actor of the verb's phrase is the visitor again; the place visited is the target.
  EXPECT_EQ(Code("1\tVietnamese\tVietnamese\tADJ\tJJ\t_\t3\tamod\t_\t_\n"
                 "2\tforeign\tforeign\tADJ\tJJ\t_\t3\tamod\t_\t_\n"
                 "3\tminister\tminister\tNOUN\tNN\t_\t6\tadvmod\t_\t_\n"
                 "4\tTo\tTo\tPROPN\tNNP\t_\t6\tnsubj\t_\t_\n"
                 "5\tLam\tLam\tPROPN\tNNP\t_\t4\tflat\t_\t_\n"
                 "6\tarrived\tarrive\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                 "7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n"
                 "8\tLaos\tLaos\tPROPN\tNNP\t_\t6\tobl\t_\t_\n"
                 "9\tfor\tfor\tADP\tIN\t_\t11\tcase\t_\t_\n"
                 "10\ta\ta\tDET\tDT\t_\t11\tdet\t_\t_\n"
                 "11\tvisit\tvisit\tNOUN\tNN\t_\t6\tobl\t_\t_\n"),
            (Lines{"VNMGOV 042 LAO 2026-02-20"}))
      << explain_;
}

TEST_F(CoderTest, InvitationsGoToTheInvitedAndKoreanNamesByTheFamilyName) {
  const std::string met =
      "1\tFriedrich\tFriedrich\tPROPN\tNNP\t_\t2\tflat\t_\t_\n"
      "2\tMerz\tMerz\tPROPN\tNNP\t_\t3\tnsubj\t_\t_\n"
      "3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "4\tLee\tLee\tPROPN\tNNP\t_\t3\tobj\t_\t_\n"
      "5\tJae-myung\tJae-myung\tPROPN\tNNP\t_\t4\tflat\t_\t_\n\n";
  // Two subjects with a verb between them (a misparse of two clauses): "invited" is Merz's. "The
  // two leaders" are both of them, not Lee alone, so they discussed trade with each other; "Lee"
  // alone is Lee Jae-myung.
  const std::string invited =
      "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
      "2\ttwo\ttwo\tNUM\tCD\t_\t3\tnummod\t_\t_\n"
      "3\tleaders\tleader\tNOUN\tNNS\t_\t7\tnsubj\t_\t_\n"
      "4\tdiscussed\tdiscuss\tVERB\tVBD\t_\t3\tacl\t_\t_\n"
      "5\ttrade\ttrade\tNOUN\tNN\t_\t4\tobj\t_\t_\n"
      "6\tMerz\tMerz\tPROPN\tNNP\t_\t7\tnsubj\t_\t_\n"
      "7\tinvited\tinvite\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "8\tLee\tLee\tPROPN\tNNP\t_\t7\tobj\t_\t_\n"
      "9\tto\tto\tPART\tTO\t_\t10\tmark\t_\t_\n"
      "10\tvisit\tvisit\tVERB\tVB\t_\t7\txcomp\t_\t_\n"
      "11\tBerlin\tBerlin\tPROPN\tNNP\t_\t10\tobj\t_\t_\n";
  EXPECT_EQ(Code(met + invited, "2025-07-02"),
            (Lines{"DEUGOV 040 KORGOV 2025-07-02", "DEUGOV 040 KORGOV 2025-07-02",
                   "KORGOV 040 DEUGOV 2025-07-02", "DEUGOV 036 KORGOV 2025-07-02"}))
      << explain_;
  EXPECT_EQ(last_events_.back().target.text, "Lee");
  EXPECT_EQ(last_events_.back().verb_pattern, "(invited) visit: *");
}

}  // namespace
}  // namespace dyad
