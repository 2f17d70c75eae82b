#include "dyad/ontology/petrarch_algebra.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "dyad/core/error.h"

namespace dyad {
namespace {

// A small table in PICO's layout, written for this test.
constexpr char kTable[] =
    "# comment line\n"
    "\n"
    "010:0x1000#Make Public Statement\n"
    "011:0x1000-0xFFFF\n"
    "042:0xB002\n"
    "050:0x0080#DiplomaticCoop\n"
    "110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n"
    "122:-0xFFFF+0x2040+0x300# The 0x300 mask makes these not code\n"
    "           # a comment on its own line\n"
    "---:0\n";

TEST(PetrarchAlgebraTest, ParsesSumsAndSkipsComments) {
  PetrarchCodeAlgebra a = PetrarchCodeAlgebra::Parse(kTable, "t.txt");
  EXPECT_EQ(a.size(), 7u);
  EXPECT_EQ(a.Values("110"), (std::vector<int64_t>{0x1007F, 0x1007F, 0x7000}));
  EXPECT_EQ(a.Values("011"), (std::vector<int64_t>{0x1000 - 0xFFFF}));
  EXPECT_EQ(a.Values("122"), (std::vector<int64_t>{-0xFFFF + 0x2040 + 0x300}));
  EXPECT_TRUE(a.Values("999").empty());
  EXPECT_EQ(a.CodeOf(0x7000), "110");
  EXPECT_EQ(a.CodeOf(0x1234), std::nullopt);
}

TEST(PetrarchAlgebraTest, NegationSubtractsFfff) {
  PetrarchCodeAlgebra a = PetrarchCodeAlgebra::Parse(kTable, "t.txt");
  EXPECT_EQ(a.Negate("110"), "050");         // not disapproving is cooperating
  EXPECT_EQ(a.Negate("010"), "011");         // not commenting is declining to comment
  EXPECT_EQ(a.Negate("042"), std::nullopt);  // not visiting is no event
  EXPECT_EQ(a.Negate("050"), std::nullopt);
  EXPECT_EQ(a.Negate("777"), std::nullopt);
}

TEST(PetrarchAlgebraTest, MalformedLinesNameFileAndLine) {
  try {
    PetrarchCodeAlgebra::Parse("010:0x1000\n020 0x2000\n", "pico.txt");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "pico.txt:2: expected CODE:VALUE, e.g. 050:0x0080");
  }
  EXPECT_THROW(PetrarchCodeAlgebra::Parse("010:zzz\n", "p"), InputError);
  EXPECT_THROW(PetrarchCodeAlgebra::Parse("010:0x1\n010:0x2\n", "p"), InputError);
  EXPECT_THROW(PetrarchCodeAlgebra::Load("/nonexistent/pico.txt"), ResourceError);
}

TEST(PetrarchAlgebraTest, ReadsPetrarchsOwnFile) {
  const std::string path = std::string(DYAD_SOURCE_DIR) +
                           "/../shared/data/universalpetrarch/PETR.Internal.Coding.Ontology.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not available";
  PetrarchCodeAlgebra a = PetrarchCodeAlgebra::Load(path);
  EXPECT_GT(a.size(), 250u);
  EXPECT_EQ(a.Negate("110"), "050");
  EXPECT_EQ(a.Negate("170"), "057");
  EXPECT_EQ(a.Negate("040"), std::nullopt);
}

}  // namespace
}  // namespace dyad
