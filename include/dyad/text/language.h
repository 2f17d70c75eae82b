// Language identification between English and Vietnamese (the languages dyad codes).
#ifndef DYAD_TEXT_LANGUAGE_H_
#define DYAD_TEXT_LANGUAGE_H_

#include <string>
#include <string_view>

namespace dyad {

// Returns "vi", "en" or "und" (too little text, or neither). Works on a single sentence, and on
// Vietnamese written without diacritics (it falls back to syllable statistics).
std::string IdentifyLanguage(std::string_view text);

}  // namespace dyad

#endif  // DYAD_TEXT_LANGUAGE_H_
