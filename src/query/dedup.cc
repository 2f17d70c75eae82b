#include "dyad/query/dedup.h"

#include <sqlite3.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "dyad/core/date.h"
#include "dyad/core/error.h"
#include "dyad/store/store.h"
#include "store/sqlite_util.h"

namespace dyad {
namespace {

// One ordered pass over all events (about 16 us per event on 10M events) beats re-reading each
// dirty bucket (about 1.8 ms per bucket there) when more than this many buckets are dirty and
// they number over a hundredth of the deduplicated events already there.
constexpr int64_t kFullRebuildBuckets = 2000;

bool IsGenericCode(std::string_view code) { return code.size() == 3 && code[2] == '0'; }

// Characters (UTF-8 code points), as SQLite's substr counts them.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The event columns the clustering reads, after the three bucket keys.
constexpr const char* kMentionColumns =
    "substr(coalesce(source_code, ''), 1, 6), substr(coalesce(target_code, ''), 1, 6), "
    "substr(cameo, 1, 2), id, article_id, sentence_idx, date, date_source, "
    "coalesce(language, ''), coalesce(source_code, ''), coalesce(target_code, ''), cameo, "
    "goldstein, quad_class";

Mention ReadMention(const sqlite::Statement& st) {
  Mention m;
  m.event_id = st.Int(3);
  m.article = st.Text(4);
  m.sentence = static_cast<int>(st.Int(5));
  if (!st.IsNull(6)) {
    if (std::optional<Date> d = Date::Parse(st.Text(6))) m.day = d->DaysSinceEpoch();
  }
  m.date_from_text = st.Text(7) == "text";
  m.language = st.Text(8);
  m.source_code = st.Text(9);
  m.target_code = st.Text(10);
  m.cameo = st.Text(11);
  m.goldstein = st.Double(12);
  m.quad_class = static_cast<int>(st.Int(13));
  return m;
}

struct BucketKey {
  std::string source, target, root;
  bool operator==(const BucketKey&) const = default;
};

// Writes the clusters of one bucket.
class ClusterWriter {
 public:
  explicit ClusterWriter(sqlite3* db)
      : db_(db),
        insert_event_(db,
                      "INSERT INTO dedup_events(source_key, target_key, root, date, source_code, "
                      "target_code, cameo, goldstein, quad_class, mentions, articles, languages, "
                      "first_event) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        insert_mention_(db,
                        "INSERT OR REPLACE INTO event_mentions(event_id, dedup_id) VALUES (?,?)") {}

  // Collect the (event_id, dedup_id) links instead of inserting them one by one (full rebuild:
  // they are inserted afterwards in event_id order, which is much faster).
  void CollectMentions(std::vector<std::pair<int64_t, int64_t>>* links) { links_ = links; }

  int64_t Write(const BucketKey& key, const std::vector<Mention>& mentions) {
    std::vector<DedupCluster> clusters = ClusterMentions(mentions);
    for (const DedupCluster& c : clusters) WriteCluster(key, mentions, c);
    return static_cast<int64_t>(clusters.size());
  }

  // Writes one finished cluster of `mentions`.
  void WriteCluster(const BucketKey& key, const std::vector<Mention>& mentions,
                    const DedupCluster& c) {
    {
      const Mention& rep = mentions[c.representative];
      std::set<std::string> articles, languages;
      for (size_t i : c.mentions) {
        articles.insert(mentions[i].article);
        if (!mentions[i].language.empty()) languages.insert(mentions[i].language);
      }
      std::string langs;
      for (const std::string& l : languages) langs += (langs.empty() ? "" : ",") + l;
      insert_event_.Bind(1, key.source).Bind(2, key.target).Bind(3, key.root);
      if (c.day)
        insert_event_.Bind(4, Date::FromDaysSinceEpoch(*c.day).ToString());
      else
        insert_event_.BindNull(4);
      insert_event_.BindOrNull(5, c.source_code)
          .BindOrNull(6, c.target_code)
          .Bind(7, c.cameo)
          .Bind(8, rep.goldstein)
          .Bind(9, rep.quad_class)
          .Bind(10, static_cast<int64_t>(c.mentions.size()))
          .Bind(11, static_cast<int64_t>(articles.size()))
          .BindOrNull(12, langs)
          .Bind(13, rep.event_id)
          .Run();
      int64_t dedup_id = sqlite3_last_insert_rowid(db_);
      for (size_t i : c.mentions) {
        if (links_)
          links_->emplace_back(mentions[i].event_id, dedup_id);
        else
          insert_mention_.Bind(1, mentions[i].event_id).Bind(2, dedup_id).Run();
      }
    }
  }

