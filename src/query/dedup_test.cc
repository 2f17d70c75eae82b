#include "dyad/query/dedup.h"

#include <gtest/gtest.h>

#include "dyad/store/store.h"
#include "query/query_test_util.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::TempDir;

TEST(DedupTest, CameoCompatibility) {
  EXPECT_TRUE(CameoCompatible("041", "041"));
  EXPECT_TRUE(CameoCompatible("04", "042"));    // root and a specific code
  EXPECT_TRUE(CameoCompatible("042", "0421"));  // a code and its refinement
  EXPECT_TRUE(CameoCompatible("040", "042"));   // the root's generic code
  EXPECT_TRUE(CameoCompatible("0421", "040"));
  EXPECT_FALSE(CameoCompatible("042", "043"));  // two different specific codes
  EXPECT_FALSE(CameoCompatible("0421", "0422"));
  EXPECT_FALSE(CameoCompatible("041", "051"));  // different roots
  EXPECT_FALSE(CameoCompatible("", "04"));
  EXPECT_EQ(MoreSpecificCameo("040", "041"), "041");
  EXPECT_EQ(MoreSpecificCameo("041", "040"), "041");
  EXPECT_EQ(MoreSpecificCameo("04", "040"), "040");
  EXPECT_EQ(MoreSpecificCameo("0421", "042"), "0421");
  EXPECT_EQ(DedupActorKey("VNMGOVMIL"), "VNMGOV");
  EXPECT_EQ(DedupActorKey("VNM"), "VNM");
}

Mention M(int64_t id, const char* article, std::optional<long> day, const char* cameo,
          bool from_text = true, const char* source = "VNMGOV") {
  Mention m;
  m.event_id = id;
  m.article = article;
  m.day = day;
  m.date_from_text = from_text;
  m.cameo = cameo;
  m.source_code = source;
  m.target_code = "USAELI";
  m.language = "en";
  return m;
}

TEST(DedupTest, ClustersWithinTheWindowAndCompatibleCodes) {
  // Days: 100 = the call; the caption is dated by the article (101); 102 is outside the window.
  std::vector<Mention> ms = {M(2, "a", 100, "041"),        M(4, "b", 100, "041"),
                             M(1, "a", 101, "040", false), M(9, "c", 101, "043"),
                             M(5, "d", 102, "041"),        M(7, "e", std::nullopt, "041")};
  std::vector<DedupCluster> cs = ClusterMentions(ms);
  ASSERT_EQ(cs.size(), 4u);
  EXPECT_EQ(cs[0].mentions, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(cs[0].cameo, "041");
  EXPECT_EQ(cs[0].representative, 0u);
  EXPECT_EQ(cs[0].day, 100);
  EXPECT_EQ(cs[1].mentions, (std::vector<size_t>{3}));  // 043 is not 041
  EXPECT_EQ(cs[2].mentions, (std::vector<size_t>{4}));  // two days after the first mention
  EXPECT_EQ(cs[3].mentions, (std::vector<size_t>{5}));  // undated: never merged
  EXPECT_FALSE(cs[3].day.has_value());
}

TEST(DedupTest, ClusterTakesTheMostSpecificCodeLongestActorsAndTextDate) {
  std::vector<Mention> ms = {M(1, "a", 200, "040", false, "VNMGOV"),
                             M(2, "b", 201, "042", true, "VNMGOVMIL"),
                             M(3, "c", 201, "0421", false), M(4, "c", 201, "04", false)};
  std::vector<DedupCluster> cs = ClusterMentions(ms);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].cameo, "0421");
  EXPECT_EQ(cs[0].representative, 2u);
  EXPECT_EQ(cs[0].source_code, "VNMGOVMIL");
  EXPECT_EQ(cs[0].day, 201);  // the only mention dated from the text
}

struct DedupRow {
  std::string date, source, target, cameo;
  int64_t mentions, articles;
  std::string languages, mention_ids;
  bool operator==(const DedupRow&) const = default;
};

std::ostream& operator<<(std::ostream& os, const DedupRow& r) {
  return os << r.date << " " << r.source << ">" << r.target << " " << r.cameo << " m" << r.mentions
            << " a" << r.articles << " " << r.languages << " [" << r.mention_ids << "]";
}

