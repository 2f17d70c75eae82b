// Article readers: plain text, JSON Lines, PETRARCH XML and CoNLL-U, from files, directories or
// standard input. Readers never abort a batch: a bad file or line is reported through the error
// sink and reading goes on with the next one.
#ifndef DYAD_IO_READERS_H_
#define DYAD_IO_READERS_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

enum class InputFormat { kAuto, kText, kJsonl, kPetrarchXml, kConllu };

// "auto", "text", "jsonl", "xml", "conllu". Throws dyad::Error naming the accepted values
// otherwise.
InputFormat ParseInputFormat(std::string_view name);
std::string_view InputFormatName(InputFormat format);

// The format a file name implies by its extension, or kAuto when the extension says nothing.
InputFormat FormatFromExtension(std::string_view path);
// The format of `content` judged from its first non-blank characters.
InputFormat SniffFormat(std::string_view content);

// A message about the input. Errors mean an article (or line) was rejected; warnings mean it was
// read but something was repaired (invalid UTF-8 replaced, an unknown date dropped).
struct InputProblem {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  std::string message;  // starts with "file:line" or "file:byte N"
};

// The <Environment> of a PETRARCH validation file: which dictionaries its records are coded with.
struct PetrarchEnvironment {
  std::string verb_file;
  std::vector<std::string> actor_files;
  std::string agent_file;
  std::string discard_file;
  std::string issue_file;
  std::string pico_file;             // <PICOfile>: PETRARCH's internal coding ontology (negation)
  std::vector<std::string> include;  // record categories to run; empty = all
  bool present = false;
};

// How to read inputs.
struct ReadOptions {
  InputFormat format = InputFormat::kAuto;
  // Articles with more text than this are rejected with an error (a 50 MB "article" is a broken
  // export, not news); 0 = no limit.
  size_t max_article_bytes = 10u << 20;
  // Receives the <Environment> of PETRARCH validation files when not null.
  PetrarchEnvironment* environment = nullptr;
};

using ArticleSink = std::function<void(Article&&)>;
using ProblemSink = std::function<void(const InputProblem&)>;

// Parses one input's content. `origin` is the file path (or "<stdin>") used in messages and, for
// plain text and CoNLL-U, to derive the article id (file name without extension).
void ReadContent(std::string_view content, const std::string& origin, const ReadOptions& options,
                 const ArticleSink& sink, const ProblemSink& problems);

// Reads a file, a directory (recursively, files with a known extension, in name order) or "-"
// (standard input). A missing or unreadable path is reported as a problem, not thrown.
void ReadPath(const std::string& path, const ReadOptions& options, const ArticleSink& sink,
              const ProblemSink& problems);

// The files ReadPath would read for `path` ("-" stays "-"), for progress reporting.
std::vector<std::string> ListInputFiles(const std::string& path, const ProblemSink& problems);

// The article id of a file: its file name without directory and extension.
std::string ArticleIdFromPath(std::string_view path);

// Sets Word::span for each word of `parse` by finding its form in `text` from `offset` on (words
// are in order). Sets has_spans when every word was found. Used for supplied parses.
void AlignWordsToText(std::string_view text, uint32_t offset, ParsedSentence* parse);

}  // namespace dyad

#endif  // DYAD_IO_READERS_H_
