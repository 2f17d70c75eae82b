#include "dyad/coder/validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "dyad/coder/coder.h"
#include "dyad/core/error.h"
#include "dyad/dict/matcher.h"
#include "dyad/io/readers.h"
#include "dyad/ontology/ontology.h"
#include "dyad/ontology/petrarch_algebra.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ResourceError(path + ": cannot open dictionary file");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using Triple = std::tuple<std::string, std::string, std::string>;

std::string Show(const Triple& t) {
  return fmt::format("{} {} {}", std::get<0>(t), std::get<2>(t), std::get<1>(t));
}

}  // namespace

std::string ValidationSummary::SummaryLine() const {
  double pct = gold_events ? 100.0 * gold_found / gold_events : 0.0;
  return fmt::format("gold events found {}/{} ({:.1f}%), extra events {} in {} records", gold_found,
                     gold_events, pct, extra_events, records_with_extra);
}

DictionarySet LoadEnvironmentDictionaries(const std::string& xml_path,
                                          const PetrarchEnvironment& env,
                                          const ValidationOptions& options) {
  std::string dir =
      options.dict_dir.empty() ? fs::path(xml_path).parent_path().string() : options.dict_dir;
  auto path_of = [&](const std::string& name) {
    fs::path p(name);
    if (p.is_absolute() || fs::exists(p)) return p.string();
    return (fs::path(dir) / p).string();
  };
  DictionarySet set;
  set.format = DictFormat::kPetrarch;
  auto load = [&](const std::string& name, PetrarchFileKind kind) {
    if (name.empty()) return;
    std::string path = path_of(name);
    ParsePetrarchFile(ReadWhole(path), path, kind, &set);
  };
  load(options.verbs_override.empty() ? env.verb_file : options.verbs_override,
       PetrarchFileKind::kVerbs);
  for (const std::string& a : env.actor_files) load(a, PetrarchFileKind::kActors);
  load(env.agent_file, PetrarchFileKind::kAgents);
  load(env.discard_file, PetrarchFileKind::kDiscards);
  load(env.issue_file, PetrarchFileKind::kIssues);
  CheckSetReferences(&set);
  return set;
}

