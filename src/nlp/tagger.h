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
  // Frequent words that training almost always saw with one tag: they get it without scoring,
  // which spares the model a third to a half of all words.
  std::unordered_map<uint64_t, uint16_t> sure;
  int size() const { return static_cast<int>(upos.size()); }
};

// What the tag dictionary says about one word of a sentence, looked up once per word (the
// features of a word look at its neighbours' entries too).
struct WordTagInfo {
  uint64_t best = 0;       // atom of the most frequent tag, or of "unknown word"
  uint64_t ambiguity = 0;  // atom of the set of tags seen, or of "unknown word"
  uint64_t first_tag = 0;  // multi-syllable words: best tag of the first / last syllable as a
  uint64_t last_tag = 0;   // word of its own
  int sure = -1;           // the tag of a sure word (TagSet::sure), else -1
};

// The tag dictionary entries of every word of a sentence.
void LookUpTagInfo(const std::vector<WordAtoms>& words, const TagSet& tags,
                   std::vector<WordTagInfo>* out);

// Writes the tagger features of word i given the two previous predicted tags (-1 = none).
void TaggerFeatures(const std::vector<WordAtoms>& words, const std::vector<WordTagInfo>& info,
                    int i, int prev, int prev2, std::vector<uint32_t>* out);

class Tagger {
 public:
  Tagger() = default;
  Tagger(TagSet tags, PerceptronModel model);
  const TagSet& tags() const { return tags_; }
  // The joint tag with these UPOS and XPOS, or -1.
  int TagIndex(const std::string& upos, const std::string& xpos) const;
  // HashString of the UPOS of joint tag `tag` (a parser atom).
  uint64_t UposHash(int tag) const { return upos_hash_[tag]; }
  // Returns one joint tag index per word. Const and thread-safe.
  std::vector<int> Tag(const std::vector<WordAtoms>& words) const;

  void Save(ByteWriter* out) const;
  static Tagger Load(ByteReader* in);
  size_t num_features() const { return model_.num_features(); }
  size_t memory_bytes() const { return model_.memory_bytes(); }

 private:
  TagSet tags_;
  PerceptronModel model_;
  std::unordered_map<std::string, int> index_;  // "UPOS\tXPOS" -> joint tag
  std::vector<uint64_t> upos_hash_;
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
  // Words seen at least sure_min_count times (0: none) with one tag in at least sure_share of
  // them are sure words (TagSet::sure).
  int sure_min_count = 0;
  double sure_share = 1.0;
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
