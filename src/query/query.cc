#include "dyad/query/query.h"

#include <sqlite3.h>

#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "dyad/core/error.h"
#include "dyad/query/dedup.h"
#include "dyad/store/store.h"
#include "query/plan.h"
#include "store/sqlite_util.h"

namespace dyad {
namespace {

// Brings the materialised views a filter reads up to date.
void RefreshFor(Store& store, const EventFilter& f) {
  if (f.view == EventView::kDedup) RefreshDedup(store);
  if (!f.text.empty()) RefreshTextIndex(store);
}

// The full-text hits of the filter's words, or nullptr when it has none.
std::unique_ptr<plan::TextHits> HitsFor(Store& store, const EventFilter& f) {
  if (f.text.empty()) return nullptr;
  return std::make_unique<plan::TextHits>(store.handle(), FtsQuery(f.text));
}

Event ReadEvent(const sqlite::Statement& st) {
  Event e;
  auto u32 = [&](int c) { return static_cast<uint32_t>(st.Int(c)); };
  e.article = st.Text(1);
  e.sentence = static_cast<int>(st.Int(2));
  if (!st.IsNull(3)) e.date = Date::Parse(st.Text(3));
  std::string ds = st.Text(4);
  e.date_source = ds == "text"      ? DateSource::kText
                  : ds == "article" ? DateSource::kArticle
                                    : DateSource::kNone;
  e.language = st.Text(5);
  e.source = {st.Text(6), st.Text(7), {u32(8), u32(9)}, ""};
  e.target = {st.Text(10), st.Text(11), {u32(12), u32(13)}, ""};
  e.cameo = st.Text(14);
  e.cameo_name = st.Text(15);
  e.goldstein = st.Double(16);
  e.quad_class = static_cast<int>(st.Int(17));
  e.plover = {st.Text(18), st.Text(19), st.Text(20)};
  e.verb_text = st.Text(21);
  e.verb_span = {u32(22), u32(23)};
  e.verb_pattern = st.Text(24);
  e.text = st.Text(25);
  if (e.date) {
    std::string precision = st.Text(31);
    e.date->precision = precision == "week"    ? DatePrecision::kWeek
                        : precision == "month" ? DatePrecision::kMonth
                        : precision == "year"  ? DatePrecision::kYear
                                               : DatePrecision::kDay;
  }
  std::string issues = st.Text(32);
  for (size_t begin = 0; begin < issues.size();) {
    size_t end = std::min(issues.find(';', begin), issues.size());
    if (end > begin) e.issues.push_back(issues.substr(begin, end - begin));
    begin = end + 1;
  }
  return e;
}

// Columns 0..32 read by ReadEvent and QueryEvents; `c` is the alias of the cluster-level columns.
std::string RecordColumns(const std::string& c, bool dedup) {
  return c + ".id, e.article_id, e.sentence_idx, " + c + ".date, e.date_source, e.language, " + c +
         ".source_code, e.source_text, e.source_begin, e.source_end, " + c +
         ".target_code, e.target_text, e.target_begin, e.target_end, " + c +
         ".cameo, e.cameo_name, " + c + ".goldstein, " + c +
         ".quad_class, e.plover_event, e.plover_mode, e.plover_context, e.verb_text, "
         "e.verb_begin, e.verb_end, e.verb_pattern, s.text, a.url, " +
         (dedup ? "d.mentions, d.articles, d.languages" : "1, 1, e.language") +
         ", a.ingested_at, e.date_precision, e.issues";
}

}  // namespace

EventView ParseEventView(std::string_view name) {
  if (name == "raw") return EventView::kRaw;
  if (name == "dedup") return EventView::kDedup;
  throw Error("unknown --events view '" + std::string(name) + "' (use raw or dedup)");
}

std::pair<std::string, std::string> ParseDyad(std::string_view dyad) {
  size_t dash = dyad.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= dyad.size() ||
      dyad.find('-', dash + 1) != std::string_view::npos) {
    throw Error("--dyad '" + std::string(dyad) +
                "': expected two actor codes joined by '-', e.g. VNM-USA");
  }
  return {std::string(dyad.substr(0, dash)), std::string(dyad.substr(dash + 1))};
}

