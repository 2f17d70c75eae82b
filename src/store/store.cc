#include "dyad/store/store.h"

#include <sqlite3.h>

#include <cstdio>

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
-- Buckets whose raw events changed since their clusters were last computed. Filled by triggers,
-- so every writer (dyad or plain SQL) keeps it right; emptied by the dedup refresh.
CREATE TABLE dedup_dirty (
  source_key TEXT NOT NULL,
  target_key TEXT NOT NULL,
  root       TEXT NOT NULL,
  PRIMARY KEY (source_key, target_key, root)
) WITHOUT ROWID;
CREATE TRIGGER events_dedup_insert AFTER INSERT ON events BEGIN
  INSERT OR IGNORE INTO dedup_dirty VALUES (substr(coalesce(new.source_code, ''), 1, 6),
      substr(coalesce(new.target_code, ''), 1, 6), substr(new.cameo, 1, 2));
END;
CREATE TRIGGER events_dedup_delete AFTER DELETE ON events BEGIN
  INSERT OR IGNORE INTO dedup_dirty VALUES (substr(coalesce(old.source_code, ''), 1, 6),
      substr(coalesce(old.target_code, ''), 1, 6), substr(old.cameo, 1, 2));
END;
INSERT OR IGNORE INTO dedup_dirty SELECT DISTINCT substr(coalesce(source_code, ''), 1, 6),
    substr(coalesce(target_code, ''), 1, 6), substr(cameo, 1, 2) FROM events;
-- The bucket of a raw event, for the dedup refresh (same expressions as above).
CREATE INDEX events_bucket ON events(substr(coalesce(source_code, ''), 1, 6),
    substr(coalesce(target_code, ''), 1, 6), substr(cameo, 1, 2), date);
-- Timelines read only this index (covering): dyad, date, quad class, Goldstein.
DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events(source_code, target_code, date, quad_class, goldstein);
CREATE INDEX events_target ON events(target_code, source_code, date);
-- Full-text search over sentences (external content: the text is stored once, in sentences).
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
)sql",
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
              "plover_mode, plover_context, verb_text, verb_begin, verb_end, verb_pattern) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") {}
  sqlite::Statement find, del, article, sentence, event;
};

int Store::LatestSchemaVersion() { return kMigrationCount; }

Store::Store(const std::string& path) : path_(path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
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
    Migrate();
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

Store::WriteResult Store::WriteArticle(const Article& article,
                                       const std::vector<Sentence>& sentences,
                                       const std::vector<Event>& events) {
  Exec("BEGIN IMMEDIATE");
  try {
    WriteResult result = WriteInTransaction(article, sentences, events);
    Exec("COMMIT");
    return result;
  } catch (...) {
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
    Exec("COMMIT");
    return results;
  } catch (const StoreError&) {
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
  sqlite::Statement& sent = st.sentence;
  for (const Sentence& s : sentences) {
    std::string_view text(article.text);
    std::string_view stext = s.span.end <= text.size() && s.span.begin <= s.span.end
                                 ? text.substr(s.span.begin, s.span.end - s.span.begin)
                                 : std::string_view();
    sent.Bind(1, article.id)
        .Bind(2, s.index)
        .Bind(3, s.span.begin)
        .Bind(4, s.span.end)
        .Bind(5, s.language)
        .Bind(6, stext)
        .Run();
  }
  sqlite::Statement& ev = st.event;
  for (const Event& e : events) {
    ev.Bind(1, article.id).Bind(2, e.sentence);
    if (e.date)
      ev.Bind(3, e.date->ToString());
    else
      ev.BindNull(3);
    if (e.date_source == DateSource::kText)
      ev.Bind(4, std::string_view("text"));
    else if (e.date_source == DateSource::kArticle)
      ev.Bind(4, std::string_view("article"));
    else
      ev.BindNull(4);
    ev.BindOrNull(5, e.language)
        .BindOrNull(6, e.source.code)
        .BindOrNull(7, e.source.text)
        .Bind(8, e.source.span.begin)
        .Bind(9, e.source.span.end)
        .BindOrNull(10, e.target.code)
        .BindOrNull(11, e.target.text)
        .Bind(12, e.target.span.begin)
        .Bind(13, e.target.span.end)
        .Bind(14, e.cameo)
        .BindOrNull(15, e.cameo_name)
        .Bind(16, e.goldstein)
        .Bind(17, e.quad_class)
        .BindOrNull(18, e.plover.event)
        .BindOrNull(19, e.plover.mode)
        .BindOrNull(20, e.plover.context)
        .BindOrNull(21, e.verb_text)
        .Bind(22, e.verb_span.begin)
        .Bind(23, e.verb_span.end)
        .BindOrNull(24, e.verb_pattern)
        .Run();
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
