// `dyad train`: reads treebanks, jackknifes tags, trains every model of a language, writes the
// file.
#include "dyad/nlp/train.h"

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "dyad/core/error.h"
#include "dyad/io/conllu.h"
#include "nlp/hashing.h"
#include "nlp/language_models.h"

namespace dyad {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ResourceError(path + ": cannot open file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// VTB dev spells XPOS differently from train/test; these are the train/test spellings.
std::string NormaliseVtbXpos(const std::string& xpos, const std::string& upos,
                             const std::string& form) {
  static const std::map<std::string, std::string> kMap = {
      {"ADJ", "Adj"},  {"ADV", "Adv"},  {"PRE", "Pre"},  {"PRO", "Pro"}, {"NUM", "Num"},
      {"NUMX", "Num"}, {"DET", "Det"},  {"L", "Det"},    {"NB", "Nb"},   {"NU", "Nu"},
      {"NY", "Ny"},    {"NNPY", "NNP"}, {"NNPy", "NNP"}, {"PRT", "Prt"}, {"PART", "Prt"},
      {"SCONJ", "SC"}, {"VERB", "V"},   {"Aux", "AUX"}};
  if (xpos == "PUNCT") return form == "\"" ? "``" : form;
  if (xpos == "C") return upos == "CCONJ" ? "CC" : "SC";
  auto it = kMap.find(xpos);
  return it == kMap.end() ? xpos : it->second;
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

struct Params {
  std::map<std::string, std::string> values;
  std::string origin;
  double Number(const std::string& key, double fallback) const {
    auto it = values.find(key);
    if (it == values.end()) return fallback;
    try {
      return std::stod(it->second);
    } catch (const std::exception&) {
      throw InputError(origin, "parameter '" + key + "' is not a number: " + it->second);
    }
  }
};

Params ReadParams(const std::string& path) {
  Params p;
  p.origin = path;
  std::istringstream in(ReadFile(path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::string key, value, extra;
    if (!(fields >> key)) continue;
    if (!(fields >> value) || (fields >> extra)) {
      throw InputError(path + ":" + std::to_string(line_no), "expected 'key value'");
    }
    p.values[key] = value;
  }
  return p;
}

std::vector<nlp::WordAtoms> AtomsOf(const ParsedSentence& s) {
  std::vector<nlp::WordAtoms> atoms;
  for (const Word& w : s.words) atoms.push_back(nlp::ComputeAtoms(w.form));
  return atoms;
}

nlp::TaggedSentence ToTagged(const ParsedSentence& s, const std::vector<nlp::WordAtoms>& atoms) {
  nlp::TaggedSentence t;
  t.atoms = atoms;
  for (const Word& w : s.words) t.upos.push_back(w.upos), t.xpos.push_back(w.xpos);
  return t;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<ParsedSentence> ReadTreebank(const std::string& path, const std::string& language) {
  std::vector<ParsedSentence> sentences = ParseConllu(ReadFile(path), path);
  if (language != "vi") return sentences;
  for (ParsedSentence& s : sentences) {
    for (Word& w : s.words) {
      if (w.form == "LBKT" || w.form == "RBKT") {
        w.form = w.lemma = w.form == "LBKT" ? "(" : ")";
        w.xpos = w.form;
      }
      w.xpos = NormaliseVtbXpos(w.xpos, w.upos, w.form);
    }
    s.text = ReplaceAll(ReplaceAll(s.text, "LBKT", "("), "RBKT", ")");
  }
  return sentences;
}

void TrainLanguageModels(const TrainConfig& config, std::ostream& log) {
  const auto start = std::chrono::steady_clock::now();
  if (config.language != "en" && config.language != "vi") {
    throw InputError("", "unknown language '" + config.language + "' (expected en or vi)");
  }
  Params params = ReadParams(config.params_file);
  const uint32_t seed = static_cast<uint32_t>(params.Number("seed", 1));
  std::vector<ParsedSentence> train;
  for (const std::string& file : config.train_files) {
    std::vector<ParsedSentence> part = ReadTreebank(file, config.language);
    log << "read " << part.size() << " sentences from " << file << "\n";
    train.insert(train.end(), std::make_move_iterator(part.begin()),
                 std::make_move_iterator(part.end()));
  }
  if (train.empty()) throw InputError("", "no training sentences");
  // Sentences with words lacking a head (enhanced-only rows) cannot train the parser.
  std::vector<std::vector<nlp::WordAtoms>> atoms;
  std::vector<nlp::TaggedSentence> tagged;
  for (const ParsedSentence& s : train) {
    atoms.push_back(AtomsOf(s));
    tagged.push_back(ToTagged(s, atoms.back()));
  }

  nlp::LanguageModels models;
  models.language = config.language;
  std::ostringstream info;
  // Only file names and parameter values: the model bytes must not depend on where the checkout is.
  info << "language " << config.language << "; params";
  for (const auto& [key, value] : params.values) info << " " << key << "=" << value;
  info << "; train";
  for (const auto& f : config.train_files) info << " " << f.substr(f.find_last_of('/') + 1);
  info << "; " << train.size() << " sentences";

  if (config.language == "vi") {
    nlp::SegmenterTrainOptions so;
    so.iterations = static_cast<int>(params.Number("segmenter_iterations", 10));
    so.lexicon_folds = static_cast<int>(params.Number("segmenter_lexicon_folds", 5));
    so.prune = static_cast<float>(params.Number("segmenter_prune", 0));
    so.seed = seed;
    std::vector<std::string> extra;
    if (!config.lexicon_file.empty()) {
      std::istringstream in(ReadFile(config.lexicon_file));
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        extra.push_back(line);
      }
      log << "lexicon: " << extra.size() << " words from " << config.lexicon_file << "\n";
    }
    std::vector<nlp::SegmentedSentence> segmented;
    for (const ParsedSentence& s : train) {
      nlp::SegmentedSentence words;
      for (const Word& w : s.words) words.push_back(w.form);
      segmented.push_back(std::move(words));
    }
    models.segmenter = nlp::TrainSegmenter(segmented, extra, so);
    log << "segmenter: " << models.segmenter->num_features() << " features, "
        << models.segmenter->lexicon().size() << " lexicon words (" << Seconds(start) << " s)\n";
  }

  nlp::TaggerTrainOptions to;
  to.iterations = static_cast<int>(params.Number("tagger_iterations", 8));
  to.prune = static_cast<float>(params.Number("tagger_prune", 0));
  to.dictionary_min_count = static_cast<int>(params.Number("tagger_dictionary_min_count", 1));
  to.sure_min_count = static_cast<int>(params.Number("tagger_sure_min_count", 0));
  to.sure_share = params.Number("tagger_sure_share", 1.0);
  to.seed = seed;
  // Jackknifing: the parser trains on tags predicted by taggers that never saw the sentence.
  const int folds = static_cast<int>(params.Number("jackknife_folds", 5));
  std::vector<std::vector<int>> predicted(train.size());
  for (int f = 0; f < folds && folds > 1; ++f) {
    std::vector<nlp::TaggedSentence> part;
    for (size_t s = 0; s < train.size(); ++s) {
      if (static_cast<int>(s % folds) != f) part.push_back(tagged[s]);
    }
    nlp::Tagger fold_tagger = nlp::TrainTagger(part, to);
    for (size_t s = f; s < train.size(); s += folds) predicted[s] = fold_tagger.Tag(atoms[s]);
    // Fold taggers may have tag indices of their own: map through the tag names below.
    for (size_t s = f; s < train.size(); s += folds) {
      for (int& t : predicted[s]) {
        t = static_cast<int>(
            nlp::HashString(fold_tagger.tags().upos[t] + "\t" + fold_tagger.tags().xpos[t]) &
            0x7fffffff);
      }
    }
    log << "jackknife fold " << f + 1 << "/" << folds << " (" << Seconds(start) << " s)\n";
  }
  models.tagger = nlp::TrainTagger(tagged, to);
  if (folds <= 1) {  // no jackknifing: the parser trains on the final tagger's (optimistic) tags
    for (size_t s = 0; s < train.size(); ++s) {
      predicted[s] = models.tagger.Tag(atoms[s]);
      for (int& t : predicted[s]) {
        t = static_cast<int>(
            nlp::HashString(models.tagger.tags().upos[t] + "\t" + models.tagger.tags().xpos[t]) &
            0x7fffffff);
      }
    }
  }
  const nlp::TagSet& tag_set = models.tagger.tags();
  std::map<int, int> tag_by_hash;
  for (int t = 0; t < tag_set.size(); ++t) {
    tag_by_hash[static_cast<int>(nlp::HashString(tag_set.upos[t] + "\t" + tag_set.xpos[t]) &
                                 0x7fffffff)] = t;
  }
  log << "tagger: " << models.tagger.num_features() << " features, " << tag_set.size() << " tags ("
      << Seconds(start) << " s)\n";

  models.lemmatizer = nlp::Lemmatizer(config.language);
  for (const ParsedSentence& s : train) {
    for (const Word& w : s.words) models.lemmatizer.Observe(w.form, w.upos, w.lemma);
  }
  models.lemmatizer.Finish();

  nlp::ParserTrainOptions po;
  po.iterations = static_cast<int>(params.Number("parser_iterations", 10));
  po.explore_from = static_cast<int>(params.Number("parser_explore_from", 2));
  po.explore_prob = params.Number("parser_explore_prob", 0.9);
  po.prune = static_cast<float>(params.Number("parser_prune", 0));
  po.label_prune = static_cast<float>(params.Number("parser_label_prune", po.prune));
  po.label_groups = static_cast<int>(params.Number("parser_label_groups", 3));
  po.seed = seed;
  std::vector<nlp::ParserExample> examples;
  size_t skipped = 0;
  for (size_t s = 0; s < train.size(); ++s) {
    bool ok = true;
    for (const Word& w : train[s].words) ok = ok && w.head >= 0;
    if (!ok) {
      ++skipped;
      continue;
    }
    nlp::ParserExample ex;
    ex.input.atoms = &atoms[s];
    for (size_t i = 0; i < train[s].words.size(); ++i) {
      auto it = tag_by_hash.find(predicted[s][i]);
      int tag = it == tag_by_hash.end() ? 0 : it->second;
      ex.input.tags.push_back(tag);
      ex.input.upos.push_back(nlp::HashString(tag_set.upos[tag]));
      ex.heads.push_back(train[s].words[i].head);
      ex.labels.push_back(train[s].words[i].deprel);
    }
    examples.push_back(std::move(ex));
  }
  models.parser = nlp::TrainParser(examples, po);
  log << "parser: " << models.parser.num_features() << " features, "
      << models.parser.labels().size() << " labels, " << skipped << " sentences skipped ("
      << Seconds(start) << " s)\n";

  info << "; tagger " << models.tagger.num_features() << " features; parser "
       << models.parser.num_features() << " features";
  models.info = info.str();
  std::string path = config.out_dir + "/" + config.language + ".dyadnlp";
  models.Save(path);
  log << "wrote " << path << " (" << Seconds(start) << " s)\n";

  if (!config.dev_files.empty()) {
    NlpPipeline pipeline = NlpPipeline::LoadFile(config.language, path);
    for (const std::string& file : config.dev_files) {
      std::vector<ParsedSentence> dev = ReadTreebank(file, config.language);
      log << file << ": " << FormatScores(EvaluateTreebank(pipeline, config.language, dev, false))
          << "\n";
    }
  }
}

}  // namespace dyad
