#include "nlp/perceptron.h"

#include <algorithm>
#include <cmath>

#include "dyad/core/error.h"
#include "nlp/hashing.h"

namespace dyad::nlp {
namespace {

// scores[c] += w[c]: written in blocks of 16 so that the compiler emits vector code at -O2.
inline void AddDense(const int16_t* w, int n, int32_t* scores) {
  int c = 0;
  for (; c + 16 <= n; c += 16) {
    int32_t block[16];
    for (int k = 0; k < 16; ++k) block[k] = scores[c + k] + w[c + k];
    for (int k = 0; k < 16; ++k) scores[c + k] = block[k];
  }
  for (; c < n; ++c) scores[c] += w[c];
}

// Prefetches every cache line of [p, p + bytes).
inline void PrefetchRange(const void* p, size_t bytes) {
  const char* c = static_cast<const char*>(p);
  for (size_t off = 0; off < bytes; off += 64) __builtin_prefetch(c + off);
  __builtin_prefetch(c + bytes - 1);
}

inline int16_t Low(uint32_t w) { return static_cast<int16_t>(w & 0xffff); }
inline int16_t High(uint32_t w) { return static_cast<int16_t>(w >> 16); }

}  // namespace

size_t PerceptronModel::memory_bytes() const {
  return table_.size() * sizeof(uint32_t) + dense_weights_.size() * sizeof(int16_t) +
         packed_.size() * sizeof(uint32_t);
}

void PerceptronModel::Score(const uint32_t* features, size_t n, int32_t* scores) const {
  if (table_.empty()) return;
  if (!inline_) return ScoreRows(features, n, scores);
  switch (stride_) {
    case 2:
      return ScoreInline<1>(features, n, scores);
    case 3:
      return ScoreInline<2>(features, n, scores);
    case 4:
      return ScoreInline<3>(features, n, scores);
    case 5:
      return ScoreInline<4>(features, n, scores);
    case 6:
      return ScoreInline<5>(features, n, scores);
    default:
      return ScoreInline<6>(features, n, scores);
  }
}

namespace {

// In the bucket at `bucket` with kSlots keys: the index of the slot holding `key`, or kSlots when
// none does (at most one does). Branch-free: the compiler turns the compares into vector code.
template <int kSlots>
inline uint32_t FindInBucket(const uint32_t* bucket, uint32_t key) {
  uint32_t found = kSlots;
  for (int j = kSlots - 1; j >= 0; --j) found = bucket[j] == key ? j : found;
  return found;
}

}  // namespace

// Features are looked up in chunks with prefetches, so that the cache misses of one chunk overlap
// instead of following each other.
template <int kWords>
void PerceptronModel::ScoreInline(const uint32_t* features, size_t n, int32_t* scores) const {
  constexpr int kSlots = static_cast<int>(kBucketWords) / (1 + kWords);
  constexpr size_t kChunk = 64;
  int32_t sum[2 * kWords] = {};
  const uint32_t* buckets[kChunk];
  for (size_t base = 0; base < n; base += kChunk) {
    const size_t m = std::min(kChunk, n - base);
    for (size_t k = 0; k < m; ++k) {
      buckets[k] = HomeBucket(features[base + k]);
      __builtin_prefetch(buckets[k]);
    }
    for (size_t k = 0; k < m; ++k) {
      const uint32_t key = features[base + k];
      const uint32_t* b = buckets[k];
      while (b[kSlots - 1] < key) b += kBucketWords;
      const uint32_t slot = FindInBucket<kSlots>(b, key);
      // A miss reads the payload words after the last slot (inside the bucket) and masks them.
      const uint32_t mask = slot < kSlots ? ~0u : 0u;
      const uint32_t* w = b + kSlots + std::min<uint32_t>(slot, kSlots - 1) * kWords;
      for (int i = 0; i < kWords; ++i) {
        const uint32_t word = w[i] & mask;
        sum[2 * i] += Low(word);
        sum[2 * i + 1] += High(word);
      }
    }
  }
  for (int c = first_class_; c < num_classes_; ++c) scores[c] += sum[c - first_class_];
}

void PerceptronModel::ScoreRows(const uint32_t* features, size_t n, int32_t* scores) const {
  constexpr int kSlots = static_cast<int>(kBucketWords) / 2;
  const int num_classes = num_classes_;
  const size_t row_bytes = static_cast<size_t>(num_classes) * sizeof(int16_t);
  constexpr size_t kChunk = 128;
  const uint32_t* buckets[kChunk];
  uint32_t refs[kChunk];
  for (size_t base = 0; base < n; base += kChunk) {
    const size_t m = std::min(kChunk, n - base);
    for (size_t k = 0; k < m; ++k) {
      buckets[k] = HomeBucket(features[base + k]);
      __builtin_prefetch(buckets[k]);
    }
    size_t found = 0;
    for (size_t k = 0; k < m; ++k) {
      const uint32_t key = features[base + k];
      const uint32_t* b = buckets[k];
      while (b[kSlots - 1] < key) b += kBucketWords;
      const uint32_t slot = FindInBucket<kSlots>(b, key);
      if (slot == kSlots) continue;
      const uint32_t ref = b[kSlots + slot];
      refs[found++] = ref;
      if (ref & kDense) {
        PrefetchRange(dense_weights_.data() + static_cast<size_t>(ref & ~kDense) * dense_stride_,
                      row_bytes);
      } else {
        __builtin_prefetch(packed_.data() + ref);
      }
    }
    for (size_t j = 0; j < found; ++j) {
      const uint32_t ref = refs[j];
      if (ref & kDense) {
        const int16_t* w =
            dense_weights_.data() + static_cast<size_t>(ref & ~kDense) * dense_stride_;
        AddDense(w, num_classes, scores);
      } else {
        const uint32_t* row = packed_.data() + ref;
        const uint32_t count = row[0];
        for (uint32_t e = 1; e <= count; ++e) scores[row[e] & 0xffff] += High(row[e]);
      }
    }
  }
}

void PerceptronModel::BuildTable() {
  num_features_ = keys_.size();
  // Inline slots hold the weights of classes first_class_.. (class 0 has none in models finalised
  // relative to it).
  first_class_ =
      num_classes_ > 1 && std::find(classes_.begin(), classes_.end(), 0) == classes_.end();
  const int stored = num_classes_ - first_class_;
  const bool inline_weights = stored <= kMaxInlineClasses;
  if (!inline_weights) first_class_ = 0;
  inline_ = inline_weights;
  stride_ = inline_weights ? 1 + (std::max(stored, 1) + 1) / 2 : 2;
  const size_t slots = kBucketWords / static_cast<size_t>(stride_);  // keys per bucket
  // Buckets of 8 keys are filled to three quarters, smaller ones (the parser's transitions: 4) to
  // one half: with fewer keys per bucket more home buckets overflow, and a lookup that has to move
  // on costs a mispredicted branch and a dependent cache miss (on bench/code_corpus.sh, 4-key
  // buckets at 3/4 made end-to-end coding about 10% slower than at 1/2, which costs 14 MB more
  // with both languages loaded).
  const size_t quarters = slots >= 8 ? 3 : 2;  // filled to quarters / 4
  const size_t keys_per_4_buckets = quarters * slots;
  num_buckets_ = static_cast<uint32_t>(
      std::max<size_t>(1, (4 * keys_.size() + keys_per_4_buckets - 1) / keys_per_4_buckets));
  auto home = [this](uint32_t key) {
    return static_cast<size_t>((static_cast<uint64_t>(key) * num_buckets_) >> 32);
  };
  // First pass: where each key goes, hence the table size, so that it is allocated once.
  size_t bucket = 0, used = 0;  // the bucket being filled and its keys
  auto place = [&](uint32_t key) {
    if (home(key) > bucket) bucket = home(key), used = 0;
    if (used == slots) ++bucket, used = 0;
    ++used;
  };
  for (uint32_t key : keys_) place(key);
  // Every home bucket exists, and an empty bucket ends the table (it stops every scan).
  const size_t buckets = std::max<size_t>(num_buckets_, bucket + 1) + 1;
  LargeArray<uint32_t>(buckets * kBucketWords, 0).swap(table_);
  for (size_t b = 0; b < buckets; ++b) {
    std::fill_n(table_.data() + b * kBucketWords, slots, kNoFeatureKey);
  }
  auto is_dense = [this](uint32_t count) {
    return count * 4 >= static_cast<uint32_t>(num_classes_) && count >= 4;
  };
  size_t dense_count = 0, packed_size = 0;
  if (!inline_weights) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      uint32_t count = offsets_[i + 1] - offsets_[i];
      if (is_dense(count)) {
        ++dense_count;
      } else {
        packed_size += 1 + count;
      }
    }
  }
  // Dense rows start on cache lines (the array is 64-byte aligned), so that a row of n classes
  // touches ceil(2n / 64) lines, not one more.
  dense_stride_ = (num_classes_ + 31) / 32 * 32;
  LargeArray<int16_t>(dense_count * dense_stride_, 0).swap(dense_weights_);
  LargeArray<uint32_t>().swap(packed_);
  packed_.reserve(packed_size);
  uint32_t dense_rows = 0;
  bucket = used = 0;
  for (size_t i = 0; i < keys_.size(); ++i) {
    place(keys_[i]);
    uint32_t* b = table_.data() + bucket * kBucketWords;
    const size_t slot = used - 1;
    b[slot] = keys_[i];
    uint32_t* payload = b + slots + slot * (stride_ - 1);
    if (inline_weights) {
      for (uint32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) {
        const uint32_t w = static_cast<uint16_t>(weights_[j]);
        const int c = classes_[j] - first_class_;
        payload[c / 2] |= c % 2 ? w << 16 : w;
      }
    } else {
      const uint32_t count = offsets_[i + 1] - offsets_[i];
      if (is_dense(count)) {
        int16_t* w = dense_weights_.data() + static_cast<size_t>(dense_rows) * dense_stride_;
        for (uint32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) w[classes_[j]] = weights_[j];
        payload[0] = kDense | dense_rows++;
      } else {
        payload[0] = static_cast<uint32_t>(packed_.size());
        packed_.push_back(count);
        for (uint32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) {
          packed_.push_back(classes_[j] |
                            (static_cast<uint32_t>(static_cast<uint16_t>(weights_[j])) << 16));
        }
      }
    }
  }
}

