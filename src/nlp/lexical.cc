#include "nlp/lexical.h"

#include "dyad/text/normalize.h"
#include "nlp/hashing.h"

namespace dyad::nlp {

std::string NormalizeForm(std::string_view form) {
  bool ascii = true;
  for (unsigned char c : form) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return FoldForMatch(form);
  std::string out(form);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

}  // namespace

std::string WordShape(std::string_view form, std::string_view norm) {
  std::string shape;
  char last = 0;
  int run = 0;
  size_t i = 0, j = 0;
  while (i < form.size()) {
    unsigned char c = form[i];
    size_t len = Utf8Length(c);
    char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
    } else if (c >= '0' && c <= '9') {
      s = 'd';
    } else if (c < 0x80) {
      s = static_cast<char>(c);
    } else {
      // Upper case when the normalised code point at the same position differs.
      bool differs = j >= norm.size() || form.substr(i, len) != norm.substr(j, len);
      s = differs ? 'Y' : 'y';
    }
    i += len;
    j += len;
    if (s == last) {
      if (++run > 2) continue;
    } else {
      run = 1;
      last = s;
    }
    shape += s;
  }
  return shape;
}

std::string_view Utf8Prefix(std::string_view s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) i += Utf8Length(s[i]);
  return s.substr(0, std::min(i, s.size()));
}

std::string_view Utf8Suffix(std::string_view s, int n) {
  size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xc0) == 0x80) --i;
  }
  return s.substr(i);
}

WordAtoms ComputeAtoms(std::string_view form) {
  WordAtoms a;
  std::string norm = NormalizeForm(form);
  a.form = HashString(form);
  a.norm = HashString(norm);
  std::string shape = WordShape(form, norm);
  a.shape = HashString(shape);
  for (int k = 0; k < 3; ++k) a.prefix[k] = HashString(Utf8Prefix(norm, k + 1));
  for (int k = 0; k < 4; ++k) a.suffix[k] = HashString(Utf8Suffix(norm, k + 1));
  a.capitalised = !shape.empty() && (shape[0] == 'X' || shape[0] == 'Y');
  a.all_capitalised = a.capitalised;
  for (size_t k = 1; k < shape.size(); ++k) {
    if (shape[k - 1] == ' ' && shape[k] != 'X' && shape[k] != 'Y') a.all_capitalised = false;
    if (shape[k] == 'd') a.has_digit = true;
  }
  if (!shape.empty() && shape[0] == 'd') a.has_digit = true;
  size_t first_space = norm.find(' ');
  if (first_space != std::string::npos) {
    size_t last_space = norm.rfind(' ');
    a.first_syllable = HashString(std::string_view(norm).substr(0, first_space));
    a.last_syllable = HashString(std::string_view(norm).substr(last_space + 1));
    a.syllables = 1;
    for (char c : norm) a.syllables += c == ' ';
  } else {
    a.first_syllable = a.last_syllable = a.norm;
  }
  return a;
}

}  // namespace dyad::nlp
