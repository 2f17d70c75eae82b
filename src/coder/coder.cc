#include "dyad/coder/coder.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "dyad/coder/dates.h"
#include "dyad/io/event_writer.h"
#include "dyad/text/normalize.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

// UD v1 and v2 relation names, reduced to what the coder asks.
std::string_view BaseRel(std::string_view rel) {
  size_t colon = rel.find(':');
  return colon == std::string_view::npos ? rel : rel.substr(0, colon);
}
bool IsSubjectRel(std::string_view r) { return r == "nsubj" || r == "csubj" || r == "nsubj:outer"; }
bool IsPassiveSubjectRel(std::string_view r) {
  return r == "nsubj:pass" || r == "nsubjpass" || r == "csubj:pass" || r == "csubjpass";
}
bool IsObjectRel(std::string_view r) { return r == "obj" || r == "dobj"; }
bool IsNominalModifierRel(std::string_view r) {
  std::string_view b = BaseRel(r);
  return b == "compound" || b == "flat" || b == "name" || b == "amod" || b == "appos" ||
         b == "det" || b == "nummod" || b == "nn" || r == "nmod:poss" || b == "poss";
}
bool IsClausalRel(std::string_view r) {
  std::string_view b = BaseRel(r);
  return b == "ccomp" || b == "advcl" || b == "parataxis" || b == "conj" || b == "acl" ||
         b == "xcomp" || b == "csubj" || b == "list" || b == "dep" || b == "punct" ||
         b == "discourse" || b == "vocative";
}

const std::unordered_set<std::string>& NegationWords() {
  static const auto* s = new std::unordered_set<std::string>{
      "not", "n't", "never", "no", "không", "chưa", "chẳng", "chả", "đừng"};
  return *s;
}
// Verbs whose infinitive complement is an intention, not an event.
const std::unordered_set<std::string>& IntentVerbs() {
  static const auto* s = new std::unordered_set<std::string>{
      "wish",      "want", "hope",    "plan",    "intend",  "expect",   "seek",
      "aim",       "try",  "attempt", "prepare", "desire",  "consider", "muốn",
      "mong muốn", "mong", "hy vọng", "dự kiến", "dự định", "định",     "sẽ"};
  return *s;
}

// English verbs whose object is the subject of their infinitive complement.
const std::unordered_set<std::string>& ObjectControlVerbs() {
  static const auto* s = new std::unordered_set<std::string>{
      "ask",       "urge",    "want",      "tell",      "order",     "force",    "allow",
      "permit",    "invite",  "encourage", "persuade",  "press",     "pressure", "push",
      "require",   "request", "call",      "compel",    "expect",    "enable",   "help",
      "advise",    "warn",    "instruct",  "authorize", "authorise", "oblige",   "beg",
      "challenge", "lobby",   "prompt",    "cause",     "need",      "appeal",   "implore"};
  return *s;
}

const std::unordered_set<std::string>& Pronouns() {
  static const auto* s = new std::unordered_set<std::string>{
      "he",  "she", "him", "her", "his",  "they", "them", "their", "it",
      "its", "ông", "bà",  "họ",  "ngài", "anh",  "chị",  "who"};
  return *s;
}

// The code a PETRARCH verb word stands for in a transformation ("SAY" -> 010): the verb's own
// code, else its block's; "" when the word is no verb of the dictionary.
std::string VerbWordCode(const std::string& word, const DictionaryMatcher& matcher) {
  for (const VerbRef& ref : matcher.FindFoldedVerb(FoldForMatch(word))) {
    std::string code = ref.verb && !ref.verb->code.empty() ? ref.verb->code : ref.block->code;
    if (!code.empty() && code != "---") return code.substr(0, code.find(':'));
  }
  return "";
}

// Parses `~ a (a b ATTACK) SAY = a b 015`; nullopt for a rule dyad cannot read or whose verbs
// the dictionary does not know.
std::optional<Coder::Transformation> ParseTransformation(std::string_view text,
                                                         const DictionaryMatcher& matcher) {
  std::string t(text);
  for (char& c : t)
    if (c == '(' || c == ')' || c == '=' || c == '~') c = ' ';
  std::stringstream ss(t);
  std::vector<std::string> w;
  for (std::string x; ss >> x;) w.push_back(x);
  // a X Y LOWER UPPER P Q RESULT
  if (w.size() != 8 || w[0] != "a") return std::nullopt;
  auto var = [](const std::string& x) { return x.size() == 1 ? x[0] : '?'; };
  Coder::Transformation r;
  r.text = std::string(text);
  r.lower_source = var(w[1]);
  r.lower_target = var(w[2]);
  r.out_source = var(w[5]);
  r.out_target = var(w[6]);
  if (std::string("ab_.").find(r.lower_source) == std::string::npos ||
      std::string("b.").find(r.lower_target) == std::string::npos ||
      std::string("ab").find(r.out_source) == std::string::npos ||
      std::string("ab").find(r.out_target) == std::string::npos)
    return std::nullopt;
  if (w[3] != "Q") {
    r.lower_code = VerbWordCode(w[3], matcher);
    if (r.lower_code.empty()) return std::nullopt;
  }
  r.upper_code = VerbWordCode(w[4], matcher);
  if (r.upper_code.empty()) return std::nullopt;
  if (w[7] != "Q") r.out_code = w[7];
  return r;
}

// One actor mention over the words of a sentence.
struct Mention {
  int first = 0;  // word indices, inclusive
  int last = 0;
  std::string code;
  std::string entry;
  const AgentEntry* agent = nullptr;
  bool person = false;      // a named person (an actor entry with dated roles)
  bool unresolved = false;  // an agent without a country ("the Party chief"), or a pronoun
  Span span;
};

// What the coder remembers of an article's earlier sentences, for pronouns and "the Party chief".
struct HistoryItem {
  Mention mention;
  bool subject = false;
};

// What the coder carries from sentence to sentence of one article.
struct ArticleContext {
  std::vector<HistoryItem> history;
  // Surnames (English) and given names (Vietnamese) of the people named so far: "Leahy" and
  // "General Secretary Lam" after "Patrick Leahy" and "To Lam". An ambiguous alias maps to nullopt.
  std::map<std::string, std::optional<Mention>> aliases;
  // The country of the latest sentence that placed its events in one country ("in Manila"): where
  // the article's later events happen until another sentence places them elsewhere.
  std::string place;
  // The two actors of the latest event of an earlier sentence between two different actors, for
  // "the two sides", "both countries", "hai bên" (empty until there is one).
  std::vector<Mention> last_pair;
};

struct PatternResult {
  bool matched = false;
  int specificity = -1;
  std::vector<int> words;  // matched word indices
  int target_after = -2;   // word after which the target stands (-1: the verb); -2: no `+`
  int source_after = -2;
  bool compound = false;           // PETRARCH `%`
  bool target_is_subject = false;  // `+` before the verb: the subject is the target
};

class SentenceCoder {
 public:
  SentenceCoder(const Article& article, const Sentence& sentence, const ParsedSentence& parse,
                const DictionaryMatcher& matcher, const Ontology& ontology,
                const CoderOptions& options, ArticleContext* context, std::string* explain,
                const std::vector<Coder::Transformation>* transformations = nullptr)
      : transformations_(transformations),
        article_(article),
        sentence_(sentence),
        p_(parse),
        matcher_(matcher),
        ontology_(ontology),
        options_(options),
        history_(&context->history),
        context_(context),
        explain_(explain) {}

  std::vector<Event> Code();

 private:
  void Say(const std::string& line) {
    if (explain_) *explain_ += "  " + line + "\n";
  }
  int Head(int w) const { return p_.words[w].head - 1; }
  const std::string& Rel(int w) const { return p_.words[w].deprel; }
  // Folded lemma and form of word w, computed once per sentence in BuildTree.
  const std::string& Lemma(int w) const { return lemma_[w]; }
  const std::string& Form(int w) const { return form_[w]; }
  std::string SpanText(Span s) const {
    if (s.end > article_.text.size() || s.end <= s.begin) return "";
    return article_.text.substr(s.begin, s.end - s.begin);
  }

  void BuildTree();
  void FindMentions();
  int MentionInPhrase(int head) const;
  // Also sets *word to the word whose mention was taken.
  int MentionInPhrase(int head, int* word) const;
  std::vector<int> ActorsOf(int nominal, bool as_subject);
  std::vector<int> LocatedAgents(int nominal, int agent_mention);
  std::string NonRolePrefix(const std::string& code) const;
  int Resolve(int mention_index, bool as_subject);
  std::vector<int> SubjectsOf(int verb, bool* passive);
  std::vector<int> NearestActorBefore(int verb);
  int ObjectOf(int verb) const;
  // An English verb the parser hung as a modifier on the noun after it, right after a named actor:
  // "Russian President Vladimir Putin hosted Vietnamese General Secretary To Lam" read with
  // "hosted" as an adjective of "Secretary". The actor before is its subject, the noun its object.
  bool MisparsedModifier(int verb) const;
  // Whether the nominal is "the two sides", "both countries", "hai bên" (PairNouns).
  bool PairReference(int nominal) const;
  // Whom a verb of asking or making (ObjectControlVerbs) asks: its object, else its "on" / "upon"
  // / "to" phrase ("called on both sides to ...", "appealed to Tehran to ..."); -1 when it has
  // neither or is another verb.
  int AskedOf(int verb) const;
  int AgentOf(int verb) const;
  // `locatives` also accepts places ("in Hanoi"), which are otherwise where the event happens.
  int NominalAfter(int verb, int after, bool infinitives = false, bool locatives = false) const;
  bool Negated(int verb) const;
  // `with_modifier_clauses` keeps participle and relative clauses inside noun phrases ("the
  // parade supporting Gondor", "memos sent by Bree"), where PETRARCH finds targets too.
  // `infinitives` adds subjectless infinitive complements ("vowed to wage war": PETRARCH's verb
  // phrase).
  std::vector<int> PhraseWords(int verb, bool with_modifier_clauses = false,
                               bool infinitives = false) const;
  PatternResult MatchPattern(const VerbPattern& pattern, int verb,
                             const std::vector<int>& phrase) const;
  bool WordMatches(const PatternItem& item, int w) const;
  // The head noun of the noun phrase word w modifies ("economic" in "new economic relations" ->
  // "relations"); w itself when it modifies nothing.
  int NounPhraseHead(int w) const;
  // Whether verb is the past participle of an existential clause ("There were ten soldiers
  // killed"), whose subject is acted on.
  bool ExistentialPassive(int verb) const;
  // Whether verb is a past participle modifying a noun ("victims killed by the crash").
  bool PassiveParticiple(int verb) const;
  // Whether w is an infinitive complement without its own subject ("vowed to wage war").
  bool Infinitive(int w) const;
  // Whether the mention's head word has a definite determiner ("the minister").
  bool Definite(const Mention& m) const;
  // A role without a country used as a modifier of a noun that names no actor: "military aid",
  // "an official visit" are no actors.
  bool AgentModifier(int w) const;
  // The country where the sentence's events happen: the one country named with a locative
  // preposition ("in Manila", "outside parliament in Bangkok"), else "".
  void FindEventPlace();
  static bool DomesticRole(const std::string& code);
  void EmitEvents(int verb, const std::string& code, const std::string& reverse,
                  const std::string& pattern_text, const PatternResult& match,
                  std::vector<Event>* events, const std::vector<int>* given_sources = nullptr);
  // The sources of a nominal event ("Blinken's visit", "a reception for X" at which the clause's
  // subject hosts), or an empty list when the noun names no event of an actor.
  std::vector<int> NominalSources(int noun, const std::string& code);
  EventActor ToEventActor(const Mention& m) const;
  // PETRARCH's verb interaction (with its coding ontology): a complement's events take the
  // composed code of the governing verb and their own, and replace the governing verb's; under a
  // negated governor they take their negated code.
  void ComposeComplements(const std::vector<std::string>& verb_code,
                          const std::vector<bool>& verb_negated,
                          std::vector<std::vector<Event>>* by_verb);
  // Applies the first PETRARCH transformation that matches the events of complement w under
  // verb v (code upper_code); returns whether one did.
  bool ApplyTransformation(int v, int w, const std::string& upper_code,
                           std::vector<std::vector<Event>>* by_verb);
  // dyad's own verb interaction: an act in the complement of a verb of intending, appealing,
  // demanding, refusing or threatening becomes that intention, appeal, ... of the act, coded by
  // CAMEO's mirrored categories ("threatened to impose tariffs" is 1312, not 163); under a
  // negated governor the act is not coded.
  void ComposeByFamily(const std::vector<std::string>& verb_code,
                       const std::vector<bool>& verb_negated,
                       std::vector<std::vector<Event>>* by_verb);
  // Sets the event's CAMEO code with its name, Goldstein score, quad class and PLOVER coding.
  void SetCode(Event* e, const std::string& code) const;

  const std::vector<Coder::Transformation>* transformations_;
  const Article& article_;
  const Sentence& sentence_;
  const ParsedSentence& p_;
  const DictionaryMatcher& matcher_;
  const Ontology& ontology_;
  const CoderOptions& options_;
  std::vector<HistoryItem>* history_;
  ArticleContext* context_;
  std::string* explain_;

  std::vector<std::vector<int>> children_;
  std::vector<std::string> lemma_;
  std::vector<std::string> form_;
  std::vector<Mention> mentions_;
  std::vector<int> mention_of_;
  std::vector<Mention> resolved_;  // mentions resolved through the history, by mention index
  std::vector<DateMention> dates_;
  std::string event_place_;            // see FindEventPlace
  bool place_from_article_ = false;    // event_place_ is an earlier sentence's
  std::vector<bool> in_date_;          // per word: inside a date expression
  bool has_diacritics_ = false;        // the sentence is written with diacritics
  std::vector<int> subject_mentions_;  // mentions used as subjects, for the history
  bool pair_references_ = true;        // "the two sides" may name the latest event's two actors
};

void SentenceCoder::BuildTree() {
  const int n = static_cast<int>(p_.words.size());
  children_.assign(n, {});
  lemma_.resize(n);
  form_.resize(n);
  for (int w = 0; w < n; ++w) {
    const Word& word = p_.words[w];
    form_[w] = FoldForMatch(word.form);
    lemma_[w] = word.lemma.empty() || word.lemma == word.form ? form_[w] : FoldForMatch(word.lemma);
  }
  for (int w = 0; w < n; ++w) {
    int h = Head(w);
    if (h >= 0 && h < n && h != w) children_[h].push_back(w);
  }
}

