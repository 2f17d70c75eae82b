#include "dyad/io/conllu.h"

#include <gtest/gtest.h>

#include "dyad/core/error.h"

namespace dyad {
namespace {

constexpr char kTwoSentences[] =
    "# sent_id = 1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
    "1.1\tx\tx\tX\tX\t_\t_\t_\t0:root\t_\n"
    "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";

TEST(ConlluTest, ReadsWordsMultiwordTokensAndText) {
  auto sentences = ParseConllu(kTwoSentences, "t.conllu");
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0].text, "I don't know.");
  ASSERT_EQ(sentences[0].words.size(), 5u);
  EXPECT_EQ(sentences[0].words[2].lemma, "not");
  EXPECT_EQ(sentences[0].words[3].head, 0);
  ASSERT_EQ(sentences[0].multiword_tokens.size(), 1u);
  EXPECT_EQ(sentences[0].multiword_tokens[0].form, "don't");
  EXPECT_EQ(sentences[1].text, "Hi!");  // rebuilt from forms, SpaceAfter=No honoured
  EXPECT_EQ(sentences[1].words.size(), 2u);
}

// VTB writes "# text =Tôi ...": the text all the same, written back once; a translation is not.
TEST(ConlluTest, ReadsTextCommentWithoutSpaces) {
  auto sentences = ParseConllu(
      "# text =Tôi nhớ lời anh .\n# text_en = I remember his words .\n"
      "1\tTôi\ttôi\tPRON\tPro\t_\t2\tnsubj\t_\t_\n2\tnhớ\tnhớ\tVERB\tV\t_\t0\troot\t_\t_\n"
      "3\tlời\tlời\tNOUN\tN\t_\t2\tobj\t_\t_\n4\tanh\tanh\tPRON\tPro\t_\t3\tnmod\t_\t_\n"
      "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n",
      "vi.conllu");
  ASSERT_EQ(sentences.size(), 1u);
  EXPECT_EQ(sentences[0].text, "Tôi nhớ lời anh .");
  std::string written = WriteConllu(sentences[0]);
  EXPECT_EQ(written.find("# text = "), std::string::npos);  // the original comment is kept
  EXPECT_EQ(written.rfind("# text =Tôi nhớ lời anh .\n# text_en = I remember", 0), 0u);
}

TEST(ConlluTest, RoundTrips) {
  auto sentences = ParseConllu(kTwoSentences, "t.conllu");
  std::string again = WriteConllu(sentences[0]);
  auto reread = ParseConllu(again, "again");
  ASSERT_EQ(reread.size(), 1u);
  EXPECT_EQ(reread[0].words.size(), 5u);
  EXPECT_EQ(reread[0].multiword_tokens.size(), 1u);
  EXPECT_EQ(reread[0].text, "I don't know.");
}

TEST(ConlluTest, MalformedRowNamesFileAndLine) {
  std::string bad =
      "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n2\tB\tb\tX\n\n1\tC\tc\tX\tX\t_\t0\troot\t_\t_\n";
  try {
    ParseConllu(bad, "bad.conllu");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "bad.conllu:2: expected 10 tab-separated CoNLL-U columns, found 4");
  }
  std::vector<std::string> errors;
  auto kept = ParseConlluLenient(bad, "bad.conllu", &errors);
  ASSERT_EQ(kept.size(), 1u);  // the good sentence after the bad one survives
  EXPECT_EQ(kept[0].words[0].form, "C");
  ASSERT_EQ(errors.size(), 1u);
}

TEST(ConlluTest, RejectsHeadOutsideSentence) {
  std::vector<std::string> errors;
  ParseConlluLenient("1\tA\ta\tX\tX\t_\t7\tdep\t_\t_\n", "h.conllu", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "h.conllu:1: word 1 has head 7 beyond the sentence");
}

}  // namespace
}  // namespace dyad
