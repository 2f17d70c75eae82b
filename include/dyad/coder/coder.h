// The event coder: walks each dependency tree, finds event verbs and their patterns, resolves the
// source and target actors, and emits CAMEO/PLOVER events with dates and provenance. Follows the
// conventions of PETRARCH 2 adapted to Universal Dependencies; docs/coding.md documents them.
#ifndef DYAD_CODER_CODER_H_
#define DYAD_CODER_CODER_H_

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/dict/matcher.h"
#include "dyad/ontology/ontology.h"
#include "dyad/ontology/petrarch_algebra.h"

namespace dyad {

struct CoderOptions {
  // Code events whose verb is negated ("did not meet"). PETRARCH does not; neither do we by
  // default.
  bool code_negated = false;
  // Require both a source and a target (PETRARCH's require_dyad). Without it a missing actor is
  // written "---", as PETRARCH's coder reports it before its writer applies require_dyad.
  bool require_dyad = true;
  // PETRARCH's anonymous actors: an agent whose country is not found ("a senior official",
  // "clerics") is coded "---" + its role ("---GOV", "---REL") instead of being dropped.
  bool anonymous_agents = false;
  // PETRARCH's coding ontology: when set, a negated verb whose pattern does not name the negation
  // takes the code of its negated meaning ("didn't clash" 110 -> 050) instead of coding nothing.
  // REQUIRES: outlives the coder.
  const PetrarchCodeAlgebra* negation_algebra = nullptr;
  // PETRARCH's verb phrases: patterns also match words of participle and relative clauses inside
  // the verb's noun phrases and of a subjectless infinitive ("vowed to wage war on X" matches
  // "VOW: * WAR"). dyad by default matches the verb's own phrase only.
  bool petrarch_verb_phrases = false;
  // Match verbs by the forms the dictionary lists only, not by the parser's lemma (PETRARCH reads
  // words as written: "departes" is no form of "depart").
  bool verb_forms_only = false;
  // dyad's verb interaction: "pledged to boost cooperation with Laos" is an intent (032), not
  // cooperation; "threatened to attack" a threat (138); "urged Israel to allow aid" an appeal to
  // Israel (0255); "refused to hold talks" a rejection (125). Off, such complements are coded as
  // acts (PETRARCH without its coding ontology).
  bool compose_complements = true;
  // Code events that are only intended ("wishes to visit"); PETRARCH does, dyad by default not.
  bool code_intended = false;
  // PETRARCH's last-resort targets: an actor named as a place ("the war in Vietnam", "asylum in
  // Gondor") and the subject of a reported clause ("Arnor believes Dagolath can cope" codes
  // Arnor against Dagolath). dyad by default takes neither.
  bool locatives_are_targets = false;
  // A compound subject without a target of its own, in a symmetric action (talks, agreements,
  // cooperation, fighting), gives events between its members ("Japan and the Philippines signed a
  // defence agreement"). PETRARCH does this only for `%` patterns.
  bool reciprocal_compounds = true;
  // Match discard phrases against the sentence's words as written, split at white space (PETRARCH:
  // "years ago," is not the phrase "years ago"), instead of its tokens.
  bool discards_on_raw_words = false;
  // Code event nouns whose agent is named ("Blinken's visit to Vietnam"); PETRARCH codes verbs
  // only.
  bool code_nominal_events = true;
};

class Coder {
 public:
  // `matchers` maps a language ("en", "vi") to its compiled dictionaries; the key "" is used for
  // sentences whose language has no matcher of its own (PETRARCH dictionaries code any language).
  // REQUIRES: the matchers and the ontology outlive the coder.
  Coder(std::map<std::string, const DictionaryMatcher*> matchers, const Ontology& ontology,
        CoderOptions options = {});

  // Codes the sentences of one article. `parses[i]` is the dependency parse of `sentences[i]`
  // (words with spans into article.text). Thread-safe: the coder is immutable. When `explain` is
  // not null, a human-readable account of every decision is appended to it.
  std::vector<Event> CodeArticle(const Article& article, const std::vector<Sentence>& sentences,
                                 const std::vector<ParsedSentence>& parses,
                                 std::string* explain = nullptr) const;

 private:
  const DictionaryMatcher* MatcherFor(const std::string& language) const;
  // The first discard phrase (in dictionary order) among the sentence's folded words, or nullptr.
  const DiscardEntry* FindDiscard(const DictionaryMatcher* matcher,
                                  const std::vector<std::string>& words) const;

  // The issue tags the sentence's folded words mention, sorted and unique; an exclude phrase
  // cancels its category.
  std::vector<std::string> FindIssues(const DictionaryMatcher* matcher,
                                      const std::vector<std::string>& words) const;

  // Phrases (sequences of folded words) indexed by their first word: a sentence is scanned once
  // whatever the number of phrases.
  struct PhraseIndex {
    std::vector<std::vector<std::string>> phrases;
    std::unordered_map<std::string, std::vector<uint32_t>> by_first;
    void Add(std::vector<std::string> words);
    // Indices of the phrases occurring in `words`, ascending, each once.
    std::vector<uint32_t> Find(const std::vector<std::string>& words) const;
  };

  // A PETRARCH transformation rule, `~ a (a b ATTACK) SAY = a b 015`: an event reported or
  // intended by a governing verb becomes one event of another code. Verb words are resolved to
  // their codes when the coder is built.
 public:
  struct Transformation {
    char lower_source = 'a';  // 'a' (the governor's source), 'b', '_' (none of its own), '.'
    char lower_target = 'b';  // 'b' or '.'
    std::string lower_code;   // the complement's code family; "" = any (PETRARCH `Q`)
    std::string upper_code;   // the governing verb's code family
    char out_source = 'a', out_target = 'b';
    std::string out_code;  // "" = the complement's code (`Q`)
    std::string text;      // the rule as written
  };

 private:
  struct Discards {
    PhraseIndex index;
    std::vector<const DiscardEntry*> entries;  // by phrase index
  };
  struct Issues {
    PhraseIndex index;
    std::vector<const IssueEntry*> entries;  // by phrase index
  };
  std::map<std::string, const DictionaryMatcher*> matchers_;
  std::map<const DictionaryMatcher*, Discards> discards_;
  std::map<const DictionaryMatcher*, Issues> issues_;
  std::map<const DictionaryMatcher*, std::vector<Transformation>> transformations_;
  const Ontology& ontology_;
  CoderOptions options_;
};

}  // namespace dyad

#endif  // DYAD_CODER_CODER_H_
