// Greedy arc-hybrid dependency parser (root token at the end of the buffer) with a hashed averaged
// perceptron over Zhang-Nivre style features (words, tags, children, labels, valency, distance).
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

// Transition classes: 0 = SHIFT, 1 + 2l = LEFT with label l, 2 + 2l = RIGHT with label l.
inline int ShiftAction() { return 0; }
inline int LeftAction(int label) { return 1 + 2 * label; }
inline int RightAction(int label) { return 2 + 2 * label; }

// The arc-hybrid configuration. Words are 1..n; the root is n+1 and sits at the end of the buffer.
class ParseState {
 public:
  explicit ParseState(int n);
  int n() const { return n_; }
  bool Terminal() const { return stack_.empty() && buffer_ == n_ + 1; }
  // Whether `action` may be applied (root_label: the index of the "root" label).
  bool Valid(int action, int root_label) const;
  void Apply(int action);
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

  std::vector<int> left1_, left2_, right1_, right2_, num_left_, num_right_;
  std::vector<uint64_t> left_labels_, right_labels_;

 private:
  void AddArc(int head, int dep, int label);
  int n_;
  std::vector<int> stack_;
  int buffer_ = 1;
  std::vector<int> head_, label_;
};

// Writes the features of `state` (words via `input`).
void ParserFeatures(const ParserInput& input, const ParseState& state, std::vector<uint32_t>* out);

class Parser {
 public:
  Parser() = default;
  Parser(std::vector<std::string> labels, PerceptronModel model);
  const std::vector<std::string>& labels() const { return labels_; }
  // Parses; heads[i] (0-based word i) is 1-based with 0 = root; labels index labels().
  void Parse(const ParserInput& input, std::vector<int>* heads, std::vector<int>* labels) const;

  void Save(ByteWriter* out) const;
  static Parser Load(ByteReader* in);
  size_t num_features() const { return model_.num_features(); }

 private:
  std::vector<std::string> labels_;
  int root_label_ = 0;
  PerceptronModel model_;
};

struct ParserTrainOptions {
  int iterations = 10;
  int explore_from = 2;       // first iteration (0-based) that explores
  double explore_prob = 0.9;  // probability of following a wrong prediction while exploring
  float prune = 0.0f;
  uint32_t seed = 1;
};

// One training sentence: predicted tags, gold heads (1-based, 0 = root) and gold label names.
struct ParserExample {
  ParserInput input;
  std::vector<int> heads;
  std::vector<std::string> labels;
};

Parser TrainParser(const std::vector<ParserExample>& examples, const ParserTrainOptions& options);

// The Goldberg-Nivre cost of `action` in `state` against gold heads (root = n+1) and labels.
int ActionCost(const ParseState& state, int action, const std::vector<int>& gold_heads,
               const std::vector<int>& gold_labels);

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_PARSER_H_
