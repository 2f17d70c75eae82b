// `dyad validate`: run PETRARCH-style validation records and compare with their gold events.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli_util.h"
#include "commands.h"
#include "dyad/coder/validation.h"
#include "dyad/core/error.h"

namespace dyad::cli {
namespace {

struct ValidateOptions {
  std::string file;
  std::string dict_dir;
  std::string verbs;
  std::string coding_ontology;
  std::string parse = "given";
  bool explain = false;
  std::vector<std::string> records;
};

int RunValidate(const ValidateOptions& opt) {
  ValidationOptions options;
  options.dict_dir = opt.dict_dir;
  options.verbs_override = opt.verbs;
  options.coding_ontology = opt.coding_ontology;
  options.explain_failures = opt.explain;
  options.records = opt.records;
  SentenceParser parser;
  std::shared_ptr<const NlpPipeline> models;
  if (opt.parse == "own") {
    models = LoadModelsOrWarn();
    if (!models) throw Error("--parse own needs dyad's parsing models (see docs/models.md)");
    parser = [models](const Sentence& s) { return models->Parse(s); };
  } else if (opt.parse != "given") {
    throw Error("--parse takes 'given' or 'own', not '" + opt.parse + "'");
  } else {
    // Records without a usable parse (none, or a malformed one) are parsed by dyad (loaded on
    // first need).
    options.fallback_parser = [models, tried = false](const Sentence& s) mutable {
      if (!models && !tried) models = LoadModelsOrWarn();
      tried = true;
      if (!models) return ParsedSentence{};
      return models->Parse(s);
    };
  }
  ValidationSummary s = RunValidation(opt.file, options, parser, std::cout);
  std::cout << s.SummaryLine() << "\n";
  std::cout << s.passed << " passed, " << s.failed << " failed\n";
  return s.failed ? kExitInputRejected : kExitOk;
}

CommandRegistrar registrar(40, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Run PETRARCH-style validation records and compare the events with their gold");
  cmd->add_option("file", opt->file, "Validation XML file (<Environment> and <Sentence> records)")
      ->required();
  cmd->add_option("--dict-dir", opt->dict_dir,
                  "Folder holding the dictionaries named in <Environment> (default: the XML's)");
  cmd->add_option("--verbs", opt->verbs, "Verb dictionary to use instead of <Verbfile>");
  cmd->add_option("--coding-ontology", opt->coding_ontology,
                  "PETRARCH's PETR.Internal.Coding.Ontology.txt for negated verbs (default: found "
                  "beside the dictionaries; 'none' = negated verbs are not coded)");
  cmd->add_option("--parse", opt->parse,
                  "given: use the records' parses (CoNLL-U, or Penn trees converted to "
                  "dependencies); own: parse the text with dyad's models")
      ->capture_default_str();
  cmd->add_flag("--explain", opt->explain, "Print the coder's account of every failed record");
  cmd->add_option("--record", opt->records,
                  "Run only the records with this id (repeatable; a trailing * matches a prefix)");
  cmd->callback([opt, exit_code] { *exit_code = RunValidate(*opt); });
});

}  // namespace
}  // namespace dyad::cli
