#include "dyad/store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <thread>

#include "store/sqlite_util.h"

namespace dyad {
namespace {

// Numbered migrations. Migration N brings the schema from version N-1 to N. Never edit or renumber
// a migration that has shipped; add a new one.
const char* const kMigrations[] = {
    // 1: articles, sentences, events.
    R"sql(
CREATE TABLE articles (
  id           TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  date         TEXT,             -- YYYY-MM-DD or NULL
  language     TEXT,
  title        TEXT,
  url          TEXT,
  origin       TEXT,
  text         TEXT NOT NULL,    -- NFC; spans index into it
  ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE sentences (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  begin      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  language   TEXT NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence_idx   INTEGER NOT NULL,
  date           TEXT,
  date_source    TEXT,
  language       TEXT,
  source_code    TEXT,
  source_text    TEXT,
  source_begin   INTEGER,
  source_end     INTEGER,
  target_code    TEXT,
  target_text    TEXT,
  target_begin   INTEGER,
  target_end     INTEGER,
  cameo          TEXT NOT NULL,
  cameo_name     TEXT,
  goldstein      REAL,
  quad_class     INTEGER,
  plover_event   TEXT,
  plover_mode    TEXT,
  plover_context TEXT,
  verb_text      TEXT,
  verb_begin     INTEGER,
  verb_end       INTEGER,
  verb_pattern   TEXT
);
CREATE INDEX events_article ON events(article_id, sentence_idx);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_dyad ON events(source_code, target_code, date);
)sql",
    // 2: deduplicated events, full-text search over sentences, query indexes. See
    // docs/database.md for the deduplication rule; src/query/dedup.cc computes the clusters.
    R"sql(
-- One row per real-world event: a cluster of raw events (mentions) with the same bucket
-- (source and target cut to country+role, CAMEO root) and compatible dates and codes.
CREATE TABLE dedup_events (
  id           INTEGER PRIMARY KEY,
  source_key   TEXT NOT NULL,     -- substr(source_code, 1, 6)
  target_key   TEXT NOT NULL,     -- substr(target_code, 1, 6)
  root         TEXT NOT NULL,     -- substr(cameo, 1, 2)
  date         TEXT,
  source_code  TEXT,
  target_code  TEXT,
  cameo        TEXT NOT NULL,     -- the most specific code among the mentions
  goldstein    REAL,
  quad_class   INTEGER,
  mentions     INTEGER NOT NULL,  -- raw events in the cluster
  articles     INTEGER NOT NULL,  -- distinct articles among them
  languages    TEXT,              -- distinct languages, sorted, comma-separated
  first_event  INTEGER NOT NULL   -- the raw event that gave the code (events.id)
);
CREATE INDEX dedup_bucket ON dedup_events(source_key, target_key, root);
CREATE INDEX dedup_date ON dedup_events(date);
CREATE INDEX dedup_dyad ON dedup_events(source_code, target_code, date, quad_class, goldstein);
CREATE INDEX dedup_target ON dedup_events(target_code, source_code, date);
-- Links every raw event (a mention) to its deduplicated event.
CREATE TABLE event_mentions (
  event_id INTEGER PRIMARY KEY,  -- events.id
  dedup_id INTEGER NOT NULL      -- dedup_events.id
);
CREATE INDEX event_mentions_dedup ON event_mentions(dedup_id);
-- Buckets whose raw events changed since their clusters were last computed; emptied by the dedup
-- refresh. Deletions are recorded by a trigger; insertions by Store (once per bucket and
-- transaction, far cheaper than a trigger per row). Another program inserting events by hand
-- must add their buckets here too (see docs/database.md).
CREATE TABLE dedup_dirty (
  source_key TEXT NOT NULL,
  target_key TEXT NOT NULL,
  root       TEXT NOT NULL,
  PRIMARY KEY (source_key, target_key, root)
) WITHOUT ROWID;
CREATE TRIGGER events_dedup_delete AFTER DELETE ON events BEGIN
  INSERT OR IGNORE INTO dedup_dirty VALUES (substr(coalesce(old.source_code, ''), 1, 6),
      substr(coalesce(old.target_code, ''), 1, 6), substr(old.cameo, 1, 2));
END;
INSERT OR IGNORE INTO dedup_dirty SELECT DISTINCT substr(coalesce(source_code, ''), 1, 6),
    substr(coalesce(target_code, ''), 1, 6), substr(cameo, 1, 2) FROM events;
-- Timelines read only this index (covering): dyad, date, quad class, Goldstein.
DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events(source_code, target_code, date, quad_class, goldstein);
CREATE INDEX events_target ON events(target_code, source_code, date);
-- Full-text search over sentences (external content: the text is stored once, in sentences).
-- Indexing is deferred: new sentences are queued in fts_pending (a cheap append) and indexed in
-- one pass before the next text search (RefreshTextIndex), which costs far less than indexing
-- each sentence as it is written.
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 0');
CREATE TABLE fts_pending (sentence_rowid INTEGER PRIMARY KEY);
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO fts_pending VALUES (new.rowid);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', old.rowid, old.text
      WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE sentence_rowid = old.rowid);
  DELETE FROM fts_pending WHERE sentence_rowid = old.rowid;
END;
INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
)sql",
    // 3: query indexes whose order is the output order, and full-text search keyed by event. See
    // docs/database.md ("Queries: how they are read").
    R"sql(
-- Every query index is (key, date): the entries of one key come in (date, id) order, so a query
-- reads one range per key (per actor code, code pair or CAMEO code) and merges them in date
-- order, stopping after its LIMIT, instead of reading and sorting every match.
DROP INDEX IF EXISTS events_target;
CREATE INDEX IF NOT EXISTS events_source ON events(source_code, date);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code, date);
CREATE INDEX IF NOT EXISTS events_code ON events(cameo, date);
DROP INDEX IF EXISTS dedup_target;
CREATE INDEX IF NOT EXISTS dedup_source ON dedup_events(source_code, date);
CREATE INDEX IF NOT EXISTS dedup_target ON dedup_events(target_code, date);
CREATE INDEX IF NOT EXISTS dedup_code ON dedup_events(cameo, date);
-- Full-text search keyed by event id (each event indexes the text of its sentence): a text
-- filter then tests the event id that every index entry already holds, with no lookup of the
-- event's sentence. Contentless: the text stays stored once, in sentences.
DROP TRIGGER IF EXISTS sentences_fts_insert;
DROP TRIGGER IF EXISTS sentences_fts_delete;
DROP TABLE IF EXISTS sentences_fts;
DROP TABLE IF EXISTS fts_pending;
CREATE VIRTUAL TABLE events_fts USING fts5(text, content='',
    tokenize='unicode61 remove_diacritics 0');
