// Greedy arc-hybrid dependency parser (root token at the end of the buffer) with two hashed
// averaged perceptrons: one chooses the transition (SHIFT, or LEFT / RIGHT with a coarse group of
// labels) from Zhang-Nivre style features (words, tags, children, labels, valency, distance), the
// other picks the label within the group when the arc is made, from features of the dependent
// (complete by then: arc-hybrid attaches a word only after all its dependents) and its head.
// Scoring a handful of transitions instead of every labelled one keeps each feature lookup to one
// cache line; the groups keep some of the accuracy that label-specific transition weights give.
// Training uses the Goldberg-Nivre dynamic oracle with exploration (parser_trainer.cc).
#ifndef DYAD_SRC_NLP_PARSER_H_
#define DYAD_SRC_NLP_PARSER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "nlp/lexical.h"
#include "nlp/perceptron.h"

namespace dyad::nlp {

// What the parser sees of a word: its atoms and its (predicted) tags.
struct ParserInput {
  const std::vector<WordAtoms>* atoms = nullptr;
  std::vector<int> tags;       // joint tag index per word
  std::vector<uint64_t> upos;  // hash of the UPOS of each word
};

// Moves of the arc-hybrid system.
inline constexpr int kShift = 0;
inline constexpr int kLeft = 1;   // s0 becomes a dependent of b0 and leaves the stack
inline constexpr int kRight = 2;  // s0 becomes a dependent of s1 and leaves the stack
inline constexpr int kNumTransitions = 3;

// Classes of the transition model: 0 = SHIFT, 1 + 2g = LEFT and 2 + 2g = RIGHT with a label of
// group g.
inline int NumTransitionClasses(int num_groups) { return 1 + 2 * num_groups; }
inline int MoveOf(int cls) { return cls == 0 ? kShift : (cls - 1) % 2 == 0 ? kLeft : kRight; }
inline int GroupOf(int cls) { return (cls - 1) / 2; }
inline int ClassOf(int move, int group) { return move == kShift ? 0 : move + 2 * group; }

// The label group of each label: with 3 groups, function words and punctuation, nominal and
// adverbial dependents, clauses and coordination (by the universal part of the label); with 1,
// every label in group 0.
std::vector<uint8_t> LabelGroups(const std::vector<std::string>& labels, int num_groups);

class ParseState;

// The labels of a parser and their groups.
struct LabelScheme {
  std::vector<std::string> labels;
  std::vector<uint8_t> groups;  // per label, each < num_groups
  int num_groups = 1;
  int root_label = 0;  // "root" (0 when absent)
  // Sets root_label and the derived fields. REQUIRES: groups.size() == labels.size().
  void Finish();
  int num_classes() const { return NumTransitionClasses(num_groups); }
  // Whether transition class `cls` may be applied: its move is valid, an arc onto the root has
  // the root's group, and an arc onto a word has a group holding some other label.
  bool Valid(const ParseState& state, int cls) const;
  // The best label of `group` for an arc onto a word (never "root" unless nothing else is left).
  template <typename T>
  int BestLabel(const T* scores, int group) const {
    int best = -1;
    for (int l = 0; l < static_cast<int>(labels.size()); ++l) {
      if (l == root_label || groups[l] != group) continue;
      if (best < 0 || scores[l] > scores[best]) best = l;
    }
    return best < 0 ? root_label : best;
  }

 private:
  std::vector<char> group_has_word_label_;
};

// The arc-hybrid configuration. Words are 1..n; the root is n+1 and sits at the end of the buffer.
class ParseState {
 public:
  explicit ParseState(int n);
  int n() const { return n_; }
  bool Terminal() const { return stack_.empty() && buffer_ == n_ + 1; }
  // Whether `transition` may be applied. LEFT onto the root needs a stack of one item.
  bool Valid(int transition) const;
  // REQUIRES: Valid(transition) and transition is kLeft or kRight. The head it gives s0.
  int ArcHead(int transition) const {
    return transition == kLeft ? buffer_ : stack_[stack_.size() - 2];
  }
  // REQUIRES: Valid(transition). `label` (a label index) is ignored for SHIFT.
  void Apply(int transition, int label);
  const std::vector<int>& stack() const { return stack_; }
  int buffer() const { return buffer_; }
  int head(int word) const { return head_[word]; }
  int label(int word) const { return label_[word]; }

  // Feature helpers: the k-th stack item from the top (0 = top), or 0 when absent.
  int Stack(int k) const {
    return k < static_cast<int>(stack_.size()) ? stack_[stack_.size() - 1 - k] : 0;
  }
  // The k-th buffer item (0 = front), or 0 past the root.
  int Buffer(int k) const { return buffer_ + k <= n_ + 1 ? buffer_ + k : 0; }

  // Per word (index 0 = none): leftmost / second leftmost and rightmost / second rightmost
  // dependents, dependent counts, and the set of labels of left / right dependents (bit l & 63).
  std::vector<int> left1_, left2_, right1_, right2_, num_left_, num_right_;
  std::vector<uint64_t> left_labels_, right_labels_;

 private:
  void AddArc(int head, int dep, int label);
  int n_;
  std::vector<int> stack_;
  int buffer_ = 1;
  std::vector<int> head_, label_;
};

// Writes the transition features of `state` (words via `input`).
void ParserFeatures(const ParserInput& input, const ParseState& state, std::vector<uint32_t>* out);

// Writes the label features of the arc head -> dep about to be made in `state` (head is a word,
// not the root).
void LabelFeatures(const ParserInput& input, const ParseState& state, int dep, int head,
                   std::vector<uint32_t>* out);

class Parser {
 public:
  Parser() = default;
  // REQUIRES: scheme.Finish() was called; transitions has scheme.num_classes() classes, labeller
  // one class per label.
  Parser(LabelScheme scheme, PerceptronModel transitions, PerceptronModel labeller);
  const std::vector<std::string>& labels() const { return scheme_.labels; }
  // Parses; heads[i] (0-based word i) is 1-based with 0 = root; labels index labels().
  void Parse(const ParserInput& input, std::vector<int>* heads, std::vector<int>* labels) const;

  void Save(ByteWriter* out) const;
  static Parser Load(ByteReader* in);
  size_t num_features() const { return transitions_.num_features() + labeller_.num_features(); }
  size_t memory_bytes() const { return transitions_.memory_bytes() + labeller_.memory_bytes(); }
  const PerceptronModel& transitions() const { return transitions_; }
  const PerceptronModel& labeller() const { return labeller_; }

 private:
  LabelScheme scheme_;
  PerceptronModel transitions_;
  PerceptronModel labeller_;
};

struct ParserTrainOptions {
  int iterations = 10;
  int explore_from = 2;       // first iteration (0-based) that explores
  double explore_prob = 0.9;  // probability of following a wrong prediction while exploring
  float prune = 0.0f;         // of the transition model
  float label_prune = 0.0f;   // of the labeller
  int label_groups = 3;       // 1 or 3 (see LabelGroups)
  uint32_t seed = 1;
};

// One training sentence: predicted tags, gold heads (1-based, 0 = root) and gold label names.
struct ParserExample {
  ParserInput input;
  std::vector<int> heads;
  std::vector<std::string> labels;
};

Parser TrainParser(const std::vector<ParserExample>& examples, const ParserTrainOptions& options);

// The Goldberg-Nivre cost of the unlabelled `transition` in `state` against gold heads (indexed
// 1..n, the root is n+1): the number of gold arcs it makes unreachable.
int TransitionCost(const ParseState& state, int transition, const std::vector<int>& gold_heads);

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_PARSER_H_
