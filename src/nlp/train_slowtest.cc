// Slow (ctest -L slow): a short training run on a slice of EWT and VTB, checking that `dyad train`
// works end to end, is deterministic, and learns something real.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/io/conllu.h"
#include "dyad/nlp/train.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::string DataPath(const std::string& file) {
  return std::string(DYAD_SOURCE_DIR) + "/../shared/data/ud/" + file;
}

// Writes the first `count` sentences of a treebank to a temporary file.
std::string Slice(const std::string& file, const std::string& language, size_t count,
                  const std::string& name) {
  std::vector<ParsedSentence> all = ReadTreebank(DataPath(file), language);
  std::string out_path = (fs::temp_directory_path() / ("dyad_slow_" + name)).string();
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  for (size_t i = 0; i < all.size() && i < count; ++i) out << WriteConllu(all[i]);
  return out_path;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(TrainSlowTest, ShortEnglishTrainingIsDeterministicAndLearns) {
  if (!fs::exists(DataPath("en_ewt/en_ewt-ud-train.conllu"))) GTEST_SKIP() << "no EWT data";
  TrainConfig config;
  config.language = "en";
  config.train_files = {Slice("en_ewt/en_ewt-ud-train.conllu", "en", 1500, "en_train.conllu")};
  config.params_file = std::string(DYAD_SOURCE_DIR) + "/data/train/en.params";
  std::string params = (fs::temp_directory_path() / "dyad_slow_en.params").string();
  std::ofstream(params) << Slurp(config.params_file)
                        << "\ntagger_iterations 4\nparser_iterations 4\njackknife_folds 2\n";
  config.params_file = params;
  std::vector<std::string> outputs;
  for (int run = 0; run < 2; ++run) {
    config.out_dir = (fs::temp_directory_path() / ("dyad_slow_en_" + std::to_string(run))).string();
    fs::create_directories(config.out_dir);
    std::ostringstream log;
    TrainLanguageModels(config, log);
    outputs.push_back(Slurp(config.out_dir + "/en.dyadnlp"));
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  NlpPipeline pipeline = NlpPipeline::LoadFile("en", config.out_dir + "/en.dyadnlp");
  std::vector<ParsedSentence> test = ReadTreebank(DataPath("en_ewt/en_ewt-ud-test.conllu"), "en");
  test.resize(500);
  EvalScores scores = EvaluateTreebank(pipeline, "en", test, false);
  EXPECT_GT(scores.upos, 80.0);
  EXPECT_GT(scores.las, 55.0);
}

TEST(TrainSlowTest, ShortVietnameseTrainingLearnsToSegment) {
  if (!fs::exists(DataPath("vi_vtb/vi_vtb-ud-train.conllu"))) GTEST_SKIP() << "no VTB data";
  TrainConfig config;
  config.language = "vi";
  config.train_files = {Slice("vi_vtb/vi_vtb-ud-train.conllu", "vi", 800, "vi_train.conllu")};
  std::string params = (fs::temp_directory_path() / "dyad_slow_vi.params").string();
  std::ofstream(params) << "seed 1\njackknife_folds 2\ntagger_iterations 4\nparser_iterations 4\n"
                           "segmenter_iterations 4\n";
  config.params_file = params;
  config.lexicon_file = std::string(DYAD_SOURCE_DIR) + "/data/train/vi.lexicon";
  config.out_dir = (fs::temp_directory_path() / "dyad_slow_vi").string();
  fs::create_directories(config.out_dir);
  std::ostringstream log;
  TrainLanguageModels(config, log);
  NlpPipeline pipeline = NlpPipeline::LoadFile("vi", config.out_dir + "/vi.dyadnlp");
  std::vector<ParsedSentence> test = ReadTreebank(DataPath("vi_vtb/vi_vtb-ud-test.conllu"), "vi");
  test.resize(300);
  EvalScores scores = EvaluateTreebank(pipeline, "vi", test, true);
  EXPECT_GT(scores.words_f1, 85.0);
  EXPECT_GT(scores.upos, 70.0);
  EXPECT_GT(scores.las, 30.0);
}

}  // namespace
}  // namespace dyad
