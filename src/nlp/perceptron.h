// Multi-class averaged perceptron over hashed sparse features (32-bit feature keys).
// PerceptronTrainer learns with sparse per-feature rows and lazy averaging; Finalize() prunes small
// averaged weights, quantises the rest to int16 and returns an immutable PerceptronModel whose
// Score() is const and thread-safe.
#ifndef DYAD_SRC_NLP_PERCEPTRON_H_
#define DYAD_SRC_NLP_PERCEPTRON_H_

#include <cstdint>
#include <vector>

#include "nlp/large_array.h"
#include "nlp/model_io.h"

namespace dyad::nlp {

class PerceptronModel {
 public:
  PerceptronModel() = default;
  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  // Bytes held by the lookup layout (what a loaded model costs in memory).
  size_t memory_bytes() const;
  // Adds the weights of `features` to scores[0..num_classes). Scores are in quantised units.
  void Score(const uint32_t* features, size_t n, int32_t* scores) const;

  // REQUIRES: the model came from PerceptronTrainer::Finalize (loaded models drop what Save needs).
  void Save(ByteWriter* out) const;
  // Throws ResourceError (via `in`) on a malformed section.
  static PerceptronModel Load(ByteReader* in);

 private:
  friend class PerceptronTrainer;
  // Models with at most this many stored classes keep their weights inside the lookup slots.
  static constexpr int kMaxInlineClasses = 12;
  void BuildTable();
  // The first word of the home bucket of `key`.
  const uint32_t* HomeBucket(uint32_t key) const {
    return table_.data() + ((static_cast<uint64_t>(key) * num_buckets_) >> 32) * kBucketWords;
  }
  template <int kWords>
  void ScoreInline(const uint32_t* features, size_t n, int32_t* scores) const;
  void ScoreRows(const uint32_t* features, size_t n, int32_t* scores) const;

  int num_classes_ = 0;
  size_t num_features_ = 0;
  bool saveable_ = true;  // false once loaded: the sorted layout below is dropped after BuildTable
  std::vector<uint32_t> keys_;     // sorted feature keys
  std::vector<uint32_t> offsets_;  // keys_.size() + 1 offsets into classes_/weights_
  std::vector<uint16_t> classes_;
  std::vector<int16_t> weights_;

  // Ordered linear probing over buckets: the table is a run of 64-byte buckets (one cache line
  // each), a bucket holding up to kBucketWords / stride_ keys in its first words and their
  // payloads after them; unused key words hold kNoFeatureKey. A key's home bucket is
  // key * num_buckets_ / 2^32, which grows with the key, so inserting the sorted keys one after
  // another (each into the first bucket from its home with room, never before the previous key's)
  // fills the table in one pass and leaves the keys sorted. A lookup starts at the home bucket and
  // moves on only while the bucket's last key is smaller (the bucket is full of smaller keys); the
  // key, if stored, is then in that bucket. Filled to at most three quarters (BuildTable), nearly
  // every lookup reads one cache line and compares its keys without a branch per slot, with no
  // scan loop to mispredict. The table ends with an empty bucket.
  // Inline payloads (at most kMaxInlineClasses stored classes): the weights of classes
  // first_class_.. as int16 pairs (the 2j-th in the low half of word j), stride_ - 1 words. Row
  // payloads (one word): the index into packed_ of a sparse row, or kDense | r for row r of
  // dense_weights_: rows holding weights for a large share of the classes are stored densely
  // (num_classes int16, rows dense_stride_ apart), which turns the scattered adds into one
  // contiguous, vectorisable loop.
  static constexpr size_t kBucketWords = 16;
  static constexpr uint32_t kDense = 0x80000000u;
  uint32_t num_buckets_ = 0;  // home buckets (the table has at least one more, empty)
  int stride_ = 2;            // words per key: the key and its payload
  bool inline_ = false;
  size_t dense_stride_ = 0;  // int16 values from one dense row to the next
  int first_class_ = 0;      // inline slots: the class of the first stored weight (0 or 1)
  LargeArray<uint32_t> table_;
  LargeArray<int16_t> dense_weights_;
  // Sparse rows for scoring: [count, (class | weight << 16) x count] so one cache line holds both.
  LargeArray<uint32_t> packed_;
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}
  int num_classes() const { return num_classes_; }
  // Sets scores[0..num_classes) to the current (unaveraged) weights of `features`.
  void Score(const std::vector<uint32_t>& features, float* scores) const;
  // Moves weight towards `truth` and away from `guess` for every feature.
  void Update(const std::vector<uint32_t>& features, int truth, int guess);
  // Adds `delta` to the weight of class `cls` for every feature (structured updates).
  void Add(const std::vector<uint32_t>& features, int cls, float delta);
  // Advances the averaging clock by one training instance.
  void Tick() { ++time_; }
  // Averages, drops weights with |w| < prune, quantises to int16. With relative_to_first, every
  // feature's class-0 weight is first subtracted from all its classes: the argmax of a single
  // decision is unchanged, and class 0 then needs no storage (one weight less in every inline
  // slot). Not for scores summed over different feature sets (the segmenter's paths).
  PerceptronModel Finalize(float prune, bool relative_to_first = false) const;

 private:
  // Averaging without per-entry time stamps: `scaled` accumulates time * delta, so the average
  // weight at time T is weight - scaled / T.
  struct Entry {
    uint16_t cls;
    float weight;
    double scaled;
  };
  // Row of `key`, or -1. An open-addressing table (keys_ == 0 is empty) keeps lookups to one miss.
  int64_t Find(uint32_t key) const;
  uint32_t FindOrAdd(uint32_t key);

  int num_classes_;
  int64_t time_ = 1;
  std::vector<uint32_t> keys_;
  std::vector<uint32_t> slots_;
  uint32_t mask_ = 0;
  std::vector<std::vector<Entry>> rows_;
  std::vector<uint32_t> row_keys_;
};

// Index of the highest score among classes with valid[c] (or all when valid is null); -1 if none.
template <typename T>
int ArgMax(const T* scores, int n, const std::vector<char>* valid = nullptr) {
  int best = -1;
  for (int c = 0; c < n; ++c) {
    if (valid && !(*valid)[c]) continue;
    if (best < 0 || scores[c] > scores[best]) best = c;
  }
  return best;
}

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_PERCEPTRON_H_