 private:
  sqlite3* db_;
  sqlite::Statement insert_event_;
  sqlite::Statement insert_mention_;
  std::vector<std::pair<int64_t, int64_t>>* links_ = nullptr;
};

// The secondary indexes of the dedup tables, as migrations 2 and 3 create them; a full rebuild
// drops them and builds them again once the rows are in (its rows come in date order, so every
// index but the date's would be written at random places).
const char* const kDedupIndexes[][2] = {
    {"dedup_bucket", "dedup_events(source_key, target_key, root)"},
    {"dedup_date", "dedup_events(date)"},
    {"dedup_dyad", "dedup_events(source_code, target_code, date, quad_class, goldstein)"},
    {"dedup_source", "dedup_events(source_code, date)"},
    {"dedup_target", "dedup_events(target_code, date)"},
    {"dedup_code", "dedup_events(cameo, date)"},
    {"event_mentions_dedup", "event_mentions(dedup_id)"},
};

// The smallest string above every string that starts with `key` (codes are ASCII).
std::string KeyEnd(std::string key) {
  while (!key.empty() && static_cast<unsigned char>(key.back()) == 0xFF) key.pop_back();
  if (!key.empty()) key.back() = static_cast<char>(key.back() + 1);
  return key;
}

// The codes of events.`column` whose bucket key is `key`: the key itself when it is shorter
// than a key can be, else the distinct codes starting with it (a loose index scan: one seek per
// value; `column` leads an index of events).
std::vector<std::string> CodesOfKey(sqlite3* db, const std::string& column,
                                    const std::string& key) {
  std::vector<std::string> codes;
  if (key.empty()) return codes;
  if (CodePoints(key) < 6) return {key};
  const std::string& c = column;
  sqlite::Statement scan(
      db, "WITH RECURSIVE v(code) AS (SELECT (SELECT min(" + c + ") FROM events WHERE " + c +
              " >= ?1 AND " + c + " < ?2) UNION ALL SELECT (SELECT min(" + c +
              ") FROM events WHERE " + c + " > v.code AND " + c +
              " < ?2) FROM v WHERE v.code IS NOT NULL) SELECT code FROM v WHERE code IS NOT "
              "NULL");
  scan.Bind(1, key).Bind(2, KeyEnd(key));
  while (scan.Step()) codes.push_back(scan.Text(0));
  return codes;
}

// "column IN (?first, ...)" over `codes`; for a missing actor (empty key), NULL or ''.
std::string InList(const std::string& column, const std::vector<std::string>& codes, bool missing,
                   size_t first) {
  if (missing) return "coalesce(" + column + ", '') = ''";
  if (codes.empty()) return "0";
  std::string sql = column + " IN (";
  for (size_t i = 0; i < codes.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(first + i);
  return sql + ")";
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError("SQLite: " + msg);
  }
}

}  // namespace

std::string DedupActorKey(std::string_view code) { return std::string(code.substr(0, 6)); }

bool CameoCompatible(std::string_view a, std::string_view b) {
  if (a.size() < 2 || b.size() < 2 || a.substr(0, 2) != b.substr(0, 2)) return false;
  if (a == b) return true;
  if (a.size() > b.size()) std::swap(a, b);
  // a is now the shorter (or equally long) code.
  if (b.substr(0, a.size()) == a) return true;  // 04 ~ 042, 042 ~ 0421
  return IsGenericCode(a) || IsGenericCode(b);  // 040 ~ 042, 040 ~ 0421
}

std::string_view MoreSpecificCameo(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() > b.size() ? a : b;
  if (IsGenericCode(a) && !IsGenericCode(b)) return b;
  return a;
}

namespace {

// The steps of the greedy clustering, shared by ClusterMentions (one bucket) and
// StreamClusterer (every bucket at once, in date order).

// A new cluster whose first mention is mentions[i].
DedupCluster StartCluster(const std::vector<Mention>& mentions, size_t i) {
  DedupCluster c;
  c.representative = i;
  c.cameo = mentions[i].cameo;
  return c;
}

// Adds mentions[i] to the cluster: the most specific code (and its mention) and the longest
// actor codes win.
void JoinCluster(DedupCluster& c, const std::vector<Mention>& mentions, size_t i) {
  const Mention& m = mentions[i];
  c.mentions.push_back(i);
  if (MoreSpecificCameo(c.cameo, m.cameo) != std::string_view(c.cameo)) {
    c.cameo = m.cameo;
    c.representative = i;
  }
  if (m.source_code.size() > c.source_code.size()) c.source_code = m.source_code;
  if (m.target_code.size() > c.target_code.size()) c.target_code = m.target_code;
}

// The date of a finished cluster: its earliest mention dated from the text, else its earliest.
void DateCluster(DedupCluster& c, const std::vector<Mention>& mentions) {
  std::optional<long> text_day, any_day;
  for (size_t i : c.mentions) {
    const Mention& m = mentions[i];
    if (!m.day) continue;
    if (!any_day || *m.day < *any_day) any_day = m.day;
    if (m.date_from_text && (!text_day || *m.day < *text_day)) text_day = m.day;
  }
  c.day = text_day ? text_day : any_day;
}

// Clusters the mentions of every bucket in one pass over all events in (date, id) order, so
// clusters are finished, and written, in date order: dedup_events ids then follow dates, and a
// query reading deduplicated events in date order touches neighbouring pages. Each bucket sees
// its own mentions in the order ClusterMentions needs, and closes clusters under the same rule,
// so the clusters are the same as bucket by bucket.
class StreamClusterer {
 public:
  explicit StreamClusterer(ClusterWriter& writer) : writer_(writer) {}

