// `dyad explain`: per sentence, the parse, the actors and verbs found, the patterns tried and why
// each event was or was not coded.
#include <cstdio>
#include <memory>

#include "cli_util.h"
#include "commands.h"
#include "dyad/io/event_writer.h"

namespace dyad::cli {
namespace {

struct ExplainOptions {
  std::vector<std::string> paths;
  std::string input_format = "auto";
  std::string dict_dir;
};

int RunExplain(const ExplainOptions& opt) {
  ReadOptions read_options;
  read_options.format = ParseInputFormat(opt.input_format);
  ProblemReporter problems;
  Pipeline pipeline = MakePipeline(opt.dict_dir);
  for (const std::string& path : InputPathsOrStdin(opt.paths)) {
    ReadPath(
        path, read_options,
        [&](Article&& a) {
          std::string id = a.id;
          std::string date = a.date ? a.date->ToString() : "-";
          std::string explanation;
          ProcessedArticle r = pipeline.Process(std::move(a), &explanation);
          std::printf("# article %s date %s language %s sentences %zu events %zu\n", id.c_str(),
                      date.c_str(), r.article.language.c_str(), r.sentences.size(),
                      r.events.size());
          if (!pipeline.has_parser()) {
            bool unparsed = false;
            for (const Sentence& s : r.sentences) unparsed |= !s.given_parse.has_value();
            if (unparsed)
              std::printf(
                  "  (no parsing models are installed: raw-text sentences are not coded)\n");
          }
          std::fputs(explanation.c_str(), stdout);
          for (const Event& e : r.events) std::printf("EVENT %s\n", EventToJson(e).dump().c_str());
        },
        std::ref(problems));
  }
  return problems.errors() ? kExitInputRejected : kExitOk;
}

CommandRegistrar registrar(30, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Show, per sentence, the parse, actors, verbs, patterns tried and why events were coded");
  cmd->add_option("paths", opt->paths, "Files or directories; standard input if none");
  cmd->add_option("--input-format", opt->input_format, "auto, text, jsonl, xml or conllu")
      ->capture_default_str();
  cmd->add_option("--dict-dir", opt->dict_dir, "Dictionary folder (default: dyad's data/dict)");
  cmd->callback([opt, exit_code] { *exit_code = RunExplain(*opt); });
});

}  // namespace
}  // namespace dyad::cli
