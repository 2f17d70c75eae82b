// Training of the Vietnamese word segmenter (see segmenter.h): a structured perceptron over whole
// sentences, decoded exactly.
#include <random>

#include "nlp/segmenter.h"
#include "nlp/tagger.h"

namespace dyad::nlp {
namespace {

// Adds `delta` to the weights of label labels[i] for every feature of every boundary i of the
// segmentation `labels` where `other` differs (in the label or in the state before it): elsewhere
// the two segmentations share their features and the updates would cancel.
void AddPath(const SegmenterSentence& s, const std::vector<uint8_t>& labels,
             const std::vector<uint8_t>& other, float delta, PerceptronTrainer* trainer,
             std::vector<uint32_t>* features) {
  int length = 1, other_length = 1;
  for (size_t i = 1; i < labels.size(); ++i) {
    if (labels[i] != other[i] || length != other_length) {
      const int label = labels[i];
      const int prev = length == 1 ? Segmenter::kBegin : Segmenter::kInside;
      SegmenterStaticFeatures(s, static_cast<int>(i), features);
      trainer->Add(*features, label, delta);
      SegmenterPrevFeatures(s, static_cast<int>(i), prev, features);
      trainer->Add(*features, label, delta);
      SegmenterLengthFeatures(s, static_cast<int>(i), length, features);
      trainer->Add(*features, label, delta);
    }
    length = labels[i] == Segmenter::kBegin ? 1 : std::min(length + 1, kMaxLength);
    other_length = other[i] == Segmenter::kBegin ? 1 : std::min(other_length + 1, kMaxLength);
  }
}

}  // namespace

Segmenter TrainSegmenter(const std::vector<SegmentedSentence>& sentences,
                         const std::vector<std::string>& extra_words,
                         const SegmenterTrainOptions& options) {
  struct Example {
    std::vector<SyllableAtoms> syllables;
    std::vector<uint8_t> labels;
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
      const Example& ex = examples[s];
      for (size_t i = 0; i < ex.syllables.size(); ++i) {
        bool continues = ex.labels[i] == Segmenter::kInside;
        bool continued = i + 1 < ex.syllables.size() && ex.labels[i + 1] == Segmenter::kInside;
        lex.CountSyllable(ex.syllables[i].norm, !continues && !continued, continues, continued);
        if (i > 0) lex.CountPair(ex.syllables[i - 1].norm, ex.syllables[i].norm, continues);
      }
    }
    lex.Finish();
    return lex;
  };
  // Each sentence sees the lexicon and statistics of the other folds, as new text will.
  std::vector<SegmenterSentence> prepared(examples.size());
  for (int f = 0; f < folds; ++f) {
    Lexicon lex = build_lexicon(folds > 1 ? f : -1);
    for (size_t s = f; s < examples.size(); s += folds) {
      PrepareSentence(examples[s].syllables, lex, &prepared[s]);
    }
  }

  PerceptronTrainer trainer(2);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<uint32_t> features;
  for (int iter = 0; iter < options.iterations; ++iter) {
    StableShuffle(&order, &rng);
    for (size_t s : order) {
      const Example& ex = examples[s];
      std::vector<uint8_t> predicted = ViterbiSegment<double>(
          prepared[s], [&trainer](const std::vector<uint32_t>& f, double* out) {
            float scores[2];
            trainer.Score(f, scores);
            out[0] += scores[0];
            out[1] += scores[1];
          });
      if (predicted != ex.labels) {
        AddPath(prepared[s], ex.labels, predicted, 1.0f, &trainer, &features);
        AddPath(prepared[s], predicted, ex.labels, -1.0f, &trainer, &features);
      }
      trainer.Tick();
    }
  }
  return Segmenter(build_lexicon(-1), trainer.Finalize(options.prune));
}

}  // namespace dyad::nlp
