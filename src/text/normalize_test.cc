#include "dyad/text/normalize.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(NormalizeTest, NfcComposes) {
  // "Việt" written with combining marks becomes the precomposed form.
  EXPECT_EQ(NormalizeNfc("Vie\xCC\xA3\xCC\x82t"), "Vi\xE1\xBB\x87t");
  EXPECT_EQ(NormalizeNfc("plain ascii"), "plain ascii");
}

TEST(NormalizeTest, InvalidUtf8IsReplacedAndLocated) {
  size_t bad = 0;
  std::string out = NormalizeNfc(
      "ab\xFF"
      "cd",
      &bad);
  EXPECT_EQ(bad, 2u);
  EXPECT_EQ(out,
            "ab\xEF\xBF\xBD"
            "cd");
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_TRUE(IsValidUtf8("Tô Lâm"));
}

TEST(NormalizeTest, VietnameseTonePlacementIsUnified) {
  EXPECT_EQ(NormalizeVietnameseTones("hoà bình"), "hòa bình");
  EXPECT_EQ(NormalizeVietnameseTones("thuý"), "thúy");
  EXPECT_EQ(NormalizeVietnameseTones("hòa"), "hòa");
  EXPECT_EQ(NormalizeVietnameseTones("hoàn toàn"), "hoàn toàn");  // final consonant: second vowel
  EXPECT_EQ(NormalizeVietnameseTones("quý"), "quý");              // qu onset
  EXPECT_EQ(NormalizeVietnameseTones("người"), "người");          // quality mark wins
  EXPECT_EQ(NormalizeVietnameseTones("khuỷu"), "khuỷu");
  EXPECT_EQ(NormalizeVietnameseTones("Hoá"), "Hóa");
  EXPECT_EQ(NormalizeVietnameseTones("U.S. talks"), "U.S. talks");
}

TEST(NormalizeTest, FoldingForLookups) {
  EXPECT_EQ(FoldForMatch("Tổng  Bí\tthư"), "tổng bí thư");
  EXPECT_EQ(FoldForMatch("Vietnam\xE2\x80\x99s"), "vietnam's");
  EXPECT_EQ(FoldWithoutDiacritics("Tô Lâm"), "to lam");
  EXPECT_EQ(FoldWithoutDiacritics("Đảng Cộng sản Việt Nam"), "dang cong san viet nam");
  EXPECT_EQ(FoldWithoutDiacritics("Hoà"), FoldWithoutDiacritics("Hòa"));
}

// Folding remembers short non-ASCII inputs per thread and forgets them all when it holds 32,768:
// results stay right across that, whether remembered, recomputed or too long to be kept.
TEST(NormalizeTest, FoldingIsTheSameFromItsMemo) {
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < 40000; ++i) {
      const std::string n = std::to_string(i);
      ASSERT_EQ(FoldForMatch("Hoà " + n), "hòa " + n) << "pass " << pass;
      ASSERT_EQ(FoldWithoutDiacritics("Đà " + n), "da " + n) << "pass " << pass;
    }
  }
  const std::string long_name = "Đảng Cộng sản Việt Nam và Quốc hội Việt Nam";  // over 48 bytes
  EXPECT_EQ(FoldForMatch(long_name), "đảng cộng sản việt nam và quốc hội việt nam");
  EXPECT_EQ(FoldForMatch(long_name), FoldForMatch(long_name));
}

}  // namespace
}  // namespace dyad
