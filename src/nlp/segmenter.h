// Vietnamese word segmenter: labels each syllable as beginning a word or continuing the previous
// one, with a hashed averaged perceptron over syllable n-grams, shapes, syllable and syllable-pair
// statistics, and matches in a lexicon of multi-syllable words (from the training treebank plus an
// optional lexicon we author). Decoding is exact (Viterbi): the features of a syllable depend on
// the labels before it only through the length of the word it would continue, and lengths past
// kMaxLength look alike, so a handful of states per syllable covers every segmentation.
#ifndef DYAD_SRC_NLP_SEGMENTER_H_
#define DYAD_SRC_NLP_SEGMENTER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nlp/perceptron.h"

namespace dyad::nlp {

// Hashed atoms of one syllable.
struct SyllableAtoms {
  uint64_t norm = 0;
  uint64_t shape = 0;
  // Coarse class: 1 lower case, 2 capitalised, 3 all capitals, 4 digits, 5 other (punctuation).
  uint64_t case_class = 0;
  // Letter syllables: hashes of the onset (initial consonants) and the rest, without diacritics;
  // 0 otherwise.
  uint64_t onset = 0;
  uint64_t rhyme = 0;
};

SyllableAtoms ComputeSyllableAtoms(std::string_view syllable);

// A set of multi-syllable words, keyed by the hash of their normalised syllable sequence, and
// statistics of syllables and syllable pairs (how often they sit inside words).
class Lexicon {
 public:
  static constexpr int kMaxSyllables = 6;
  // Adds a word given as normalised syllable hashes (ignored when shorter than 2 or too long).
  void Add(const std::vector<uint64_t>& syllables);
  // Adds a word written with spaces between syllables ("Tổng bí thư").
  void AddWord(std::string_view word);
  bool Contains(uint64_t sequence_hash) const;
  // The hash of syllables [begin, end) as used by Add and Contains.
  static uint64_t SequenceHash(const SyllableAtoms* syllables, int begin, int end);
  // Records one occurrence of a syllable: whether it was a word by itself, whether it continued
  // the previous syllable's word, whether the next syllable continued its word.
  void CountSyllable(uint64_t syllable, bool alone, bool continues, bool continued);
  // Records one occurrence of two adjacent syllables, and whether they were in one word.
  void CountPair(uint64_t first, uint64_t second, bool same_word);
  // Small numbers classing those shares for a syllable (0 = syllable never seen).
  struct SyllableBuckets {
    uint64_t alone = 0, continues = 0, continued = 0;
  };
  SyllableBuckets Buckets(uint64_t syllable) const;
  // The class of the share of a pair's occurrences inside one word (0 = pair never seen).
  uint64_t PairBucket(uint64_t first, uint64_t second) const;
  void Finish();  // sorts, deduplicates and buckets; call after the last Add / Count*
  size_t size() const { return hashes_.size(); }
  void Save(ByteWriter* out) const;
  static Lexicon Load(ByteReader* in);

 private:
  static uint64_t PairKey(uint64_t first, uint64_t second);
  struct Counts {
    uint32_t alone = 0, continues = 0, continued = 0, total = 0;
  };
  std::vector<uint64_t> hashes_;           // sorted
  std::vector<uint64_t> syllable_keys_;    // sorted
  std::vector<uint8_t> syllable_buckets_;  // 3 per syllable key: alone, continues, continued
  std::vector<uint64_t> pair_keys_;        // sorted
  std::vector<uint8_t> pair_buckets_;
  std::map<uint64_t, Counts> syllable_counts_;                     // while building
  std::map<uint64_t, std::pair<uint32_t, uint32_t>> pair_counts_;  // (inside, total)
};

// What the features of one sentence need that does not depend on the labels: syllable atoms,
// statistics and lexicon matches, computed once per sentence.
struct SegmenterSentence {
  std::vector<SyllableAtoms> syllables;
  std::vector<Lexicon::SyllableBuckets> buckets;
  std::vector<uint64_t> pair_bucket;  // [i]: of the pair (i-1, i); [0] unused
  // [b] bit (len - 2): syllables [b, b + len) are a lexicon word (2 <= len <= kMaxSyllables).
  std::vector<uint8_t> words_from;
};

void PrepareSentence(const std::vector<SyllableAtoms>& syllables, const Lexicon& lexicon,
                     SegmenterSentence* out);

// States of the decoder: the length of the word that syllable i-1 ends so far; lengths of
// kMaxLength and more share one state (no feature tells them apart).
inline constexpr int kMaxLength = 6;

// Features of the boundary before syllable i (1 <= i < n):
// those that do not depend on earlier labels,
void SegmenterStaticFeatures(const SegmenterSentence& s, int i, std::vector<uint32_t>* out);
// those that depend on whether syllable i-1 began a word (prev_label: kBegin or kInside),
void SegmenterPrevFeatures(const SegmenterSentence& s, int i, int prev_label,
                           std::vector<uint32_t>* out);
// and those that depend on the state `length` (1..kMaxLength).
void SegmenterLengthFeatures(const SegmenterSentence& s, int i, int length,
                             std::vector<uint32_t>* out);

// The best labels (labels[0] = kBegin) under `score(features, scores)`, which adds the weights of
// `features` for both labels to scores[0..1] (Score is int64_t or double). Ties go to the lower
// state and to kBegin, so decoding is deterministic.
template <typename Score, typename ScoreFn>
std::vector<uint8_t> ViterbiSegment(const SegmenterSentence& s, ScoreFn score);

class Segmenter {
 public:
  static constexpr int kBegin = 0;
  static constexpr int kInside = 1;
  Segmenter() = default;
  Segmenter(Lexicon lexicon, PerceptronModel model)
      : lexicon_(std::move(lexicon)), model_(std::move(model)) {}
  // Returns for each syllable whether it begins a new word (the first always does).
  std::vector<bool> Segment(const std::vector<SyllableAtoms>& syllables) const;
  const Lexicon& lexicon() const { return lexicon_; }
  void Save(ByteWriter* out) const;
  static Segmenter Load(ByteReader* in);
  size_t num_features() const { return model_.num_features(); }
  size_t memory_bytes() const { return model_.memory_bytes(); }

