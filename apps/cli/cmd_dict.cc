// `dyad dict check` validates a dictionary set; `dyad dict lookup` shows what a text matches.
#include <cstdio>
#include <string>

#include "commands.h"
#include "dyad/core/date.h"
#include "dyad/core/error.h"
#include "dyad/dict/dictionary.h"
#include "dyad/dict/matcher.h"
#include "dyad/ontology/ontology.h"
#include "dyad/text/normalize.h"
#include "dyad/text/segmenter.h"

namespace dyad::cli {
namespace {

struct DictOptions {
  std::string dict_dir;
  std::string format = "dyad";
  std::string text;
  std::string date;
  std::string lang;
};

DictionarySet Load(const DictOptions& options) {
  std::string dir = options.dict_dir.empty() ? DefaultDataDir() + "/dict" : options.dict_dir;
  return options.format == "petrarch" ? LoadPetrarchDictionaries(dir) : LoadDyadDictionaries(dir);
}

std::string DayText(long day, bool start) {
  if (day == ActorRole::kOpenStart || day == ActorRole::kOpenEnd) return start ? "-" : "-";
  return Date::FromDaysSinceEpoch(day).ToString();
}

int RunCheck(const DictOptions& options) {
  DictionarySet set = Load(options);
  DictFileStats total;
  for (const DictFileStats& f : set.files) {
    std::string counts;
    auto add = [&](int n, const char* what) {
      if (n > 0) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(f.actors, "actors");
    add(f.places, "places");
    add(f.actor_names, "names");
    add(f.roles, "roles");
    add(f.agents, "agents");
    add(f.verb_blocks, "verb blocks");
    add(f.verbs, "verbs");
    add(f.patterns, "patterns");
    add(f.sets, "sets");
    add(f.discards, "discards");
    add(f.issues, "issues");
    add(f.transformations, "transformations (kept, not used)");
    std::printf("%s: %s\n", f.path.c_str(), counts.empty() ? "no entries" : counts.c_str());
    total.actors += f.actors;
    total.places += f.places;
    total.actor_names += f.actor_names;
    total.roles += f.roles;
    total.agents += f.agents;
    total.verbs += f.verbs;
    total.patterns += f.patterns;
    total.discards += f.discards;
    total.issues += f.issues;
  }
  std::printf(
      "total: %zu files, %d actors, %d places, %d names, %d roles, %d agents, %d verbs, %d "
      "patterns, %d discards, %d issues\n",
      set.files.size(), total.actors, total.places, total.actor_names, total.roles, total.agents,
      total.verbs, total.patterns, total.discards, total.issues);
  for (const DictProblem& problem : set.problems) std::printf("%s\n", problem.ToString().c_str());
  std::printf("%zu problem%s\n", set.problems.size(), set.problems.size() == 1 ? "" : "s");
  return set.problems.empty() ? kExitOk : kExitInputRejected;
}

int RunLookup(const DictOptions& options) {
  std::optional<Date> date = Date::Parse(options.date);
  if (!date) throw InputError("--date", "\"" + options.date + "\" is not a date YYYY-MM-DD");
  DictionarySet set = Load(options);
  if (!set.problems.empty()) {
    std::fprintf(stderr, "dyad: %zu dictionary problem(s); run `dyad dict check` to see them\n",
                 set.problems.size());
  }
  DictionaryMatcher matcher(set, options.lang);
  std::string text = NormalizeNfc(options.text);
  std::vector<Token> raw_tokens = Tokenize(text);
  MatchTokens tokens = PrepareTokens(raw_tokens);
  auto surface = [&](size_t begin, size_t end) {
    return text.substr(raw_tokens[begin].span.begin,
                       raw_tokens[end - 1].span.end - raw_tokens[begin].span.begin);
  };
  std::vector<CodedActor> found = matcher.FindActors(tokens, *date);
  std::vector<bool> covered(tokens.size(), false);
  for (const CodedActor& c : found) {
    for (size_t i = c.begin; i < c.end; ++i) covered[i] = true;
    std::printf("%s\t%s\n", c.code.empty() ? "(no code on this date)" : c.code.c_str(),
                surface(c.begin, c.end).c_str());
    if (c.actor) {
      const ActorEntry& a = *c.actor->entry;
      std::printf("  actor \"%s\" (%s) default %s\n", a.display_name.c_str(),
                  set.Where(a.source).c_str(),
                  a.default_code.empty() ? "(none)" : a.default_code.c_str());
      if (c.actor->role != nullptr) {
        const ActorRole& r = *c.actor->role;
        std::printf("  role %s %s %s%s%s (%s)\n", r.code.c_str(),
                    DayText(r.first_day, true).c_str(), DayText(r.last_day, false).c_str(),
                    r.note.empty() ? "" : "  # ", r.note.c_str(), set.Where(r.source).c_str());
      } else {
        std::printf("  no role on %s: default code\n", date->ToString().c_str());
      }
    }
    if (c.agent) {
      const AgentEntry& g = *c.agent->entry;
      std::printf("  agent \"%s\" %s%s (%s)\n", g.noun.c_str(), g.code_is_prefix ? "prefix " : "",
                  g.code.c_str(), set.Where(g.source).c_str());
    }
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (covered[i]) continue;
    for (const VerbRef& v : matcher.FindVerb(tokens.exact[i])) {
      std::printf("verb\t%s\n  block \"%s\" verb \"%s\" code %s, %zu patterns (%s)\n",
                  surface(i, i + 1).c_str(), v.block->name.c_str(), v.verb->lemma.c_str(),
                  v.verb->code.empty() ? (v.block->code.empty() ? "(none)" : v.block->code.c_str())
                                       : v.verb->code.c_str(),
                  v.block->patterns.size(), set.Where(v.verb->source).c_str());
    }
  }
  if (found.empty()) std::printf("no actor found\n");
  return kExitOk;
}

CommandRegistrar registrar(50, [](CLI::App& app, int* exit_code) {
  auto options = std::make_shared<DictOptions>();
  CLI::App* dict = app.add_subcommand("dict", "Validate dictionaries and look names up");
  dict->require_subcommand(1);
  CLI::App* check =
      dict->add_subcommand("check", "Validate a dictionary set: entry counts and every problem");
  check->add_option("--dict-dir", options->dict_dir,
                    "Dictionary directory (default: the repository's data/dict)");
  check->add_option("--format", options->format, "dyad or petrarch")
      ->check(CLI::IsMember({"dyad", "petrarch"}));
  check->callback([options, exit_code] { *exit_code = RunCheck(*options); });
  CLI::App* lookup =
      dict->add_subcommand("lookup", "Show the actors, agents and verbs a text matches on a date");
  lookup->add_option("text", options->text, "Text to look up")->required();
  lookup->add_option("--date", options->date, "Date YYYY-MM-DD")->required();
  lookup->add_option("--dict-dir", options->dict_dir,
                     "Dictionary directory (default: the repository's data/dict)");
  lookup->add_option("--format", options->format, "dyad or petrarch")
      ->check(CLI::IsMember({"dyad", "petrarch"}));
  lookup->add_option("--lang", options->lang, "Only names and agents of this language")
      ->check(CLI::IsMember({"en", "vi"}));
  lookup->callback([options, exit_code] { *exit_code = RunLookup(*options); });
});

}  // namespace
}  // namespace dyad::cli