-- Ranges of event ids written since the full-text index was last brought up to date (Store
-- records one range per batch; the next text search indexes them). Existing events are queued.
CREATE TABLE fts_pending (
  first_event INTEGER PRIMARY KEY,
  last_event  INTEGER NOT NULL
);
INSERT INTO fts_pending SELECT min(id), max(id) FROM events HAVING count(*) > 0;
-- Before an article goes (replaced, or deleted by hand), the index entries of its indexed
-- events are removed; a contentless index needs the text they were indexed with, which the
-- sentences still hold at this point (the foreign-key cascade runs after this trigger).
CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN
  INSERT INTO events_fts(events_fts, rowid, text)
  SELECT 'delete', e.id, s.text FROM events e
      JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_idx
      WHERE e.article_id = old.id AND coalesce((SELECT p.last_event FROM fts_pending p
          WHERE p.first_event <= e.id ORDER BY p.first_event DESC LIMIT 1), 0) < e.id;
END;
)sql",
    // 4: the rest of the event record. date_precision: 'day', 'week', 'month' or 'year' (NULL:
    // no date; rows written before this version read as 'day'); issues: the sentence's issue
    // tags, sorted, joined by ';' (NULL: none).
    R"sql(
ALTER TABLE events ADD COLUMN date_precision TEXT;
ALTER TABLE events ADD COLUMN issues TEXT;
UPDATE events SET date_precision = 'day' WHERE date IS NOT NULL;
)sql",
};

