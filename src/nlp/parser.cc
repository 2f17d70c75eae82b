#include "nlp/parser.h"

#include <algorithm>

#include "dyad/core/error.h"
#include "nlp/hashing.h"

namespace dyad::nlp {

ParseState::ParseState(int n)
    : left1_(n + 2, 0),
      left2_(n + 2, 0),
      right1_(n + 2, 0),
      right2_(n + 2, 0),
      num_left_(n + 2, 0),
      num_right_(n + 2, 0),
      left_labels_(n + 2, 0),
      right_labels_(n + 2, 0),
      n_(n),
      head_(n + 2, -1),
      label_(n + 2, -1) {
  stack_.reserve(n + 1);
}

bool ParseState::Valid(int action, int root_label) const {
  if (action == 0) return buffer_ <= n_;
  int label = (action - 1) / 2;
  bool left = (action - 1) % 2 == 0;
  if (stack_.empty()) return false;
  if (left) {
    if (buffer_ == n_ + 1) return stack_.size() == 1 && label == root_label;
    return label != root_label;
  }
  return stack_.size() >= 2 && label != root_label;
}

void ParseState::AddArc(int head, int dep, int label) {
  head_[dep] = head;
  label_[dep] = label;
  uint64_t bit = uint64_t{1} << (label & 63);
  if (dep < head) {
    ++num_left_[head];
    left_labels_[head] |= bit;
    if (left1_[head] == 0 || dep < left1_[head]) {
      left2_[head] = left1_[head];
      left1_[head] = dep;
    } else if (left2_[head] == 0 || dep < left2_[head]) {
      left2_[head] = dep;
    }
  } else {
    ++num_right_[head];
    right_labels_[head] |= bit;
    if (right1_[head] == 0 || dep > right1_[head]) {
      right2_[head] = right1_[head];
      right1_[head] = dep;
    } else if (right2_[head] == 0 || dep > right2_[head]) {
      right2_[head] = dep;
    }
  }
}

void ParseState::Apply(int action) {
  if (action == 0) {
    stack_.push_back(buffer_++);
    return;
  }
  int label = (action - 1) / 2;
  int s0 = stack_.back();
  stack_.pop_back();
  if ((action - 1) % 2 == 0) {
    AddArc(buffer_, s0, label);
  } else {
    AddArc(stack_.back(), s0, label);
  }
}

int ActionCost(const ParseState& state, int action, const std::vector<int>& gold_heads,
               const std::vector<int>& gold_labels) {
  const auto& stack = state.stack();
  const int b = state.buffer();
  const int n = state.n();
  int cost = 0;
  if (action == 0) {
    // b moves to the stack: it can no longer take stack items as dependents, nor get a head deeper
    // in the stack than s0.
    for (size_t k = 0; k < stack.size(); ++k) {
      if (gold_heads[stack[k]] == b) ++cost;
      if (k + 1 < stack.size() && gold_heads[b] == stack[k]) ++cost;
    }
    return cost;
  }
  int label = (action - 1) / 2;
  bool left = (action - 1) % 2 == 0;
  int s0 = stack.back();
  int s1 = stack.size() >= 2 ? stack[stack.size() - 2] : -1;
  int h = gold_heads[s0];
  int new_head = left ? b : s1;
  // s0 leaves the stack: its right dependents still in the buffer are lost.
  for (int d = b; d <= n; ++d) {
    if (gold_heads[d] == s0) ++cost;
  }
  if (h == new_head) {
    if (gold_labels[s0] != label) ++cost;
  } else if (h == s1 || h >= b) {
    ++cost;  // its gold head was still reachable
  }
  return cost;
}

namespace {

constexpr uint64_t kNoWord = 0x6e6f6e65;
constexpr uint64_t kRootWord = 0x726f6f74;

}  // namespace

void ParserFeatures(const ParserInput& input, const ParseState& st, std::vector<uint32_t>* out) {
  out->clear();
  const int n = st.n();
  const auto& atoms = *input.atoms;
  auto W = [&](int k) -> uint64_t {
    if (k == 0) return kNoWord;
    if (k == n + 1) return kRootWord;
    return atoms[k - 1].norm;
  };
  auto T = [&](int k) -> uint64_t {
    if (k == 0) return 1;
    if (k == n + 1) return 2;
    return static_cast<uint64_t>(input.tags[k - 1]) + 3;
  };
  auto L = [&](int k) -> uint64_t { return k == 0 ? 0 : static_cast<uint64_t>(st.label(k) + 2); };
  int s0 = st.Stack(0), s1 = st.Stack(1), s2 = st.Stack(2);
  int b0 = st.Buffer(0), b1 = st.Buffer(1), b2 = st.Buffer(2);
  auto child = [&](const std::vector<int>& v, int k) { return k == 0 ? 0 : v[k]; };
  int s0l = child(st.left1_, s0), s0l2 = child(st.left2_, s0);
  int s0r = child(st.right1_, s0), s0r2 = child(st.right2_, s0);
  int s1l = child(st.left1_, s1), s1r = child(st.right1_, s1);
  int b0l = child(st.left1_, b0), b0l2 = child(st.left2_, b0);
  uint64_t s0w = W(s0), s0t = T(s0), s1w = W(s1), s1t = T(s1), s2t = T(s2);
  uint64_t b0w = W(b0), b0t = T(b0), b1w = W(b1), b1t = T(b1), b2w = W(b2), b2t = T(b2);
  uint64_t s0wt = Mix64(s0w ^ s0t), s1wt = Mix64(s1w ^ s1t), b0wt = Mix64(b0w ^ b0t);
  uint64_t b1wt = Mix64(b1w ^ b1t);
  uint64_t dist = 0;
  if (s0 && b0) dist = b0 == n + 1 ? 9 : static_cast<uint64_t>(std::min(b0 - s0, 6));
  uint64_t s0vl = s0 ? st.num_left_[s0] : 0, s0vr = s0 ? st.num_right_[s0] : 0;
  uint64_t b0vl = b0 ? st.num_left_[b0] : 0;
  uint64_t s1vr = s1 ? st.num_right_[s1] : 0;
  uint32_t t = 0;
  auto add = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(t++, a, b, c));
  };
  add(0);
  // Unigrams.
  add(s0w), add(s0t), add(s0wt), add(s1w), add(s1t), add(s1wt), add(s2t);
  add(b0w), add(b0t), add(b0wt), add(b1w), add(b1t), add(b1wt), add(b2w), add(b2t);
  // Pairs.
  add(s0wt, b0wt), add(s0wt, b0w), add(s0w, b0wt), add(s0wt, b0t), add(s0t, b0wt);
  add(s0w, b0w), add(s0t, b0t), add(b0t, b1t), add(s0t, s1t), add(s1wt, s0wt), add(s1w, s0w);
  add(s1t, s0w), add(s1w, s0t), add(b0w, b1w), add(b0t, b1w), add(b0w, b1t);
  // Triples of tags.
  add(b0t, b1t, b2t), add(s0t, b0t, b1t), add(s1t, s0t, b0t), add(s0t, T(s0l), b0t);
  add(s0t, T(s0r), b0t), add(s0t, b0t, T(b0l)), add(s1t, s0t, T(s0l)), add(s1t, s0t, T(s0r));
  add(s1t, T(s1r), s0t), add(s2t, s1t, s0t), add(s1t, T(s1l), s0t);
  // Distance.
  add(s0w, dist), add(s0t, dist), add(b0w, dist), add(b0t, dist), add(s0t, b0t, dist);
  add(s0w, b0w, dist), add(s1t, s0t, dist);
  // Valency.
  add(s0w, s0vr), add(s0t, s0vr), add(s0w, s0vl), add(s0t, s0vl), add(b0w, b0vl), add(b0t, b0vl);
  add(s1w, s1vr), add(s1t, s1vr);
  // Children: words, tags, labels.
  add(W(s0l)), add(T(s0l)), add(L(s0l)), add(W(s0r)), add(T(s0r)), add(L(s0r));
  add(W(b0l)), add(T(b0l)), add(L(b0l)), add(W(s1r)), add(T(s1r)), add(L(s1r));
  add(W(s1l)), add(T(s1l)), add(L(s1l));
  add(W(s0l2)), add(T(s0l2)), add(L(s0l2)), add(W(s0r2)), add(T(s0r2)), add(L(s0r2));
  add(W(b0l2)), add(T(b0l2)), add(L(b0l2));
  add(s0t, T(s0l), T(s0l2)), add(s0t, T(s0r), T(s0r2)), add(b0t, T(b0l), T(b0l2));
  add(s0t, L(s0l), L(s0r)), add(s0t, L(s0r), b0t), add(s1t, L(s1r), s0t);
  // Label sets.
  uint64_t s0ll = s0 ? st.left_labels_[s0] : 0, s0rl = s0 ? st.right_labels_[s0] : 0;
  uint64_t b0ll = b0 ? st.left_labels_[b0] : 0, s1rl = s1 ? st.right_labels_[s1] : 0;
  add(s0w, s0rl), add(s0t, s0rl), add(s0w, s0ll), add(s0t, s0ll), add(b0w, b0ll), add(b0t, b0ll);
  add(s1t, s1rl), add(s0t, s0ll, s0rl);
  // Word pairs with child context.
  add(s0w, b0t, T(b0l)), add(s0t, b0w, T(s0r)), add(s1w, s0t, T(s0l));
  // Coarse UPOS of the key positions (robust when the joint tag is sparse).
  auto U = [&](int k) -> uint64_t {
    if (k == 0 || k == n + 1) return k + 11;
    return input.upos[k - 1];
  };
  add(U(s0), U(b0)), add(U(s1), U(s0), U(b0)), add(U(s0), U(b0), U(b1));
  add(U(s0), W(s0), U(b0)), add(U(s0), U(b0), W(b0));
}

