#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "dyad/dict/dictionary.h"

namespace dyad {
namespace {

const std::string kPetrarch = std::string(DYAD_SOURCE_DIR) + "/../shared/data/petrarch2";

DictionarySet Parse(std::string_view text, PetrarchFileKind kind) {
  DictionarySet set;
  ParsePetrarchFile(text, "p.txt", kind, &set);
  CheckSetReferences(&set);
  return set;
}

std::vector<std::string> Problems(const DictionarySet& set) {
  std::vector<std::string> out;
  for (const DictProblem& p : set.problems) out.push_back(p.ToString());
  return out;
}

long Day(const char* text) { return Date::Parse(text)->DaysSinceEpoch(); }

TEST(PetrarchReaderTest, VerbSynsetsBlocksAndPatterns) {
  DictionarySet set = Parse(R"(# comment
&CURRENCY
+DOLLAR
+CASH_
---  DISMISS  [110]  ---
+BRING_OUT {+BRINGS_OUT +BROUGHT_OUT }
DISMISS
DEFY {DEFYING DEFIED DEFIES } [120]
- * SPECULATION                     [010]   # DISMISS
- * {PASSENGER CARS} (TO +)         [061]
- $ * ^ &CURRENCY TO +              [043:042]
- % * (BY/WITH PROTESTS)            [:141]
- NOT_* [---]
~ a (a b ATTACK) SAY = a b 015
)",
                            PetrarchFileKind::kVerbs);
  EXPECT_EQ(Problems(set), std::vector<std::string>{});
  ASSERT_EQ(set.sets.count("CURRENCY"), 1u);
  EXPECT_EQ(set.sets.at("CURRENCY").members, (std::vector<std::string>{"dollar", "cash"}));
  ASSERT_EQ(set.verbs.size(), 1u);
  const VerbBlock& b = set.verbs[0];
  EXPECT_EQ(b.name, "DISMISS");
  EXPECT_EQ(b.code, "110");
  ASSERT_EQ(b.verbs.size(), 3u);
  EXPECT_EQ(b.verbs[0].lemma, "bring out");
  EXPECT_EQ(b.verbs[0].forms, (std::vector<std::string>{"bring out", "brings out", "brought out"}));
  EXPECT_EQ(b.verbs[1].forms,
            (std::vector<std::string>{"dismiss", "dismisses", "dismissed", "dismissing"}));
  EXPECT_EQ(b.verbs[2].code, "120");
  ASSERT_EQ(b.patterns.size(), 5u);
  using K = PatternItem::Kind;
  auto kinds = [](const VerbPattern& p) {
    std::vector<K> out;
    for (const auto& item : p.items) out.push_back(item.kind);
    return out;
  };
  EXPECT_EQ(b.patterns[0].code, "010");
  EXPECT_EQ(b.patterns[0].text, "* SPECULATION");
  EXPECT_EQ(kinds(b.patterns[1]),
            (std::vector<K>{K::kVerb, K::kGroupBegin, K::kWord, K::kWord, K::kGroupEnd,
                            K::kPhraseBegin, K::kWord, K::kTarget, K::kPhraseEnd}));
  EXPECT_EQ(kinds(b.patterns[2]),
            (std::vector<K>{K::kSource, K::kVerb, K::kSkip, K::kSet, K::kWord, K::kTarget}));
  EXPECT_EQ(b.patterns[2].code, "043");
  EXPECT_EQ(b.patterns[2].reverse_code, "042");
  EXPECT_EQ(b.patterns[2].items[3].set_key, "CURRENCY");
  EXPECT_EQ(b.patterns[3].code, "");
  EXPECT_EQ(b.patterns[3].reverse_code, "141");
  EXPECT_EQ(b.patterns[3].items[0].kind, K::kCompound);
  EXPECT_EQ(b.patterns[3].items[3].alternatives, (std::vector<std::string>{"by", "with"}));
  EXPECT_EQ(kinds(b.patterns[4]), (std::vector<K>{K::kWord, K::kVerb}));
  ASSERT_EQ(set.transformations.size(), 1u);
  EXPECT_EQ(set.transformations[0].source.line, 14u);
  EXPECT_EQ(set.files[0].sets, 1);
  EXPECT_EQ(set.files[0].verbs, 3);
  EXPECT_EQ(set.files[0].patterns, 5);
}

TEST(PetrarchReaderTest, VerbProblems) {
  DictionarySet set = Parse(R"(DISMISS
---  SAY  [010]
- * ACCUSATION
- * (TO PROTEST [141]
- ACCUSE [176]
- * &NOSET [010]
)",
                            PetrarchFileKind::kVerbs);
  std::vector<std::string> expected = {
      "p.txt:1: verb or pattern line before any `---  VERB  [code]  ---` block header; skipped",
      "p.txt:2: block header should end with `---`: `---  VERB  [code]  ---`",
      "p.txt:3: pattern without a [code]; loaded without a code",
      "p.txt:4: unbalanced ( ) or { } in the pattern",
      "p.txt:5: \"176\" is not a CAMEO event code (see data/ontology/cameo_events.tsv) (loaded as "
      "written)",
      "p.txt:5: pattern has 0 `*` (the verb) instead of one",
      "p.txt:6: set &NOSET is not declared",
  };
  EXPECT_EQ(Problems(set), expected);
  EXPECT_EQ(set.verbs[0].patterns.size(), 4u);  // every pattern line is kept
}

TEST(PetrarchReaderTest, ActorsWithDatesSynonymsAndGroups) {
  DictionarySet set = Parse(R"(<!-- a comment
  spanning lines -->
UNITED_STATES  [USA]
+USA
+U.S.  #JW   9/12/91
GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
ANN_VENEMAN_	[USAGOV 010120-050120] [IGOUNOKID >050501]
MIKHAIL_S._GORBACHEV
GENERAL_SECRETARY_GORBACHEV
	[RUSELI 480101-850311]
	[SUNGOV]
THE_SHIRE  [FRO/BIL]
PALESTINIAN [pse]
ARMENIA_
	[ARMUNR 9008223-911221]
	[ARMUNR 300101-300102]
	[ARM >911221]
NOBODY_
)",
                            PetrarchFileKind::kActors);
  std::vector<std::string> expected = {
      "p.txt:17: lower-case code \"pse\" read as PSE",
      "p.txt:19: date restriction \" 9008223-911221\" is not <DATE, >DATE or DATE-DATE with YYMMDD "
      "or YYYYMMDD "
      "dates; role skipped",
      "p.txt:22: actor \"NOBODY\" has no [code], nor has any actor after it",
  };
  EXPECT_EQ(Problems(set), expected);
  ASSERT_EQ(set.actors.size(), 9u);
  const ActorEntry& usa = set.actors[0];
  EXPECT_EQ(usa.display_name, "UNITED STATES");
  EXPECT_EQ(usa.default_code, "USA");
  ASSERT_EQ(usa.names.size(), 3u);
  EXPECT_EQ(usa.names[2].text, "U.S.");
  const ActorEntry& gollum = set.actors[1];
  EXPECT_EQ(gollum.default_code, "");
  ASSERT_EQ(gollum.roles.size(), 3u);
  EXPECT_EQ(gollum.roles[0].first_day, ActorRole::kOpenStart);
  EXPECT_EQ(gollum.roles[0].last_day, Day("1995-06-01"));
  EXPECT_EQ(gollum.roles[1].first_day, Day("1995-06-01"));
  EXPECT_EQ(gollum.roles[1].last_day, Day("1999-08-15"));
  EXPECT_EQ(gollum.roles[2].first_day, Day("1999-08-16"));
  EXPECT_EQ(gollum.CodeOn(*Date::Parse("1995-06-01")), "HOBGOV");  // boundary: the later start wins
  EXPECT_EQ(gollum.CodeOn(*Date::Parse("1995-05-31")), "HOB");
  EXPECT_EQ(gollum.CodeOn(*Date::Parse("1999-08-16")), "HOBREB");
  const ActorEntry& veneman = set.actors[2];
  ASSERT_EQ(veneman.roles.size(), 2u);
  EXPECT_EQ(veneman.CodeOn(*Date::Parse("2003-01-01")), "USAGOV");
  EXPECT_EQ(veneman.CodeOn(*Date::Parse("2006-01-01")), "IGOUNOKID");
  EXPECT_EQ(veneman.CodeOn(*Date::Parse("2005-03-01")), "");
  // A codeless line takes the codes of the next actor with codes (TABARI grouping).
  EXPECT_EQ(set.actors[3].display_name, "MIKHAIL S. GORBACHEV");
  EXPECT_EQ(set.actors[3].default_code, "SUNGOV");
  EXPECT_EQ(set.actors[3].roles.size(), 1u);
  EXPECT_EQ(set.actors[5].default_code, "FRO");
  EXPECT_EQ(set.actors[5].extra_codes, std::vector<std::string>{"BIL"});
  EXPECT_EQ(set.actors[6].default_code, "PSE");
  ASSERT_EQ(set.actors[7].roles.size(), 2u);
  EXPECT_EQ(set.actors[7].roles[0].first_day, Day("2030-01-01"));  // YY 00-30 are 20YY
  EXPECT_EQ(set.actors[7].roles[1].first_day, Day("1991-12-21"));
  EXPECT_EQ(set.files[0].actors, 9);
  EXPECT_EQ(set.files[0].actor_names, 12);
  EXPECT_EQ(set.files[0].roles, 8);
}

