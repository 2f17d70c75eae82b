// Wires the stages for batch use: text (sentences, tokens, language) -> nlp (parse) -> coder
// (events). The pipeline is immutable once built and Process() is const and thread-safe.
#ifndef DYAD_PIPELINE_PIPELINE_H_
#define DYAD_PIPELINE_PIPELINE_H_

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

struct ProcessedArticle {
  Article article;
  std::vector<Sentence> sentences;
  std::vector<Event> events;
};

// Parses one sentence of the text stage into words with heads and relations (the nlp stage).
using SentenceParserFn = std::function<ParsedSentence(const Sentence&)>;

class Coder;
struct DictionarySet;
class DictionaryMatcher;

class Pipeline {
 public:
  // A pipeline with the text stage only: sentences, no events.
  Pipeline();
  ~Pipeline();
  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;

  // A pipeline that codes events with the dictionaries in `dict_dir` (dyad's format: actors/, en/,
  // vi/) and the CAMEO tables of the ontology. Throws ResourceError when they cannot be loaded.
  static Pipeline WithDictionaries(const std::string& dict_dir);

  // Sets the parser used for sentences that come without a parse (raw text). Without one, such
  // sentences are split and stored but not coded.
  void SetParser(SentenceParserFn parser) { parser_ = std::move(parser); }
  bool has_parser() const { return static_cast<bool>(parser_); }
  bool has_coder() const { return coder_ != nullptr; }
  const DictionarySet* dictionaries() const { return dictionaries_.get(); }

  // Runs every stage on one article. Sentences come from the supplied parses when the input had
  // them (CoNLL-U, PETRARCH XML), else from the text stage and the parser. Sets article.language to
  // the majority language of its sentences when the input did not declare one. When `explain` is
  // not null, the coder's account of every decision is appended to it.
  ProcessedArticle Process(Article article, std::string* explain = nullptr) const;

  // The parses of an article's sentences: given, parsed, or empty when there is no parser.
  std::vector<ParsedSentence> ParsesOf(const std::vector<Sentence>& sentences) const;

 private:
  std::unique_ptr<DictionarySet> dictionaries_;
  std::unique_ptr<DictionaryMatcher> en_matcher_;
  std::unique_ptr<DictionaryMatcher> vi_matcher_;
  std::unique_ptr<Coder> coder_;
  SentenceParserFn parser_;
};

// The sentences of an article: from its supplied parses, else split from its text.
std::vector<Sentence> SentencesOf(const Article& article);

// Processes `articles` on `threads` worker threads (1 = in the calling thread) and calls `done` for
// each article in input order, from the calling thread. `error` is set when processing threw; then
// `result` holds only the article.
using ProcessedSink =
    std::function<void(size_t index, ProcessedArticle&& result, std::exception_ptr error)>;
void ProcessInOrder(const Pipeline& pipeline, std::vector<Article> articles, int threads,
                    const ProcessedSink& done);

}  // namespace dyad

#endif  // DYAD_PIPELINE_PIPELINE_H_
