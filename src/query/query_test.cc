#include "dyad/query/query.h"

#include <gtest/gtest.h>

#include "dyad/core/error.h"
#include "dyad/query/dedup.h"
#include "dyad/store/store.h"
#include "query/query_test_util.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::TempDir;

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<Store>(tmp_.File("q.db"));
    testing_util::FillTestStore(*store_);
  }
  // The ids the filter returns, in order.
  std::vector<int64_t> Ids(const FilterArgs& args) {
    std::vector<int64_t> ids;
    QueryEvents(*store_, BuildFilter(args), {}, [&](const EventRecord& r) { ids.push_back(r.id); });
    return ids;
  }
  TempDir tmp_;
  std::unique_ptr<Store> store_;
};

using IdList = std::vector<int64_t>;

TEST_F(QueryTest, ActorFiltersArePrefixes) {
  EXPECT_EQ(Ids({.source = "VNM"}), (IdList{2, 4, 1, 5, 6}));
  EXPECT_EQ(Ids({.source = "VNMGOV", .target = "USA"}), (IdList{2, 4, 1, 5}));
  EXPECT_EQ(Ids({.target = "VNM"}), (IdList{3, 7, 8}));
  EXPECT_EQ(Ids({.target = "VNMBUS"}), (IdList{8}));
  EXPECT_EQ(Ids({.source = "VN"}), (IdList{2, 4, 1, 5, 6}));
  EXPECT_EQ(Ids({.source = "THA"}), IdList{});
}

TEST_F(QueryTest, DyadMatchesBothDirections) {
  EXPECT_EQ(Ids({.dyad = "VNM-USA"}), (IdList{2, 4, 1, 3, 5, 7, 8}));
  EXPECT_EQ(Ids({.dyad = "USA-VNM"}), (IdList{2, 4, 1, 3, 5, 7, 8}));
  EXPECT_EQ(Ids({.dyad = "VNM-CHN"}), (IdList{6}));
  EXPECT_EQ(Ids({.dyad = "USAMIL-VNM"}), (IdList{7}));
}

TEST_F(QueryTest, DatesCodesQuadsLanguagesAndLimits) {
  EXPECT_EQ(Ids({.from = "2026-02-20", .to = "2026-03-04"}), (IdList{1, 3, 5, 6}));
  EXPECT_EQ(Ids({.from = "2026-03"}), (IdList{6, 7, 8}));
  EXPECT_EQ(Ids({.to = "2026-02"}), (IdList{2, 4, 1, 3, 5}));
  EXPECT_EQ(Ids({.from = "2026", .to = "2026"}).size(), 8u);
  EXPECT_EQ(Ids({.code = "04"}), (IdList{2, 4, 1, 5, 7}));
  EXPECT_EQ(Ids({.code = "041"}), (IdList{2, 4, 5}));
  EXPECT_EQ(Ids({.quad = 4}), (IdList{8}));
  EXPECT_EQ(Ids({.quad = 3}), (IdList{6}));
  EXPECT_EQ(Ids({.language = "vi"}), (IdList{4}));
  EXPECT_EQ(Ids({.dyad = "VNM-USA", .limit = 2}), (IdList{2, 4}));
}

TEST_F(QueryTest, FullTextSearchOverSentences) {
  EXPECT_EQ(Ids({.text = "phone"}), (IdList{2, 1, 5}));
  EXPECT_EQ(Ids({.text = "PHONE call"}), (IdList{2}));
  EXPECT_EQ(Ids({.text = "điện đàm"}), (IdList{4}));
  EXPECT_EQ(Ids({.text = "dien dam"}), IdList{});  // diacritics matter in Vietnamese
  EXPECT_EQ(Ids({.text = "destroy*"}), (IdList{7}));
  EXPECT_EQ(Ids({.text = "Hanoi's"}), (IdList{3}));  // punctuation is literal, not FTS syntax
  EXPECT_EQ(Ids({.code = "040", .text = "phone"}), (IdList{1}));
}

