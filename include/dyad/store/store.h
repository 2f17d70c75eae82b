// The SQLite event store: articles (with a content hash, so re-ingesting is a no-op), sentences and
// events, in WAL mode, with a schema version table and numbered migrations.
#ifndef DYAD_STORE_STORE_H_
#define DYAD_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dyad/core/document.h"

struct sqlite3;

namespace dyad {

// A hex digest of everything stored for an article (id, date, language, title, url, text), so an
// unchanged article is recognised and a changed one replaced.
std::string ContentHash(const Article& article);

class Store {
 public:
  // The page cache of a Store's connection, in KiB.
  static constexpr int kCacheKiB = 262144;

  // The newest schema version this build knows. Persisted numbers: never renumber a migration.
  static int LatestSchemaVersion();

  // Opens or creates the database at `path` and migrates it to the latest schema.
  // Throws StoreError (naming the path) when it cannot be opened, is not a dyad database, or was
  // written by a newer dyad.
  // A Store is one SQLite connection: use it from one thread at a time.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  enum class WriteResult { kInserted, kUnchanged, kReplaced };

  // Stores one article with its sentences and events in a single transaction. An article whose
  // content hash is already stored is left alone (kUnchanged); a changed article has its sentences
  // and events replaced atomically (kReplaced). On failure the transaction is rolled back and
  // StoreError thrown; other articles are unaffected.
  WriteResult WriteArticle(const Article& article, const std::vector<Sentence>& sentences,
                           const std::vector<Event>& events);

  // One article with the sentences and events derived from it, for WriteArticles. The pointers
  // must stay valid for the call.
  struct ArticleRecord {
    const Article* article = nullptr;
    const std::vector<Sentence>* sentences = nullptr;
    const std::vector<Event>* events = nullptr;
  };
  // What happened to one article of a batch: `error` is empty when it was stored (result says
  // how), else it holds the StoreError message and nothing of that article was written.
  struct BatchItemResult {
    WriteResult result = WriteResult::kUnchanged;
    std::string error;
  };

  // Stores several articles in one transaction (much faster than one transaction each). Each
  // article keeps WriteArticle's semantics (unchanged, inserted or replaced). When anything in the
  // batch fails, the whole transaction is rolled back and the batch is redone article by article,
  // so one bad article never loses the others: the result then names the failing ones. Returns one
  // result per record, in order. Throws StoreError only when the database itself is unusable.
  std::vector<BatchItemResult> WriteArticles(const std::vector<ArticleRecord>& batch);

  // Bulk loading. BeginBulkLoad drops the secondary indexes of `events` (date, dyad, source,
  // target, code: random-order keys whose row-by-row upkeep dominates large loads) and
  // EndBulkLoad rebuilds them, one sorted pass each. Writes in between keep all their guarantees;
  // queries are correct but slow. If the process dies in between, the next Store opened on the
  // database rebuilds the indexes. Throws StoreError.
  void BeginBulkLoad();
  void EndBulkLoad();

  // Whether any event is stored (cheap, unlike Count).
  bool HasEvents() const;

  struct Counts {
    int64_t articles = 0;
    int64_t sentences = 0;
    int64_t events = 0;
  };
  Counts Count() const;
  int SchemaVersion() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  void Exec(const std::string& sql) const;
  void Migrate();
  void RollbackQuietly();
  // Creates any missing secondary index of `events` (after an interrupted bulk load).
  void EnsureIndexes();
  // Writes one article inside an open transaction (no BEGIN/COMMIT).
  WriteResult WriteInTransaction(const Article& article, const std::vector<Sentence>& sentences,
                                 const std::vector<Event>& events);

  // Records what the open transaction wrote for the deferred work: its dedup buckets
  // (dedup_dirty) and its event id ranges (fts_pending).
  void FlushPending();
  void ClearPending();

  struct Statements;  // prepared statements reused across writes (defined in store.cc)
  std::unique_ptr<Statements> statements_;
  // Dedup buckets touched by the open transaction: source key, target key and CAMEO root joined
  // by NUL characters.
  std::unordered_set<std::string> pending_dirty_;
  // Event ids written by the open transaction, as [first, last] ranges.
  std::vector<std::pair<int64_t, int64_t>> pending_fts_;

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace dyad

#endif  // DYAD_STORE_STORE_H_