// The secondary indexes of events that bulk loads drop and rebuild. They must stay identical to
// the ones the migrations create (events_date: migration 1; events_dyad: migration 2; the
// others: migration 3).
const char* const kSecondaryEventIndexes[][2] = {
    {"events_date", "events(date)"},
    {"events_dyad", "events(source_code, target_code, date, quad_class, goldstein)"},
    {"events_source", "events(source_code, date)"},
    {"events_target", "events(target_code, date)"},
    {"events_code", "events(cameo, date)"},
};

constexpr int kMigrationCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

// 64-bit FNV-1a, run twice with different offsets for a 128-bit digest. Change detection, not
// security.
std::string Digest(const std::string& data) {
  uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
  for (unsigned char c : data) {
    h1 = (h1 ^ c) * 0x100000001b3ULL;
    h2 = (h2 ^ c) * 0x100000001b3ULL;
    h2 ^= h2 >> 29;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h1),
                static_cast<unsigned long long>(h2));
  return buf;
}

}  // namespace

std::string ContentHash(const Article& a) {
  std::string data;
  for (const std::string* field : {&a.id, &a.language, &a.title, &a.url, &a.text}) {
    data += std::to_string(field->size());
    data += ':';
    data += *field;
  }
  data += a.date ? a.date->ToString() : "-";
  return Digest(data);
}

// Prepared statements reused by every write: preparing them once per article would cost more than
// the inserts themselves on small articles.
struct Store::Statements {
  explicit Statements(sqlite3* db)
      : find(db, "SELECT content_hash FROM articles WHERE id = ?"),
        del(db, "DELETE FROM articles WHERE id = ?"),
        article(db,
                "INSERT INTO articles(id, content_hash, date, language, title, url, origin, text) "
                "VALUES (?,?,?,?,?,?,?,?)"),
        sentence(db,
                 "INSERT INTO sentences(article_id, idx, begin, end, language, text) "
                 "VALUES (?,?,?,?,?,?)"),
        event(db,
              "INSERT INTO events(article_id, sentence_idx, date, date_source, language, "
              "source_code, source_text, source_begin, source_end, target_code, target_text, "
              "target_begin, target_end, cameo, cameo_name, goldstein, quad_class, plover_event, "
              "plover_mode, plover_context, verb_text, verb_begin, verb_end, verb_pattern, "
              "date_precision, issues) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") {}
  sqlite::Statement find, del, article, sentence, event;
};

// The first `n` characters (code points) of UTF-8 text, as SQLite's substr(text, 1, n) counts.
std::string_view FirstChars(std::string_view s, size_t n) {
  size_t i = 0, chars = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) break;
      ++chars;
    }
    ++i;
  }
  return s.substr(0, i);
}

int Store::LatestSchemaVersion() { return kMigrationCount; }

Store::Store(const std::string& path) : path_(path) {
  // NOMUTEX: a Store is one connection used by one thread at a time (its contract), so SQLite's
  // per-call connection mutex is pure overhead on the ingest path.
  int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  try {
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=NORMAL");
    Exec("PRAGMA foreign_keys=ON");
    // A 256 MiB page cache (the default is 2 MiB) keeps the index pages that batched inserts
    // touch in memory (a batch into 10M events touches some 10,000 leaves of the dyad index: twice
    // as fast as with 64 MiB); temporary structures (statement journals, sorters) stay off the
    // disk. SQLite allocates the cache as it fills.
    Exec("PRAGMA cache_size=" + std::to_string(-kCacheKiB));
    Exec("PRAGMA temp_store=MEMORY");
    Migrate();
    EnsureIndexes();
  } catch (const StoreError& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": " + e.what());
  }
}

Store::~Store() {
  statements_.reset();  // finalize before closing
  if (db_) sqlite3_close(db_);
}

