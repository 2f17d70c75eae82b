#include "nlp/segmenter.h"

#include <algorithm>

#include "dyad/text/normalize.h"
#include "nlp/hashing.h"
#include "nlp/lexical.h"

namespace dyad::nlp {

namespace {

// The onset (initial consonant cluster) length of a syllable written without diacritics.
size_t OnsetLength(std::string_view plain) {
  for (std::string_view cluster :
       {"ngh", "ng", "nh", "ch", "tr", "th", "ph", "kh", "gh", "gi", "qu"}) {
    if (plain.substr(0, cluster.size()) == cluster && plain.size() > cluster.size()) {
      return cluster.size();
    }
  }
  if (!plain.empty() &&
      std::string_view("bcdghklmnpqrstvx").find(plain[0]) != std::string_view::npos) {
    return 1;
  }
  return 0;
}

}  // namespace

SyllableAtoms ComputeSyllableAtoms(std::string_view syllable) {
  std::string norm = NormalizeForm(syllable);
  std::string shape = WordShape(syllable, norm);
  uint64_t case_class = 5;
  if (!shape.empty()) {
    bool upper_first = shape[0] == 'X' || shape[0] == 'Y';
    bool lower_rest = shape.find_first_of("xy") != std::string::npos;
    if (shape[0] == 'd') {
      case_class = 4;
    } else if (upper_first) {
      case_class = lower_rest ? 2 : 3;
    } else if (shape[0] == 'x' || shape[0] == 'y') {
      case_class = 1;
    }
  }
  SyllableAtoms atoms{HashString(norm), HashString(shape), case_class, 0, 0};
  if (case_class <= 3) {
    const std::string plain = FoldWithoutDiacritics(norm);
    const size_t onset = OnsetLength(plain);
    atoms.onset = HashString(std::string_view(plain).substr(0, onset)) | 1;
    atoms.rhyme = HashString(std::string_view(plain).substr(onset)) | 1;
  }
  return atoms;
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

void Lexicon::CountSyllable(uint64_t syllable, bool alone, bool continues, bool continued) {
  Counts& c = syllable_counts_[syllable];
  ++c.total;
  c.alone += alone;
  c.continues += continues;
  c.continued += continued;
}

uint64_t Lexicon::PairKey(uint64_t first, uint64_t second) {
  return Mix64(first * 0x9e3779b97f4a7c15ULL ^ Rotl64(second, 29));
}

void Lexicon::CountPair(uint64_t first, uint64_t second, bool same_word) {
  auto& c = pair_counts_[PairKey(first, second)];
  c.first += same_word;
  ++c.second;
}

uint64_t Lexicon::PairBucket(uint64_t first, uint64_t second) const {
  const uint64_t key = PairKey(first, second);
  auto it = std::lower_bound(pair_keys_.begin(), pair_keys_.end(), key);
  if (it == pair_keys_.end() || *it != key) return 0;
  return pair_buckets_[it - pair_keys_.begin()];
}

Lexicon::SyllableBuckets Lexicon::Buckets(uint64_t syllable) const {
  auto it = std::lower_bound(syllable_keys_.begin(), syllable_keys_.end(), syllable);
  if (it == syllable_keys_.end() || *it != syllable) return {};
  const uint8_t* b = syllable_buckets_.data() + 3 * (it - syllable_keys_.begin());
  return SyllableBuckets{b[0], b[1], b[2]};
}

namespace {

// 1 + 5 * frequency class (1, 2-4, 5+) + share class (never, <1/3, <2/3, <1, always).
uint8_t ShareBucket(uint32_t part, uint32_t total) {
  int frequency = total >= 5 ? 2 : total >= 2 ? 1 : 0;
  int share = part == 0              ? 0
              : part == total        ? 4
              : 3 * part < total     ? 1
              : 3 * part < 2 * total ? 2
                                     : 3;
  return static_cast<uint8_t>(1 + 5 * frequency + share);
}

}  // namespace

void Lexicon::Finish() {
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
  syllable_keys_.clear();
  syllable_buckets_.clear();
  for (const auto& [key, c] : syllable_counts_) {
    syllable_keys_.push_back(key);
    syllable_buckets_.push_back(ShareBucket(c.alone, c.total));
    syllable_buckets_.push_back(ShareBucket(c.continues, c.total));
    syllable_buckets_.push_back(ShareBucket(c.continued, c.total));
  }
  syllable_counts_.clear();
  pair_keys_.clear();
  pair_buckets_.clear();
  for (const auto& [key, c] : pair_counts_) {
    pair_keys_.push_back(key);
    pair_buckets_.push_back(ShareBucket(c.first, c.second));
  }
  pair_counts_.clear();
}

void Lexicon::Save(ByteWriter* out) const {
  out->PutVector(hashes_);
  out->PutVector(syllable_keys_);
  out->PutVector(syllable_buckets_);
  out->PutVector(pair_keys_);
  out->PutVector(pair_buckets_);
}

Lexicon Lexicon::Load(ByteReader* in) {
  Lexicon lex;
  lex.hashes_ = in->GetVector<uint64_t>();
  if (!std::is_sorted(lex.hashes_.begin(), lex.hashes_.end())) in->Fail("lexicon not sorted");
  lex.syllable_keys_ = in->GetVector<uint64_t>();
  lex.syllable_buckets_ = in->GetVector<uint8_t>();
  if (3 * lex.syllable_keys_.size() != lex.syllable_buckets_.size() ||
      !std::is_sorted(lex.syllable_keys_.begin(), lex.syllable_keys_.end())) {
    in->Fail("bad syllable table");
  }
  lex.pair_keys_ = in->GetVector<uint64_t>();
  lex.pair_buckets_ = in->GetVector<uint8_t>();
  if (lex.pair_keys_.size() != lex.pair_buckets_.size() ||
      !std::is_sorted(lex.pair_keys_.begin(), lex.pair_keys_.end())) {
    in->Fail("bad syllable pair table");
  }
  return lex;
}

void PrepareSentence(const std::vector<SyllableAtoms>& syllables, const Lexicon& lexicon,
                     SegmenterSentence* out) {
  const int n = static_cast<int>(syllables.size());
  out->syllables = syllables;
  out->buckets.resize(n);
  out->pair_bucket.assign(n, 0);
  out->words_from.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    out->buckets[i] = lexicon.Buckets(syllables[i].norm);
    if (i > 0) out->pair_bucket[i] = lexicon.PairBucket(syllables[i - 1].norm, syllables[i].norm);
    uint64_t h = Lexicon::SequenceHash(syllables.data(), i, i + 1);
    for (int len = 2; len <= Lexicon::kMaxSyllables && i + len <= n; ++len) {
      h = Mix64(h ^ syllables[i + len - 1].norm);  // SequenceHash(i, i + len), incrementally
      if (lexicon.Contains(h)) out->words_from[i] |= static_cast<uint8_t>(1u << (len - 2));
    }
  }
}

namespace {

// The length of the longest lexicon word among those starting at b whose length is in
// [min_len, max_len] (0 if none).
int LongestFrom(const SegmenterSentence& s, int b, int min_len, int max_len) {
  if (b < 0 || min_len > max_len) return 0;
  for (int len = std::min(max_len, Lexicon::kMaxSyllables); len >= std::max(min_len, 2); --len) {
    if (s.words_from[b] & (1u << (len - 2))) return len;
  }
  return 0;
}

}  // namespace

void SegmenterStaticFeatures(const SegmenterSentence& s, int i, std::vector<uint32_t>* out) {
  out->clear();
  const auto& syl = s.syllables;
  const int n = static_cast<int>(syl.size());
  auto S = [&](int k) -> uint64_t { return k >= 0 && k < n ? syl[k].norm : 0x77 + k - i; };
  auto H = [&](int k) -> uint64_t { return k >= 0 && k < n ? syl[k].shape : 0x99 + k - i; };
  auto C = [&](int k) -> uint64_t { return k >= 0 && k < n ? syl[k].case_class : 0; };
  uint32_t t = 0;
  auto add = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(t++, a, b, c));
  };
  add(0);
  add(S(i)), add(S(i - 1)), add(S(i + 1)), add(S(i - 2)), add(S(i + 2));
  add(S(i), S(i + 1)), add(S(i - 2), S(i - 1), S(i)), add(S(i - 1), S(i), S(i + 1));
  add(S(i), S(i + 1), S(i + 2)), add(S(i - 2), S(i - 1));
  // No feature names the pair (i-1, i) alone: it would memorise every training word, and the model
  // would trust it more than it deserves on new text. The jackknifed lexicon and pair statistics
  // carry that knowledge.
  add(H(i)), add(H(i - 1), H(i)), add(H(i), H(i + 1));
  add(C(i - 1), C(i)), add(C(i - 1), C(i), C(i + 1));
  // How often each syllable stood alone as a word, continued one or was continued (in the other
  // folds): generalises to compounds never seen in training.
  const Lexicon::SyllableBuckets none{99, 99, 99};
  const Lexicon::SyllableBuckets before = i > 0 ? s.buckets[i - 1] : none;
  const Lexicon::SyllableBuckets here = s.buckets[i];
  const Lexicon::SyllableBuckets after = i + 1 < n ? s.buckets[i + 1] : none;
  add(before.alone, here.alone), add(here.alone, after.alone), add(before.alone, here.alone, H(i));
  add(here.continues, before.continued), add(after.continues, here.continued);
  // How often the pair (i-1, i) was inside one word, and its neighbours (i-2, i-1), (i, i+1).
  const uint64_t pair = s.pair_bucket[i];
  const uint64_t pair_before = i > 1 ? s.pair_bucket[i - 1] : 99;
  const uint64_t pair_after = i + 1 < n ? s.pair_bucket[i + 1] : 99;
  add(pair), add(pair, H(i)), add(pair_before, pair, pair_after), add(pair, here.continues);
  // Reduplicatives (one word in Vietnamese, and mostly unseen): the same syllable twice, or two
  // syllables sharing their onset or their rhyme ("miệt mài", "lung tung").
  uint64_t echo = 0;
  if (i > 0 && syl[i].onset != 0 && syl[i - 1].onset != 0) {
    echo = syl[i].norm == syl[i - 1].norm     ? 3
           : syl[i].rhyme == syl[i - 1].rhyme ? 2
           : syl[i].onset == syl[i - 1].onset ? 1
                                              : 0;
  }
  add(echo), add(echo, pair), add(echo, before.alone, here.alone);
  // Lexicon: the longest word crossing the boundary before i, ending just before i, starting at i.
  const int max_len = Lexicon::kMaxSyllables;
  int cross = 0, ends_before = 0;
  for (int b = std::max(0, i - max_len + 1); b < i; ++b) {
    cross = std::max(cross, LongestFrom(s, b, i + 1 - b, std::min(n - b, max_len)));
  }
  for (int len = 2; len <= max_len && i - len >= 0; ++len) {
    if (s.words_from[i - len] & (1u << (len - 2))) ends_before = len;
  }
  const int starts_here = LongestFrom(s, i, 2, std::min(n - i, max_len));
  add(static_cast<uint64_t>(cross)), add(static_cast<uint64_t>(ends_before));
  add(static_cast<uint64_t>(starts_here));
  add(static_cast<uint64_t>(cross), static_cast<uint64_t>(ends_before),
      static_cast<uint64_t>(starts_here));
  add(static_cast<uint64_t>(cross), H(i - 1), H(i));
  add(static_cast<uint64_t>(cross), pair);
}

