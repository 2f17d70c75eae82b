// CoNLL-U reading and writing (https://universaldependencies.org/format.html).
#ifndef DYAD_IO_CONLLU_H_
#define DYAD_IO_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

// Parses CoNLL-U text into sentences. Comment lines are kept (without "# "); "# text = ..." sets
// ParsedSentence::text (otherwise text is the forms joined by spaces, honouring SpaceAfter=No).
// Multiword token lines are kept in multiword_tokens; empty nodes ("8.1") are skipped.
// `origin` names the source in errors. Throws InputError naming origin:line on a malformed row
// (wrong column count, non-numeric id or head, ids out of sequence).
std::vector<ParsedSentence> ParseConllu(std::string_view text, const std::string& origin);

// Like ParseConllu, but a malformed sentence is skipped and its error appended to `errors` instead
// of aborting the whole file, so one bad block never loses the rest of a batch.
std::vector<ParsedSentence> ParseConlluLenient(std::string_view text, const std::string& origin,
                                               std::vector<std::string>* errors);

// Writes one sentence as a CoNLL-U block (comments, rows, blank line).
std::string WriteConllu(const ParsedSentence& sentence);

}  // namespace dyad

#endif  // DYAD_IO_CONLLU_H_
