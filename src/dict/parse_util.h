// Helpers shared by the dictionary readers (internal to src/dict).
#ifndef DYAD_SRC_DICT_PARSE_UTIL_H_
#define DYAD_SRC_DICT_PARSE_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict/dictionary.h"

namespace dyad::dict_internal {

std::string_view Trim(std::string_view s);

// Splits `s` on `sep`, trimming each part and keeping empty parts (callers report them).
std::vector<std::string> Split(std::string_view s, std::string_view sep);

// Calls fn(line_number, line) for every line of `text` (without the line break, '\r' removed).
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t start = 0;
  int line_no = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(++line_no, line);
    start = end + 1;
  }
}

// FoldForMatch with a fast path for ASCII text (most dictionary lines), which gives the same
// result: lower case, white space collapsed and trimmed.
std::string Fold(std::string_view text);

// Adds a problem for `path`:`line`.
void Report(DictionarySet* set, const std::string& path, int line, std::string message);

// Empty when `code` is a CAMEO event code in the codebook, else what is wrong. "---" is accepted.
std::string CheckEventCode(std::string_view code);

// Empty when `code` is a well-formed actor code (Ontology::CheckActorCode), else what is wrong.
std::string CheckActorCode(std::string_view code);

// Adds a file to set->files and returns its index.
uint32_t AddFile(DictionarySet* set, const std::string& path);

}  // namespace dyad::dict_internal

#endif  // DYAD_SRC_DICT_PARSE_UTIL_H_
