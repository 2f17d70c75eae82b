// Binary model files: a magic string, a format version, and a zstd-compressed payload with a
// checksum. The payload is a sequence of little-endian scalars, length-prefixed strings and
// vectors.
#ifndef DYAD_SRC_NLP_MODEL_IO_H_
#define DYAD_SRC_NLP_MODEL_IO_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "dyad/core/error.h"

namespace dyad::nlp {

// The first 8 bytes of every dyad nlp model file.
inline constexpr char kModelMagic[8] = {'D', 'Y', 'A', 'D', 'N', 'L', 'P', '\n'};
// The only payload layout this build reads. Bump it (never reuse a number) when the layout or the
// feature hashing changes.
// History: 1 = first models merged into main; 2 = segmenter beam size and syllable statistics;
// 3 = one-multiply feature keys, unlabelled transitions plus a separate arc labeller, segmenter
// syllable-pair statistics (Viterbi, no beam size), tagger sure words.
inline constexpr uint32_t kModelFormatVersion = 3;

// Appends scalars, strings and vectors of trivially copyable values to a byte buffer.
class ByteWriter {
 public:
  template <typename T>
  void Put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const char* p = reinterpret_cast<const char*>(&value);
    bytes_.append(p, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint64_t>(s.size());
    bytes_.append(s.data(), s.size());
  }
  template <typename T>
  void PutVector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<uint64_t>(v.size());
    bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void PutStrings(const std::vector<std::string>& v) {
    Put<uint64_t>(v.size());
    for (const auto& s : v) PutString(s);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Reads what ByteWriter wrote. Every read is bounds-checked: a truncated or corrupt payload throws
// ResourceError naming the model file.
class ByteReader {
 public:
  ByteReader(std::string_view bytes, std::string origin)
      : bytes_(bytes), origin_(std::move(origin)) {}
  template <typename T>
  T Get() {
    static_assert(std::is_trivially_copyable_v<T>);
    Need(sizeof(T));
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  std::string GetString() {
    uint64_t n = Get<uint64_t>();
    Need(n);
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  template <typename T>
  std::vector<T> GetVector() {
    uint64_t n = Get<uint64_t>();
    if (n > (bytes_.size() - pos_) / sizeof(T)) Fail("vector length out of range");
    std::vector<T> v(n);
    if (n) std::memcpy(v.data(), bytes_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return v;
  }
  std::vector<std::string> GetStrings() {
    uint64_t n = Get<uint64_t>();
    if (n > bytes_.size() - pos_) Fail("string list length out of range");
    std::vector<std::string> v;
    v.reserve(n);
    for (uint64_t i = 0; i < n; ++i) v.push_back(GetString());
    return v;
  }
  bool AtEnd() const { return pos_ == bytes_.size(); }
  // Throws ResourceError("<origin>: corrupt model payload at byte N: what").
  [[noreturn]] void Fail(const std::string& what) const;

 private:
  void Need(uint64_t n) {
    if (n > bytes_.size() - pos_) Fail("unexpected end of data");
  }
  std::string_view bytes_;
  size_t pos_ = 0;
  std::string origin_;
};

// Writes `payload` to `path` as magic + version + zstd frame. Throws ResourceError on I/O failure.
void WriteModelFile(const std::string& path, const std::string& payload);

// Reads a model file and returns its decompressed payload. Throws ResourceError naming `path` when
// the file is missing, is not a dyad model, has an unknown format version, or fails its checksum.
std::string ReadModelFile(const std::string& path);

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_MODEL_IO_H_
