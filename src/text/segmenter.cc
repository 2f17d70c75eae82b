#include "dyad/text/segmenter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <unordered_set>

#include "dyad/text/language.h"

namespace dyad {
namespace {

// Abbreviations after which a period never ends a sentence (titles, "No.", Vietnamese degree and
// place prefixes). Compared case-sensitively without the final period.
const std::unordered_set<std::string>& TitleAbbreviations() {
  static const auto* set = new std::unordered_set<std::string>{
      "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "No", "Nos", "Gen", "Lt", "Col", "Maj",
      "Capt", "Cmdr", "Adm", "Sgt", "Sen", "Rep", "Gov", "Pres", "Rev", "Hon", "Amb", "Fr", "Mt",
      "Ft", "vs", "etc", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
      "Oct", "Nov", "Dec", "Inc", "Corp", "Ltd", "Co", "Dept", "Univ", "Vol", "Fig", "Art",
      // Vietnamese: Tiến sĩ, Phó giáo sư, Giáo sư, Thạc sĩ, Thành phố, Quận, Phường, Bác sĩ, Kỹ sư.
      "TS", "PGS", "GS", "ThS", "TP", "Tp", "Q", "P", "BS", "KS", "NXB", "CN", "ĐH"};
  return *set;
}

// Words that often start a sentence; after an acronym such as "U.S." they signal a sentence break.
const std::unordered_set<std::string>& SentenceStarters() {
  static const auto* set = new std::unordered_set<std::string>{
      "The",   "He",      "She",    "It",   "They",  "We",       "I",         "In",
      "On",    "At",      "This",   "That", "These", "Those",    "But",       "And",
      "A",     "An",      "His",    "Her",  "Their", "Its",      "There",     "Both",
      "After", "Before",  "During", "For",  "While", "When",     "Meanwhile", "However",
      "Also",  "Earlier", "Later",  "Last", "Next",  "According"};
  return *set;
}

UChar32 DecodeAt(std::string_view s, size_t i, size_t* next) {
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  *next = static_cast<size_t>(pos);
  return c;
}

// ASCII first: the bulk of news text, and ICU's property lookups cost more than these tests.
bool IsWordChar(UChar32 c) {
  if (c >= 0 && c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0);
}
bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }
bool IsSpace(UChar32 c) {
  if (c >= 0 && c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return c >= 0 && (u_isUWhiteSpace(c) || c == 0xFEFF);
}

bool StartsWithCi(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char a = s[i + k];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[k]) return false;
  }
  return true;
}

// English clitics split off as separate tokens, as UD English does.
size_t CliticStart(std::string_view word) {
  static constexpr const char* kClitics[] = {"n't",
                                             "n\xE2\x80\x99t",
                                             "'s",
                                             "\xE2\x80\x99s",
                                             "'re",
                                             "\xE2\x80\x99re",
                                             "'ve",
                                             "\xE2\x80\x99ve",
                                             "'ll",
                                             "\xE2\x80\x99ll",
                                             "'d",
                                             "\xE2\x80\x99"
                                             "d",
                                             "'m",
                                             "\xE2\x80\x99m"};
  // Every clitic has an apostrophe, ASCII or U+2019 (whose UTF-8 starts with 0xE2).
  if (word.find_first_of("'\xE2") == std::string_view::npos) return std::string_view::npos;
  for (const char* c : kClitics) {
    std::string_view cl(c);
    if (word.size() > cl.size() && word.substr(word.size() - cl.size()) == cl) {
      // Only split when the clitic is lower case (so "O'Neill" and "D'Souza" stay whole).
      return word.size() - cl.size();
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text, uint32_t base) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 1);  // news text averages over 5 bytes per token
  auto emit = [&](size_t b, size_t e) {
    if (e <= b) return;
    Token t;
    t.span = {static_cast<uint32_t>(base + b), static_cast<uint32_t>(base + e)};
    t.text = std::string(text.substr(b, e - b));
    tokens.push_back(std::move(t));
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t next;
    UChar32 c = DecodeAt(text, i, &next);
    if (c < 0 || IsSpace(c)) {
      i = next;
      continue;
    }
    // URLs and e-mail addresses run to the next space.
    if (StartsWithCi(text, i, "http://") || StartsWithCi(text, i, "https://") ||
        StartsWithCi(text, i, "www.")) {
      size_t e = i;
      while (e < text.size() && !IsSpace(DecodeAt(text, e, &next))) e = next;
      while (e > i && (text[e - 1] == '.' || text[e - 1] == ',' || text[e - 1] == ')')) --e;
      emit(i, e);
      i = e;
      continue;
    }
    if (IsWordChar(c)) {
      // A word: letters and digits, joined by single inner '.', '-', '/', ':', ',', '@', '&' or
      // apostrophes when a word character follows ("U.S", "TP.HCM", "15.4.2023", "19/2", "1,000",
      // "long-standing", "O'Neill", "e@x.org").
      size_t e = next;
      bool has_dot = false;
      bool all_caps_initials = true;  // "U.S" style: single letters separated by dots
      size_t segment_len = 1;
      while (e < text.size()) {
        size_t n2;
        UChar32 d = DecodeAt(text, e, &n2);
        if (IsWordChar(d)) {
          e = n2;
          ++segment_len;
          if (segment_len > 1 && has_dot) all_caps_initials = false;
          continue;
        }
        if (d == '.' || d == '-' || d == '/' || d == ':' || d == ',' || d == '@' || d == '&' ||
            d == 0x2011 || IsApostrophe(d)) {
          size_t n3;
          UChar32 after = n2 < text.size() ? DecodeAt(text, n2, &n3) : -1;
          bool digit_ctx = (d == ',' || d == ':') ? (u_isdigit(after) && e > 0 &&
                                                     text[e - 1] >= '0' && text[e - 1] <= '9')
                                                  : true;
          if (IsWordChar(after) && digit_ctx) {
            if (d == '.') has_dot = true;
            e = n3;
            segment_len = 1;
            continue;
          }
        }
        break;
      }
      std::string_view word = text.substr(i, e - i);
      // A trailing period belongs to an abbreviation: "U.S.", "Mr.", "TS.", an initial "J.".
      if (e < text.size() && text[e] == '.') {
        bool single_letter =
            (e - i) <= 2 && u_isupper(c) && word.size() == static_cast<size_t>(next - i);
        bool title = TitleAbbreviations().count(std::string(word)) > 0;
        if ((has_dot && all_caps_initials) || title || single_letter) ++e;
        word = text.substr(i, e - i);
      }
      size_t clitic = CliticStart(word);
      if (clitic != std::string_view::npos && clitic > 0) {
        // "don't" -> "do" "n't"; "Vietnam's" -> "Vietnam" "'s".
        emit(i, i + clitic);
        emit(i + clitic, e);
      } else {
        emit(i, e);
      }
      i = e;
      continue;
    }
    // Punctuation: runs of the same mark ("...", "--", "!!") form one token.
    size_t e = next;
    while (e < text.size()) {
      size_t n2;
      UChar32 d = DecodeAt(text, e, &n2);
      if (d != c || !(c == '.' || c == '-' || c == '!' || c == '?')) break;
      e = n2;
    }
    emit(i, e);
    i = e;
  }
  return tokens;
}