ValidationSummary RunValidation(const std::string& xml_path, const ValidationOptions& options,
                                const SentenceParser& parser, std::ostream& out) {
  PetrarchEnvironment env;
  std::vector<Article> articles;
  ReadOptions read;
  read.format = InputFormat::kPetrarchXml;
  read.environment = &env;
  std::vector<std::string> problems;
  ReadPath(
      xml_path, read, [&](Article&& a) { articles.push_back(std::move(a)); },
      [&](const InputProblem& p) {
        problems.push_back(
            (p.severity == InputProblem::Severity::kError ? "input error: " : "input warning: ") +
            p.message);
      });
  if (!env.present) throw InputError(xml_path, "no <Environment>: not a PETRARCH validation file");
  for (const std::string& p : problems) out << p << "\n";
  DictionarySet dictionaries = LoadEnvironmentDictionaries(xml_path, env, options);
  for (const DictProblem& p : dictionaries.problems) out << "dictionary: " << p.ToString() << "\n";
  DictionaryMatcher matcher(dictionaries);
  const Ontology& ontology = Ontology::Default();
  std::optional<PetrarchCodeAlgebra> algebra;
  if (options.coding_ontology != "none") {
    std::string path = options.coding_ontology;
    if (path.empty()) {
      // The <PICOfile> the environment names, else PETRARCH's usual file name, in the dictionary
      // folder, the verb file's folder or the XML's folder.
      std::string name =
          env.pico_file.empty() ? "PETR.Internal.Coding.Ontology.txt" : env.pico_file;
      std::vector<fs::path> dirs = {fs::path(xml_path).parent_path()};
      if (!options.verbs_override.empty())
        dirs.insert(dirs.begin(), fs::path(options.verbs_override).parent_path());
      if (!options.dict_dir.empty()) dirs.insert(dirs.begin(), fs::path(options.dict_dir));
      for (const fs::path& d : dirs) {
        fs::path candidate = d / name;
        if (fs::exists(candidate)) {
          path = candidate.string();
          break;
        }
      }
      if (path.empty() && !env.pico_file.empty())
        out << "coding ontology: <PICOfile> " << env.pico_file << " not found in the dictionary, "
            << "verb file or XML folders\n";
    }
    if (path.empty()) {
      out << "coding ontology: PETR.Internal.Coding.Ontology.txt not found; negated verbs are not "
             "coded\n";
    } else {
      algebra = PetrarchCodeAlgebra::Load(path);
      out << "coding ontology: " << path << " (negated verbs take the negated code)\n";
    }
  }
  CoderOptions coder_options;
  if (algebra) coder_options.negation_algebra = &*algebra;
  coder_options.code_intended = true;  // PETRARCH's conventions
  coder_options.locatives_are_targets = true;
  coder_options.code_nominal_events = false;
  coder_options.anonymous_agents = true;
  coder_options.petrarch_verb_phrases = true;
  coder_options.verb_forms_only = true;
  coder_options.discards_on_raw_words = true;
  coder_options.compose_complements = false;  // PETRARCH composes through its coding ontology
  Coder coder({{"", &matcher}}, ontology, coder_options);

  ValidationSummary summary;
  for (Article& article : articles) {
    bool included = env.include.empty() || std::find(env.include.begin(), env.include.end(),
                                                     article.category) != env.include.end();
    if (!included) {
      ++summary.skipped;
      continue;
    }
    if (!options.records.empty() &&
        std::none_of(options.records.begin(), options.records.end(), [&](const std::string& r) {
          if (!r.empty() && r.back() == '*')
            return article.id.compare(0, r.size() - 1, r, 0, r.size() - 1) == 0;
          return article.id == r;
        }))
      continue;
    ++summary.records;
    // PETRARCH codes these records as English text.
    article.language = "en";
    if (parser) article.given_parses.clear();  // --parse own: dyad splits and parses the text
    std::vector<Sentence> sentences = SentencesOf(article);
    std::vector<ParsedSentence> parses;
    for (Sentence& s : sentences) {
      s.language = "en";
      if (parser) {
        parses.push_back(parser(s));
      } else if (s.given_parse) {
        parses.push_back(*s.given_parse);
      } else if (options.fallback_parser) {
        // No usable given parse (none, or a Penn tree that could not be read): dyad's own.
        parses.push_back(options.fallback_parser(s));
      } else {
        parses.emplace_back();
      }
    }
    std::string explanation;
    std::vector<Event> events = coder.CodeArticle(
        article, sentences, parses, options.explain_failures ? &explanation : nullptr);
    std::multiset<Triple> gold, coded;
    for (const GoldEvent& g : article.gold)
      if (!g.code.empty()) gold.insert({g.source, g.target, g.code});
    for (const Event& e : events) coded.insert({e.source.code, e.target.code, e.cameo});
    std::vector<Triple> missing, extra;
    std::set_difference(gold.begin(), gold.end(), coded.begin(), coded.end(),
                        std::back_inserter(missing));
    std::set_difference(coded.begin(), coded.end(), gold.begin(), gold.end(),
                        std::back_inserter(extra));
    summary.gold_events += static_cast<int>(gold.size());
    summary.gold_found += static_cast<int>(gold.size() - missing.size());
    summary.extra_events += static_cast<int>(extra.size());
    if (!extra.empty()) ++summary.records_with_extra;
    if (missing.empty() && extra.empty()) {
      ++summary.passed;
      continue;
    }
    ++summary.failed;
    out << article.id << " (" << article.origin << "): " << article.text << "\n";
    for (const Triple& t : missing) out << "  missing: " << Show(t) << "\n";
    for (const Triple& t : extra) out << "  extra:   " << Show(t) << "\n";
    if (options.explain_failures) out << explanation;
  }
  return summary;
}

}  // namespace dyad
