#include "dyad/dict/matcher.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "dyad/text/normalize.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

constexpr char kJoin = '\x1f';

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// FoldForMatch for one token, with a fast path for ASCII (the bulk of PETRARCH dictionaries).
std::string FoldToken(std::string_view token, bool keep_diacritics) {
  if (IsAscii(token)) {
    std::string out(token);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  return keep_diacritics ? FoldForMatch(token) : FoldWithoutDiacritics(token);
}

// Drops a possessive ending from a folded token ("vietnam's" -> "vietnam"); "'s" alone stays.
void DropPossessive(std::string* key) {
  for (std::string_view ending : {"'s", "s'"}) {
    if (key->size() > ending.size() + 1 &&
        key->compare(key->size() - ending.size(), ending.size(), ending) == 0) {
      if (ending == "'s")
        key->resize(key->size() - 2);
      else
        key->resize(key->size() - 1);
      return;
    }
  }
}

// Whether `joined` is parts[begin, end) joined by kJoin (without building that string).
bool JoinedEquals(std::string_view joined, const std::vector<std::string>& parts, size_t begin,
                  size_t end) {
  size_t pos = 0;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) {
      if (pos >= joined.size() || joined[pos] != kJoin) return false;
      ++pos;
    }
    if (joined.compare(pos, parts[i].size(), parts[i]) != 0) return false;
    pos += parts[i].size();
  }
  return pos == joined.size();
}

std::string Joined(const std::vector<std::string>& parts, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += kJoin;
    out += parts[i];
  }
  return out;
}

bool HasNoLowerCase(std::string_view text) {
  if (IsAscii(text))
    return std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (u_islower(c)) return false;
    i += U16_LENGTH(c);
  }
  return true;
}

bool IsBareCountryOrRegion(const std::string& code) { return code.size() == 3; }

}  // namespace

MatchTokens PrepareTokens(const std::vector<Token>& tokens) {
  MatchTokens out;
  out.keys.reserve(tokens.size());
  out.exact.reserve(tokens.size());
  for (const Token& token : tokens) {
    std::string exact = FoldToken(token.text, true);
    // FoldForMatch unifies typographic apostrophes, so "’s" is "'s" here.
    std::string key = StripFoldedDiacritics(exact);
    DropPossessive(&exact);
    DropPossessive(&key);
    if (exact != key) out.has_diacritics = true;
    out.exact.push_back(std::move(exact));
    out.keys.push_back(std::move(key));
    out.capitals.push_back(HasNoLowerCase(token.text));
    out.initial.push_back(StartsWithCapital(token.text));
    out.any_capital = out.any_capital || out.initial.back();
  }
  return out;
}

MatchTokens PrepareText(std::string_view text) {
  if (IsAscii(text)) return PrepareTokens(Tokenize(text));  // NFC changes nothing in ASCII
  std::string normalized = NormalizeNfc(text);
  return PrepareTokens(Tokenize(normalized));
}

uint32_t DictionaryMatcher::Index::Child(uint32_t node, uint32_t token) const {
  auto it = edges.find(static_cast<uint64_t>(node) << 32 | token);
  return it == edges.end() ? kNoToken : it->second;
}

uint32_t DictionaryMatcher::Intern(const std::string& key) {
  return vocabulary_.emplace(key, static_cast<uint32_t>(vocabulary_.size())).first->second;
}

uint32_t DictionaryMatcher::TokenId(const std::string& key) const {
  auto it = vocabulary_.find(key);
  return it == vocabulary_.end() ? kNoToken : it->second;
}

std::vector<uint32_t> DictionaryMatcher::TokenIds(const MatchTokens& tokens, size_t begin,
                                                  size_t limit) const {
  limit = std::min(limit, tokens.size());
  std::vector<uint32_t> ids(limit, kNoToken);
  for (size_t i = begin; i < limit; ++i) ids[i] = TokenId(tokens.keys[i]);
  return ids;
}

