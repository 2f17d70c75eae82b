// `dyad eval --lang en|vi FILE.conllu [--from-raw] [--models DIR]`: prints
// "WORDS_F1 w UPOS u UAS a LAS l" (WORDS_F1 for vi or with --from-raw).
#include <fstream>
#include <iostream>

#include "commands.h"
#include "dyad/core/error.h"
#include "dyad/io/conllu.h"
#include "dyad/nlp/train.h"

namespace dyad::cli {
namespace {

struct EvalOptions {
  std::string language;
  std::string file;
  std::string model_dir;
  std::string write_path;
  bool from_raw = false;
};

void SetupEval(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score the nlp models on a CoNLL-U treebank (CoNLL 2018 shared task metrics)");
  cmd->add_option("--lang", options->language, "Language: en or vi")
      ->required()
      ->check(CLI::IsMember({"en", "vi"}));
  cmd->add_option("file", options->file, "Gold CoNLL-U file")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--from-raw", options->from_raw,
                "Tokenise, segment, tag and parse the raw sentence text instead of the gold words");
  cmd->add_option("--models", options->model_dir,
                  "Model directory (default: $DYAD_MODEL_DIR or the models in the source tree)");
  cmd->add_option("--write", options->write_path, "Also write the system's parses as CoNLL-U");
  cmd->callback([options, exit_code] {
    std::string dir = options->model_dir.empty() ? DefaultModelDir() : options->model_dir;
    NlpPipeline pipeline =
        NlpPipeline::LoadFile(options->language, dir + "/" + options->language + ".dyadnlp");
    std::vector<ParsedSentence> gold = ReadTreebank(options->file, options->language);
    std::vector<ParsedSentence> predicted;
    EvalScores scores = EvaluateTreebank(pipeline, options->language, gold, options->from_raw,
                                         options->write_path.empty() ? nullptr : &predicted);
    if (!options->write_path.empty()) {
      std::ofstream out(options->write_path, std::ios::binary | std::ios::trunc);
      for (const ParsedSentence& p : predicted) out << WriteConllu(p);
      if (!out) throw ResourceError(options->write_path + ": cannot write");
    }
    std::cout << FormatScores(scores) << "\n";
    *exit_code = kExitOk;
  });
}

const CommandRegistrar kRegistrar(61, SetupEval);

}  // namespace
}  // namespace dyad::cli