Date ParseDateBound(std::string_view text, bool end, std::string_view option) {
  auto fail = [&]() -> Error {
    return Error(std::string(option) + " '" + std::string(text) +
                 "': expected a date as YYYY-MM-DD, YYYY-MM or YYYY");
  };
  auto all_digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (text.size() == 10) {
    if (std::optional<Date> d = Date::Parse(text)) return *d;
    throw fail();
  }
  if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) &&
      all_digits(text.substr(5))) {
    int y = std::stoi(std::string(text.substr(0, 4))), m = std::stoi(std::string(text.substr(5)));
    if (m < 1 || m > 12) throw fail();
    Date d{y, m, 1};
    if (!end) return d;
    Date next = m == 12 ? Date{y + 1, 1, 1} : Date{y, m + 1, 1};
    return next.AddDays(-1);
  }
  if (text.size() == 4 && all_digits(text)) {
    int y = std::stoi(std::string(text));
    return end ? Date{y, 12, 31} : Date{y, 1, 1};
  }
  throw fail();
}

EventFilter BuildFilter(const FilterArgs& a) {
  EventFilter f;
  f.source = a.source;
  f.target = a.target;
  if (!a.dyad.empty()) std::tie(f.dyad_a, f.dyad_b) = ParseDyad(a.dyad);
  if (!a.from.empty()) f.from = ParseDateBound(a.from, false, "--from");
  if (!a.to.empty()) f.to = ParseDateBound(a.to, true, "--to");
  if (f.from && f.to && *f.to < *f.from) throw Error("--from " + a.from + " is after --to " + a.to);
  f.code = a.code;
  if (a.quad < 0 || a.quad > 4)
    throw Error("--quad " + std::to_string(a.quad) +
                ": use 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or "
                "4 (material conflict)");
  f.quad = a.quad;
  f.language = a.language;
  f.text = a.text;
  if (!a.text.empty()) FtsQuery(a.text);  // reject an empty query early
  f.view = ParseEventView(a.events);
  if (a.limit < 0) throw Error("--limit must be 0 (no limit) or more");
  f.limit = a.limit;
  return f;
}

std::string FtsQuery(std::string_view words) {
  std::string out;
  size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && (words[i] == ' ' || words[i] == '\t')) ++i;
    size_t j = i;
    while (j < words.size() && words[j] != ' ' && words[j] != '\t') ++j;
    if (j > i) {
      std::string_view w = words.substr(i, j - i);
      bool prefix = w.size() > 1 && w.back() == '*';
      if (prefix) w.remove_suffix(1);
      if (!out.empty()) out += ' ';
      out += '"';
      for (char c : w) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
      if (prefix) out += '*';
    }
    i = j;
  }
  if (out.empty()) throw Error("--text needs at least one word");
  return out;
}

