// End-to-end tests of `dyad query`, `dyad timeline` and `dyad export` on the hand-made VNM-USA
// database (src/query/query_test_util.h), including reading the exports with pandas.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "dyad/store/store.h"
#include "query/query_test_util.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::ReadFile;
using testing_util::RunDyad;
using testing_util::TempDir;

class DbCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = tmp_.File("events.db");
    Store store(db_);
    testing_util::FillTestStore(store);
    // A fixed ingestion time, so GDELT's DATEADDED is reproducible.
    sqlite3_exec(store.handle(), "UPDATE articles SET ingested_at = '2026-02-20T08:15:00Z'",
                 nullptr, nullptr, nullptr);
  }
  testing_util::CommandResult Dyad(const std::string& args) {
    return RunDyad(args + " --db " + db_);
  }
  TempDir tmp_;
  std::string db_;
};

TEST_F(DbCliTest, HelpListsEveryOption) {
  for (const char* cmd : {"query", "timeline", "export"}) {
    auto h = RunDyad(std::string(cmd) + " --help");
    EXPECT_EQ(h.exit_code, 0) << cmd;
    for (const char* opt : {"--db", "--source", "--target", "--dyad", "--from", "--to", "--code",
                            "--quad", "--language", "--text", "--events", "--format"})
      EXPECT_NE(h.out.find(opt), std::string::npos) << cmd << " " << opt;
  }
  EXPECT_NE(RunDyad("timeline --help").out.find("--chart"), std::string::npos);
  EXPECT_NE(RunDyad("timeline --help").out.find("--by"), std::string::npos);
  EXPECT_NE(RunDyad("query --help").out.find("--limit"), std::string::npos);
}

TEST_F(DbCliTest, QueryDedupTable) {
  auto r = Dyad("query --dyad VNM-USA --events dedup --to 2026-03");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "id  date        source  target  cameo  quad  goldstein  mentions  languages  "
            "article:sentence     text\n"
            "5   2026-02-19  VNMGOV  USAELI  041    1     1          3         en,vi      "
            "tuoitre-en-0220:1    On February 19, To Lam held a phone call with Donald Trump.\n"
            "2   2026-02-20  USAGOV  VNMGOV  036    1     4          1         en         "
            "tuoitre-en-0220:2    Washington said it wanted to meet Hanoi's leaders soon.\n"
            "6   2026-02-21  VNMGOV  USAELI  041    1     1          1         en         "
            "reuters-en-0222:0    The two leaders spoke by phone again on Saturday, February 2…\n"
            "3   2026-03-09  USAMIL  VNM     042    1     1.9        1         en         "
            "vnexpress-en-0305:1  A US destroyer visited Cam Ranh Bay on March 9.\n");
}

TEST_F(DbCliTest, QueryRawCsvWithTextAndCode) {
  auto r = Dyad("query --text phone --code 041 --format csv --source VNM");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string header = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(header.substr(0, 24), "id,article,sentence,date");
  EXPECT_EQ(
      r.out.substr(header.size() + 1),
      "2,tuoitre-en-0220,1,2026-02-19,day,text,en,VNMGOV,To Lam,88,94,USAELI,Donald Trump,118,"
      "130,041,Discuss by telephone,1,1,CONSULT,phone,,held a phone call,95,112,,,\"On "
      "February 19, To Lam held a phone call with Donald Trump.\","
      "https://example.org/en/0220\n"
      "5,reuters-en-0222,0,2026-02-21,day,text,en,VNMGOV,The two leaders,0,15,USAELI,The two "
      "leaders,0,15,041,Discuss by telephone,1,1,CONSULT,phone,,spoke by phone,16,30,,,\"The "
      "two leaders spoke by phone again on Saturday, February 21.\",\n");
}