  // REQUIRES: dated mentions in non-decreasing day order (undated ones may come anywhere).
  void Add(const BucketKey& key, Mention m) {
    if (!m.day) {  // never merged
      seen_.insert(key.source + '\0' + key.target + '\0' + key.root);
      Open single{key, {std::move(m)}, {}, 0};
      single.cluster = StartCluster(single.mentions, 0);
      JoinCluster(single.cluster, single.mentions, 0);
      Finish(single);
      return;
    }
    const long day = *m.day;
    while (!fifo_.empty() && fifo_.front()->anchor < day - kDedupWindowDays) FinishFront();
    std::string name = key.source + '\0' + key.target + '\0' + key.root;
    if (!seen_.contains(name)) seen_.insert(name);
    std::vector<Open*>& open = by_bucket_[name];
    for (Open* o : open) {
      if (CameoCompatible(o->cluster.cameo, m.cameo)) {
        o->mentions.push_back(std::move(m));
        JoinCluster(o->cluster, o->mentions, o->mentions.size() - 1);
        return;
      }
    }
    auto o = std::make_unique<Open>(Open{key, {std::move(m)}, {}, day});
    o->name = std::move(name);
    o->cluster = StartCluster(o->mentions, 0);
    JoinCluster(o->cluster, o->mentions, 0);
    open.push_back(o.get());
    fifo_.push_back(std::move(o));
  }

  // Finishes the clusters still open. Returns how many clusters were written in all.
  int64_t FinishAll() {
    while (!fifo_.empty()) FinishFront();
    return written_;
  }
  // Distinct buckets seen.
  int64_t buckets() const { return static_cast<int64_t>(seen_.size()); }

 private:
  struct Open {
    BucketKey key;
    std::vector<Mention> mentions;
    DedupCluster cluster;
    long anchor;  // the day of its first mention
    std::string name = {};
  };

  void Finish(Open& o) {
    DateCluster(o.cluster, o.mentions);
    writer_.WriteCluster(o.key, o.mentions, o.cluster);
    ++written_;
  }

  // The oldest open cluster is also the oldest of its bucket (anchors only grow).
  void FinishFront() {
    Open& o = *fifo_.front();
    std::vector<Open*>& open = by_bucket_[o.name];
    open.erase(open.begin());
    if (open.empty()) by_bucket_.erase(o.name);
    Finish(o);
    fifo_.pop_front();
  }

