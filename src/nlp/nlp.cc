#include "dyad/nlp/nlp.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "dyad/core/error.h"
#include "dyad/dict/dictionary.h"
#include "dyad/text/normalize.h"
#include "nlp/hashing.h"
#include "nlp/language_models.h"

namespace dyad {

std::string DefaultModelDir() {
  const char* env = std::getenv("DYAD_MODEL_DIR");
  if (env && *env) return env;
  return DYAD_SOURCE_DIR "/models";
}

NlpPipeline NlpPipeline::Load(const std::string& model_dir) {
  NlpPipeline pipeline;
  for (const char* language : {"en", "vi"}) {
    std::string path = model_dir + "/" + language + ".dyadnlp";
    if (!std::filesystem::exists(path)) continue;
    pipeline.models_[language] =
        std::make_shared<const nlp::LanguageModels>(nlp::LanguageModels::Load(path));
  }
  if (pipeline.models_.empty()) {
    throw ResourceError(model_dir +
                        ": no nlp model found (expected en.dyadnlp and/or vi.dyadnlp; set "
                        "DYAD_MODEL_DIR or run `dyad train`)");
  }
  return pipeline;
}

NlpPipeline NlpPipeline::LoadFile(const std::string& language, const std::string& path) {
  NlpPipeline pipeline;
  auto models = std::make_shared<nlp::LanguageModels>(nlp::LanguageModels::Load(path));
  if (models->language != language) {
    throw ResourceError(path + ": model is for language '" + models->language + "', not '" +
                        language + "'");
  }
  pipeline.models_[language] = std::move(models);
  return pipeline;
}

bool NlpPipeline::HasLanguage(const std::string& language) const {
  return models_.count(language) > 0;
}

const nlp::LanguageModels& NlpPipeline::ModelFor(const std::string& language) const {
  auto it = models_.find(language);
  if (it == models_.end() && language != "vi") it = models_.find("en");
  if (it == models_.end()) {
    throw ResourceError("no nlp model loaded for language '" + language +
                        "' (model directory: " + DefaultModelDir() + ")");
  }
  return *it->second;
}

std::vector<Word> NlpPipeline::Segment(const Sentence& sentence) const {
  std::vector<Word> words;
  const nlp::LanguageModels& models = ModelFor(sentence.language);
  if (!models.segmenter) {
    words.reserve(sentence.tokens.size());
    for (const Token& t : sentence.tokens) {
      Word w;
      w.form = t.text;
      w.span = t.span;
      words.push_back(std::move(w));
    }
    return words;
  }
  std::vector<nlp::SyllableAtoms> syllables;
  syllables.reserve(sentence.tokens.size());
  for (const Token& t : sentence.tokens) syllables.push_back(nlp::ComputeSyllableAtoms(t.text));
  std::vector<bool> begins = models.segmenter->Segment(syllables);
  if (!known_names_.empty()) ForceKnownNames(sentence, &begins);
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    const Token& t = sentence.tokens[i];
    if (begins[i] || words.empty()) {
      Word w;
      w.form = t.text;
      w.span = t.span;
      words.push_back(std::move(w));
    } else {
      words.back().form += ' ';
      words.back().form += t.text;
      words.back().span.end = t.span.end;
    }
  }
  return words;
}

void NlpPipeline::SetKnownNames(const std::vector<std::string>& names) {
  constexpr int kMaxSyllables = 6;
  for (const std::string& name : names) {
    std::string folded = FoldForMatch(name);
    int syllables = 1;
    for (char c : folded) syllables += c == ' ';
    if (syllables < 2 || syllables > kMaxSyllables) continue;
    bool capitalised = true;
    for (size_t begin = 0; begin < name.size() && capitalised;) {
      size_t end = std::min(name.find(' ', begin), name.size());
      if (end > begin)
        capitalised = StartsWithCapital(std::string_view(name).substr(begin, end - begin));
      begin = end + 1;
    }
    if (!capitalised) continue;
    known_names_.insert(std::move(folded));
    longest_known_name_ = std::max(longest_known_name_, syllables);
  }
}

