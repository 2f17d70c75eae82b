#include "nlp/tagger.h"

#include <algorithm>

#include "nlp/hashing.h"

namespace dyad::nlp {
namespace {

constexpr uint64_t kNone = 0x1234567;  // atom of a position outside the sentence

void SaveTagSet(const TagSet& t, ByteWriter* out) {
  out->PutStrings(t.upos);
  out->PutStrings(t.xpos);
  std::vector<std::pair<uint64_t, std::pair<uint16_t, uint64_t>>> entries(t.dictionary.begin(),
                                                                          t.dictionary.end());
  std::sort(entries.begin(), entries.end());
  std::vector<uint64_t> keys, sets;
  std::vector<uint16_t> best;
  for (const auto& [k, v] : entries) {
    keys.push_back(k);
    best.push_back(v.first);
    sets.push_back(v.second);
  }
  out->PutVector(keys);
  out->PutVector(best);
  out->PutVector(sets);
  std::vector<std::pair<uint64_t, uint16_t>> sure(t.sure.begin(), t.sure.end());
  std::sort(sure.begin(), sure.end());
  std::vector<uint64_t> sure_keys;
  std::vector<uint16_t> sure_tags;
  for (const auto& [k, tag] : sure) sure_keys.push_back(k), sure_tags.push_back(tag);
  out->PutVector(sure_keys);
  out->PutVector(sure_tags);
}

TagSet LoadTagSet(ByteReader* in) {
  TagSet t;
  t.upos = in->GetStrings();
  t.xpos = in->GetStrings();
  if (t.upos.size() != t.xpos.size() || t.upos.empty()) in->Fail("bad tag set");
  std::vector<uint64_t> keys = in->GetVector<uint64_t>();
  std::vector<uint16_t> best = in->GetVector<uint16_t>();
  std::vector<uint64_t> sets = in->GetVector<uint64_t>();
  if (keys.size() != best.size() || keys.size() != sets.size()) in->Fail("bad tag dictionary");
  t.dictionary.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (best[i] >= t.upos.size()) in->Fail("tag dictionary entry out of range");
    t.dictionary.emplace(keys[i], std::make_pair(best[i], sets[i]));
  }
  std::vector<uint64_t> sure_keys = in->GetVector<uint64_t>();
  std::vector<uint16_t> sure_tags = in->GetVector<uint16_t>();
  if (sure_keys.size() != sure_tags.size()) in->Fail("bad sure-word table");
  t.sure.reserve(sure_keys.size());
  for (size_t i = 0; i < sure_keys.size(); ++i) {
    if (sure_tags[i] >= t.upos.size()) in->Fail("sure-word tag out of range");
    t.sure.emplace(sure_keys[i], sure_tags[i]);
  }
  return t;
}

}  // namespace

void LookUpTagInfo(const std::vector<WordAtoms>& words, const TagSet& tags,
                   std::vector<WordTagInfo>* out) {
  out->resize(words.size());
  auto best_of = [&](uint64_t form) -> uint64_t {
    auto it = tags.dictionary.find(form);
    return it == tags.dictionary.end() ? kNone + 9 : it->second.first + 1;
  };
  for (size_t k = 0; k < words.size(); ++k) {
    WordTagInfo& info = (*out)[k];
    auto it = tags.dictionary.find(words[k].norm);
    if (it == tags.dictionary.end()) {
      info.best = info.ambiguity = kNone + 7;
    } else {
      info.best = it->second.first + 1;
      info.ambiguity = it->second.second;
    }
    auto sure = tags.sure.find(words[k].norm);
    info.sure = sure == tags.sure.end() ? -1 : sure->second;
    if (words[k].syllables > 1) {
      info.first_tag = best_of(words[k].first_syllable);
      info.last_tag = best_of(words[k].last_syllable);
    }
  }
}

