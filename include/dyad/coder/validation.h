// PETRARCH-style validation: codes the records of a validation XML file with the dictionaries its
// <Environment> names and compares the events with the records' <EventCoding> gold.
#ifndef DYAD_CODER_VALIDATION_H_
#define DYAD_CODER_VALIDATION_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/dict/dictionary.h"

namespace dyad {

// Parses a sentence with dyad's own models (for --parse own); empty function = use given parses.
using SentenceParser = std::function<ParsedSentence(const Sentence&)>;

struct ValidationOptions {
  std::string dict_dir;  // where the <Environment> files are looked up ("" = the XML's folder)
  std::string verbs_override;  // a verb file to use instead of <Verbfile> ("" = none)
  // PETRARCH's coding ontology (negated verbs): a file path, "" = PETR.Internal.Coding.Ontology.txt
  // found in dict_dir, the verb file's folder or the XML's folder, "none" = not used.
  std::string coding_ontology;
  bool explain_failures = false;  // print the coder's account of each failed record
  // Only the records with these ids ("DEMO_1*" matches ids starting with DEMO_1); empty = all.
  std::vector<std::string> records;
  // Parses the records that have no usable given parse (none, or a Penn tree that could not be
  // read); empty = such records are coded from no parse (no events).
  SentenceParser fallback_parser;
};

struct ValidationSummary {
  int records = 0;  // records run
  int skipped = 0;  // outside the <Include> categories
  int passed = 0;
  int failed = 0;
  int gold_events = 0;
  int gold_found = 0;
  int extra_events = 0;
  int records_with_extra = 0;
  // "gold events found A/B (P%), extra events C in D records".
  std::string SummaryLine() const;
};

// Loads the PETRARCH dictionaries named by `environment` (files looked up in options.dict_dir).
// Problems go into the returned set; throws ResourceError when a named file is missing.
DictionarySet LoadEnvironmentDictionaries(const std::string& xml_path,
                                          const struct PetrarchEnvironment& environment,
                                          const ValidationOptions& options);

// Runs the validation file at `xml_path`, writing each mismatch to `out`. With `parser` set,
// records are parsed by it instead of using their given parses.
ValidationSummary RunValidation(const std::string& xml_path, const ValidationOptions& options,
                                const SentenceParser& parser, std::ostream& out);

}  // namespace dyad

#endif  // DYAD_CODER_VALIDATION_H_
