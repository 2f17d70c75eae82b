// Test-only: a small hand-made event database modelled on real reporting: a 19 February 2026 phone
// call between Viet Nam's leader (VNMGOV) and the US president (USAELI), reported in an English
// article twice (a present-tense photo caption dated by the article, and the body) and in a
// Vietnamese article, plus a few other events in both directions of the dyad and one with China.
#ifndef DYAD_SRC_QUERY_QUERY_TEST_UTIL_H_
#define DYAD_SRC_QUERY_QUERY_TEST_UTIL_H_

#include <sqlite3.h>

#include <string>
#include <vector>

#include "dyad/core/error.h"
#include "dyad/store/store.h"

namespace dyad::testing_util {

struct TestEvent {
  int sentence;
  const char* date;
  DateSource date_source;
  const char* source_code;
  const char* source_text;
  const char* target_code;
  const char* target_text;
  const char* cameo;
  const char* cameo_name;
  double goldstein;
  int quad;
  const char* plover_event;
  const char* plover_mode;
  const char* verb;
};

struct TestArticle {
  const char* id;
  const char* date;
  const char* language;
  const char* url;
  std::vector<std::string> sentences;
  std::vector<TestEvent> events;
};

inline std::vector<TestArticle> TestArticles() {
  const auto kText = DateSource::kText, kArticle = DateSource::kArticle;
  return {
      {"tuoitre-en-0220",
       "2026-02-20",
       "en",
       "https://example.org/en/0220",
       {"General Secretary To Lam talks by phone with US President Donald Trump.",
        "On February 19, To Lam held a phone call with Donald Trump.",
        "Washington said it wanted to meet Hanoi's leaders soon."},
       {{0, "2026-02-20", kArticle, "VNMGOV", "General Secretary To Lam", "USAELI",
         "US President Donald Trump", "040", "Consult, not specified", 1.0, 1, "CONSULT", "",
         "talks"},
        {1, "2026-02-19", kText, "VNMGOV", "To Lam", "USAELI", "Donald Trump", "041",
         "Discuss by telephone", 1.0, 1, "CONSULT", "phone", "held a phone call"},
        {2, "2026-02-20", kArticle, "USAGOV", "Washington", "VNMGOV", "Hanoi's leaders", "036",
         "Express intent to meet or negotiate", 4.0, 1, "AGREE", "", "wanted to meet"}}},
      {"vnexpress-vi-0219",
       "2026-02-19",
       "vi",
       "https://example.org/vi/0219",
       {"Tổng Bí thư Tô Lâm điện đàm với Tổng thống Mỹ Donald Trump ngày 19/2."},
       {{0, "2026-02-19", kText, "VNMGOV", "Tổng Bí thư Tô Lâm", "USAELI",
         "Tổng thống Mỹ Donald Trump", "041", "Discuss by telephone", 1.0, 1, "CONSULT", "phone",
         "điện đàm"}}},
      {"reuters-en-0222",
       "2026-02-22",
       "en",
       "",
       {"The two leaders spoke by phone again on Saturday, February 21."},
       {{0, "2026-02-21", kText, "VNMGOV", "The two leaders", "USAELI", "The two leaders", "041",
         "Discuss by telephone", 1.0, 1, "CONSULT", "phone", "spoke by phone"}}},
      {"vnexpress-en-0305",
       "2026-03-05",
       "en",
       "https://example.org/en/0305",
       {"Vietnam's foreign ministry on Wednesday criticised China's survey ship in its waters.",
        "A US destroyer visited Cam Ranh Bay on March 9."},
       {{0, "2026-03-04", kText, "VNMGOV", "Vietnam's foreign ministry", "CHNGOV", "China", "111",
         "Criticize or denounce", -2.0, 3, "ACCUSE", "disapprove", "criticised"},
        {1, "2026-03-09", kText, "USAMIL", "A US destroyer", "VNM", "Cam Ranh Bay", "042",
         "Make a visit", 1.9, 1, "CONSULT", "visit", "visited"}}},
      {"thanhnien-en-0402",
       "2026-04-02",
       "en",
       "https://example.org/en/0402",
       {"The US Commerce Department imposed anti-dumping duties on Vietnamese shrimp exporters."},
       {{0, "2026-04-02", kArticle, "USAGOV", "The US Commerce Department", "VNMBUS",
         "Vietnamese shrimp exporters", "163", "Impose embargo, boycott, or sanctions", -8.0, 4,
         "SANCTION", "", "imposed"}}},
  };
}

// Builds the Article, Sentences and Events of a TestArticle.
inline void MaterialiseTestArticle(const TestArticle& t, Article* a, std::vector<Sentence>* sents,
                                   std::vector<Event>* events) {
  a->id = t.id;
  a->date = Date::Parse(t.date);
  a->language = t.language;
  a->url = t.url;
  a->text.clear();
  sents->clear();
  events->clear();
  for (size_t i = 0; i < t.sentences.size(); ++i) {
    if (i) a->text += ' ';
    Sentence s;
    s.index = static_cast<int>(i);
    s.span.begin = static_cast<uint32_t>(a->text.size());
    a->text += t.sentences[i];
    s.span.end = static_cast<uint32_t>(a->text.size());
    s.language = t.language;
    sents->push_back(s);
  }
  auto span_of = [&](int sentence, const char* text) {
    const Sentence& s = (*sents)[sentence];
    size_t at = a->text.find(text, s.span.begin);
    if (at == std::string::npos) return Span{};
    return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::string(text).size())};
  };
  for (const TestEvent& te : t.events) {
    Event e;
    e.article = t.id;
    e.sentence = te.sentence;
    e.date = Date::Parse(te.date);
    e.date_source = te.date_source;
    e.language = t.language;
    e.source = {te.source_code, te.source_text, span_of(te.sentence, te.source_text), ""};
    e.target = {te.target_code, te.target_text, span_of(te.sentence, te.target_text), ""};
    e.cameo = te.cameo;
    e.cameo_name = te.cameo_name;
    e.goldstein = te.goldstein;
    e.quad_class = te.quad;
    e.plover = {te.plover_event, te.plover_mode, ""};
    e.verb_text = te.verb;
    e.verb_span = span_of(te.sentence, te.verb);
    e.text = t.sentences[te.sentence];
    events->push_back(e);
  }
}