void TaggerFeatures(const std::vector<WordAtoms>& words, const std::vector<WordTagInfo>& info,
                    int i, int prev, int prev2, std::vector<uint32_t>* out) {
  out->clear();
  const int n = static_cast<int>(words.size());
  auto norm = [&](int k) { return k >= 0 && k < n ? words[k].norm : kNone + k - i; };
  auto at = [&](int k) -> const WordAtoms* { return k >= 0 && k < n ? &words[k] : nullptr; };
  auto amb = [&](int k, bool best) -> uint64_t {
    if (k < 0 || k >= n) return kNone;
    return best ? info[k].best : info[k].ambiguity;
  };
  const WordAtoms& w = words[i];
  uint64_t p1 = static_cast<uint64_t>(prev + 2), p2 = static_cast<uint64_t>(prev2 + 2);
  out->push_back(FeatureKey(0, 0));
  out->push_back(FeatureKey(1, w.norm));
  out->push_back(FeatureKey(2, w.form));
  for (int k = 0; k < 3; ++k) out->push_back(FeatureKey(3 + k, w.prefix[k]));
  for (int k = 0; k < 4; ++k) out->push_back(FeatureKey(6 + k, w.suffix[k]));
  out->push_back(FeatureKey(10, w.shape));
  out->push_back(FeatureKey(11, norm(i - 1)));
  out->push_back(FeatureKey(12, norm(i - 2)));
  out->push_back(FeatureKey(13, norm(i + 1)));
  out->push_back(FeatureKey(14, norm(i + 2)));
  out->push_back(FeatureKey(15, p1));
  out->push_back(FeatureKey(16, p1, p2));
  out->push_back(FeatureKey(17, p1, w.norm));
  out->push_back(FeatureKey(18, at(i - 1) ? at(i - 1)->suffix[2] : kNone));
  out->push_back(FeatureKey(19, at(i + 1) ? at(i + 1)->suffix[2] : kNone));
  out->push_back(FeatureKey(20, norm(i - 1), w.norm));
  out->push_back(FeatureKey(21, w.norm, norm(i + 1)));
  out->push_back(FeatureKey(22, amb(i, false)));
  out->push_back(FeatureKey(23, amb(i + 1, true)));
  out->push_back(FeatureKey(24, amb(i + 2, true)));
  out->push_back(FeatureKey(25, p1, amb(i + 1, false)));
  out->push_back(FeatureKey(26, at(i + 1) ? at(i + 1)->shape : kNone));
  out->push_back(FeatureKey(27, at(i - 1) ? at(i - 1)->shape : kNone));
  out->push_back(FeatureKey(28, p1, w.suffix[2]));
  out->push_back(FeatureKey(29, i == 0, w.shape));
  out->push_back(FeatureKey(30, amb(i, false), amb(i + 1, false)));
  out->push_back(FeatureKey(31, p1, amb(i, false)));
  out->push_back(FeatureKey(40, w.norm, amb(i + 1, false)));
  out->push_back(FeatureKey(41, p1, norm(i + 1)));
  out->push_back(FeatureKey(42, at(i + 1) ? at(i + 1)->form : kNone));
  out->push_back(FeatureKey(43, at(i - 1) ? at(i - 1)->form : kNone));
  out->push_back(FeatureKey(44, norm(i - 1), norm(i + 1)));
  out->push_back(FeatureKey(45, at(i + 1) ? at(i + 1)->suffix[1] : kNone));
  out->push_back(FeatureKey(46, at(i + 1) ? at(i + 1)->prefix[0] : kNone));
  out->push_back(FeatureKey(47, amb(i - 1, false)));
  out->push_back(FeatureKey(48, w.suffix[2], amb(i + 1, true)));
  const bool first = i == 0;
  out->push_back(FeatureKey(49, w.capitalised, w.all_capitalised, first));
  out->push_back(FeatureKey(50, w.capitalised, first, amb(i, true)));
  out->push_back(FeatureKey(51, w.has_digit, static_cast<uint64_t>(std::min(w.syllables, 4))));
  out->push_back(FeatureKey(52, at(i - 1) ? at(i - 1)->last_syllable : kNone));
  out->push_back(FeatureKey(53, at(i + 1) ? at(i + 1)->first_syllable : kNone));
  if (w.syllables > 1) {
    out->push_back(FeatureKey(32, w.first_syllable));
    out->push_back(FeatureKey(33, w.last_syllable));
    out->push_back(FeatureKey(34, static_cast<uint64_t>(std::min(w.syllables, 4))));
    // Unknown compounds: the tags their syllables take as words of their own.
    const uint64_t first_tag = info[i].first_tag, last_tag = info[i].last_tag;
    out->push_back(FeatureKey(35, first_tag));
    out->push_back(FeatureKey(36, last_tag));
    out->push_back(FeatureKey(37, first_tag, last_tag));
    out->push_back(FeatureKey(38, w.first_syllable, w.last_syllable));
  }
}

Tagger::Tagger(TagSet tags, PerceptronModel model)
    : tags_(std::move(tags)), model_(std::move(model)) {
  for (int t = 0; t < tags_.size(); ++t) {
    index_.emplace(tags_.upos[t] + "\t" + tags_.xpos[t], t);
    upos_hash_.push_back(HashString(tags_.upos[t]));
  }
}

int Tagger::TagIndex(const std::string& upos, const std::string& xpos) const {
  auto it = index_.find(upos + "\t" + xpos);
  return it == index_.end() ? -1 : it->second;
}

std::vector<int> Tagger::Tag(const std::vector<WordAtoms>& words) const {
  std::vector<int> result(words.size(), 0);
  std::vector<WordTagInfo> info;
  LookUpTagInfo(words, tags_, &info);
  std::vector<uint32_t> features;
  features.reserve(64);
  std::vector<int32_t> scores(tags_.size());
  for (size_t i = 0; i < words.size(); ++i) {
    if (info[i].sure >= 0) {
      result[i] = info[i].sure;
      continue;
    }
    int prev = i >= 1 ? result[i - 1] : -1;
    int prev2 = i >= 2 ? result[i - 2] : -1;
    TaggerFeatures(words, info, static_cast<int>(i), prev, prev2, &features);
    std::fill(scores.begin(), scores.end(), 0);
    model_.Score(features.data(), features.size(), scores.data());
    result[i] = ArgMax(scores.data(), tags_.size());
  }
  return result;
}

void Tagger::Save(ByteWriter* out) const {
  SaveTagSet(tags_, out);
  model_.Save(out);
}

Tagger Tagger::Load(ByteReader* in) {
  TagSet tags = LoadTagSet(in);
  PerceptronModel model = PerceptronModel::Load(in);
  if (model.num_classes() != tags.size()) in->Fail("tagger class count differs from its tag set");
  return Tagger(std::move(tags), std::move(model));
}

}  // namespace dyad::nlp
