#include <gtest/gtest.h>

#include "dyad/core/error.h"
#include "dyad/dict/dictionary.h"

namespace dyad {
namespace {

DictionarySet Parse(std::string_view text, const std::string& lang = "") {
  DictionarySet set;
  ParseDyadFile(text, "test.txt", lang, &set);
  CheckSetReferences(&set);
  return set;
}

std::vector<std::string> Problems(const DictionarySet& set) {
  std::vector<std::string> out;
  for (const DictProblem& p : set.problems) out.push_back(p.ToString());
  return out;
}

long Day(const char* text) { return Date::Parse(text)->DaysSinceEpoch(); }

TEST(DyadReaderTest, ActorWithNamesKindsAndRoles) {
  DictionarySet set = Parse(R"(# people
actor To Lam
  code VNMELI
  en To Lam | Lam To
  en.short Gen. To Lam     # the comment is not a name
  vi Tô Lâm
  vi.adj người Tô \# not a comment
  en.place Hanoi
  role VNMCOP 2016-04-09 2024-05-22   # Minister of Public Security
  role VNMGOV 2024-08-03 -            # General Secretary
  role VNMGOV - 2000-01-01
)");
  EXPECT_EQ(Problems(set), std::vector<std::string>{});
  ASSERT_EQ(set.actors.size(), 1u);
  const ActorEntry& a = set.actors[0];
  EXPECT_EQ(a.display_name, "To Lam");
  EXPECT_EQ(a.default_code, "VNMELI");
  ASSERT_EQ(a.names.size(), 6u);
  EXPECT_EQ(a.names[1].text, "Lam To");
  EXPECT_EQ(a.names[2].text, "Gen. To Lam");
  EXPECT_EQ(a.names[2].kind, NameKind::kShort);
  EXPECT_EQ(a.names[3].lang, "vi");
  EXPECT_EQ(a.names[4].text, "người Tô # not a comment");
  EXPECT_EQ(a.names[4].kind, NameKind::kAdjective);
  EXPECT_EQ(a.names[5].kind, NameKind::kPlace);
  ASSERT_EQ(a.roles.size(), 3u);
  EXPECT_EQ(a.roles[0].code, "VNMCOP");
  EXPECT_EQ(a.roles[0].first_day, Day("2016-04-09"));
  EXPECT_EQ(a.roles[0].last_day, Day("2024-05-22"));
  EXPECT_EQ(a.roles[0].note, "Minister of Public Security");
  EXPECT_EQ(a.roles[0].source.line, 9u);
  EXPECT_EQ(a.roles[1].last_day, ActorRole::kOpenEnd);
  EXPECT_EQ(a.roles[2].first_day, ActorRole::kOpenStart);
  EXPECT_EQ(set.files[0].actors, 1);
  EXPECT_EQ(set.files[0].actor_names, 6);
  EXPECT_EQ(set.files[0].roles, 3);
  EXPECT_EQ(set.Where(a.source), "test.txt:2");
}

// A `place` has names but no code or roles, and is counted apart from the actors.
TEST(DyadReaderTest, PlacesHaveNamesOnly) {
  DictionarySet set = Parse(R"(place South China Sea
  en South China Sea
  vi biển Nam Trung Hoa
  code CHN
  role CHNGOV 2020-01-01 -
place Nowhere
)");
  EXPECT_EQ(Problems(set),
            (std::vector<std::string>{
                "test.txt:4: a `place` names no actor and takes no `code`; line skipped",
                "test.txt:5: a `place` names no actor and takes no `role`; line skipped",
                "test.txt:6: place \"Nowhere\" has no `en` or `vi` names: it can never match"}));
  ASSERT_EQ(set.actors.size(), 2u);
  EXPECT_TRUE(set.actors[0].no_actor);
  EXPECT_EQ(set.actors[0].names.size(), 2u);
  EXPECT_TRUE(set.actors[0].default_code.empty());
  EXPECT_TRUE(set.actors[0].roles.empty());
  EXPECT_EQ(set.files[0].places, 2);
  EXPECT_EQ(set.files[0].actors, 0);
}

TEST(DyadReaderTest, DatedRolesAtTheirBoundariesLatestStartWins) {
  DictionarySet set = Parse(R"(actor X
  code VNMELI
  en X
  role VNMCOP 2016-04-09 2024-05-22
  role VNMGOV 2024-05-22 2024-10-21
  role VNMPTY 2024-08-03 -
)");
  ASSERT_TRUE(set.problems.empty());
  const ActorEntry& a = set.actors[0];
  auto code = [&](const char* d) { return a.CodeOn(*Date::Parse(d)); };
  EXPECT_EQ(code("2016-04-08"), "VNMELI");  // before every role: default
  EXPECT_EQ(code("2016-04-09"), "VNMCOP");  // first day inclusive
  EXPECT_EQ(code("2024-05-21"), "VNMCOP");
  EXPECT_EQ(code("2024-05-22"), "VNMGOV");  // overlap on the handover day: the later start wins
  EXPECT_EQ(code("2024-08-02"), "VNMGOV");
  EXPECT_EQ(code("2024-08-03"), "VNMPTY");  // overlapping roles: latest start wins
  EXPECT_EQ(code("2024-10-21"), "VNMPTY");
  EXPECT_EQ(code("2030-01-01"), "VNMPTY");  // open end
  EXPECT_EQ(a.RoleOn(*Date::Parse("2016-04-08")), nullptr);
  EXPECT_EQ(a.RoleOn(*Date::Parse("2024-05-23"))->source.line, 5u);
}

TEST(DyadReaderTest, AgentsWithIrregularPlurals) {
  DictionarySet set = Parse(R"(agent GOV
  foreign minister | minister of foreign affairs
  chief of staff {chiefs of staff}
agent REB
  guerrilla {guerrillas | guerillas}
)",
                            "en");
  EXPECT_EQ(Problems(set), std::vector<std::string>{});
  ASSERT_EQ(set.agents.size(), 4u);
  EXPECT_EQ(set.agents[0].noun, "foreign minister");
  EXPECT_EQ(set.agents[0].code, "GOV");
  EXPECT_TRUE(set.agents[0].derive_plurals);
  EXPECT_EQ(set.agents[2].plurals, std::vector<std::string>{"chiefs of staff"});
  EXPECT_EQ(set.agents[3].code, "REB");
  EXPECT_EQ((set.agents[3].plurals), (std::vector<std::string>{"guerrillas", "guerillas"}));
  EXPECT_EQ(RegularPlural("minister"), "ministers");
  EXPECT_EQ(RegularPlural("party"), "parties");
  EXPECT_EQ(RegularPlural("boss"), "bosses");
  EXPECT_EQ(RegularPlural("attorney"), "attorneys");
  EXPECT_EQ(RegularPlural("minister of foreign affairs"), "ministers of foreign affairs");
  EXPECT_EQ(RegularPlural("chief of staff"), "chiefs of staff");
  EXPECT_EQ(RegularPlural("riot police officer"), "riot police officers");
  DictionarySet vi = Parse("agent GOV\n  Bộ trưởng | Ngoại trưởng\n", "vi");
  ASSERT_EQ(vi.agents.size(), 2u);
  EXPECT_FALSE(vi.agents[1].derive_plurals);
  EXPECT_EQ(vi.agents[1].lang, "vi");
}

TEST(DyadReaderTest, VerbPatternsEveryItem) {
  DictionarySet set = Parse(R"(set &PRESS reporters | journalists
set &TALKS talks
  negotiations | dialogue
verb meet {met}
  040  *
  040  * with +
  ---  * with &PRESS
  043:042  * $ &TALKS
  041  not * by $
)",
                            "en");
  EXPECT_EQ(Problems(set), std::vector<std::string>{});
  ASSERT_EQ(set.verbs.size(), 1u);
  const VerbBlock& b = set.verbs[0];
  EXPECT_EQ(b.name, "meet");
  ASSERT_EQ(b.verbs.size(), 1u);
  EXPECT_EQ(b.verbs[0].lemma, "meet");
  EXPECT_EQ(b.verbs[0].forms,
            (std::vector<std::string>{"meet", "meets", "meeted", "meeting", "met"}));
  ASSERT_EQ(b.patterns.size(), 5u);
  using K = PatternItem::Kind;
  EXPECT_EQ(b.patterns[0].code, "040");
  EXPECT_EQ(b.patterns[0].items.size(), 1u);
  EXPECT_EQ(b.patterns[0].items[0].kind, K::kVerb);
  EXPECT_EQ(b.patterns[1].items[1].kind, K::kWord);
  EXPECT_EQ(b.patterns[1].items[1].alternatives, std::vector<std::string>{"with"});
  EXPECT_EQ(b.patterns[1].items[2].kind, K::kTarget);
  EXPECT_EQ(b.patterns[1].text, "* with +");
  EXPECT_EQ(b.patterns[2].code, "---");
  EXPECT_EQ(b.patterns[2].items[2].kind, K::kSet);
  EXPECT_EQ(b.patterns[2].items[2].text, "PRESS");
  EXPECT_EQ(set.sets.at(b.patterns[2].items[2].set_key).members,
            (std::vector<std::string>{"reporters", "journalists"}));
  EXPECT_EQ(set.sets.at(b.patterns[3].items[2].set_key).members,
            (std::vector<std::string>{"talks", "negotiations", "dialogue"}));
  EXPECT_EQ(b.patterns[3].code, "043");
  EXPECT_EQ(b.patterns[3].reverse_code, "042");
  EXPECT_EQ(b.patterns[3].items[1].kind, K::kSource);
  EXPECT_EQ(b.patterns[4].items[0].alternatives, std::vector<std::string>{"not"});
  EXPECT_EQ(b.patterns[4].Specificity(), 2);
  EXPECT_EQ(set.files[0].verbs, 1);
  EXPECT_EQ(set.files[0].patterns, 5);
  EXPECT_EQ(set.files[0].sets, 2);
}

