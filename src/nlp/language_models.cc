#include "nlp/language_models.h"

#include <algorithm>
#include <map>

#include "nlp/lexical.h"

namespace dyad::nlp {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() > suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Strips a doubled final consonant left by -ing/-ed ("running" -> "run").
std::string Undouble(std::string stem) {
  size_t n = stem.size();
  if (n >= 3 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1]) && stem[n - 1] != 'l' &&
      stem[n - 1] != 's' && stem[n - 1] != 'z') {
    stem.pop_back();
  }
  return stem;
}

// Suffix rules for English words the treebank never showed us.
std::string RuleLemma(const std::string& lower, const std::string& upos) {
  if (upos == "NOUN") {
    if (EndsWith(lower, "ies") && lower.size() > 4) return lower.substr(0, lower.size() - 3) + "y";
    if (EndsWith(lower, "sses") || EndsWith(lower, "xes") || EndsWith(lower, "ches") ||
        EndsWith(lower, "shes")) {
      return lower.substr(0, lower.size() - 2);
    }
    if (EndsWith(lower, "s") && !EndsWith(lower, "ss") && !EndsWith(lower, "us") &&
        !EndsWith(lower, "is") && lower.size() > 3) {
      return lower.substr(0, lower.size() - 1);
    }
  } else if (upos == "VERB" || upos == "AUX") {
    if (EndsWith(lower, "ies") && lower.size() > 4) return lower.substr(0, lower.size() - 3) + "y";
    if (EndsWith(lower, "ied") && lower.size() > 4) return lower.substr(0, lower.size() - 3) + "y";
    if (EndsWith(lower, "ing") && lower.size() > 5)
      return Undouble(lower.substr(0, lower.size() - 3));
    if (EndsWith(lower, "ed") && lower.size() > 4)
      return Undouble(lower.substr(0, lower.size() - 2));
    if (EndsWith(lower, "es") && lower.size() > 4 &&
        (EndsWith(lower, "ches") || EndsWith(lower, "shes") || EndsWith(lower, "sses") ||
         EndsWith(lower, "xes"))) {
      return lower.substr(0, lower.size() - 2);
    }
    if (EndsWith(lower, "s") && !EndsWith(lower, "ss") && lower.size() > 3) {
      return lower.substr(0, lower.size() - 1);
    }
  }
  return lower;
}

}  // namespace

void Lemmatizer::Observe(const std::string& form, const std::string& upos,
                         const std::string& lemma) {
  if (language_ != "en" || lemma.empty()) return;
  ++counts_[NormalizeForm(form) + "\t" + upos][lemma];
}

void Lemmatizer::Finish() {
  for (const auto& [key, lemmas] : counts_) {
    std::string best;
    int best_count = 0;
    for (const auto& [lemma, count] : lemmas) {
      if (count > best_count || (count == best_count && lemma < best))
        best = lemma, best_count = count;
    }
    std::string lower = key.substr(0, key.find('\t'));
    std::string upos = key.substr(key.find('\t') + 1);
    if (upos == "PROPN" && best == lower) continue;
    if (best != RuleLemma(lower, upos)) table_[key] = best;
  }
  counts_.clear();
}

std::string Lemmatizer::Lemma(const std::string& form, const std::string& upos) const {
  std::string lower = NormalizeForm(form);
  if (language_ != "en") return lower;
  auto it = table_.find(lower + "\t" + upos);
  if (it != table_.end()) return it->second;
  if (upos == "PROPN") return form;
  return RuleLemma(lower, upos);
}

void Lemmatizer::Save(ByteWriter* out) const {
  out->PutString(language_);
  std::map<std::string, std::string> sorted(table_.begin(), table_.end());
  std::vector<std::string> keys, values;
  for (const auto& [k, v] : sorted) keys.push_back(k), values.push_back(v);
  out->PutStrings(keys);
  out->PutStrings(values);
}

Lemmatizer Lemmatizer::Load(ByteReader* in) {
  Lemmatizer l(in->GetString());
  std::vector<std::string> keys = in->GetStrings();
  std::vector<std::string> values = in->GetStrings();
  if (keys.size() != values.size()) in->Fail("lemma table sizes disagree");
  for (size_t i = 0; i < keys.size(); ++i)
    l.table_.emplace(std::move(keys[i]), std::move(values[i]));
  return l;
}

void LanguageModels::Save(const std::string& path) const {
  ByteWriter out;
  out.PutString(language);
  out.PutString(info);
  out.Put<uint8_t>(segmenter ? 1 : 0);
  if (segmenter) segmenter->Save(&out);
  tagger.Save(&out);
  lemmatizer.Save(&out);
  parser.Save(&out);
  WriteModelFile(path, out.bytes());
}

LanguageModels LanguageModels::Load(const std::string& path) {
  std::string payload = ReadModelFile(path);
  ByteReader in(payload, path);
  LanguageModels m;
  m.language = in.GetString();
  m.info = in.GetString();
  uint8_t has_segmenter = in.Get<uint8_t>();
  if (has_segmenter > 1) in.Fail("bad segmenter flag");
  if (has_segmenter) m.segmenter = Segmenter::Load(&in);
  m.tagger = Tagger::Load(&in);
  m.lemmatizer = Lemmatizer::Load(&in);
  m.parser = Parser::Load(&in);
  if (!in.AtEnd()) in.Fail("trailing bytes after the parser");
  return m;
}

}  // namespace dyad::nlp