 private:
  Lexicon lexicon_;
  PerceptronModel model_;
};

template <typename Score, typename ScoreFn>
std::vector<uint8_t> ViterbiSegment(const SegmenterSentence& s, ScoreFn score) {
  const int n = static_cast<int>(s.syllables.size());
  std::vector<uint8_t> labels(n, Segmenter::kBegin);
  if (n <= 1) return labels;
  // best[l]: the best score of labels[0..i-1] whose last word has length l so far; from[i][l]:
  // the state at i-1 it came from (0 = unreachable).
  Score best[kMaxLength + 1], next[kMaxLength + 1];
  bool reached[kMaxLength + 1], next_reached[kMaxLength + 1];
  std::fill(reached, reached + kMaxLength + 1, false);
  reached[1] = true;
  best[1] = 0;
  std::vector<uint8_t> from(static_cast<size_t>(n) * (kMaxLength + 1), 0);
  std::vector<uint32_t> features;
  for (int i = 1; i < n; ++i) {
    Score fixed[2] = {0, 0}, prev[2][2] = {{0, 0}, {0, 0}};
    SegmenterStaticFeatures(s, i, &features);
    score(features, fixed);
    for (int p = 0; p < 2; ++p) {
      SegmenterPrevFeatures(s, i, p, &features);
      score(features, prev[p]);
    }
    std::fill(next_reached, next_reached + kMaxLength + 1, false);
    for (int l = 1; l <= kMaxLength; ++l) {
      if (!reached[l]) continue;
      Score by_length[2] = {0, 0};
      SegmenterLengthFeatures(s, i, l, &features);
      score(features, by_length);
      const Score* p = prev[l == 1 ? Segmenter::kBegin : Segmenter::kInside];
      for (int label = 0; label < 2; ++label) {
        const Score total = best[l] + fixed[label] + p[label] + by_length[label];
        const int to = label == Segmenter::kBegin ? 1 : std::min(l + 1, kMaxLength);
        if (!next_reached[to] || total > next[to]) {
          next_reached[to] = true;
          next[to] = total;
          from[static_cast<size_t>(i) * (kMaxLength + 1) + to] = static_cast<uint8_t>(l);
        }
      }
    }
    std::copy(next, next + kMaxLength + 1, best);
    std::copy(next_reached, next_reached + kMaxLength + 1, reached);
  }
  int state = -1;
  for (int l = 1; l <= kMaxLength; ++l) {
    if (reached[l] && (state < 0 || best[l] > best[state])) state = l;
  }
  for (int i = n - 1; i >= 1; --i) {
    labels[i] = state == 1 ? Segmenter::kBegin : Segmenter::kInside;
    state = from[static_cast<size_t>(i) * (kMaxLength + 1) + state];
  }
  return labels;
}

struct SegmenterTrainOptions {
  int iterations = 10;
  // Training sentences see a lexicon and statistics built without their own fold.
  int lexicon_folds = 5;
  float prune = 0.0f;
  uint32_t seed = 1;
};

// One training sentence: its words, each written with spaces between syllables.
using SegmentedSentence = std::vector<std::string>;

// Trains on `sentences`; `extra_words` (multi-syllable words we author) join the lexicon.
Segmenter TrainSegmenter(const std::vector<SegmentedSentence>& sentences,
                         const std::vector<std::string>& extra_words,
                         const SegmenterTrainOptions& options);

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_SEGMENTER_H_
