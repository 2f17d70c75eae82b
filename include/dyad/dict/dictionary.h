// The in-memory form of a dictionary set: actors with dated roles, agents, verb patterns, word
// sets, discards and issues. Both dyad's own format (docs/dictionaries.md) and PETRARCH/TABARI
// dictionaries load into this one representation, so the coder works with either. Every entry
// remembers its file and line; every line a loader cannot use is reported as a DictProblem, never
// silently dropped.
#ifndef DYAD_DICT_DICTIONARY_H_
#define DYAD_DICT_DICTIONARY_H_

#include <climits>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/date.h"

namespace dyad {

enum class DictFormat { kDyad, kPetrarch };

// Where an entry came from: an index into DictionarySet::files and a 1-based line.
struct DictSource {
  uint32_t file = 0;
  uint32_t line = 0;
};

// Something wrong in a dictionary file. The entry is either skipped (the message says so) or loaded
// as described in the message.
struct DictProblem {
  std::string file;
  int line = 0;  // 0 when the problem concerns the whole file
  std::string message;
  // "file:line: message".
  std::string ToString() const;
};

// A code valid on days first_day..last_day inclusive (days since 1970-01-01; open ends are
// kOpenStart / kOpenEnd).
struct ActorRole {
  static constexpr long kOpenStart = LONG_MIN;
  static constexpr long kOpenEnd = LONG_MAX;
  std::string code;  // "VNMGOV"; "---" is an explicit "not coded in this period"
  long first_day = kOpenStart;
  long last_day = kOpenEnd;
  std::string note;  // the comment after the role (which office it is), may be empty
  DictSource source;
  bool Covers(long day) const { return first_day <= day && day <= last_day; }
};

enum class NameKind { kName, kAdjective, kPlace, kShort };

// One way of writing an actor. `text` is as written in the file (PETRARCH underscores become
// spaces).
struct ActorName {
  std::string text;
  std::string lang;  // "en", "vi", or "" (PETRARCH: any)
  NameKind kind = NameKind::kName;
  // Written in capitals in a dyad file ("US", "WHO", "IS"): matches only text in capitals, so that
  // "us", "who" and "is" are not actors. (PETRARCH files write every name in capitals: never set.)
  bool capitals_only = false;
  // Starts with a capital letter in a dyad file ("China", "Mỹ"): the text must too ("china" the
  // porcelain, "mỹ thuật" fine arts), unless the text has no capital letter at all. Names written
  // in lower case ("nước ta", "phía Mỹ") match either way. Never set for PETRARCH names.
  bool capital_initial = false;
  DictSource source;
};

struct ActorEntry {
  std::string display_name;
  std::string
      default_code;  // used when no role covers the date; may be empty (PETRARCH: only dated codes)
  std::vector<std::string> extra_codes;  // PETRARCH `[A/B]` or several undated codes: further codes
  std::vector<ActorName> names;
  std::vector<ActorRole> roles;
  DictSource source;
  // A `place` block: a place named after a country that is no actor ("South China Sea", "biển
  // Nhật Bản"). Its names are matched like an actor's so that the country inside them is not
  // found, and then dropped: no mention, no code.
  bool no_actor = false;