void DictionaryMatcher::Add(Index* index, const std::vector<std::string>& keys,
                            const std::vector<std::string>& exact, Candidate candidate) {
  if (keys.empty()) return;
  uint32_t node = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint64_t edge = static_cast<uint64_t>(node) << 32 | Intern(keys[i]);
    auto [it, inserted] = index->edges.emplace(edge, static_cast<uint32_t>(index->nodes.size()));
    if (inserted) index->nodes.emplace_back();
    node = it->second;
    if (i + 1 < keys.size()) {
      index->nodes[node].has_longer = true;
      continue;
    }
    candidate.exact = Joined(exact, 0, exact.size());
    candidate.has_diacritics = candidate.exact != Joined(keys, 0, keys.size());
    for (Candidate& c : index->nodes[node].candidates) {
      if (c.index == candidate.index) {  // the same entry under two spellings with one key
        c.capitals_only = c.capitals_only && candidate.capitals_only;
        c.capital_initial = c.capital_initial && candidate.capital_initial;
        return;
      }
    }
    index->nodes[node].candidates.push_back(std::move(candidate));
  }
}

const DictionaryMatcher::Candidate* DictionaryMatcher::Longest(const Index& index,
                                                               const MatchTokens& tokens,
                                                               const std::vector<uint32_t>& ids,
                                                               size_t start, size_t limit,
                                                               size_t* end) {
  limit = std::min({limit, tokens.size(), ids.size()});
  const Candidate* best = nullptr;
  bool all_capitals = true;
  uint32_t node = 0;
  for (size_t i = start; i < limit; ++i) {
    if (ids[i] == kNoToken) break;
    node = index.Child(node, ids[i]);
    if (node == kNoToken) break;
    all_capitals = all_capitals && (i >= tokens.capitals.size() || tokens.capitals[i]);
    const Node& here = index.nodes[node];
    // Among the entries of this spelling: those allowed by the case of the text, preferring the one
    // whose spelling with diacritics equals the text's.
    // In text written with diacritics, an entry written with diacritics must have the same ones:
    // Vietnamese "quan" (official) is not "quân" (troops). Text written without diacritics, and
    // entries written without them ("To Lam"), match by letters alone.
    const Candidate* found = nullptr;
    for (const Candidate& c : here.candidates) {
      if (c.capitals_only && !all_capitals) continue;
      if (c.capital_initial && tokens.any_capital && start < tokens.initial.size() &&
          !tokens.initial[start])
        continue;
      if (JoinedEquals(c.exact, tokens.exact, start, i + 1)) {
        found = &c;
        break;
      }
      if (found == nullptr && !(tokens.has_diacritics && c.has_diacritics)) found = &c;
    }
    if (found != nullptr) {
      best = found;
      *end = i + 1;
    }
    if (!here.has_longer) break;
  }
  return best;
}

