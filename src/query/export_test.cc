#include "dyad/query/export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dyad/core/error.h"

namespace dyad {
namespace {

// The phone call as the dedup view returns it (hand-checked against the GDELT 2.0 and Phoenix
// column orders in docs/database.md).
EventRecord PhoneCall() {
  EventRecord r;
  r.id = 5;
  Event& e = r.event;
  e.article = "tuoitre-en-0220";
  e.sentence = 1;
  e.date = Date::Parse("2026-02-19");
  e.date_source = DateSource::kText;
  e.language = "en";
  e.source = {"VNMGOV", "To Lam", {88, 94}, ""};
  e.target = {"USAELI", "Donald Trump", {118, 130}, ""};
  e.cameo = "041";
  e.cameo_name = "Discuss by telephone";
  e.goldstein = 1.0;
  e.quad_class = 1;
  e.plover = {"CONSULT", "phone", ""};
  e.verb_text = "held a phone call";
  e.verb_span = {95, 112};
  e.text = "On February 19, To Lam held a phone call with Donald Trump.";
  r.url = "https://example.org/en/0220";
  r.ingested_at = "2026-02-20T08:15:00Z";
  r.mentions = 3;
  r.articles = 2;
  r.languages = "en,vi";
  r.mention_refs = {{1, "tuoitre-en-0220", 0, "en"},
                    {2, "tuoitre-en-0220", 1, "en"},
                    {4, "vnexpress-vi-0219", 0, "vi"}};
  return r;
}

std::string Write(ExportFormat f, EventView v, const std::vector<EventRecord>& rs) {
  std::ostringstream out;
  RecordWriter w(out, f, v);
  for (const EventRecord& r : rs) w.Write(r);
  w.Finish();
  return out.str();
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> f;
  std::string cur;
  for (char c : line) {
    if (c == '\t') {
      f.push_back(cur);
      cur.clear();
    } else if (c != '\n') {
      cur += c;
    }
  }
  f.push_back(cur);
  return f;
}

TEST(ExportTest, GdeltHas61ColumnsInTheEventTableOrder) {
  ASSERT_EQ(GdeltColumns().size(), 61u);
  EXPECT_EQ(GdeltColumns()[0], "GLOBALEVENTID");
  EXPECT_EQ(GdeltColumns()[26], "EventCode");
  EXPECT_EQ(GdeltColumns()[40], "Actor1Geo_Lat");
  EXPECT_EQ(GdeltColumns()[59], "DATEADDED");
  EXPECT_EQ(GdeltColumns()[60], "SOURCEURL");
  std::string line = Write(ExportFormat::kGdelt, EventView::kDedup, {PhoneCall()});
  std::vector<std::string> f = SplitTabs(line);
  ASSERT_EQ(f.size(), 61u);
  const std::string expected =
      "5\t20260219\t202602\t2026\t2026.1342\tVNMGOV\tTo Lam\tVNM\t\t\t\t\tGOV\t\t\t"
      "USAELI\tDonald Trump\tUSA\t\t\t\t\tELI\t\t\t0\t041\t041\t04\t1\t1\t3\t\t2\t\t" +
      std::string(23, '\t') + "\t20260220081500\thttps://example.org/en/0220\n";
  EXPECT_EQ(line, expected);
}

TEST(ExportTest, PhoenixHas26Columns) {
  ASSERT_EQ(PhoenixColumns().size(), 26u);
  std::string line = Write(ExportFormat::kPhoenix, EventView::kDedup, {PhoneCall()});
  EXPECT_EQ(SplitTabs(line).size(), 26u);
  EXPECT_EQ(
      line,
      "5\t20260219\t2026\t2\t19\tVNMGOV\tVNM\tGOV\t\tUSAELI\tUSA\tELI\t\t041\t04\t1\t1\t\t\t\t"
      "\t\t\ttuoitre-en-0220_1\thttps://example.org/en/0220\t\n");
  EventRecord tagged = PhoneCall();
  tagged.event.issues = {"MARITIME", "TRADE"};
  EXPECT_EQ(SplitTabs(Write(ExportFormat::kPhoenix, EventView::kDedup, {tagged}))[17],
            "MARITIME;TRADE");  // the Issues column
}

TEST(ExportTest, PloverRecordsUseThePloverFieldNames) {
  // The PLOVER manual 0.8 "Data Fields": source and recipient are lists of actor objects
  // (code, sector, actor_text); event, mode, context and event_text are lists.
  EventRecord statement = PhoneCall();
  statement.event.cameo = "010";
  statement.event.plover = {};
  EventRecord undated = PhoneCall();
  undated.event.date.reset();
  EventRecord threat = PhoneCall();
  threat.id = 9;
  threat.event.target = {};
  threat.event.cameo = "138";
  threat.event.plover = {"THREATEN", "", "military;legal"};
  threat.event.verb_text = "";
  threat.url = "";
  std::ostringstream out;
  RecordWriter w(out, ExportFormat::kPlover, EventView::kDedup);
  for (const EventRecord& r : {PhoneCall(), statement, undated, threat}) w.Write(r);
  w.Finish();
  EXPECT_EQ(w.written(), 2);
  EXPECT_EQ(w.skipped(), 2);  // no PLOVER category; no date
  EXPECT_EQ(out.str(),
            R"({"articles":2,"cameo":"041","cite_info":{"citation":"tuoitre-en-0220",)"
            R"("language":"en","url":"https://example.org/en/0220"},"coded_date":"2026-02-20",)"
            R"("coded_time":"08:15:00Z","coder":"dyad","context":[],"date":"2026-02-19",)"
            R"("event":["CONSULT"],"event_text":["held a phone call"],"goldstein":1.0,"id":"5",)"
            R"("mentions":3,"mode":["phone"],"quad_code":1,"recipient":[{"actor_text":)"
            R"("Donald Trump","code":"USA","sector":"ELI"}],"source":[{"actor_text":"To Lam",)"
            R"("code":"VNM","sector":"GOV"}],"text":"On February 19, To Lam held a phone call )"
            R"(with Donald Trump.","text_info":{"sequence":1}})"
            "\n"
            R"({"articles":2,"cameo":"138","cite_info":{"citation":"tuoitre-en-0220",)"
            R"("language":"en"},"coded_date":"2026-02-20","coded_time":"08:15:00Z",)"
            R"("coder":"dyad","context":["military","legal"],"date":"2026-02-19",)"
            R"("event":["THREATEN"],"event_text":[],"goldstein":1.0,"id":"9","mentions":3,)"
            R"("mode":[],"quad_code":3,"recipient":[],"source":[{"actor_text":"To Lam",)"
            R"("code":"VNM","sector":"GOV"}],"text":"On February 19, To Lam held a phone call )"
            R"(with Donald Trump.","text_info":{"sequence":1}})"
            "\n");
}