TEST(DyadReaderTest, VietnameseVerbsKeepSyllablesAndDoNotInflect) {
  DictionarySet set = Parse(R"(verb điện đàm
  041  *
  041  * với +
  042  * chuyến_thăm +
)",
                            "vi");
  EXPECT_EQ(Problems(set), std::vector<std::string>{});
  const VerbBlock& b = set.verbs[0];
  EXPECT_EQ(b.verbs[0].lemma, "điện đàm");
  EXPECT_EQ(b.verbs[0].forms, std::vector<std::string>{"điện đàm"});
  EXPECT_EQ(b.patterns[2].items[1].alternatives, std::vector<std::string>{"chuyến thăm"});
  EXPECT_EQ(b.lang, "vi");
}

TEST(DyadReaderTest, RegularVerbForms) {
  EXPECT_EQ(RegularVerbForms("visit"),
            (std::vector<std::string>{"visits", "visited", "visiting", "visitted", "visitting"}));
  EXPECT_EQ(RegularVerbForms("expel"),
            (std::vector<std::string>{"expels", "expeled", "expeling", "expelled", "expelling"}));
  EXPECT_EQ(RegularVerbForms("meet"), (std::vector<std::string>{"meets", "meeted", "meeting"}));
  EXPECT_EQ(RegularVerbForms("stop"), (std::vector<std::string>{"stops", "stopped", "stopping"}));
  EXPECT_EQ(RegularVerbForms("agree"), (std::vector<std::string>{"agrees", "agreed", "agreeing"}));
  EXPECT_EQ(RegularVerbForms("accuse"),
            (std::vector<std::string>{"accuses", "accused", "accusing"}));
  EXPECT_EQ(RegularVerbForms("deny"), (std::vector<std::string>{"denies", "denied", "denying"}));
  EXPECT_EQ(RegularVerbForms("push"), (std::vector<std::string>{"pushes", "pushed", "pushing"}));
  EXPECT_EQ(RegularVerbForms("back down"),
            (std::vector<std::string>{"backs down", "backed down", "backing down"}));
}