void SegmenterPrevFeatures(const SegmenterSentence& s, int i, int prev_label,
                           std::vector<uint32_t>* out) {
  out->clear();
  const auto& syl = s.syllables;
  const int n = static_cast<int>(syl.size());
  auto C = [&](int k) -> uint64_t { return k >= 0 && k < n ? syl[k].case_class : 0; };
  const Lexicon::SyllableBuckets none{99, 99, 99};
  const Lexicon::SyllableBuckets before = i > 0 ? s.buckets[i - 1] : none;
  const Lexicon::SyllableBuckets here = s.buckets[i];
  const uint64_t p = static_cast<uint64_t>(prev_label + 2);
  uint32_t t = 100;
  auto add = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(t++, a, b, c));
  };
  add(p), add(C(i - 1), C(i), p), add(before.alone, here.alone, p);
  add(here.continues, before.continued, p), add(s.pair_bucket[i], p);
}

void SegmenterLengthFeatures(const SegmenterSentence& s, int i, int length,
                             std::vector<uint32_t>* out) {
  out->clear();
  const auto& syl = s.syllables;
  const int n = static_cast<int>(syl.size());
  const uint64_t shape = syl[i].shape;
  const uint64_t p = length == 1 ? 2 : 3;
  // The word the current one would become if syllable i joined it (lengths of kMaxLength and more
  // can join no lexicon word).
  bool joined_known = false, joined_prefix = false;
  if (length < kMaxLength) {
    const int word_start = i - length;
    joined_known = s.words_from[word_start] & (1u << (length - 1));
    joined_prefix =
        LongestFrom(s, word_start, length + 2, std::min(n - word_start, kMaxLength)) > 0;
  }
  uint32_t t = 200;
  auto add = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out->push_back(FeatureKey(t++, a, b, c));
  };
  add(static_cast<uint64_t>(std::min(length, 5)), p);
  add(joined_known, joined_prefix, static_cast<uint64_t>(std::min(length + 1, 5)));
  add(joined_known, joined_prefix, shape);
}