void QueryEvents(Store& store, const EventFilter& filter, const QueryOptions& options,
                 const std::function<void(const EventRecord&)>& sink) {
  RefreshFor(store, filter);
  plan::RegisterFunctions(store.handle());
  std::unique_ptr<plan::TextHits> hits = HitsFor(store, filter);
  plan::Pick pick = plan::PlanPick(store.handle(), filter, hits.get());
  if (pick.sql.empty()) return;  // nothing can match
  const bool dedup = filter.view == EventView::kDedup;
  const std::string x = dedup ? "d" : "e";
  if (!pick.cluster_sql.empty()) {
    // Deduplicated events found through their mentions: their (date, id) become the pick.
    auto clusters = plan::CollectClusters(store.handle(), pick);
    if (clusters.empty()) return;
    pick.params = plan::Params();
    pick.sql = "SELECT column1 AS date, column2 AS id FROM (VALUES ";
    for (size_t i = 0; i < clusters.size(); ++i) {
      const auto& [date, id] = clusters[i];
      pick.sql += (i ? ", (" : "(") + (date.empty() ? std::string("NULL") : pick.params.Add(date)) +
                  ", " + pick.params.Add(id) + ")";
    }
    pick.sql += ")";
  }
  // The picked ids first (index ranges merged in date order, at most `limit`), then their rows.
  std::string sql = "SELECT " + RecordColumns(x, dedup) + " FROM (" + pick.sql + ") AS pick " +
                    (dedup ? "JOIN dedup_events d ON d.id = pick.id JOIN events e ON e.id = "
                             "d.first_event "
                           : "JOIN events e ON e.id = pick.id ") +
                    "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = "
                    "e.sentence_idx LEFT JOIN articles a ON a.id = e.article_id ORDER BY "
                    "pick.date, pick.id";
  sqlite::Statement st(store.handle(), sql);
  pick.params.Bind(st);
  std::optional<sqlite::Statement> mentions;
  if (options.with_mentions && dedup) {
    mentions.emplace(store.handle(),
                     "SELECT m.event_id, r.article_id, r.sentence_idx, coalesce(r.language, '') "
                     "FROM event_mentions m JOIN events r ON r.id = m.event_id WHERE m.dedup_id "
                     "= ? ORDER BY r.article_id, r.sentence_idx, r.id");
  }
  EventRecord rec;
  while (st.Step()) {
    rec.id = st.Int(0);
    rec.event = ReadEvent(st);
    rec.url = st.Text(26);
    rec.mentions = st.Int(27);
    rec.articles = st.Int(28);
    rec.languages = st.Text(29);
    rec.ingested_at = st.Text(30);
    rec.mention_refs.clear();
    if (options.with_mentions) {
      if (mentions) {
        mentions->Bind(1, rec.id);
        while (mentions->Step()) {
          rec.mention_refs.push_back({mentions->Int(0), mentions->Text(1),
                                      static_cast<int>(mentions->Int(2)), mentions->Text(3)});
        }
        mentions->Reset();
      } else {
        rec.mention_refs.push_back(
            {rec.id, rec.event.article, rec.event.sentence, rec.event.language});
      }
    }
    sink(rec);
  }
}

QueryPlan ExplainQuery(Store& store, const EventFilter& filter) {
  RefreshFor(store, filter);
  plan::RegisterFunctions(store.handle());
  std::unique_ptr<plan::TextHits> hits = HitsFor(store, filter);
  return plan::PlanPick(store.handle(), filter, hits.get()).plan;
}

Period ParsePeriod(std::string_view name) {
  if (name == "day") return Period::kDay;
  if (name == "week") return Period::kWeek;
  if (name == "month") return Period::kMonth;
  if (name == "year") return Period::kYear;
  throw Error("unknown period '" + std::string(name) + "' (use day, week, month or year)");
}

namespace {

Date PeriodStart(const Date& d, Period p) {
  switch (p) {
    case Period::kDay:
      return Date{d.year, d.month, d.day};
    case Period::kWeek:
      return d.AddDays(-((d.Weekday() + 6) % 7));  // the Monday on or before
    case Period::kMonth:
      return Date{d.year, d.month, 1};
    case Period::kYear:
      return Date{d.year, 1, 1};
  }
  return d;
}

Date NextPeriodStart(const Date& start, Period p) {
  switch (p) {
    case Period::kDay:
      return start.AddDays(1);
    case Period::kWeek:
      return start.AddDays(7);
    case Period::kMonth:
      return start.month == 12 ? Date{start.year + 1, 1, 1} : Date{start.year, start.month + 1, 1};
    case Period::kYear:
      return Date{start.year + 1, 1, 1};
  }
  return start;
}

}  // namespace

std::string PeriodLabel(const Date& date, Period period) {
  Date s = PeriodStart(date, period);
  std::string full = s.ToString();
  switch (period) {
    case Period::kDay:
    case Period::kWeek:
      return full;
    case Period::kMonth:
      return full.substr(0, 7);
    case Period::kYear:
      return full.substr(0, 4);
  }
  return full;
}

double TimelineCounts::GoldsteinMean() const { return events ? goldstein_sum / events : 0.0; }

double TimelineCounts::NetCooperation() const {
  if (!events) return 0.0;
  return static_cast<double>(quad[0] + quad[1] - quad[2] - quad[3]) / static_cast<double>(events);
}

void TimelineCounts::Add(const TimelineCounts& o) {
  events += o.events;
  for (size_t i = 0; i < quad.size(); ++i) quad[i] += o.quad[i];
  goldstein_sum += o.goldstein_sum;
}

