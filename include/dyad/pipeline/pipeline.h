// Wires the stages for batch use: text (sentences, tokens, language) -> nlp (parse) -> coder
// (events). The pipeline is immutable once built and Process() is const and thread-safe.
#ifndef DYAD_PIPELINE_PIPELINE_H_
#define DYAD_PIPELINE_PIPELINE_H_

#include <exception>
#include <functional>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

struct ProcessedArticle {
  Article article;
  std::vector<Sentence> sentences;
  std::vector<Event> events;
};

class Pipeline {
 public:
  Pipeline() = default;

  // Runs every stage on one article. Sentences come from the supplied parses when the input had
  // them (CoNLL-U, PETRARCH XML), else from the text stage. Sets article.language to the majority
  // language of its sentences when the input did not declare one.
  ProcessedArticle Process(Article article) const;
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
