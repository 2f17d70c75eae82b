#include "nlp/model_io.h"

#include <gtest/gtest.h>

#include <algorithm>
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
  // Persisted in model files: these values must not change within a model format version.
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
  // Relative to class 0: the same decisions, and class 0 stores nothing.
  PerceptronModel relative = trainer.Finalize(0.0f, /*relative_to_first=*/true);
  for (size_t i = 0; i < xs.size(); ++i) {
    int32_t s[3] = {0, 0, 0};
    relative.Score(xs[i].data(), xs[i].size(), s);
    EXPECT_EQ(s[0], 0);
    EXPECT_EQ(ArgMax(s, 3), ys[i]) << "example " << i;
  }
}

// Every stored key is found with its weights and no other key is, for inline layouts of every
// width (2 to 11 classes: 1 to 6 payload words, 8 to 2 keys per bucket) and the row layout (20
// classes), after a save / load round trip. A run of keys two apart shares home buckets, so it
// overflows into the following buckets, with absent keys (the odd ones) between stored ones.
TEST(PerceptronTest, OrderedTableFindsEveryKeyAndNothingElse) {
  for (int num_classes : {2, 3, 5, 7, 9, 11, 20}) {
    PerceptronTrainer trainer(num_classes);
    std::vector<uint32_t> keys;
    uint64_t state = 12345;
    auto next = [&state] {
      state = Mix64(state + 0x9e3779b97f4a7c15ULL);
      return static_cast<uint32_t>(state >> 32);
    };
    for (int k = 0; k < 5000; ++k) {
      uint32_t key = next();
      if (key == 0 || key == kNoFeatureKey) continue;
      keys.push_back(key);
      trainer.Add({key}, static_cast<int>(key % num_classes), 1.0f);
    }
    for (uint32_t key = 0x40000000u; key < 0x40000000u + 400; key += 2) {
      keys.push_back(key);
      trainer.Add({key}, static_cast<int>(key % num_classes), 1.0f);
    }
    keys.push_back(kNoFeatureKey - 1);  // the largest key: its scan ends at the final empty bucket
    trainer.Add({kNoFeatureKey - 1}, 0, 1.0f);
    trainer.Tick();
    ByteWriter w;
    trainer.Finalize(0.0f).Save(&w);
    ByteReader r(w.bytes(), "test");
    PerceptronModel model = PerceptronModel::Load(&r);
    std::vector<int32_t> scores(num_classes);
    for (uint32_t key : keys) {
      std::fill(scores.begin(), scores.end(), 0);
      model.Score(&key, 1, scores.data());
      int cls = key == kNoFeatureKey - 1 ? 0 : static_cast<int>(key % num_classes);
      for (int c = 0; c < num_classes; ++c) {
        EXPECT_EQ(scores[c], c == cls ? 32000 : 0) << num_classes << " classes, key " << key;
      }
    }
    std::sort(keys.begin(), keys.end());
    for (int k = 0; k < 5200; ++k) {
      uint32_t key = k < 5000 ? next() | 1 : 0x40000000u + 2 * (k - 5000) + 1;
      if (key == kNoFeatureKey || std::binary_search(keys.begin(), keys.end(), key)) continue;
      std::fill(scores.begin(), scores.end(), 0);
      model.Score(&key, 1, scores.data());
      for (int c = 0; c < num_classes; ++c) ASSERT_EQ(scores[c], 0) << "absent key " << key;
    }
  }
}

}  // namespace
}  // namespace dyad::nlp
