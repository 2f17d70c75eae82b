#include "nlp/model_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "nlp/hashing.h"
#include "nlp/perceptron.h"

namespace dyad::nlp {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("dyad_model_io_" + name)).string();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void Spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(ModelIoTest, RoundTripsPayload) {
  ByteWriter w;
  w.Put<uint32_t>(42);
  w.PutString("hòa bình");
  w.PutVector(std::vector<int16_t>{-3, 7});
  std::string path = TempPath("roundtrip");
  WriteModelFile(path, w.bytes());
  std::string file = Slurp(path);
  EXPECT_EQ(file.substr(0, 8), std::string("DYADNLP\n"));
  std::string payload = ReadModelFile(path);
  ByteReader r(payload, path);
  EXPECT_EQ(r.Get<uint32_t>(), 42u);
  EXPECT_EQ(r.GetString(), "hòa bình");
  EXPECT_EQ(r.GetVector<int16_t>(), (std::vector<int16_t>{-3, 7}));
  EXPECT_TRUE(r.AtEnd());
  EXPECT_THROW(r.Get<uint8_t>(), ResourceError);
}

TEST(ModelIoTest, RejectsUnknownVersionWithClearMessage) {
  std::string path = TempPath("version");
  WriteModelFile(path, "payload");
  std::string file = Slurp(path);
  file[8] = 99;  // the version field follows the 8-byte magic
  Spit(path, file);
  try {
    ReadModelFile(path);
    FAIL() << "expected ResourceError";
  } catch (const ResourceError& e) {
    EXPECT_NE(std::string(e.what()).find("model format version 99 is not supported"),
              std::string::npos)
        << e.what();
  }
}

TEST(ModelIoTest, RejectsBadMagicAndCorruptData) {
  std::string path = TempPath("corrupt");
  Spit(path, "not a model at all, just some text");
  EXPECT_THROW(ReadModelFile(path), ResourceError);
  WriteModelFile(path, std::string(1000, 'x'));
  std::string file = Slurp(path);
  file[file.size() - 3] ^= 0x5a;
  Spit(path, file);
  EXPECT_THROW(ReadModelFile(path), ResourceError);
  Spit(path, file.substr(0, 20));
  EXPECT_THROW(ReadModelFile(path), ResourceError);
  EXPECT_THROW(ReadModelFile(TempPath("missing_file")), ResourceError);
}

TEST(HashingTest, FeatureKeysArePinnedAndNeverZero) {
  // Persisted in model files: these values must not change within format version 1.
  EXPECT_EQ(HashString(""), Mix64(0xcbf29ce484222325ULL));
  EXPECT_EQ(FeatureKey(3, HashString("the")), FeatureKey(3, HashString("the")));
  EXPECT_NE(FeatureKey(3, HashString("the")), FeatureKey(4, HashString("the")));
  EXPECT_NE(FeatureKey(1, 1, 2), FeatureKey(1, 2, 1));
  for (uint64_t a = 0; a < 10000; ++a) EXPECT_NE(FeatureKey(7, a), 0u);
}

TEST(PerceptronTest, LearnsSeparableDataAndSurvivesSaveLoad) {
  PerceptronTrainer trainer(3);
  std::vector<std::vector<uint32_t>> xs = {{1, 10}, {2, 10}, {3, 10}, {1, 11}, {2, 12}};
  std::vector<int> ys = {0, 1, 2, 0, 1};
  float scores[3];
  for (int iter = 0; iter < 10; ++iter) {
    for (size_t i = 0; i < xs.size(); ++i) {
      trainer.Score(xs[i], scores);
      trainer.Update(xs[i], ys[i], ArgMax(scores, 3));
      trainer.Tick();
    }
  }
  PerceptronModel model = trainer.Finalize(0.0f);
  ByteWriter w;
  model.Save(&w);
  ByteReader r(w.bytes(), "test");
  PerceptronModel loaded = PerceptronModel::Load(&r);
  for (size_t i = 0; i < xs.size(); ++i) {
    int32_t s[3] = {0, 0, 0};
    loaded.Score(xs[i].data(), xs[i].size(), s);
    EXPECT_EQ(ArgMax(s, 3), ys[i]) << "example " << i;
  }
  int32_t unseen[3] = {0, 0, 0};
  uint32_t key = 999;
  loaded.Score(&key, 1, unseen);
  EXPECT_EQ(unseen[0] + unseen[1] + unseen[2], 0);
}

}  // namespace
}  // namespace dyad::nlp
