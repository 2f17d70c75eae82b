#include "dyad/pipeline/pipeline.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "dyad/text/language.h"
#include "dyad/text/segmenter.h"

namespace dyad {

std::vector<Sentence> SentencesOf(const Article& article) {
  if (article.given_parses.empty()) return SplitSentences(article.text, article.language);
  std::vector<Sentence> sentences;
  for (const ParsedSentence& p : article.given_parses) {
    Sentence s;
    s.index = static_cast<int>(sentences.size());
    if (p.has_spans) {
      s.span = {p.words.front().span.begin, p.words.back().span.end};
      for (const Word& w : p.words) s.tokens.push_back(Token{w.span, w.form});
    } else {
      s.span = {0, static_cast<uint32_t>(article.text.size())};
      for (const Word& w : p.words) s.tokens.push_back(Token{Span{}, w.form});
    }
    s.language = article.language.empty() ? IdentifyLanguage(p.text) : article.language;
    s.given_parse = p;
    sentences.push_back(std::move(s));
  }
  return sentences;
}

ProcessedArticle Pipeline::Process(Article article) const {
  ProcessedArticle out;
  out.sentences = SentencesOf(article);
  if (article.language.empty()) {
    std::map<std::string, size_t> bytes;
    for (const Sentence& s : out.sentences) bytes[s.language] += s.span.end - s.span.begin;
    size_t best = 0;
    for (const auto& [lang, n] : bytes)
      if (lang != "und" && n > best) {
        best = n;
        article.language = lang;
      }
    if (article.language.empty()) article.language = "und";
  }
  out.article = std::move(article);
  return out;
}

void ProcessInOrder(const Pipeline& pipeline, std::vector<Article> articles, int threads,
                    const ProcessedSink& done) {
  const size_t n = articles.size();
  struct Slot {
    std::optional<ProcessedArticle> result;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> slots(n);
  auto work = [&](size_t i) {
    // Keep what identifies the article: Process() consumes it, and a failure must still name it.
    Article identity;
    identity.id = articles[i].id;
    identity.origin = articles[i].origin;
    try {
      slots[i].result = pipeline.Process(std::move(articles[i]));
    } catch (...) {
      slots[i].error = std::current_exception();
      ProcessedArticle failed;
      failed.article = std::move(identity);
      slots[i].result = std::move(failed);
    }
  };
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) {
      work(i);
      done(i, std::move(*slots[i].result), slots[i].error);
    }
    return;
  }
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) {
        work(i);
        std::lock_guard<std::mutex> lock(mu);
        slots[i].ready = true;
        cv.notify_one();
      }
    });
  }
  for (size_t i = 0; i < n; ++i) {
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return slots[i].ready; });
    }
    done(i, std::move(*slots[i].result), slots[i].error);
    slots[i].result.reset();
  }
  for (std::thread& w : workers) w.join();
}

}  // namespace dyad