TEST(DyadReaderTest, DiscardsAndIssues) {
  DictionarySet set = Parse(R"(discard sentence
  football match | world cup
discard article
  horoscope
issue TRADE
  tariff | trade deficit
)",
                            "en");
  EXPECT_EQ(Problems(set), std::vector<std::string>{});
  ASSERT_EQ(set.discards.size(), 3u);
  EXPECT_FALSE(set.discards[1].whole_article);
  EXPECT_TRUE(set.discards[2].whole_article);
  ASSERT_EQ(set.issues.size(), 2u);
  EXPECT_EQ(set.issues[1].phrase, "trade deficit");
  EXPECT_EQ(set.issues[1].code, "TRADE");
}

TEST(DyadReaderTest, EveryProblemNamesFileAndLine) {
  DictionarySet set = Parse(R"(actor Nobody
  en Nobody
  role VNMGOV 2024-13-01 -
  role VNMGOV 2024-05-01 2024-04-01
  role VNMGOV 2024-05-01
  fr Personne
  en.nick Nobby
  code vnm
  code VNM
  en A |  | B
  code VNMGOV
actor Broken
  en Broken
agent GOV
  minister {ministers
verb meet
  040  * with
  999  *
  040  with +
  040  * + +
  040  * &NOSUCH
thing here
  indented under a rejected block
   stray
discard sometimes
  x
)",
                            "en");
  std::vector<std::string> expected = {
      "test.txt:3: \"2024-13-01\" is not a date YYYY-MM-DD or `-`; role skipped",
      "test.txt:4: role ends before it starts; role skipped",
      "test.txt:5: `role` needs CODE FROM TO (dates YYYY-MM-DD or -): `role VNMGOV 2024-08-03 -`; "
      "line skipped",
      "test.txt:6: unknown actor field `fr` (expected code, en, vi, en.adj, ..., role); line "
      "skipped",
      "test.txt:7: unknown name kind `.nick` (use .adj, .place or .short); line skipped",
      "test.txt:8: actor code \"vnm\" may only contain upper-case letters and digits",
      "test.txt:9: second `code` line; the first (vnm) is kept",
      "test.txt:10: empty name (two `|` in a row?)",
      "test.txt:11: second `code` line; the first (vnm) is kept",
      "test.txt:12: actor \"Broken\" has no `code` line: loaded without a default code (give `code "
      "CODE`)",
      "test.txt:15: braces must close once, at the end: `word {form | form}`; \"minister "
      "{ministers\" skipped",
      "test.txt:14: block has no entries below it",
      "test.txt:18: pattern code: \"999\" is not a CAMEO event code (see "
      "data/ontology/cameo_events.tsv) (write CODE, "
      "SRC:TGT or ---); pattern skipped",
      "test.txt:19: a pattern needs exactly one `*` (the verb); found 0; pattern skipped",
      "test.txt:20: a pattern may have at most one `+` and one `$`; pattern skipped",
      "test.txt:22: unknown block `thing` (expected actor, place, agent, verb, set, discard or "
      "issue; "
      "field lines are "
      "indented); block skipped",
      "test.txt:23: skipped: belongs to the rejected block at line 22",
      "test.txt:24: skipped: belongs to the rejected block at line 22",
      "test.txt:25: `discard` must be followed by `sentence` or `article`; block skipped",
      "test.txt:26: skipped: belongs to the rejected block at line 25",
      "test.txt:21: set &NOSUCH is not declared in this file (`set &NOSUCH word | word`)",
  };
  EXPECT_EQ(Problems(set), expected);
  // What was loaded: the valid parts of each block.
  ASSERT_EQ(set.actors.size(), 2u);
  EXPECT_EQ(set.actors[0].names.size(), 3u);  // Nobody, A, B
  EXPECT_TRUE(set.actors[0].roles.empty());
  ASSERT_EQ(set.verbs.size(), 1u);
  EXPECT_EQ(set.verbs[0].patterns.size(), 2u);  // `* with` and `* &NOSUCH`
}