// Writes every test article into `store` (one batch).
inline void FillTestStore(Store& store) {
  std::vector<TestArticle> tests = TestArticles();
  std::vector<Article> articles(tests.size());
  std::vector<std::vector<Sentence>> sentences(tests.size());
  std::vector<std::vector<Event>> events(tests.size());
  std::vector<Store::ArticleRecord> batch;
  for (size_t i = 0; i < tests.size(); ++i) {
    MaterialiseTestArticle(tests[i], &articles[i], &sentences[i], &events[i]);
    batch.push_back({&articles[i], &sentences[i], &events[i]});
  }
  store.WriteArticles(batch);
}

// Whether the full-text index holds exactly what indexing every event afresh would: the same
// terms at the same positions of the same events (an FTS5 integrity check cannot tell for a
// contentless index). Brings the index up to date first. Returns "" or what differs.
inline std::string TextIndexDifference(Store& store) {
  sqlite3* db = store.handle();
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      throw StoreError(msg);
    }
  };
  exec(
      "INSERT INTO events_fts(rowid, text) SELECT e.id, s.text FROM fts_pending p JOIN events e "
      "ON e.id BETWEEN p.first_event AND p.last_event JOIN sentences s ON s.article_id = "
      "e.article_id AND s.idx = e.sentence_idx ORDER BY e.id; DELETE FROM fts_pending;");
  exec(
      "DROP TABLE IF EXISTS temp.ref_fts; DROP TABLE IF EXISTS temp.ref_vocab; DROP TABLE IF "
      "EXISTS temp.live_vocab; "
      "CREATE VIRTUAL TABLE temp.ref_fts USING fts5(text, content='', tokenize='unicode61 "
      "remove_diacritics 0'); "
      "INSERT INTO temp.ref_fts(rowid, text) SELECT e.id, s.text FROM events e JOIN sentences s "
      "ON s.article_id = e.article_id AND s.idx = e.sentence_idx; "
      "CREATE VIRTUAL TABLE temp.ref_vocab USING fts5vocab(temp, 'ref_fts', 'instance'); "
      "CREATE VIRTUAL TABLE temp.live_vocab USING fts5vocab(main, 'events_fts', 'instance');");
  std::string diff;
  for (const char* sql :
       {"SELECT 'extra', term, doc FROM (SELECT term, doc, offset FROM temp.live_vocab EXCEPT "
        "SELECT term, doc, offset FROM temp.ref_vocab)",
        "SELECT 'missing', term, doc FROM (SELECT term, doc, offset FROM temp.ref_vocab EXCEPT "
        "SELECT term, doc, offset FROM temp.live_vocab)"}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      diff += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      diff += std::string(" ") + reinterpret_cast<const char*>(sqlite3_column_text(st, 1)) + "@" +
              std::to_string(sqlite3_column_int64(st, 2)) + "; ";
    }
    sqlite3_finalize(st);
  }
  exec("DROP TABLE temp.live_vocab; DROP TABLE temp.ref_vocab; DROP TABLE temp.ref_fts;");
  return diff;
}

}  // namespace dyad::testing_util

#endif  // DYAD_SRC_QUERY_QUERY_TEST_UTIL_H_
