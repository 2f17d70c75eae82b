// Training of the Vietnamese word segmenter (see segmenter.h).
#include <random>

#include "nlp/segmenter.h"
#include "nlp/tagger.h"

namespace dyad::nlp {

Segmenter TrainSegmenter(const std::vector<SegmentedSentence>& sentences,
                         const std::vector<std::string>& extra_words,
                         const SegmenterTrainOptions& options) {
  struct Example {
    std::vector<SyllableAtoms> syllables;
    std::vector<int> labels;
    std::vector<std::vector<uint64_t>> words;  // multi-syllable words as syllable hashes
  };
  std::vector<Example> examples;
  for (const auto& sentence : sentences) {
    Example ex;
    for (const std::string& word : sentence) {
      std::vector<uint64_t> hashes;
      size_t start = 0;
      while (start <= word.size()) {
        size_t space = word.find(' ', start);
        if (space == std::string::npos) space = word.size();
        if (space > start) {
          SyllableAtoms a =
              ComputeSyllableAtoms(std::string_view(word).substr(start, space - start));
          ex.labels.push_back(hashes.empty() ? Segmenter::kBegin : Segmenter::kInside);
          ex.syllables.push_back(a);
          hashes.push_back(a.norm);
        }
        start = space + 1;
      }
      if (hashes.size() >= 2) ex.words.push_back(std::move(hashes));
    }
    if (!ex.syllables.empty()) examples.push_back(std::move(ex));
  }
  const int folds = std::max(1, options.lexicon_folds);
  auto build_lexicon = [&](int skip_fold) {
    Lexicon lex;
    for (const auto& w : extra_words) lex.AddWord(w);
    for (size_t s = 0; s < examples.size(); ++s) {
      if (static_cast<int>(s % folds) == skip_fold) continue;
      for (const auto& w : examples[s].words) lex.Add(w);
    }
    lex.Finish();
    return lex;
  };
  std::vector<Lexicon> fold_lexicons;
  for (int f = 0; f < folds; ++f) fold_lexicons.push_back(build_lexicon(folds > 1 ? f : -1));

  PerceptronTrainer trainer(2);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<uint32_t> features;
  float scores[2];
  for (int iter = 0; iter < options.iterations; ++iter) {
    StableShuffle(&order, &rng);
    for (size_t s : order) {
      const Example& ex = examples[s];
      const Lexicon& lex = fold_lexicons[s % folds];
      if (options.beam > 1) {
        // Structured perceptron with early update over the beam.
        size_t stopped = 0;
        std::vector<uint8_t> predicted = BeamSegment(
            ex.syllables, lex, options.beam,
            [&trainer](const std::vector<uint32_t>& f, double* out) {
              float s2[2];
              trainer.Score(f, s2);
              out[0] = s2[0];
              out[1] = s2[1];
            },
            &ex.labels, &stopped);
        bool same = true;
        for (size_t i = 1; i < stopped; ++i) same = same && predicted[i] == ex.labels[i];
        if (!same) {
          int gold_length = 1, predicted_length = 1;
          for (size_t i = 1; i < stopped; ++i) {
            SegmenterFeatures(ex.syllables, lex, static_cast<int>(i), ex.labels[i - 1], gold_length,
                              &features);
            trainer.Add(features, ex.labels[i], 1.0f);
            SegmenterFeatures(ex.syllables, lex, static_cast<int>(i), predicted[i - 1],
                              predicted_length, &features);
            trainer.Add(features, predicted[i], -1.0f);
            gold_length = ex.labels[i] == Segmenter::kBegin ? 1 : gold_length + 1;
            predicted_length = predicted[i] == Segmenter::kBegin ? 1 : predicted_length + 1;
          }
        }
        trainer.Tick();
        continue;
      }
      int prev = Segmenter::kBegin, length = 1;
      for (size_t i = 1; i < ex.syllables.size(); ++i) {
        SegmenterFeatures(ex.syllables, lex, static_cast<int>(i), prev, length, &features);
        trainer.Score(features, scores);
        int guess = scores[Segmenter::kInside] > scores[Segmenter::kBegin] ? Segmenter::kInside
                                                                           : Segmenter::kBegin;
        trainer.Update(features, ex.labels[i], guess);
        trainer.Tick();
        prev = guess;
        length = guess == Segmenter::kBegin ? 1 : length + 1;
      }
    }
  }
  return Segmenter(build_lexicon(-1), trainer.Finalize(options.prune), std::max(1, options.beam));
}

}  // namespace dyad::nlp
