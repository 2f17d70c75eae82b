// End-to-end tests of the dyad binary: commands, bad input handling, the database.
#include <gtest/gtest.h>

#include <fstream>

#include "dyad/store/store.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::ReadFile;
using testing_util::RunDyad;
using testing_util::SharedDataDir;
using testing_util::TempDir;

int64_t CountRows(const std::string& db, const std::string& table) {
  Store store(db);
  sqlite::Statement st(store.handle(), "SELECT COUNT(*) FROM " + table);
  st.Step();
  return st.Int(0);
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

TEST(CliTest, VersionAndHelp) {
  auto v = RunDyad("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, std::string("dyad ") + DYAD_VERSION + "\n");
  for (const char* cmd : {"code", "sentences"}) {
    auto h = RunDyad(std::string(cmd) + " --help");
    EXPECT_EQ(h.exit_code, 0) << cmd;
    EXPECT_NE(h.out.find("Usage:"), std::string::npos) << cmd;
  }
  auto code = RunDyad("code --help");
  for (const char* opt : {"--format", "--db", "--threads", "--input-format"})
    EXPECT_NE(code.out.find(opt), std::string::npos) << opt;
  auto bad = RunDyad("code --format xml " + std::string(DYAD_SOURCE_DIR) + "/examples");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "dyad: error: unknown output format 'xml' (use jsonl, csv or tsv)\n");
}

TEST(CliTest, SeedArticlesSplitIntoTheRightSentences) {
  std::string shared = SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data is absent; seed test skipped";
  auto r = RunDyad("sentences " + shared + "/seeds");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  std::vector<std::string> headers;
  for (const std::string& l : lines)
    if (l.rfind("# article", 0) == 0) headers.push_back(l);
  EXPECT_EQ(headers,
            (std::vector<std::string>{
                "# article 000_d3ce5415b2230e94 date 2026-02-20 language en sentences 12",
                "# article 001_821a11cf14f0896b date - language vi sentences 10",
                "# article 002_f336ebd3020847a2 date 2023-04-16 language en sentences 7"}));
  // Pinned by eye: the caption, the photo credit and the first body sentence of the first article.
  EXPECT_EQ(lines[1],
            "0\ten\t26\tGeneral Secretary of the Communist Party of Vietnam To Lam (centre) holds "
            "phone talks with former US Senator Patrick Leahy on February 19.");
  EXPECT_EQ(lines[2], "1\ten\t3\tPhoto: VNA");
  EXPECT_TRUE(StartsWith(lines[3],
                         "2\ten\t53\tGeneral Secretary of the Communist Party of "
                         "Vietnam To Lam held phone talks"));
  EXPECT_TRUE(EndsWith(lines[12], "for the benefit of future generations./.")) << lines[12];
  // The Vietnamese article: the reception sentence and the photo credit are separate sentences.
  EXPECT_EQ(lines[15],
            "1\tvi\t14\tTổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Mỹ Michael DeSombre.");
  EXPECT_EQ(lines[16], "2\tvi\t5\t(Ảnh: TTXVN)");
  // The 2023 article: "April 15." ends the second sentence.
  EXPECT_TRUE(StartsWith(lines[26], "1\ten\t35\tParty General Secretary Nguyen Phu Trong hailed"));
  EXPECT_TRUE(EndsWith(lines[26], "US Secretary of State, in Hanoi on April 15.")) << lines[26];
}

// Writes a batch with every kind of bad input next to good articles.
std::string MakeBadBatch(const TempDir& tmp) {
  tmp.Write("in/good_en.txt", " date 2026-02-20 Vietnam and the US held talks in Hanoi.\n");
  tmp.Write("in/good_vi.txt", "Tổng Bí thư tiếp Đại sứ Mỹ tại Hà Nội.\n");
  tmp.Write("in/empty.txt", "");
  tmp.Write("in/junk.txt", std::string("\x7f"
                                       "ELF\x02\x01\x01\x00\x00\x00",
                                       10));
  tmp.Write("in/bad_utf8.txt", "Hanoi \xff\xfe hosted talks.\n");
  tmp.Write("in/bad_date.txt", " date 2026-13-45 Seoul protested.\n");
  tmp.Write("in/feed.jsonl",
            "{\"id\":\"j1\",\"text\":\"Japan thanked Vietnam.\"}\n{\"id\":\"j2\",\"text\":\n"
            "{\"id\":\"j3\",\"text\":\"Laos hosted Cambodia.\"}\n");
  tmp.Write("in/broken.xml", "<Sentences><Sentence id=\"x1\"><Text>Unclosed</Sentences>");
  std::string huge(50u << 20, 'a');
  for (size_t i = 0; i < huge.size(); i += 8) huge[i] = ' ';
  tmp.Write("in/huge.txt", huge);
  return tmp.File("in");
}

TEST(CliTest, BadInputIsReportedAndTheRestOfTheBatchIsStored) {
  TempDir tmp;
  std::string dir = MakeBadBatch(tmp);
  std::string db = tmp.File("x.db");
  auto r = RunDyad("code --db " + db + " " + dir);
  EXPECT_EQ(r.exit_code, 3) << r.err;  // some input was rejected
  auto has = [&](const std::string& needle) { return r.err.find(needle) != std::string::npos; };
  EXPECT_TRUE(has("dyad: error: " + dir + "/empty.txt: empty article (no text)\n")) << r.err;
  EXPECT_TRUE(has("dyad: error: " + dir + "/junk.txt: byte 7: binary data, not a text article"))
      << r.err;
  EXPECT_TRUE(has("dyad: warning: " + dir + "/bad_utf8.txt:1: invalid UTF-8 at byte 6; replaced"))
      << r.err;
  EXPECT_TRUE(has("dyad: warning: " + dir + "/bad_date.txt:1: unknown date '2026-13-45'")) << r.err;
  EXPECT_TRUE(has("dyad: error: " + dir + "/feed.jsonl:2: malformed JSON")) << r.err;
  EXPECT_TRUE(has("dyad: error: " + dir + "/broken.xml:1: malformed XML")) << r.err;
  EXPECT_TRUE(has("dyad: error: " + dir + "/huge.txt: article 'huge' has 52428800 bytes of text"))
      << r.err;
  EXPECT_TRUE(has("dyad: 6 articles,")) << r.err;
  // good_en, good_vi, bad_utf8 (repaired), bad_date (undated), j1, j3.
  EXPECT_EQ(CountRows(db, "articles"), 6);
  Store store(db);
  sqlite::Statement st(
      store.handle(),
      "SELECT group_concat(id || '=' || COALESCE(date, '-') || '/' || language, ' ')"
      " FROM (SELECT * FROM articles ORDER BY id)");
  st.Step();
  EXPECT_EQ(st.Text(0),
            "bad_date=-/en bad_utf8=-/en good_en=2026-02-20/en good_vi=-/vi j1=-/en j3=-/en");
}

TEST(CliTest, ReingestingTheSameInputsAddsNothing) {
  TempDir tmp;
  std::string db = tmp.File("x.db");
  std::string examples = std::string(DYAD_SOURCE_DIR) + "/examples";
  auto first = RunDyad("code --db " + db + " " + examples);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  int64_t articles = CountRows(db, "articles"), sentences = CountRows(db, "sentences"),
          events = CountRows(db, "events");
  EXPECT_EQ(articles, 9);
  EXPECT_EQ(sentences, 23);
  EXPECT_GE(events, 1);  // the parsed example codes without models
  auto again = RunDyad("code --db " + db + " " + examples);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 new, 0 replaced, 9 unchanged"), std::string::npos) << again.err;
  EXPECT_EQ(CountRows(db, "articles"), articles);
  EXPECT_EQ(CountRows(db, "sentences"), sentences);
  EXPECT_EQ(CountRows(db, "events"), events);
}

TEST(CliTest, CodesASuppliedParseWithOurDictionaries) {
  auto r = RunDyad("code --format csv " + std::string(DYAD_SOURCE_DIR) +
                   "/examples/phone_call_parsed.conllu");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[1],
            "ex-parsed-phone-call,0,2025-03-03,day,text,en,VNMGOV,Bui Thanh Son,28,41,USAGOV,Marco "
            "Rubio,86,97,041,Discuss by telephone,1,1,CONSULT,phone,,held phone talks with,42,63,"
            "hold: * &PHONE &PHONECALL with +,,\"Vietnamese Foreign Minister Bui Thanh Son held "
            "phone talks with US Secretary of State Marco Rubio on March 3, 2025.\"");
  auto explain =
      RunDyad("explain " + std::string(DYAD_SOURCE_DIR) + "/examples/phone_call_parsed.conllu");
  EXPECT_EQ(explain.exit_code, 0);
  EXPECT_NE(explain.out.find("  actors: [Vietnamese Foreign Minister]=VNMGOV (Vietnam) [Bui Thanh "
                             "Son]=VNMGOV (Bui Thanh Son)"),
            std::string::npos)
      << explain.out;
  EXPECT_NE(explain.out.find("  event: VNMGOV 041 USAGOV (hold: * &PHONE &PHONECALL with +, date "
                             "2025-03-03 from text)"),
            std::string::npos);
}

