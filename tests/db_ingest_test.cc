// Ingest into the event database: batched writes with per-article atomicity, and survival of a
// process killed mid-ingest.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "dyad/core/error.h"
#include "dyad/query/dedup.h"
#include "dyad/query/query.h"
#include "dyad/store/store.h"
#include "query/query_test_util.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::TempDir;

Article MakeArticle(const std::string& id, const std::string& text) {
  Article a;
  a.id = id;
  a.text = text;
  a.date = Date::Parse("2026-02-20");
  a.language = "en";
  return a;
}

std::vector<Sentence> OneSentence(const std::string& text) {
  Sentence s;
  s.span = {0, static_cast<uint32_t>(text.size())};
  s.language = "en";
  return {s};
}

TEST(DbIngestTest, BatchReportsEachArticleAndIsIdempotent) {
  TempDir tmp;
  Store store(tmp.File("b.db"));
  Article a = MakeArticle("a", "One."), b = MakeArticle("b", "Two.");
  auto sa = OneSentence(a.text), sb = OneSentence(b.text);
  std::vector<Event> none;
  auto results = store.WriteArticles({{&a, &sa, &none}, {&b, &sb, &none}});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].result, Store::WriteResult::kInserted);
  EXPECT_EQ(results[1].result, Store::WriteResult::kInserted);
  Article b2 = MakeArticle("b", "Two, corrected.");
  auto sb2 = OneSentence(b2.text);
  results = store.WriteArticles({{&a, &sa, &none}, {&b2, &sb2, &none}});
  EXPECT_EQ(results[0].result, Store::WriteResult::kUnchanged);
  EXPECT_EQ(results[1].result, Store::WriteResult::kReplaced);
  EXPECT_TRUE(results[0].error.empty());
  Store::Counts c = store.Count();
  EXPECT_EQ(c.articles, 2);
  EXPECT_EQ(c.sentences, 2);
  EXPECT_TRUE(store.WriteArticles({}).empty());
}

TEST(DbIngestTest, OneBadArticleNeverLosesTheOthers) {
  TempDir tmp;
  Store store(tmp.File("b.db"));
  testing_util::FillTestStore(store);  // 5 articles, 8 events
  Article good1 = MakeArticle("good1", "Fine."), bad = MakeArticle("bad", "Broken."),
          good2 = MakeArticle("good2", "Also fine.");
  auto s1 = OneSentence(good1.text), s2 = OneSentence(good2.text);
  auto sbad = OneSentence(bad.text);
  sbad.push_back(sbad[0]);  // the same (article, idx) twice violates the primary key
  // A replacement of an existing article in the same failing batch must still be applied whole.
  auto tests = testing_util::TestArticles();
  tests[4].sentences[0] += " Updated.";
  Article updated;
  std::vector<Sentence> su;
  std::vector<Event> eu, none;
  testing_util::MaterialiseTestArticle(tests[4], &updated, &su, &eu);
  auto results = store.WriteArticles(
      {{&good1, &s1, &none}, {&bad, &sbad, &none}, {&updated, &su, &eu}, {&good2, &s2, &none}});
  EXPECT_EQ(results[0].result, Store::WriteResult::kInserted);
  EXPECT_NE(results[1].error.find("UNIQUE constraint failed"), std::string::npos)
      << results[1].error;
  EXPECT_EQ(results[2].result, Store::WriteResult::kReplaced);
  EXPECT_TRUE(results[2].error.empty());
  EXPECT_EQ(results[3].result, Store::WriteResult::kInserted);
  Store::Counts c = store.Count();
  EXPECT_EQ(c.articles, 5 + 2);
  EXPECT_EQ(c.events, 8);
  sqlite::Statement st(store.handle(), "SELECT count(*) FROM articles WHERE id = 'bad'");
  st.Step();
  EXPECT_EQ(st.Int(0), 0);
}