TEST_F(DbCliTest, TimelineByMonthBothDirections) {
  auto r = Dyad("timeline --dyad VNM-USA --by month");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "period   direction  events  quad1  quad2  quad3  quad4  goldstein_sum  "
            "goldstein_mean  net_cooperation\n"
            "2026-02  VNM>USA         4      4      0      0      0            4.0            "
            "1.00            1.000\n"
            "2026-02  USA>VNM         1      1      0      0      0            4.0            "
            "4.00            1.000\n"
            "2026-02  both            5      5      0      0      0            8.0            "
            "1.60            1.000\n"
            "2026-03  VNM>USA         0      0      0      0      0            0.0            "
            "0.00            0.000\n"
            "2026-03  USA>VNM         1      1      0      0      0            1.9            "
            "1.90            1.000\n"
            "2026-03  both            1      1      0      0      0            1.9            "
            "1.90            1.000\n"
            "2026-04  VNM>USA         0      0      0      0      0            0.0            "
            "0.00            0.000\n"
            "2026-04  USA>VNM         1      0      0      0      1           -8.0           "
            "-8.00           -1.000\n"
            "2026-04  both            1      0      0      0      1           -8.0           "
            "-8.00           -1.000\n");
  auto csv = Dyad("timeline --dyad VNM-USA --by year --events dedup --format csv");
  EXPECT_EQ(csv.out,
            "period,direction,events,quad1,quad2,quad3,quad4,goldstein_sum,goldstein_mean,"
            "net_cooperation\n"
            "2026,VNM>USA,2,2,0,0,0,2.0,1.00,1.000\n"
            "2026,USA>VNM,3,2,0,0,1,-2.1,-0.70,0.333\n"
            "2026,both,5,4,0,0,1,-0.1,-0.02,0.600\n");
}