DictionaryMatcher::DictionaryMatcher(const DictionarySet& set, std::string_view lang) : set_(&set) {
  auto wanted = [&](const std::string& entry_lang) {
    return lang.empty() || entry_lang.empty() || entry_lang == lang;
  };
  auto tokens_of = [](const std::string& text) {
    MatchTokens prepared = PrepareText(text);
    return std::make_pair(std::move(prepared.keys), std::move(prepared.exact));
  };
  for (uint32_t a = 0; a < set.actors.size(); ++a) {
    const ActorEntry& actor = set.actors[a];
    for (uint32_t n = 0; n < actor.names.size(); ++n) {
      if (!wanted(actor.names[n].lang)) continue;
      const ActorName& name = actor.names[n];
      auto [keys, exact] = tokens_of(name.text);
      Add(&actors_, keys, exact, Candidate{a, n, {}, name.capitals_only, name.capital_initial});
      // An English demonym names the people too: "Palestinians", "Israelis", "South Koreans"
      // (not "Vietnamese", "French", "Swiss", which have no plural of their own).
      if (name.kind == NameKind::kAdjective && name.lang == "en" && !name.capitals_only &&
          (name.text.ends_with("an") || name.text.ends_with("i"))) {
        auto [plural_keys, plural_exact] = tokens_of(name.text + "s");
        Add(&actors_, plural_keys, plural_exact,
            Candidate{a, n, {}, name.capitals_only, name.capital_initial});
      }
    }
  }
  for (uint32_t g = 0; g < set.agents.size(); ++g) {
    const AgentEntry& agent = set.agents[g];
    if (!wanted(agent.lang)) continue;
    std::vector<std::string> forms = {agent.noun};
    if (agent.derive_plurals) forms.push_back(RegularPlural(agent.noun));
    for (const std::string& plural : agent.plurals) forms.push_back(plural);
    for (const std::string& form : forms) {
      auto [keys, exact] = tokens_of(form);
      Add(&agents_, keys, exact,
          Candidate{g, 0, {}, agent.capitals_only && form == agent.noun, false});
    }
  }
  for (const auto& [key, word_set] : set.sets) {
    StringSet& members = set_members_[key];
    for (const std::string& member : word_set.members) {
      members.insert(member);
      if (member.find(' ') != std::string::npos) set_phrases_[key].push_back(member);
    }
  }
  for (const VerbBlock& block : set.verbs) {
    if (!wanted(block.lang)) continue;
    for (const VerbWord& verb : block.verbs) {
      for (const std::string& form : verb.forms) {
        auto add = [&](StringMap<std::vector<VerbRef>>* map, const std::string& key) {
          auto& refs = (*map)[key];
          if (std::none_of(refs.begin(), refs.end(),
                           [&](const VerbRef& r) { return r.verb == &verb; })) {
            refs.push_back(VerbRef{&block, &verb});
          }
        };
        add(&verbs_, form);
        add(&verbs_plain_, FoldToken(form, false));
        const size_t space = form.find(' ');
        if (space != std::string::npos) {
          verb_phrase_starts_.insert(FoldToken(form.substr(0, space), true));
          verb_phrase_starts_.insert(FoldToken(form.substr(0, space), false));
        }
      }
    }
  }
}

std::optional<ActorMatch> DictionaryMatcher::MatchActorAt(const MatchTokens& tokens, size_t start,
                                                          const Date& date, size_t limit) const {
  return ActorAt(tokens, TokenIds(tokens, start, limit), start, date, limit);
}

std::optional<AgentMatch> DictionaryMatcher::MatchAgentAt(const MatchTokens& tokens, size_t start,
                                                          size_t limit) const {
  return AgentAt(tokens, TokenIds(tokens, start, limit), start, limit);
}

std::optional<ActorMatch> DictionaryMatcher::ActorAt(const MatchTokens& tokens,
                                                     const std::vector<uint32_t>& ids, size_t start,
                                                     const Date& date, size_t limit) const {
  size_t end = start;
  const Candidate* c = Longest(actors_, tokens, ids, start, limit, &end);
  if (c == nullptr) return std::nullopt;
  ActorMatch match;
  match.begin = start;
  match.end = end;
  match.entry = &set_->actors[c->index];
  match.name = &match.entry->names[c->name];
  match.role = match.entry->RoleOn(date);
  match.code = match.entry->CodeOn(date);
  return match;
}

std::optional<AgentMatch> DictionaryMatcher::AgentAt(const MatchTokens& tokens,
                                                     const std::vector<uint32_t>& ids, size_t start,
                                                     size_t limit) const {
  size_t end = start;
  const Candidate* c = Longest(agents_, tokens, ids, start, limit, &end);
  if (c == nullptr) return std::nullopt;
  return AgentMatch{start, end, &set_->agents[c->index]};
}

