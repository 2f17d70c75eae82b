// `dyad parse`: tokenise, tag and parse articles with dyad's models and write CoNLL-U.
#include <cstdio>
#include <memory>

#include "cli_util.h"
#include "commands.h"
#include "dyad/core/error.h"
#include "dyad/dict/dictionary.h"
#include "dyad/io/conllu.h"
#include "dyad/ontology/ontology.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad::cli {
namespace {

struct ParseOptions {
  std::vector<std::string> paths;
  std::string input_format = "auto";
  std::string format = "conllu";
  std::string dict_dir;
};

int RunParse(const ParseOptions& opt) {
  if (opt.format != "conllu") throw Error("--format takes 'conllu', not '" + opt.format + "'");
  ReadOptions read_options;
  read_options.format = ParseInputFormat(opt.input_format);
  // The segmenter keeps the dictionaries' Vietnamese names whole, as `dyad code` does.
  DictionarySet names =
      LoadDyadDictionaries(opt.dict_dir.empty() ? DefaultDataDir() + "/dict" : opt.dict_dir);
  auto models = LoadModelsOrWarn(&names);
  if (!models) throw Error("dyad parse needs the parsing models (see docs/models.md)");
  ProblemReporter problems;
  for (const std::string& path : InputPathsOrStdin(opt.paths)) {
    ReadPath(
        path, read_options,
        [&](Article&& a) {
          std::printf("# newdoc id = %s\n", a.id.c_str());
          for (const Sentence& s : SentencesOf(a)) {
            ParsedSentence p = models->Parse(s);
            p.comments = {"sent_id = " + a.id + "-" + std::to_string(s.index),
                          "text = " + a.text.substr(s.span.begin, s.span.end - s.span.begin)};
            for (char& c : p.comments[1])
              if (c == '\n' || c == '\r') c = ' ';
            std::fputs(WriteConllu(p).c_str(), stdout);
          }
        },
        std::ref(problems));
  }
  return problems.errors() ? kExitInputRejected : kExitOk;
}

CommandRegistrar registrar(25, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ParseOptions>();
  CLI::App* cmd =
      app.add_subcommand("parse", "Tokenise, tag and parse articles with dyad's models (CoNLL-U)");
  cmd->add_option("paths", opt->paths, "Files or directories; standard input if none");
  cmd->add_option("--format", opt->format, "Output format: conllu")->capture_default_str();
  cmd->add_option("--dict-dir", opt->dict_dir,
                  "dyad dictionaries whose Vietnamese actor names the segmenter keeps whole "
                  "(default: data/dict)");
  cmd->add_option("--input-format", opt->input_format, "auto, text, jsonl, xml or conllu")
      ->capture_default_str();
  cmd->callback([opt, exit_code] { *exit_code = RunParse(*opt); });
});

}  // namespace
}  // namespace dyad::cli
