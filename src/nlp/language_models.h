// Everything loaded for one language: segmenter (Vietnamese), tagger, lemmatiser and parser, stored
// together in one model file "<lang>.dyadnlp".
#ifndef DYAD_SRC_NLP_LANGUAGE_MODELS_H_
#define DYAD_SRC_NLP_LANGUAGE_MODELS_H_

#include <optional>
#include <string>
#include <unordered_map>

#include "nlp/parser.h"
#include "nlp/segmenter.h"
#include "nlp/tagger.h"

namespace dyad::nlp {

// English lemmas: treebank statistics for known (form, UPOS) pairs, suffix rules otherwise.
// Vietnamese lemmas are the normalised lower-cased form.
class Lemmatizer {
 public:
  Lemmatizer() = default;
  explicit Lemmatizer(std::string language) : language_(std::move(language)) {}
  // Records one treebank (form, UPOS, lemma) observation (training only).
  void Observe(const std::string& form, const std::string& upos, const std::string& lemma);
  void Finish();  // keeps the most frequent lemma per (form, UPOS)
  std::string Lemma(const std::string& form, const std::string& upos) const;
  void Save(ByteWriter* out) const;
  static Lemmatizer Load(ByteReader* in);

 private:
  std::string language_;
  std::unordered_map<std::string, std::string> table_;  // "lower\tUPOS" -> lemma
  std::unordered_map<std::string, std::unordered_map<std::string, int>> counts_;
};

struct LanguageModels {
  std::string language;
  std::string info;  // training summary: data files, parameters, sizes
  std::optional<Segmenter> segmenter;
  Tagger tagger;
  Lemmatizer lemmatizer;
  Parser parser;

  void Save(const std::string& path) const;
  // Throws ResourceError naming `path` on any problem.
  static LanguageModels Load(const std::string& path);
};

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_LANGUAGE_MODELS_H_
