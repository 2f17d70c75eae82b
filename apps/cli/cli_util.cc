#include "cli_util.h"

#include <unistd.h>

#include <cstdio>

#include "dyad/core/error.h"
#include "dyad/dict/dictionary.h"
#include "dyad/nlp/nlp.h"
#include "dyad/ontology/ontology.h"

namespace dyad::cli {

void ProblemReporter::operator()(const InputProblem& problem) {
  bool error = problem.severity == InputProblem::Severity::kError;
  (error ? errors_ : warnings_)++;
  std::fprintf(stderr, "\rdyad: %s: %s\n", error ? "error" : "warning", problem.message.c_str());
}

void ProblemReporter::AddError(const std::string& message) {
  (*this)(InputProblem{InputProblem::Severity::kError, message});
}

std::vector<std::string> InputPathsOrStdin(const std::vector<std::string>& paths) {
  if (!paths.empty()) return paths;
  if (isatty(STDIN_FILENO))
    throw Error("no input: give files or directories, or pipe articles to standard input");
  return {"-"};
}

std::shared_ptr<const NlpPipeline> LoadModelsOrWarn(const DictionarySet* names_from) {
  std::string dir = DefaultModelDir();
  try {
    auto pipeline = std::make_shared<NlpPipeline>(NlpPipeline::Load(dir));
    if (names_from) {
      std::vector<std::string> names;
      for (const ActorEntry& actor : names_from->actors)
        for (const ActorName& name : actor.names)
          if (name.lang == "vi") names.push_back(name.text);
      pipeline->SetKnownNames(names);
    }
    return pipeline;
  } catch (const ResourceError& e) {
    std::fprintf(stderr,
                 "dyad: warning: %s\ndyad: warning: without parsing models, raw text is split into "
                 "sentences but not coded (supplied CoNLL-U parses still are)\n",
                 e.what());
    return nullptr;
  }
}

Pipeline MakePipeline(const std::string& dict_dir) {
  Pipeline pipeline =
      Pipeline::WithDictionaries(dict_dir.empty() ? DefaultDataDir() + "/dict" : dict_dir);
  if (auto models = LoadModelsOrWarn(pipeline.dictionaries())) {
    pipeline.SetParser([models](const Sentence& s) { return models->Parse(s); });
  }
  return pipeline;
}

ProgressBar::ProgressBar(size_t total)
    : total_(total),
      enabled_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressBar::Update(size_t done, const std::string& detail) {
  if (!enabled_ || total_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(2)) return;
  if (shown_ && now - last_ < std::chrono::milliseconds(100) && done < total_) return;
  last_ = now;
  shown_ = true;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * done / total_);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r[%s] %zu/%zu %s\x1b[K", bar.c_str(), done, total_, detail.c_str());
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (shown_) std::fprintf(stderr, "\r\x1b[K");
}

}  // namespace dyad::cli