std::vector<bool> Segmenter::Segment(const std::vector<SyllableAtoms>& syllables) const {
  std::vector<bool> begins(syllables.size(), true);
  if (syllables.empty()) return begins;
  SegmenterSentence sentence;
  PrepareSentence(syllables, lexicon_, &sentence);
  // Path scores add up over the sentence: 64 bits, so that no sentence length overflows them.
  std::vector<uint8_t> labels = ViterbiSegment<int64_t>(
      sentence, [this](const std::vector<uint32_t>& features, int64_t* scores) {
        int32_t s[2] = {0, 0};
        model_.Score(features.data(), features.size(), s);
        scores[0] += s[0];
        scores[1] += s[1];
      });
  for (size_t i = 1; i < syllables.size(); ++i) begins[i] = labels[i] == kBegin;
  return begins;
}

void Segmenter::Save(ByteWriter* out) const {
  lexicon_.Save(out);
  model_.Save(out);
}

Segmenter Segmenter::Load(ByteReader* in) {
  Lexicon lexicon = Lexicon::Load(in);
  PerceptronModel model = PerceptronModel::Load(in);
  if (model.num_classes() != 2) in->Fail("segmenter must have 2 classes");
  return Segmenter(std::move(lexicon), std::move(model));
}

}  // namespace dyad::nlp
