// Compiled dictionary matchers: built once from a DictionarySet, immutable afterwards, and safe to
// share between threads. They match over normalised tokens: each token is folded
// (FoldWithoutDiacritics, so "Tô Lâm", "TÔ LÂM" and "To Lam" meet) and a possessive "'s" is
// dropped; when several entries share a diacritic-free key, the one whose folded spelling (with
// diacritics) equals the text's wins.
#ifndef DYAD_DICT_MATCHER_H_
#define DYAD_DICT_MATCHER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dyad/core/date.h"
#include "dyad/core/document.h"
#include "dyad/dict/dictionary.h"

namespace dyad {

// Tokens prepared for matching: `keys` (diacritics removed) drive the lookup, `exact` (diacritics
// kept) break ties. Both have one element per input token.
struct MatchTokens {
  std::vector<std::string> keys;
  std::vector<std::string> exact;
  // Some token carries diacritics: the text is written with them, so an entry written with
  // diacritics must match them exactly.
  bool has_diacritics = false;
  std::vector<char> capitals;  // 1 when the token is written in capitals or has no letters
  std::vector<char> initial;   // 1 when the token starts with a capital letter
  bool any_capital = false;    // some token has a capital letter (else case is not used)
  size_t size() const { return keys.size(); }
};

// Folds each token. A token that is only a possessive ("'s", "’s") gets the key "'s".
MatchTokens PrepareTokens(const std::vector<Token>& tokens);
// Tokenizes `text` with dyad::Tokenize and folds the tokens.
MatchTokens PrepareText(std::string_view text);

struct ActorMatch {
  size_t begin = 0;  // token range [begin, end)
  size_t end = 0;
  const ActorEntry* entry = nullptr;
  const ActorName* name = nullptr;  // the name that matched
  const ActorRole* role = nullptr;  // the role in force on the date, or nullptr (default code)
  std::string code;                 // the code on the date (may be empty for PETRARCH actors)
};

struct AgentMatch {
  size_t begin = 0;
  size_t end = 0;
  const AgentEntry* entry = nullptr;
};

// An actor mention resolved to a code: an actor name, an agent noun, or both ("Vietnamese foreign
// minister" = Vietnam + foreign minister => VNMGOV; "Tổng Bí thư Tô Lâm" => To Lam's code).
struct CodedActor {
  size_t begin = 0;
  size_t end = 0;
  std::string code;
  std::optional<ActorMatch> actor;
  std::optional<AgentMatch> agent;
};

// Where a verb form occurs: a block of the dictionary and a verb in it.
struct VerbRef {
  const VerbBlock* block = nullptr;
  const VerbWord* verb = nullptr;
};

class DictionaryMatcher {
 public:
  // Compiles `set`, which must outlive the matcher (entries are referenced, not copied). When
  // `lang` is "en" or "vi", only names, agents and verbs of that language (or of no stated
  // language) are used.
  explicit DictionaryMatcher(const DictionarySet& set, std::string_view lang = "");

  static constexpr size_t kNoLimit = static_cast<size_t>(-1);

  // The longest actor name starting at token `start` and ending at or before token `limit`, with
  // its code on `date`; nullopt when none.
  std::optional<ActorMatch> MatchActorAt(const MatchTokens& tokens, size_t start, const Date& date,
                                         size_t limit = kNoLimit) const;

  // The longest agent noun (singular or plural) in [start, limit) starting at token `start`.
  std::optional<AgentMatch> MatchAgentAt(const MatchTokens& tokens, size_t start,
                                         size_t limit = kNoLimit) const;

  // Scans left to right and returns non-overlapping actor mentions, longest first at each position.
  // An actor followed by an agent ("Vietnamese foreign minister", "Vietnam's foreign minister") or
  // an agent followed by an actor, optionally joined by "of"/"của" ("foreign minister of Vietnam",
  // "Ngoại trưởng Mỹ"), combine: when the actor's code on `date` is a bare country or region code
  // the agent's role is attached (VNM + GOV => VNMGOV; a PETRARCH `CODE~` agent goes in front),
  // otherwise the actor's own dated code is kept ("General Secretary To Lam" => To Lam's code on
  // the date).
  // Only tokens in [begin, limit) are considered.
  std::vector<CodedActor> FindActors(const MatchTokens& tokens, const Date& date, size_t begin = 0,
                                     size_t limit = kNoLimit) const;

