// Every query plan returns exactly the rows a plain reading of the filter gives, in order: a
// generated database of varied events is queried with every filter shape, in both views, with
// the planner's limits lowered so that each driver (small or merged, every index, the text hits
// read whole or by window, the scan of a bulk load) is taken, and compared with a brute-force
// evaluation of the same filter over all rows.
#include "query/plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "dyad/query/dedup.h"
#include "dyad/query/query.h"
#include "dyad/store/store.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::TempDir;

const char* const kActors[] = {"VNM",    "VNMGOV", "VNMGOVMIL", "VNMMIL", "USA", "USAGOV",
                               "USAELI", "CHN",    "CHNGOV",    "CHNMIL", "JPN", "KORGOV"};
const char* const kCodes[] = {"010", "036", "040", "041", "042", "043", "0431", "051",
                              "111", "112", "120", "130", "141", "163", "190"};
const char* const kWords[] = {"alpha", "beta", "gamma", "delta", "typhoon", "talks", "rice"};

int QuadOf(const std::string& cameo) {
  int root = std::stoi(cameo.substr(0, 2));
  return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

// Writes `articles` articles of up to 6 events (some undated, some without a target, a third
// repeating an earlier event so that deduplication merges them), then replaces a few.
void Generate(Store& store, int articles, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](auto& list) { return std::string(list[rng() % std::size(list)]); };
  std::vector<Event> recent;
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < articles; ++i) {
      if (pass == 1 && i % 7 != 3) continue;  // the second pass replaces every 7th article
      Article a;
      a.id = "a" + std::to_string(i);
      a.date = Date{2020, 1, 1}.AddDays(static_cast<long>(i * 3 + rng() % 5));
      a.language = i % 5 == 0 ? "vi" : i % 31 == 0 ? "fr" : "en";
      std::vector<Sentence> sentences;
      for (int s = 0; s < 3; ++s) {
        Sentence sent;
        sent.index = s;
        sent.language = a.language;
        if (s) a.text += ' ';
        sent.span.begin = static_cast<uint32_t>(a.text.size());
        int words = 3 + static_cast<int>(rng() % 4);
        for (int w = 0; w < words; ++w) a.text += (w ? " " : "") + pick(kWords);
        a.text += pass ? " again." : ".";
        sent.span.end = static_cast<uint32_t>(a.text.size());
        sentences.push_back(sent);
      }
      std::vector<Event> events;
      int n = static_cast<int>(rng() % 7);
      for (int k = 0; k < n; ++k) {
        Event e;
        if (!recent.empty() && rng() % 3 == 0) {
          e = recent[rng() % recent.size()];
        } else {
          e.source.code = pick(kActors);
          e.target.code = rng() % 9 == 0 ? "" : pick(kActors);
          e.cameo = pick(kCodes);
          e.quad_class = QuadOf(e.cameo);
          e.goldstein = static_cast<double>(rng() % 20) - 10;
          recent.push_back(e);
        }
        e.article = a.id;
        e.sentence = static_cast<int>(rng() % 3);
        e.language = a.language;
        if (rng() % 13 == 0)
          e.date.reset();
        else
          e.date = a.date->AddDays(-static_cast<long>(rng() % 2));
        e.date_source = DateSource::kText;
        events.push_back(e);
      }
      store.WriteArticle(a, sentences, events);
    }
  }
}

// One row as the reference sees it.
struct Row {
  int64_t id;
  std::string date, source, target, cameo, languages;
  int quad;
  double goldstein;
  std::vector<std::string> texts;  // the sentences it was reported in
};

std::vector<Row> AllRows(Store& store, EventView view) {
  std::vector<Row> rows;
  std::map<int64_t, size_t> at;
  std::string sql =
      view == EventView::kRaw
          ? "SELECT e.id, coalesce(e.date, ''), coalesce(e.source_code, ''), "
            "coalesce(e.target_code, ''), e.cameo, e.quad_class, coalesce(e.language, ''), "
            "s.text, e.goldstein FROM events e LEFT JOIN sentences s ON s.article_id = "
            "e.article_id AND "
            "s.idx = e.sentence_idx"
          : "SELECT d.id, coalesce(d.date, ''), coalesce(d.source_code, ''), "
            "coalesce(d.target_code, ''), d.cameo, d.quad_class, coalesce(d.languages, ''), "
            "s.text, d.goldstein FROM dedup_events d JOIN event_mentions m ON m.dedup_id = d.id "
            "JOIN events e "
            "ON e.id = m.event_id LEFT JOIN sentences s ON s.article_id = e.article_id AND "
            "s.idx = e.sentence_idx";
  sqlite::Statement st(store.handle(), sql);
  while (st.Step()) {
    auto [it, added] = at.emplace(st.Int(0), rows.size());
    if (added)
      rows.push_back({st.Int(0),
                      st.Text(1),
                      st.Text(2),
                      st.Text(3),
                      st.Text(4),
                      st.Text(6),
                      static_cast<int>(st.Int(5)),
                      st.Double(8),
                      {}});
    rows[it->second].texts.push_back(st.Text(7));
  }
  return rows;
}

