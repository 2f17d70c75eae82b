// Deduplication: the same real-world event reported by several sentences, articles or languages
// becomes one event with a mention count and links to every mention. The raw events table stays the
// source of truth; the clusters are materialised in dedup_events / event_mentions (schema v2) and
// recomputed for the buckets whose raw events changed.
//
// The rule (docs/database.md, "Deduplication"): two raw events are mentions of one event when
//   1. their source codes agree on the first six characters (country + first role: VNMGOV), and
//      so do their target codes;
//   2. their CAMEO codes are equal, or share the two-digit root with one more specific than the
//      other (04 ~ 040 ~ 042 ~ 0421, but 042 and 043 are different events); and
//   3. their dates lie within kDedupWindowDays of the cluster's earliest date. Events without a
//      date are never merged.
// Mentions are clustered greedily in date order; the cluster takes the most specific code, the
// longest source and target codes, and the date of its earliest mention dated from the text
// (else its earliest date).
#ifndef DYAD_QUERY_DEDUP_H_
#define DYAD_QUERY_DEDUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

class Store;

// A report dated "yesterday" from an article published the next day, or a call in the Hanoi evening
// that is the Washington morning, differ by one day: one day either side of the earliest mention.
inline constexpr int kDedupWindowDays = 1;

// The bucket key of an actor code: its first six characters (country + first role).
std::string DedupActorKey(std::string_view code);

// True when two CAMEO codes may name the same event: equal, or the same two-digit root with one a
// more specific form of the other (a prefix of it, or the root's generic "x0" code).
bool CameoCompatible(std::string_view a, std::string_view b);

// The more specific of two compatible codes (the longer one; "040" yields to "042").
std::string_view MoreSpecificCameo(std::string_view a, std::string_view b);

// One raw event as the clustering sees it.
struct Mention {
  int64_t event_id = 0;
  std::string article;
  int sentence = 0;
  std::optional<long> day;  // days since 1970-01-01; nullopt when undated
  bool date_from_text = false;
  std::string language;
  std::string source_code;
  std::string target_code;
  std::string cameo;
  double goldstein = 0.0;
  int quad_class = 0;
};

// A cluster of mentions (indexes into the input) and what it stands for.
struct DedupCluster {
  std::vector<size_t> mentions;
  size_t representative = 0;  // the mention whose code the cluster took
  std::optional<long> day;
  std::string source_code;
  std::string target_code;
  std::string cameo;
};

// Clusters the mentions of one bucket (same DedupActorKey of source and target, same root).
// REQUIRES: the dated mentions sorted by day (ties in any fixed order, e.g. by event_id); undated
// mentions may be anywhere.
std::vector<DedupCluster> ClusterMentions(const std::vector<Mention>& mentions);

struct DedupRefreshStats {
  int64_t buckets = 0;   // buckets recomputed
  int64_t events = 0;    // raw events read
  int64_t clusters = 0;  // deduplicated events written
  bool full = false;     // true when everything was rebuilt in one pass
};

// Recomputes the deduplicated events of every bucket marked dirty (all of them after a bulk load)
// in one transaction. Cheap when nothing changed. Throws StoreError on database failure.
DedupRefreshStats RefreshDedup(Store& store);

// Indexes the events written since the last text search into the full-text index (each event
// under the text of its sentence; schema v3 defers it: see docs/database.md). Returns how many
// were indexed. Throws StoreError.
int64_t RefreshTextIndex(Store& store);

// Number of buckets waiting for a refresh.
int64_t DirtyDedupBuckets(Store& store);

}  // namespace dyad

#endif  // DYAD_QUERY_DEDUP_H_
