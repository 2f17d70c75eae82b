// Text stage throughput: NFC normalisation + sentence splitting + tokenisation, in bytes per
// second, over the raw sentences of the UD test treebanks (English EWT, Vietnamese VTB) read from
// ../shared/data. Run: build/bench/text_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/io/conllu.h"
#include "dyad/text/normalize.h"
#include "dyad/text/segmenter.h"

namespace {

// The "# text" lines of a treebank joined into paragraphs of 10 sentences.
std::string TreebankText(const std::string& relative) {
  std::filesystem::path p =
      std::filesystem::path(DYAD_SOURCE_DIR) / ".." / "shared" / "data" / relative;
  std::ifstream in(p);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text;
  int n = 0;
  for (const dyad::ParsedSentence& s : dyad::ParseConllu(ss.str(), p.string())) {
    text += s.text;
    text += (++n % 10 == 0) ? "\n\n" : " ";
  }
  return text;
}

void RunTextStage(benchmark::State& state, const std::string& text) {
  if (text.empty()) {
    state.SkipWithError("../shared/data/ud is absent");
    return;
  }
  size_t sentences = 0;
  for (auto _ : state) {
    std::string nfc = dyad::NormalizeNfc(text);
    auto split = dyad::SplitSentences(nfc);
    sentences += split.size();
    benchmark::DoNotOptimize(split.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}

void BM_TextStageEnglish(benchmark::State& state) {
  static const std::string text = TreebankText("ud/en_ewt/en_ewt-ud-test.conllu");
  RunTextStage(state, text);
}
BENCHMARK(BM_TextStageEnglish)->Unit(benchmark::kMillisecond);

void BM_TextStageVietnamese(benchmark::State& state) {
  static const std::string text = TreebankText("ud/vi_vtb/vi_vtb-ud-test.conllu");
  RunTextStage(state, text);
}
BENCHMARK(BM_TextStageVietnamese)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
