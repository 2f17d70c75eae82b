#include "dyad/pipeline/pipeline.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(PipelineTest, SupplyingParsesGivesOneSentenceEach) {
  Article a;
  a.id = "p";
  a.text = "Arnor met Gondor.";
  ParsedSentence ps;
  ps.text = a.text;
  for (auto [form, b, e] :
       {std::tuple{"Arnor", 0u, 5u}, {"met", 6u, 9u}, {"Gondor", 10u, 16u}, {".", 16u, 17u}}) {
    Word w;
    w.form = form;
    w.span = {b, e};
    ps.words.push_back(w);
  }
  ps.has_spans = true;
  a.given_parses.push_back(ps);
  ProcessedArticle r = Pipeline().Process(a);
  ASSERT_EQ(r.sentences.size(), 1u);
  EXPECT_EQ(r.sentences[0].span, (Span{0, 17}));
  EXPECT_EQ(r.sentences[0].tokens.size(), 4u);
  EXPECT_TRUE(r.sentences[0].given_parse.has_value());
  EXPECT_EQ(r.article.language, "en");
}

TEST(PipelineTest, ArticleLanguageIsTheMajorityOfItsSentences) {
  Article a;
  a.id = "mixed";
  a.text = "Tổng Bí thư Tô Lâm tiếp Đại sứ Mỹ tại Hà Nội hôm nay. (Photo: VNA)";
  ProcessedArticle r = Pipeline().Process(a);
  ASSERT_EQ(r.sentences.size(), 2u);
  EXPECT_EQ(r.sentences[0].language, "vi");
  EXPECT_EQ(r.sentences[1].language, "en");
  EXPECT_EQ(r.article.language, "vi");
}

TEST(PipelineTest, ThreadedProcessingKeepsInputOrder) {
  std::vector<Article> articles;
  for (int i = 0; i < 300; ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.text = std::string(static_cast<size_t>(1 + (i * 37) % 11), 'x') + " talks. More.";
    articles.push_back(a);
  }
  std::vector<std::string> seen;
  ProcessInOrder(Pipeline(), articles, 2,
                 [&](size_t index, ProcessedArticle&& r, std::exception_ptr error) {
                   EXPECT_FALSE(error);
                   EXPECT_EQ(index, seen.size());
                   seen.push_back(r.article.id);
                 });
  ASSERT_EQ(seen.size(), 300u);
  for (int i = 0; i < 300; ++i) EXPECT_EQ(seen[i], "a" + std::to_string(i));
}

}  // namespace
}  // namespace dyad
