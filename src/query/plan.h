// How a filter is read (private to src/query). Every query index of the events and dedup_events
// tables is (key, date) — actor code, code pair, CAMEO code, or the date alone — so the entries
// of one key come in (date, id) order. A query picks the filter that matches the fewest rows as
// its driver, reads one index range per key of that filter (per actor code, code pair or CAMEO
// code), lets SQLite merge the ranges in date order (a UNION ALL with ORDER BY is a merge of its
// arms) and checks the other filters on each candidate, so the first N rows cost about N reads
// plus one seek per range, whatever the size of the whole match. docs/database.md describes the
// plans.
#ifndef DYAD_SRC_QUERY_PLAN_H_
#define DYAD_SRC_QUERY_PLAN_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "dyad/query/query.h"
#include "store/sqlite_util.h"

namespace dyad::plan {

class TextHits;

// A statement parameter: text, an integer, or a text-hit set (bound as a pointer for
// dyad_text_hit).
using Value = std::variant<std::string, int64_t, TextHits*>;

// Numbered parameters of a statement being built.
class Params {
 public:
  // Adds a value and returns its placeholder ("?7").
  std::string Add(Value v);
  void Bind(sqlite::Statement& st) const;

 private:
  std::vector<Value> values_;
};

// The ids of the events whose sentence matches a full-text query (FTS5 over events_fts). They are
// read all at once when there are few; otherwise a window of 65,536 consecutive ids at a time, as
// candidates need them: candidates in date order mostly have neighbouring ids (events are stored
// roughly as they happen), so a query touches a few windows rather than every hit.
class TextHits {
 public:
  // `match` is an FTS5 query (see FtsQuery). REQUIRES: `db` outlives this object.
  TextHits(sqlite3* db, std::string match);
  // Reads every hit if there are at most `max`; returns whether it did (then count() is exact).
  bool ReadAllUpTo(int64_t max);
  int64_t count() const { return count_; }
  const std::string& match() const { return match_; }
  // Whether event `id` matches. Throws StoreError.
  bool Contains(int64_t id);

 private:
  using Bits = std::vector<uint64_t>;
  const Bits& Window(int64_t window);

  sqlite3* db_;
  std::string match_;
  std::unique_ptr<sqlite::Statement> range_;
  std::unordered_map<int64_t, Bits> windows_;
  bool complete_ = false;  // every hit is in windows_
  int64_t count_ = -1;
  int64_t last_window_ = -1;
  const Bits* last_bits_ = nullptr;
};

// The planner's thresholds: a driver with at most `small_driver` rows is preferred to larger
// ones; a filter needing more than `max_ranges` ranges does not drive.
struct Limits {
  int64_t small_driver;
  size_t max_ranges;
};
// Tests only: sets the limits (process-wide, not thread-safe) and returns the previous ones.
Limits SetLimitsForTesting(Limits limits);

// Registers the SQL function dyad_text_hit(hits, event_id) on the connection, once.
void RegisterFunctions(sqlite3* db);

// The statement that lists the matching rows of a filter.
struct Pick {
  QueryPlan plan;
  // Selects (date, id) of the matching rows in date order (undated first), then id; at most
  // filter.limit rows. Empty when no row can match.
  std::string sql;
  Params params;
  // Set when the raw mentions drive a dedup query: `sql` then lists mentions (a superset of the
  // filter, cut to bucket keys and widened by the dedup window) and `cluster_sql` maps the
  // mention ?1 to (date, id) of its deduplicated event when that event matches (CollectClusters).
  std::string cluster_sql;
  Params cluster_params;
  int64_t limit = 0;
};

// Plans `filter`. `hits` must be set when filter.text is, and outlive the statement.
// Throws StoreError.
Pick PlanPick(sqlite3* db, const EventFilter& filter, TextHits* hits);

// For a Pick with cluster_sql: reads mentions in date order, maps each to its deduplicated event,
// and stops once no later mention can belong to one of the first `limit` (a mention lies within
// the dedup window of its event's date). Returns their (date, id), "" for undated, in order.
std::vector<std::pair<std::string, int64_t>> CollectClusters(sqlite3* db, const Pick& pick);

// The statement of a timeline: (date, source_code, target_code, quad_class, goldstein) of every
// dated row of the dyad matching the filter, read from the covering dyad index.
// REQUIRES: filter.dyad_a and filter.dyad_b set; `hits` as for PlanPick.
void TimelineSql(sqlite3* db, const EventFilter& filter, TextHits* hits, std::string* sql,
                 Params* params);

}  // namespace dyad::plan

#endif  // DYAD_SRC_QUERY_PLAN_H_