TEST(ExportTest, CsvQuotesAndAddsDedupColumns) {
  std::string csv = Write(ExportFormat::kCsv, EventView::kDedup, {PhoneCall()});
  EXPECT_EQ(
      csv,
      "id,article,sentence,date,date_precision,date_source,language,source_code,source_text,"
      "source_begin,source_end,target_code,target_text,target_begin,target_end,cameo,"
      "cameo_name,goldstein,quad_class,plover_event,plover_mode,plover_context,verb_text,"
      "verb_begin,verb_end,verb_pattern,issues,text,url,mentions,articles,languages\n"
      "5,tuoitre-en-0220,1,2026-02-19,day,text,en,VNMGOV,To Lam,88,94,USAELI,Donald Trump,118,"
      "130,041,Discuss by telephone,1,1,CONSULT,phone,,held a phone call,95,112,,,\"On "
      "February 19, To Lam held a phone call with Donald Trump.\","
      "https://example.org/en/0220,3,2,\"en,vi\"\n");
  // An empty result still has its header.
  EXPECT_EQ(Write(ExportFormat::kCsv, EventView::kRaw, {}).substr(0, 20), "id,article,sentence,");
}

TEST(ExportTest, JsonlCarriesTheMentions) {
  std::string line = Write(ExportFormat::kJsonl, EventView::kDedup, {PhoneCall()});
  nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j["id"], 5);
  EXPECT_EQ(j["mentions"], 3);
  EXPECT_EQ(j["languages"], nlohmann::json({"en", "vi"}));
  ASSERT_EQ(j["mentioned_in"].size(), 3u);
  EXPECT_EQ(j["mentioned_in"][2]["article"], "vnexpress-vi-0219");
  EXPECT_EQ(j["source"]["code"], "VNMGOV");
}

TEST(ExportTest, TableAlignsColumnsAndClipsText) {
  EventRecord r = PhoneCall();
  r.event.text = std::string(70, 'x');
  std::string table = Write(ExportFormat::kTable, EventView::kRaw, {r});
  EXPECT_EQ(table,
            "id  date        source  target  cameo  quad  goldstein  lang  article:sentence   "
            "text\n"
            "5   2026-02-19  VNMGOV  USAELI  041    1     1          en    tuoitre-en-0220:1  " +
                std::string(60, 'x') + "…\n");
}

TEST(ExportTest, FormatNames) {
  EXPECT_EQ(ParseExportFormat("gdelt"), ExportFormat::kGdelt);
  try {
    ParseExportFormat("gdelt", {ExportFormat::kTable, ExportFormat::kCsv});
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unknown --format 'gdelt' (use table, csv)");
  }
}

}  // namespace
}  // namespace dyad