void PerceptronModel::Save(ByteWriter* out) const {
  if (!saveable_) throw ResourceError("internal: a loaded perceptron model cannot be saved again");
  out->Put<uint32_t>(num_classes_);
  // Keys are stored as deltas so that zstd compresses them well.
  std::vector<uint32_t> deltas(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) deltas[i] = keys_[i] - (i ? keys_[i - 1] : 0);
  out->PutVector(deltas);
  std::vector<uint16_t> counts(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) counts[i] = offsets_[i + 1] - offsets_[i];
  out->PutVector(counts);
  out->PutVector(classes_);
  out->PutVector(weights_);
}

PerceptronModel PerceptronModel::Load(ByteReader* in) {
  PerceptronModel m;
  m.num_classes_ = in->Get<uint32_t>();
  if (m.num_classes_ <= 0 || m.num_classes_ > 65535) in->Fail("bad class count");
  std::vector<uint32_t> deltas = in->GetVector<uint32_t>();
  std::vector<uint16_t> counts = in->GetVector<uint16_t>();
  m.classes_ = in->GetVector<uint16_t>();
  m.weights_ = in->GetVector<int16_t>();
  if (counts.size() != deltas.size() || m.classes_.size() != m.weights_.size()) {
    in->Fail("perceptron section sizes disagree");
  }
  m.keys_.resize(deltas.size());
  m.offsets_.resize(deltas.size() + 1);
  uint32_t key = 0;
  uint64_t offset = 0;
  for (size_t i = 0; i < deltas.size(); ++i) {
    if (i > 0 && deltas[i] == 0) in->Fail("feature keys not strictly increasing");
    if (deltas[i] > kNoFeatureKey - key) in->Fail("feature key out of range");
    key += deltas[i];
    if (key == 0 || key == kNoFeatureKey) in->Fail("reserved feature key");
    m.keys_[i] = key;
    m.offsets_[i] = static_cast<uint32_t>(offset);
    offset += counts[i];
  }
  m.offsets_[deltas.size()] = static_cast<uint32_t>(offset);
  if (offset != m.classes_.size()) in->Fail("perceptron weight count mismatch");
  for (size_t i = 0; i < deltas.size(); ++i) {
    for (uint32_t j = m.offsets_[i]; j < m.offsets_[i + 1]; ++j) {
      if (m.classes_[j] >= m.num_classes_) in->Fail("class index out of range");
      if (j > m.offsets_[i] && m.classes_[j] <= m.classes_[j - 1]) {
        in->Fail("classes of a feature not strictly increasing");
      }
    }
  }
  m.BuildTable();
  // Scoring only needs the lookup table and the dense / packed rows: drop the sorted layout.
  m.saveable_ = false;
  std::vector<uint32_t>().swap(m.keys_);
  std::vector<uint32_t>().swap(m.offsets_);
  std::vector<uint16_t>().swap(m.classes_);
  std::vector<int16_t>().swap(m.weights_);
  return m;
}