void NlpPipeline::ForceKnownNames(const Sentence& sentence, std::vector<bool>* begins) const {
  const std::vector<Token>& tokens = sentence.tokens;
  const size_t n = tokens.size();
  // Capitalised syllables folded once each; empty for the others.
  std::vector<std::string> folded(n);
  for (size_t i = 0; i < n; ++i)
    if (StartsWithCapital(tokens[i].text)) folded[i] = FoldForMatch(tokens[i].text);
  std::string key;
  for (size_t i = 0; i + 1 < n;) {
    size_t matched = 0;
    if (!folded[i].empty()) {
      key = folded[i];
      for (size_t len = 2; len <= static_cast<size_t>(longest_known_name_) && i + len <= n; ++len) {
        if (folded[i + len - 1].empty()) break;
        key += ' ';
        key += folded[i + len - 1];
        if (known_names_.count(key)) matched = len;
      }
    }
    if (!matched) {
      ++i;
      continue;
    }
    (*begins)[i] = true;
    for (size_t k = i + 1; k < i + matched; ++k) (*begins)[k] = false;
    if (i + matched < n) (*begins)[i + matched] = true;
    i += matched;
  }
}

namespace {

std::vector<nlp::WordAtoms> AtomsOf(const std::vector<Word>& words) {
  std::vector<nlp::WordAtoms> atoms;
  atoms.reserve(words.size());
  for (const Word& w : words) atoms.push_back(nlp::ComputeAtoms(w.form));
  return atoms;
}

}  // namespace

namespace {

void TagWords(const nlp::LanguageModels& models, const std::vector<nlp::WordAtoms>& atoms,
              std::vector<Word>* words, std::vector<int>* tags) {
  *tags = models.tagger.Tag(atoms);
  const nlp::TagSet& set = models.tagger.tags();
  for (size_t i = 0; i < words->size(); ++i) {
    Word& w = (*words)[i];
    w.upos = set.upos[(*tags)[i]];
    w.xpos = set.xpos[(*tags)[i]];
    w.lemma = models.lemmatizer.Lemma(w.form, w.upos);
  }
}

void ParseWords(const nlp::LanguageModels& models, const std::vector<nlp::WordAtoms>& atoms,
                const std::vector<int>& tags, std::vector<Word>* words) {
  nlp::ParserInput input;
  input.atoms = &atoms;
  input.tags = tags;
  input.upos.resize(words->size());
  const nlp::TagSet& set = models.tagger.tags();
  for (size_t i = 0; i < words->size(); ++i) {
    // Supplied tags outside the tag set still give the parser their own UPOS.
    const std::string& upos = (*words)[i].upos;
    input.upos[i] =
        set.upos[tags[i]] == upos ? models.tagger.UposHash(tags[i]) : nlp::HashString(upos);
  }
  std::vector<int> heads, labels;
  models.parser.Parse(input, &heads, &labels);
  for (size_t i = 0; i < words->size(); ++i) {
    (*words)[i].head = heads[i];
    (*words)[i].deprel = models.parser.labels()[labels[i]];
  }
}

}  // namespace

void NlpPipeline::Tag(const std::string& language, std::vector<Word>* words) const {
  std::vector<int> tags;
  TagWords(ModelFor(language), AtomsOf(*words), words, &tags);
}

void NlpPipeline::ParseTagged(const std::string& language, std::vector<Word>* words) const {
  const nlp::LanguageModels& models = ModelFor(language);
  // Map each word's tags back to the joint tag index the parser was trained with.
  std::vector<int> tags(words->size(), 0);
  for (size_t i = 0; i < words->size(); ++i) {
    const Word& w = (*words)[i];
    tags[i] = std::max(0, models.tagger.TagIndex(w.upos, w.xpos));
  }
  ParseWords(models, AtomsOf(*words), tags, words);
}

ParsedSentence NlpPipeline::Parse(const Sentence& sentence) const {
  ParsedSentence parsed;
  parsed.words = Segment(sentence);
  parsed.has_spans = true;
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    if (i) parsed.text += ' ';
    parsed.text += sentence.tokens[i].text;
  }
  if (parsed.words.empty()) return parsed;
  const nlp::LanguageModels& models = ModelFor(sentence.language);
  std::vector<nlp::WordAtoms> atoms = AtomsOf(parsed.words);
  std::vector<int> tags;
  TagWords(models, atoms, &parsed.words, &tags);
  ParseWords(models, atoms, tags, &parsed.words);
  return parsed;
}

std::vector<std::string> NlpPipeline::Describe() const {
  std::vector<std::string> out;
  for (const auto& [language, models] : models_) {
    std::string line = language + ": tagger " + std::to_string(models->tagger.num_features()) +
                       " features, " + std::to_string(models->tagger.tags().size()) +
                       " tags; parser " + std::to_string(models->parser.num_features()) +
                       " features, " + std::to_string(models->parser.labels().size()) + " labels";
    if (models->segmenter) {
      line += "; segmenter " + std::to_string(models->segmenter->num_features()) + " features, " +
              std::to_string(models->segmenter->lexicon().size()) + " lexicon words";
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace dyad
