// End-to-end tests of Penn-bracketed parses: PETRARCH's own unit-test records (Stanford CoreNLP
// constituency trees) converted to dependencies, validated, and compared with the UD parses of the
// same records that UniversalPetrarch ships.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "dyad/io/readers.h"
#include "test_util.h"

namespace dyad {
namespace {

using testing_util::RunDyad;
using testing_util::SharedDataDir;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// The records of a PETRARCH XML file by id; UniversalPetrarch writes "DEMO_00" for "DEMO-00".
std::map<std::string, Article> ReadRecords(const std::string& path) {
  std::map<std::string, Article> records;
  ReadOptions options;
  options.format = InputFormat::kPetrarchXml;
  ReadPath(
      path, options,
      [&](Article&& a) {
        std::string id = a.id;
        std::replace(id.begin(), id.end(), '-', '_');
        records.emplace(id, std::move(a));
      },
      [](const InputProblem&) {});
  return records;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(PennCliTest, ValidatesPetrarchUnitTestRecordsWithTheirPennParses) {
  std::string shared = SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data is absent; Penn validation test skipped";
  auto r = RunDyad("validate " + shared + "/petrarch2/PETR.UnitTest.records.xml --dict-dir " +
                   shared + "/petrarch2 --coding-ontology " + shared +
                   "/universalpetrarch/PETR.Internal.Coding.Ontology.txt");
  EXPECT_EQ(r.exit_code, 3);  // some records fail
  auto lines = Lines(r.out);
  ASSERT_GE(lines.size(), 2u);
  // Pinned: raise these figures when the conversion or the coder improves. (dyad parsing the
  // records' text itself: 231/355, extra 58 in 48 records, 180 passed, 101 failed.)
  EXPECT_EQ(lines[lines.size() - 2],
            "gold events found 256/355 (72.1%), extra events 47 in 43 records");
  EXPECT_EQ(lines.back(), "200 passed, 81 failed");
}

TEST(PennCliTest, MalformedTreesAreReportedWithTheirLine) {
  std::string shared = SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data is absent; Penn reading test skipped";
  auto r = RunDyad("sentences " + shared + "/petrarch2/PETR.UnitTest.records.xml");
  EXPECT_NE(r.err.find("PETR.UnitTest.records.xml:11359: unbalanced brackets: this ')' closes "
                       "nothing (one ')' too many, or a '(' missing before it) (record "
                       "'ERROR-02'); the record's text is parsed by dyad instead"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("PETR.UnitTest.records.xml:11372: unbalanced brackets: the tree opening "
                       "here ends at line 11402 with 2 '(' never closed (a ')' is missing) "
                       "(record 'ERROR-03')"),
            std::string::npos)
      << r.err;
}

// The conversion against UniversalPetrarch's UD parses of the same records (produced by another
// parser from the text, so they disagree with the Penn trees on attachments too): unlabelled
// attachment over the sentences whose tokenisation agrees word for word.
TEST(PennCliTest, ConvertedTreesAgreeWithTheUdParsesOfTheSameRecords) {
  std::string shared = SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data is absent; attachment test skipped";
  auto penn = ReadRecords(shared + "/petrarch2/PETR.UnitTest.records.xml");
  auto ud = ReadRecords(shared + "/universalpetrarch/PETR.UnitTest.records.ud.xml");
  int sentences = 0, words = 0, attached = 0, content_words = 0, content_attached = 0;
  for (const auto& [id, record] : penn) {
    auto other = ud.find(id);
    if (other == ud.end()) continue;
    const auto& ours = record.given_parses;
    const auto& theirs = other->second.given_parses;
    for (size_t i = 0; i < ours.size() && i < theirs.size(); ++i) {
      const std::vector<Word>& a = ours[i].words;
      const std::vector<Word>& b = theirs[i].words;
      bool same = a.size() == b.size();
      for (size_t w = 0; same && w < a.size(); ++w) same = Lower(a[w].form) == Lower(b[w].form);
      if (!same) continue;
      ++sentences;
      for (size_t w = 0; w < a.size(); ++w) {
        bool ok = a[w].head == b[w].head;
        ++words;
        attached += ok;
        // UD v1 (theirs) hangs conjunctions and punctuation on the first conjunct, v2 (ours) on
        // the next one: count them apart.
        if (b[w].deprel != "punct" && b[w].deprel != "cc") {
          ++content_words;
          content_attached += ok;
        }
      }
    }
  }
  double uas = words ? static_cast<double>(attached) / words : 0;
  double content_uas = content_words ? static_cast<double>(content_attached) / content_words : 0;
  std::printf(
      "Penn conversion vs UD parses: %d sentences, %d words, UAS %.3f (%.3f without punct "
      "and cc)\n",
      sentences, words, uas, content_uas);
  // Pinned: raise these figures when the conversion improves.
  EXPECT_EQ(sentences, 232);
  EXPECT_EQ(words, 5059);
  EXPECT_EQ(attached, 4232);
  EXPECT_EQ(content_attached, 3942);
}

}  // namespace
}  // namespace dyad