  ClusterWriter& writer_;
  std::deque<std::unique_ptr<Open>> fifo_;  // open clusters by anchor, oldest first
  std::unordered_map<std::string, std::vector<Open*>> by_bucket_;  // in creation order
  std::unordered_set<std::string> seen_;
  int64_t written_ = 0;
};

}  // namespace

std::vector<DedupCluster> ClusterMentions(const std::vector<Mention>& mentions) {
  std::vector<DedupCluster> clusters;
  std::vector<long> anchor;  // earliest day of each cluster
  std::vector<size_t> open;  // clusters that can still take mentions, in creation order
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    size_t target = clusters.size();
    if (m.day) {
      // Close clusters whose window has passed (mentions arrive in day order).
      std::erase_if(open, [&](size_t c) { return anchor[c] < *m.day - kDedupWindowDays; });
      for (size_t c : open) {
        if (CameoCompatible(clusters[c].cameo, m.cameo)) {
          target = c;
          break;
        }
      }
    }
    if (target == clusters.size()) {
      clusters.push_back(StartCluster(mentions, i));
      anchor.push_back(m.day.value_or(0));
      if (m.day) open.push_back(target);
    }
    JoinCluster(clusters[target], mentions, i);
  }
  for (DedupCluster& c : clusters) DateCluster(c, mentions);
  return clusters;
}

int64_t RefreshTextIndex(Store& store) {
  sqlite3* db = store.handle();
  {
    sqlite::Statement any(db, "SELECT EXISTS (SELECT 1 FROM fts_pending)");
    any.Step();
    if (!any.Int(0)) return 0;
  }
  Exec(db, "BEGIN IMMEDIATE");
  try {
    // Each queued event indexes the text of its sentence, in id order (FTS5 appends faster).
    Exec(db,
         "INSERT INTO events_fts(rowid, text) SELECT e.id, s.text FROM fts_pending p JOIN events e "
         "ON e.id BETWEEN p.first_event AND p.last_event JOIN sentences s ON s.article_id = "
         "e.article_id AND s.idx = e.sentence_idx ORDER BY e.id");
    int64_t n = sqlite3_changes(db);
    Exec(db, "DELETE FROM fts_pending");
    Exec(db, "COMMIT");
    return n;
  } catch (...) {
    char* err = nullptr;
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, &err);
    sqlite3_free(err);
    throw;
  }
}

int64_t DirtyDedupBuckets(Store& store) {
  sqlite::Statement st(store.handle(), "SELECT count(*) FROM dedup_dirty");
  st.Step();
  return st.Int(0);
}