std::vector<std::string> EventIndexes(Store& store) {
  sqlite::Statement st(store.handle(),
                       "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                       "'events' AND sql IS NOT NULL ORDER BY name");
  std::vector<std::string> names;
  while (st.Step()) names.push_back(st.Text(0));
  return names;
}

TEST(DbIngestTest, BulkLoadRebuildsIndexesEvenAfterACrash) {
  TempDir tmp;
  const std::vector<std::string> all = {"events_article", "events_code",   "events_date",
                                        "events_dyad",    "events_source", "events_target"};
  {
    Store store(tmp.File("bulk.db"));
    EXPECT_EQ(EventIndexes(store), all);
    store.BeginBulkLoad();
    EXPECT_EQ(EventIndexes(store), std::vector<std::string>{"events_article"});
    testing_util::FillTestStore(store);
    store.EndBulkLoad();
    EXPECT_EQ(EventIndexes(store), all);
    store.BeginBulkLoad();  // and the process "dies" here
  }
  Store reopened(tmp.File("bulk.db"));
  EXPECT_EQ(EventIndexes(reopened), all);
  EXPECT_EQ(reopened.Count().events, 8);
}

// Turns a database written by this dyad back into what an older dyad wrote, by running SQL.
void Downgrade(const std::string& path, const char* sql) {
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// What migration 4 added, dropped again.
constexpr const char* kToVersion3 =
    "ALTER TABLE events DROP COLUMN date_precision; ALTER TABLE events DROP COLUMN issues; "
    "DELETE FROM schema_version WHERE version > 3;";

// What migration 3 replaced, as schema v2 had it (after kToVersion3).
constexpr const char* kToVersion2 =
    "DROP TRIGGER articles_fts_delete; DROP TABLE events_fts; DROP TABLE fts_pending; "
    "DROP INDEX events_source; DROP INDEX events_code; DROP INDEX events_target; "
    "DROP INDEX dedup_source; DROP INDEX dedup_code; DROP INDEX dedup_target; "
    "CREATE INDEX events_target ON events(target_code, source_code, date); "
    "CREATE INDEX dedup_target ON dedup_events(target_code, source_code, date); "
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'); "
    "CREATE TABLE fts_pending (sentence_rowid INTEGER PRIMARY KEY); "
    "CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN "
    "INSERT INTO fts_pending VALUES (new.rowid); END; "
    "CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN "
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', old.rowid, old.text "
    "WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE sentence_rowid = old.rowid); "
    "DELETE FROM fts_pending WHERE sentence_rowid = old.rowid; END; "
    "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild'); "
    "DELETE FROM schema_version WHERE version > 2;";

// What migration 2 added, dropped again (after kToVersion2).
constexpr const char* kToVersion1 =
    "DROP TRIGGER events_dedup_delete; "
    "DROP TRIGGER sentences_fts_insert; DROP TRIGGER sentences_fts_delete; "
    "DROP TABLE fts_pending; DROP TABLE dedup_events; DROP TABLE event_mentions; DROP TABLE "
    "dedup_dirty; DROP TABLE sentences_fts; DROP INDEX events_target; "
    "DROP INDEX events_dyad; CREATE INDEX events_dyad ON events(source_code, target_code, "
    "date); DELETE FROM schema_version WHERE version > 1;";

std::vector<std::string> Indexes(Store& store) {
  sqlite::Statement st(store.handle(),
                       "SELECT name || ' ' || sql FROM sqlite_master WHERE type = 'index' AND sql "
                       "IS NOT NULL ORDER BY name");
  std::vector<std::string> out;
  while (st.Step()) out.push_back(st.Text(0));
  return out;
}

std::vector<int64_t> TextIds(Store& store, const char* words, EventView view = EventView::kRaw) {
  EventFilter f;
  f.text = words;
  f.view = view;
  std::vector<int64_t> ids;
  QueryEvents(store, f, {}, [&](const EventRecord& r) { ids.push_back(r.id); });
  return ids;
}

// The date's precision ("in March 2026" is a month) and the sentence's issue tags are stored and
// read back, in both views; rows written before schema v4 read as day precision without issues.
TEST(DbIngestTest, KeepsDatePrecisionAndIssues) {
  TempDir tmp;
  std::string path = tmp.File("v4.db");
  Article a;
  std::vector<Sentence> s;
  std::vector<Event> e;
  testing_util::MaterialiseTestArticle(testing_util::TestArticles()[3], &a, &s, &e);
  e[0].date->precision = DatePrecision::kWeek;
  e[0].issues = {"MARITIME", "SOVEREIGNTY"};
  e[1].date.reset();
  e[1].date_source = DateSource::kNone;
  {
    Store store(path);
    ASSERT_EQ(store.WriteArticle(a, s, e), Store::WriteResult::kInserted);
    for (EventView view : {EventView::kRaw, EventView::kDedup}) {
      EventFilter f;
      f.view = view;
      std::vector<Event> got;
      QueryEvents(store, f, {}, [&](const EventRecord& r) { got.push_back(r.event); });
      ASSERT_EQ(got.size(), 2u);
      EXPECT_FALSE(got[0].date);  // undated first
      EXPECT_TRUE(got[0].issues.empty());
      ASSERT_TRUE(got[1].date);
      EXPECT_EQ(got[1].date->ToString(), "2026-03-04");
      EXPECT_EQ(got[1].date->precision, DatePrecision::kWeek);
      EXPECT_EQ(got[1].issues, (std::vector<std::string>{"MARITIME", "SOVEREIGNTY"}));
    }
  }
  Downgrade(path, kToVersion3);
  Store store(path);
  EXPECT_EQ(store.SchemaVersion(), Store::LatestSchemaVersion());
  std::vector<Event> got;
  QueryEvents(store, EventFilter{}, {}, [&](const EventRecord& r) { got.push_back(r.event); });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].date->precision, DatePrecision::kDay);
  EXPECT_TRUE(got[1].issues.empty());
}

