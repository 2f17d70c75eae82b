// Vietnamese word segmenter: labels each syllable as beginning a word or continuing the previous
// one (greedy, hashed averaged perceptron), with features from syllable n-grams, shapes and a
// lexicon of multi-syllable words (from the training treebank plus an optional lexicon we author).
#ifndef DYAD_SRC_NLP_SEGMENTER_H_
#define DYAD_SRC_NLP_SEGMENTER_H_

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

 private:
  Lexicon lexicon_;
  PerceptronModel model_;
};

struct SegmenterTrainOptions {
  int iterations = 10;
  int lexicon_folds = 5;  // training features see a lexicon built without their own fold
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
