#include "dyad/pipeline/pipeline.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "dyad/coder/coder.h"
#include "dyad/dict/dictionary.h"
#include "dyad/dict/matcher.h"
#include "dyad/ontology/ontology.h"
#include "dyad/text/language.h"
#include "dyad/text/segmenter.h"

namespace dyad {

Pipeline::Pipeline() = default;
Pipeline::~Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;

Pipeline Pipeline::WithDictionaries(const std::string& dict_dir) {
  Pipeline p;
  p.dictionaries_ = std::make_unique<DictionarySet>(LoadDyadDictionaries(dict_dir));
  p.en_matcher_ = std::make_unique<DictionaryMatcher>(*p.dictionaries_, "en");
  p.vi_matcher_ = std::make_unique<DictionaryMatcher>(*p.dictionaries_, "vi");
  std::map<std::string, const DictionaryMatcher*> matchers = {
      {"en", p.en_matcher_.get()}, {"vi", p.vi_matcher_.get()}, {"", p.en_matcher_.get()}};
  p.coder_ = std::make_unique<Coder>(matchers, Ontology::Default());
  return p;
}

std::vector<ParsedSentence> Pipeline::ParsesOf(const std::vector<Sentence>& sentences) const {
  std::vector<ParsedSentence> parses;
  parses.reserve(sentences.size());
  for (const Sentence& s : sentences) {
    if (s.given_parse) {
      parses.push_back(*s.given_parse);
    } else if (parser_) {
      parses.push_back(parser_(s));
    } else {
      parses.emplace_back();
    }
  }
  return parses;
}

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

ProcessedArticle Pipeline::Process(Article article, std::string* explain) const {
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
  if (coder_) {
    std::vector<ParsedSentence> parses = ParsesOf(out.sentences);
    out.events = coder_->CodeArticle(article, out.sentences, parses, explain);
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