TEST(PetrarchReaderTest, AgentsDiscardsIssues) {
  DictionarySet agents = Parse(R"(!PERSON! = MAN, MEN, WOMAN
CONGRESS!PERSON! [~LEG]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
POLICE {} [ ~COP]
HUMAN_RIGHTS_BODY  [NGO~]
NO_CODE_HERE
)",
                               PetrarchFileKind::kAgents);
  EXPECT_EQ(Problems(agents),
            std::vector<std::string>{"p.txt:6: agent line needs one [~CODE] or [CODE~]; skipped"});
  ASSERT_EQ(agents.agents.size(), 6u);
  EXPECT_EQ(agents.agents[0].noun, "CONGRESSMAN");
  EXPECT_EQ(agents.agents[2].noun, "CONGRESSWOMAN");
  EXPECT_EQ(agents.agents[3].plurals, std::vector<std::string>{"ATTORNEYS GENERAL"});
  EXPECT_FALSE(agents.agents[4].derive_plurals);
  EXPECT_EQ(agents.agents[4].code, "COP");
  EXPECT_TRUE(agents.agents[5].code_is_prefix);
  EXPECT_EQ(agents.agents[5].code, "NGO");
  EXPECT_EQ(agents.files[0].agents, 4);

  DictionarySet discards =
      Parse("MONTHS LATER\n+World Golf Championships   # pas\n", PetrarchFileKind::kDiscards);
  ASSERT_EQ(discards.discards.size(), 2u);
  EXPECT_FALSE(discards.discards[0].whole_article);
  EXPECT_TRUE(discards.discards[1].whole_article);
  EXPECT_EQ(discards.discards[1].phrase, "World Golf Championships");

  DictionarySet issues = Parse(R"(<ISSUE CATEGORY="EDUCATION" TYPE="ALL">
n:preschool [EARLY_CHILDHOOD_EDUCATION]
pre+k [EARLY_CHILDHOOD_EDUCATION]
~a head start
</ISSUE>
</ISSUE>
)",
                               PetrarchFileKind::kIssues);
  EXPECT_EQ(Problems(issues), std::vector<std::string>{"p.txt:6: </ISSUE> without <ISSUE>"});
  ASSERT_EQ(issues.issues.size(), 3u);
  EXPECT_EQ(issues.issues[0].phrase, "preschool");
  EXPECT_EQ(issues.issues[0].category, "EDUCATION");
  EXPECT_EQ(issues.issues[1].phrase, "pre-k");
  EXPECT_TRUE(issues.issues[2].exclude);
}