void Store::EnsureIndexes() {
  for (const auto& [name, on] : kSecondaryEventIndexes)
    Exec(std::string("CREATE INDEX IF NOT EXISTS ") + name + " ON " + on);
}

void Store::BeginBulkLoad() {
  for (const auto& [name, on] : kSecondaryEventIndexes)
    Exec(std::string("DROP INDEX IF EXISTS ") + name);
  // Checkpoint every 64 MiB of WAL rather than every 4 MiB: a large load then syncs the file
  // far less often (about 1.4x faster batches on 1M events).
  Exec("PRAGMA wal_autocheckpoint=16384");
}

void Store::EndBulkLoad() {
  // Each index is built by sorting every row: helper threads share the sorting, and a larger
  // page cache lets each sorted run hold more rows (fewer runs to merge).
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  Exec("PRAGMA threads=" + std::to_string(std::min(4u, cores - 1)));
  Exec("PRAGMA cache_size=-524288");
  struct Restore {
    sqlite3* db;
    ~Restore() {
      sqlite3_exec(db, "PRAGMA threads=0", nullptr, nullptr, nullptr);
      sqlite3_exec(db, ("PRAGMA cache_size=" + std::to_string(-kCacheKiB)).c_str(), nullptr,
                   nullptr, nullptr);
      sqlite3_exec(db, "PRAGMA wal_autocheckpoint=1000", nullptr, nullptr, nullptr);
    }
  } restore{db_};
  EnsureIndexes();
}

bool Store::HasEvents() const {
  sqlite::Statement st(db_, "SELECT EXISTS (SELECT 1 FROM events)");
  st.Step();
  return st.Int(0) != 0;
}

void Store::ClearPending() {
  pending_dirty_.clear();
  pending_fts_.clear();
}

void Store::RollbackQuietly() {
  char* err = nullptr;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, &err);
  sqlite3_free(err);
}

void Store::Exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    if (msg == "file is not a database")
      msg += " (not a dyad database: use a new path or remove the file)";
    throw StoreError(msg);
  }
}

