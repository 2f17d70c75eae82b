// Training of the parser (see parser.h): dynamic oracle with exploration.
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
  const int root_label = label_index["root"];
  const int num_actions = 1 + 2 * static_cast<int>(labels.size());
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

  PerceptronTrainer trainer(num_actions);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<uint32_t> features;
  std::vector<float> scores(num_actions);
  std::vector<int> costs(num_actions);
  for (int iter = 0; iter < options.iterations; ++iter) {
    StableShuffle(&order, &rng);
    for (size_t s : order) {
      const ParserExample& ex = examples[s];
      ParseState state(static_cast<int>(ex.heads.size()));
      while (!state.Terminal()) {
        ParserFeatures(ex.input, state, &features);
        trainer.Score(features, scores.data());
        // LEFT and RIGHT costs differ across labels only by the label term, so compute the
        // arc costs once (with the gold label of s0) and add 1 for another label.
        int min_cost = 1 << 30;
        int shift_cost =
            state.Valid(0, root_label) ? ActionCost(state, 0, gold[s].heads, gold[s].labels) : -1;
        int left_cost = -1, right_cost = -1, s0 = state.Stack(0), s1 = state.Stack(1);
        int s0_label = s0 ? gold[s].labels[s0] : 0;
        if (s0) {
          left_cost = ActionCost(state, LeftAction(s0_label), gold[s].heads, gold[s].labels);
          right_cost = ActionCost(state, RightAction(s0_label), gold[s].heads, gold[s].labels);
        }
        const int b = state.buffer();
        for (int a = 0; a < num_actions; ++a) {
          if (!state.Valid(a, root_label)) {
            costs[a] = -1;
            continue;
          }
          if (a == 0) {
            costs[a] = shift_cost;
          } else {
            int label = (a - 1) / 2;
            bool left = (a - 1) % 2 == 0;
            int head = left ? b : s1;
            costs[a] = left ? left_cost : right_cost;
            if (gold[s].heads[s0] == head && label != s0_label) ++costs[a];
          }
          min_cost = std::min(min_cost, costs[a]);
        }
        int guess = -1, best_gold = -1;
        for (int a = 0; a < num_actions; ++a) {
          if (costs[a] < 0) continue;
          if (guess < 0 || scores[a] > scores[guess]) guess = a;
          if (costs[a] == min_cost && (best_gold < 0 || scores[a] > scores[best_gold])) {
            best_gold = a;
          }
        }
        int next = best_gold;
        if (costs[guess] != min_cost) {
          trainer.Update(features, best_gold, guess);
          if (iter >= options.explore_from && coin(rng) < options.explore_prob) next = guess;
        } else {
          next = guess;
        }
        trainer.Tick();
        state.Apply(next);
      }
    }
  }
  return Parser(std::move(labels), trainer.Finalize(options.prune));
}

}  // namespace dyad::nlp