  // The role covering `date` that started last (ties: the one written last), or nullptr.
  const ActorRole* RoleOn(const Date& date) const;
  // The code on `date`: RoleOn(date)'s code, else default_code.
  const std::string& CodeOn(const Date& date) const;
};

// A role noun ("foreign minister", "Bộ trưởng"). The code attaches to a country code: after it
// (`suffix`, the usual case: VNM + GOV) or before it (PETRARCH `[NGO~]`: NGO + VNM).
struct AgentEntry {
  std::string noun;  // as written (PETRARCH underscores become spaces)
  std::vector<std::string>
      plurals;                 // irregular or listed plurals; regular English ones are derived
  bool derive_plurals = true;  // false for Vietnamese and for PETRARCH `{}`
  std::string code;            // "GOV", "GOVLEG"
  bool code_is_prefix = false;
  std::string lang;            // "en", "vi", or "" (PETRARCH)
  bool capitals_only = false;  // as ActorName::capitals_only ("CEO")
  DictSource source;
};

// True when `text` has at least two letters and no lower-case letter ("US", "U.S.", "MTTQ").
bool IsWrittenInCapitals(std::string_view text);
// True when the first letter of `text` is a capital ("China", "Đà Nẵng").
bool StartsWithCapital(std::string_view text);

// One item of a verb pattern, in surface order.
struct PatternItem {
  enum class Kind {
    kVerb,         // `*`
    kWord,         // a word; `alternatives` holds its forms (PETRARCH `A/B`)
    kTarget,       // `+`
    kSource,       // `$`
    kCompound,     // PETRARCH `%`: source and target are both the subject (compound actor)
    kSkip,         // PETRARCH `^`: skip a noun phrase
    kSet,          // `&SET`: `text` is the set name without `&`
    kPhraseBegin,  // PETRARCH `(`: a prepositional phrase begins
    kPhraseEnd,    // `)`
    kGroupBegin,   // PETRARCH `{`: the following words form one noun phrase
    kGroupEnd,     // `}`
  };
  Kind kind = Kind::kWord;
  std::string text;                       // the item as written (word, set name)
  std::string set_key;                    // kSet: key into DictionarySet::sets (see WordSetKey)
  std::vector<std::string> alternatives;  // kWord: the folded forms; Vietnamese `a_b` -> "a b"
};

// A pattern and the codes it gives. `code` is a CAMEO code, "---" (match but code nothing), or
// empty (PETRARCH `[:190]`: no source→target event); `reverse_code` is the target→source code of a
// pair `043:042`, empty otherwise.
struct VerbPattern {
  std::string code;
  std::string reverse_code;
  std::vector<PatternItem> items;
  std::string text;  // the pattern as written
  DictSource source;
  // Number of items that are words or sets: the specificity used to pick the best pattern.
  int Specificity() const;
};

// One verb of a block: its lemma (multi-word verbs with spaces) and its forms.
struct VerbWord {
  std::string lemma;
  std::vector<std::string> forms;  // every form including the lemma and derived regular forms
  std::string code;                // the verb's own code (the code of the verb alone), may be empty
  DictSource source;
};

// A block of verbs sharing patterns: dyad's `verb` block (one verb), PETRARCH's `--- NAME [code]
// ---`.
struct VerbBlock {
  std::string name;
  std::string code;  // the block's code for the bare verb ("---" or empty: none)
  std::string lang;
  std::vector<VerbWord> verbs;
  std::vector<VerbPattern> patterns;
  DictSource source;
};

// A named word set (`set &SET ...`, PETRARCH `&SET` with `+WORD` lines). Members are folded
// phrases.
struct WordSet {
  std::string name;  // without `&`
  std::vector<std::string> members;
  DictSource source;
};

struct DiscardEntry {
  std::string phrase;
  bool whole_article = false;  // `discard article`, PETRARCH `+phrase`
  std::string lang;
  DictSource source;
};

// An issue phrase. `exclude` phrases (PETRARCH `~phrase`) cancel the category when they match.
struct IssueEntry {
  std::string phrase;
  std::string code;      // the issue tag, e.g. "TRADE"
  std::string category;  // PETRARCH <ISSUE CATEGORY="..."> or our header's tag
  bool exclude = false;
  std::string lang;
  DictSource source;
};

// A line kept verbatim because dyad does not interpret it (PETRARCH transformation rules `~ a
// (...)`).
struct RawEntry {
  std::string text;
  DictSource source;
};

// Entry counts of one file, as printed by `dyad dict check`.
struct DictFileStats {
  std::string path;
  int actors = 0;
  int places = 0;  // `place` blocks (their names count as actor_names)
  int actor_names = 0;
  int roles = 0;
  int agents = 0;
  int verb_blocks = 0;
  int verbs = 0;
  int patterns = 0;
  int sets = 0;
  int discards = 0;
  int issues = 0;
  int transformations = 0;
};

struct DictionarySet {
  DictFormat format = DictFormat::kDyad;
  std::vector<DictFileStats> files;  // indexed by DictSource::file
  std::vector<ActorEntry> actors;
  std::vector<AgentEntry> agents;
  std::vector<VerbBlock> verbs;
  std::map<std::string, WordSet> sets;  // by key, see WordSet
  std::vector<DiscardEntry> discards;
  std::vector<IssueEntry> issues;
  std::vector<RawEntry> transformations;  // kept, not used by the coder
  std::vector<DictProblem> problems;

  // "path:line" of an entry.
  std::string Where(const DictSource& source) const;
};

// Loads dyad's own dictionaries from `dir` (normally data/dict): every *.txt under dir/actors,
// dir/en and dir/vi, sorted by path. Problems are collected, not thrown; throws ResourceError only
// when `dir` is not a readable directory.
DictionarySet LoadDyadDictionaries(const std::string& dir);

// Loads PETRARCH/TABARI dictionaries from `dir`: every *.txt file, its kind told by its name
// (`*verbs*` or `CAMEO*`: verbs; `*actors*`; `*agents*`; `*discards*`; `*issue*`). Throws
// ResourceError only when `dir` is not a readable directory.
DictionarySet LoadPetrarchDictionaries(const std::string& dir);

// Reports every actor name that another actor entry already uses (same spelling after
// FoldForMatch): the matcher would never pick the later entry for it. Called by
// LoadDyadDictionaries.
void CheckNameClashes(DictionarySet* set);

// Reports every pattern that repeats an earlier pattern of the same verb (same language, lemma and
// items), saying whether the codes differ. Called by LoadDyadDictionaries.
void CheckDuplicatePatterns(DictionarySet* set);

// The key of set `name` declared in file `file` (dyad format).
std::string WordSetKey(uint32_t file, std::string_view name);

// Reports every pattern item `&SET` whose set is not declared anywhere in `set` (called by the
// loaders after all files are read; call it yourself after ParseDyadFile/ParsePetrarchFile).
void CheckSetReferences(DictionarySet* set);

// Parsers for one file's text, used by the loaders and by tests. `path` names the file in problems;
// `lang` is "en" or "vi" for dyad files ("" for the bilingual actors folder and for PETRARCH).
void ParseDyadFile(std::string_view text, const std::string& path, const std::string& lang,
                   DictionarySet* set);
enum class PetrarchFileKind { kVerbs, kActors, kAgents, kDiscards, kIssues };
void ParsePetrarchFile(std::string_view text, const std::string& path, PetrarchFileKind kind,
                       DictionarySet* set);

// Regular English inflections of `lemma`'s first word: "meet" -> {"meets", "meeting", "meeted"};
// "stop" -> {"stops", "stopping", "stopped"}. Multi-word lemmas inflect their first word ("back
// down"
// -> "backs down", ...).
std::vector<std::string> RegularVerbForms(std::string_view lemma);
// Regular English plural of a noun phrase's last word: "minister" -> "ministers", "party" ->
// "parties".
std::string RegularPlural(std::string_view noun);

}  // namespace dyad

#endif  // DYAD_DICT_DICTIONARY_H_