Parser::Parser(std::vector<std::string> labels, PerceptronModel model)
    : labels_(std::move(labels)), model_(std::move(model)) {
  auto it = std::find(labels_.begin(), labels_.end(), "root");
  root_label_ = it == labels_.end() ? 0 : static_cast<int>(it - labels_.begin());
}

void Parser::Parse(const ParserInput& input, std::vector<int>* heads,
                   std::vector<int>* labels) const {
  const int n = static_cast<int>(input.tags.size());
  ParseState state(n);
  const int num_actions = model_.num_classes();
  std::vector<uint32_t> features;
  features.reserve(128);
  std::vector<int32_t> scores(num_actions);
  while (!state.Terminal()) {
    ParserFeatures(input, state, &features);
    std::fill(scores.begin(), scores.end(), 0);
    model_.Score(features.data(), features.size(), scores.data());
    int best = -1;
    for (int a = 0; a < num_actions; ++a) {
      if ((best < 0 || scores[a] > scores[best]) && state.Valid(a, root_label_)) best = a;
    }
    state.Apply(best);
  }
  heads->assign(n, 0);
  labels->assign(n, 0);
  for (int k = 1; k <= n; ++k) {
    int h = state.head(k);
    (*heads)[k - 1] = h == n + 1 ? 0 : h;
    (*labels)[k - 1] = state.label(k);
  }
}

void Parser::Save(ByteWriter* out) const {
  out->PutStrings(labels_);
  model_.Save(out);
}

Parser Parser::Load(ByteReader* in) {
  std::vector<std::string> labels = in->GetStrings();
  if (labels.empty()) in->Fail("parser has no labels");
  PerceptronModel model = PerceptronModel::Load(in);
  if (model.num_classes() != 1 + 2 * static_cast<int>(labels.size())) {
    in->Fail("parser class count does not match its labels");
  }
  return Parser(std::move(labels), std::move(model));
}

}  // namespace dyad::nlp