int Store::SchemaVersion() const {
  sqlite::Statement st(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  st.Step();
  return static_cast<int>(st.Int(0));
}

void Store::Migrate() {
  Exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
  int current = SchemaVersion();
  if (current > kMigrationCount) {
    throw StoreError("database schema version " + std::to_string(current) +
                     " is newer than this dyad knows (" + std::to_string(kMigrationCount) +
                     "); use a newer dyad");
  }
  for (int v = current + 1; v <= kMigrationCount; ++v) {
    Exec("BEGIN IMMEDIATE");
    try {
      Exec(kMigrations[v - 1]);
      Exec("INSERT INTO schema_version(version) VALUES (" + std::to_string(v) + ")");
      Exec("COMMIT");
    } catch (const StoreError& e) {
      Exec("ROLLBACK");
      throw StoreError("migration " + std::to_string(v) + " failed: " + e.what());
    }
  }
}

void Store::FlushPending() {
  if (!pending_dirty_.empty()) {
    sqlite::Statement mark(db_, "INSERT OR IGNORE INTO dedup_dirty VALUES (?, ?, ?)");
    for (const std::string& key : pending_dirty_) {
      const size_t a = key.find('\0'), b = key.find('\0', a + 1);
      const std::string_view k(key);
      mark.Bind(1, k.substr(0, a)).Bind(2, k.substr(a + 1, b - a - 1)).Bind(3, k.substr(b + 1));
      mark.Run();
    }
    pending_dirty_.clear();
  }
  if (!pending_fts_.empty()) {
    // Ranges stay disjoint: a new range absorbs every stored range it overlaps or touches (ids
    // freed by a replaced article are reused, so a new range may fall inside a stored one).
    sqlite::Statement below(
        db_,
        "SELECT first_event, last_event FROM fts_pending WHERE first_event <= ? "
        "ORDER BY first_event DESC LIMIT 1");
    sqlite::Statement drop(db_, "DELETE FROM fts_pending WHERE first_event = ?");
    sqlite::Statement add(db_, "INSERT INTO fts_pending VALUES (?, ?)");
    for (auto [first, last] : pending_fts_) {
      for (;;) {
        below.Bind(1, last + 1);
        bool merge = below.Step() && below.Int(1) + 1 >= first;
        int64_t f = merge ? below.Int(0) : 0, l = merge ? below.Int(1) : 0;
        below.Reset();
        if (!merge) break;
        first = std::min(first, f);
        last = std::max(last, l);
        drop.Bind(1, f).Run();
      }
      add.Bind(1, first).Bind(2, last).Run();
    }
    pending_fts_.clear();
  }
}

Store::WriteResult Store::WriteArticle(const Article& article,
                                       const std::vector<Sentence>& sentences,
                                       const std::vector<Event>& events) {
  Exec("BEGIN IMMEDIATE");
  try {
    WriteResult result = WriteInTransaction(article, sentences, events);
    FlushPending();
    Exec("COMMIT");
    return result;
  } catch (...) {
    ClearPending();
    RollbackQuietly();
    throw;
  }
}

std::vector<Store::BatchItemResult> Store::WriteArticles(const std::vector<ArticleRecord>& batch) {
  std::vector<BatchItemResult> results(batch.size());
  if (batch.empty()) return results;
  Exec("BEGIN IMMEDIATE");
  try {
    for (size_t i = 0; i < batch.size(); ++i) {
      results[i].result =
          WriteInTransaction(*batch[i].article, *batch[i].sentences, *batch[i].events);
    }
    FlushPending();
    Exec("COMMIT");
    return results;
  } catch (const StoreError&) {
    ClearPending();
    RollbackQuietly();
  }
  // Something in the batch failed: redo it one article per transaction, so that only the
  // failing articles are lost.
  for (size_t i = 0; i < batch.size(); ++i) {
    results[i] = BatchItemResult{};
    try {
      results[i].result = WriteArticle(*batch[i].article, *batch[i].sentences, *batch[i].events);
    } catch (const StoreError& e) {
      results[i].error = e.what();
    }
  }
  return results;
}

Store::WriteResult Store::WriteInTransaction(const Article& article,
                                             const std::vector<Sentence>& sentences,
                                             const std::vector<Event>& events) {
  if (!statements_) statements_ = std::make_unique<Statements>(db_);
  Statements& st = *statements_;
  // Statements are reset on every exit path, so a failed write never leaves one mid-step.
  struct ResetAll {
    Statements& st;
    ~ResetAll() {
      for (sqlite::Statement* s : {&st.find, &st.del, &st.article, &st.sentence, &st.event})
        s->Reset();
    }
  } reset_all{st};
  const std::string hash = ContentHash(article);
  WriteResult result = WriteResult::kInserted;
  st.find.Bind(1, article.id);
  if (st.find.Step()) {
    result = st.find.Text(0) == hash ? WriteResult::kUnchanged : WriteResult::kReplaced;
  }
  st.find.Reset();
  if (result == WriteResult::kUnchanged) return result;
  if (result == WriteResult::kReplaced) {
    // The delete trigger reads fts_pending to tell indexed events from queued ones, so the ranges
    // of this transaction must be there first.
    FlushPending();
    st.del.Bind(1, article.id).Run();  // cascades to sentences and events
  }
  sqlite::Statement& ins = st.article;
  ins.Bind(1, article.id).Bind(2, hash);
  if (article.date)
    ins.Bind(3, article.date->ToString());
  else
    ins.BindNull(3);
  ins.BindOrNull(4, article.language)
      .BindOrNull(5, article.title)
      .BindOrNull(6, article.url)
      .BindOrNull(7, article.origin)
      .Bind(8, article.text)
      .Run();
  // The hot path binds with SQLITE_STATIC (every bound string outlives its step) and resets
  // without clearing bindings (every parameter is bound again): both measurably cheaper.
  auto text = [](sqlite3_stmt* stmt, int i, std::string_view v) {
    sqlite3_bind_text(stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  auto text_or_null = [&](sqlite3_stmt* stmt, int i, std::string_view v) {
    if (v.empty())
      sqlite3_bind_null(stmt, i);
    else
      text(stmt, i, v);
  };
  auto step = [&](sqlite3_stmt* stmt) {
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) throw StoreError("SQLite: " + std::string(sqlite3_errmsg(db_)));
  };
  sqlite3_stmt* sent = st.sentence.get();
  const std::string_view article_text(article.text);
  for (const Sentence& s : sentences) {
    std::string_view stext = s.span.end <= article_text.size() && s.span.begin <= s.span.end
                                 ? article_text.substr(s.span.begin, s.span.end - s.span.begin)
                                 : std::string_view();
    text(sent, 1, article.id);
    sqlite3_bind_int64(sent, 2, s.index);
    sqlite3_bind_int64(sent, 3, s.span.begin);
    sqlite3_bind_int64(sent, 4, s.span.end);
    text(sent, 5, s.language);
    text(sent, 6, stext);
    step(sent);
  }
  sqlite3_stmt* ev = st.event.get();
  std::string date, bucket, issues;
  for (const Event& e : events) {
    text(ev, 1, article.id);
    sqlite3_bind_int64(ev, 2, e.sentence);
    if (e.date) {
      date = e.date->ToString();
      text(ev, 3, date);
    } else {
      sqlite3_bind_null(ev, 3);
    }
    if (e.date_source == DateSource::kText)
      text(ev, 4, "text");
    else if (e.date_source == DateSource::kArticle)
      text(ev, 4, "article");
    else
      sqlite3_bind_null(ev, 4);
    text_or_null(ev, 5, e.language);
    text_or_null(ev, 6, e.source.code);
    text_or_null(ev, 7, e.source.text);
    sqlite3_bind_int64(ev, 8, e.source.span.begin);
    sqlite3_bind_int64(ev, 9, e.source.span.end);
    text_or_null(ev, 10, e.target.code);
    text_or_null(ev, 11, e.target.text);
    sqlite3_bind_int64(ev, 12, e.target.span.begin);
    sqlite3_bind_int64(ev, 13, e.target.span.end);
    text(ev, 14, e.cameo);
    text_or_null(ev, 15, e.cameo_name);
    sqlite3_bind_double(ev, 16, e.goldstein);
    sqlite3_bind_int64(ev, 17, e.quad_class);
    text_or_null(ev, 18, e.plover.event);
    text_or_null(ev, 19, e.plover.mode);
    text_or_null(ev, 20, e.plover.context);
    text_or_null(ev, 21, e.verb_text);
    sqlite3_bind_int64(ev, 22, e.verb_span.begin);
    sqlite3_bind_int64(ev, 23, e.verb_span.end);
    text_or_null(ev, 24, e.verb_pattern);
    if (e.date)
      text(ev, 25, DatePrecisionName(e.date->precision));
    else
      sqlite3_bind_null(ev, 25);
    issues.clear();
    for (const std::string& issue : e.issues)
      issues.append(issues.empty() ? "" : ";").append(issue);
    text_or_null(ev, 26, issues);
    step(ev);
    const int64_t id = sqlite3_last_insert_rowid(db_);
    if (!pending_fts_.empty() && pending_fts_.back().second + 1 == id)
      pending_fts_.back().second = id;
    else
      pending_fts_.emplace_back(id, id);
    bucket.clear();
    bucket.append(FirstChars(e.source.code, 6)).append(1, '\0');
    bucket.append(FirstChars(e.target.code, 6)).append(1, '\0');
    bucket.append(FirstChars(e.cameo, 2));
    if (!pending_dirty_.contains(bucket)) pending_dirty_.emplace(bucket);
  }
  return result;
}

Store::Counts Store::Count() const {
  Counts c;
  sqlite::Statement st(db_,
                       "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM sentences), "
                       "(SELECT COUNT(*) FROM events)");
  st.Step();
  c.articles = st.Int(0);
  c.sentences = st.Int(1);
  c.events = st.Int(2);
  return c;
}

}  // namespace dyad
