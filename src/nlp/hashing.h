// Feature hashing shared by the segmenter, tagger and parser. Hash values are persisted in model
// files (as 32-bit feature keys), so these functions must never change for a given model format
// version.
#ifndef DYAD_SRC_NLP_HASHING_H_
#define DYAD_SRC_NLP_HASHING_H_

#include <cstdint>
#include <string_view>

namespace dyad::nlp {

// A 64-bit finaliser (MurmurHash3 fmix64): spreads every input bit over the output.
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// FNV-1a over the bytes of `s`, finalised with Mix64.
inline uint64_t HashString(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

// Keys 0 and kNoFeatureKey are reserved: 0 marks empty slots in the training tables, kNoFeatureKey
// empty slots (and the end) of the ordered lookup table of a loaded model.
inline constexpr uint32_t kNoFeatureKey = 0xffffffffu;

inline uint64_t Rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// The 32-bit key of feature template `tmpl` applied to up to three atom hashes. Each argument is
// multiplied by its own odd constant (rotated apart, so that (a, b) and (b, a) differ) and the
// combination is finalised once: one Mix64 per feature instead of one per argument, since
// computing the keys is a visible share of parsing time. The reserved keys are remapped to 1.
inline uint32_t FeatureKey(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t h = (uint64_t{tmpl} + 1) * 0x9e3779b97f4a7c15ULL;
  h ^= a * 0xd6e8feb86659fd93ULL;
  h ^= Rotl64(b * 0xa0761d6478bd642fULL, 21);
  h ^= Rotl64(c * 0xe7037ed1a0b428dbULL, 43);
  h = Mix64(h);
  uint32_t key = static_cast<uint32_t>(h >> 32);
  return key == 0 || key == kNoFeatureKey ? 1 : key;
}

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_HASHING_H_