Timeline BuildTimeline(Store& store, const EventFilter& filter, Period period) {
  if (filter.dyad_a.empty() || filter.dyad_b.empty())
    throw Error("a timeline needs --dyad (e.g. --dyad VNM-USA)");
  RefreshFor(store, filter);
  plan::RegisterFunctions(store.handle());
  std::unique_ptr<plan::TextHits> hits = HitsFor(store, filter);
  // Rows are aggregated here rather than with GROUP BY: a plain scan of the covering index is
  // several times faster than SQLite's sorter and per-row aggregate calls on large dyads.
  std::string sql;
  plan::Params params;
  plan::TimelineSql(store.handle(), filter, hits.get(), &sql, &params);
  sqlite::Statement st(store.handle(), sql);
  params.Bind(st);
  auto starts_with = [](const unsigned char* s, int n, const std::string& prefix) {
    return s && static_cast<size_t>(n) >= prefix.size() &&
           std::memcmp(s, prefix.data(), prefix.size()) == 0;
  };
  // Both directions per day, one vector of days (month * 31 + day) per year: rows of one range
  // come in date order, so the year's vector is looked up once per year and range.
  using Days = std::vector<std::array<TimelineCounts, 2>>;
  std::map<int, Days> by_year;
  int last_year = -1;
  Days* days = nullptr;
  sqlite3_stmt* raw = st.get();
  while (st.Step()) {
    const unsigned char* date = sqlite3_column_text(raw, 0);
    if (sqlite3_column_bytes(raw, 0) != 10) continue;  // not YYYY-MM-DD: not countable
    int digits[8], n = 0;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) digits[n++] = date[i] - '0';
    const int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    const int month = digits[4] * 10 + digits[5], day = digits[6] * 10 + digits[7];
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    if (year != last_year) {
      days = &by_year[year];
      if (days->empty()) days->resize(12 * 31);
      last_year = year;
    }
    const unsigned char* source = sqlite3_column_text(raw, 1);
    int source_n = sqlite3_column_bytes(raw, 1);
    const unsigned char* target = sqlite3_column_text(raw, 2);
    int target_n = sqlite3_column_bytes(raw, 2);
    bool ab = starts_with(source, source_n, filter.dyad_a) &&
              starts_with(target, target_n, filter.dyad_b);
    TimelineCounts& c = (*days)[(month - 1) * 31 + (day - 1)][ab ? 0 : 1];
    ++c.events;
    int quad = sqlite3_column_int(raw, 3);
    if (quad >= 1 && quad <= 4) ++c.quad[quad - 1];
    c.goldstein_sum += sqlite3_column_double(raw, 4);
  }
  std::map<long, TimelinePeriod> by_start;  // keyed by the period's first day
  for (const auto& [year, counts] : by_year) {
    for (size_t i = 0; i < counts.size(); ++i) {
      const auto& cell = counts[i];
      if (cell[0].events == 0 && cell[1].events == 0) continue;
      const int month = static_cast<int>(i / 31) + 1, day = static_cast<int>(i % 31) + 1;
      if (!Date::IsValid(year, month, day)) continue;
      Date start = PeriodStart(Date{year, month, day}, period);
      TimelinePeriod& p = by_start[start.DaysSinceEpoch()];
      p.a_to_b.Add(cell[0]);
      p.b_to_a.Add(cell[1]);
      p.combined.Add(cell[0]);
      p.combined.Add(cell[1]);
    }
  }
  Timeline t;
  t.a = filter.dyad_a;
  t.b = filter.dyad_b;
  t.period = period;
  if (by_start.empty()) return t;
  Date first = Date::FromDaysSinceEpoch(by_start.begin()->first);
  long last = by_start.rbegin()->first;
  for (Date s = first; s.DaysSinceEpoch() <= last; s = NextPeriodStart(s, period)) {
    auto it = by_start.find(s.DaysSinceEpoch());
    TimelinePeriod p = it == by_start.end() ? TimelinePeriod{} : it->second;
    p.label = PeriodLabel(s, period);
    t.periods.push_back(std::move(p));
  }
  return t;
}

}  // namespace dyad