int64_t PerceptronTrainer::Find(uint32_t key) const {
  if (keys_.empty()) return -1;
  uint32_t slot = (key * 0x9e3779b1u) & mask_;
  while (keys_[slot] != 0) {
    if (keys_[slot] == key) return slots_[slot];
    slot = (slot + 1) & mask_;
  }
  return -1;
}

uint32_t PerceptronTrainer::FindOrAdd(uint32_t key) {
  if ((rows_.size() + 1) * 2 > keys_.size()) {
    size_t capacity = keys_.empty() ? 1024 : keys_.size() * 2;
    keys_.assign(capacity, 0);
    slots_.assign(capacity, 0);
    mask_ = static_cast<uint32_t>(capacity - 1);
    for (uint32_t r = 0; r < row_keys_.size(); ++r) {
      uint32_t slot = (row_keys_[r] * 0x9e3779b1u) & mask_;
      while (keys_[slot] != 0) slot = (slot + 1) & mask_;
      keys_[slot] = row_keys_[r];
      slots_[slot] = r;
    }
  }
  uint32_t slot = (key * 0x9e3779b1u) & mask_;
  while (keys_[slot] != 0) {
    if (keys_[slot] == key) return slots_[slot];
    slot = (slot + 1) & mask_;
  }
  keys_[slot] = key;
  slots_[slot] = static_cast<uint32_t>(rows_.size());
  rows_.emplace_back();
  row_keys_.push_back(key);
  return slots_[slot];
}

