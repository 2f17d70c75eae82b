#include "dyad/text/language.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <string>
#include <unordered_set>
#include <vector>

#include "dyad/text/normalize.h"

namespace dyad {
namespace {

// Letters only Vietnamese uses among the Latin scripts we meet in news: đ, the vowels with breve,
// circumflex or horn, and any vowel carrying one of the five tone marks.
bool IsVietnameseLetter(UChar32 c) {
  c = u_tolower(c);
  if (c == 0x0111 || c == 0x0103 || c == 0x01A1 || c == 0x01B0) return true;  // đ ă ơ ư
  if (c == 0x00E2 || c == 0x00EA || c == 0x00F4) return true;                 // â ê ô
  // Latin Extended Additional (ạ..ỹ) is almost entirely Vietnamese vowels with tones.
  if (c >= 0x1EA0 && c <= 0x1EF9) return true;
  switch (c) {
    case 0x00E0:
    case 0x00E1:
    case 0x00E3:
    case 0x00E8:
    case 0x00E9:
    case 0x00EC:
    case 0x00ED:
    case 0x00F2:
    case 0x00F3:
    case 0x00F5:
    case 0x00F9:
    case 0x00FA:
    case 0x00FD:
    case 0x0129:
    case 0x0169:
      return true;  // à á ã è é ì í ò ó õ ù ú ý ĩ ũ: shared with French/Spanish, counted weakly
                    // below
    default:
      return false;
  }
}

// Frequent function syllables, written without diacritics so that Vietnamese typed without them is
// still recognised. Chosen from general knowledge of the languages, not from any corpus.
const std::unordered_set<std::string>& VietnameseFunctionSyllables() {
  static const auto* set = new std::unordered_set<std::string>{
      "cua",   "va",    "cac",  "nhung", "nguoi", "trong",  "duoc",  "voi",   "cho",   "khong",
      "nay",   "mot",   "nhat", "da",    "la",    "co",     "de",    "den",   "tu",    "ngay",
      "thi",   "nhu",   "cung", "ve",    "tai",   "nam",    "nuoc",  "hai",   "se",    "dang",
      "viec",  "nhieu", "theo", "tren",  "sau",   "khi",    "ong",   "ba",    "chung", "toi",
      "hop",   "tac",   "quan", "he",    "doi",   "phat",   "trien", "chinh", "phu",   "thu",
      "tuong", "tong",  "bi",   "thu",   "bo",    "truong", "quoc",  "gia",   "dong",  "thoi",
      "gian",  "nhan",  "dan",  "cuoc",  "tham",  "lam",    "giua",  "vao",   "ra",    "di",
      "noi",   "cao",   "rat",  "nen",   "boi"};
  return *set;
}

const std::unordered_set<std::string>& EnglishFunctionWords() {
  static const auto* set = new std::unordered_set<std::string>{
      "the",   "of",   "and",  "to",   "in",   "a",     "is",      "that",   "for",    "on",
      "with",  "was",  "as",   "by",   "at",   "from",  "has",     "have",   "be",     "are",
      "said",  "it",   "its",  "his",  "her",  "their", "this",    "which",  "will",   "an",
      "were",  "not",  "but",  "they", "he",   "she",   "who",     "would",  "been",   "also",
      "after", "over", "into", "than", "more", "about", "between", "during", "against"};
  return *set;
}

// True when `w` (lower-case ASCII) can be a Vietnamese syllable written without diacritics:
// optional onset from the Vietnamese inventory, a vowel nucleus, an optional permitted coda.
bool IsPlausibleVietnameseSyllable(const std::string& w) {
  static constexpr std::array<const char*, 27> kOnsets = {
      "ngh", "ng", "nh", "ch", "tr", "th", "kh", "ph", "gh", "gi", "qu", "b", "c", "d",
      "g",   "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v",  "x", ""};
  static constexpr std::array<const char*, 9> kCodas = {"ng", "nh", "ch", "c", "m",
                                                        "n",  "p",  "t",  ""};
  auto is_vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  };
  for (const char* onset : kOnsets) {
    std::string_view o(onset);
    if (w.compare(0, o.size(), o) != 0) continue;
    size_t i = o.size();
    size_t v = i;
    while (v < w.size() && is_vowel(w[v])) ++v;
    if (v == i || v - i > 3) continue;
    std::string_view coda(w.data() + v, w.size() - v);
    for (const char* c : kCodas)
      if (coda == c) return true;
  }
  return false;
}

}  // namespace

std::string IdentifyLanguage(std::string_view text) {
  int letters = 0;
  int vietnamese_letters = 0;
  int strong_vietnamese = 0;
  std::vector<std::string> words;
  std::string word;
  bool word_has_nonascii = false;
  auto flush = [&] {
    if (!word.empty() && !word_has_nonascii) words.push_back(word);
    word.clear();
    word_has_nonascii = false;
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) continue;
    if (u_isalpha(c)) {
      ++letters;
      if (IsVietnameseLetter(c)) {
        ++vietnamese_letters;
        UChar32 l = u_tolower(c);
        if (l == 0x0111 || l == 0x0103 || l == 0x01A1 || l == 0x01B0 ||
            (l >= 0x1EA0 && l <= 0x1EF9))
          ++strong_vietnamese;
      }
      if (c < 0x80) {
        word += static_cast<char>(u_tolower(c));
      } else {
        word_has_nonascii = true;
        word += "?";
      }
    } else {
      flush();
    }
  }
  flush();
  if (letters < 2) return "und";
  // Vietnamese with diacritics: tone-marked letters are frequent (roughly one syllable in two).
  if (strong_vietnamese >= 2 && vietnamese_letters * 12 >= letters) return "vi";
  // Without diacritics: function syllables and the share of plausible Vietnamese syllables.
  int vi_hits = 0, en_hits = 0, plausible = 0;
  for (const std::string& w : words) {
    if (VietnameseFunctionSyllables().count(w)) ++vi_hits;
    if (EnglishFunctionWords().count(w)) ++en_hits;
    if (IsPlausibleVietnameseSyllable(w)) ++plausible;
  }
  if (words.empty()) return strong_vietnamese > 0 ? "vi" : "und";
  double plausible_share = static_cast<double>(plausible) / static_cast<double>(words.size());
  if (plausible_share >= 0.85 && vi_hits > en_hits && words.size() >= 3) return "vi";
  if (strong_vietnamese > 0 && vietnamese_letters * 20 >= letters) return "vi";
  return "en";
}

}  // namespace dyad