TEST_F(DbCliTest, TimelineCharts) {
  std::string svg = tmp_.File("vnm-usa.svg");
  auto r = Dyad("timeline --dyad VNM-USA --by week --chart " + svg);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string content = ReadFile(svg);
  EXPECT_EQ(content.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(content.find("VNM – USA: events per week"), std::string::npos);
  auto pdf = Dyad("timeline --dyad VNM-USA --chart " + tmp_.File("x.pdf"));
  EXPECT_EQ(pdf.exit_code, 1);
  EXPECT_NE(pdf.err.find("the chart file must end in .svg or .png"), std::string::npos);
  std::string png = tmp_.File("vnm-usa.png");
  auto p = Dyad("timeline --dyad VNM-USA --chart " + png);
  if (std::system("command -v rsvg-convert >/dev/null 2>&1") == 0) {
    EXPECT_EQ(p.exit_code, 0) << p.err;
    EXPECT_EQ(ReadFile(png).substr(1, 3), "PNG");
  } else {
    EXPECT_EQ(p.exit_code, 1);
    EXPECT_NE(p.err.find("apt-get install librsvg2-bin"), std::string::npos) << p.err;
  }
}

TEST_F(DbCliTest, ExportsHaveTheirColumnCounts) {
  auto count_fields = [](const std::string& line) {
    return std::count(line.begin(), line.end(), '\t') + 1;
  };
  for (auto [format, columns] : {std::pair{"gdelt", 61}, {"phoenix", 26}}) {
    auto r = Dyad(std::string("export --events dedup --format ") + format);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    size_t lines = 0, pos = 0;
    while (pos < r.out.size()) {
      size_t nl = r.out.find('\n', pos);
      EXPECT_EQ(count_fields(r.out.substr(pos, nl - pos)), columns) << format;
      pos = nl + 1;
      ++lines;
    }
    EXPECT_EQ(lines, 6u) << format;
  }
  auto plover = Dyad("export --format plover --dyad VNM-CHN");
  nlohmann::json record = nlohmann::json::parse(plover.out);
  EXPECT_EQ(
      record["source"],
      nlohmann::json::parse(
          R"([{"code": "VNM", "sector": "GOV", "actor_text": "Vietnam's foreign ministry"}])"));
  EXPECT_EQ(record["recipient"],
            nlohmann::json::parse(R"([{"code": "CHN", "sector": "GOV", "actor_text": "China"}])"));
  EXPECT_EQ(record["event"], nlohmann::json::parse(R"(["ACCUSE"])"));
  EXPECT_EQ(record["quad_code"], 3);
  auto all = Dyad("export --format plover");
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 8);  // every event has a category
  EXPECT_EQ(all.err, "");
}

TEST_F(DbCliTest, ClearErrors) {
  auto missing = RunDyad("query --db " + tmp_.File("none.db"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "dyad: error: " + tmp_.File("none.db") +
                             ": no such database (create one with `dyad code --db " +
                             tmp_.File("none.db") + " ...`)\n");
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("none.db")));
  auto dyad = Dyad("timeline --dyad VNMUSA");
  EXPECT_EQ(dyad.exit_code, 1);
  EXPECT_EQ(dyad.err,
            "dyad: error: --dyad 'VNMUSA': expected two actor codes joined by '-', e.g. VNM-USA\n");
  EXPECT_NE(Dyad("query --quad 7").exit_code, 0);
  EXPECT_NE(Dyad("export --format xml").exit_code, 0);
}

// The first python3 that has pandas, or "".
std::string PythonWithPandas() {
  for (const char* py : {"python3", "/usr/bin/python3"}) {
    std::string cmd = std::string(py) + " -c 'import pandas' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return py;
  }
  return "";
}

TEST_F(DbCliTest, PandasReadsCsvGdeltAndPhoenix) {
  std::string python = PythonWithPandas();
  if (python.empty())
    GTEST_SKIP() << "python3 with pandas not found (apt-get install python3-pandas)";
  for (auto [format, file] :
       {std::pair{"csv", "e.csv"}, {"gdelt", "e.gdelt.tsv"}, {"phoenix", "e.phoenix.tsv"}}) {
    auto r = Dyad(std::string("export --events dedup --format ") + format);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    tmp_.Write(file, r.out);
  }
  // Column names for the headerless TSVs come from `dyad export`'s documented order.
  std::string script = tmp_.Write("check.py", R"py(
import sys
import pandas as pd
d = sys.argv[1]
csv = pd.read_csv(d + "/e.csv", dtype={"cameo": str})
assert list(csv.columns[:4]) == ["id", "article", "sentence", "date"], list(csv.columns)
assert list(csv.columns[-3:]) == ["mentions", "articles", "languages"]
assert csv.shape == (6, 32), csv.shape
assert str(csv["id"].dtype) == "int64" and str(csv["goldstein"].dtype) == "float64"
assert str(csv["quad_class"].dtype) == "int64" and str(csv["mentions"].dtype) == "int64"
assert csv.loc[csv["mentions"] == 3, "cameo"].tolist() == ["041"]
assert pd.to_datetime(csv["date"]).min() == pd.Timestamp("2026-02-19")
assert csv["date_precision"].tolist() == ["day"] * 6, csv["date_precision"].tolist()
assert csv["issues"].isna().all()  # no issue tags in these events: empty cells
gd_cols = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
for a in ["Actor1", "Actor2"]:
    gd_cols += [a + f for f in ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                "Type3Code"]]
gd_cols += ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
            "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
for g in ["Actor1Geo_", "Actor2Geo_", "ActionGeo_"]:
    gd_cols += [g + f for f in ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat",
                                "Long", "FeatureID"]]
gd_cols += ["DATEADDED", "SOURCEURL"]
assert len(gd_cols) == 61
gd = pd.read_csv(d + "/e.gdelt.tsv", sep="\t", header=None, names=gd_cols,
                 dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
assert gd.shape == (6, 61), gd.shape
for c in ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "QuadClass", "NumMentions",
          "NumArticles", "DATEADDED", "IsRootEvent"]:
    assert str(gd[c].dtype) == "int64", (c, gd[c].dtype)
for c in ["FractionDate", "GoldsteinScale"]:
    assert str(gd[c].dtype) == "float64", (c, gd[c].dtype)
row = gd[gd["NumMentions"] == 3].iloc[0]
assert (row["SQLDATE"], row["Actor1Code"], row["Actor2CountryCode"], row["EventCode"],
        row["EventRootCode"]) == (20260219, "VNMGOV", "USA", "041", "04"), row
assert gd["DATEADDED"].unique().tolist() == [20260220081500]
ph_cols = ["EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
           "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
           "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
           "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
           "SentenceID", "URLs", "NewsSources"]
ph = pd.read_csv(d + "/e.phoenix.tsv", sep="\t", header=None, names=ph_cols,
                 dtype={"EventCode": str, "EventRootCode": str})
assert ph.shape == (6, 26), ph.shape
for c in ["EventID", "Date", "Year", "Month", "Day", "QuadClass"]:
    assert str(ph[c].dtype) == "int64", (c, ph[c].dtype)
assert str(ph["GoldsteinScore"].dtype) == "float64"
assert ph["SourceActorEntity"].tolist().count("VNM") == 3, ph["SourceActorEntity"].tolist()
print("pandas ok")
)py");
  std::string out = tmp_.File("py.out");
  int rc = std::system(
      (python + " " + script + " " + tmp_.path().string() + " >" + out + " 2>&1").c_str());
  EXPECT_EQ(rc, 0) << ReadFile(out);
  EXPECT_EQ(ReadFile(out), "pandas ok\n");
}

}  // namespace
}  // namespace dyad
