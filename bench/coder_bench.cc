// Coding speed with parses given (dictionaries loaded once): sentences per second on one core.
//  - BM_CodeEwtWithOurDictionaries: the 2,077 real sentences of the UD English EWT test treebank
//    (gold parses) coded with dyad's own dictionaries (data/dict).
//  - BM_CodePetrarchRecords: the PETRARCH unit-test records with their UD parses, coded with the
//    validation dictionaries their <Environment> names.
// Reads ../shared/data; skips with a message when it is absent. Run: build/bench/coder_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/coder/coder.h"
#include "dyad/coder/validation.h"
#include "dyad/dict/matcher.h"
#include "dyad/io/conllu.h"
#include "dyad/io/readers.h"
#include "dyad/ontology/ontology.h"
#include "dyad/pipeline/pipeline.h"

namespace {

namespace fs = std::filesystem;

std::string Shared(const std::string& relative) {
  return (fs::path(DYAD_SOURCE_DIR) / ".." / "shared" / "data" / relative).string();
}

struct Corpus {
  std::vector<dyad::Article> articles;
  std::vector<std::vector<dyad::Sentence>> sentences;
  std::vector<std::vector<dyad::ParsedSentence>> parses;
  size_t sentence_count = 0;
  void Add(dyad::Article&& a, const std::string& language) {
    a.language = language;
    if (!a.date) a.date = dyad::Date::Parse("2020-01-01");
    std::vector<dyad::Sentence> s = dyad::SentencesOf(a);
    std::vector<dyad::ParsedSentence> p;
    for (dyad::Sentence& x : s) {
      x.language = language;
      p.push_back(*x.given_parse);
    }
    sentence_count += s.size();
    sentences.push_back(std::move(s));
    parses.push_back(std::move(p));
    articles.push_back(std::move(a));
  }
};

void Run(benchmark::State& state, const dyad::Coder& coder, const Corpus& corpus) {
  size_t events = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < corpus.articles.size(); ++i)
      events += coder.CodeArticle(corpus.articles[i], corpus.sentences[i], corpus.parses[i]).size();
  }
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * corpus.sentence_count), benchmark::Counter::kIsRate);
  state.counters["events/iter"] = static_cast<double>(events) / state.iterations();
}

void BM_CodeEwtWithOurDictionaries(benchmark::State& state) {
  static Corpus corpus;
  static std::unique_ptr<dyad::DictionarySet> dicts;
  static std::unique_ptr<dyad::DictionaryMatcher> matcher;
  if (!dicts) {
    std::string path = Shared("ud/en_ewt/en_ewt-ud-test.conllu");
    if (!fs::exists(path)) {
      state.SkipWithError("../shared/data/ud is absent");
      return;
    }
    dyad::ReadOptions options;
    options.format = dyad::InputFormat::kConllu;
    // One article per 20 sentences, so pronouns and titles see some context.
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<dyad::ParsedSentence> all = dyad::ParseConllu(ss.str(), path);
    for (size_t i = 0; i < all.size(); i += 20) {
      std::string chunk;
      for (size_t k = i; k < std::min(all.size(), i + 20); ++k) chunk += dyad::WriteConllu(all[k]);
      dyad::ReadContent(
          chunk, "ewt-" + std::to_string(i), options,
          [&](dyad::Article&& a) { corpus.Add(std::move(a), "en"); }, [](const auto&) {});
    }
    dicts = std::make_unique<dyad::DictionarySet>(
        dyad::LoadDyadDictionaries(std::string(DYAD_SOURCE_DIR) + "/data/dict"));
    matcher = std::make_unique<dyad::DictionaryMatcher>(*dicts, "en");
  }
  dyad::Coder coder({{"en", matcher.get()}}, dyad::Ontology::Default());
  Run(state, coder, corpus);
}
BENCHMARK(BM_CodeEwtWithOurDictionaries)->Unit(benchmark::kMillisecond);

void BM_CodePetrarchRecords(benchmark::State& state) {
  static Corpus corpus;
  static std::unique_ptr<dyad::DictionarySet> dicts;
  static std::unique_ptr<dyad::DictionaryMatcher> matcher;
  if (!dicts) {
    std::string xml = Shared("universalpetrarch/PETR.UnitTest.records.ud.xml");
    if (!fs::exists(xml)) {
      state.SkipWithError("../shared/data/universalpetrarch is absent");
      return;
    }
    dyad::PetrarchEnvironment env;
    dyad::ReadOptions options;
    options.format = dyad::InputFormat::kPetrarchXml;
    options.environment = &env;
    dyad::ReadPath(
        xml, options, [&](dyad::Article&& a) { corpus.Add(std::move(a), "en"); },
        [](const auto&) {});
    dyad::ValidationOptions vo;
    vo.dict_dir = Shared("petrarch2");
    vo.verbs_override = Shared("universalpetrarch/PETR.Validate.verbs.2.0.txt");
    dicts = std::make_unique<dyad::DictionarySet>(dyad::LoadEnvironmentDictionaries(xml, env, vo));
    matcher = std::make_unique<dyad::DictionaryMatcher>(*dicts);
  }
  dyad::Coder coder({{"", matcher.get()}}, dyad::Ontology::Default());
  Run(state, coder, corpus);
}
BENCHMARK(BM_CodePetrarchRecords)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
