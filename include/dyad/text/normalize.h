// Unicode normalisation and the folding used for dictionary lookups.
#ifndef DYAD_TEXT_NORMALIZE_H_
#define DYAD_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace dyad {

// Returns `text` in Unicode NFC. Invalid UTF-8 sequences are replaced by U+FFFD; when
// `first_invalid` is not null it receives the byte offset of the first invalid sequence, or
// std::string::npos.
std::string NormalizeNfc(std::string_view text, size_t* first_invalid = nullptr);

// True when `text` is well-formed UTF-8. When not, *offset (if given) is the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* offset = nullptr);

// Moves Vietnamese tone marks to one placement ("new style", the one VTB and most news use:
// "hoà" -> "hòa", "thuý" -> "thúy", "quả" unchanged). NFC in, NFC out; other text is unchanged.
// The result may differ in byte length from the input; callers that need spans keep the original.
std::string NormalizeVietnameseTones(std::string_view text);

// The key under which names are looked up: NFC, tone placement normalised, lower case (full Unicode
// case folding), typographic apostrophes and dashes unified, runs of white space collapsed to one
// space.
std::string FoldForMatch(std::string_view text);

// FoldForMatch and then every Vietnamese diacritic removed ("tô lâm" -> "to lam", "đ" -> "d"), so
// Vietnamese written without diacritics still matches.
std::string FoldWithoutDiacritics(std::string_view text);
// The second half of FoldWithoutDiacritics, for text already folded with FoldForMatch (so that a
// caller holding both spellings folds once).
std::string StripFoldedDiacritics(std::string_view folded);

}  // namespace dyad

#endif  // DYAD_TEXT_NORMALIZE_H_
