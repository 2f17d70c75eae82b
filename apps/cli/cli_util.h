// Helpers shared by the CLI commands: reading inputs with problem reporting, and a progress bar.
#ifndef DYAD_APPS_CLI_CLI_UTIL_H_
#define DYAD_APPS_CLI_CLI_UTIL_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "dyad/io/readers.h"
#include "dyad/nlp/nlp.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad::cli {

// Counts problems and prints each to standard error as "dyad: warning: ..." or "dyad: error: ...".
class ProblemReporter {
 public:
  void operator()(const InputProblem& problem);
  int errors() const { return errors_; }
  int warnings() const { return warnings_; }
  void AddError(const std::string& message);

 private:
  int errors_ = 0;
  int warnings_ = 0;
};

// The input paths to read: as given, or "-" (standard input) when none were given.
// Throws dyad::Error when none were given and standard input is a terminal.
std::vector<std::string> InputPathsOrStdin(const std::vector<std::string>& paths);

// The coding pipeline: dictionaries from `dict_dir` (default: DefaultDataDir()/dict), the CAMEO
// tables, and dyad's parsing models when they are installed.
Pipeline MakePipeline(const std::string& dict_dir);

// dyad's parsing models from DefaultModelDir(), or nullptr (with a warning on standard error) when
// none are installed. With `names_from`, the Vietnamese segmenter keeps its actors' Vietnamese
// names whole (NlpPipeline::SetKnownNames).
std::shared_ptr<const NlpPipeline> LoadModelsOrWarn(const DictionarySet* names_from = nullptr);

// A one-line progress bar on standard error, shown only when standard error is a terminal and the
// work has already run for more than two seconds.
class ProgressBar {
 public:
  explicit ProgressBar(size_t total);
  void Update(size_t done, const std::string& detail);
  void Finish();

 private:
  size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace dyad::cli

#endif  // DYAD_APPS_CLI_CLI_UTIL_H_
