#include "query/plan.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "dyad/core/error.h"
#include "dyad/query/dedup.h"

namespace dyad::plan {
namespace {

// SQLite allows 500 terms in a compound SELECT; beyond this many ranges a filter does not drive.
constexpr size_t kMaxRanges = 400;
// The limits in force (tests lower them to reach every plan on a small database).
Limits g_limits{kSmallDriver, kMaxRanges};
// An actor or code prefix matching more distinct codes than this is checked as a range.
constexpr size_t kMaxCodes = 1000;
constexpr int kWindowBits = 16;
// The dedup view reads its mentions only for limits up to this (the picked ids are bound).
constexpr int64_t kMaxClusterLimit = 10000;
constexpr const char* kHitsPointer = "dyad_text_hits";

// The tables, aliases and query indexes of one view (as the migrations create them).
struct View {
  bool dedup;
  std::string table, x;
  std::string dyad_index, source_index, target_index, code_index, date_index;
};

const View& ViewOf(EventView v) {
  static const View kRaw{false,           "events",        "e",           "events_dyad",
                         "events_source", "events_target", "events_code", "events_date"};
  static const View kDedup{true,           "dedup_events", "d",          "dedup_dyad",
                           "dedup_source", "dedup_target", "dedup_code", "dedup_date"};
  return v == EventView::kDedup ? kDedup : kRaw;
}

// True when every query index of the view exists (they are missing during a bulk load).
bool HasQueryIndexes(sqlite3* db, const View& v) {
  sqlite::Statement st(db,
                       "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                       "(?1, ?2, ?3, ?4, ?5)");
  st.Bind(1, v.dyad_index)
      .Bind(2, v.source_index)
      .Bind(3, v.target_index)
      .Bind(4, v.code_index)
      .Bind(5, v.date_index);
  st.Step();
  return st.Int(0) == 5;
}

// The smallest string greater than every string starting with `prefix` ("" when there is none;
// codes are ASCII).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// The longer of two prefixes when one extends the other (a code matching both matches it);
// nullopt when no code can match both. An empty prefix matches every code.
std::optional<std::string> Narrower(const std::string& a, const std::string& b) {
  if (a.starts_with(b)) return a;
  if (b.starts_with(a)) return b;
  return std::nullopt;
}

// "(col >= ?a AND col < ?b)": a prefix match that can use an index.
std::string PrefixCondition(const std::string& column, const std::string& prefix, Params& p) {
  std::string end = PrefixEnd(prefix);
  std::string sql = "(" + column + " >= " + p.Add(prefix);
  if (!end.empty()) sql += " AND " + column + " < " + p.Add(end);
  return sql + ")";
}

// The distinct values of `column` starting with `prefix` (among the rows whose `eq_column` is
// `eq_value`, when given), in order, read with a loose scan of `index` (one seek per value).
// nullopt when there are more than `max`, or when the prefix has no upper bound.
// REQUIRES: `index` starts with `eq_column` (if any), then `column`.
std::optional<std::vector<std::string>> DistinctValues(sqlite3* db, const std::string& table,
                                                       const std::string& index,
                                                       const std::string& column,
                                                       const std::string& prefix,
                                                       const std::string& eq_column,
                                                       const std::string& eq_value, size_t max) {
  const std::string end = PrefixEnd(prefix);
  if (end.empty()) return std::nullopt;
  const std::string from = " FROM " + table + " INDEXED BY " + index + " WHERE " +
                           (eq_column.empty() ? "" : eq_column + " = ?3 AND ");
  sqlite::Statement scan(db, "WITH RECURSIVE v(code) AS (SELECT (SELECT min(" + column + ")" +
                                 from + column + " >= ?1 AND " + column +
                                 " < ?2) UNION ALL SELECT (SELECT min(" + column + ")" + from +
                                 column + " > v.code AND " + column +
                                 " < ?2) FROM v WHERE v.code IS NOT NULL) SELECT code FROM v "
                                 "WHERE code IS NOT NULL LIMIT ?4");
  scan.Bind(1, prefix).Bind(2, end).Bind(4, static_cast<int64_t>(max + 1));
  if (!eq_column.empty()) scan.Bind(3, eq_value);
  std::vector<std::string> values;
  while (scan.Step()) values.push_back(scan.Text(0));
  if (values.size() > max) return std::nullopt;
  return values;
}

// Filters, as bits: which ones a driver already guarantees.
enum FilterBit : unsigned {
  kSourceBit = 1,
  kTargetBit = 2,
  kDyadBit = 4,
  kCodeBit = 8,
  kTextBit = 16,
  kDateBit = 32,
};

// The index ranges of one filter: each range is one key (equal values of `columns`) of `index`,
// whose entries come in (date, id) order.
struct Family {
  std::string driver;
  std::string index;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> keys;
  unsigned implies = 0;
  int64_t rows = -1;  // counted up to g_limits.small_driver + 1
};

// "x.date >= ?a AND x.date <= ?b" for the filter's bounds.
std::string DateBounds(const EventFilter& f, const View& v, Params& p) {
  std::string sql;
  if (f.from) sql = v.x + ".date >= " + p.Add(f.from->ToString());
  if (f.to) sql += (sql.empty() ? "" : " AND ") + v.x + ".date <= " + p.Add(f.to->ToString());
  return sql;
}

// " AND <date bounds>", or "" without bounds.
std::string AndDateBounds(const EventFilter& f, const View& v, Params& p) {
  return f.from || f.to ? " AND " + DateBounds(f, v, p) : "";
}

// The conditions of `f` on alias x, except those in `skip`, as (name, SQL) pairs.
std::vector<std::pair<std::string, std::string>> Conditions(const EventFilter& f, const View& v,
                                                            unsigned skip, TextHits* hits,
                                                            Params& p) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string& x = v.x;
  if (!f.source.empty() && !(skip & kSourceBit))
    out.emplace_back("source", PrefixCondition(x + ".source_code", f.source, p));
  if (!f.target.empty() && !(skip & kTargetBit))
    out.emplace_back("target", PrefixCondition(x + ".target_code", f.target, p));
  if (!f.dyad_a.empty() && !(skip & kDyadBit)) {
    std::string ab = PrefixCondition(x + ".source_code", f.dyad_a, p) + " AND " +
                     PrefixCondition(x + ".target_code", f.dyad_b, p);
    std::string ba = PrefixCondition(x + ".source_code", f.dyad_b, p) + " AND " +
                     PrefixCondition(x + ".target_code", f.dyad_a, p);
    out.emplace_back("dyad", "((" + ab + ") OR (" + ba + "))");
  }
  if ((f.from || f.to) && !(skip & kDateBit)) out.emplace_back("date", DateBounds(f, v, p));
  if (!f.code.empty() && !(skip & kCodeBit))
    out.emplace_back("code", PrefixCondition(x + ".cameo", f.code, p));
  if (f.quad != 0) {
    if (f.quad < 1 || f.quad > 4)
      throw Error("--quad must be 1..4 (1 verbal cooperation .. 4 material conflict)");
    out.emplace_back("quad", x + ".quad_class = " + p.Add(int64_t{f.quad}));
  }
  if (!f.language.empty()) {
    // A deduplicated event lists its mentions' languages ("en,vi"): any of them matches.
    if (v.dedup)
      out.emplace_back("language", "instr(',' || coalesce(d.languages, '') || ',', " +
                                       p.Add("," + f.language + ",") + ") > 0");
    else
      out.emplace_back("language", "e.language = " + p.Add(f.language));
  }
  if (!f.text.empty() && !(skip & kTextBit)) {
    // The event id is in every index entry: no lookup of the row or its sentence.
    std::string hit = p.Add(hits);
    if (v.dedup)
      out.emplace_back("text",
                       "EXISTS (SELECT 1 FROM event_mentions AS m WHERE m.dedup_id = d.id AND "
                       "dyad_text_hit(" +
                           hit + ", m.event_id))");
    else
      out.emplace_back("text", "dyad_text_hit(" + hit + ", e.id)");
  }
  return out;
}

std::string JoinAnd(const std::vector<std::pair<std::string, std::string>>& conds) {
  std::string sql;
  for (const auto& [name, c] : conds) sql += " AND " + c;
  return sql;
}

// "SELECT x.date AS date, x.id AS id FROM table AS x INDEXED BY index WHERE <key> <tail>" for
// range `i` of the family.
std::string RangeSql(const View& v, const Family& fam, size_t i, const std::string& tail,
                     Params& p) {
  std::string sql = "SELECT " + v.x + ".date AS date, " + v.x + ".id AS id FROM " + v.table +
                    " AS " + v.x + " INDEXED BY " + fam.index + " WHERE 1";
  for (size_t c = 0; c < fam.columns.size(); ++c)  // none for the date index
    sql += " AND " + v.x + "." + fam.columns[c] + " = " + p.Add(fam.keys[i][c]);
  return sql + tail;
}

// The union of the family's ranges ("" when it has none).
std::string UnionSql(const View& v, const Family& fam, const std::string& tail, Params& p) {
  std::string sql;
  for (size_t i = 0; i < fam.keys.size(); ++i)
    sql += (i ? " UNION ALL " : "") + RangeSql(v, fam, i, tail, p);
  return sql;
}

// Counts the rows of the family's ranges within the date bounds, up to g_limits.small_driver + 1.
int64_t CountUpTo(sqlite3* db, const View& v, const Family& fam, const EventFilter& f) {
  Params p;
  std::string date = AndDateBounds(f, v, p);
  std::string ranges = fam.columns.empty() ? RangeSql(v, fam, 0, date, p)  // the date index
                                           : UnionSql(v, fam, date, p);
  if (ranges.empty()) return 0;
  std::string sql =
      "SELECT count(*) FROM (" + ranges + " LIMIT " + p.Add(g_limits.small_driver + 1) + ")";
  sqlite::Statement st(db, sql);
  p.Bind(st);
  st.Step();
  return st.Int(0);
}

// The ranges of the dyad index for (source, target) pairs, both directions of the dyad (or the
// one direction of --source with --target), narrowed by --source and --target. nullopt when the
// pairs are too many or a prefix has too many codes.
std::optional<Family> PairFamily(sqlite3* db, const View& v, const EventFilter& f) {
  std::vector<std::pair<std::string, std::string>> directions;  // (source prefix, target prefix)
  if (!f.dyad_a.empty()) {
    directions = {{f.dyad_a, f.dyad_b}, {f.dyad_b, f.dyad_a}};
  } else {
    directions = {{f.source, f.target}};
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& [src, tgt] : directions) {
    std::optional<std::string> s = Narrower(src, f.source), t = Narrower(tgt, f.target);
    if (!s || !t) continue;  // e.g. --dyad VNM-USA --source CHN: no code matches both
    auto sources =
        DistinctValues(db, v.table, v.source_index, "source_code", *s, "", "", kMaxCodes);
    if (!sources) return std::nullopt;
    for (const std::string& source : *sources) {
      auto targets = DistinctValues(db, v.table, v.dyad_index, "target_code", *t, "source_code",
                                    source, g_limits.max_ranges);
      if (!targets) return std::nullopt;
      for (const std::string& target : *targets) pairs.emplace(source, target);
      if (pairs.size() > g_limits.max_ranges) return std::nullopt;
    }
  }
  Family fam;
  fam.driver = f.dyad_a.empty() ? "source and target" : "dyad";
  fam.index = v.dyad_index;
  fam.columns = {"source_code", "target_code"};
  fam.implies = kSourceBit | kTargetBit | kDyadBit;
  for (const auto& [s, t] : pairs) fam.keys.push_back({s, t});
  return fam;
}

// One range per code of `column` matching any of `prefixes` (each narrowed by `narrow`).
std::optional<Family> CodeFamily(sqlite3* db, const View& v, std::string driver,
                                 const std::string& index, const std::string& column,
                                 const std::vector<std::string>& prefixes,
                                 const std::string& narrow, unsigned implies) {
  Family fam;
  fam.driver = std::move(driver);
  fam.index = index;
  fam.columns = {column};
  fam.implies = implies;
  std::set<std::string> codes;
  for (const std::string& prefix : prefixes) {
    std::optional<std::string> n = Narrower(prefix, narrow);
    if (!n) continue;
    auto values = DistinctValues(db, v.table, index, column, *n, "", "", g_limits.max_ranges);
    if (!values) return std::nullopt;
    codes.insert(values->begin(), values->end());
  }
  if (codes.size() > g_limits.max_ranges) return std::nullopt;
  for (const std::string& c : codes) fam.keys.push_back({c});
  return fam;
}

}  // namespace

Limits SetLimitsForTesting(Limits limits) { return std::exchange(g_limits, limits); }

std::string Params::Add(Value v) {
  values_.push_back(std::move(v));
  return "?" + std::to_string(values_.size());
}

void Params::Bind(sqlite::Statement& st) const {
  for (size_t i = 0; i < values_.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    if (const auto* s = std::get_if<std::string>(&values_[i])) {
      st.Bind(idx, *s);
    } else if (const auto* n = std::get_if<int64_t>(&values_[i])) {
      st.Bind(idx, *n);
    } else if (sqlite3_bind_pointer(st.get(), idx, std::get<TextHits*>(values_[i]), kHitsPointer,
                                    nullptr) != SQLITE_OK) {
      throw StoreError("SQLite: cannot bind the text hits");
    }
  }
}

TextHits::TextHits(sqlite3* db, std::string match) : db_(db), match_(std::move(match)) {}

bool TextHits::ReadAllUpTo(int64_t max) {
  if (complete_) return count_ <= max;
  sqlite::Statement st(db_, "SELECT rowid FROM events_fts(?1) LIMIT ?2");
  st.Bind(1, match_).Bind(2, max + 1);
  std::unordered_map<int64_t, Bits> windows;
  int64_t n = 0;
  while (st.Step()) {
    if (++n > max) return false;
    int64_t id = st.Int(0);
    Bits& bits = windows[id >> kWindowBits];
    if (bits.empty()) bits.assign((1 << kWindowBits) / 64, 0);
    int64_t bit = id & ((1 << kWindowBits) - 1);
    bits[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  windows_ = std::move(windows);
  last_window_ = -1;
  last_bits_ = nullptr;
  complete_ = true;
  count_ = n;
  return true;
}

const TextHits::Bits& TextHits::Window(int64_t window) {
  static const Bits kNone;
  auto it = windows_.find(window);
  if (it != windows_.end()) return it->second;
  if (complete_) return kNone;
  // One seek into each term's doclist, then the hits of the window.
  if (!range_)
    range_ = std::make_unique<sqlite::Statement>(
        db_, "SELECT rowid FROM events_fts(?1) WHERE rowid >= ?2 AND rowid < ?3");
  Bits& bits = windows_[window];
  bits.assign((1 << kWindowBits) / 64, 0);
  range_->Bind(1, match_).Bind(2, window << kWindowBits).Bind(3, (window + 1) << kWindowBits);
  while (range_->Step()) {
    int64_t bit = range_->Int(0) & ((1 << kWindowBits) - 1);
    bits[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  range_->Reset();
  return bits;
}

bool TextHits::Contains(int64_t id) {
  int64_t window = id >> kWindowBits;
  if (window != last_window_ || !last_bits_) {
    last_bits_ = &Window(window);
    last_window_ = window;
  }
  if (last_bits_->empty()) return false;
  int64_t bit = id & ((1 << kWindowBits) - 1);
  return ((*last_bits_)[bit / 64] >> (bit % 64)) & 1;
}

namespace {

void TextHitFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* hits = static_cast<TextHits*>(sqlite3_value_pointer(argv[0], kHitsPointer));
  if (!hits) {
    sqlite3_result_error(ctx, "dyad_text_hit: no text hits bound", -1);
    return;
  }
  try {
    sqlite3_result_int(ctx, hits->Contains(sqlite3_value_int64(argv[1])) ? 1 : 0);
  } catch (const std::exception& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

}  // namespace

void RegisterFunctions(sqlite3* db) {
  sqlite3_stmt* probe = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT dyad_text_hit(NULL, 0)", -1, &probe, nullptr);
  sqlite3_finalize(probe);
  if (rc == SQLITE_OK) return;
  // DIRECTONLY: callable from the statements dyad prepares, never from a view or trigger.
  if (sqlite3_create_function_v2(db, "dyad_text_hit", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr,
                                 TextHitFunction, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw StoreError("SQLite: cannot register dyad_text_hit: " + std::string(sqlite3_errmsg(db)));
}

namespace {

// The dedup view with a large text filter, read through its raw mentions: the mentions whose
// sentence matches, with the other filters loosened to what every mention of a matching event
// satisfies (actor prefixes cut to the six characters of a bucket key, the code to its root, the
// dates widened by the dedup window); each mention then names its deduplicated event, which is
// checked against the filter itself.
Pick MentionsPick(sqlite3* db, const EventFilter& f, TextHits* hits) {
  EventFilter raw;
  raw.view = EventView::kRaw;
  raw.text = f.text;
  raw.source = f.source.substr(0, 6);
  raw.target = f.target.substr(0, 6);
  raw.dyad_a = f.dyad_a.substr(0, 6);
  raw.dyad_b = f.dyad_b.substr(0, 6);
  raw.code = f.code.substr(0, 2);
  if (f.from) raw.from = f.from->AddDays(-kDedupWindowDays);
  if (f.to) raw.to = f.to->AddDays(kDedupWindowDays);
  Pick pick = PlanPick(db, raw, hits);
  pick.limit = f.limit;
  pick.plan.driver = "mentions by " + pick.plan.driver;
  Params& p = pick.cluster_params;
  p.Add(int64_t{0});  // ?1, the mention
  auto conds = Conditions(f, ViewOf(EventView::kDedup), kTextBit, nullptr, p);
  pick.cluster_sql =
      "SELECT d.date, d.id FROM event_mentions AS m JOIN dedup_events AS d ON d.id = m.dedup_id "
      "WHERE m.event_id = ?1" +
      JoinAnd(conds);
  for (const auto& [name, sql] : conds) pick.plan.checks.push_back("event " + name);
  return pick;
}

}  // namespace

std::vector<std::pair<std::string, int64_t>> CollectClusters(sqlite3* db, const Pick& pick) {
  if (pick.sql.empty()) return {};
  std::set<std::pair<std::string, int64_t>> first;  // the `limit` smallest (date, id) so far
  sqlite::Statement mentions(db, pick.sql);
  pick.params.Bind(mentions);
  sqlite::Statement cluster(db, pick.cluster_sql);
  pick.cluster_params.Bind(cluster);
  std::string after;  // a mention dated after this cannot belong to one of `first`
  const auto limit = static_cast<size_t>(pick.limit);
  while (mentions.Step()) {
    const std::string date = mentions.IsNull(0) ? "" : mentions.Text(0);
    if (first.size() == limit && !date.empty() && (after.empty() || date > after)) break;
    sqlite3_bind_int64(cluster.get(), 1, mentions.Int(1));
    if (cluster.Step()) {
      first.emplace(cluster.IsNull(0) ? "" : cluster.Text(0), cluster.Int(1));
      if (first.size() > limit) first.erase(std::prev(first.end()));
      if (first.size() == limit) {
        // Undated events are never merged: once every kept one is undated, so is every
        // remaining candidate among the undated mentions, which all come first.
        const std::string& last = first.rbegin()->first;
        std::optional<Date> d = last.empty() ? std::nullopt : Date::Parse(last);
        after = d ? d->AddDays(kDedupWindowDays).ToString() : "";
      }
    }
    sqlite3_reset(cluster.get());
  }
  return {first.begin(), first.end()};
}

Pick PlanPick(sqlite3* db, const EventFilter& f, TextHits* hits) {
  const View& v = ViewOf(f.view);
  if ((!f.dyad_a.empty()) != (!f.dyad_b.empty()))
    throw Error("a dyad needs two actors (e.g. VNM-USA)");
  if (!f.text.empty() && !hits) throw Error("PlanPick: a text filter needs its hits");
  Pick pick;
  QueryPlan& plan = pick.plan;
  Params& p = pick.params;
  const std::string order = " ORDER BY date, id" + (f.limit > 0 ? " LIMIT " + p.Add(f.limit) : "");
  auto finish = [&](const std::vector<std::pair<std::string, std::string>>& conds) {
    for (const auto& [name, sql] : conds) plan.checks.push_back(name);
  };

  if (!HasQueryIndexes(db, v)) {
    // During a bulk load: correct, in date order, without the indexes.
    auto conds = Conditions(f, v, 0, hits, p);
    plan.driver = "scan";
    pick.sql = "SELECT " + v.x + ".date AS date, " + v.x + ".id AS id FROM " + v.table + " AS " +
               v.x + " WHERE 1" + JoinAnd(conds) + order;
    finish(conds);
    return pick;
  }

  // The candidate drivers, in order of preference when none is small.
  std::vector<Family> families;
  const bool pairs_apply = !f.dyad_a.empty() || (!f.source.empty() && !f.target.empty());
  if (pairs_apply) {
    if (std::optional<Family> fam = PairFamily(db, v, f)) {
      families.push_back(std::move(*fam));
    } else if (!f.dyad_a.empty()) {
      if (auto sources = CodeFamily(db, v, "dyad sources", v.source_index, "source_code",
                                    {f.dyad_a, f.dyad_b}, f.source, kSourceBit))
        families.push_back(std::move(*sources));
    }
  }
  if (!f.source.empty() && f.dyad_a.empty()) {
    if (auto fam =
            CodeFamily(db, v, "source", v.source_index, "source_code", {f.source}, "", kSourceBit))
      families.push_back(std::move(*fam));
  }
  if (!f.target.empty() && f.dyad_a.empty()) {
    if (auto fam =
            CodeFamily(db, v, "target", v.target_index, "target_code", {f.target}, "", kTargetBit))
      families.push_back(std::move(*fam));
  }
  if (!f.code.empty()) {
    if (auto fam = CodeFamily(db, v, "code", v.code_index, "cameo", {f.code}, "", kCodeBit))
      families.push_back(std::move(*fam));
  }
  if (f.from || f.to || families.empty()) {
    Family date;
    date.driver = "date";
    date.index = v.date_index;
    families.push_back(std::move(date));
  }
  for (const Family& fam : families) {
    if (!fam.columns.empty() && fam.keys.empty()) {  // a prefix that matches no code
      plan.driver = "none";
      return pick;
    }
  }

  // Count the candidates when there is a choice; a small one (or few text hits) wins.
  const bool text_small = !f.text.empty() && hits->ReadAllUpTo(g_limits.small_driver);
  size_t best = 0;
  if (families.size() + (text_small ? 1 : 0) > 1) {
    for (Family& fam : families) fam.rows = CountUpTo(db, v, fam, f);
    for (size_t i = 1; i < families.size(); ++i) {
      if (families[i].rows <= g_limits.small_driver && families[i].rows < families[best].rows)
        best = i;
    }
    if (families[best].rows > g_limits.small_driver) {
      best = 0;
      families[best].rows = -1;
    }
  }
  const bool by_text =
      text_small && (families[best].rows < 0 || hits->count() < families[best].rows);

  if (by_text) {
    // The hits, sorted: a small driver.
    auto conds = Conditions(f, v, kTextBit, hits, p);
    const std::string match = p.Add(hits->match());
    std::string from =
        v.dedup ? "(SELECT DISTINCT m.dedup_id AS id FROM events_fts(" + match +
                      ") AS f CROSS JOIN event_mentions AS m ON m.event_id = f.rowid) AS h CROSS "
                      "JOIN dedup_events AS d ON d.id = h.id"
                : "events_fts(" + match + ") AS f CROSS JOIN events AS e ON e.id = f.rowid";
    pick.sql = "SELECT " + v.x + ".date AS date, " + v.x + ".id AS id FROM " + from + " WHERE 1" +
               JoinAnd(conds) + order;
    plan.driver = "text";
    plan.rows = hits->count();
    finish(conds);
    return pick;
  }

  const Family& fam = families[best];
  if (v.dedup && !f.text.empty() && fam.rows < 0 && f.limit > 0 && f.limit <= kMaxClusterLimit) {
    // Checking the text of each candidate's mentions would look its mentions up one by one, at
    // scattered places; the raw mentions carry their own ids in every index entry instead.
    return MentionsPick(db, f, hits);
  }
  // The date bounds are part of every range; the rest is checked on each candidate.
  auto conds = Conditions(f, v, fam.implies | kDateBit, hits, p);
  const std::string tail = AndDateBounds(f, v, p) + JoinAnd(conds);
  if (fam.columns.empty()) {  // the date index: one range
    pick.sql = RangeSql(v, fam, 0, tail, p) + order;
    plan.ranges = 1;
  } else {
    pick.sql = UnionSql(v, fam, tail, p) + order;
    plan.ranges = static_cast<int64_t>(fam.keys.size());
  }
  plan.driver = fam.driver;
  plan.index = fam.index;
  plan.rows = fam.rows <= g_limits.small_driver ? fam.rows : -1;
  finish(conds);
  return pick;
}

void TimelineSql(sqlite3* db, const EventFilter& f, TextHits* hits, std::string* sql,
                 Params* params) {
  const View& v = ViewOf(f.view);
  Params& p = *params;
  const std::string& x = v.x;
  const std::string columns = "SELECT " + x + ".date, " + x + ".source_code, " + x +
                              ".target_code, " + x + ".quad_class, " + x + ".goldstein FROM " +
                              v.table + " AS " + x;
  std::optional<Family> pairs;
  if (HasQueryIndexes(db, v)) pairs = PairFamily(db, v, f);
  if (pairs) {
    // One range of the covering dyad index per (source, target) pair, read one after the other:
    // no row is read twice, so SQLite needs no set of the rows already returned (which an OR of
    // the two directions costs).
    const std::string tail = " AND " + x + ".date IS NOT NULL" + AndDateBounds(f, v, p) +
                             JoinAnd(Conditions(f, v, pairs->implies | kDateBit, hits, p));
    sql->clear();
    for (size_t i = 0; i < pairs->keys.size(); ++i) {
      *sql += (i ? " UNION ALL " : "") + columns + " INDEXED BY " + pairs->index + " WHERE " + x +
              ".source_code = " + p.Add(pairs->keys[i][0]) + " AND " + x +
              ".target_code = " + p.Add(pairs->keys[i][1]) + tail;
    }
    if (sql->empty()) *sql = columns + " WHERE 0";
    return;
  }
  // Too many pairs, or no indexes (a bulk load): the prefixes of both directions.
  std::string ab = PrefixCondition(x + ".source_code", f.dyad_a, p) + " AND " +
                   PrefixCondition(x + ".target_code", f.dyad_b, p);
  std::string ba = PrefixCondition(x + ".source_code", f.dyad_b, p) + " AND " +
                   PrefixCondition(x + ".target_code", f.dyad_a, p);
  *sql = columns + " WHERE ((" + ab + ") OR (" + ba + ")) AND " + x + ".date IS NOT NULL" +
         JoinAnd(Conditions(f, v, kDyadBit, hits, p));
}

}  // namespace dyad::plan