void PerceptronTrainer::Score(const std::vector<uint32_t>& features, float* scores) const {
  std::fill(scores, scores + num_classes_, 0.0f);
  for (uint32_t f : features) {
    int64_t row = Find(f);
    if (row < 0) continue;
    for (const Entry& e : rows_[row]) scores[e.cls] += e.weight;
  }
}

void PerceptronTrainer::Update(const std::vector<uint32_t>& features, int truth, int guess) {
  if (truth == guess) return;
  Add(features, truth, 1.0f);
  Add(features, guess, -1.0f);
}

void PerceptronTrainer::Add(const std::vector<uint32_t>& features, int cls, float delta) {
  for (uint32_t f : features) {
    std::vector<Entry>& row = rows_[FindOrAdd(f)];
    Entry* entry = nullptr;
    for (Entry& e : row) {
      if (e.cls == cls) {
        entry = &e;
        break;
      }
    }
    if (!entry) {
      row.push_back(Entry{static_cast<uint16_t>(cls), 0.0f, 0.0});
      entry = &row.back();
    }
    entry->weight += delta;
    entry->scaled += static_cast<double>(time_) * delta;
  }
}

PerceptronModel PerceptronTrainer::Finalize(float prune, bool relative_to_first) const {
  struct Averaged {
    uint32_t key;
    uint16_t cls;
    float weight;
  };
  std::vector<Averaged> kept;
  float max_abs = 0.0f;
  std::vector<float> row(num_classes_);
  for (size_t r = 0; r < rows_.size(); ++r) {
    const uint32_t key = row_keys_[r];
    std::fill(row.begin(), row.end(), 0.0f);
    for (const Entry& e : rows_[r]) {
      const float avg = static_cast<float>(e.weight - e.scaled / static_cast<double>(time_));
      if (std::fabs(avg) >= prune) row[e.cls] = avg;
    }
    // Adding the same amount to every class of a feature changes no argmax: subtracting class 0
    // (after pruning, so that the same features survive) leaves it with no weights at all.
    if (relative_to_first) {
      for (int c = num_classes_ - 1; c >= 0; --c) row[c] -= row[0];
    }
    for (int c = 0; c < num_classes_; ++c) {
      if (row[c] == 0.0f) continue;
      kept.push_back(Averaged{key, static_cast<uint16_t>(c), row[c]});
      max_abs = std::max(max_abs, std::fabs(row[c]));
    }
  }
  std::sort(kept.begin(), kept.end(), [](const Averaged& a, const Averaged& b) {
    return a.key != b.key ? a.key < b.key : a.cls < b.cls;
  });
  PerceptronModel m;
  m.num_classes_ = num_classes_;
  // One global scale: the largest weight maps to 32000.
  float scale = max_abs > 0 ? 32000.0f / max_abs : 1.0f;
  for (const Averaged& a : kept) {
    int q = static_cast<int>(std::lround(a.weight * scale));
    if (q == 0) continue;
    if (m.keys_.empty() || m.keys_.back() != a.key) {
      m.keys_.push_back(a.key);
      m.offsets_.push_back(static_cast<uint32_t>(m.classes_.size()));
    }
    m.classes_.push_back(a.cls);
    m.weights_.push_back(static_cast<int16_t>(q));
  }
  m.offsets_.push_back(static_cast<uint32_t>(m.classes_.size()));
  m.BuildTable();
  return m;
}

}  // namespace dyad::nlp