// The counts the loader reports for ../shared/data/petrarch2 against counts made here by a simpler
// method: classify each non-comment line by its first character. A line the loader skipped must
// then appear as a problem on that line, so together they account for every line.
struct SimpleCounts {
  int verb_blocks = 0, verbs = 0, patterns = 0, sets = 0, transformations = 0;
  int actors = 0, synonyms = 0, dated_codes = 0;
  int agent_lines = 0, discards = 0, issues = 0;
};

SimpleCounts CountSimply(const std::string& path) {
  std::ifstream in(path);
  SimpleCounts c;
  std::string line;
  bool in_comment = false, in_set = false;
  std::string name = std::filesystem::path(path).filename().string();
  static const std::regex dated(R"(\[\s*[^\]\s]+\s+[^\]]*[0-9][^\]]*\])");
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (in_comment) {
      if (line.find("-->") != std::string::npos) in_comment = false;
      continue;
    }
    if (line.rfind("<!", 0) == 0) {
      in_comment = line.find("-->") == std::string::npos;
      continue;
    }
    line = line.substr(0, line.find('#'));
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    line = line.substr(first);
    if (name.find("verbs") != std::string::npos || name.rfind("CAMEO", 0) == 0) {
      if (line.rfind("---", 0) == 0) {
        ++c.verb_blocks;
        in_set = false;
      } else if (line[0] == '-') {
        ++c.patterns;
      } else if (line[0] == '&') {
        ++c.sets;
        in_set = true;
      } else if (line[0] == '~') {
        ++c.transformations;
      } else if (!(line[0] == '+' && in_set)) {
        ++c.verbs;
      }
    } else if (name.find("actors") != std::string::npos) {
      if (line[0] == '+') {
        ++c.synonyms;
      } else if (line[0] != '[') {
        ++c.actors;
      }
      for (std::sregex_iterator it(line.begin(), line.end(), dated), end; it != end; ++it)
        ++c.dated_codes;
    } else if (name.find("agents") != std::string::npos) {
      if (!(line[0] == '!' && line.find('=') != std::string::npos)) ++c.agent_lines;
    } else if (name.find("discards") != std::string::npos) {
      ++c.discards;
    } else if (name.find("Issue") != std::string::npos) {
      if (line[0] != '<') ++c.issues;
    }
  }
  return c;
}

