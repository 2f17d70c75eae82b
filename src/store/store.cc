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
  if (db_) sqlite3_close(db_);
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
  const std::string hash = ContentHash(article);
  Exec("BEGIN IMMEDIATE");
  try {
    WriteResult result = WriteResult::kInserted;
    {
      sqlite::Statement find(db_, "SELECT content_hash FROM articles WHERE id = ?");
      find.Bind(1, article.id);
      if (find.Step()) {
        if (find.Text(0) == hash) {
          result = WriteResult::kUnchanged;
        } else {
          result = WriteResult::kReplaced;
        }
      }
    }
    if (result == WriteResult::kUnchanged) {
      Exec("COMMIT");
      return result;
    }
    if (result == WriteResult::kReplaced) {
      sqlite::Statement del(db_, "DELETE FROM articles WHERE id = ?");
      del.Bind(1, article.id).Run();  // cascades to sentences and events
    }
    sqlite::Statement ins(db_,
                          "INSERT INTO articles(id, content_hash, date, language, title, url, "
                          "origin, text) VALUES (?,?,?,?,?,?,?,?)");
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
    sqlite::Statement sent(db_,
                           "INSERT INTO sentences(article_id, idx, begin, end, language, text) "
                           "VALUES (?,?,?,?,?,?)");
    for (const Sentence& s : sentences) {
      std::string_view text(article.text);
      std::string_view st = s.span.end <= text.size()
                                ? text.substr(s.span.begin, s.span.end - s.span.begin)
                                : std::string_view();
      sent.Bind(1, article.id)
          .Bind(2, s.index)
          .Bind(3, s.span.begin)
          .Bind(4, s.span.end)
          .Bind(5, s.language)
          .Bind(6, st)
          .Run();
    }
    sqlite::Statement ev(
        db_,
        "INSERT INTO events(article_id, sentence_idx, date, date_source, language, source_code, "
        "source_text, source_begin, source_end, target_code, target_text, target_begin, "
        "target_end, cameo, cameo_name, goldstein, quad_class, plover_event, plover_mode, "
        "plover_context, verb_text, verb_begin, verb_end, verb_pattern) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
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
    Exec("COMMIT");
    return result;
  } catch (...) {
    char* err = nullptr;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, &err);
    sqlite3_free(err);
    throw;
  }
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
