// Throughput of the nlp stage over the EWT and VTB test text (tokens as the text stage gives them,
// from the gold tokens): segmentation (Vietnamese), tagging and parsing, per stage (each on the
// output of the one before, e.g. BM_EnTag, BM_EnParseTagged) and together (BM_EnSegmentTagParse,
// and BM_EnParse: NlpPipeline::Parse as the pipeline calls it). Also model loading. Rates are per
// CPU second; words are treebank words (Vietnamese: segmented words, not syllables).
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

void SetCounters(benchmark::State& state, const Corpus& corpus) {
  state.counters["words/s"] = benchmark::Counter(
      static_cast<double>(corpus.tokens) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(corpus.sentences.size()) * state.iterations(),
                         benchmark::Counter::kIsRate);
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
  SetCounters(state, corpus);
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

// One stage alone, on the output of the stages before it (computed outside the timed loop):
// stage 1 = tag the segmented words, stage 2 = parse the tagged words.
void RunStage(benchmark::State& state, const std::string& language, int stage) {
  const Corpus& corpus = LoadCorpus(language);
  if (corpus.sentences.empty()) {
    state.SkipWithError("../shared/data/ud test treebank not available");
    return;
  }
  const dyad::NlpPipeline& pipeline = Pipeline();
  std::vector<std::vector<dyad::Word>> input;
  for (const dyad::Sentence& s : corpus.sentences) {
    input.push_back(pipeline.Segment(s));
    if (stage >= 2) pipeline.Tag(language, &input.back());
  }
  for (auto _ : state) {
    for (std::vector<dyad::Word> words : input) {
      if (stage == 1) pipeline.Tag(language, &words);
      if (stage == 2) pipeline.ParseTagged(language, &words);
      benchmark::DoNotOptimize(words.data());
    }
  }
  SetCounters(state, corpus);
}

void BM_EnTag(benchmark::State& s) { RunStage(s, "en", 1); }
void BM_EnParseTagged(benchmark::State& s) { RunStage(s, "en", 2); }
void BM_ViTag(benchmark::State& s) { RunStage(s, "vi", 1); }
void BM_ViParseTagged(benchmark::State& s) { RunStage(s, "vi", 2); }
BENCHMARK(BM_EnTag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnParseTagged)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViTag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViParseTagged)->Unit(benchmark::kMillisecond);

// The whole stage as the pipeline calls it: NlpPipeline::Parse (atoms computed once).
void RunParse(benchmark::State& state, const std::string& language) {
  const Corpus& corpus = LoadCorpus(language);
  if (corpus.sentences.empty()) {
    state.SkipWithError("../shared/data/ud test treebank not available");
    return;
  }
  const dyad::NlpPipeline& pipeline = Pipeline();
  for (auto _ : state) {
    for (const dyad::Sentence& s : corpus.sentences) {
      dyad::ParsedSentence parsed = pipeline.Parse(s);
      benchmark::DoNotOptimize(parsed.words.data());
    }
  }
  SetCounters(state, corpus);
}
void BM_EnParse(benchmark::State& s) { RunParse(s, "en"); }
void BM_ViParse(benchmark::State& s) { RunParse(s, "vi"); }
BENCHMARK(BM_EnParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ViParse)->Unit(benchmark::kMillisecond);

void BM_LoadAllModels(benchmark::State& state) {
  for (auto _ : state) {
    dyad::NlpPipeline p = dyad::NlpPipeline::Load(dyad::DefaultModelDir());
    benchmark::DoNotOptimize(&p);
  }
}
BENCHMARK(BM_LoadAllModels)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