TEST(DyadReaderTest, NameClashesBetweenEntriesAreReported) {
  DictionarySet set = Parse(
      "actor Georgia\n  code GEO\n  en Georgia\nactor Georgia (US state)\n  code USA\n"
      "  en GEORGIA | Atlanta\nactor Again\n  code GEO\n  en Tbilisi | tbilisi\n");
  CheckNameClashes(&set);
  EXPECT_EQ(Problems(set),
            std::vector<std::string>{"test.txt:6: name \"GEORGIA\" also names actor \"Georgia\" "
                                     "(test.txt:3); the matcher always picks that one"});
}

TEST(DyadReaderTest, RepeatedPatternsAreReported) {
  DictionarySet set;
  ParseDyadFile("verb meet {met}\n  040  * with +\n  040  *  with  +\n", "a.txt", "en", &set);
  ParseDyadFile("verb meet\n  036  * with +\n  040  * +\n", "b.txt", "en", &set);
  ParseDyadFile("verb meet\n  036  * with +\n", "c.txt", "vi", &set);  // another language
  CheckDuplicatePatterns(&set);
  EXPECT_EQ(Problems(set),
            (std::vector<std::string>{"a.txt:3: pattern \"*  with  +\" of verb \"meet\" repeats "
                                      "a.txt:2 (same code 040); keep one",
                                      "b.txt:2: pattern \"* with +\" of verb \"meet\" repeats "
                                      "a.txt:2 with another code (040 there, 036 "
                                      "here); keep one"}));
}

TEST(DyadReaderTest, SetsBelongToTheirFile) {
  DictionarySet set;
  ParseDyadFile("set &A x | y\nverb go\n  040  * &A\n", "one.txt", "en", &set);
  ParseDyadFile("verb come\n  040  * &A\n", "two.txt", "en", &set);
  CheckSetReferences(&set);
  ASSERT_EQ(set.problems.size(), 1u);
  EXPECT_EQ(set.problems[0].ToString(),
            "two.txt:2: set &A is not declared in this file (`set &A word | word`)");
}

TEST(DyadReaderTest, LoadDirectoryReadsActorsEnViAndRejectsOthers) {
  std::string dir = std::string(DYAD_SOURCE_DIR) + "/src/dict/testdata/dyad";
  DictionarySet set = LoadDyadDictionaries(dir);
  ASSERT_EQ(set.files.size(), 4u);
  EXPECT_EQ(set.files[0].path, dir + "/actors/people.txt");
  EXPECT_EQ(set.files[1].path, dir + "/en/agents.txt");
  EXPECT_EQ(set.files[3].path, dir + "/vi/verbs.txt");
  ASSERT_EQ(set.problems.size(), 1u);
  EXPECT_EQ(set.problems[0].ToString(),
            dir +
                "/misc/notes.txt: not read: dictionary files belong in actors/, en/ or vi/ "
                "under the dictionary directory");
  EXPECT_THROW(LoadDyadDictionaries(dir + "/nonexistent"), Error);
}

}  // namespace
}  // namespace dyad
