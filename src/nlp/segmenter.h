// Vietnamese word segmenter: labels each syllable as beginning a word or continuing the previous
// one (greedy, hashed averaged perceptron), with features from syllable n-grams, shapes and a
// lexicon of multi-syllable words (from the training treebank plus an optional lexicon we author).
#ifndef DYAD_SRC_NLP_SEGMENTER_H_
#define DYAD_SRC_NLP_SEGMENTER_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/perceptron.h"

namespace dyad::nlp {

// Hashed atoms of one syllable.
struct SyllableAtoms {
  uint64_t norm = 0;
  uint64_t shape = 0;
};

SyllableAtoms ComputeSyllableAtoms(std::string_view syllable);

// A set of multi-syllable words, keyed by the hash of their normalised syllable sequence.
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
  void Finish();  // sorts and deduplicates; call after the last Add
  size_t size() const { return hashes_.size(); }
  void Save(ByteWriter* out) const;
  static Lexicon Load(ByteReader* in);

 private:
  std::vector<uint64_t> hashes_;
};

// Segmenter features of syllable i given whether syllable i-1 began a word (prev_begins, -1 at
// i=0).
void SegmenterFeatures(const std::vector<SyllableAtoms>& syllables, const Lexicon& lexicon, int i,
                       int prev_label, int word_length, std::vector<uint32_t>* out);

// Beam search over begin/inside labels. `score(features, scores)` fills scores[kBegin],
// scores[kInside]. With `gold`, stops at the first syllable where no hypothesis in the beam agrees
// with gold (early update) and sets *stopped to that syllable (else to the sentence length).
// Returns the labels of the best hypothesis (up to *stopped).
template <typename ScoreFn>
std::vector<uint8_t> BeamSegment(const std::vector<SyllableAtoms>& syllables,
                                 const Lexicon& lexicon, int beam, ScoreFn score,
                                 const std::vector<int>* gold = nullptr, size_t* stopped = nullptr);

class Segmenter {
 public:
  static constexpr int kBegin = 0;
  static constexpr int kInside = 1;
  Segmenter() = default;
  Segmenter(Lexicon lexicon, PerceptronModel model, int beam)
      : lexicon_(std::move(lexicon)), model_(std::move(model)), beam_(beam) {}
  // Returns for each syllable whether it begins a new word (the first always does).
  std::vector<bool> Segment(const std::vector<SyllableAtoms>& syllables) const;
  const Lexicon& lexicon() const { return lexicon_; }
  void Save(ByteWriter* out) const;
  static Segmenter Load(ByteReader* in);
  size_t num_features() const { return model_.num_features(); }

 private:
  Lexicon lexicon_;
  PerceptronModel model_;
  int beam_ = 1;
};

template <typename ScoreFn>
std::vector<uint8_t> BeamSegment(const std::vector<SyllableAtoms>& syllables,
                                 const Lexicon& lexicon, int beam, ScoreFn score,
                                 const std::vector<int>* gold, size_t* stopped) {
  struct Hypothesis {
    std::vector<uint8_t> labels;
    double score;
    int length;
    bool matches_gold;
  };
  const size_t n = syllables.size();
  std::vector<Hypothesis> current{{{0}, 0.0, 1, true}}, next;
  std::vector<uint32_t> features;
  if (stopped) *stopped = n;
  for (size_t i = 1; i < n; ++i) {
    next.clear();
    for (const Hypothesis& h : current) {
      SegmenterFeatures(syllables, lexicon, static_cast<int>(i), h.labels.back(), h.length,
                        &features);
      double scores[2] = {0, 0};
      score(features, scores);
      for (int label = 0; label < 2; ++label) {
        Hypothesis e{h.labels, h.score + scores[label], label == 0 ? 1 : h.length + 1,
                     h.matches_gold && gold && (*gold)[i] == label};
        e.labels.push_back(static_cast<uint8_t>(label));
        next.push_back(std::move(e));
      }
    }
    // Stable order: score, then labels, so that ties never depend on the sort implementation.
    std::sort(next.begin(), next.end(), [](const Hypothesis& a, const Hypothesis& b) {
      return a.score != b.score ? a.score > b.score : a.labels < b.labels;
    });
    if (next.size() > static_cast<size_t>(beam)) next.resize(beam);
    current.swap(next);
    if (gold) {
      bool any = false;
      for (const Hypothesis& h : current) any = any || h.matches_gold;
      if (!any) {
        if (stopped) *stopped = i + 1;
        return current.front().labels;
      }
    }
  }
  return current.front().labels;
}

struct SegmenterTrainOptions {
  int iterations = 10;
  int lexicon_folds = 5;
  int beam = 1;  // 1: greedy decisions trained one by one; >1: beam search, early update  //
                 // training features see a lexicon built without their own fold
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
