#include "nlp/parser.h"

#include <algorithm>
#include <map>
#include <string_view>

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

bool ParseState::Valid(int transition) const {
  if (transition == kShift) return buffer_ <= n_;
  if (stack_.empty()) return false;
  if (transition == kLeft) return buffer_ <= n_ || stack_.size() == 1;
  return stack_.size() >= 2;
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

void ParseState::Apply(int transition, int label) {
  if (transition == kShift) {
    stack_.push_back(buffer_++);
    return;
  }
  int s0 = stack_.back();
  stack_.pop_back();
  AddArc(transition == kLeft ? buffer_ : stack_.back(), s0, label);
}

int TransitionCost(const ParseState& state, int transition, const std::vector<int>& gold_heads) {
  const auto& stack = state.stack();
  const int b = state.buffer();
  const int n = state.n();
  int cost = 0;
  if (transition == kShift) {
    // b moves to the stack: it can no longer take stack items as dependents, nor get a head deeper
    // in the stack than s0.
    for (size_t k = 0; k < stack.size(); ++k) {
      if (gold_heads[stack[k]] == b) ++cost;
      if (k + 1 < stack.size() && gold_heads[b] == stack[k]) ++cost;
    }
    return cost;
  }
  int s0 = stack.back();
  int s1 = stack.size() >= 2 ? stack[stack.size() - 2] : -1;
  int h = gold_heads[s0];
  int new_head = transition == kLeft ? b : s1;
  // s0 leaves the stack: its right dependents still in the buffer are lost.
  for (int d = b; d <= n; ++d) {
    if (gold_heads[d] == s0) ++cost;
  }
  if (h != new_head && (h == s1 || h >= b)) ++cost;  // its gold head was still reachable
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

void LabelFeatures(const ParserInput& input, const ParseState& st, int dep, int head,
                   std::vector<uint32_t>* out) {
  out->clear();
  const int n = st.n();
  const auto& atoms = *input.atoms;
  auto W = [&](int k) -> uint64_t { return k >= 1 && k <= n ? atoms[k - 1].norm : kNoWord + k; };
  auto T = [&](int k) -> uint64_t {
    return k >= 1 && k <= n ? static_cast<uint64_t>(input.tags[k - 1]) + 3 : 1;
  };
  auto U = [&](int k) -> uint64_t { return k >= 1 && k <= n ? input.upos[k - 1] : 11; };
  auto L = [&](int k) -> uint64_t { return k == 0 ? 0 : static_cast<uint64_t>(st.label(k) + 2); };
  const uint64_t left = head > dep;  // the head follows its dependent
  const int gap = left ? head - dep : dep - head;
  const uint64_t dist = gap <= 3 ? gap : gap <= 5 ? 4 : gap <= 9 ? 5 : 6;
  const uint64_t dir_dist = left * 8 + dist;
  const uint64_t dw = W(dep), dt = T(dep), du = U(dep);
  const uint64_t hw = W(head), ht = T(head), hu = U(head);
  const int dl = st.left1_[dep], dr = st.right1_[dep];
  const uint64_t dll = st.left_labels_[dep], drl = st.right_labels_[dep];
  const uint64_t hll = st.left_labels_[head], hrl = st.right_labels_[head];
  const uint64_t dvl = std::min(st.num_left_[dep], 3), dvr = std::min(st.num_right_[dep], 3);
  uint32_t t = 0;
  auto add = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(t++, a, b, c));
  };
  add(left);
  add(dw, left), add(dt, left), add(du, left), add(hw, left), add(ht, left), add(hu, left);
  add(dw, ht, left), add(dt, hw, left), add(dt, ht, left), add(dw, hw, left), add(du, hu, left);
  add(dt, ht, dir_dist), add(du, hu, dir_dist), add(dw, dir_dist);
  // The dependent is complete: its own dependents say a lot about its function.
  add(dll, dt), add(drl, dt), add(L(dl), L(dr), dt), add(T(dl), dt, ht), add(T(dr), dt, ht);
  add(W(dl), dt, ht), add(W(dl), hu), add(dvl, dvr, dt), add(dll, drl, ht), add(dw, L(dl));
  // The head's dependents so far (those between it and this one): one subject, then objects.
  add(hll, ht, left), add(hrl, ht, left), add(hll, hrl, dt);
  // Neighbours.
  add(T(dep - 1), dt, ht), add(T(dep + 1), dt, ht), add(T(head - 1), ht, dt);
  add(T(head + 1), ht, dt), add(W(dep + 1), dt, left), add(W(dep - 1), dt, left);
  // Whether the arc reaches the root's only child or spans the sentence edges.
  add(dep == 1, head == n, dt);
}