TEST(PetrarchReaderTest, LoadsPhoenixDictionariesWithIndependentCounts) {
  if (!std::filesystem::exists(kPetrarch + "/CAMEO.2.0.txt")) {
    GTEST_SKIP() << "PETRARCH reference dictionaries absent from " << kPetrarch;
  }
  DictionarySet set = LoadPetrarchDictionaries(kPetrarch);
  ASSERT_EQ(set.files.size(), 11u);
  for (const DictFileStats& f : set.files) {
    SimpleCounts expected = CountSimply(f.path);
    int skipped = 0, skipped_roles = 0;
    for (const DictProblem& p : set.problems) {
      ASSERT_GT(p.line, 0) << p.ToString();
      if (p.file != f.path) continue;
      if (p.message.find("role skipped") != std::string::npos)
        ++skipped_roles;
      else if (p.message.find("; skipped") != std::string::npos)
        ++skipped;
    }
    SCOPED_TRACE(f.path);
    EXPECT_EQ(f.verb_blocks, expected.verb_blocks);
    EXPECT_EQ(f.patterns, expected.patterns);
    EXPECT_EQ(f.sets, expected.sets);
    EXPECT_EQ(f.verbs, expected.verbs);
    EXPECT_EQ(f.transformations, expected.transformations);
    EXPECT_EQ(f.actors, expected.actors);
    EXPECT_EQ(f.actor_names, expected.actors + expected.synonyms);
    EXPECT_EQ(f.roles + skipped_roles, expected.dated_codes);
    if (expected.agent_lines > 0) {
      EXPECT_EQ(f.agents + skipped, expected.agent_lines);  // skipped agent lines are reported
    } else {
      EXPECT_EQ(skipped, 0);
    }
    EXPECT_EQ(f.discards, expected.discards);
    EXPECT_EQ(f.issues, expected.issues);
  }
  // The totals, as `dyad dict check --format petrarch` prints them.
  int actors = 0, patterns = 0, roles = 0;
  for (const DictFileStats& f : set.files) {
    actors += f.actors;
    patterns += f.patterns;
    roles += f.roles;
  }
  EXPECT_EQ(actors, 27380);
  EXPECT_EQ(patterns, 5142);
  EXPECT_EQ(static_cast<int>(set.actors.size()), actors);
  // Known faults of the reference files are reported at their lines.
  auto reported = [&](const std::string& file, int line) {
    for (const DictProblem& p : set.problems) {
      if (p.file == kPetrarch + "/" + file && p.line == line) return true;
    }
    return false;
  };
  EXPECT_TRUE(reported("Phoenix.Countries.actors.txt", 2039));  // [ARMUNR 9008223-911221]
  EXPECT_TRUE(reported("PETR.Validate.actors.txt", 112));       // ISILDUR [+++]
}

}  // namespace
}  // namespace dyad
