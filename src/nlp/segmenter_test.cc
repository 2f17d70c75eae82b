#include "nlp/segmenter.h"

#include <gtest/gtest.h>

#include "nlp/hashing.h"

namespace dyad::nlp {
namespace {

std::vector<SyllableAtoms> Syllables(const std::vector<std::string>& texts) {
  std::vector<SyllableAtoms> out;
  for (const std::string& t : texts) out.push_back(ComputeSyllableAtoms(t));
  return out;
}

// An arbitrary but fixed weight for every (feature, label).
double FakeWeight(uint32_t key, int label) {
  return static_cast<double>(Mix64(key * 2 + label) % 2001) - 1000.0;
}

// The score of a whole labelling, summing the features of every boundary as the decoder does.
double PathScore(const SegmenterSentence& s, const std::vector<uint8_t>& labels) {
  double total = 0;
  int length = 1;
  std::vector<uint32_t> features;
  for (size_t i = 1; i < labels.size(); ++i) {
    const int prev = length == 1 ? Segmenter::kBegin : Segmenter::kInside;
    for (int part = 0; part < 3; ++part) {
      if (part == 0) SegmenterStaticFeatures(s, static_cast<int>(i), &features);
      if (part == 1) SegmenterPrevFeatures(s, static_cast<int>(i), prev, &features);
      if (part == 2) SegmenterLengthFeatures(s, static_cast<int>(i), length, &features);
      for (uint32_t f : features) total += FakeWeight(f, labels[i]);
    }
    length = labels[i] == Segmenter::kBegin ? 1 : std::min(length + 1, kMaxLength);
  }
  return total;
}

TEST(SegmenterTest, ViterbiFindsTheBestOfEverySegmentation) {
  Lexicon lexicon;
  lexicon.AddWord("hà nội");
  lexicon.AddWord("thủ đô hà nội");
  lexicon.Finish();
  SegmenterSentence s;
  PrepareSentence(Syllables({"Thủ", "đô", "Hà", "Nội", "của", "Việt", "Nam", "có", "lung", "tung",
                             "xe", "máy"}),
                  lexicon, &s);
  const int n = static_cast<int>(s.syllables.size());
  std::vector<uint8_t> best =
      ViterbiSegment<double>(s, [](const std::vector<uint32_t>& features, double* scores) {
        for (uint32_t f : features) {
          scores[0] += FakeWeight(f, 0);
          scores[1] += FakeWeight(f, 1);
        }
      });
  ASSERT_EQ(best.size(), static_cast<size_t>(n));
  EXPECT_EQ(best[0], Segmenter::kBegin);
  const double best_score = PathScore(s, best);
  for (uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
    std::vector<uint8_t> labels(n, Segmenter::kBegin);
    for (int i = 1; i < n; ++i) labels[i] = (mask >> (i - 1)) & 1;
    ASSERT_LE(PathScore(s, labels), best_score + 1e-6) << "labelling " << mask << " beats Viterbi";
  }
}

TEST(SegmenterTest, PreparedSentenceMarksLexiconWordsAndReduplication) {
  Lexicon lexicon;
  lexicon.AddWord("Hà Nội");
  lexicon.AddWord("thủ đô hà nội");
  lexicon.CountPair(ComputeSyllableAtoms("hà").norm, ComputeSyllableAtoms("nội").norm, true);
  lexicon.Finish();
  SegmenterSentence s;
  PrepareSentence(Syllables({"thủ", "đô", "Hà", "Nội"}), lexicon, &s);
  EXPECT_EQ(s.words_from[0], 1u << (4 - 2));  // "thủ đô hà nội"
  EXPECT_EQ(s.words_from[2], 1u << (2 - 2));  // "hà nội", whatever the case
  EXPECT_EQ(s.words_from[1], 0u);
  EXPECT_NE(s.pair_bucket[3], 0u);  // (hà, nội) was counted
  EXPECT_EQ(s.pair_bucket[1], 0u);  // (thủ, đô) never was
  SyllableAtoms lung = ComputeSyllableAtoms("lung"), tung = ComputeSyllableAtoms("tung");
  EXPECT_EQ(lung.rhyme, tung.rhyme);
  EXPECT_NE(lung.onset, tung.onset);
  EXPECT_EQ(ComputeSyllableAtoms("Miệt").onset, ComputeSyllableAtoms("mài").onset);
  EXPECT_EQ(ComputeSyllableAtoms("2024").onset, 0u);  // digits have no onset
}

}  // namespace
}  // namespace dyad::nlp