TEST(DbIngestTest, MigratesAVersion1DatabaseKeepingItsRows) {
  TempDir tmp;
  std::string path = tmp.File("v1.db"), fresh = tmp.File("fresh.db");
  std::vector<std::string> indexes;
  {
    Store store(path);
    testing_util::FillTestStore(store);
    Store reference(fresh);
    testing_util::FillTestStore(reference);
    RefreshDedup(reference);
    indexes = Indexes(reference);
  }
  Downgrade(path, kToVersion3);
  Downgrade(path, kToVersion2);
  Downgrade(path, kToVersion1);
  Store store(path);
  EXPECT_EQ(store.SchemaVersion(), Store::LatestSchemaVersion());
  EXPECT_EQ(Indexes(store), indexes);  // the same indexes as a new database
  EXPECT_EQ(store.Count().events, 8);
  EXPECT_EQ(DirtyDedupBuckets(store), 5);  // existing events are queued for deduplication
  EXPECT_EQ(RefreshDedup(store).clusters, 6);
  EXPECT_EQ(RefreshTextIndex(store), 8);  // and for the full-text index
  EXPECT_EQ(TextIds(store, "phone"), (std::vector<int64_t>{2, 1, 5}));
  EXPECT_EQ(RefreshTextIndex(store), 0);
}

