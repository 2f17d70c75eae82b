// Greedy left-to-right POS tagger over joint UPOS+XPOS tags, with a hashed averaged perceptron.
#ifndef DYAD_SRC_NLP_TAGGER_H_
#define DYAD_SRC_NLP_TAGGER_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "nlp/lexical.h"
#include "nlp/perceptron.h"

namespace dyad::nlp {

// The tag set and the per-word tag dictionary of a tagger.
struct TagSet {
  std::vector<std::string> upos;  // per joint tag
  std::vector<std::string> xpos;  // per joint tag ("" when the treebank has none)
  // Normalised-form hash -> (most frequent tag, hash of the set of tags seen) for training words.
  std::unordered_map<uint64_t, std::pair<uint16_t, uint64_t>> dictionary;
  int size() const { return static_cast<int>(upos.size()); }
};

// Writes the tagger features of word i given the two previous predicted tags (-1 = none).
void TaggerFeatures(const std::vector<WordAtoms>& words, const TagSet& tags, int i, int prev,
                    int prev2, std::vector<uint32_t>* out);

class Tagger {
 public:
  Tagger() = default;
  Tagger(TagSet tags, PerceptronModel model) : tags_(std::move(tags)), model_(std::move(model)) {}
  const TagSet& tags() const { return tags_; }
  // Returns one joint tag index per word. Const and thread-safe.
  std::vector<int> Tag(const std::vector<WordAtoms>& words) const;

  void Save(ByteWriter* out) const;
  static Tagger Load(ByteReader* in);
  size_t num_features() const { return model_.num_features(); }

 private:
  TagSet tags_;
  PerceptronModel model_;
};

// Training data for the tagger: the atoms and gold joint tags of each sentence.
struct TaggedSentence {
  std::vector<WordAtoms> atoms;
  std::vector<std::string> upos, xpos;
};

struct TaggerTrainOptions {
  int iterations = 8;
  float prune = 0.0f;
  int dictionary_min_count = 1;  // words seen fewer times get no tag-dictionary entry
  uint32_t seed = 1;
};

// Trains a tagger on `sentences` (deterministic for a given seed).
Tagger TrainTagger(const std::vector<TaggedSentence>& sentences, const TaggerTrainOptions& options);

// Deterministic Fisher-Yates shuffle (std::shuffle's algorithm is implementation-defined).
template <typename T, typename Rng>
void StableShuffle(std::vector<T>* v, Rng* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = static_cast<size_t>((*rng)() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_TAGGER_H_
