// Training and evaluation of the nlp models (the library side of `dyad train` and `dyad eval`).
#ifndef DYAD_NLP_TRAIN_H_
#define DYAD_NLP_TRAIN_H_

#include <ostream>
#include <string>
#include <vector>

#include "dyad/core/document.h"
#include "dyad/nlp/nlp.h"

namespace dyad {

// Reads a UD treebank file for training or evaluation and normalises known inconsistencies: for
// Vietnamese, the VTB dev file's XPOS spellings ("ADJ", "PRE", "PUNCT", ...) become the train/test
// ones ("Adj", "Pre", the punctuation itself) and its LBKT/RBKT bracket tokens become "(" and ")".
// Throws InputError naming file:line on malformed CoNLL-U, ResourceError when the file is missing.
std::vector<ParsedSentence> ReadTreebank(const std::string& path, const std::string& language);

struct TrainConfig {
  std::string language;                  // "en" or "vi"
  std::vector<std::string> train_files;  // CoNLL-U files used for training
  std::vector<std::string> dev_files;    // optional: scored after training, never trained on
  std::string params_file;               // hyperparameters ("key value" lines)
  std::string out_dir;                   // receives <language>.dyadnlp
  std::string lexicon_file;              // optional: our own multi-syllable words, one per line
};

// Trains segmenter (vi), tagger and parser with jackknifed tags and writes out_dir/<lang>.dyadnlp.
// Deterministic: the same data and params give the same bytes. Progress goes to `log`.
// Throws InputError / ResourceError with file names on bad input.
void TrainLanguageModels(const TrainConfig& config, std::ostream& log);

// Scores computed as the CoNLL 2018 shared task evaluator does (F1 over words aligned by their
// character spans, whitespace ignored; LAS compares the universal part of the relation).
struct EvalScores {
  bool has_words = false;  // whether words_f1 is meaningful (segmentation was predicted)
  double words_f1 = 0;
  double upos = 0;
  double uas = 0;
  double las = 0;
  size_t gold_words = 0;
  size_t system_words = 0;
};

// Evaluates `pipeline` on gold sentences. With from_raw, each sentence's text is tokenised
// (dyad::Tokenize), segmented, tagged and parsed; otherwise the gold words are tagged and parsed
// and, for Vietnamese, words_f1 scores the segmenter on the gold syllables. When `predicted` is
// given it receives the system's sentences (for inspection with WriteConllu).
EvalScores EvaluateTreebank(const NlpPipeline& pipeline, const std::string& language,
                            const std::vector<ParsedSentence>& gold, bool from_raw,
                            std::vector<ParsedSentence>* predicted = nullptr);

// "WORDS_F1 w UPOS u UAS a LAS l" with one decimal (WORDS_F1 only when has_words).
std::string FormatScores(const EvalScores& scores);

}  // namespace dyad

#endif  // DYAD_NLP_TRAIN_H_
