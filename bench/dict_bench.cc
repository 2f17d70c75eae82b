// Dictionary loading: the PETRARCH/Phoenix set from ../shared/data/petrarch2 and our own data/dict
// (or $DYAD_DICT_DIR), each parsed alone and parsed plus compiled into matchers. Targets: Phoenix
// under 0.5 s and 100 MB; ours under 0.2 s. Peak RSS: see docs/dictionaries.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "dyad/dict/dictionary.h"
#include "dyad/dict/matcher.h"
#include "dyad/ontology/ontology.h"

namespace {

std::string PetrarchDir() { return std::string(DYAD_SOURCE_DIR) + "/../shared/data/petrarch2"; }

std::string OurDir() {
  const char* env = std::getenv("DYAD_DICT_DIR");
  return env != nullptr && *env != '\0' ? env : dyad::DefaultDataDir() + "/dict";
}

void BM_LoadPetrarch(benchmark::State& state) {
  if (!std::filesystem::exists(PetrarchDir()))
    return state.SkipWithError("no ../shared/data/petrarch2");
  dyad::Ontology::Default();  // loaded once per process anyway; keep it out of the timing
  for (auto _ : state) {
    dyad::DictionarySet set = dyad::LoadPetrarchDictionaries(PetrarchDir());
    benchmark::DoNotOptimize(set.actors.data());
  }
}
BENCHMARK(BM_LoadPetrarch)->Unit(benchmark::kMillisecond);

void BM_LoadAndCompilePetrarch(benchmark::State& state) {
  if (!std::filesystem::exists(PetrarchDir()))
    return state.SkipWithError("no ../shared/data/petrarch2");
  dyad::Ontology::Default();
  for (auto _ : state) {
    dyad::DictionarySet set = dyad::LoadPetrarchDictionaries(PetrarchDir());
    dyad::DictionaryMatcher matcher(set);
    benchmark::DoNotOptimize(&matcher);
  }
}
BENCHMARK(BM_LoadAndCompilePetrarch)->Unit(benchmark::kMillisecond);

void BM_LoadOurs(benchmark::State& state) {
  if (!std::filesystem::is_directory(OurDir()))
    return state.SkipWithError("no data/dict (set DYAD_DICT_DIR)");
  dyad::Ontology::Default();
  for (auto _ : state) {
    dyad::DictionarySet set = dyad::LoadDyadDictionaries(OurDir());
    benchmark::DoNotOptimize(set.actors.data());
  }
}
BENCHMARK(BM_LoadOurs)->Unit(benchmark::kMillisecond);

void BM_LoadAndCompileOurs(benchmark::State& state) {
  if (!std::filesystem::is_directory(OurDir()))
    return state.SkipWithError("no data/dict (set DYAD_DICT_DIR)");
  dyad::Ontology::Default();
  for (auto _ : state) {
    dyad::DictionarySet set = dyad::LoadDyadDictionaries(OurDir());
    dyad::DictionaryMatcher matcher(set);
    benchmark::DoNotOptimize(&matcher);
  }
}
BENCHMARK(BM_LoadAndCompileOurs)->Unit(benchmark::kMillisecond);

// Actor lookup over one prepared sentence (the coder's per-sentence cost), with our dictionaries.
void BM_FindActorsInSentence(benchmark::State& state) {
  if (!std::filesystem::is_directory(OurDir()))
    return state.SkipWithError("no data/dict (set DYAD_DICT_DIR)");
  static const dyad::DictionarySet set = dyad::LoadDyadDictionaries(OurDir());
  static const dyad::DictionaryMatcher matcher(set);
  dyad::MatchTokens tokens = dyad::PrepareText(
      "Vietnamese Foreign Minister Bui Thanh Son held phone talks with U.S. Secretary of State "
      "Antony Blinken on Tuesday, and Tổng Bí thư Tô Lâm received the ASEAN delegation in Hà Nội.");
  dyad::Date date = *dyad::Date::Parse("2024-03-05");
  for (auto _ : state) {
    auto found = matcher.FindActors(tokens, date);
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_FindActorsInSentence)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
