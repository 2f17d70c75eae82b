// Training of the parser (see parser.h): dynamic oracle with exploration for the transitions; the
// labeller learns from every arc whose head is right, seeing the labels it predicted before.
#include <algorithm>
#include <map>
#include <random>

#include "nlp/parser.h"
#include "nlp/tagger.h"

namespace dyad::nlp {

Parser TrainParser(const std::vector<ParserExample>& examples, const ParserTrainOptions& options) {
  // Labels sorted by name: deterministic, and "root" always present.
  std::map<std::string, int> label_index{{"root", 0}};
  for (const auto& ex : examples) {
    for (const auto& l : ex.labels) label_index.emplace(l, 0);
  }
  std::vector<std::string> labels;
  for (auto& [name, index] : label_index) {
    index = static_cast<int>(labels.size());
    labels.push_back(name);
  }
  LabelScheme scheme;
  scheme.labels = labels;
  scheme.num_groups = options.label_groups >= 5 ? 5 : options.label_groups >= 3 ? 3 : 1;
  scheme.groups = LabelGroups(labels, scheme.num_groups);
  scheme.Finish();
  const int root_label = scheme.root_label;
  const int num_labels = static_cast<int>(labels.size());
  const int num_classes = scheme.num_classes();
  struct Gold {
    std::vector<int> heads, labels;  // indexed by word 1..n; root is n+1
  };
  std::vector<Gold> gold(examples.size());
  for (size_t s = 0; s < examples.size(); ++s) {
    int n = static_cast<int>(examples[s].heads.size());
    gold[s].heads.assign(n + 2, -1);
    gold[s].labels.assign(n + 2, -1);
    for (int k = 1; k <= n; ++k) {
      int h = examples[s].heads[k - 1];
      gold[s].heads[k] = h == 0 ? n + 1 : h;
      gold[s].labels[k] = label_index[examples[s].labels[k - 1]];
    }
  }

  PerceptronTrainer transitions(num_classes);
  PerceptronTrainer labeller(num_labels);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<uint32_t> features;
  std::vector<float> scores(num_classes), label_scores(num_labels);
  std::vector<int> costs(num_classes);
  for (int iter = 0; iter < options.iterations; ++iter) {
    StableShuffle(&order, &rng);
    const bool explore = iter >= options.explore_from;
    for (size_t s : order) {
      const ParserExample& ex = examples[s];
      const int n = static_cast<int>(ex.heads.size());
      const Gold& g = gold[s];
      ParseState state(n);
      while (!state.Terminal()) {
        ParserFeatures(ex.input, state, &features);
        transitions.Score(features, scores.data());
        int move_cost[kNumTransitions];
        for (int m = 0; m < kNumTransitions; ++m) {
          move_cost[m] = state.Valid(m) ? TransitionCost(state, m, g.heads) : -1;
        }
        // An arc with the right head but a label of another group costs one more.
        const int s0 = state.Stack(0);
        const int s0_group = s0 ? scheme.groups[g.labels[s0]] : -1;
        int min_cost = 1 << 30;
        for (int c = 0; c < num_classes; ++c) {
          costs[c] = -1;
          if (!scheme.Valid(state, c)) continue;
          const int move = MoveOf(c);
          costs[c] = move_cost[move];
          if (move != kShift && g.heads[s0] == state.ArcHead(move) && GroupOf(c) != s0_group) {
            ++costs[c];
          }
          min_cost = std::min(min_cost, costs[c]);
        }
        int guess = -1, best_gold = -1;
        for (int c = 0; c < num_classes; ++c) {
          if (costs[c] < 0) continue;
          if (guess < 0 || scores[c] > scores[guess]) guess = c;
          if (costs[c] == min_cost && (best_gold < 0 || scores[c] > scores[best_gold])) {
            best_gold = c;
          }
        }
        int next = guess;
        if (costs[guess] != min_cost) {
          transitions.Update(features, best_gold, guess);
          if (!explore || coin(rng) >= options.explore_prob) next = best_gold;
        }
        transitions.Tick();
        const int move = MoveOf(next);
        int label = 0;
        if (move != kShift) {
          const int head = state.ArcHead(move);
          if (head == n + 1) {
            label = root_label;
          } else {
            LabelFeatures(ex.input, state, s0, head, &features);
            labeller.Score(features, label_scores.data());
            // The labeller learns to tell every label apart; parsing asks it within a group.
            int predicted = -1;
            for (int l = 0; l < num_labels; ++l) {
              if (l != root_label && (predicted < 0 || label_scores[l] > label_scores[predicted])) {
                predicted = l;
              }
            }
            if (predicted < 0) predicted = root_label;
            label = scheme.BestLabel(label_scores.data(), GroupOf(next));
            if (g.heads[s0] == head) {
              const int truth = g.labels[s0];
              if (predicted != truth) labeller.Update(features, truth, predicted);
              labeller.Tick();
              if (label != truth && scheme.groups[truth] == GroupOf(next) &&
                  (!explore || coin(rng) >= options.explore_prob)) {
                label = truth;
              }
            }
          }
        }
        state.Apply(move, label);
      }
    }
  }
  // Transitions are chosen one argmax at a time: SHIFT's weights need no storage.
  return Parser(std::move(scheme), transitions.Finalize(options.prune, /*relative_to_first=*/true),
                labeller.Finalize(options.label_prune));
}

}  // namespace dyad::nlp