// Runs the dictionary matcher over the sentence. Words with spaces (Vietnamese segmented words)
// are split into syllables so that names match across segmentation differences; mentions are then
// mapped back to whole words.
void SentenceCoder::FindMentions() {
  const int n = static_cast<int>(p_.words.size());
  std::vector<Token> tokens;
  std::vector<int> word_of_token;
  for (int w = 0; w < n; ++w) {
    const Word& word = p_.words[w];
    size_t start = 0;
    const std::string& f = word.form;
    while (start <= f.size()) {
      size_t sp = f.find(' ', start);
      size_t end = sp == std::string::npos ? f.size() : sp;
      if (end > start) {
        Token t;
        t.text = f.substr(start, end - start);
        if (p_.has_spans) {
          t.span = {static_cast<uint32_t>(word.span.begin + start),
                    static_cast<uint32_t>(word.span.begin + end)};
        }
        tokens.push_back(std::move(t));
        word_of_token.push_back(w);
      }
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
  }
  MatchTokens match_tokens = PrepareTokens(tokens);
  Date date = article_.date.value_or(Date{9999, 12, 31, DatePrecision::kDay});
  mention_of_.assign(n, -1);
  for (const CodedActor& c : matcher_.FindActors(match_tokens, date)) {
    if (c.end <= c.begin) continue;
    Mention m;
    m.first = word_of_token[c.begin];
    m.last = word_of_token[c.end - 1];
    m.code = c.code;
    if (c.actor && c.actor->entry) {
      m.entry = c.actor->entry->display_name;
      m.person = !c.actor->entry->roles.empty();
      // PETRARCH actors with several codes ([FRO/BIL/SAM]) are written with slashes, as it does.
      if (!c.agent && !c.actor->role && !c.actor->entry->extra_codes.empty() &&
          m.code == c.actor->entry->default_code) {
        for (const std::string& x : c.actor->entry->extra_codes) m.code += "/" + x;
      }
    }
    if (c.agent && c.agent->entry) {
      m.agent = c.agent->entry;
      if (m.entry.empty()) m.entry = c.agent->entry->noun;
    }
    // An agent alone ("the Party chief": GOV) names no country: resolve it from the context.
    if (!c.actor && c.agent) {
      const ActorComponent* first = ontology_.FindActorComponent(
          std::string_view(m.code).substr(0, std::min<size_t>(3, m.code.size())));
      m.unresolved = first == nullptr || first->kind == ActorComponentKind::kRole ||
                     options_.anonymous_agents;  // PETRARCH: "clerics" alone is "---REL"
    }
    if (m.code.empty()) continue;
    m.span = {p_.words[m.first].span.begin, p_.words[m.last].span.end};
    int index = static_cast<int>(mentions_.size());
    bool overlap = false;
    for (int w = m.first; w <= m.last; ++w) overlap |= mention_of_[w] >= 0;
    if (overlap) continue;
    for (int w = m.first; w <= m.last; ++w) mention_of_[w] = index;
    mentions_.push_back(std::move(m));
  }
  // People named earlier by their full name, now by one part of it ("Leahy", "Lam"), also when
  // the tagger took the capitalised name for a word ("Hung paid a courtesy call", "Hung" as AUX).
  for (int w = 0; w < n; ++w) {
    if (mention_of_[w] >= 0) continue;
    const Word& word = p_.words[w];
    if (word.form.empty() || !(word.upos == "PROPN" || word.upos == "NNP" || word.upos == "Np" ||
                               StartsWithCapital(word.form)))
      continue;
    auto it = context_->aliases.find(Form(w));
    if (it == context_->aliases.end() || !it->second) continue;
    Mention m = *it->second;
    m.first = m.last = w;
    m.span = word.span;
    mention_of_[w] = static_cast<int>(mentions_.size());
    mentions_.push_back(std::move(m));
  }
  // An alias of two people is nobody's.
  auto remember = [&](const std::string& key, const Mention& m) {
    auto [it, inserted] = context_->aliases.emplace(key, m);
    if (!inserted && it->second && it->second->entry != m.entry) it->second.reset();
  };
  for (const Mention& m : mentions_) {
    if (!m.person || m.unresolved || m.entry.empty()) continue;
    // The last proper-noun word of the mention, last syllable for Vietnamese words.
    for (int w = m.last; w >= m.first; --w) {
      const std::string& upos = p_.words[w].upos;
      if (upos != "PROPN" && upos != "NNP" && upos != "Np") continue;
      std::string key = Form(w);
      size_t space = key.rfind(' ');
      if (space != std::string::npos) key = key.substr(space + 1);
      if (key.size() >= 3) remember(key, m);
      break;
    }
    // Chinese and Korean names put the family name first, and the news calls them by it ("Xi",
    // "Lee", "ông Tập"), however short.
    static const std::unordered_set<std::string_view> kFamilyNameFirst = {"CHN", "TWN", "HKG",
                                                                          "MAC", "KOR", "PRK"};
    if (!kFamilyNameFirst.count(std::string_view(m.code).substr(0, 3))) continue;
    for (int w = m.first; w <= m.last; ++w) {
      const std::string& upos = p_.words[w].upos;
      if (upos != "PROPN" && upos != "NNP" && upos != "Np") continue;
      std::string key = Form(w).substr(0, Form(w).find(' '));
      if (key.size() >= 2) remember(key, m);
      break;
    }
  }
  // Pronouns are unresolved mentions of their own.
  for (int w = 0; w < n; ++w) {
    if (mention_of_[w] >= 0) continue;
    const Word& word = p_.words[w];
    if ((word.upos == "PRON" || word.upos == "PRP") && Pronouns().count(Form(w))) {
      Mention m;
      m.first = m.last = w;
      m.unresolved = true;
      m.person = true;
      m.span = word.span;
      mention_of_[w] = static_cast<int>(mentions_.size());
      mentions_.push_back(std::move(m));
    }
  }
  resolved_ = mentions_;
  if (explain_) {
    std::string line = "actors:";
    for (const Mention& m : mentions_) {
      line += fmt::format(" [{}]={}{}",
                          SpanText(m.span).empty() ? p_.words[m.first].form : SpanText(m.span),
                          m.unresolved ? "?" : m.code, m.entry.empty() ? "" : " (" + m.entry + ")");
    }
    Say(mentions_.empty() ? "actors: none" : line);
  }
}

// The mention that names the noun phrase headed by `head`: the one covering the head, else the
// nearest one among its modifiers (compounds, names, adjectives, appositions, possessives, "of X").
int SentenceCoder::MentionInPhrase(int head) const {
  int word = -1;
  return MentionInPhrase(head, &word);
}

int SentenceCoder::MentionInPhrase(int head, int* word) const {
  *word = head;
  if (mention_of_[head] >= 0) {
    // A named actor with a bare code next to a coded title in the same phrase takes the title's
    // role: "Bree Prime Minister Romendacil" (BRE + BREGOV) is BREGOV.
    int own = mention_of_[head];
    const std::string& code = mentions_[own].code;
    for (int c : children_[head]) {
      std::string_view rel = BaseRel(Rel(c));
      if (rel != "compound" && rel != "flat" && rel != "name" && rel != "appos") continue;
      int m = mention_of_[c];
      if (m < 0 || m == own || mentions_[m].unresolved) continue;
      const std::string& other = mentions_[m].code;
      if (!code.empty() && other.size() > code.size() && other.compare(0, code.size(), code) == 0)
        return m;
    }
    return own;
  }
  std::vector<std::pair<int, int>> frontier = {{head, 0}};
  int best = -1, best_distance = 1 << 20;
  while (!frontier.empty()) {
    auto [w, depth] = frontier.back();
    frontier.pop_back();
    if (depth >= 3) continue;
    for (int c : children_[w]) {
      std::string_view rel = Rel(c);
      bool of_phrase = false;
      if (BaseRel(rel) == "nmod") {
        for (int cc : children_[c]) {
          std::string l = Lemma(cc);
          if (BaseRel(Rel(cc)) == "case" && (l == "of" || l == "của")) of_phrase = true;
        }
        // Vietnamese: "Ngoại trưởng Mỹ" attaches the country without a preposition.
        if (sentence_.language == "vi" && children_[c].empty()) of_phrase = true;
      }
      if (!IsNominalModifierRel(rel) && !of_phrase) continue;
      if (mention_of_[c] >= 0 && !AgentModifier(c) &&
          !(mentions_[mention_of_[c]].unresolved && mentions_[mention_of_[c]].agent == nullptr)) {
        int distance = std::abs(c - head);
        if (distance < best_distance) {
          best = mention_of_[c];
          best_distance = distance;
          *word = c;
        }
      }
      frontier.push_back({c, depth + 1});
    }
  }
  return best;
}

// Resolves an unresolved mention (pronoun, country-less agent) from earlier in the article:
// the same agent noun first, then the same role, then (pronouns) the latest subject that is a
// person.
int SentenceCoder::Resolve(int index, bool as_subject) {
  Mention& m = resolved_[index];
  if (!m.unresolved) return index;
  (void)as_subject;
  const HistoryItem* pick = nullptr;
  auto scan = [&](auto pred) -> const HistoryItem* {
    for (auto it = history_->rbegin(); it != history_->rend(); ++it) {
      if (pred(*it)) return &*it;
    }
    return nullptr;
  };
  if (m.agent) {
    // Only a definite role refers back ("the Party chief", "the minister"; Vietnamese titles
    // have no article): "an official", "officials" are somebody new.
    if (sentence_.language == "vi" || Definite(m)) {
      // A plural role ("the two leaders") is several people, none of them alone.
      bool plural = false;
      for (int w = m.first; w <= m.last; ++w) {
        if (Head(w) >= m.first && Head(w) <= m.last) continue;
        const Word& head = p_.words[w];
        plural |= head.xpos == "NNS" || head.feats.find("Number=Plur") != std::string::npos;
      }
      pick = scan([&](const HistoryItem& h) {
        return h.mention.agent == m.agent && !(plural && h.mention.person);
      });
      if (!pick && m.code.size() >= 3) {
        // Another title of the same role refers to a person who holds it ("the Secretary of
        // State" after "Antony Blinken"); "troops" is not "Russian forces".
        std::string role = m.code;
        pick = scan([&](const HistoryItem& h) {
          return !plural && h.mention.person && h.mention.code.size() > role.size() &&
                 h.mention.code.compare(h.mention.code.size() - role.size(), role.size(), role) ==
                     0;
        });
      }
    }
    // A domestic role with no country takes the country where the event happens: "protesters
    // rallied in Manila", "police arrested demonstrators in Bangkok".
    if (!pick && !event_place_.empty() && DomesticRole(m.code)) {
      m.code = event_place_ + m.code;
      m.unresolved = false;
      m.entry += " in " + event_place_;
      Say(fmt::format("'{}' takes the country of the event's place{}: {}", SpanText(m.span),
                      place_from_article_ ? " (named in an earlier sentence)" : "", m.code));
      return index;
    }
  } else {
    // A pronoun: first the nearest subject before it in this sentence ("Ethiopia indicated it
    // would act"), then the latest subject of earlier sentences, persons for he/she.
    std::string form = Form(m.first);
    bool personal = form != "it" && form != "its" && form != "they" && form != "their" &&
                    form != "them" && form != "who";
    for (int w = m.first - 1; w >= 0; --w) {
      int k = mention_of_[w];
      if (k < 0 || mentions_[k].unresolved || w != mentions_[k].last) continue;
      bool subject = false;
      for (int x = mentions_[k].first; x <= mentions_[k].last; ++x)
        subject |= IsSubjectRel(Rel(x)) || IsPassiveSubjectRel(Rel(x));
      if (!subject || (personal && !mentions_[k].person && mentions_[k].agent == nullptr)) continue;
      Mention r = resolved_[k];
      r.first = m.first;
      r.last = m.last;
      r.span = m.span;
      Say(fmt::format("'{}' refers to {} ({}) earlier in the sentence", SpanText(m.span), r.code,
                      r.entry));
      m = r;
      return index;
    }
    if (personal) {
      pick = scan([](const HistoryItem& h) { return h.subject && h.mention.person; });
      if (!pick) pick = scan([](const HistoryItem& h) { return h.mention.person; });
    } else {
      pick = scan([](const HistoryItem& h) { return h.subject; });
    }
  }
  if (!pick) {
    if (!m.agent || !options_.anonymous_agents) return -1;
    m.code = "---" + m.code;
    m.unresolved = false;
    Say(fmt::format("'{}' names no country: anonymous {}", SpanText(m.span), m.code));
    return index;
  }
  Mention r = pick->mention;
  r.first = m.first;
  r.last = m.last;
  r.span = m.span;
  r.unresolved = false;
  r.agent = m.agent ? m.agent : r.agent;
  Say(fmt::format("'{}' refers to {} ({}) from earlier in the article", SpanText(m.span), r.code,
                  r.entry));
  m = r;
  return index;
}

// The components of an actor code before its first role: "USAGOV" -> "USA", "DNKMUS" -> "DNKMUS".
std::string SentenceCoder::NonRolePrefix(const std::string& code) const {
  size_t end = 3;
  while (end + 3 <= code.size()) {
    const ActorComponent* c = ontology_.FindActorComponent(std::string_view(code).substr(end, 3));
    if (c != nullptr && c->kind == ActorComponentKind::kRole) break;
    end += 3;
  }
  return code.substr(0, std::min(end, code.size()));
}

// An agent noun placed by a country in its phrase: "soldiers from Gondor", "lawmakers and
// officials in Arnor and Gondor", "an Arnor diplomat". One combined actor per agent and country.
std::vector<int> SentenceCoder::LocatedAgents(int nominal, int agent_mention) {
  std::vector<int> agents = {agent_mention};
  std::vector<int> heads = {nominal};
  // The agent's own word carries the place when the phrase is headed by another noun: "the
  // arrest of opposition leaders in Georgia".
  for (int w = mentions_[agent_mention].first; w <= mentions_[agent_mention].last; ++w)
    if (w != nominal &&
        (Head(w) < mentions_[agent_mention].first || Head(w) > mentions_[agent_mention].last))
      heads.push_back(w);
  for (int c : children_[nominal]) {
    if (BaseRel(Rel(c)) == "conj" && mention_of_[c] >= 0 && mentions_[mention_of_[c]].agent &&
        mentions_[mention_of_[c]].unresolved) {
      agents.push_back(mention_of_[c]);
      heads.push_back(c);
    }
  }
  std::vector<int> places;
  std::function<void(int)> add_place = [&](int w) {
    int pm = mention_of_[w];
    // "officials from the Vietnamese embassy": the place is a modifier of the phrase's noun.
    if (pm < 0 && BaseRel(Rel(w)) == "nmod") {
      for (int c : children_[w]) {
        std::string_view rel = BaseRel(Rel(c));
        if ((rel == "compound" || rel == "amod") && mention_of_[c] >= 0) add_place(c);
      }
      return;
    }
    if (pm < 0 || mentions_[pm].unresolved || mentions_[pm].code.size() < 3) return;
    // A coded actor lends its country: "the administration of President Donald Trump" = USA;
    // an actor without a role lends all of its code: "an MSF Arnor diplomat" = NGOARN + GOV.
    const std::string& code = mentions_[pm].code;
    const ActorComponent* first = ontology_.FindActorComponent(std::string_view(code).substr(0, 3));
    bool country = first != nullptr && first->kind == ActorComponentKind::kCountry;
    if (code.size() > 3 && !country && NonRolePrefix(code) != code) return;
    if (std::find(places.begin(), places.end(), pm) == places.end()) places.push_back(pm);
    for (int cc : children_[w])
      if (BaseRel(Rel(cc)) == "conj") {
        int q = mention_of_[cc];
        if (q >= 0 && !mentions_[q].unresolved && mentions_[q].code.size() == 3 &&
            std::find(places.begin(), places.end(), q) == places.end())
          places.push_back(q);
      }
  };
  for (int h : heads) {
    for (int c : children_[h]) {
      std::string_view rel = BaseRel(Rel(c));
      if (rel == "compound" || rel == "amod" || rel == "nmod") add_place(c);
    }
  }
  std::vector<int> out;
  for (int a : agents) {
    for (int p : places) {
      Mention combined = mentions_[a];
      combined.code = NonRolePrefix(mentions_[p].code) + mentions_[a].code;
      combined.unresolved = false;
      combined.entry = mentions_[a].entry + " of " + mentions_[p].entry;
      int first = std::min(mentions_[a].first, mentions_[p].first);
      int last = std::max(mentions_[a].last, mentions_[p].last);
      combined.first = first;
      combined.last = last;
      combined.span = {p_.words[first].span.begin, p_.words[last].span.end};
      resolved_.push_back(combined);
      out.push_back(static_cast<int>(resolved_.size()) - 1);
    }
  }
  return out;
}

// Nouns that, counted as two or "both", name the two parties of an event already told: "the two
// sides", "both countries", "the two leaders", "hai bên", "hai nhà lãnh đạo".
const std::unordered_set<std::string>& PairNouns() {
  static const auto* s = new std::unordered_set<std::string>{
      "side",         "party",     "leader",        "country",
      "nation",       "minister",  "delegation",    "government",
      "president",    "premier",   "counterpart",   "foreign minister",
      "bên",          "phía",      "nước",          "quốc gia",
      "nhà lãnh đạo", "lãnh đạo",  "bộ trưởng",     "ngoại trưởng",
      "đoàn",         "thủ tướng", "tổng thống",    "chủ tịch",
      "chính phủ",    "đảng",      "người đứng đầu"};
  return *s;
}

bool SentenceCoder::PairReference(int nominal) const {
  // The noun, or the role noun of several words it belongs to ("nhà" + "lãnh đạo").
  int first = nominal, last = nominal;
  if (int m = mention_of_[nominal]; m >= 0 && mentions_[m].agent) {
    first = mentions_[m].first;
    last = mentions_[m].last;
  }
  std::string noun;
  for (int w = first; w <= last; ++w) noun += (w > first ? " " : "") + Lemma(w);
  if (!PairNouns().count(Lemma(nominal)) && !PairNouns().count(noun)) return false;
  for (int w = first; w <= last; ++w) {
    for (int c : children_[w]) {
      const std::string& l = Lemma(c);
      if (l == "two" || l == "hai" || l == "both") return true;
    }
  }
  return false;
}

// The actors of a nominal: its own mention, plus those of its conjuncts ("Vietnam and Laos").
std::vector<int> SentenceCoder::ActorsOf(int nominal, bool as_subject) {
  std::vector<int> out;
  if (nominal < 0) return out;
  if (pair_references_ && context_->last_pair.size() == 2 && PairReference(nominal)) {
    // "The two sides signed 12 agreements": the two actors of the latest event between two.
    int first = nominal, last = nominal;
    if (int m = mention_of_[nominal]; m >= 0) {
      first = std::min(first, mentions_[m].first);
      last = std::max(last, mentions_[m].last);
    }
    for (int c : children_[nominal]) first = std::min(first, c);
    if (first < nominal)
      for (int c : children_[first]) first = std::min(first, c);
    Span span{p_.words[first].span.begin, p_.words[last].span.end};
    for (const Mention& party : context_->last_pair) {
      Mention r = party;
      r.first = first;
      r.last = last;
      r.span = span;
      resolved_.push_back(r);
      out.push_back(static_cast<int>(resolved_.size()) - 1);
    }
    Say(fmt::format("'{}' are the two actors of the latest event: {} and {}", SpanText(span),
                    context_->last_pair[0].code, context_->last_pair[1].code));
    return out;
  }
  auto add = [&](int r) {
    if (r < 0) return;
    for (int x : out)
      if (resolved_[x].code == resolved_[r].code) return;  // one actor per code
    out.push_back(r);
  };
  // A country and a role combined into a new actor ("ambassadors of ... Gondor" -> GONGOV).
  auto combine = [&](int country, int role_mention, const std::string& role) {
    Mention combined = resolved_[role_mention];
    combined.code = mentions_[country].code + role;
    combined.entry = combined.entry + " + " + mentions_[country].entry;
    combined.unresolved = false;
    resolved_.push_back(combined);
    return static_cast<int>(resolved_.size()) - 1;
  };
  auto is_country = [&](int k) {
    return k >= 0 && !mentions_[k].unresolved && mentions_[k].code.size() == 3;
  };
  int word = nominal;
  int m = MentionInPhrase(nominal, &word);
  // A title written before a name ("former US Senator Patrick Leahy") names the person, whose own
  // dated code is more exact than the title's.
  if (m >= 0 && mentions_[m].agent && !mentions_[m].person) {
    int next = mentions_[m].last + 1;
    if (next < static_cast<int>(p_.words.size()) && mention_of_[next] >= 0 &&
        mentions_[mention_of_[next]].person)
      m = mention_of_[next];
  }
  if (m >= 0 && mentions_[m].unresolved && mentions_[m].agent) {
    std::vector<int> located = LocatedAgents(nominal, m);
    if (!located.empty()) return located;
  }
  int resolved = m >= 0 ? Resolve(m, as_subject) : -1;
  // "former president", "ex-minister", "cựu Bộ trưởng": a title without a person is now an elite.
  if (resolved >= 0 && resolved_[resolved].agent && !resolved_[resolved].person &&
      resolved_[resolved].code.size() > 3) {
    for (int w = std::max(0, mentions_[m].first - 2); w <= mentions_[m].last; ++w) {
      const std::string& f = Form(w);
      if (f == "former" || f == "ex" || f == "cựu" || f == "nguyên") {
        resolved_[resolved].code = resolved_[resolved].code.substr(0, 3) + "ELI";
        break;
      }
    }
  }
  add(resolved);
  // Conjoined modifiers: "Eriadori and Calenardhon leaders".
  if (word != nominal) {
    for (int c : children_[word]) {
      if (BaseRel(Rel(c)) != "conj" || mention_of_[c] < 0) continue;
      add(Resolve(mention_of_[c], as_subject));
    }
  }
  // A country and role written together, with more countries conjoined to the country:
  // "the ambassadors of Arnor, Osgiliath and Gondor"; or conjoined before it, the first one
  // heading the conjunction: "Thai and Cambodian troops" (the mention holds "Cambodian troops").
  if (m >= 0 && mentions_[m].agent && !mentions_[m].unresolved && mentions_[m].code.size() > 3) {
    std::string role = mentions_[m].code.substr(3);
    auto add_country = [&](int c) {
      if (is_country(mention_of_[c]) && mention_of_[c] != m) add(combine(mention_of_[c], m, role));
    };
    for (int w = mentions_[m].first; w <= mentions_[m].last; ++w) {
      for (int c : children_[w])
        if (BaseRel(Rel(c)) == "conj") add_country(c);
      int root = w;
      for (int steps = 0; steps < 8 && BaseRel(Rel(root)) == "conj" && Head(root) >= 0; ++steps)
        root = Head(root);
      // Only modifiers of the role noun: "Ithilen and the government of Gondor" is Ithilen itself.
      const std::string_view root_rel = BaseRel(Rel(root));
      if (root == w || (root_rel != "amod" && root_rel != "compound") || Head(root) < 0 ||
          mention_of_[Head(root)] != m)
        continue;
      add_country(root);
      for (int c : children_[root])
        if (BaseRel(Rel(c)) == "conj" && c != w) add_country(c);
    }
  }
  bool list = false;
  for (int c : children_[nominal]) {
    if (BaseRel(Rel(c)) != "conj") continue;
    // Conjoined clauses are not compound actors: only nominal conjuncts count.
    const std::string& upos = p_.words[c].upos;
    if (upos == "VERB" || upos == "AUX") continue;
    list = true;
    int k = mention_of_[c];
    // "Danish media and government": a bare role conjoined to a country's role takes the country.
    if (k >= 0 && mentions_[k].unresolved && mentions_[k].agent && resolved >= 0 &&
        resolved_[resolved].code.size() > 3) {
      Mention combined = mentions_[k];
      combined.code = resolved_[resolved].code.substr(0, 3) + mentions_[k].code;
      combined.unresolved = false;
      resolved_.push_back(combined);
      add(static_cast<int>(resolved_.size()) - 1);
      continue;
    }
    for (int x : ActorsOf(c, as_subject)) add(x);
  }
  // In a list, an apposition is one more member: "Mordor, the awful Arnor, and good Gondor",
  // "Mordor, the Shire, Arnor and Bree" (the conjuncts hang on the apposition).
  for (int c : children_[nominal]) {
    if (BaseRel(Rel(c)) != "appos") continue;
    bool appos_list = false;
    for (int cc : children_[c]) appos_list |= BaseRel(Rel(cc)) == "conj";
    if (!list && !appos_list) continue;
    for (int x : ActorsOf(c, as_subject)) add(x);
  }
  return out;
}

int SentenceCoder::ObjectOf(int verb) const {
  for (int c : children_[verb])
    if (IsObjectRel(Rel(c))) return c;
  for (int c : children_[verb])
    if (Rel(c) == "iobj") return c;
  if (MisparsedModifier(verb)) return Head(verb);
  return -1;
}

bool SentenceCoder::MisparsedModifier(int verb) const {
  if (sentence_.language != "en" || verb == 0 || p_.words[verb].upos != "VERB") return false;
  if (BaseRel(Rel(verb)) != "amod" || Head(verb) <= verb) return false;
  for (int c : children_[verb])
    if (IsSubjectRel(Rel(c)) || IsObjectRel(Rel(c))) return false;
  const int m = mention_of_[verb - 1];
  return m >= 0 && !mentions_[m].unresolved && mentions_[m].last == verb - 1 &&
         mention_of_[Head(verb)] >= 0;
}

int SentenceCoder::AskedOf(int verb) const {
  if (p_.words[verb].upos != "VERB" || !ObjectControlVerbs().count(Lemma(verb))) return -1;
  if (int object = ObjectOf(verb); object >= 0) return object;
  for (int c : children_[verb]) {
    if (BaseRel(Rel(c)) != "obl") continue;
    for (int cc : children_[c]) {
      if (BaseRel(Rel(cc)) != "case") continue;
      const std::string& prep = Lemma(cc);
      if (prep == "on" || prep == "upon" || prep == "to") return c;
    }
  }
  return -1;
}

// The "by" phrase of a passive verb.
int SentenceCoder::AgentOf(int verb) const {
  for (int c : children_[verb]) {
    std::string_view rel = Rel(c);
    if (rel == "obl:agent" || rel == "nmod:agent") return c;
    if (BaseRel(rel) == "obl" || BaseRel(rel) == "nmod") {
      for (int cc : children_[c])
        if (BaseRel(Rel(cc)) == "case" && (Lemma(cc) == "by" || Lemma(cc) == "bởi")) return c;
    }
  }
  return -1;
}

bool SentenceCoder::PassiveParticiple(int verb) const {
  if (Rel(verb) != "acl") return false;  // not acl:relcl, which has a subject of its own
  const Word& w = p_.words[verb];
  bool participle = w.xpos == "VBN" || (w.feats.find("VerbForm=Part") != std::string::npos &&
                                        (w.feats.find("Voice=Pass") != std::string::npos ||
                                         w.feats.find("Tense=Past") != std::string::npos));
  if (!participle) return false;
  for (int c : children_[verb]) {
    std::string_view rel = BaseRel(Rel(c));
    if (rel == "aux" || IsSubjectRel(Rel(c))) return false;
  }
  // Only with its agent named: taggers also read finite verbs misparsed as modifiers as
  // participles ("protesters rallied in Manila").
  return AgentOf(verb) >= 0;
}

bool SentenceCoder::ExistentialPassive(int verb) const {
  // Taggers often read the participle as a past tense here ("There were ten soldiers killed").
  if (p_.words[verb].xpos != "VBN" && p_.words[verb].xpos != "VBD") return false;
  bool subject = false;
  for (int c : children_[verb]) {
    if (BaseRel(Rel(c)) == "aux") return false;
    subject |= IsSubjectRel(Rel(c));
  }
  if (!subject) return false;
  auto expletive = [&](int w) {
    for (int c : children_[w])
      if (BaseRel(Rel(c)) == "expl") return true;
    return false;
  };
  return expletive(verb) || (Head(verb) >= 0 && expletive(Head(verb)));
}

std::vector<int> SentenceCoder::SubjectsOf(int verb, bool* passive) {
  *passive = false;
  for (int c : children_[verb]) {
    if (IsPassiveSubjectRel(Rel(c))) *passive = true;
  }
  // A past participle on a noun is passive: "victims killed by the crash", "soldiers killed in
  // Ukraine" - the noun is acted on; so is one in an existential clause ("There were ten
  // soldiers killed in Ukraine").
  if (PassiveParticiple(verb) || ExistentialPassive(verb)) *passive = true;
  if (*passive) {
    int agent = AgentOf(verb);
    // No "by" phrase: PETRARCH takes the first other actor in the verb's phrase ("The
    // Philippines was criticized over its dispute with Eriador" codes Eriador as the critic).
    if (agent < 0) agent = NominalAfter(verb, -1);
    return ActorsOf(agent, true);
  }
  // Two subjects with a verb between them are a misparse of two clauses ("The two leaders
  // discussed trade, and Merz invited Lee"): the one of the verb's own clause, nearest before it.
  // Without a verb between them they are one subject misread ("The Philippines and the EU (EU)").
  int subject = -1;
  for (int c : children_[verb]) {
    if (!IsSubjectRel(Rel(c))) continue;
    if (subject < 0) {
      subject = c;
      continue;
    }
    if (c > verb || c < subject) continue;
    bool clause_between = false;
    for (int w = subject + 1; w < c; ++w) clause_between |= p_.words[w].upos == "VERB";
    if (clause_between) subject = c;
  }
  if (subject >= 0) return ActorsOf(subject, true);
  if (MisparsedModifier(verb)) return ActorsOf(verb - 1, true);
  // No subject of its own: a controlled or coordinated verb takes its governor's
  // ("X is about to restore ties", "X met Y and signed ..."); a relative clause takes its noun.
  int h = Head(verb);
  if (h < 0) return NearestActorBefore(verb);
  std::string_view rel = BaseRel(Rel(verb));
  if (rel == "xcomp" || rel == "conj" || rel == "advcl" || rel == "ccomp" ||
      (rel == "dep" && p_.words[h].upos == "VERB")) {
    if (rel == "xcomp") {
      // Object control: "urged Pyongyang to return" -> Pyongyang returns; a passive governor's
      // subject: "Gollum was seen to break into ..." -> Gollum breaks.
      // PETRARCH's verb phrase gives the infinitive the clause's subject unless the object is
      // the subject of the infinitive's clause, as with verbs of asking and making ("wants Putin
      // to attack", "urged Eriador to respond"; but "hosting Osgiliath to celebrate").
      int obj = ObjectOf(h);
      if (obj >= 0 && p_.words[h].upos == "VERB" &&
          (!options_.petrarch_verb_phrases || ObjectControlVerbs().count(Lemma(h))))
        return ActorsOf(obj, true);
      // "called on both sides to respect ...": those called on act (whoever they are).
      if (int asked = AskedOf(h); asked >= 0) return ActorsOf(asked, true);
      for (int c : children_[h])
        if (IsPassiveSubjectRel(Rel(c))) return ActorsOf(c, true);
    }
    if (rel == "ccomp") return {};
    if (rel == "advcl") {
      // Only an infinitive of purpose shares its governor's subject ("vowed ... to wage war").
      bool infinitive = false, marked = false;
      for (int c : children_[verb]) {
        if (BaseRel(Rel(c)) != "mark") continue;
        marked = true;
        if (Lemma(c) == "to") infinitive = true;
      }
      // So does an unmarked present participle after its governor ("announced aid for Taiwan,
      // drawing a rebuke from Beijing"; "shelled the town, killing ten").
      const bool participle = !marked && verb > h && p_.words[verb].xpos == "VBG";
      if (participle) return SubjectsOf(h, passive);
      if (!infinitive) return {};
      // An infinitive misparsed as a clause of purpose under a verb of asking is still the act
      // of those asked ("urged Israel to halt", "called on both sides to respect the truce").
      if (int asked = AskedOf(h); asked >= 0) return ActorsOf(asked, true);
    }
    return SubjectsOf(h, passive);
  }
  if (rel == "acl") {
    // A participle or relative clause takes its noun; Vietnamese (VTB) attaches predicates to
    // their subject as acl:subj. A clause on a noun without an actor ("chuyển lời cảm ơn tới X":
    // convey thanks to X) takes the subject of the verb governing that noun.
    std::vector<int> a = ActorsOf(h, true);
    if (!a.empty()) return a;
    int g = Head(h);
    if (sentence_.language == "vi" && g >= 0 && p_.words[g].upos == "VERB")
      return SubjectsOf(g, passive);
    return {};
  }
  return NearestActorBefore(verb);
}

// A misparsed subject ("On behalf of President Joe Biden, US Secretary of State Antony Blinken
// reiterated ..."): the nearest actor before the verb inside the verb's own subtree.
std::vector<int> SentenceCoder::NearestActorBefore(int verb) {
  for (int w = verb - 1; w >= 0; --w) {
    int k = mention_of_[w];
    if (k < 0 || w != mentions_[k].last) continue;
    bool inside = false;
    for (int h = Head(w), steps = 0; h >= 0 && steps < 64; h = Head(h), ++steps) {
      if (h == verb) {
        inside = true;
        break;
      }
    }
    if (!inside) continue;
    int r = Resolve(k, true);
    if (r < 0) continue;
    Say(fmt::format("'{}' has no subject: taking the actor before it, {}", p_.words[verb].form,
                    resolved_[r].code));
    return {r};
  }
  return {};
}

bool SentenceCoder::Negated(int verb) const {
  for (int c : children_[verb]) {
    std::string_view rel = Rel(c);
    if (rel == "neg" || rel == "advmod:neg") return true;
    if ((BaseRel(rel) == "advmod" || BaseRel(rel) == "aux" || BaseRel(rel) == "part") &&
        NegationWords().count(Lemma(c)) && Lemma(c) != "no")
      return true;
  }
  return false;
}

// The words a pattern may use: the verb's own phrase, without its subject and embedded clauses.
std::vector<int> SentenceCoder::PhraseWords(int verb, bool with_modifier_clauses,
                                            bool infinitives) const {
  std::vector<int> out;
  std::vector<int> stack;
  for (int c : children_[verb]) {
    std::string_view rel = Rel(c);
    // A predicative adjective or adverb belongs to the verb's phrase ("đánh giá cao": rate
    // highly); a clause does not, except (PETRARCH's verb phrase) an infinitive without a subject
    // of its own: "vowed to wage war on X" has the pattern word "war".
    bool predicative = BaseRel(rel) == "xcomp" && p_.words[c].upos != "VERB";
    if (infinitives && Infinitive(c)) {
      // The infinitive's nouns, not the infinitive itself: pattern words name things, and the
      // embedded verb codes (and composes) on its own.
      for (int cc : children_[c]) {
        std::string_view r = Rel(cc);
        if (!IsSubjectRel(r) && !IsClausalRel(r) && BaseRel(r) != "mark" && BaseRel(r) != "aux")
          stack.push_back(cc);
      }
      continue;
    }
    if (IsSubjectRel(rel) || IsPassiveSubjectRel(rel) || (IsClausalRel(rel) && !predicative))
      continue;
    stack.push_back(c);
  }
  while (!stack.empty()) {
    int w = stack.back();
    stack.pop_back();
    out.push_back(w);
    for (int c : children_[w]) {
      std::string_view rel = BaseRel(Rel(c));
      if ((rel == "acl" && !with_modifier_clauses) || rel == "punct" || rel == "parataxis" ||
          rel == "advcl")
        continue;
      stack.push_back(c);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool SentenceCoder::Infinitive(int w) const {
  std::string_view rel = BaseRel(Rel(w));
  if (rel != "xcomp" && rel != "advcl") return false;
  bool to = false;
  for (int c : children_[w]) {
    if (IsSubjectRel(Rel(c)) || IsPassiveSubjectRel(Rel(c))) return false;
    to |= BaseRel(Rel(c)) == "mark" && Lemma(c) == "to";
  }
  return to;
}

// CAMEO codes whose action has no direction when two actors do it together: intentions to
// cooperate, talks, negotiations, diplomatic cooperation, agreements, material cooperation,
// ceasefires and fighting.
bool SymmetricCode(const std::string& code) {
  if (code.rfind("03", 0) == 0 || code.rfind("06", 0) == 0) return true;
  static const std::unordered_set<std::string> kCodes = {"040", "041",  "046", "050",
                                                         "057", "0871", "190", "193"};
  return kCodes.count(code) > 0;
}

// PETRARCH 2 pairs the members of a compound subject with no target for cooperation codes
// (roots 03 to 06).
bool PetrarchPairCode(const std::string& code) {
  return code.rfind("03", 0) == 0 || code.rfind("04", 0) == 0 || code.rfind("05", 0) == 0 ||
         code.rfind("06", 0) == 0;
}

bool PlaceIsTarget(const std::string& code) {
  if (code == "042" || code.rfind("02", 0) == 0 || code.rfind("07", 0) == 0) return true;
  int root = code.size() >= 2 ? std::atoi(code.substr(0, 2).c_str()) : 0;
  return root >= 15 && root <= 20;
}

bool SentenceCoder::Definite(const Mention& m) const {
  for (int w = m.first; w <= m.last; ++w) {
    if (Head(w) >= m.first && Head(w) <= m.last) continue;  // not the mention's head word
    for (int c : children_[w]) {
      const std::string& l = Lemma(c);
      if (BaseRel(Rel(c)) == "det" &&
          (l == "the" || l == "this" || l == "that" || l == "these" || l == "those"))
        return true;
    }
  }
  return false;
}

bool SentenceCoder::AgentModifier(int w) const {
  int k = mention_of_[w];
  if (k < 0 || !mentions_[k].unresolved || !mentions_[k].agent) return false;
  std::string_view rel = BaseRel(Rel(w));
  if (rel != "amod" && rel != "compound") return false;
  int h = Head(w);
  if (h < 0 || (h >= mentions_[k].first && h <= mentions_[k].last) || mention_of_[h] >= 0)
    return false;
  const std::string& upos = p_.words[h].upos;
  return upos == "NOUN" || upos == "NN" || upos == "NNS" || upos == "N";
}

bool SentenceCoder::DomesticRole(const std::string& code) {
  static const std::unordered_set<std::string> kRoles = {"COP", "OPP", "CVL", "JUD", "EDU", "MED",
                                                         "BUS", "LAB", "AGR", "REL", "HLH"};
  return kRoles.count(code) > 0;
}

void SentenceCoder::FindEventPlace() {
  event_place_.clear();
  place_from_article_ = false;
  std::set<std::string> countries;
  for (const Mention& m : mentions_) {
    if (m.unresolved || m.code.size() != 3) continue;
    const ActorComponent* c = ontology_.FindActorComponent(m.code);
    if (c == nullptr || c->kind != ActorComponentKind::kCountry) continue;
    // The mention's head word with a locative preposition.
    for (int w = m.first; w <= m.last; ++w) {
      if (Head(w) >= m.first && Head(w) <= m.last) continue;
      for (int cc : children_[w]) {
        if (BaseRel(Rel(cc)) != "case") continue;
        const std::string& l = Lemma(cc);
        if (l == "in" || l == "at" || l == "outside" || l == "inside" || l == "near" ||
            l == "across" || l == "throughout" || l == "tại" || l == "ở")
          countries.insert(m.code);
      }
    }
  }
  if (countries.size() == 1) {
    event_place_ = *countries.begin();
    context_->place = event_place_;
  } else if (countries.empty()) {
    // No place of its own: the article's ("Police arrested twelve demonstrators" after "protesters
    // rallied in Manila").
    event_place_ = context_->place;
    place_from_article_ = !event_place_.empty();
  } else {
    context_->place.clear();  // several countries: none is the place of what follows
  }
}

int SentenceCoder::NounPhraseHead(int w) const {
  for (int steps = 0; steps < 8; ++steps) {
    std::string_view rel = BaseRel(Rel(w));
    bool modifier = rel == "amod" || rel == "compound" || rel == "flat" || rel == "det" ||
                    rel == "nummod" || rel == "nn" || rel == "name" || Rel(w) == "nmod:poss" ||
                    rel == "advmod";
    int h = Head(w);
    if (!modifier || h < 0) break;
    w = h;
  }
  return w;
}

bool SentenceCoder::WordMatches(const PatternItem& item, int w) const {
  // Words of a date expression are not pattern words ("March 3" is no march).
  if (in_date_[w]) return false;
  const std::string& lemma = Lemma(w);
  const std::string& form = Form(w);
  auto hit = [&](const std::string& alt) {
    if (alt == lemma || alt == form) return true;
    // Vietnamese `a_b` (stored as "a b") may span consecutive words: accept the first syllable
    // here and let the following words be checked by the caller through the phrase order.
    return false;
  };
  if (item.kind == PatternItem::Kind::kWord) {
    for (const std::string& alt : item.alternatives)
      if (hit(alt)) return true;
    return false;
  }
  if (item.kind == PatternItem::Kind::kSet) return matcher_.InWordSet(item, lemma, form);
  return false;
}

PatternResult SentenceCoder::MatchPattern(const VerbPattern& pattern, int verb,
                                          const std::vector<int>& phrase) const {
  PatternResult r;
  size_t verb_item = pattern.items.size();
  for (size_t k = 0; k < pattern.items.size(); ++k)
    if (pattern.items[k].kind == PatternItem::Kind::kVerb) verb_item = k;
  using K = PatternItem::Kind;
  // PETRARCH `( ... )` is a prepositional phrase: its first word is a preposition, not the
  // infinitive "to" ("inching nearer to accord" has no "(TO) *"). `{ ... }` is one noun phrase:
  // its words, in order, belong to the phrase of one head noun ("{NEW &TIETYPES RELATIONS}" is in
  // "new global economic relations", not in "new plans for economic relations").
  auto opens_phrase = [&](size_t k) {
    return k > 0 && pattern.items[k - 1].kind == K::kPhraseBegin;
  };
  auto preposition = [&](int w) {
    return p_.words[w].upos == "ADP" || p_.words[w].upos == "IN" || BaseRel(Rel(w)) == "case";
  };
  // Items before the verb: matched right to left among phrase words before the verb; with
  // PETRARCH's verb phrases also among the subject's words ("{DEATH TOLL} *": "Eriador's death
  // toll has risen").
  std::vector<int> before = phrase;
  if (options_.petrarch_verb_phrases) {
    std::vector<int> stack;
    for (int c : children_[verb])
      if (IsSubjectRel(Rel(c)) || IsPassiveSubjectRel(Rel(c))) stack.push_back(c);
    while (!stack.empty()) {
      int w = stack.back();
      stack.pop_back();
      before.push_back(w);
      for (int c : children_[w])
        if (BaseRel(Rel(c)) != "acl" && BaseRel(Rel(c)) != "punct") stack.push_back(c);
    }
    std::sort(before.begin(), before.end());
  }
  int bound = verb;
  if (verb_item < pattern.items.size()) {
    int group_next = -1;  // inside `{ }`: the word matched right of this one
    bool in_group = false;
    for (size_t k = verb_item; k-- > 0;) {
      const PatternItem& item = pattern.items[k];
      if (item.kind == K::kCompound) r.compound = true;
      if (item.kind == K::kTarget) r.target_is_subject = true;
      if (item.kind == K::kGroupEnd) in_group = true, group_next = -1;
      if (item.kind == K::kGroupBegin) in_group = false;
      if (item.kind != K::kWord && item.kind != K::kSet) continue;
      int found = -1;
      for (auto it = before.rbegin(); it != before.rend(); ++it) {
        if (*it >= bound) continue;
        if (in_group && group_next >= 0 && NounPhraseHead(*it) != NounPhraseHead(group_next))
          continue;
        if (opens_phrase(k) && !preposition(*it)) continue;
        if (WordMatches(item, *it)) {
          found = *it;
          break;
        }
      }
      if (found < 0) return r;
      r.words.push_back(found);
      bound = found;
      if (in_group) group_next = found;
    }
  }
  // Items after the verb: left to right among phrase words after the previous match.
  int last = verb;
  int group_prev = -1;  // inside `{ }`: the last word matched in the group
  bool in_group = false;
  for (size_t k = verb_item == pattern.items.size() ? 0 : verb_item + 1; k < pattern.items.size();
       ++k) {
    const PatternItem& item = pattern.items[k];
    if (item.kind == K::kGroupBegin) in_group = true, group_prev = -1;
    if (item.kind == K::kGroupEnd) in_group = false;
    switch (item.kind) {
      case PatternItem::Kind::kTarget:
        r.target_after = last == verb ? -1 : last;
        break;
      case PatternItem::Kind::kSource:
        r.source_after = last == verb ? -1 : last;
        break;
      case PatternItem::Kind::kCompound:
        r.compound = true;
        break;
      case PatternItem::Kind::kSkip: {
        // PETRARCH `^` skips a noun phrase: the one of the preposition just matched ("celebrated
        // Iftar in Osgiliath with the leaders of Gondor": "* IFTAR (IN ^) +" targets Gondor), else
        // the next one in the verb's phrase ("celebrate Tabaski with Eriador at Cirith Ungol":
        // "* TABASKI ^ $" takes its source from Cirith Ungol).
        int np = -1;
        if (last != verb && BaseRel(Rel(last)) == "case") {
          np = Head(last);
        } else if (last != verb) {
          for (int w : phrase) {
            const std::string& upos = p_.words[w].upos;
            if (w > last && (upos == "NOUN" || upos == "PROPN" || upos == "NN" || upos == "NNP")) {
              np = w;
              break;
            }
          }
        }
        if (np < 0) break;
        int end = np;
        std::vector<int> stack = {np};
        while (!stack.empty()) {
          int w = stack.back();
          stack.pop_back();
          end = std::max(end, w);
          for (int c : children_[w]) {
            std::string_view rel = BaseRel(Rel(c));
            // The noun phrase proper: not the clauses or further phrases hanging on it.
            if (rel == "nmod" || rel == "acl" || rel == "punct" || rel == "conj" || rel == "cc")
              continue;
            stack.push_back(c);
          }
        }
        last = end;
        break;
      }

      case PatternItem::Kind::kWord:
      case PatternItem::Kind::kSet: {
        // A Vietnamese multi-syllable item may be one word or several consecutive words.
        int found = -1;
        int found_first = -1;  // first word of a multi-word match
        const std::vector<std::string>& alternatives = item.kind == PatternItem::Kind::kSet
                                                           ? matcher_.MultiWordMembers(item)
                                                           : item.alternatives;
        for (int w : phrase) {
          if (w <= last) continue;
          if (in_group && group_prev >= 0 && NounPhraseHead(w) != NounPhraseHead(group_prev))
            continue;
          if (opens_phrase(k) && !preposition(w)) continue;
          if (WordMatches(item, w)) {
            found = w;
            break;
          }
          // Multi-word alternatives ("economic sanctions", Vietnamese "chuyến thăm") match
          // consecutive words.
          for (const std::string& alt : alternatives) {
            if (alt.find(' ') == std::string::npos) continue;
            std::string joined = Form(w);
            int end = w;
            while (joined.size() < alt.size() && end + 1 < static_cast<int>(p_.words.size())) {
              joined += " " + Form(++end);
            }
            if (joined == alt) {
              found = end;
              found_first = w;
              break;
            }
          }
          if (found >= 0) break;
        }
        // Vietnamese: consecutive pattern words may be one word of the sentence, as the segmenter
        // joins them ("* điện mừng tới +" against the word "điện mừng").
        if (found < 0 && sentence_.language == "vi" && item.kind == K::kWord) {
          std::vector<std::string> joined = item.alternatives;
          for (size_t j = k + 1; found < 0 && j < pattern.items.size() &&
                                 pattern.items[j].kind == K::kWord && j - k < 4;
               ++j) {
            std::vector<std::string> longer;
            for (const std::string& a : joined)
              for (const std::string& b : pattern.items[j].alternatives)
                longer.push_back(a + " " + b);
            joined = std::move(longer);
            for (int w : phrase) {
              if (w <= last) continue;
              if (std::find(joined.begin(), joined.end(), Form(w)) != joined.end() ||
                  std::find(joined.begin(), joined.end(), Lemma(w)) != joined.end()) {
                found = w;
                k = j;  // the following pattern words are part of this match
                break;
              }
            }
          }
        }
        if (found < 0) return r;
        // Every word of a multi-word match counts: "austrian gold florin" is more specific than
        // "florin".
        for (int w = found_first >= 0 ? found_first : found; w <= found; ++w) r.words.push_back(w);
        last = found;
        if (in_group) group_prev = found;
        break;
      }
      default:
        break;  // PETRARCH phrase markers and skips constrain nothing here
    }
  }
  r.matched = true;
  // Words decide; among equals, a compound (`%`) pattern wins for a compound subject.
  r.specificity = 2 * static_cast<int>(r.words.size());
  if (r.compound) {
    for (int c : children_[verb]) {
      if (!IsSubjectRel(Rel(c))) continue;
      for (int cc : children_[c])
        if (BaseRel(Rel(cc)) == "conj") r.specificity += 1;
    }
    if (r.specificity % 2 == 0) r.specificity -= 1;  // `%` without a compound subject: a poor fit
  }
  return r;
}

// The first nominal with an actor after word `after` in the verb's phrase: for "with +" the object
// of "with", for "talks with +" likewise.
int SentenceCoder::NominalAfter(int verb, int after, bool infinitives, bool locatives) const {
  if (after >= 0) {
    std::string_view rel = BaseRel(Rel(after));
    if (rel == "case" || rel == "mark") {
      int h = Head(after);
      if (h >= 0 && h != verb && MentionInPhrase(h) >= 0) return h;
    }
  }
  for (int w : PhraseWords(verb, true, infinitives)) {
    if (w <= after) continue;
    // A name of several words stands for its head word, which carries the phrase's prepositions
    // and conjuncts ("between Minas Tirith and Osgiliath").
    if (mention_of_[w] >= 0) {
      const Mention& named = mentions_[mention_of_[w]];
      for (int steps = 0; steps < 8; ++steps) {
        int h = Head(w);
        if (h < named.first || h > named.last || h == w) break;
        w = h;
      }
    }
    // Places are where the event happens, not whom it concerns: "opposed the war in Vietnam",
    // "celebrated Iftar in Osgiliath with the leaders of Gondor".
    bool locative = false;
    for (int c : options_.locatives_are_targets || locatives ? std::vector<int>{} : children_[w]) {
      if (BaseRel(Rel(c)) != "case") continue;
      const std::string& l = Lemma(c);
      locative |= l == "in" || l == "inside" || l == "near" || l == "across" || l == "throughout" ||
                  l == "within" || l == "around" || l == "tại" || l == "ở";
    }
    if (locative || AgentModifier(w)) continue;
    int m = MentionInPhrase(w);
    if (m >= 0 && !(mentions_[m].unresolved && mentions_[m].agent == nullptr)) return w;
  }
  return -1;
}

EventActor SentenceCoder::ToEventActor(const Mention& m) const {
  EventActor a;
  a.code = m.code;
  if (m.code == "---") return a;  // no actor: no text, no span
  a.span = m.span;
  a.text = SpanText(m.span);
  if (a.text.empty()) {
    for (int w = m.first; w <= m.last; ++w) a.text += (w > m.first ? " " : "") + p_.words[w].form;
  }
  a.entry = m.entry;
  return a;
}

std::vector<int> SentenceCoder::NominalSources(int noun, const std::string& code) {
  // The noun's own agent: a possessor, "by X", Vietnamese "của X".
  for (int c : children_[noun]) {
    std::string_view rel = Rel(c);
    if (rel == "nmod:poss" || BaseRel(rel) == "poss") {
      // A pronoun possessor ("its support") is too uncertain to code an event on.
      if (mention_of_[c] >= 0 && mentions_[mention_of_[c]].unresolved) return {};
      std::vector<int> a = ActorsOf(c, true);
      if (!a.empty()) return a;
    }
    if (BaseRel(rel) == "nmod" || BaseRel(rel) == "obl") {
      for (int cc : children_[c]) {
        const std::string& l = Lemma(cc);
        if (BaseRel(Rel(cc)) == "case" && (l == "by" || l == "của")) {
          std::vector<int> a = ActorsOf(c, true);
          if (!a.empty()) return a;
        }
      }
    }
  }
  // Vietnamese: an event word the tagger took for a noun, hanging on the actor that heads a
  // verbless sentence ("Chủ tịch nước Lương Cường hội đàm với Tổng thống Indonesia ...").
  if (sentence_.language == "vi") {
    int h = Head(noun);
    std::string_view rel = BaseRel(Rel(noun));
    if (h >= 0 && Head(h) < 0 && (rel == "nmod" || rel == "compound" || rel == "dep") &&
        MentionInPhrase(h) >= 0) {
      std::vector<int> a = ActorsOf(h, true);
      if (!a.empty()) return a;
    }
  }
  // Else the subject of the clause, when the clause makes it the noun's agent: the object of a
  // light verb ("held a reception for X"), a circumstance ("at a reception for X"), or a
  // consultation it took part in ("acknowledged the results of a phone call with X").
  static const std::unordered_set<std::string> kLightVerbs = {
      "hold",     "have",   "host",    "give", "pay",       "make",      "conduct", "organise",
      "organize", "attend", "tổ chức", "có",   "thực hiện", "tiến hành", "dự"};
  int g = Head(noun);
  int steps = 0;
  while (g >= 0 && p_.words[g].upos != "VERB" && steps++ < 4) g = Head(g);
  if (g < 0 || p_.words[g].upos != "VERB") return {};
  bool light = IsObjectRel(Rel(noun)) && Head(noun) == g && kLightVerbs.count(Lemma(g)) > 0;
  bool circumstance = false;
  for (int c : children_[noun]) {
    const std::string& l = Lemma(c);
    if (BaseRel(Rel(c)) == "case" && (l == "at" || l == "during" || l == "tại" || l == "trong"))
      circumstance = true;
  }
  // Talks, calls and negotiations have two sides: the clause's subject is the other one.
  bool consultation = code == "040" || code == "041" || code == "046";
  if (!light && !circumstance && !consultation) return {};
  bool passive = false;
  if (light) return SubjectsOf(g, &passive);
  // A consultation only mentioned in the clause ("exchanged orientations, especially high-level
  // meetings") is no event of "the two sides" the clause is about.
  pair_references_ = false;
  std::vector<int> sources = SubjectsOf(g, &passive);
  pair_references_ = true;
  return sources;
}

void SentenceCoder::ComposeComplements(const std::vector<std::string>& verb_code,
                                       const std::vector<bool>& verb_negated,
                                       std::vector<std::vector<Event>>* by_verb) {
  const PetrarchCodeAlgebra& algebra = *options_.negation_algebra;
  const int n = static_cast<int>(p_.words.size());
  for (int w = 0; w < n; ++w) {
    if ((*by_verb)[w].empty()) continue;
    int v = Head(w);
    if (v < 0) continue;
    // A reported clause with its own subject ("claimed that they had attacked Iraq") is read by
    // the transformations only.
    bool own_subject = false;
    for (int c : children_[w]) own_subject |= IsSubjectRel(Rel(c));
    if (BaseRel(Rel(w)) == "ccomp" && own_subject) {
      if (!verb_negated[v] && !verb_code[v].empty())
        ApplyTransformation(v, w, verb_code[v], by_verb);
      continue;
    }
    if (BaseRel(Rel(w)) != "xcomp" && !Infinitive(w)) continue;
    if (own_subject) v = -1;  // a complement with its own subject is no control
    // "X was seen to break into ...": the seeing is somebody else's; X's act is the complement.
    if (v >= 0)
      for (int c : children_[v])
        if (IsPassiveSubjectRel(Rel(c))) v = -1;
    if (v < 0) continue;
    std::vector<Event>& lower = (*by_verb)[w];
    if (!verb_negated[v] && !verb_code[v].empty() &&
        ApplyTransformation(v, w, verb_code[v], by_verb))
      continue;
    if (verb_negated[v]) {
      // "did not ask X to help Y": the negation reaches the complement.
      std::vector<Event> kept;
      for (Event& e : lower) {
        std::optional<std::string> neg = algebra.Negate(e.cameo);
        if (!neg) continue;
        Say(fmt::format("'{}' under negated '{}': {} becomes {}", p_.words[w].form,
                        p_.words[v].form, e.cameo, *neg));
        SetCode(&e, *neg);
        kept.push_back(std::move(e));
      }
      lower = std::move(kept);
      continue;
    }
    if (verb_code[v].empty()) continue;
    // The governing verb's meaning composes with its complement's: "wants to help Y" (030 + 070)
    // is 033, "is seeking to deepen a partnership" (030 + 060) is 031. One event replaces both.
    std::vector<Event> composed;
    for (const Event& e : lower) {
      std::optional<std::string> code = algebra.Combine(verb_code[v], e.cameo);
      if (!code) {
        composed.clear();
        break;
      }
      Event c = e;
      if (*code != e.cameo) {
        Say(fmt::format("'{}' ({}) composes with its complement '{}' ({}): {}", p_.words[v].form,
                        verb_code[v], p_.words[w].form, e.cameo, *code));
        SetCode(&c, *code);
      }
      composed.push_back(std::move(c));
    }
    if (composed.empty()) continue;
    lower = std::move(composed);
    (*by_verb)[v].clear();
  }
}

bool SentenceCoder::ApplyTransformation(int v, int w, const std::string& upper_code,
                                        std::vector<std::vector<Event>>* by_verb) {
  if (!transformations_ || transformations_->empty()) return false;
  const PetrarchCodeAlgebra& algebra = *options_.negation_algebra;
  // PETRARCH compares codes by family: the value, and the value with its last one, two or three
  // hexadecimal digits cleared.
  auto in_family = [&](const std::string& code, const std::string& family) {
    const std::vector<int64_t>& vs = algebra.Values(code);
    const std::vector<int64_t>& fs = algebra.Values(family);
    if (vs.empty() || fs.empty()) return code == family;
    int64_t f = fs.back();
    for (int64_t x : vs) {
      if (x < 0) continue;
      for (int64_t m : {int64_t{1}, int64_t{0x10}, int64_t{0x100}, int64_t{0x1000}})
        if (x - x % m == f) return true;
    }
    return false;
  };
  std::vector<Event>& lower = (*by_verb)[w];
  bool own_subject = false;
  for (int c : children_[w]) own_subject |= IsSubjectRel(Rel(c));
  // The governing verb's source: its events', else its subject's.
  EventActor upper;
  if (!(*by_verb)[v].empty()) {
    upper = (*by_verb)[v].front().source;
  } else {
    bool passive = false;
    std::vector<int> subjects = SubjectsOf(v, &passive);
    if (subjects.empty() || passive) return false;
    upper = ToEventActor(resolved_[subjects.front()]);
  }
  for (const Coder::Transformation& t : *transformations_) {
    if (!in_family(upper_code, t.upper_code)) continue;
    std::vector<Event> out;
    for (const Event& e : lower) {
      if (!t.lower_code.empty() && !in_family(e.cameo, t.lower_code)) continue;
      // 'a': the complement's own subject is the governor's source ("claimed that they had
      // attacked"); '_': no subject of its own ("wants to attack"); 'b': another actor, its own
      // subject or the governor's object ("wants Putin to attack").
      bool same = e.source.code == upper.code;
      if (t.lower_source == 'a' && !(own_subject && same)) continue;
      if (t.lower_source == '_' && (own_subject || !same)) continue;
      if (t.lower_source == 'b' && same) continue;
      const EventActor& b = t.lower_source == 'b' ? e.source : e.target;
      Event r = e;
      r.source = t.out_source == 'a' ? upper : b;
      r.target = t.out_target == 'a' ? upper : b;
      if (r.source.code == r.target.code) continue;
      if (!t.out_code.empty()) SetCode(&r, t.out_code);
      r.verb_pattern = "transformation: " + t.text;
      out.push_back(std::move(r));
    }
    if (out.empty()) continue;
    Say(fmt::format("'{}' over '{}': {} gives {} {} {}", p_.words[v].form, p_.words[w].form, t.text,
                    out[0].source.code, out[0].cameo, out[0].target.code));
    lower = std::move(out);
    (*by_verb)[v].clear();
    return true;
  }
  return false;
}

namespace {

// CAMEO's intent (03), appeal (02), demand (10), reject (12) and threat (13) categories mirror the
// categories of the act they are about: intent to provide economic aid is 0331 as economic aid is
// 071. These tables give, for an act's code, the code of intending, asking for, demanding,
// refusing or threatening it (CAMEO 1.1b3), "" when the category has no such code.
enum class Governor { kNone, kIntent, kAppeal, kDemand, kReject, kThreat };

std::string MirrorCode(Governor g, const std::string& act) {
  auto starts = [&](const char* p) { return act.rfind(p, 0) == 0; };
  auto pick = [&](std::initializer_list<std::pair<const char*, const char*>> table,
                  const char* base) -> std::string {
    for (const auto& [prefix, code] : table)
      if (starts(prefix)) return code;
    return base;
  };
  // Acts of conflict that are intended or threatened are threats.
  bool conflict = act.size() >= 2 && act.compare(0, 2, "14") >= 0;
  switch (g) {
    case Governor::kIntent:
      if (conflict) return MirrorCode(Governor::kThreat, act);
      return pick(
          {{"045", "039"},  {"04", "036"},   {"05", "032"},   {"061", "0311"}, {"062", "0312"},
           {"063", "0313"}, {"064", "0314"}, {"06", "031"},   {"071", "0331"}, {"072", "0332"},
           {"073", "0333"}, {"074", "0334"}, {"07", "033"},   {"081", "0351"}, {"082", "0352"},
           {"083", "034"},  {"084", "0353"}, {"085", "0354"}, {"086", "0355"}, {"087", "0356"},
           {"08", "035"}},
          "030");
    case Governor::kAppeal:
      return pick(
          {{"045", "028"},  {"04", "026"},   {"05", "022"},   {"061", "0211"}, {"062", "0212"},
           {"063", "0213"}, {"064", "0214"}, {"06", "021"},   {"071", "0231"}, {"072", "0232"},
           {"073", "0233"}, {"074", "0234"}, {"07", "023"},   {"081", "0251"}, {"082", "0252"},
           {"083", "024"},  {"084", "0253"}, {"085", "0254"}, {"086", "0255"}, {"087", "0256"},
           {"08", "025"}},
          "020");
    case Governor::kDemand:
      return pick(
          {{"045", "106"},  {"04", "108"},   {"05", "102"},   {"061", "1011"}, {"062", "1012"},
           {"063", "1013"}, {"064", "1014"}, {"06", "101"},   {"071", "1031"}, {"072", "1032"},
           {"073", "1033"}, {"074", "1034"}, {"07", "103"},   {"081", "1051"}, {"082", "1052"},
           {"083", "104"},  {"084", "1053"}, {"085", "1054"}, {"086", "1055"}, {"087", "1056"},
           {"08", "105"}},
          "100");
    case Governor::kReject:
      return pick({{"045", "126"},
                   {"04", "125"},
                   {"061", "1211"},
                   {"062", "1212"},
                   {"06", "121"},
                   {"07", "122"},
                   {"081", "1241"},
                   {"082", "1242"},
                   {"083", "123"},
                   {"084", "1243"},
                   {"085", "1244"},
                   {"086", "1245"},
                   {"087", "1246"},
                   {"08", "124"}},
                  "120");
    case Governor::kThreat:
      return pick({{"161", "1313"},
                   {"162", "1311"},
                   {"163", "1312"},
                   {"164", "134"},
                   {"165", "135"},
                   {"166", "136"},
                   {"16", "131"},
                   {"17", "137"},
                   {"18", "138"},
                   {"19", "138"},
                   {"20", "138"}},
                  "130");
    case Governor::kNone:
      break;
  }
  return "";
}

}  // namespace

void SentenceCoder::ComposeByFamily(const std::vector<std::string>& verb_code,
                                    const std::vector<bool>& verb_negated,
                                    std::vector<std::vector<Event>>* by_verb) {
  const int n = static_cast<int>(p_.words.size());
  // Verbs whose infinitive is an act not yet done: wishes, plans, agreements and promises to do.
  static const std::unordered_set<std::string> kIntending = {
      "agree",   "pledge",    "promise", "vow",      "commit", "offer", "decide",     "undertake",
      "resolve", "volunteer", "cam kết", "nhất trí", "đồng ý", "hứa",   "quyết định", "thống nhất"};
  auto family = [&](int v) {
    const std::string& c = verb_code[v];
    if (c.rfind("02", 0) == 0) return Governor::kAppeal;
    if (c.rfind("10", 0) == 0) return Governor::kDemand;
    if (c.rfind("12", 0) == 0) return Governor::kReject;
    if (c.rfind("13", 0) == 0) return Governor::kThreat;
    if (c.rfind("03", 0) == 0 || IntentVerbs().count(Lemma(v)) || kIntending.count(Lemma(v)))
      return Governor::kIntent;
    return Governor::kNone;
  };
  // Accusations and denials state nothing done: "accused China of supporting Russia", "denied
  // reports that Russia had sent troops" code the accusation or denial only.
  auto alleging = [&](int v) {
    const std::string& c = verb_code[v];
    return c.rfind("11", 0) == 0 || c == "016" || Lemma(v) == "deny" || Lemma(v) == "allege" ||
           Lemma(v) == "bác bỏ" || Lemma(v) == "cáo buộc";
  };
  for (int v = 0; v < n; ++v) {
    if (p_.words[v].upos != "VERB" || !alleging(v)) continue;
    std::vector<int> stack;
    for (int c : children_[v]) {
      std::string_view rel = BaseRel(Rel(c));
      if (rel != "conj" && rel != "parataxis" && !IsSubjectRel(Rel(c))) stack.push_back(c);
    }
    while (!stack.empty()) {
      int x = stack.back();
      stack.pop_back();
      if (!(*by_verb)[x].empty()) {
        Say(fmt::format("'{}' is only alleged or denied by '{}': not coded", p_.words[x].form,
                        p_.words[v].form));
        (*by_verb)[x].clear();
      }
      for (int c : children_[x])
        if (BaseRel(Rel(c)) != "parataxis") stack.push_back(c);
    }
  }
  // Vietnamese parses hang an intending verb on the act as its modifier ("Hai bên nhất trí tăng
  // cường hợp tác", agreed to strengthen cooperation, with "nhất trí" as compound:vmod of "tăng
  // cường"): the act is intended all the same, by its own source.
  // Whether verb v is negated ("did not agree"): its intent or act is then not coded.
  auto negated = [&](int v) { return verb_negated[v] || (Negated(v) && !options_.code_negated); };
  for (int w = 0; sentence_.language == "vi" && w < n; ++w) {
    if ((*by_verb)[w].empty()) continue;
    int u = -1;
    auto find_intent = [&](int x) {
      for (int c : children_[x])
        if (c < w && p_.words[c].upos == "VERB" && BaseRel(Rel(c)) == "compound" &&
            family(c) == Governor::kIntent)
          u = c;
    };
    // On the act, on its subject right before it ("bên" <- "nhất trí"), or on a verb that codes
    // nothing and governs the act ("Hai bên nhất trí tiếp tục thúc đẩy hợp tác").
    for (int x = w, steps = 0; u < 0 && x >= 0 && steps < 3; ++steps) {
      find_intent(x);
      for (int c : children_[x])
        if (u < 0 && IsSubjectRel(Rel(c))) find_intent(c);
      if (BaseRel(Rel(x)) != "xcomp") break;
      x = Head(x);
      if (x < 0 || p_.words[x].upos != "VERB" || !verb_code[x].empty() || !(*by_verb)[x].empty())
        break;
    }
    if (u < 0) continue;
    if (negated(u)) {
      Say(fmt::format("'{}' under negated '{}': not coded", p_.words[w].form, p_.words[u].form));
      (*by_verb)[w].clear();
      continue;
    }
    std::vector<Event> composed;
    for (Event e : (*by_verb)[w]) {
      std::string code = MirrorCode(Governor::kIntent, e.cameo);
      if (code.empty() || !ontology_.Find(code)) continue;
      Say(fmt::format("'{}' (intent) on '{}' ({}): {} {} {}", p_.words[u].form, p_.words[w].form,
                      e.cameo, e.source.code, code, e.target.code));
      SetCode(&e, code);
      e.verb_pattern = "(" + p_.words[u].form + ") " + e.verb_pattern;
      composed.push_back(std::move(e));
    }
    (*by_verb)[w] = std::move(composed);
  }
  for (int w = 0; w < n; ++w) {
    if ((*by_verb)[w].empty()) continue;
    int v = Head(w);
    if (v < 0 || p_.words[v].upos != "VERB") continue;
    std::string_view rel = BaseRel(Rel(w));
    Governor g = family(v);
    // "plans to sign", "urged Israel to allow", "demanded that Pyongyang stop".
    bool complement = rel == "xcomp" || Infinitive(w) ||
                      (rel == "ccomp" && (g == Governor::kAppeal || g == Governor::kDemand));
    if (!complement) continue;
    // Through complements that code nothing themselves: "agreed to continue to expand
    // cooperation", "nhất trí tăng cường hợp tác" (agreed to strengthen cooperation).
    bool between_negated = false;
    for (int steps = 0;
         steps < 3 && g == Governor::kNone && verb_code[v].empty() && (*by_verb)[v].empty() &&
         BaseRel(Rel(v)) == "xcomp" && Head(v) >= 0 && p_.words[Head(v)].upos == "VERB";
         ++steps) {
      between_negated |= negated(v);
      v = Head(v);
      g = family(v);
    }
    if (between_negated || negated(v)) {
      // "did not agree to attack", "did not threaten to impose sanctions": nothing was done,
      // intended or threatened.
      Say(fmt::format("'{}' under negated '{}': not coded", p_.words[w].form, p_.words[v].form));
      (*by_verb)[w].clear();
      continue;
    }
    if (g == Governor::kNone) continue;
    // The governor's sources: its events', else its subjects. A complement event whose source
    // is one of them keeps it ("Iran and Syria decide to engage with X": each of them intends);
    // the others take the first.
    std::vector<EventActor> sources;
    if (!(*by_verb)[v].empty()) {
      for (const Event& e : (*by_verb)[v]) sources.push_back(e.source);
    } else {
      bool passive = false;
      std::vector<int> subjects = SubjectsOf(v, &passive);
      if (subjects.empty() || passive) {
        (*by_verb)[w].clear();  // an intention of nobody known is no event
        continue;
      }
      for (int m : subjects) sources.push_back(ToEventActor(resolved_[m]));
    }
    std::vector<Event> composed;
    for (const Event& e : (*by_verb)[w]) {
      std::string code = MirrorCode(g, e.cameo);
      if (code.empty() || !ontology_.Find(code)) continue;
      Event c = e;
      auto own = std::find_if(sources.begin(), sources.end(),
                              [&](const EventActor& a) { return a.code == e.source.code; });
      c.source = own != sources.end() ? *own : sources.front();
      // Appeals and demands are made to the one asked to act ("urged Israel to allow ...",
      // "demanded that Pyongyang stop ...").
      if (g == Governor::kAppeal || g == Governor::kDemand) {
        int object = ObjectOf(v);
        if (object < 0) object = AskedOf(v);
        std::vector<int> asked = object >= 0 ? ActorsOf(object, false) : std::vector<int>{};
        if (!asked.empty()) {
          c.target = ToEventActor(resolved_[asked.front()]);
        } else if (e.source.code != c.source.code) {
          c.target = e.source;
        }
      } else if (int object = ObjectOf(v); object >= 0) {
        // The governor's object who is to act is whom the intent concerns: "invited Lee to visit
        // Berlin" is an invitation to Lee (036), not to Berlin.
        std::vector<int> invited = ActorsOf(object, false);
        if (!invited.empty() && resolved_[invited.front()].code == e.source.code)
          c.target = ToEventActor(resolved_[invited.front()]);
      }
      if (c.source.code == c.target.code) continue;
      // Two complement events can compose into one ("X and Y agreed with each other" under one
      // appeal of X): keep it once.
      const bool repeated = std::any_of(composed.begin(), composed.end(), [&](const Event& k) {
        return k.source.code == c.source.code && k.target.code == c.target.code && k.cameo == code;
      });
      if (repeated) continue;
      Say(fmt::format("'{}' ({}) over '{}' ({}): {} {} {}", p_.words[v].form,
                      verb_code[v].empty() ? "intent" : verb_code[v], p_.words[w].form, e.cameo,
                      c.source.code, code, c.target.code));
      SetCode(&c, code);
      c.verb_pattern = "(" + std::string(p_.words[v].form) + ") " + c.verb_pattern;
      composed.push_back(std::move(c));
    }
    (*by_verb)[w] = std::move(composed);
    (*by_verb)[v].clear();
  }
}

void SentenceCoder::SetCode(Event* e, const std::string& code) const {
  e->cameo = code;
  e->cameo_name.clear();
  e->goldstein = 0;
  e->quad_class = 0;
  e->plover = {};
  if (const CameoCode* cc = ontology_.Find(code)) {
    e->cameo_name = cc->name;
    e->goldstein = cc->goldstein;
    e->quad_class = static_cast<int>(cc->quad_class);
    e->plover = cc->plover;
  }
}

void SentenceCoder::EmitEvents(int verb, const std::string& code, const std::string& reverse,
                               const std::string& pattern_text, const PatternResult& match,
                               std::vector<Event>* events, const std::vector<int>* given_sources) {
  bool passive = false;
  std::vector<int> sources;
  const bool nominal_event = given_sources != nullptr;
  if (given_sources) {
    sources = *given_sources;
  } else if (match.source_after != -2) {
    sources = ActorsOf(NominalAfter(verb, match.source_after), true);
  } else {
    sources = SubjectsOf(verb, &passive);
  }
  // A target that is one of the sources again.
  auto is_source = [&](int t) {
    return std::any_of(sources.begin(), sources.end(),
                       [&](int src) { return resolved_[src].code == resolved_[t].code; });
  };
  // A pattern that names words may reach into a subjectless infinitive for its target, as
  // PETRARCH's verb phrase does ("signed an accord to supply Gondor": SIGN * ACCORD).
  const bool infinitives = options_.petrarch_verb_phrases && !match.words.empty();
  std::vector<int> targets;
  if (match.target_is_subject) {
    // "+ * (FROM $)": the subject is acted on; the source stands after the verb. A passive verb's
    // grammatical subject is that subject ("X was freed from Y").
    bool ignored = false;
    for (int c : children_[verb])
      if (IsPassiveSubjectRel(Rel(c))) targets = ActorsOf(c, false);
    if (targets.empty()) targets = SubjectsOf(verb, &ignored);
    if (match.source_after == -2) sources.clear();
  } else if (match.target_after != -2) {
    int nominal = match.target_after == -1 ? ObjectOf(verb)
                                           : NominalAfter(verb, match.target_after, infinitives);
    if (nominal < 0 && match.target_after == -1) nominal = NominalAfter(verb, verb, infinitives);
    // A misparse can hang the target elsewhere ("thăm chính thức Việt Nam" with Việt Nam read as
    // a subject): the actor named right after the pattern's last word, in the same clause.
    if (nominal < 0) {
      int after = match.target_after == -1 ? verb : match.target_after;
      for (int w = after + 1; w <= after + 2 && w < static_cast<int>(p_.words.size()); ++w) {
        if (p_.words[w].upos == "PUNCT") break;
        if (mention_of_[w] >= 0 && !mentions_[mention_of_[w]].unresolved) {
          nominal = w;
          Say(fmt::format("'{}': the target is the actor right after the pattern, {}",
                          p_.words[verb].form, mentions_[mention_of_[w]].code));
          break;
        }
      }
    }
    targets = ActorsOf(nominal, false);
  } else if (passive) {
    for (int c : children_[verb])
      if (IsPassiveSubjectRel(Rel(c))) targets = ActorsOf(c, false);
    if (targets.empty() && PassiveParticiple(verb)) targets = ActorsOf(Head(verb), false);
    if (targets.empty() && ExistentialPassive(verb))
      for (int c : children_[verb])
        if (IsSubjectRel(Rel(c))) targets = ActorsOf(c, false);
  } else if (match.source_after != -2) {
    // The pattern names the source after the verb (`$`): the subject is acted on.
    bool ignored = false;
    targets = SubjectsOf(verb, &ignored);
  } else {
    // No `+`: the object, else (PETRARCH) the first actor in the verb's phrase.
    int nominal = ObjectOf(verb);
    if (nominal < 0 || ActorsOf(nominal, false).empty()) {
      int after = verb;
      for (int w : match.words) after = std::max(after, w);
      // A nominal event looks only after the noun: its possessor is its source.
      int next = NominalAfter(verb, after == verb && !nominal_event ? -1 : after, infinitives);
      if (next < 0 && after != verb)
        next = NominalAfter(verb, nominal_event ? verb : -1, infinitives);
      if (next >= 0) nominal = next;
    }
    targets = ActorsOf(nominal, false);
    // "a phone call with X" parsed with X elsewhere: the actor after a following "with".
    if (targets.empty() && nominal_event) {
      int n = static_cast<int>(p_.words.size());
      for (int w = verb + 1; w < n && w <= verb + 4; ++w) {
        if (Lemma(w) != "with" && Lemma(w) != "với") continue;
        for (int x = w + 1; x < n && x <= w + 6; ++x) {
          int k = mention_of_[x];
          if (k < 0) continue;
          int r = Resolve(k, false);
          if (r >= 0) targets.push_back(r);
          break;
        }
        break;
      }
    }
    // Still none (PETRARCH): the subject of a reported clause ("Arnor believes Dagolath can cope").
    // A subject that is the source itself ("Frodo said he has deep satisfaction toward Gondor")
    // gives way to the first actor of the clause.
    if (targets.empty() && options_.locatives_are_targets) {
      for (int c : children_[verb]) {
        // A negated report ("said he would not help Israel") states nothing done to anyone.
        if (BaseRel(Rel(c)) != "ccomp" || (Negated(c) && p_.words[c].upos == "VERB")) continue;
        for (int cc : children_[c])
          if (IsSubjectRel(Rel(cc)) || IsPassiveSubjectRel(Rel(cc))) targets = ActorsOf(cc, false);
        size_t before = targets.size();
        targets.erase(std::remove_if(targets.begin(), targets.end(), is_source), targets.end());
        if (targets.empty() && before > 0) targets = ActorsOf(NominalAfter(c, -1), false);
        if (!targets.empty()) break;
      }
    }
  }
  // A compound subject with no target of its own in a symmetric action acts on itself: "Japan
  // and the Philippines signed a defence agreement" (PETRARCH needs a `%` pattern for this).
  if (options_.reciprocal_compounds && sources.size() >= 2 && match.target_after == -2 &&
      !match.target_is_subject && !passive &&
      (options_.petrarch_verb_phrases ? PetrarchPairCode(code) : SymmetricCode(code))) {
    if (targets.empty()) {
      Say(fmt::format("'{}' ({}) with a compound subject: its members act on each other",
                      p_.words[verb].form, code));
      targets = sources;
    }
  }
  // Last resort: the place of the event is its target for visits, appeals, aid and force
  // ("arrived in Hanoi for a visit", "called for a ceasefire in Sudan", "launched air strikes in
  // Syria"); not for words about things that happen there ("opposed the war in Vietnam").
  // A target that is only the source again (a misparse hung the subject's own modifier on the
  // verb: "Australian Foreign Minister Penny Wong arrived in Hanoi ... for a visit") is no target
  // here either.
  const bool only_self = !targets.empty() && std::all_of(targets.begin(), targets.end(), is_source);
  if ((targets.empty() || only_self) && !options_.locatives_are_targets && !sources.empty() &&
      PlaceIsTarget(code)) {
    // The first actor of the verb's phrase, places included, that is not the source.
    for (int after = -1;;) {
      int place = NominalAfter(verb, after, infinitives, /*locatives=*/true);
      if (place <= after) break;
      after = place;
      std::vector<int> places = ActorsOf(place, false);
      places.erase(std::remove_if(places.begin(), places.end(), is_source), places.end());
      if (places.empty()) continue;
      targets = std::move(places);
      Say(fmt::format("'{}' has no other target: taking the place, {}", p_.words[verb].form,
                      resolved_[targets[0]].code));
      break;
    }
  }
  if (match.compound) {
    // PETRARCH `%`: the compound subject acts on itself ("Gondor and Osgiliath delayed their
    // meeting"): one event for each ordered pair of its members.
    targets = sources;
  }
  for (int s : sources) subject_mentions_.push_back(s);
  if (sources.empty() || targets.empty()) {
    Say(fmt::format("no event for '{}' ({}): {}", p_.words[verb].form, pattern_text,
                    sources.empty() ? "no source actor" : "no target actor"));
    if (options_.require_dyad || (sources.empty() && targets.empty())) return;
    // PETRARCH without require_dyad: the missing side is "---".
    Mention missing;
    missing.code = "---";
    missing.first = missing.last = verb;
    resolved_.push_back(missing);
    (sources.empty() ? sources : targets).push_back(static_cast<int>(resolved_.size()) - 1);
  }
  int last_word = verb;
  for (int w : match.words) last_word = std::max(last_word, w);
  Span verb_span = p_.words[verb].span;
  if (p_.has_spans && last_word != verb) verb_span.end = p_.words[last_word].span.end;
  DateSource date_source = DateSource::kNone;
  std::optional<Date> date =
      ResolveEventDate(dates_, p_.words[verb].span, article_.date, &date_source);
  const size_t first_event = events->size();
  auto make = [&](const Mention& src, const Mention& tgt, const std::string& c) {
    if (c.empty() || c == "---") return;
    // One event per source, target and code: a compound (`%`) pair code such as 050:050 reaches
    // each ordered pair twice.
    for (size_t i = first_event; i < events->size(); ++i) {
      const Event& e = (*events)[i];
      if (e.source.code == src.code && e.target.code == tgt.code && e.cameo == c &&
          e.source.span == src.span && e.target.span == tgt.span)
        return;
    }
    if (src.code == tgt.code || &src == &tgt) {
      Say(fmt::format("no event {} {} {}: source and target are the same actor", src.code, c,
                      tgt.code));
      return;
    }
    Event e;
    e.article = article_.id;
    e.sentence = sentence_.index;
    e.date = date;
    e.date_source = date_source;
    e.language = sentence_.language;
    e.source = ToEventActor(src);
    e.target = ToEventActor(tgt);
    e.cameo = c;
    if (const CameoCode* cc = ontology_.Find(c)) {
      e.cameo_name = cc->name;
      e.goldstein = cc->goldstein;
      e.quad_class = static_cast<int>(cc->quad_class);
      e.plover = cc->plover;
    }
    e.verb_text = SpanText(verb_span);
    if (e.verb_text.empty()) e.verb_text = p_.words[verb].form;
    e.verb_span = verb_span;
    e.verb_pattern = pattern_text;
    e.text = SpanText(sentence_.span);
    if (e.text.empty()) e.text = p_.text;
    Say(fmt::format("event: {} {} {} ({}, date {} from {})", e.source.code, e.cameo, e.target.code,
                    pattern_text, e.date ? e.date->ToString() : "none",
                    DateSourceName(e.date_source) ? DateSourceName(e.date_source) : "none"));
    events->push_back(std::move(e));
  };
  for (int s : sources) {
    for (int t : targets) {
      make(resolved_[s], resolved_[t], code);
      make(resolved_[t], resolved_[s], reverse);
    }
  }
}

std::vector<Event> SentenceCoder::Code() {
  std::vector<Event> events;
  const int n = static_cast<int>(p_.words.size());
  if (n == 0) return events;
  BuildTree();
  if (explain_) {
    std::string parse;
    for (int w = 0; w < n; ++w) {
      const Word& word = p_.words[w];
      parse += fmt::format(" {}:{}/{}->{}:{}", w + 1, word.form, word.upos, word.head, word.deprel);
    }
    Say("parse:" + parse);
  }
  FindMentions();
  FindEventPlace();
  dates_ = FindDateMentions(sentence_.tokens, article_.date);
  for (int w = 0; w < n && !has_diacritics_; ++w)
    has_diacritics_ = sentence_.language == "vi" && Form(w) != FoldWithoutDiacritics(Form(w));
  in_date_.assign(n, false);
  for (const DateMention& d : dates_)
    for (int w = 0; w < n; ++w)
      if (p_.has_spans && p_.words[w].span.begin >= d.span.begin &&
          p_.words[w].span.end <= d.span.end)
        in_date_[w] = true;
  // Which verbs produced events, to drop a statement verb whose complement carries the event.
  std::vector<std::vector<Event>> by_verb(n);
  // Verbs first, then event nouns; a noun a verb's pattern used ("held phone talks") is part of
  // that verb's event, not one of its own.
  std::vector<bool> used(n, false);
  std::vector<std::string> verb_code(n);  // the code each verb took, events or not
  std::vector<bool> verb_negated(n, false);
  std::vector<int> order;
  for (int v = 0; v < n; ++v)
    if (p_.words[v].upos != "NOUN") order.push_back(v);
  for (int v = 0; v < n; ++v)
    if (p_.words[v].upos == "NOUN") order.push_back(v);
  for (int v : order) {
    if (used[v]) continue;
    const Word& word = p_.words[v];
    if (word.upos != "VERB" && word.upos != "NOUN" && !word.upos.empty()) continue;
    {
      std::string_view rel = BaseRel(Rel(v));
      if (rel == "aux" || rel == "cop" || rel == "auxpass") continue;
    }
    const std::string& lemma = Lemma(v);
    std::vector<VerbRef> refs;
    auto find = [&](const std::string& w) { return matcher_.FindFoldedVerb(w, !has_diacritics_); };
    // "first second" as a verb form, looked up only when some multi-word form starts like it.
    auto find_pair = [&](const std::string& first, const std::string& second) {
      static const std::vector<VerbRef> kNone;
      if (!matcher_.StartsVerbPhrase(std::string_view(first).substr(0, first.find(' '))))
        return kNone;
      return find(first + " " + second);
    };
    // Phrasal verbs first ("back down", "call off"); a particle the parser took for a
    // preposition still follows the verb directly ("cordoned off the roads").
    for (int c : children_[v]) {
      if (Rel(c) == "compound:prt" || Rel(c) == "prt") {
        refs = find_pair(lemma, Lemma(c));
        if (refs.empty()) refs = find_pair(Form(v), Lemma(c));
      }
    }
    if (refs.empty() && sentence_.language != "vi" && v + 1 < n &&
        (p_.words[v + 1].upos == "ADP" || p_.words[v + 1].upos == "PART" ||
         p_.words[v + 1].upos == "ADV")) {
      refs = find_pair(lemma, Form(v + 1));
      if (refs.empty()) refs = find_pair(Form(v), Form(v + 1));
    }
    // Vietnamese verbs the segmenter split ("điện" + "đàm"): the verb with a neighbouring word.
    if (refs.empty() && sentence_.language == "vi") {
      if (v > 0 && !used[v - 1] && !(refs = find_pair(Form(v - 1), Form(v))).empty()) {
        used[v - 1] = true;
      } else if (v + 1 < n && !used[v + 1] && !(refs = find_pair(Form(v), Form(v + 1))).empty()) {
        used[v + 1] = true;
      }
    }
    // The surface form first (PETRARCH lists irregular forms as verbs of their own: "LEFT"), then
    // the lemma.
    if (refs.empty()) refs = find(Form(v));
    if (refs.empty() && Form(v) != lemma && !options_.verb_forms_only) refs = find(lemma);
    if (refs.empty()) continue;
    const bool nominal = word.upos == "NOUN";
    if (nominal && !options_.code_nominal_events) continue;
    // "wishes to visit", "plans to sign", "muốn thăm": an intention, not the event itself.
    if (!options_.code_intended && !options_.compose_complements && BaseRel(Rel(v)) == "xcomp" &&
        Head(v) >= 0 && IntentVerbs().count(Lemma(Head(v)))) {
      Say(fmt::format("'{}' is only intended ('{}'): not coded", word.form,
                      p_.words[Head(v)].form));
      continue;
    }
    const bool negated = Negated(v) && !options_.code_negated;
    if (negated) verb_negated[v] = true;
    std::vector<int> phrase = PhraseWords(v, false, options_.petrarch_verb_phrases);
    const VerbPattern* best = nullptr;
    const VerbBlock* best_block = nullptr;
    PatternResult best_match;
    std::set<const VerbBlock*> seen;
    int tried = 0;
    // Every matching pattern, for the fallback when the best one's target slot names no actor.
    struct Matched {
      const VerbPattern* pattern;
      const VerbBlock* block;
      PatternResult match;
    };
    std::vector<Matched> matched;
    for (const VerbRef& ref : refs) {
      if (!seen.insert(ref.block).second) continue;
      for (const VerbPattern& pattern : ref.block->patterns) {
        PatternResult m = MatchPattern(pattern, v, phrase);
        ++tried;
        if (explain_ && m.matched)
          Say(fmt::format("verb '{}' ({}): pattern '{}' matches", word.form, ref.block->name,
                          pattern.text));
        if (m.matched) matched.push_back({&pattern, ref.block, m});
        if (m.matched && m.specificity > best_match.specificity) {
          best = &pattern;
          best_block = ref.block;
          best_match = m;
        }
      }
    }
    if (explain_)
      Say(fmt::format("verb '{}': {} patterns tried, {}", word.form, tried,
                      best ? "best '" + best->text + "'" : "none matched"));
    // A negated verb is coded only by a pattern that names the negation ("NOT *" in PETRARCH
    // dictionaries), or, given PETRARCH's coding ontology, by the code of the negated meaning;
    // otherwise "did not meet" is no meeting.
    bool negate_code = false;
    if (negated) {
      bool names_negation = false;
      if (best) {
        for (int w : best_match.words) names_negation |= NegationWords().count(Lemma(w)) > 0;
      }
      if (!names_negation) {
        if (!options_.negation_algebra) {
          Say(fmt::format("'{}' is negated: not coded", word.form));
          continue;
        }
        negate_code = true;
      }
    }
    std::string code, reverse, pattern_text;
    // The codes a matched pattern gives (PETRARCH's "+++": the verb's own code).
    auto codes_of = [&](const VerbPattern& pattern, const VerbBlock* block, std::string* code,
                        std::string* reverse, std::string* text) {
      *code = pattern.code;
      *reverse = pattern.reverse_code;
      *text = block->name + ": " + pattern.text;
      if (*code == "+++") {
        *code = block->code;
        for (const VerbRef& ref : refs)
          if (ref.block == block && ref.verb && !ref.verb->code.empty()) *code = ref.verb->code;
        size_t colon = code->find(':');
        if (colon != std::string::npos) {
          *reverse = code->substr(colon + 1);
          *code = code->substr(0, colon);
        }
      }
    };
    if (best) {
      codes_of(*best, best_block, &code, &reverse, &pattern_text);
    } else {
      // No pattern: the verb's own code, if it has one.
      const VerbRef& ref = refs.front();
      code = ref.verb && !ref.verb->code.empty() ? ref.verb->code : ref.block->code;
      size_t colon = code.find(':');
      if (colon != std::string::npos) {
        reverse = code.substr(colon + 1);
        code = code.substr(0, colon);
      }
      pattern_text = ref.block->name + ": *";
      best_match.matched = true;
    }
    if (negate_code) {
      std::optional<std::string> negation =
          code.empty() || code == "---" ? std::nullopt : options_.negation_algebra->Negate(code);
      if (!negation) {
        Say(fmt::format("'{}' is negated and {} has no negated meaning: not coded", word.form,
                        code.empty() ? "---" : code));
        continue;
      }
      Say(fmt::format("'{}' is negated: {} becomes {} (PETRARCH coding ontology)", word.form, code,
                      *negation));
      code = *negation;
      reverse.clear();
      pattern_text = "not " + pattern_text;
    }
    if ((code.empty() || code == "---") && reverse.empty()) {
      Say(fmt::format("verb '{}': pattern '{}' codes nothing", word.form, pattern_text));
      continue;
    }
    verb_code[v] = code;
    for (int w : best_match.words) used[w] = true;
    if (nominal) {
      // A noun codes only as a nominal event whose agent is named ("Blinken's visit to
      // Vietnam", "a reception for X" given by the clause's subject, "chuyến thăm của X").
      std::vector<int> sources = NominalSources(v, code.empty() ? reverse : code);
      if (sources.empty()) {
        Say(fmt::format("noun '{}' names no agent: not coded", word.form));
        continue;
      }
      EmitEvents(v, code, reverse, "(noun) " + pattern_text, best_match, &by_verb[v], &sources);
      continue;
    }
    EmitEvents(v, code, reverse, pattern_text, best_match, &by_verb[v]);
    // The best pattern's `+` slot names no actor ("thanked EU leaders for the decision" under
    // "* for +"): the next most specific pattern that looks for its target elsewhere ("*": the
    // object) may still find one. Not for negated codes, which come from the best pattern only.
    if (by_verb[v].empty() && best && best_match.target_after != -2 && !negate_code) {
      std::stable_sort(matched.begin(), matched.end(), [](const Matched& a, const Matched& b) {
        return a.match.specificity > b.match.specificity;
      });
      for (const Matched& m : matched) {
        if (m.pattern == best || m.match.target_after == best_match.target_after ||
            m.match.target_is_subject || m.match.source_after != best_match.source_after)
          continue;
        std::string other_code, other_reverse, other_text;
        codes_of(*m.pattern, m.block, &other_code, &other_reverse, &other_text);
        if ((other_code.empty() || other_code == "---") && other_reverse.empty()) continue;
        Say(fmt::format("verb '{}': no actor in the target slot of '{}'; trying '{}'", word.form,
                        best->text, m.pattern->text));
        EmitEvents(v, other_code, other_reverse, other_text, m.match, &by_verb[v]);
        if (!by_verb[v].empty()) {
          verb_code[v] = other_code;
          for (int w : m.match.words) used[w] = true;
          break;
        }
      }
    }
  }
  if (options_.negation_algebra && options_.petrarch_verb_phrases) {
    ComposeComplements(verb_code, verb_negated, &by_verb);
  } else if (options_.compose_complements) {
    ComposeByFamily(verb_code, verb_negated, &by_verb);
  }
  // Reported speech: "X said Y criticised Z" codes Y against Z; the statement verb is dropped when
  // a clause it embeds produced an event.
  for (int v = 0; v < n; ++v) {
    if (by_verb[v].empty()) continue;
    bool statement = std::all_of(by_verb[v].begin(), by_verb[v].end(),
                                 [](const Event& e) { return e.cameo.rfind("01", 0) == 0; });
    if (statement) {
      bool embedded = false;
      for (int w = 0; w < n && !embedded; ++w) {
        if (w == v || by_verb[w].empty()) continue;
        for (int h = Head(w); h >= 0; h = Head(h)) {
          if (h == v) {
            embedded = true;
            break;
          }
        }
      }
      if (embedded) {
        Say(fmt::format("statement verb '{}' dropped: the clause it reports carries the event",
                        p_.words[v].form));
        continue;
      }
    }
    for (Event& e : by_verb[v]) events.push_back(std::move(e));
  }
  // Remember this sentence's actors, subjects last so they are found first.
  // Anonymous actors ("---GOV") name nobody a later sentence could refer to.
  auto rememberable = [](const Mention& m) {
    return !m.unresolved && !m.code.empty() && m.code.rfind("---", 0) != 0;
  };
  for (const Mention& m : resolved_) {
    if (rememberable(m)) history_->push_back({m, false});
  }
  for (int s : subject_mentions_) {
    if (rememberable(resolved_[s])) history_->push_back({resolved_[s], true});
  }
  // The latest event between two different named actors, for "the two sides" later on.
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    const EventActor& a = it->source;
    const EventActor& b = it->target;
    if (a.code.empty() || b.code.empty() || a.code == b.code || a.code.rfind("---", 0) == 0 ||
        b.code.rfind("---", 0) == 0)
      continue;
    context_->last_pair.clear();
    for (const EventActor* party : {&a, &b}) {
      Mention m;
      m.code = party->code;
      m.entry = party->entry;
      m.span = party->span;
      context_->last_pair.push_back(m);
    }
    break;
  }
  // The grammatical subjects of every clause, coded or not, the main clause's last: "Leahy said he
  // is proud ..." makes Leahy the one a later "he" refers to.
  std::vector<std::pair<int, int>> subjects;  // (-depth of the clause, mention)
  for (int w = 0; w < n; ++w) {
    if (!IsSubjectRel(Rel(w)) && !IsPassiveSubjectRel(Rel(w))) continue;
    int k = mention_of_[w] >= 0 ? mention_of_[w] : MentionInPhrase(w);
    if (k < 0 || !rememberable(resolved_[k])) continue;
    int depth = 0;
    for (int h = Head(w); h >= 0 && depth < 64; h = Head(h)) ++depth;
    subjects.push_back({-depth, k});
  }
  std::stable_sort(subjects.begin(), subjects.end());
  for (const auto& [depth, k] : subjects) history_->push_back({resolved_[k], true});
  return events;
}

}  // namespace

void Coder::PhraseIndex::Add(std::vector<std::string> words) {
  if (words.empty()) return;
  by_first[words.front()].push_back(static_cast<uint32_t>(phrases.size()));
  phrases.push_back(std::move(words));
}

std::vector<uint32_t> Coder::PhraseIndex::Find(const std::vector<std::string>& words) const {
  std::vector<uint32_t> found;
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = by_first.find(words[i]);
    if (it == by_first.end()) continue;
    for (uint32_t k : it->second) {
      const std::vector<std::string>& ph = phrases[k];
      if (i + ph.size() > words.size()) continue;
      if (std::equal(ph.begin() + 1, ph.end(), words.begin() + i + 1)) found.push_back(k);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

namespace {

// A phrase's or a sentence's words for discard and issue matching: its folded tokens, or (PETRARCH
// discards) its folded words split at white space only.
std::vector<std::string> MatchWords(std::string_view text, bool raw) {
  std::vector<std::string> out;
  std::string folded = FoldForMatch(text);
  if (!raw) {
    for (const Token& t : Tokenize(folded)) out.push_back(t.text);
    return out;
  }
  std::stringstream ss(folded);
  for (std::string w; ss >> w;) out.push_back(w);
  return out;
}

}  // namespace

Coder::Coder(std::map<std::string, const DictionaryMatcher*> matchers, const Ontology& ontology,
             CoderOptions options)
    : matchers_(std::move(matchers)), ontology_(ontology), options_(options) {
  for (const auto& [lang, matcher] : matchers_) {
    if (discards_.count(matcher)) continue;
    Discards& discards = discards_[matcher];
    for (const DiscardEntry& d : matcher->dictionaries().discards) {
      if (!d.lang.empty() && !lang.empty() && d.lang != lang) continue;
      std::vector<std::string> words = MatchWords(d.phrase, options_.discards_on_raw_words);
      if (words.empty()) continue;
      discards.index.Add(std::move(words));
      discards.entries.push_back(&d);
    }
    std::vector<Transformation>& rules = transformations_[matcher];
    for (const RawEntry& raw : matcher->dictionaries().transformations) {
      if (std::optional<Transformation> t = ParseTransformation(raw.text, *matcher))
        rules.push_back(std::move(*t));
    }
    Issues& issues = issues_[matcher];
    for (const IssueEntry& i : matcher->dictionaries().issues) {
      if (!i.lang.empty() && !lang.empty() && i.lang != lang) continue;
      std::vector<std::string> words = MatchWords(i.phrase, false);
      if (words.empty()) continue;
      issues.index.Add(std::move(words));
      issues.entries.push_back(&i);
    }
  }
}

std::vector<std::string> Coder::FindIssues(const DictionaryMatcher* matcher,
                                           const std::vector<std::string>& words) const {
  std::vector<std::string> found;
  auto it = issues_.find(matcher);
  if (it == issues_.end()) return found;
  std::set<std::string> cancelled;
  for (uint32_t k : it->second.index.Find(words)) {
    const IssueEntry* entry = it->second.entries[k];
    if (entry->exclude) {
      cancelled.insert(entry->category);
    } else if (!entry->code.empty()) {
      found.push_back(entry->code);
    }
  }
  if (!cancelled.empty()) {
    // An exclude phrase ("a head start" is no education issue) cancels its category's tags.
    std::set<std::string> codes_of_cancelled;
    for (const IssueEntry* entry : it->second.entries)
      if (!entry->exclude && cancelled.count(entry->category))
        codes_of_cancelled.insert(entry->code);
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const std::string& c) { return codes_of_cancelled.count(c); }),
                found.end());
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

const DiscardEntry* Coder::FindDiscard(const DictionaryMatcher* matcher,
                                       const std::vector<std::string>& words) const {
  auto it = discards_.find(matcher);
  if (it == discards_.end()) return nullptr;
  std::vector<uint32_t> found = it->second.index.Find(words);
  return found.empty() ? nullptr : it->second.entries[found.front()];
}

const DictionaryMatcher* Coder::MatcherFor(const std::string& language) const {
  auto it = matchers_.find(language);
  if (it != matchers_.end()) return it->second;
  it = matchers_.find("");
  return it != matchers_.end() ? it->second : nullptr;
}

std::vector<Event> Coder::CodeArticle(const Article& article,
                                      const std::vector<Sentence>& sentences,
                                      const std::vector<ParsedSentence>& parses,
                                      std::string* explain) const {
  std::vector<Event> events;
  ArticleContext context;
  // Discards: a sentence-level phrase drops its sentence; an article-level one the whole article.
  std::vector<const DiscardEntry*> discarded(sentences.size(), nullptr);
  std::vector<std::vector<std::string>> issues(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    const Sentence& s = sentences[i];
    std::string_view text =
        s.span.end <= article.text.size() && s.span.end > s.span.begin
            ? std::string_view(article.text).substr(s.span.begin, s.span.end - s.span.begin)
            : std::string_view();
    std::vector<std::string> words = MatchWords(text, false);
    const DictionaryMatcher* matcher = MatcherFor(sentences[i].language);
    discarded[i] =
        FindDiscard(matcher, options_.discards_on_raw_words ? MatchWords(text, true) : words);
    issues[i] = FindIssues(matcher, words);
    if (discarded[i] && discarded[i]->whole_article) {
      if (explain)
        *explain += fmt::format("article discarded: sentence {} mentions \"{}\"\n", i,
                                discarded[i]->phrase);
      return events;
    }
  }
  for (size_t i = 0; i < sentences.size() && i < parses.size(); ++i) {
    const Sentence& s = sentences[i];
    if (discarded[i]) {
      if (explain)
        *explain += fmt::format("sentence {} discarded: it mentions \"{}\"\n", s.index,
                                discarded[i]->phrase);
      continue;
    }
    if (explain)
      *explain += fmt::format("sentence {} [{}]: {}\n", s.index, s.language,
                              article.text.substr(s.span.begin, s.span.end - s.span.begin));
    const DictionaryMatcher* matcher = MatcherFor(s.language);
    if (!matcher) {
      if (explain) *explain += "  no dictionaries for this language\n";
      continue;
    }
    auto rules = transformations_.find(matcher);
    SentenceCoder coder(article, s, parses[i], *matcher, ontology_, options_, &context, explain,
                        rules == transformations_.end() ? nullptr : &rules->second);
    for (Event& e : coder.Code()) {
      e.issues = issues[i];
      events.push_back(std::move(e));
    }
  }
  return events;
}

}  // namespace dyad
