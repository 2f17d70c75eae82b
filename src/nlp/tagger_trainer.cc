// Training of the tagger (see tagger.h).
#include <map>
#include <random>
#include <set>

#include "nlp/hashing.h"
#include "nlp/tagger.h"

namespace dyad::nlp {

Tagger TrainTagger(const std::vector<TaggedSentence>& sentences,
                   const TaggerTrainOptions& options) {
  // Tag set in first-seen order: deterministic for the same data.
  TagSet tags;
  std::map<std::pair<std::string, std::string>, int> tag_index;
  std::vector<std::vector<int>> gold(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t i = 0; i < sentences[s].upos.size(); ++i) {
      auto key = std::make_pair(sentences[s].upos[i], sentences[s].xpos[i]);
      auto [it, inserted] = tag_index.emplace(key, tags.size());
      if (inserted) {
        tags.upos.push_back(key.first);
        tags.xpos.push_back(key.second);
      }
      gold[s].push_back(it->second);
    }
  }
  // Tag dictionary: every training word's most frequent tag and its set of tags.
  std::map<uint64_t, std::map<int, int>> counts;
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t i = 0; i < gold[s].size(); ++i) ++counts[sentences[s].atoms[i].norm][gold[s][i]];
  }
  for (const auto& [word, per_tag] : counts) {
    int best = -1, best_count = 0, total = 0;
    uint64_t set_hash = 0x51;
    for (const auto& [tag, count] : per_tag) {
      total += count;
      if (count > best_count) best = tag, best_count = count;
    }
    // Rare training words stay out, so that training sees unknown words as tagging will.
    if (total < options.dictionary_min_count) continue;
    for (const auto& [tag, count] : per_tag) {
      // Tags that make up under 10% of a word's uses are noise for the ambiguity class.
      if (count * 10 >= total) set_hash = Mix64(set_hash ^ static_cast<uint64_t>(tag + 1));
    }
    tags.dictionary.emplace(word, std::make_pair(static_cast<uint16_t>(best), set_hash));
    if (options.sure_min_count > 0 && total >= options.sure_min_count &&
        best_count >= options.sure_share * total) {
      tags.sure.emplace(word, static_cast<uint16_t>(best));
    }
  }

  PerceptronTrainer trainer(tags.size());
  std::vector<size_t> order(sentences.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<uint32_t> features;
  std::vector<WordTagInfo> info;
  std::vector<float> scores(tags.size());
  for (int iter = 0; iter < options.iterations; ++iter) {
    StableShuffle(&order, &rng);
    for (size_t s : order) {
      const auto& words = sentences[s].atoms;
      LookUpTagInfo(words, tags, &info);
      std::vector<int> predicted(words.size());
      for (size_t i = 0; i < words.size(); ++i) {
        if (info[i].sure >= 0) {  // tagged without the model, as Tag does
          predicted[i] = info[i].sure;
          continue;
        }
        int prev = i >= 1 ? predicted[i - 1] : -1;
        int prev2 = i >= 2 ? predicted[i - 2] : -1;
        TaggerFeatures(words, info, static_cast<int>(i), prev, prev2, &features);
        trainer.Score(features, scores.data());
        int guess = ArgMax(scores.data(), tags.size());
        trainer.Update(features, gold[s][i], guess);
        trainer.Tick();
        predicted[i] = guess;
      }
    }
  }
  return Tagger(std::move(tags), trainer.Finalize(options.prune));
}

}  // namespace dyad::nlp
