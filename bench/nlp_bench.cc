// Throughput of the nlp stage over the EWT test text (tokens as the text stage gives them):
// segmentation (Vietnamese), tagging and parsing, per stage and together. Also model loading.
// Run: build/bench/nlp_bench (needs ../shared/data/ud and the models in models/).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "dyad/nlp/nlp.h"
#include "dyad/nlp/train.h"

namespace {

struct Corpus {
  std::vector<dyad::Sentence> sentences;
  size_t tokens = 0;
};

const Corpus& LoadCorpus(const std::string& language) {
  static std::map<std::string, Corpus> cache;
  auto it = cache.find(language);
  if (it != cache.end()) return it->second;
  Corpus& corpus = cache[language];
  std::string file =
      language == "en" ? "en_ewt/en_ewt-ud-test.conllu" : "vi_vtb/vi_vtb-ud-test.conllu";
  std::string path = std::string(DYAD_SOURCE_DIR) + "/../shared/data/ud/" + file;
  if (!std::filesystem::exists(path)) return corpus;
  for (const dyad::ParsedSentence& s : dyad::ReadTreebank(path, language)) {
    dyad::Sentence sentence;
    sentence.language = language;
    uint32_t pos = 0;
    // Gold tokens (English words, Vietnamese syllables), with spans into the joined text.
    for (const dyad::Word& w : s.words) {
      size_t start = 0;
      while (start <= w.form.size()) {
        size_t space = w.form.find(' ', start);
        if (space == std::string::npos) space = w.form.size();
        std::string piece = w.form.substr(start, space - start);
        sentence.tokens.push_back(
            dyad::Token{dyad::Span{pos, pos + static_cast<uint32_t>(piece.size())}, piece});
        pos += piece.size() + 1;
        start = space + 1;
      }
    }
    corpus.tokens += s.words.size();
    corpus.sentences.push_back(std::move(sentence));
  }
  return corpus;
}

const dyad::NlpPipeline& Pipeline() {
  static dyad::NlpPipeline pipeline = dyad::NlpPipeline::Load(dyad::DefaultModelDir());
  return pipeline;
}

// stage: 0 = segment, 1 = segment + tag, 2 = segment + tag + parse.
void Run(benchmark::State& state, const std::string& language, int stage) {
  const Corpus& corpus = LoadCorpus(language);
  if (corpus.sentences.empty()) {
    state.SkipWithError("../shared/data/ud test treebank not available");
    return;
  }
  const dyad::NlpPipeline& pipeline = Pipeline();
  for (auto _ : state) {
    for (const dyad::Sentence& s : corpus.sentences) {
      std::vector<dyad::Word> words = pipeline.Segment(s);
      if (stage >= 1) pipeline.Tag(language, &words);
      if (stage >= 2) pipeline.ParseTagged(language, &words);
      benchmark::DoNotOptimize(words.data());
    }
  }
  state.counters["words/s"] = benchmark::Counter(
      static_cast<double>(corpus.tokens) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_EnSegment(benchmark::State& s) { Run(s, "en", 0); }
void BM_EnSegmentTag(benchmark::State& s) { Run(s, "en", 1); }
void BM_EnSegmentTagParse(benchmark::State& s) { Run(s, "en", 2); }
void BM_ViSegment(benchmark::State& s) { Run(s, "vi", 0); }
void BM_ViSegmentTag(benchmark::State& s) { Run(s, "vi", 1); }
void BM_ViSegmentTagParse(benchmark::State& s) { Run(s, "vi", 2); }
BENCHMARK(BM_EnSegment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnSegmentTag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnSegmentTagParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViSegment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViSegmentTag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViSegmentTagParse)->Unit(benchmark::kMillisecond);

void BM_LoadAllModels(benchmark::State& state) {
  for (auto _ : state) {
    dyad::NlpPipeline p = dyad::NlpPipeline::Load(dyad::DefaultModelDir());
    benchmark::DoNotOptimize(&p);
  }
}
BENCHMARK(BM_LoadAllModels)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