DedupRefreshStats RefreshDedup(Store& store) {
  DedupRefreshStats stats;
  sqlite3* db = store.handle();
  if (DirtyDedupBuckets(store) == 0) return stats;
  // Re-clustering reads and rewrites scattered pages of a large file: a 1 GiB page cache and
  // memory-mapped reads for the duration keep that off the read() path.
  Exec(db, "PRAGMA cache_size=-1048576");
  Exec(db, "PRAGMA mmap_size=2147418112");
  struct RestoreCache {
    sqlite3* db;
    ~RestoreCache() {
      sqlite3_exec(db, ("PRAGMA cache_size=" + std::to_string(-Store::kCacheKiB)).c_str(), nullptr,
                   nullptr, nullptr);
      sqlite3_exec(db, "PRAGMA mmap_size=0", nullptr, nullptr, nullptr);
    }
  } restore{db};
  Exec(db, "BEGIN IMMEDIATE");
  try {
    int64_t dirty = DirtyDedupBuckets(store);  // re-read inside the transaction
    ClusterWriter writer(db);
    std::vector<Mention> mentions;
    int64_t existing = 0;  // an upper bound on the deduplicated events (ids are not reused much)
    {
      sqlite::Statement max_id(db, "SELECT coalesce(max(id), 0) FROM dedup_events");
      max_id.Step();
      existing = max_id.Int(0);
    }
    if (dirty > kFullRebuildBuckets && dirty * 100 > existing) {
      stats.full = true;
      for (const auto& [name, on] : kDedupIndexes)
        Exec(db, (std::string("DROP INDEX IF EXISTS ") + name).c_str());
      Exec(db, "DELETE FROM event_mentions");
      Exec(db, "DELETE FROM dedup_events");
      std::vector<std::pair<int64_t, int64_t>> links;
      writer.CollectMentions(&links);
      sqlite::Statement scan(
          db, std::string("SELECT ") + kMentionColumns + " FROM events ORDER BY date, id");
      StreamClusterer stream(writer);
      while (scan.Step()) {
        stream.Add(BucketKey{scan.Text(0), scan.Text(1), scan.Text(2)}, ReadMention(scan));
        ++stats.events;
      }
      stats.clusters = stream.FinishAll();
      stats.buckets = stream.buckets();
      std::sort(links.begin(), links.end());
      sqlite::Statement link(
          db, "INSERT OR REPLACE INTO event_mentions(event_id, dedup_id) VALUES (?,?)");
      for (const auto& [event_id, dedup_id] : links) link.Bind(1, event_id).Bind(2, dedup_id).Run();
      for (const auto& [name, on] : kDedupIndexes)
        Exec(db, (std::string("CREATE INDEX IF NOT EXISTS ") + name + " ON " + on).c_str());
    } else {
      sqlite::Statement buckets(
          db, "SELECT source_key, target_key, root FROM dedup_dirty ORDER BY 1, 2, 3");
      sqlite::Statement drop_mentions(
          db,
          "DELETE FROM event_mentions WHERE dedup_id IN (SELECT id FROM dedup_events WHERE "
          "source_key = ?1 AND target_key = ?2 AND root = ?3)");
      sqlite::Statement drop_events(
          db, "DELETE FROM dedup_events WHERE source_key = ?1 AND target_key = ?2 AND root = ?3");
      std::vector<BucketKey> keys;
      while (buckets.Step()) keys.push_back({buckets.Text(0), buckets.Text(1), buckets.Text(2)});
      // The primary key orders them by (source key, target key, root): the events of each
      // (source key, target key) pair are read once, for all its dirty roots.
      std::map<std::string, std::vector<Mention>> by_root;
      for (size_t first = 0; first < keys.size();) {
        size_t last = first;
        while (last < keys.size() && keys[last].source == keys[first].source &&
               keys[last].target == keys[first].target)
          ++last;
        by_root.clear();
        for (size_t k = first; k < last; ++k) {
          const BucketKey& key = keys[k];
          drop_mentions.Bind(1, key.source).Bind(2, key.target).Bind(3, key.root).Run();
          drop_events.Bind(1, key.source).Bind(2, key.target).Bind(3, key.root).Run();
          by_root[key.root];
        }
        // Candidates by seeks of the dyad index on the full codes of each key (listed with a
        // loose index scan; a key shorter than six characters is a whole code), then the exact
        // keys.
        const BucketKey& pair = keys[first];
        std::vector<std::string> sources = CodesOfKey(db, "source_code", pair.source);
        std::vector<std::string> targets = CodesOfKey(db, "target_code", pair.target);
        std::string sql = std::string("SELECT ") + kMentionColumns +
                          " FROM events INDEXED BY events_dyad WHERE " +
                          InList("source_code", sources, pair.source.empty(), 10) + " AND " +
                          InList("target_code", targets, pair.target.empty(), 10 + sources.size()) +
                          " AND substr(coalesce(source_code, ''), 1, 6) = ?5 AND "
                          "substr(coalesce(target_code, ''), 1, 6) = ?6 ORDER BY date, id";
        sqlite::Statement select(db, sql);
        for (size_t i = 0; i < sources.size(); ++i)
          select.Bind(static_cast<int>(10 + i), sources[i]);
        for (size_t i = 0; i < targets.size(); ++i)
          select.Bind(static_cast<int>(10 + sources.size() + i), targets[i]);
        select.Bind(5, pair.source).Bind(6, pair.target);
        while (select.Step()) {
          auto it = by_root.find(select.Text(2));
          if (it == by_root.end()) continue;  // a clean bucket of the pair
          it->second.push_back(ReadMention(select));
          ++stats.events;
        }
        for (size_t k = first; k < last; ++k) {
          stats.clusters += writer.Write(keys[k], by_root[keys[k].root]);
          ++stats.buckets;
        }
        first = last;
      }
    }
    Exec(db, "DELETE FROM dedup_dirty");
    Exec(db, "COMMIT");
  } catch (...) {
    char* err = nullptr;
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, &err);
    sqlite3_free(err);
    throw;
  }
  return stats;
}

}  // namespace dyad
