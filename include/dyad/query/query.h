// Queries over the event store: filtered event lists (raw or deduplicated) and dyad timelines with
// quad-class counts, Goldstein sums and a net cooperation score. Every filter value is bound to a
// prepared statement, never spliced into SQL.
#ifndef DYAD_QUERY_QUERY_H_
#define DYAD_QUERY_QUERY_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/document.h"

namespace dyad {

class Store;

// Which view of the events a query reads.
enum class EventView {
  kRaw,    // one row per coded event (a mention)
  kDedup,  // one row per real-world event (see dyad/query/dedup.h)
};

// "raw" or "dedup"; throws dyad::Error otherwise.
EventView ParseEventView(std::string_view name);

// Filters of `dyad query`, `dyad timeline` and `dyad export`. Empty fields do not filter. Actor
// and code filters are prefixes: "VNM" matches VNM, VNMGOV and VNMGOVMIL; "04" matches 04, 040,
// 042 and 0421.
struct EventFilter {
  std::string source;
  std::string target;
  // Both directions: (source A and target B) or (source B and target A).
  std::string dyad_a;
  std::string dyad_b;
  std::optional<Date> from;  // inclusive
  std::optional<Date> to;    // inclusive
  std::string code;
  int quad = 0;  // 1..4, 0 = any
  std::string language;
  // Words that must all occur in the event's sentence (FTS5, case-insensitive; a trailing '*'
  // makes a word a prefix). In the dedup view, in any of the event's mentions' sentences.
  std::string text;
  EventView view = EventView::kRaw;
  int64_t limit = 0;  // 0 = no limit
};

// The filters as a user types them (command-line options, HTTP query parameters).
struct FilterArgs {
  std::string source{};
  std::string target{};
  std::string dyad{};  // "VNM-USA"
  std::string from{};
  std::string to{};
  std::string code{};
  std::string language{};
  std::string text{};
  std::string events = "raw";  // raw | dedup
  int quad = 0;
  int64_t limit = 0;
};

// Validates and converts FilterArgs; throws dyad::Error naming the bad option.
EventFilter BuildFilter(const FilterArgs& args);

// Parses "VNM-USA" into (VNM, USA). Throws dyad::Error with the expected form otherwise.
std::pair<std::string, std::string> ParseDyad(std::string_view dyad);

// Parses a --from/--to date: YYYY-MM-DD, YYYY-MM (first day; or last day when `end`) or YYYY.
// Throws dyad::Error naming the option otherwise.
Date ParseDateBound(std::string_view text, bool end, std::string_view option);

// Turns user words into an FTS5 query: each word quoted (so punctuation is literal), all required.
std::string FtsQuery(std::string_view words);

// One mention of an event: where it was reported.
struct MentionRef {
  int64_t event_id = 0;  // events.id
  std::string article;
  int sentence = 0;
  std::string language;
};

// One row of a query. In the raw view `id` is events.id and the counts are 1; in the dedup view
// `id` is dedup_events.id, `event` carries the cluster's date, actors, code, Goldstein and quad
// class with the rest (texts, spans, sentence) from the mention that gave the code.
struct EventRecord {
  int64_t id = 0;
  Event event;
  std::string url;          // the article's URL, if any
  std::string ingested_at;  // when the article was stored, YYYY-MM-DDTHH:MM:SSZ
  int64_t mentions = 1;
  int64_t articles = 1;
  std::string languages;
  std::vector<MentionRef> mention_refs;  // filled when QueryOptions::with_mentions
};

struct QueryOptions {
  bool with_mentions = false;
};

// Runs the filter and calls `sink` for each row, ordered by date (undated first), then id. In the
// dedup view, first refreshes the deduplicated events if raw events changed since. Throws
// StoreError on database failure and dyad::Error on a bad filter (e.g. an FTS syntax error).
void QueryEvents(Store& store, const EventFilter& filter, const QueryOptions& options,
                 const std::function<void(const EventRecord&)>& sink);

// How QueryEvents reads a filter (docs/database.md, "How queries are read").
struct QueryPlan {
  // The filter whose index ranges drive the query: "dyad" (one range of the dyad index per pair
  // of actor codes), "dyad sources" (one range per source code of either actor, when the pairs
  // are too many), "source", "target", "code" (one range per code), "date" (one range), "text"
  // (the full-text hits, sorted), "scan" (the rows in date order, when the query indexes are
  // missing during a bulk load) or "none" (nothing can match).
  std::string driver;
  std::string index;   // the index read ("" for text)
  int64_t ranges = 0;  // index ranges merged in date order
  // Rows the driver matches when there are at most kSmallDriver, else -1 (not counted).
  int64_t rows = -1;
  // The other filters (source, target, dyad, date, code, quad, language, text), checked on each
  // candidate.
  std::vector<std::string> checks;
};

// A driver matching at most this many rows is preferred to any larger one and read whole.
inline constexpr int64_t kSmallDriver = 20000;

// The plan QueryEvents uses for `filter` (after the same refreshes). Throws as QueryEvents.
QueryPlan ExplainQuery(Store& store, const EventFilter& filter);

enum class Period { kDay, kWeek, kMonth, kYear };

// "day", "week", "month", "year"; throws dyad::Error otherwise.
Period ParsePeriod(std::string_view name);

// The label of the period containing `date`: 2026-02-19 (day), 2026-02-16 (week: its Monday),
// 2026-02 (month), 2026 (year).
std::string PeriodLabel(const Date& date, Period period);

// Counts of one direction of a dyad in one period.
struct TimelineCounts {
  int64_t events = 0;
  std::array<int64_t, 4> quad{};  // quad classes 1..4: verbal coop, material coop, verbal
                                  // conflict, material conflict
  double goldstein_sum = 0.0;
  // Goldstein sum / events; 0 when there are none.
  double GoldsteinMean() const;
  // (quad1 + quad2 - quad3 - quad4) / events, in [-1, 1]: +1 all cooperation, -1 all conflict;
  // 0 when there are none.
  double NetCooperation() const;
  void Add(const TimelineCounts& other);
};

struct TimelinePeriod {
  std::string label;        // PeriodLabel
  TimelineCounts a_to_b;    // source in dyad_a, target in dyad_b
  TimelineCounts b_to_a;    // the other direction
  TimelineCounts combined;  // both
};

struct Timeline {
  std::string a, b;
  Period period = Period::kMonth;
  std::vector<TimelinePeriod> periods;  // oldest first; periods without events included (zeros)
};

// The timeline of filter.dyad_a / filter.dyad_b (REQUIRES both set, else throws dyad::Error) per
// period, over undated-excluded events matching the other filters.
Timeline BuildTimeline(Store& store, const EventFilter& filter, Period period);

}  // namespace dyad

#endif  // DYAD_QUERY_QUERY_H_
