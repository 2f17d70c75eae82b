#include "dyad/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/core/error.h"

namespace dyad {
namespace {

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw ResourceError("ICU NFC normaliser unavailable");
  return *n;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw ResourceError("ICU NFD normaliser unavailable");
  return *n;
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not well-formed.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsToneMark(UChar c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}
bool IsQualityMark(UChar c) { return c == 0x0302 || c == 0x0306 || c == 0x031B; }
bool IsVowelBase(UChar c) {
  switch (u_tolower(c)) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// Places the tone mark of one NFD syllable [begin, end) of `s` by the traditional rule that
// Vietnamese news and VTB use: on the vowel with a quality mark (ơ beats ư in "ươ"), else the
// middle of three vowels, else the second of two when a final consonant follows, else the first
// ("hòa", "thúy").
void PlaceTone(icu::UnicodeString& s, int32_t begin, int32_t end) {
  // Collect base-letter positions and the tone mark.
  UChar tone = 0;
  struct Letter {
    int32_t pos;
    bool vowel;
    bool quality;
  };
  std::vector<Letter> letters;
  for (int32_t i = begin; i < end; ++i) {
    UChar c = s.charAt(i);
    if (IsToneMark(c)) {
      tone = c;
    } else if (IsQualityMark(c)) {
      if (!letters.empty()) letters.back().quality = true;
    } else if (u_getCombiningClass(c) == 0) {
      letters.push_back({i, IsVowelBase(c), false});
    }
  }
  if (tone == 0) return;
  // The vowel nucleus: first run of vowels, skipping the u of "qu" and the i of "gi" before a
  // vowel.
  size_t first = 0;
  while (first < letters.size() && !letters[first].vowel) ++first;
  if (first == letters.size()) return;
  if (first > 0 && first + 1 < letters.size() && letters[first + 1].vowel) {
    UChar prev = u_tolower(s.charAt(letters[first - 1].pos));
    UChar cur = u_tolower(s.charAt(letters[first].pos));
    if ((prev == 'q' && cur == 'u') || (prev == 'g' && cur == 'i')) ++first;
  }
  size_t last = first;
  while (last + 1 < letters.size() && letters[last + 1].vowel) ++last;
  bool has_final = last + 1 < letters.size();
  size_t target = first;
  size_t count = last - first + 1;
  int quality = -1;
  for (size_t k = first; k <= last; ++k)
    if (letters[k].quality) quality = static_cast<int>(k);
  if (quality >= 0) {
    target = static_cast<size_t>(quality);
  } else if (count >= 3) {
    target = first + 1;
  } else if (count == 2 && has_final) {
    target = first + 1;
  }
  // Rebuild: remove the tone and insert it after the target letter's quality mark (NFD order:
  // quality marks, class 230/220, come in canonical order; NFC recomposes either way).
  icu::UnicodeString rebuilt;
  for (int32_t i = begin; i < end; ++i) {
    UChar c = s.charAt(i);
    if (IsToneMark(c)) continue;
    rebuilt.append(c);
    if (i == letters[target].pos) {
      int32_t j = i + 1;
      while (j < end && IsQualityMark(s.charAt(j))) rebuilt.append(s.charAt(j++));
      rebuilt.append(tone);
      i = j - 1;
    }
  }
  s.replace(begin, end - begin, rebuilt);
}

}  // namespace

bool IsValidUtf8(std::string_view text, size_t* offset) {
  for (size_t i = 0; i < text.size();) {
    size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      if (offset) *offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::string NormalizeNfc(std::string_view text, size_t* first_invalid) {
  if (first_invalid) *first_invalid = std::string::npos;
  std::string clean;
  std::string_view input = text;
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    if (first_invalid) *first_invalid = bad;
    clean.reserve(text.size() + 16);
    for (size_t i = 0; i < text.size();) {
      size_t len = Utf8SequenceLength(text, i);
      if (len == 0) {
        clean += "\xEF\xBF\xBD";
        ++i;
      } else {
        clean.append(text.substr(i, len));
        i += len;
      }
    }
    input = clean;
  }
  // Fast path: ASCII is already NFC.
  bool ascii = true;
  for (char c : input) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(input);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(input.data(), static_cast<int32_t>(input.size())));
  icu::UnicodeString n = Nfc().normalize(u, status);
  if (U_FAILURE(status)) throw Error("NFC normalisation failed");
  return Utf8(n);
}

std::string NormalizeVietnameseTones(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString d = Nfd().normalize(u, status);
  if (U_FAILURE(status)) return std::string(text);
  int32_t i = 0;
  while (i < d.length()) {
    if (!u_isalpha(d.charAt(i))) {
      ++i;
      continue;
    }
    int32_t j = i;
    while (j < d.length() && (u_isalpha(d.charAt(j)) || u_getCombiningClass(d.charAt(j)) != 0)) ++j;
    int32_t before = d.length();
    PlaceTone(d, i, j);
    j += d.length() - before;
    i = j;
  }
  icu::UnicodeString n = Nfc().normalize(d, status);
  if (U_FAILURE(status)) return std::string(text);
  return Utf8(n);
}

namespace {

bool IsAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// FoldForMatch for ASCII text: lower case and single spaces, without a round trip through ICU.
std::string FoldAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// A per-thread memo of a pure function of short non-ASCII strings. Vietnamese text repeats a small
// vocabulary of syllables and words, and folding one through ICU takes several normalisation
// passes, so words (the coder, the tagger's atoms and the matcher fold every one) are computed once
// per thread. Longer inputs (phrases, sentences) are not kept; the memo is emptied when full, so
// it stays a few megabytes.
class FoldMemo {
 public:
  static constexpr size_t kMaxKeyBytes = 48;
  static constexpr size_t kMaxEntries = 1 << 15;

  template <typename Compute>
  std::string Get(std::string_view text, Compute compute) {
    if (text.size() > kMaxKeyBytes) return compute(text);
    auto it = memo_.find(text);
    if (it != memo_.end()) return it->second;
    if (memo_.size() >= kMaxEntries) memo_.clear();
    return memo_.emplace(std::string(text), compute(text)).first->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> memo_;
};

// FoldForMatch of text that is not all ASCII.
std::string FoldNonAscii(std::string_view text) {
  std::string toned = NormalizeVietnameseTones(NormalizeNfc(text));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(toned);
  u.foldCase();
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
    if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011) c = '-';
    if (u_isUWhiteSpace(c)) {
      space = true;
      continue;
    }
    if (space && out.length() > 0) out.append(static_cast<UChar>(' '));
    space = false;
    out.append(c);
  }
  UErrorCode status = U_ZERO_ERROR;
  return Utf8(Nfc().normalize(out, status));
}

// StripFoldedDiacritics of text that is not all ASCII.
std::string StripNonAscii(std::string_view folded) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString d = Nfd().normalize(icu::UnicodeString::fromUTF8(folded), status);
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length(); ++i) {
    UChar c = d.charAt(i);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111) c = 'd';  // đ (folded from Đ)
    out.append(c);
  }
  return Utf8(out);
}

}  // namespace

std::string FoldForMatch(std::string_view text) {
  if (IsAscii(text)) return FoldAscii(text);
  thread_local FoldMemo memo;
  return memo.Get(text, FoldNonAscii);
}

std::string FoldWithoutDiacritics(std::string_view text) {
  return StripFoldedDiacritics(FoldForMatch(text));
}

std::string StripFoldedDiacritics(std::string_view folded) {
  if (IsAscii(folded)) return std::string(folded);
  thread_local FoldMemo memo;
  return memo.Get(folded, StripNonAscii);
}

}  // namespace dyad