std::vector<uint8_t> LabelGroups(const std::vector<std::string>& labels, int num_groups) {
  // With 3 groups: function words and punctuation (attach nearby), nominal and adverbial
  // dependents, clauses, coordination and the root. With 5, the second splits into core
  // arguments and modifiers, the third into subordinate clauses and coordination.
  struct Group {
    uint8_t of3, of5;
  };
  static const std::map<std::string, Group, std::less<>> kGroup = {
      {"case", {0, 0}},      {"det", {0, 0}},        {"mark", {0, 0}},     {"cc", {0, 0}},
      {"aux", {0, 0}},       {"cop", {0, 0}},        {"punct", {0, 0}},    {"clf", {0, 0}},
      {"fixed", {0, 0}},     {"flat", {0, 0}},       {"compound", {0, 0}}, {"goeswith", {0, 0}},
      {"discourse", {0, 0}}, {"reparandum", {0, 0}}, {"dep", {0, 0}},      {"nsubj", {1, 1}},
      {"obj", {1, 1}},       {"iobj", {1, 1}},       {"expl", {1, 1}},     {"csubj", {1, 1}},
      {"vocative", {1, 1}},  {"dislocated", {1, 1}}, {"obl", {1, 2}},      {"nmod", {1, 2}},
      {"amod", {1, 2}},      {"nummod", {1, 2}},     {"appos", {1, 2}},    {"advmod", {1, 2}},
      {"ccomp", {2, 3}},     {"xcomp", {2, 3}},      {"advcl", {2, 3}},    {"acl", {2, 3}},
      {"orphan", {2, 3}},    {"root", {2, 3}},       {"conj", {2, 4}},     {"parataxis", {2, 4}},
      {"list", {2, 4}}};
  std::vector<uint8_t> groups(labels.size(), 0);
  if (num_groups < 3) return groups;
  for (size_t l = 0; l < labels.size(); ++l) {
    std::string_view universal = std::string_view(labels[l]).substr(0, labels[l].find(':'));
    auto it = kGroup.find(universal);
    if (it != kGroup.end()) groups[l] = num_groups >= 5 ? it->second.of5 : it->second.of3;
  }
  return groups;
}

void LabelScheme::Finish() {
  auto it = std::find(labels.begin(), labels.end(), "root");
  root_label = it == labels.end() ? 0 : static_cast<int>(it - labels.begin());
  group_has_word_label_.assign(num_groups, 0);
  for (size_t l = 0; l < labels.size(); ++l) {
    if (static_cast<int>(l) != root_label) group_has_word_label_[groups[l]] = 1;
  }
}

bool LabelScheme::Valid(const ParseState& state, int cls) const {
  const int move = MoveOf(cls);
  if (!state.Valid(move)) return false;
  if (move == kShift) return true;
  const int group = GroupOf(cls);
  if (state.ArcHead(move) == state.n() + 1) return group == groups[root_label];
  return group_has_word_label_[group];
}

Parser::Parser(LabelScheme scheme, PerceptronModel transitions, PerceptronModel labeller)
    : scheme_(std::move(scheme)),
      transitions_(std::move(transitions)),
      labeller_(std::move(labeller)) {}

void Parser::Parse(const ParserInput& input, std::vector<int>* heads,
                   std::vector<int>* labels) const {
  const int n = static_cast<int>(input.tags.size());
  ParseState state(n);
  const int num_classes = scheme_.num_classes();
  std::vector<uint32_t> features;
  features.reserve(128);
  std::vector<int32_t> scores(num_classes), label_scores(scheme_.labels.size());
  std::vector<char> valid(num_classes);
  while (!state.Terminal()) {
    int best = -1, num_valid = 0;
    for (int c = 0; c < num_classes; ++c) {
      valid[c] = scheme_.Valid(state, c);
      if (valid[c]) best = c, ++num_valid;
    }
    // A forced transition (SHIFT onto an empty stack, the last arc onto the root: one step in
    // eight on EWT) needs no scores: the argmax over one valid class is that class.
    if (num_valid > 1) {
      ParserFeatures(input, state, &features);
      std::fill(scores.begin(), scores.end(), 0);
      transitions_.Score(features.data(), features.size(), scores.data());
      best = -1;
      for (int c = 0; c < num_classes; ++c) {
        if (valid[c] && (best < 0 || scores[c] > scores[best])) best = c;
      }
    }
    const int move = MoveOf(best);
    int label = 0;
    if (move != kShift) {
      const int head = state.ArcHead(move);
      if (head == n + 1) {
        label = scheme_.root_label;
      } else {
        LabelFeatures(input, state, state.Stack(0), head, &features);
        std::fill(label_scores.begin(), label_scores.end(), 0);
        labeller_.Score(features.data(), features.size(), label_scores.data());
        label = scheme_.BestLabel(label_scores.data(), GroupOf(best));
      }
    }
    state.Apply(move, label);
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
  out->PutStrings(scheme_.labels);
  out->Put<uint32_t>(scheme_.num_groups);
  out->PutVector(scheme_.groups);
  transitions_.Save(out);
  labeller_.Save(out);
}

Parser Parser::Load(ByteReader* in) {
  LabelScheme scheme;
  scheme.labels = in->GetStrings();
  if (scheme.labels.empty()) in->Fail("parser has no labels");
  const uint32_t num_groups = in->Get<uint32_t>();
  if (num_groups < 1 || num_groups > 16) in->Fail("bad parser label group count");
  scheme.num_groups = static_cast<int>(num_groups);
  scheme.groups = in->GetVector<uint8_t>();
  if (scheme.groups.size() != scheme.labels.size()) in->Fail("parser label groups missing");
  for (uint8_t g : scheme.groups) {
    if (g >= num_groups) in->Fail("parser label group out of range");
  }
  scheme.Finish();
  PerceptronModel transitions = PerceptronModel::Load(in);
  if (transitions.num_classes() != scheme.num_classes()) {
    in->Fail("parser transition class count does not match its label groups");
  }
  PerceptronModel labeller = PerceptronModel::Load(in);
  if (labeller.num_classes() != static_cast<int>(scheme.labels.size())) {
    in->Fail("parser labeller class count does not match its labels");
  }
  return Parser(std::move(scheme), std::move(transitions), std::move(labeller));
}

}  // namespace dyad::nlp
