#include "nlp/perceptron.h"

#include <algorithm>
#include <cmath>

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

}  // namespace

void PerceptronModel::Score(const uint32_t* features, size_t n, int32_t* scores) const {
  if (table_.empty()) return;
  const int num_classes = num_classes_;
  // Features are looked up in chunks with prefetches, so that the cache misses of one chunk
  // overlap instead of following each other.
  constexpr size_t kChunk = 32;
  uint32_t slots[kChunk], refs[kChunk];
  for (size_t base = 0; base < n; base += kChunk) {
    const size_t m = std::min(kChunk, n - base);
    for (size_t k = 0; k < m; ++k) {
      slots[k] = (features[base + k] * 0x9e3779b1u) & mask_;
      __builtin_prefetch(&table_[slots[k]]);
    }
    size_t found = 0;
    for (size_t k = 0; k < m; ++k) {
      const uint32_t key = features[base + k];
      uint32_t slot = slots[k];
      while (true) {
        const Slot& s = table_[slot];
        if (s.key == key) {
          refs[found++] = s.ref;
          if (s.ref & kDense) {
            __builtin_prefetch(dense_weights_.data() +
                               static_cast<size_t>(s.ref & ~kDense) * num_classes);
          } else {
            __builtin_prefetch(packed_.data() + s.ref);
          }
          break;
        }
        if (s.key == 0) break;
        slot = (slot + 1) & mask_;
      }
    }
    for (size_t j = 0; j < found; ++j) {
      const uint32_t ref = refs[j];
      if (ref & kDense) {
        const int16_t* w = dense_weights_.data() + static_cast<size_t>(ref & ~kDense) * num_classes;
        AddDense(w, num_classes, scores);
      } else {
        const uint32_t* row = packed_.data() + ref;
        const uint32_t count = row[0];
        for (uint32_t e = 1; e <= count; ++e) {
          scores[row[e] & 0xffff] += static_cast<int16_t>(row[e] >> 16);
        }
      }
    }
  }
}

void PerceptronModel::BuildTable() {
  uint32_t capacity = 16;
  while (capacity < keys_.size() * 2) capacity <<= 1;
  table_.assign(capacity, Slot{0, 0});
  mask_ = capacity - 1;
  auto is_dense = [this](uint32_t count) {
    return count * 4 >= static_cast<uint32_t>(num_classes_) && count >= 4;
  };
  size_t dense_count = 0, packed_size = 0;
  for (uint32_t i = 0; i < keys_.size(); ++i) {
    uint32_t count = offsets_[i + 1] - offsets_[i];
    if (is_dense(count)) {
      ++dense_count;
    } else {
      packed_size += 1 + count;
    }
  }
  dense_weights_.assign(dense_count * num_classes_, 0);
  packed_.clear();
  packed_.reserve(packed_size);
  std::vector<uint32_t> refs(keys_.size());
  uint32_t dense_rows = 0;
  for (uint32_t i = 0; i < keys_.size(); ++i) {
    uint32_t count = offsets_[i + 1] - offsets_[i];
    if (is_dense(count)) {
      int16_t* w = dense_weights_.data() + static_cast<size_t>(dense_rows) * num_classes_;
      for (uint32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) w[classes_[j]] = weights_[j];
      refs[i] = kDense | dense_rows++;
    } else {
      refs[i] = static_cast<uint32_t>(packed_.size());
      packed_.push_back(count);
      for (uint32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) {
        packed_.push_back(classes_[j] |
                          (static_cast<uint32_t>(static_cast<uint16_t>(weights_[j])) << 16));
      }
    }
  }
  // Insert in batches with prefetches: the slots are random, so overlapping the misses matters.
  constexpr uint32_t kBatch = 16;
  uint32_t slots[kBatch];
  const uint32_t n = static_cast<uint32_t>(keys_.size());
  for (uint32_t base = 0; base < n; base += kBatch) {
    const uint32_t m = std::min(kBatch, n - base);
    for (uint32_t k = 0; k < m; ++k) {
      slots[k] = (keys_[base + k] * 0x9e3779b1u) & mask_;
      __builtin_prefetch(&table_[slots[k]], 1);
    }
    for (uint32_t k = 0; k < m; ++k) {
      uint32_t slot = slots[k];
      while (table_[slot].key != 0) slot = (slot + 1) & mask_;
      table_[slot] = Slot{keys_[base + k], refs[base + k]};
    }
  }
}

void PerceptronModel::Save(ByteWriter* out) const {
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
    key += deltas[i];
    if (key == 0) in->Fail("feature key 0 is reserved");
    m.keys_[i] = key;
    m.offsets_[i] = offset;
    offset += counts[i];
  }
  m.offsets_[deltas.size()] = offset;
  if (offset != m.classes_.size()) in->Fail("perceptron weight count mismatch");
  for (uint16_t c : m.classes_) {
    if (c >= m.num_classes_) in->Fail("class index out of range");
  }
  m.BuildTable();
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

PerceptronModel PerceptronTrainer::Finalize(float prune) const {
  struct Averaged {
    uint32_t key;
    uint16_t cls;
    float weight;
  };
  std::vector<Averaged> kept;
  float max_abs = 0.0f;
  for (size_t r = 0; r < rows_.size(); ++r) {
    const uint32_t key = row_keys_[r];
    for (const Entry& e : rows_[r]) {
      float avg = static_cast<float>(e.weight - e.scaled / static_cast<double>(time_));
      if (std::fabs(avg) < prune) continue;
      kept.push_back(Averaged{key, e.cls, avg});
      max_abs = std::max(max_abs, std::fabs(avg));
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