std::vector<DedupRow> ReadDedup(Store& store) {
  sqlite::Statement st(
      store.handle(),
      "SELECT d.date, d.source_code, d.target_code, d.cameo, d.mentions, d.articles, "
      "d.languages, (SELECT group_concat(event_id) FROM (SELECT event_id FROM event_mentions m "
      "WHERE m.dedup_id = d.id ORDER BY event_id)) FROM dedup_events d ORDER BY d.date, d.id");
  std::vector<DedupRow> rows;
  while (st.Step())
    rows.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4), st.Int(5),
                    st.Text(6), st.Text(7)});
  return rows;
}

const std::vector<DedupRow> kExpected = {
    {"2026-02-19", "VNMGOV", "USAELI", "041", 3, 2, "en,vi", "1,2,4"},
    {"2026-02-20", "USAGOV", "VNMGOV", "036", 1, 1, "en", "3"},
    {"2026-02-21", "VNMGOV", "USAELI", "041", 1, 1, "en", "5"},
    {"2026-03-04", "VNMGOV", "CHNGOV", "111", 1, 1, "en", "6"},
    {"2026-03-09", "USAMIL", "VNM", "042", 1, 1, "en", "7"},
    {"2026-04-02", "USAGOV", "VNMBUS", "163", 1, 1, "en", "8"},
};

TEST(DedupTest, PhoneCallReportedThreeTimesIsOneEvent) {
  TempDir tmp;
  Store store(tmp.File("x.db"));
  testing_util::FillTestStore(store);
  EXPECT_EQ(DirtyDedupBuckets(store), 5);
  DedupRefreshStats stats = RefreshDedup(store);
  EXPECT_EQ(stats.buckets, 5);
  EXPECT_EQ(stats.events, 8);
  EXPECT_EQ(stats.clusters, 6);
  EXPECT_FALSE(stats.full);
  EXPECT_EQ(ReadDedup(store), kExpected);
  EXPECT_EQ(DirtyDedupBuckets(store), 0);
  EXPECT_EQ(RefreshDedup(store).buckets, 0);  // nothing changed: nothing to do
}

TEST(DedupTest, ReingestKeepsAndReplacementUpdatesTheClusters) {
  TempDir tmp;
  Store store(tmp.File("x.db"));
  testing_util::FillTestStore(store);
  RefreshDedup(store);
  testing_util::FillTestStore(store);  // unchanged articles: nothing written, nothing dirty
  EXPECT_EQ(DirtyDedupBuckets(store), 0);
  EXPECT_EQ(ReadDedup(store), kExpected);

  // The Vietnamese article is corrected: its report now says the call was on 18 February and
  // was a visit (042), so it no longer joins the phone call.
  auto tests = testing_util::TestArticles();
  testing_util::TestArticle vi = tests[1];
  vi.sentences[0] += " (updated)";
  vi.events[0].date = "2026-02-18";
  vi.events[0].cameo = "042";
  Article a;
  std::vector<Sentence> s;
  std::vector<Event> e;
  testing_util::MaterialiseTestArticle(vi, &a, &s, &e);
  EXPECT_EQ(store.WriteArticle(a, s, e), Store::WriteResult::kReplaced);
  EXPECT_EQ(DirtyDedupBuckets(store), 1);
  RefreshDedup(store);
  std::vector<DedupRow> rows = ReadDedup(store);
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0], (DedupRow{"2026-02-18", "VNMGOV", "USAELI", "042", 1, 1, "vi", "9"}));
  EXPECT_EQ(rows[1], (DedupRow{"2026-02-19", "VNMGOV", "USAELI", "041", 2, 1, "en", "1,2"}));
  sqlite::Statement orphans(store.handle(),
                            "SELECT count(*) FROM event_mentions WHERE event_id NOT IN (SELECT "
                            "id FROM events)");
  orphans.Step();
  EXPECT_EQ(orphans.Int(0), 0);
}

TEST(DedupTest, FullRebuildGivesTheSameClustersAsPerBucket) {
  TempDir tmp;
  Store store(tmp.File("x.db"));
  testing_util::FillTestStore(store);
  RefreshDedup(store);
  std::vector<DedupRow> per_bucket = ReadDedup(store);
  // Mark many buckets dirty (as a bulk load would) to force the one-pass rebuild.
  sqlite::Statement mark(store.handle(), "INSERT INTO dedup_dirty VALUES (?, 'X', '01')");
  for (int i = 0; i < 2500; ++i) mark.Bind(1, "K" + std::to_string(i)).Run();
  DedupRefreshStats stats = RefreshDedup(store);
  EXPECT_TRUE(stats.full);
  EXPECT_EQ(stats.clusters, 6);
  EXPECT_EQ(ReadDedup(store), per_bucket);
}

}  // namespace
}  // namespace dyad
