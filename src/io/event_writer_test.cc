#include "dyad/io/event_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad {
namespace {

Event Sample() {
  Event e;
  e.article = "000_x";
  e.sentence = 2;
  e.date = Date::Parse("2026-02-19");
  e.date_source = DateSource::kText;
  e.language = "en";
  e.source = {"VNMGOV", "To Lam", {10, 16}, "To Lam"};
  e.target = {"USAELI", "Patrick Leahy", {40, 53}, "Patrick Leahy"};
  e.cameo = "041";
  e.cameo_name = "Discuss by telephone";
  e.goldstein = 1.0;
  e.quad_class = 1;
  e.plover = {"CONSULT", "phone", ""};
  e.verb_text = "held phone talks";
  e.verb_span = {17, 33};
  e.verb_pattern = "hold phone talks with +";
  e.text = "To Lam held phone talks with \"Leahy\", a friend.";
  e.issues = {"MARITIME"};
  return e;
}

TEST(EventWriterTest, JsonRecordHasTheDocumentedShape) {
  std::ostringstream out;
  EventWriter w(out, EventFormat::kJsonl);
  w.Write(Sample());
  w.Finish();
  EXPECT_EQ(
      out.str(),
      R"({"article":"000_x","cameo":"041","cameo_name":"Discuss by telephone","date":"2026-02-19","date_precision":"day","date_source":"text","goldstein":1.0,"issues":["MARITIME"],"language":"en","plover":{"context":"","event":"CONSULT","mode":"phone"},"quad_class":1,"sentence":2,"source":{"code":"VNMGOV","span":[10,16],"text":"To Lam"},"target":{"code":"USAELI","span":[40,53],"text":"Patrick Leahy"},"text":"To Lam held phone talks with \"Leahy\", a friend.","verb":{"pattern":"hold phone talks with +","span":[17,33],"text":"held phone talks"}})"
      "\n");
  Event undated = Sample();
  undated.date.reset();
  undated.date_source = DateSource::kNone;
  auto j = EventToJson(undated);
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_TRUE(j["date_source"].is_null());
  EXPECT_TRUE(j["date_precision"].is_null());
  Event month = Sample();
  month.date->precision = DatePrecision::kMonth;
  EXPECT_EQ(EventToJson(month)["date_precision"], "month");
}

TEST(EventWriterTest, CsvQuotesAndTsvFlattens) {
  std::ostringstream csv;
  EventWriter c(csv, EventFormat::kCsv);
  c.Write(Sample());
  c.Finish();
  std::string expected_header =
      "article,sentence,date,date_precision,date_source,language,source_code,source_text,"
      "source_begin,source_end,target_code,target_text,target_begin,target_end,cameo,cameo_name,"
      "goldstein,quad_class,plover_event,plover_mode,plover_context,verb_text,verb_begin,verb_end,"
      "verb_pattern,issues,text\n";
  EXPECT_EQ(csv.str(), expected_header +
                           "000_x,2,2026-02-19,day,text,en,VNMGOV,To Lam,10,16,USAELI,Patrick "
                           "Leahy,40,53,041,Discuss by telephone,1,1,CONSULT,phone,,held phone "
                           "talks,17,33,hold phone talks with +,MARITIME,\"To Lam held phone talks "
                           "with \"\"Leahy\"\", "
                           "a friend.\"\n");
  std::ostringstream empty;
  EventWriter e(empty, EventFormat::kCsv);
  e.Finish();
  EXPECT_EQ(empty.str(), expected_header);  // a header even with no events
  std::ostringstream tsv;
  EventWriter t(tsv, EventFormat::kTsv);
  Event multi = Sample();
  multi.text = "a\tb\nc";
  multi.issues = {"MARITIME", "TRADE"};
  t.Write(multi);
  std::string line = tsv.str();
  EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 26);
  EXPECT_EQ(line.substr(line.size() - 22), "\tMARITIME;TRADE\ta b c\n");
}

}  // namespace
}  // namespace dyad
