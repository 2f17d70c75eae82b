// Word-level atoms shared by the segmenter, tagger and parser: normalised forms, shapes, affixes.
#ifndef DYAD_SRC_NLP_LEXICAL_H_
#define DYAD_SRC_NLP_LEXICAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::nlp {

// Lower case with Vietnamese tone placement unified ("Hoà" -> "hòa"); ASCII takes a fast path.
std::string NormalizeForm(std::string_view form);

// A coarse shape: letters X/x (non-ASCII letters y/Y by case), digits d, other characters kept,
// runs longer than two collapsed ("Hà Nội" -> "Yy Yyy" style). `norm` is NormalizeForm(form).
std::string WordShape(std::string_view form, std::string_view norm);

// The first / last `n` code points of UTF-8 `s` (all of it when shorter).
std::string_view Utf8Prefix(std::string_view s, int n);
std::string_view Utf8Suffix(std::string_view s, int n);

// Hashed atoms of one word, computed once per sentence and reused by every feature template.
struct WordAtoms {
  uint64_t form = 0;
  uint64_t norm = 0;
  uint64_t shape = 0;
  uint64_t prefix[3] = {0, 0, 0};
  uint64_t suffix[4] = {0, 0, 0, 0};
  uint64_t first_syllable = 0;  // Vietnamese words: first and last syllable, syllable count
  uint64_t last_syllable = 0;
  int syllables = 1;
  bool capitalised = false;
  bool all_capitalised = false;  // every syllable (or the only one) starts with a capital
  bool has_digit = false;
};

// Computes the atoms of `form` (a word; Vietnamese words have syllables separated by spaces).
WordAtoms ComputeAtoms(std::string_view form);

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_LEXICAL_H_
