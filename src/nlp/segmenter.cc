#include "nlp/segmenter.h"

#include <algorithm>

#include "nlp/hashing.h"
#include "nlp/lexical.h"

namespace dyad::nlp {

SyllableAtoms ComputeSyllableAtoms(std::string_view syllable) {
  std::string norm = NormalizeForm(syllable);
  return SyllableAtoms{HashString(norm), HashString(WordShape(syllable, norm))};
}

void Lexicon::Add(const std::vector<uint64_t>& syllables) {
  if (syllables.size() < 2 || syllables.size() > kMaxSyllables) return;
  uint64_t h = 0x5eed;
  for (uint64_t s : syllables) h = Mix64(h ^ s);
  hashes_.push_back(h);
}

void Lexicon::AddWord(std::string_view word) {
  std::vector<uint64_t> syllables;
  size_t start = 0;
  while (start <= word.size()) {
    size_t space = word.find(' ', start);
    if (space == std::string_view::npos) space = word.size();
    if (space > start)
      syllables.push_back(ComputeSyllableAtoms(word.substr(start, space - start)).norm);
    start = space + 1;
  }
  Add(syllables);
}

uint64_t Lexicon::SequenceHash(const SyllableAtoms* syllables, int begin, int end) {
  uint64_t h = 0x5eed;
  for (int k = begin; k < end; ++k) h = Mix64(h ^ syllables[k].norm);
  return h;
}

bool Lexicon::Contains(uint64_t sequence_hash) const {
  return std::binary_search(hashes_.begin(), hashes_.end(), sequence_hash);
}

void Lexicon::Finish() {
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
}

void Lexicon::Save(ByteWriter* out) const { out->PutVector(hashes_); }

Lexicon Lexicon::Load(ByteReader* in) {
  Lexicon lex;
  lex.hashes_ = in->GetVector<uint64_t>();
  if (!std::is_sorted(lex.hashes_.begin(), lex.hashes_.end())) in->Fail("lexicon not sorted");
  return lex;
}

void SegmenterFeatures(const std::vector<SyllableAtoms>& syl, const Lexicon& lexicon, int i,
                       int prev_label, int word_length, std::vector<uint32_t>* out) {
  out->clear();
  const int n = static_cast<int>(syl.size());
  auto S = [&](int k) -> uint64_t { return k >= 0 && k < n ? syl[k].norm : 0x77 + k - i; };
  auto H = [&](int k) -> uint64_t { return k >= 0 && k < n ? syl[k].shape : 0x99 + k - i; };
  uint64_t p = static_cast<uint64_t>(prev_label + 2);
  out->push_back(FeatureKey(0, 0));
  out->push_back(FeatureKey(1, S(i)));
  out->push_back(FeatureKey(2, S(i - 1)));
  out->push_back(FeatureKey(3, S(i + 1)));
  out->push_back(FeatureKey(4, S(i - 2)));
  out->push_back(FeatureKey(5, S(i + 2)));
  out->push_back(FeatureKey(7, S(i), S(i + 1)));
  out->push_back(FeatureKey(8, S(i - 2), S(i - 1), S(i)));
  out->push_back(FeatureKey(9, S(i - 1), S(i), S(i + 1)));
  out->push_back(FeatureKey(10, S(i), S(i + 1), S(i + 2)));
  out->push_back(FeatureKey(11, H(i)));
  out->push_back(FeatureKey(12, H(i - 1), H(i)));
  out->push_back(FeatureKey(13, H(i), H(i + 1)));
  out->push_back(FeatureKey(14, p));
  // No feature names the pair (i-1, i) alone: it would memorise every training word, and the model
  // would trust it more than it deserves on new text. The jackknifed lexicon carries that
  // knowledge.
  out->push_back(FeatureKey(16, static_cast<uint64_t>(std::min(word_length, 5)), p));
  out->push_back(FeatureKey(18, S(i - 2), S(i - 1)));
  // Lexicon: the longest word crossing the boundary before i, ending just before i, starting at i.
  int cross = 0, ends_before = 0, starts_here = 0;
  const int max_len = Lexicon::kMaxSyllables;
  for (int begin = std::max(0, i - max_len + 1); begin <= i; ++begin) {
    for (int end = i + 1; end <= std::min(n, begin + max_len); ++end) {
      if (end - begin < 2) continue;
      if (!lexicon.Contains(Lexicon::SequenceHash(syl.data(), begin, end))) continue;
      if (begin < i) cross = std::max(cross, end - begin);
      if (begin == i) starts_here = std::max(starts_here, end - begin);
    }
  }
  for (int begin = std::max(0, i - max_len); begin + 1 < i; ++begin) {
    if (lexicon.Contains(Lexicon::SequenceHash(syl.data(), begin, i))) {
      ends_before = std::max(ends_before, i - begin);
    }
  }
  out->push_back(FeatureKey(19, static_cast<uint64_t>(cross)));
  out->push_back(FeatureKey(20, static_cast<uint64_t>(ends_before)));
  out->push_back(FeatureKey(21, static_cast<uint64_t>(starts_here)));
  out->push_back(FeatureKey(22, static_cast<uint64_t>(cross), static_cast<uint64_t>(ends_before),
                            static_cast<uint64_t>(starts_here)));
  out->push_back(FeatureKey(23, static_cast<uint64_t>(cross), H(i - 1), H(i)));
  // The word the current one would become if syllable i joined it.
  const int word_start = std::max(0, i - word_length);
  const uint64_t joined = Lexicon::SequenceHash(syl.data(), word_start, i + 1);
  bool joined_known = i + 1 - word_start <= max_len && lexicon.Contains(joined);
  bool joined_prefix = false;  // some lexicon word starts at word_start and covers i
  for (int end = i + 2; end <= std::min(n, word_start + max_len) && !joined_prefix; ++end) {
    joined_prefix = lexicon.Contains(Lexicon::SequenceHash(syl.data(), word_start, end));
  }
  out->push_back(FeatureKey(25, joined_known, joined_prefix,
                            static_cast<uint64_t>(std::min(i + 1 - word_start, 5))));
  out->push_back(FeatureKey(26, joined_known, joined_prefix, H(i)));
}

std::vector<bool> Segmenter::Segment(const std::vector<SyllableAtoms>& syllables) const {
  std::vector<bool> begins(syllables.size(), true);
  if (syllables.empty()) return begins;
  std::vector<uint8_t> labels = BeamSegment(
      syllables, lexicon_, beam_, [this](const std::vector<uint32_t>& features, double* scores) {
        int32_t s[2] = {0, 0};
        model_.Score(features.data(), features.size(), s);
        scores[0] = s[0];
        scores[1] = s[1];
      });
  for (size_t i = 1; i < syllables.size(); ++i) begins[i] = labels[i] == kBegin;
  return begins;
}

void Segmenter::Save(ByteWriter* out) const {
  out->Put<uint32_t>(beam_);
  lexicon_.Save(out);
  model_.Save(out);
}

Segmenter Segmenter::Load(ByteReader* in) {
  uint32_t beam = in->Get<uint32_t>();
  if (beam < 1 || beam > 64) in->Fail("bad segmenter beam size");
  Lexicon lexicon = Lexicon::Load(in);
  PerceptronModel model = PerceptronModel::Load(in);
  if (model.num_classes() != 2) in->Fail("segmenter must have 2 classes");
  return Segmenter(std::move(lexicon), std::move(model), static_cast<int>(beam));
}

}  // namespace dyad::nlp