namespace {

bool IsSentenceFinal(const std::string& t) {
  return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6" || t == "!!" ||
         t == "?!" || t == "??";
}

bool IsClosing(const std::string& t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xE2\x80\x9D" ||
         t == "\xE2\x80\x99" || t == "\xC2\xBB";
}

bool StartsUpperOrDigit(const std::string& t) {
  size_t next;
  UChar32 c = DecodeAt(t, 0, &next);
  return c >= 0 && (u_isupper(c) || u_istitle(c) || u_isdigit(c) || c == '"' || c == 0x201C ||
                    c == '(' || c == 0x2018);
}

// True when the text between two tokens contains a blank line (paragraph break).
bool ParagraphBreak(std::string_view text, uint32_t from, uint32_t to) {
  int newlines = 0;
  for (uint32_t k = from; k < to; ++k) {
    if (text[k] == '\n') {
      if (++newlines >= 2) return true;
    } else if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r') {
      newlines = 0;
    }
  }
  return false;
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text, std::string_view language_hint) {
  std::vector<Token> tokens = Tokenize(text, 0);
  std::vector<Sentence> sentences;
  Sentence current;
  auto finish = [&] {
    if (current.tokens.empty()) return;
    current.index = static_cast<int>(sentences.size());
    current.span = {current.tokens.front().span.begin, current.tokens.back().span.end};
    std::string_view s = text.substr(current.span.begin, current.span.end - current.span.begin);
    current.language = IdentifyLanguage(s);
    if (current.language == "und" && !language_hint.empty()) current.language = language_hint;
    sentences.push_back(std::move(current));
    current = Sentence();
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (!current.tokens.empty() &&
        ParagraphBreak(text, current.tokens.back().span.end, tokens[k].span.begin)) {
      finish();
    }
    current.tokens.push_back(tokens[k]);
    const std::string& t = tokens[k].text;
    bool boundary = false;
    if (IsSentenceFinal(t)) {
      boundary = true;
    } else if (t.size() > 2 && t.back() == '.' && k + 1 < tokens.size()) {
      // An acronym such as "U.S." ends a sentence only before a typical sentence opener.
      std::string bare = t.substr(0, t.size() - 1);
      boundary = !TitleAbbreviations().count(bare) && SentenceStarters().count(tokens[k + 1].text);
    }
    if (!boundary) continue;
    // Closing quotes and brackets stay with the sentence they close.
    while (k + 1 < tokens.size() && IsClosing(tokens[k + 1].text) &&
           tokens[k + 1].span.begin == tokens[k].span.end) {
      current.tokens.push_back(tokens[++k]);
    }
    if (k + 1 >= tokens.size() || StartsUpperOrDigit(tokens[k + 1].text) ||
        ParagraphBreak(text, tokens[k].span.end, tokens[k + 1].span.begin)) {
      finish();
    }
  }
  finish();
  return sentences;
}

}  // namespace dyad