TEST(CliTest, ValidatesPetrarchUnitTestRecords) {
  std::string shared = SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data is absent; validation test skipped";
  auto r = RunDyad("validate " + shared + "/universalpetrarch/PETR.UnitTest.records.ud.xml" +
                   " --dict-dir " + shared + "/petrarch2 --verbs " + shared +
                   "/universalpetrarch/PETR.Validate.verbs.2.0.txt");
  EXPECT_EQ(r.exit_code, 3);  // some records fail
  auto lines = Lines(r.out);
  ASSERT_GE(lines.size(), 2u);
  // Pinned: raise these figures when the coder improves.
  EXPECT_EQ(lines[lines.size() - 2],
            "gold events found 294/345 (85.2%), extra events 22 in 20 records");
  EXPECT_EQ(lines.back(), "239 passed, 42 failed");
}

TEST(CliTest, ReadsStandardInput) {
  TempDir tmp;
  std::string in = tmp.Write(
      "in.jsonl", "{\"id\":\"s1\",\"text\":\"One.\"}\n{\"id\":\"s2\",\"text\":\"Two.\"}\n");
  auto r = RunDyad("sentences --input-format jsonl", in);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "# article s1 date - language en sentences 1\n0\ten\t2\tOne.\n"
            "# article s2 date - language en sentences 1\n0\ten\t2\tTwo.\n");
  auto text = RunDyad("sentences", tmp.Write("plain", "Vietnam hosted talks. Laos agreed."));
  EXPECT_EQ(text.out,
            "# article stdin date - language en sentences 2\n0\ten\t4\tVietnam hosted talks.\n"
            "1\ten\t3\tLaos agreed.\n");
}

}  // namespace
}  // namespace dyad
