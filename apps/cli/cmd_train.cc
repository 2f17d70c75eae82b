// `dyad train --lang en|vi --train FILE.conllu [--train FILE2] [--dev FILE] --out DIR`
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "dyad/nlp/train.h"

namespace dyad::cli {
namespace {

void SetupTrain(CLI::App& app, int* exit_code) {
  auto config = std::make_shared<TrainConfig>();
  CLI::App* cmd = app.add_subcommand(
      "train", "Train the segmenter (vi), tagger and parser of a language from UD treebanks");
  cmd->add_option("--lang", config->language, "Language: en or vi")
      ->required()
      ->check(CLI::IsMember({"en", "vi"}));
  cmd->add_option("--train", config->train_files, "CoNLL-U training file (repeatable)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--dev", config->dev_files, "CoNLL-U file scored after training (repeatable)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", config->out_dir, "Directory receiving <lang>.dyadnlp")->required();
  cmd->add_option("--params", config->params_file,
                  "Hyperparameters (default: data/train/<lang>.params in the source tree)");
  cmd->add_option("--lexicon", config->lexicon_file,
                  "Vietnamese: extra multi-syllable words, one per line (ours, never GPL lists)")
      ->check(CLI::ExistingFile);
  cmd->callback([config, exit_code] {
    if (config->params_file.empty()) {
      config->params_file =
          std::string(DYAD_SOURCE_DIR) + "/data/train/" + config->language + ".params";
    }
    std::filesystem::create_directories(config->out_dir);
    TrainLanguageModels(*config, std::cerr);
    *exit_code = kExitOk;
  });
}

const CommandRegistrar kRegistrar(60, SetupTrain);

}  // namespace
}  // namespace dyad::cli