bool HasWord(const std::string& text, const std::string& word) {
  std::string token;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      token += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (token == word) return true;
      token.clear();
    }
  }
  return false;
}

bool Matches(const Row& r, const EventFilter& f, EventView view) {
  auto starts = [](const std::string& code, const std::string& prefix) {
    return !code.empty() && code.starts_with(prefix);
  };
  if (!f.source.empty() && !starts(r.source, f.source)) return false;
  if (!f.target.empty() && !starts(r.target, f.target)) return false;
  if (!f.dyad_a.empty() && !((starts(r.source, f.dyad_a) && starts(r.target, f.dyad_b)) ||
                             (starts(r.source, f.dyad_b) && starts(r.target, f.dyad_a))))
    return false;
  if ((f.from || f.to) && r.date.empty()) return false;
  if (f.from && r.date < f.from->ToString()) return false;
  if (f.to && r.date > f.to->ToString()) return false;
  if (!f.code.empty() && !r.cameo.starts_with(f.code)) return false;
  if (f.quad && r.quad != f.quad) return false;
  if (!f.language.empty()) {
    if (view == EventView::kRaw && r.languages != f.language) return false;
    if (view == EventView::kDedup &&
        ("," + r.languages + ",").find("," + f.language + ",") == std::string::npos)
      return false;
  }
  if (!f.text.empty()) {
    bool any = false;
    for (const std::string& t : r.texts) {
      bool all = true;
      size_t i = 0;
      while (i < f.text.size()) {
        size_t j = f.text.find(' ', i);
        if (j == std::string::npos) j = f.text.size();
        if (j > i && !HasWord(t, f.text.substr(i, j - i))) all = false;
        i = j + 1;
      }
      any = any || all;
    }
    if (!any) return false;
  }
  return true;
}

std::vector<int64_t> Expected(const std::vector<Row>& rows, const EventFilter& f, EventView view) {
  std::vector<const Row*> hits;
  for (const Row& r : rows)
    if (Matches(r, f, view)) hits.push_back(&r);
  std::sort(hits.begin(), hits.end(), [](const Row* a, const Row* b) {
    return std::tie(a->date, a->id) < std::tie(b->date, b->id);
  });
  std::vector<int64_t> ids;
  for (const Row* r : hits) {
    if (f.limit > 0 && static_cast<int64_t>(ids.size()) == f.limit) break;
    ids.push_back(r->id);
  }
  return ids;
}

std::vector<int64_t> Actual(Store& store, const EventFilter& f) {
  std::vector<int64_t> ids;
  QueryEvents(store, f, {}, [&](const EventRecord& r) { ids.push_back(r.id); });
  return ids;
}

