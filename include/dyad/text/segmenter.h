// Sentence splitting and tokenisation with byte offsets.
#ifndef DYAD_TEXT_SEGMENTER_H_
#define DYAD_TEXT_SEGMENTER_H_

#include <string_view>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

// Splits `text` (NFC) into tokens: English words and punctuation (clitics "n't", "'s" split as in
// UD English), Vietnamese syllables and punctuation. Numbers, dates ("15.4.2023", "19/2"),
// abbreviations
// ("U.S.", "TP.HCM"), URLs and e-mail addresses stay whole. Offsets are relative to `text` plus
// `base`.
std::vector<Token> Tokenize(std::string_view text, uint32_t base = 0);

// Splits an article's text into sentences, each with its span, tokens and identified language.
// `language_hint` ("en", "vi" or "") is used when a sentence is too short to identify.
// Does not break after abbreviations ("U.S.", "Mr.", "No.", "TS.", "TP.", "PGS.", "ThS.", "Q."),
// initials
// ("J. Smith"), or inside numbers and dates ("15.4.2023"). Blank lines always end a sentence.
std::vector<Sentence> SplitSentences(std::string_view text, std::string_view language_hint = "");

}  // namespace dyad

#endif  // DYAD_TEXT_SEGMENTER_H_
