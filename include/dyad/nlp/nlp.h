// The nlp stage: Vietnamese word segmentation, POS tagging (UPOS + XPOS, lemmas) and labelled
// dependency parsing, with models trained by `dyad train` from Universal Dependencies treebanks
// (see docs/models.md). Models are immutable after loading; every method here is const and
// thread-safe.
#ifndef DYAD_NLP_NLP_H_
#define DYAD_NLP_NLP_H_

#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

namespace nlp {
struct LanguageModels;
}

// The model directory to use by default: $DYAD_MODEL_DIR when set and non-empty, else
// DYAD_SOURCE_DIR "/models" (the models committed with the source).
std::string DefaultModelDir();

class NlpPipeline {
 public:
  // Loads every "<lang>.dyadnlp" model file (en, vi) found in `model_dir`.
  // Throws ResourceError naming the file when a model is corrupt or of an unknown format version,
  // or when the directory holds no model at all.
  static NlpPipeline Load(const std::string& model_dir);

  // Loads one model file for one language (used by tests and `dyad eval --model`).
  static NlpPipeline LoadFile(const std::string& language, const std::string& path);

  // True when a model for `language` ("en", "vi") is loaded.
  bool HasLanguage(const std::string& language) const;

  // Parses one sentence of the text stage. For "vi" the tokens are syllables and are first joined
  // into words (a word's form is its syllables joined by single spaces, its span runs from the
  // first to the last syllable); for other languages each token is a word. Sentences in a language
  // without a model ("und") are parsed with the English model. Fills form, lemma, upos, xpos, head,
  // deprel and span of every word and sets has_spans. Throws ResourceError if no usable model is
  // loaded.
  ParsedSentence Parse(const Sentence& sentence) const;

  // The stages one by one (for benchmarks and evaluation on gold words):
  // Segment: the words of `sentence` (Vietnamese syllables joined; other languages one per token),
  // with form and span only.
  std::vector<Word> Segment(const Sentence& sentence) const;
  // Tag: sets upos, xpos and lemma of `words` (forms must be set).
  void Tag(const std::string& language, std::vector<Word>* words) const;
  // ParseTagged: sets head and deprel of tagged `words`.
  void ParseTagged(const std::string& language, std::vector<Word>* words) const;

  // Names the Vietnamese segmenter keeps whole: wherever the syllables of one of `names` (two to
  // six syllables, each capitalised, e.g. the Vietnamese names of the actor dictionaries: "Lương
  // Cường", "Hà Nội") occur with every syllable capitalised, they become one word, as the treebank
  // writes names; the words before and after end and start there. Leftmost longest match first.
  // Names of other shapes are ignored. Call before sharing the pipeline between threads.
  void SetKnownNames(const std::vector<std::string>& names);

  // A one-line description of each loaded model (language, features, training summary).
  std::vector<std::string> Describe() const;

 private:
  const nlp::LanguageModels& ModelFor(const std::string& language) const;
  // Joins the syllables of known names into one word each (see SetKnownNames).
  void ForceKnownNames(const Sentence& sentence, std::vector<bool>* begins) const;
  std::map<std::string, std::shared_ptr<const nlp::LanguageModels>> models_;
  std::unordered_set<std::string> known_names_;  // FoldForMatch of the syllables, space-joined
  int longest_known_name_ = 0;                   // in syllables
};

}  // namespace dyad

#endif  // DYAD_NLP_NLP_H_