TEST_F(QueryTest, TextIndexFollowsReplacedArticles) {
  EXPECT_EQ(Ids({.text = "destroyer"}), (IdList{7}));  // indexes the pending sentences
  EXPECT_EQ(RefreshTextIndex(*store_), 0);
  auto tests = testing_util::TestArticles();
  testing_util::TestArticle updated = tests[3];
  updated.sentences[1] = "A US frigate visited Cam Ranh Bay on March 9.";
  updated.events[1].source_text = "A US frigate";
  Article a;
  std::vector<Sentence> s;
  std::vector<Event> e;
  testing_util::MaterialiseTestArticle(updated, &a, &s, &e);
  ASSERT_EQ(store_->WriteArticle(a, s, e), Store::WriteResult::kReplaced);
  EXPECT_EQ(Ids({.text = "destroyer"}), IdList{});
  EXPECT_EQ(Ids({.text = "frigate"}), (IdList{10}));
  // Replaced again before any search: the pending sentences are dropped, not indexed.
  updated.sentences[0] += " Again.";
  testing_util::MaterialiseTestArticle(updated, &a, &s, &e);
  ASSERT_EQ(store_->WriteArticle(a, s, e), Store::WriteResult::kReplaced);
  EXPECT_EQ(Ids({.text = "frigate"}), (IdList{10}));  // ids of deleted events are reused
  // Replaced twice more with no search in between: the queued events go without ever being
  // indexed, and their reused ids are queued once.
  updated.sentences[1] = "A US corvette visited Cam Ranh Bay on March 9.";
  updated.events[1].source_text = "A US corvette";
  testing_util::MaterialiseTestArticle(updated, &a, &s, &e);
  ASSERT_EQ(store_->WriteArticle(a, s, e), Store::WriteResult::kReplaced);
  updated.sentences[0] += " Still.";
  testing_util::MaterialiseTestArticle(updated, &a, &s, &e);
  ASSERT_EQ(store_->WriteArticles({{&a, &s, &e}})[0].result, Store::WriteResult::kReplaced);
  sqlite::Statement pending(store_->handle(), "SELECT first_event, last_event FROM fts_pending");
  ASSERT_TRUE(pending.Step());
  EXPECT_EQ(pending.Int(0), 9);
  EXPECT_EQ(pending.Int(1), 10);
  EXPECT_FALSE(pending.Step());
  pending.Reset();
  EXPECT_EQ(Ids({.text = "frigate"}), IdList{});
  EXPECT_EQ(Ids({.text = "corvette"}), (IdList{10}));
  EXPECT_EQ(Ids({.text = "Still"}), (IdList{9}));
  EXPECT_EQ(testing_util::TextIndexDifference(*store_), "");
}

TEST_F(QueryTest, DedupViewMergesMentionsAndFiltersByAnyMention) {
  EXPECT_EQ(Ids({.dyad = "VNM-USA", .events = "dedup"}), (IdList{5, 2, 6, 3, 1}));
  EXPECT_EQ(Ids({.language = "vi", .events = "dedup"}), (IdList{5}));
  EXPECT_EQ(Ids({.text = "điện", .events = "dedup"}), (IdList{5}));
  EXPECT_EQ(Ids({.code = "040", .events = "dedup"}), IdList{});  // the cluster's code is 041
  std::vector<EventRecord> rows;
  FilterArgs args{.code = "041", .events = "dedup"};
  QueryEvents(*store_, BuildFilter(args), {.with_mentions = true},
              [&](const EventRecord& r) { rows.push_back(r); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].mentions, 3);
  EXPECT_EQ(rows[0].articles, 2);
  EXPECT_EQ(rows[0].languages, "en,vi");
  EXPECT_EQ(rows[0].event.date->ToString(), "2026-02-19");
  EXPECT_EQ(rows[0].event.text, "On February 19, To Lam held a phone call with Donald Trump.");
  ASSERT_EQ(rows[0].mention_refs.size(), 3u);
  EXPECT_EQ(rows[0].mention_refs[0].event_id, 1);
  EXPECT_EQ(rows[0].mention_refs[2].article, "vnexpress-vi-0219");
  EXPECT_EQ(rows[0].mention_refs[2].language, "vi");
}