// The filters compared: each alone, and the combinations of the benchmark and more.
std::vector<FilterArgs> Filters() {
  std::vector<FilterArgs> out = {
      {},
      {.source = "VNM"},
      {.source = "VNMGOV"},
      {.source = "KOR"},
      {.source = "XXX"},
      {.target = "USA"},
      {.target = "VNMGOVMIL"},
      {.dyad = "VNM-USA"},
      {.dyad = "VNMGOV-CHN"},
      {.dyad = "VNMGOV-USA"},
      {.dyad = "VNM-VNM"},  // both directions are the same pairs: each row once
      {.dyad = "VNM-VNMGOV"},
      {.source = "CHN", .target = "VNM"},
      {.source = "VNM", .dyad = "VNM-USA"},
      {.source = "CHN", .dyad = "VNM-USA"},
      {.target = "USAGOV", .dyad = "USA-VNM"},
      {.from = "2020-06", .to = "2020-09"},
      {.from = "2021-03-04"},
      {.to = "2020-02-10"},
      {.dyad = "VNM-USA", .from = "2020-05", .to = "2021-02"},
      {.code = "04"},
      {.code = "043"},
      {.code = "19"},
      {.code = "2"},
      {.quad = 4},
      {.language = "vi"},
      {.language = "fr"},
      {.text = "typhoon"},
      {.text = "typhoon rice"},
      {.text = "again"},
      {.text = "nothing"},
      {.source = "CHNGOV", .code = "04"},
      {.dyad = "VNM-USA", .text = "typhoon"},
      {.dyad = "VNM-CHN", .code = "11", .quad = 3},
      {.target = "JPN", .language = "vi"},
      {.source = "VNM", .from = "2020-03", .code = "1", .language = "en", .text = "alpha"},
      {.target = "VNM", .to = "2021-01", .text = "again", .quad = 1},
  };
  // And random combinations.
  std::mt19937_64 rng(7);
  const char* sources[] = {"", "VNM", "USAGOV", "CHN", "JPN"};
  const char* dyads[] = {"", "", "VNM-USA", "CHN-VNM", "USA-JPN"};
  const char* froms[] = {"", "2020-04", "2020-11-15", "2021"};
  const char* tos[] = {"", "2020-08", "2021-06-30"};
  const char* codes[] = {"", "", "04", "1", "042", "0431"};
  const char* languages[] = {"", "", "vi", "en"};
  const char* texts[] = {"", "", "beta", "talks gamma", "again"};
  for (int i = 0; i < 60; ++i) {
    FilterArgs a;
    a.source = sources[rng() % std::size(sources)];
    a.target = sources[rng() % std::size(sources)];
    a.dyad = dyads[rng() % std::size(dyads)];
    a.from = froms[rng() % std::size(froms)];
    a.to = tos[rng() % std::size(tos)];
    a.code = codes[rng() % std::size(codes)];
    a.language = languages[rng() % std::size(languages)];
    a.text = texts[rng() % std::size(texts)];
    a.quad = rng() % 4 == 0 ? static_cast<int>(1 + rng() % 4) : 0;
    if (!a.from.empty() && !a.to.empty() && a.to < a.from) a.to.clear();
    out.push_back(a);
  }
  return out;
}

// "events q1 q2 q3 q4 goldstein" of one direction in one period.
std::string Describe(const TimelineCounts& c) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%lld %lld %lld %lld %lld %.3f", static_cast<long long>(c.events),
                static_cast<long long>(c.quad[0]), static_cast<long long>(c.quad[1]),
                static_cast<long long>(c.quad[2]), static_cast<long long>(c.quad[3]),
                c.goldstein_sum);
  return buf;
}

// Period label -> both directions, for the periods with events, computed from all rows.
std::map<std::string, std::string> ExpectedTimeline(const std::vector<Row>& rows,
                                                    const EventFilter& f, EventView view,
                                                    Period period) {
  std::map<std::string, std::array<TimelineCounts, 2>> cells;
  for (const Row& r : rows) {
    if (r.date.empty() || !Matches(r, f, view)) continue;
    bool ab = r.source.starts_with(f.dyad_a) && r.target.starts_with(f.dyad_b);
    TimelineCounts& c = cells[PeriodLabel(*Date::Parse(r.date), period)][ab ? 0 : 1];
    ++c.events;
    ++c.quad[r.quad - 1];
    c.goldstein_sum += r.goldstein;
  }
  std::map<std::string, std::string> out;
  for (const auto& [label, c] : cells) out[label] = Describe(c[0]) + " / " + Describe(c[1]);
  return out;
}

std::map<std::string, std::string> ActualTimeline(const Timeline& t) {
  std::map<std::string, std::string> out;
  for (const TimelinePeriod& p : t.periods) {
    EXPECT_EQ(p.combined.events, p.a_to_b.events + p.b_to_a.events);
    if (p.combined.events) out[p.label] = Describe(p.a_to_b) + " / " + Describe(p.b_to_a);
  }
  return out;
}

class PlanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir;
    store_ = new Store(tmp_->File("plan.db"));
    Generate(*store_, 400, 20260219);
    EXPECT_FALSE(RefreshDedup(*store_).full);
    RefreshTextIndex(*store_);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete tmp_;
  }
  ~PlanTest() override { plan::SetLimitsForTesting(saved_); }

  // Compares every filter in both views and at several limits; returns the drivers taken.
  std::set<std::string> CompareAll() {
    std::set<std::string> drivers;
    for (EventView view : {EventView::kRaw, EventView::kDedup}) {
      std::vector<Row> rows = AllRows(*store_, view);
      for (FilterArgs args : Filters()) {
        args.events = view == EventView::kRaw ? "raw" : "dedup";
        for (int64_t limit : {0, 1, 7, 60}) {
          args.limit = limit;
          EventFilter f = BuildFilter(args);
          QueryPlan p = ExplainQuery(*store_, f);
          drivers.insert(p.driver + " " + p.index);
          EXPECT_EQ(Actual(*store_, f), Expected(rows, f, view))
              << "view " << args.events << " source " << args.source << " target " << args.target
              << " dyad " << args.dyad << " from " << args.from << " to " << args.to << " code "
              << args.code << " quad " << args.quad << " language " << args.language << " text "
              << args.text << " limit " << limit << ": plan " << p.driver << " " << p.index << " x"
              << p.ranges;
        }
      }
    }
    return drivers;
  }

  plan::Limits saved_ = plan::SetLimitsForTesting({kSmallDriver, 400});
  static TempDir* tmp_;
  static Store* store_;
};

TempDir* PlanTest::tmp_ = nullptr;
Store* PlanTest::store_ = nullptr;

TEST_F(PlanTest, SmallDriversReturnExactRows) {
  // Every driver is small here: the one matching fewest rows is read whole.
  std::set<std::string> drivers = CompareAll();
  EXPECT_TRUE(drivers.count("text ")) << ::testing::PrintToString(drivers);
  EXPECT_TRUE(drivers.count("code events_code")) << ::testing::PrintToString(drivers);
}

TEST_F(PlanTest, MergedRangesReturnExactRows) {
  // No driver is small: ranges are merged in date order by preference, text is checked by
  // windows of hits, and the dedup view with text reads the matching mentions.
  plan::SetLimitsForTesting({0, 400});
  std::set<std::string> drivers = CompareAll();
  for (const char* d :
       {"dyad events_dyad", "dyad dedup_dyad", "source events_source", "source dedup_source",
        "target events_target", "target dedup_target", "code events_code", "code dedup_code",
        "date events_date", "date dedup_date", "source and target events_dyad", "none ",
        "mentions by dyad events_dyad", "mentions by date events_date"})
    EXPECT_TRUE(drivers.count(d)) << d << " in " << ::testing::PrintToString(drivers);
}

TEST_F(PlanTest, TooManyRangesFallBackAndStayExact) {
  // With at most 5 ranges, a dyad of many code pairs is read by the source codes of its actors,
  // and a prefix of many codes is checked on another driver.
  plan::SetLimitsForTesting({0, 5});
  std::set<std::string> drivers = CompareAll();
  EXPECT_TRUE(drivers.count("dyad sources events_source")) << ::testing::PrintToString(drivers);
}

TEST_F(PlanTest, TimelinesCountExactlyWhateverThePlan) {
  const std::vector<FilterArgs> filters = {
      {.dyad = "VNM-USA"},
      {.dyad = "USA-VNM", .code = "04"},
      {.dyad = "VNM-VNM"},
      {.dyad = "CHN-VNMGOV", .from = "2020-03", .to = "2021-01"},
      {.source = "VNMGOV", .dyad = "VNM-CHN", .language = "vi"},
      {.dyad = "VNM-USA", .text = "typhoon", .quad = 1},
      {.dyad = "JPN-KOR"},
  };
  for (plan::Limits limits : {plan::Limits{kSmallDriver, 400}, plan::Limits{0, 3}}) {
    plan::SetLimitsForTesting(limits);
    for (EventView view : {EventView::kRaw, EventView::kDedup}) {
      std::vector<Row> rows = AllRows(*store_, view);
      for (FilterArgs args : filters) {
        args.events = view == EventView::kRaw ? "raw" : "dedup";
        EventFilter f = BuildFilter(args);
        for (Period period : {Period::kDay, Period::kWeek, Period::kMonth, Period::kYear}) {
          Timeline t = BuildTimeline(*store_, f, period);
          auto expected = ExpectedTimeline(rows, f, view, period);
          EXPECT_EQ(ActualTimeline(t), expected)
              << args.dyad << " " << args.events << " max ranges " << limits.max_ranges;
          if (!expected.empty() && !t.periods.empty()) {
            EXPECT_EQ(t.periods.front().label, expected.begin()->first);
            EXPECT_EQ(t.periods.back().label, expected.rbegin()->first);
          }
        }
      }
    }
  }
}

