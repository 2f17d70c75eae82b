#include "dyad/text/segmenter.h"

#include <gtest/gtest.h>

#include "dyad/text/language.h"

namespace dyad {
namespace {

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

std::vector<std::string> SentenceTexts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text))
    out.emplace_back(text.substr(s.span.begin, s.span.end - s.span.begin));
  return out;
}

TEST(TokenizeTest, EnglishWordsPunctuationAndClitics) {
  EXPECT_EQ(Texts(Tokenize("The U.S. didn't meet Vietnam's envoy, Mr. Smith.")),
            (std::vector<std::string>{"The", "U.S.", "did", "n't", "meet", "Vietnam", "'s", "envoy",
                                      ",", "Mr.", "Smith", "."}));
}

TEST(TokenizeTest, NumbersDatesAndUrlsStayWhole) {
  EXPECT_EQ(
      Texts(Tokenize("On 15.4.2023 (19/2) 1,000 people paid $2.5 at 10:30 via https://x.org/a.")),
      (std::vector<std::string>{"On", "15.4.2023", "(", "19/2", ")", "1,000", "people", "paid", "$",
                                "2.5", "at", "10:30", "via", "https://x.org/a", "."}));
}

TEST(TokenizeTest, OffsetsPointIntoTheText) {
  std::string text = "Tô Lâm tiếp Trợ lý.";
  auto tokens = Tokenize(text, 100);
  ASSERT_EQ(tokens.size(), 6u);  // syllables and the final period
  EXPECT_EQ(tokens[1].text, "Lâm");
  EXPECT_EQ(tokens[1].span.begin, 100u + 4u);
  EXPECT_EQ(text.substr(tokens[1].span.begin - 100, tokens[1].span.end - tokens[1].span.begin),
            "Lâm");
  EXPECT_EQ(tokens[5].text, ".");
}

TEST(TokenizeTest, VietnameseAbbreviationsStayWhole) {
  EXPECT_EQ(Texts(Tokenize("TS. Nguyễn tại TP.HCM ngày 15/4.")),
            (std::vector<std::string>{"TS.", "Nguyễn", "tại", "TP.HCM", "ngày", "15/4", "."}));
}

TEST(SplitSentencesTest, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(SentenceTexts("Mr. Smith met Dr. Jones in the U.S. on Monday. They talked. "
                          "J. R. Smith left."),
            (std::vector<std::string>{"Mr. Smith met Dr. Jones in the U.S. on Monday.",
                                      "They talked.", "J. R. Smith left."}));
  EXPECT_EQ(SentenceTexts("He flew to the U.S. The talks began."),
            (std::vector<std::string>{"He flew to the U.S.", "The talks began."}));
  EXPECT_EQ(SentenceTexts("See No. 5 on 15.4.2023. Done!"),
            (std::vector<std::string>{"See No. 5 on 15.4.2023.", "Done!"}));
}

TEST(SplitSentencesTest, VietnameseAbbreviations) {
  EXPECT_EQ(SentenceTexts("TS. Lê Văn A và PGS. Trần B làm việc tại TP.HCM. Q. 1 đông người. "
                          "ThS. C phát biểu."),
            (std::vector<std::string>{"TS. Lê Văn A và PGS. Trần B làm việc tại TP.HCM.",
                                      "Q. 1 đông người.", "ThS. C phát biểu."}));
}

TEST(SplitSentencesTest, BlankLinesAndQuotes) {
  EXPECT_EQ(SentenceTexts("Photo: VNA\n\nHe said \"no.\" Then he left"),
            (std::vector<std::string>{"Photo: VNA", "He said \"no.\"", "Then he left"}));
}

TEST(LanguageTest, TellsEnglishFromVietnamese) {
  EXPECT_EQ(IdentifyLanguage("Tổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Mỹ."), "vi");
  EXPECT_EQ(IdentifyLanguage("General Secretary To Lam received the US Assistant Secretary."),
            "en");
  // Without diacritics, syllable statistics decide.
  EXPECT_EQ(IdentifyLanguage("Tong Bi thu To Lam tiep Tro ly Ngoai truong cua My tai Ha Noi"),
            "vi");
  EXPECT_EQ(IdentifyLanguage("Nguyen Phu Trong met Antony Blinken in Hanoi on April 15"), "en");
  EXPECT_EQ(IdentifyLanguage("Cafe résumé at the embassy was closed"), "en");
  EXPECT_EQ(IdentifyLanguage("."), "und");
}

}  // namespace
}  // namespace dyad
