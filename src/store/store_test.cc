#include "dyad/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "dyad/core/error.h"
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

Event MakeEvent(const std::string& article, const std::string& code) {
  Event e;
  e.article = article;
  e.sentence = 0;
  e.date = Date::Parse("2026-02-19");
  e.date_source = DateSource::kText;
  e.source.code = "VNMGOV";
  e.target.code = "USAELI";
  e.cameo = code;
  e.goldstein = 1.0;
  e.quad_class = 1;
  return e;
}

std::vector<Sentence> OneSentence(const std::string& text) {
  Sentence s;
  s.span = {0, static_cast<uint32_t>(text.size())};
  s.language = "en";
  return {s};
}

TEST(StoreTest, CreatesSchemaInWalMode) {
  TempDir tmp;
  Store store(tmp.File("x.db"));
  EXPECT_EQ(store.SchemaVersion(), Store::LatestSchemaVersion());
  sqlite::Statement mode(store.handle(), "PRAGMA journal_mode");
  ASSERT_TRUE(mode.Step());
  EXPECT_EQ(mode.Text(0), "wal");
}

TEST(StoreTest, ReingestIsANoOpAndChangesReplaceAtomically) {
  TempDir tmp;
  Store store(tmp.File("x.db"));
  Article a = MakeArticle("a1", "Vietnam hosted talks.");
  EXPECT_EQ(store.WriteArticle(a, OneSentence(a.text), {MakeEvent("a1", "043")}),
            Store::WriteResult::kInserted);
  EXPECT_EQ(store.WriteArticle(a, OneSentence(a.text), {MakeEvent("a1", "043")}),
            Store::WriteResult::kUnchanged);
  Store::Counts c = store.Count();
  EXPECT_EQ(c.articles, 1);
  EXPECT_EQ(c.sentences, 1);
  EXPECT_EQ(c.events, 1);
  Article changed = MakeArticle("a1", "Vietnam hosted two rounds of talks.");
  EXPECT_EQ(store.WriteArticle(changed, OneSentence(changed.text),
                               {MakeEvent("a1", "040"), MakeEvent("a1", "042")}),
            Store::WriteResult::kReplaced);
  c = store.Count();
  EXPECT_EQ(c.articles, 1);
  EXPECT_EQ(c.events, 2);
  sqlite::Statement st(store.handle(), "SELECT group_concat(cameo) FROM events");
  st.Step();
  EXPECT_EQ(st.Text(0), "040,042");
}

TEST(StoreTest, FailedArticleRollsBackOnlyItself) {
  TempDir tmp;
  Store store(tmp.File("x.db"));
  Article good = MakeArticle("good", "Fine.");
  store.WriteArticle(good, OneSentence(good.text), {});
  Article bad = MakeArticle("bad", "Broken.");
  Event broken = MakeEvent("bad", "");
  std::vector<Sentence> dup = OneSentence(bad.text);
  dup.push_back(dup[0]);  // same (article, idx) twice violates the primary key
  EXPECT_THROW(store.WriteArticle(bad, dup, {broken}), StoreError);
  Store::Counts c = store.Count();
  EXPECT_EQ(c.articles, 1);
  EXPECT_EQ(c.sentences, 1);
  // The store is usable afterwards.
  Article later = MakeArticle("later", "Later.");
  EXPECT_EQ(store.WriteArticle(later, OneSentence(later.text), {}), Store::WriteResult::kInserted);
}

TEST(StoreTest, RefusesNonDatabasesAndNewerSchemas) {
  TempDir tmp;
  std::string junk = tmp.Write("junk.db", std::string(4096, 'x'));
  try {
    Store s(junk);
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("junk.db: "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a dyad database"), std::string::npos) << e.what();
  }
  std::string path = tmp.File("new.db");
  { Store s(path); }
  {
    sqlite3* db;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "INSERT INTO schema_version(version) VALUES (999)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  try {
    Store s(path);
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 999 is newer"), std::string::npos);
  }
}

TEST(StoreTest, ContentHashCoversEveryStoredField) {
  Article a = MakeArticle("a", "t");
  std::string h = ContentHash(a);
  Article b = a;
  b.date = Date::Parse("2026-02-21");
  EXPECT_NE(ContentHash(b), h);
  b = a;
  b.title = "x";
  EXPECT_NE(ContentHash(b), h);
  EXPECT_EQ(ContentHash(a), h);
  EXPECT_EQ(h.size(), 32u);
}

}  // namespace
}  // namespace dyad