TEST(DbIngestTest, MigratesAVersion2DatabaseToEventTextIndexAndDateOrderedIndexes) {
  TempDir tmp;
  std::string path = tmp.File("v2.db"), fresh = tmp.File("fresh.db");
  std::vector<std::string> indexes;
  {
    Store store(path);
    testing_util::FillTestStore(store);
    RefreshDedup(store);
    Store reference(fresh);
    testing_util::FillTestStore(reference);
    RefreshDedup(reference);
    indexes = Indexes(reference);
  }
  Downgrade(path, kToVersion3);
  Downgrade(path, kToVersion2);
  Store store(path);
  EXPECT_EQ(store.SchemaVersion(), Store::LatestSchemaVersion());
  EXPECT_EQ(Indexes(store), indexes);
  EXPECT_EQ(DirtyDedupBuckets(store), 0);  // the deduplicated events stay as they were
  EXPECT_EQ(TextIds(store, "phone"), (std::vector<int64_t>{2, 1, 5}));
  EXPECT_EQ(TextIds(store, "điện", EventView::kDedup), (std::vector<int64_t>{5}));
  EXPECT_EQ(testing_util::TextIndexDifference(store), "");
  // Replacing an article indexed after the migration removes its old entries.
  auto tests = testing_util::TestArticles();
  tests[2].sentences[0] = "The two leaders met again on Saturday, February 21.";
  Article a;
  std::vector<Sentence> s;
  std::vector<Event> e;
  testing_util::MaterialiseTestArticle(tests[2], &a, &s, &e);
  ASSERT_EQ(store.WriteArticle(a, s, e), Store::WriteResult::kReplaced);
  EXPECT_EQ(TextIds(store, "phone"), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(testing_util::TextIndexDifference(store), "");
}

// Article id -> content hash, and the sentence count, of a database opened read-only.
struct Snapshot {
  std::map<std::string, std::string> hashes;
  int64_t sentences = 0;
  int64_t events = 0;
  int64_t query_indexes = 0;  // of events_dyad, events_source, events_target, events_code
  std::string integrity;
};

Snapshot Read(const std::string& path) {
  Snapshot s;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, 5000);
  try {
    sqlite::Statement ic(db, "PRAGMA integrity_check");
    while (ic.Step()) s.integrity += ic.Text(0);
    sqlite::Statement h(db, "SELECT id, content_hash FROM articles");
    while (h.Step()) s.hashes[h.Text(0)] = h.Text(1);
    sqlite::Statement n(db,
                        "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM events)");
    n.Step();
    s.sentences = n.Int(0);
    s.events = n.Int(1);
    sqlite::Statement ix(db,
                         "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                         "('events_dyad', 'events_source', 'events_target', 'events_code')");
    ix.Step();
    s.query_indexes = ix.Int(0);
  } catch (const StoreError&) {
    // the schema is not there yet
  }
  sqlite3_close(db);
  return s;
}

int64_t ArticleCount(const std::string& path) {
  sqlite3* db = nullptr;
  int64_t n = 0;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

TEST(DbIngestTest, SurvivesKillDuringIngest) {
  TempDir tmp;
  constexpr int kArticles = 8000;
  std::string corpus = tmp.File("corpus.jsonl");
  {
    std::ofstream out(corpus);
    for (int i = 0; i < kArticles; ++i) {
      out << "{\"id\": \"gen-" << i << "\", \"date\": \"2025-" << (i % 12 + 1 < 10 ? "0" : "")
          << (i % 12 + 1) << "-15\", \"language\": \"en\", \"text\": \"Vietnam criticised China. "
          << "The ministers discussed trade and security number " << i
          << ". The United States praised Vietnam.\"}\n";
    }
  }
  std::string db = tmp.File("killed.db");
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(DYAD_BINARY, DYAD_BINARY, "code", "--db", db.c_str(), "--threads", "1", corpus.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once some articles are committed, well before the end.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int64_t before_kill = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    before_kill = ArticleCount(db);
    if (before_kill >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "dyad finished before it could be killed";

  Snapshot after_kill = Read(db);
  EXPECT_EQ(after_kill.integrity, "ok");
  EXPECT_EQ(after_kill.query_indexes, 0) << "a new database is loaded in bulk";
  EXPECT_GE(static_cast<int64_t>(after_kill.hashes.size()), before_kill);
  EXPECT_LT(after_kill.hashes.size(), static_cast<size_t>(kArticles)) << "killed mid-ingest";
  EXPECT_EQ(after_kill.sentences, 3 * static_cast<int64_t>(after_kill.hashes.size()))
      << "every stored article has all its sentences";
  EXPECT_EQ(after_kill.events, 2 * static_cast<int64_t>(after_kill.hashes.size()))
      << "and all its events";

  // Re-running completes it: nothing lost, nothing doubled, same content as a clean run.
  auto rerun = testing_util::RunDyad("code -q --db " + db + " " + corpus);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  auto clean = testing_util::RunDyad("code -q --db " + tmp.File("clean.db") + " " + corpus);
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  Snapshot done = Read(db), reference = Read(tmp.File("clean.db"));
  EXPECT_EQ(done.integrity, "ok");
  EXPECT_EQ(done.hashes.size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(done.sentences, 3 * kArticles);
  EXPECT_EQ(done.events, 2 * kArticles);
  EXPECT_EQ(done.hashes, reference.hashes);
  Store store(db);
  // The killed run was a bulk load (a new database): the indexes it dropped are back.
  EXPECT_EQ(EventIndexes(store),
            (std::vector<std::string>{"events_article", "events_code", "events_date", "events_dyad",
                                      "events_source", "events_target"}));
  EXPECT_EQ(RefreshTextIndex(store), 2 * kArticles);
  EXPECT_EQ(TextIds(store, "number 4321"), (std::vector<int64_t>{}));  // not an event's sentence
  EXPECT_EQ(TextIds(store, "praised").size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(testing_util::TextIndexDifference(store), "");
}

}  // namespace
}  // namespace dyad