TEST_F(PlanTest, BulkLoadScansInDateOrder) {
  store_->BeginBulkLoad();
  std::set<std::string> drivers;
  std::vector<Row> rows = AllRows(*store_, EventView::kRaw);
  for (FilterArgs args : Filters()) {
    args.limit = 9;
    EventFilter f = BuildFilter(args);
    drivers.insert(ExplainQuery(*store_, f).driver);
    EXPECT_EQ(Actual(*store_, f), Expected(rows, f, EventView::kRaw));
  }
  std::vector<Row> rows_now = AllRows(*store_, EventView::kRaw);
  EventFilter dyad = BuildFilter({.dyad = "VNM-USA", .code = "1"});
  EXPECT_EQ(ActualTimeline(BuildTimeline(*store_, dyad, Period::kMonth)),
            ExpectedTimeline(rows_now, dyad, EventView::kRaw, Period::kMonth));
  store_->EndBulkLoad();
  EXPECT_EQ(drivers, (std::set<std::string>{"scan"}));
}

// The deduplicated events as a list of text rows, without their ids.
std::vector<std::string> DedupContent(Store& store) {
  sqlite::Statement st(
      store.handle(),
      "SELECT d.source_key || '|' || d.target_key || '|' || d.root || '|' || coalesce(d.date, '') "
      "|| '|' || coalesce(d.source_code, '') || '|' || coalesce(d.target_code, '') || '|' || "
      "d.cameo || '|' || d.mentions || '|' || d.articles || '|' || coalesce(d.languages, '') || "
      "'|' || d.first_event || '|' || (SELECT group_concat(event_id) FROM (SELECT m.event_id FROM "
      "event_mentions m WHERE m.dedup_id = d.id ORDER BY 1)) FROM dedup_events d ORDER BY 1");
  std::vector<std::string> rows;
  while (st.Step()) rows.push_back(st.Text(0));
  return rows;
}

TEST_F(PlanTest, IncrementalDedupMatchesFullRebuild) {
  // The suite's database was deduplicated bucket by bucket (incrementally); one ordered pass
  // over everything gives the same events.
  std::vector<std::string> incremental = DedupContent(*store_);
  ASSERT_GT(incremental.size(), 500u);
  sqlite::Statement mark(store_->handle(), "INSERT INTO dedup_dirty VALUES (?, 'X', '01')");
  for (int i = 0; i < 2500; ++i) mark.Bind(1, "K" + std::to_string(i)).Run();
  EXPECT_TRUE(RefreshDedup(*store_).full);
  EXPECT_EQ(DedupContent(*store_), incremental);
  // Written in date order: undated first, then a date never more than the one-day window
  // before the previous id's.
  sqlite::Statement order(store_->handle(),
                          "SELECT count(*) FROM dedup_events a JOIN dedup_events b ON b.id = a.id "
                          "+ 1 WHERE (a.date IS NOT NULL AND b.date IS NULL) OR b.date < "
                          "date(a.date, '-1 day')");
  order.Step();
  EXPECT_EQ(order.Int(0), 0);
}

TEST_F(PlanTest, ExplainNamesDriverRangesAndChecks) {
  plan::SetLimitsForTesting({0, 400});
  QueryPlan p = ExplainQuery(*store_, BuildFilter({.dyad = "VNM-USA", .code = "04"}));
  EXPECT_EQ(p.driver, "dyad");
  EXPECT_EQ(p.index, "events_dyad");
  // One range per (source, target) pair present, in either direction.
  sqlite::Statement pairs(store_->handle(),
                          "SELECT count(*) FROM (SELECT DISTINCT source_code, target_code FROM "
                          "events WHERE (source_code LIKE 'VNM%' AND target_code LIKE 'USA%') OR "
                          "(source_code LIKE 'USA%' AND target_code LIKE 'VNM%'))");
  pairs.Step();
  EXPECT_GE(pairs.Int(0), 8);
  EXPECT_EQ(p.ranges, pairs.Int(0));
  EXPECT_EQ(p.checks, (std::vector<std::string>{"code"}));
  plan::SetLimitsForTesting({kSmallDriver, 400});
  p = ExplainQuery(*store_, BuildFilter({.source = "KOR", .text = "typhoon"}));
  EXPECT_EQ(p.driver, "source");
  EXPECT_EQ(p.index, "events_source");
  EXPECT_EQ(p.ranges, 1);
  EXPECT_GT(p.rows, 0);
  EXPECT_EQ(p.checks, (std::vector<std::string>{"text"}));
}

}  // namespace
}  // namespace dyad