TEST_F(QueryTest, BadFiltersAreClearErrors) {
  EXPECT_THROW(BuildFilter({.dyad = "VNM"}), Error);
  EXPECT_THROW(BuildFilter({.dyad = "VNM-USA-CHN"}), Error);
  EXPECT_THROW(BuildFilter({.from = "19/02/2026"}), Error);
  EXPECT_THROW(BuildFilter({.from = "2026-13"}), Error);
  EXPECT_THROW(BuildFilter({.from = "2026-03", .to = "2026-02"}), Error);
  EXPECT_THROW(BuildFilter({.events = "unique"}), Error);
  EXPECT_THROW(BuildFilter({.quad = 5}), Error);
  EXPECT_THROW(BuildFilter({.text = "  "}), Error);
  try {
    BuildFilter({.from = "Feb 2026"});
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "--from 'Feb 2026': expected a date as YYYY-MM-DD, YYYY-MM or YYYY");
  }
}

TEST(QueryParseTest, DateBoundsAndFtsQueries) {
  EXPECT_EQ(ParseDateBound("2024-02", true, "--to").ToString(), "2024-02-29");
  EXPECT_EQ(ParseDateBound("2026-12", true, "--to").ToString(), "2026-12-31");
  EXPECT_EQ(ParseDateBound("2026-02", false, "--from").ToString(), "2026-02-01");
  EXPECT_EQ(ParseDateBound("2026", true, "--to").ToString(), "2026-12-31");
  EXPECT_EQ(FtsQuery("phone  call"), "\"phone\" \"call\"");
  EXPECT_EQ(FtsQuery("say\"s  destroy*"), "\"say\"\"s\" \"destroy\"*");
  EXPECT_EQ(PeriodLabel(*Date::Parse("2026-02-22"), Period::kWeek), "2026-02-16");  // Sunday
  EXPECT_EQ(PeriodLabel(*Date::Parse("2026-02-16"), Period::kWeek), "2026-02-16");  // Monday
  EXPECT_EQ(PeriodLabel(*Date::Parse("2026-02-22"), Period::kMonth), "2026-02");
  EXPECT_EQ(PeriodLabel(*Date::Parse("2026-02-22"), Period::kYear), "2026");
}

TEST_F(QueryTest, TimelineByMonthInBothDirections) {
  Timeline t = BuildTimeline(*store_, BuildFilter({.dyad = "VNM-USA"}), Period::kMonth);
  ASSERT_EQ(t.periods.size(), 3u);
  EXPECT_EQ(t.periods[0].label, "2026-02");
  EXPECT_EQ(t.periods[0].a_to_b.events, 4);
  EXPECT_EQ(t.periods[0].b_to_a.events, 1);
  EXPECT_EQ(t.periods[0].combined.events, 5);
  EXPECT_DOUBLE_EQ(t.periods[0].combined.goldstein_sum, 8.0);
  EXPECT_DOUBLE_EQ(t.periods[0].combined.GoldsteinMean(), 1.6);
  EXPECT_EQ(t.periods[1].label, "2026-03");
  EXPECT_EQ(t.periods[1].a_to_b.events, 0);
  EXPECT_DOUBLE_EQ(t.periods[1].b_to_a.goldstein_sum, 1.9);
  EXPECT_EQ(t.periods[2].b_to_a.quad, (std::array<int64_t, 4>{0, 0, 0, 1}));
  EXPECT_DOUBLE_EQ(t.periods[2].combined.NetCooperation(), -1.0);

  Timeline d =
      BuildTimeline(*store_, BuildFilter({.dyad = "VNM-USA", .events = "dedup"}), Period::kWeek);
  ASSERT_EQ(d.periods.size(), 7u);  // 2026-02-16 .. 2026-03-30, empty weeks included
  EXPECT_EQ(d.periods[0].label, "2026-02-16");
  EXPECT_EQ(d.periods[0].a_to_b.events, 2);  // the call (3 mentions) and the second call
  EXPECT_EQ(d.periods[1].combined.events, 0);
  EXPECT_EQ(d.periods[6].label, "2026-03-30");
  EXPECT_THROW(BuildTimeline(*store_, BuildFilter({.source = "VNM"}), Period::kMonth), Error);
}

}  // namespace
}  // namespace dyad