std::vector<CodedActor> DictionaryMatcher::FindActors(const MatchTokens& tokens, const Date& date,
                                                      size_t begin, size_t limit) const {
  limit = std::min(limit, tokens.size());
  const std::vector<uint32_t> ids = TokenIds(tokens, begin, limit);
  std::vector<CodedActor> out;
  auto combine = [](const ActorMatch& actor, const AgentMatch& agent) {
    CodedActor coded;
    coded.begin = std::min(actor.begin, agent.begin);
    coded.end = std::max(actor.end, agent.end);
    if (IsBareCountryOrRegion(actor.code)) {
      coded.code = agent.entry->code_is_prefix ? agent.entry->code + actor.code
                                               : actor.code + agent.entry->code;
    } else {
      coded.code = actor.code;
    }
    coded.actor = actor;
    coded.agent = agent;
    return coded;
  };
  auto is_joiner = [&](size_t i) {
    return i < limit &&
           (tokens.keys[i] == "'s" || tokens.keys[i] == "'" || tokens.keys[i] == "of" ||
            tokens.keys[i] == "cua" || tokens.keys[i] == "the");
  };
  size_t i = begin;
  while (i < limit) {
    if (ids[i] == kNoToken) {  // no name or agent noun starts with this token
      ++i;
      continue;
    }
    std::optional<ActorMatch> actor = ActorAt(tokens, ids, i, date, limit);
    std::optional<AgentMatch> agent = AgentAt(tokens, ids, i, limit);
    if (actor && actor->entry->no_actor) {
      // A place named after a country ("South China Sea"): its words name nobody, not even the
      // country inside them, unless an agent noun starting here is longer.
      if (!agent || agent->end <= actor->end) {
        i = actor->end;
        continue;
      }
      actor.reset();
    }
    std::optional<CodedActor> best;
    auto consider = [&](CodedActor candidate) {
      if (!best || candidate.end > best->end) best = std::move(candidate);
    };
    if (actor) {
      CodedActor alone;
      alone.begin = actor->begin;
      alone.end = actor->end;
      alone.code = actor->code;
      alone.actor = actor;
      consider(alone);
      size_t j = actor->end;
      if (j < limit && tokens.keys[j] == "'s") ++j;
      if (auto next = AgentAt(tokens, ids, j, limit)) consider(combine(*actor, *next));
    }
    if (agent) {
      CodedActor alone;
      alone.begin = agent->begin;
      alone.end = agent->end;
      alone.code = agent->entry->code;
      alone.agent = agent;
      consider(alone);
      // "foreign minister of Vietnam", "Ngoại trưởng Mỹ", "Bộ trưởng Ngoại giao của Việt Nam".
      for (size_t j = agent->end; j <= agent->end + 2 && j < limit; ++j) {
        if (auto next = ActorAt(tokens, ids, j, date, limit)) {
          if (!next->entry->no_actor) consider(combine(*next, *agent));
          break;
        }
        if (!is_joiner(j)) break;
      }
    }
    if (best) {
      i = best->end;
      out.push_back(std::move(*best));
    } else {
      ++i;
    }
  }
  return out;
}

const std::vector<VerbRef>& DictionaryMatcher::FindVerb(std::string_view word,
                                                        bool allow_without_diacritics) const {
  return FindFoldedVerb(FoldToken(word, true), allow_without_diacritics);
}

const std::vector<VerbRef>& DictionaryMatcher::FindFoldedVerb(std::string_view folded,
                                                              bool allow_without_diacritics) const {
  static const std::vector<VerbRef> kNone;
  auto it = verbs_.find(folded);
  if (it != verbs_.end()) return it->second;
  if (!allow_without_diacritics) return kNone;
  auto plain = IsAscii(folded) ? verbs_plain_.find(folded)
                               : verbs_plain_.find(StripFoldedDiacritics(folded));
  return plain != verbs_plain_.end() ? plain->second : kNone;
}

bool DictionaryMatcher::InWordSet(const PatternItem& item, std::string_view lemma,
                                  std::string_view form) const {
  auto it = set_members_.find(item.set_key);
  if (it == set_members_.end()) return false;
  return it->second.find(lemma) != it->second.end() || it->second.find(form) != it->second.end();
}

const std::vector<std::string>& DictionaryMatcher::MultiWordMembers(const PatternItem& item) const {
  static const std::vector<std::string> kNone;
  auto it = set_phrases_.find(item.set_key);
  return it == set_phrases_.end() ? kNone : it->second;
}

bool DictionaryMatcher::StartsVerbPhrase(std::string_view first) const {
  return verb_phrase_starts_.find(first) != verb_phrase_starts_.end();
}

}  // namespace dyad