  // Verbs whose lemma or one of whose forms is `word` (folded first; multi-word verbs with spaces).
  // Diacritics matter ("gặp" is not "gấp"); a diacritic-free form is tried only when there is no
  // exact hit.
  // `allow_without_diacritics` false: exact spelling only (for text written with diacritics, where
  // "đàm" must not find "đâm").
  // The result stays valid as long as the matcher.
  const std::vector<VerbRef>& FindVerb(std::string_view word,
                                       bool allow_without_diacritics = true) const;
  // FindVerb for a word already folded with FoldForMatch (what the coder holds): no folding again.
  const std::vector<VerbRef>& FindFoldedVerb(std::string_view folded,
                                             bool allow_without_diacritics = true) const;
  // Whether some multi-word verb form starts with the folded word `first` ("call" of "call off").
  bool StartsVerbPhrase(std::string_view first) const;

  // Whether `lemma` or `form` (folded) is a member of the word set named by a `&SET` pattern item
  // (false for an unknown set).
  bool InWordSet(const PatternItem& item, std::string_view lemma, std::string_view form) const;

  // The members with a space of that word set ("economic sanctions"): they match consecutive words.
  const std::vector<std::string>& MultiWordMembers(const PatternItem& item) const;

  const DictionarySet& dictionaries() const { return *set_; }

 private:
  static constexpr uint32_t kNoToken = 0xffffffffu;
  struct Candidate {
    uint32_t index;     // into set_->actors / set_->agents
    uint32_t name;      // actors: index into names
    std::string exact;  // the name folded with diacritics, tokens joined by '\x1f'
    bool capitals_only = false;
    bool capital_initial = false;
    bool has_diacritics = false;  // `exact` differs from the diacritic-free key (set by Add)
  };
  struct Node {
    bool has_longer = false;  // some name continues past this prefix
    std::vector<Candidate> candidates;
  };
  // A trie over interned key tokens: nodes[0] is the root, and `edges` maps (node << 32 | token)
  // to the child node, so that a walk hashes integers, not growing strings.
  struct Index {
    std::vector<Node> nodes = std::vector<Node>(1);
    std::unordered_map<uint64_t, uint32_t> edges;
    uint32_t Child(uint32_t node, uint32_t token) const;
  };

  uint32_t Intern(const std::string& key);
  // The id of a key token, kNoToken when no name, agent noun or plural uses it.
  uint32_t TokenId(const std::string& key) const;
  // Token ids of tokens [begin, limit) at their positions (kNoToken before `begin`).
  std::vector<uint32_t> TokenIds(const MatchTokens& tokens, size_t begin, size_t limit) const;
  void Add(Index* index, const std::vector<std::string>& keys,
           const std::vector<std::string>& exact, Candidate candidate);
  // The longest entry of `index` at `start` (token ids in `ids`, one per token up to `limit`):
  // returns its candidate and sets *end; nullptr when none.
  static const Candidate* Longest(const Index& index, const MatchTokens& tokens,
                                  const std::vector<uint32_t>& ids, size_t start, size_t limit,
                                  size_t* end);
  std::optional<ActorMatch> ActorAt(const MatchTokens& tokens, const std::vector<uint32_t>& ids,
                                    size_t start, const Date& date, size_t limit) const;
  std::optional<AgentMatch> AgentAt(const MatchTokens& tokens, const std::vector<uint32_t>& ids,
                                    size_t start, size_t limit) const;

  const DictionarySet* set_;
  // Hashes std::string and std::string_view alike, so that lookups need not build a string.
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename T>
  using StringMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;
  using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

  StringMap<uint32_t> vocabulary_;  // key token -> id
  Index actors_;
  Index agents_;
  StringMap<std::vector<VerbRef>> verbs_;
  StringMap<std::vector<VerbRef>> verbs_plain_;
  StringSet verb_phrase_starts_;                     // first words of multi-word verb forms
  StringMap<StringSet> set_members_;                 // word set key -> its members
  StringMap<std::vector<std::string>> set_phrases_;  // word set key -> members with a space
};

}  // namespace dyad

#endif  // DYAD_DICT_MATCHER_H_
