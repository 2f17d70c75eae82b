// `dyad eval`: CoNLL 2018 shared task style scores (words aligned by character spans).
#include <cstdio>

#include "dyad/nlp/train.h"
#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The universal part of a relation ("nmod:poss" -> "nmod"), as the CoNLL 2018 evaluator compares.
std::string_view Universal(std::string_view deprel) { return deprel.substr(0, deprel.find(':')); }

struct Counts {
  size_t gold = 0, system = 0, words = 0, upos = 0, uas = 0, las = 0;
};

// Scores system words against gold words, both given as character ranges in the whitespace-free
// sentence text.
void Align(const std::vector<Word>& gold, const std::vector<Span>& gold_spans,
           const std::vector<Word>& system, const std::vector<Span>& system_spans, Counts* c) {
  c->gold += gold.size();
  c->system += system.size();
  std::vector<int> gold_to_system(gold.size(), -1), system_to_gold(system.size(), -1);
  size_t g = 0, s = 0;
  while (g < gold.size() && s < system.size()) {
    const Span& a = gold_spans[g];
    const Span& b = system_spans[s];
    if (a == b) {
      gold_to_system[g] = static_cast<int>(s);
      system_to_gold[s] = static_cast<int>(g);
      ++g, ++s;
    } else if (a.begin < b.begin || (a.begin == b.begin && a.end < b.end)) {
      ++g;
    } else {
      ++s;
    }
  }
  for (size_t i = 0; i < gold.size(); ++i) {
    int j = gold_to_system[i];
    if (j < 0) continue;
    ++c->words;
    const Word& gw = gold[i];
    const Word& sw = system[j];
    if (gw.upos == sw.upos) ++c->upos;
    bool head_ok = (gw.head == 0 && sw.head == 0) ||
                   (gw.head > 0 && sw.head > 0 && system_to_gold[sw.head - 1] == gw.head - 1);
    if (head_ok) {
      ++c->uas;
      if (Universal(gw.deprel) == Universal(sw.deprel)) ++c->las;
    }
  }
}

// Character ranges (bytes, whitespace removed) of gold words; words of a multiword token share its
// range.
std::vector<Span> GoldSpans(const ParsedSentence& s) {
  std::vector<Span> spans(s.words.size());
  uint32_t pos = 0;
  size_t mwt = 0;
  for (size_t i = 0; i < s.words.size(); ++i) {
    std::string_view form = s.words[i].form;
    size_t last = i;
    if (mwt < s.multiword_tokens.size() &&
        s.multiword_tokens[mwt].first == static_cast<int>(i) + 1) {
      form = s.multiword_tokens[mwt].form;
      last = s.multiword_tokens[mwt].last - 1;
      ++mwt;
    }
    uint32_t len = 0;
    for (char ch : form) len += !IsSpace(ch);
    for (size_t k = i; k <= last && k < s.words.size(); ++k) spans[k] = Span{pos, pos + len};
    pos += len;
    i = last;
  }
  return spans;
}

// Maps byte spans in `text` to ranges in the whitespace-free text.
std::vector<Span> StrippedSpans(std::string_view text, const std::vector<Word>& words) {
  std::vector<uint32_t> stripped(text.size() + 1, 0);
  for (size_t i = 0; i < text.size(); ++i) stripped[i + 1] = stripped[i] + !IsSpace(text[i]);
  std::vector<Span> spans;
  for (const Word& w : words) {
    uint32_t b = std::min<uint32_t>(w.span.begin, text.size());
    uint32_t e = std::min<uint32_t>(w.span.end, text.size());
    spans.push_back(Span{stripped[b], stripped[e]});
  }
  return spans;
}

// Splits at white space: the gold syllables of a Vietnamese sentence whose words are joined by
// spaces.
std::vector<Token> WhitespaceTokens(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) {
      tokens.push_back(Token{Span{static_cast<uint32_t>(start), static_cast<uint32_t>(i)},
                             std::string(text.substr(start, i - start))});
    }
  }
  return tokens;
}

double F1(size_t correct, size_t gold, size_t system) {
  return gold + system ? 200.0 * correct / (gold + system) : 0.0;
}

}  // namespace

EvalScores EvaluateTreebank(const NlpPipeline& pipeline, const std::string& language,
                            const std::vector<ParsedSentence>& gold, bool from_raw,
                            std::vector<ParsedSentence>* predicted) {
  Counts tree, seg;
  for (const ParsedSentence& g : gold) {
    if (from_raw) {
      Sentence sentence;
      sentence.language = language;
      sentence.tokens = Tokenize(g.text, 0);
      ParsedSentence parsed = pipeline.Parse(sentence);
      Align(g.words, GoldSpans(g), parsed.words, StrippedSpans(g.text, parsed.words), &tree);
      if (predicted) {
        parsed.text = g.text;
        predicted->push_back(std::move(parsed));
      }
      continue;
    }
    std::vector<Word> words;
    for (const Word& w : g.words) {
      Word copy;
      copy.form = w.form;
      words.push_back(std::move(copy));
    }
    pipeline.Tag(language, &words);
    pipeline.ParseTagged(language, &words);
    std::vector<Span> spans = GoldSpans(g);
    Align(g.words, spans, words, spans, &tree);
    if (predicted) {
      ParsedSentence p;
      p.text = g.text;
      p.words = words;
      predicted->push_back(std::move(p));
    }
    if (language == "vi") {
      // The segmenter on the gold syllables: the gold words joined by single spaces.
      std::string text;
      for (const Word& w : g.words) text += (text.empty() ? "" : " ") + w.form;
      Sentence sentence;
      sentence.language = language;
      sentence.tokens = WhitespaceTokens(text);
      std::vector<Word> segmented = pipeline.Segment(sentence);
      for (Word& w : segmented) w.head = -1;
      ParsedSentence joined;
      joined.words = g.words;
      Align(g.words, GoldSpans(joined), segmented, StrippedSpans(text, segmented), &seg);
    }
  }
  EvalScores scores;
  scores.gold_words = tree.gold;
  scores.system_words = tree.system;
  scores.words_f1 = F1(tree.words, tree.gold, tree.system);
  scores.upos = F1(tree.upos, tree.gold, tree.system);
  scores.uas = F1(tree.uas, tree.gold, tree.system);
  scores.las = F1(tree.las, tree.gold, tree.system);
  if (from_raw) {
    scores.has_words = true;
  } else if (language == "vi") {
    scores.has_words = true;
    scores.words_f1 = F1(seg.words, seg.gold, seg.system);
  }

  return scores;
}

std::string FormatScores(const EvalScores& s) {
  char buffer[160];
  if (s.has_words) {
    std::snprintf(buffer, sizeof(buffer), "WORDS_F1 %.1f UPOS %.1f UAS %.1f LAS %.1f", s.words_f1,
                  s.upos, s.uas, s.las);
  } else {
    std::snprintf(buffer, sizeof(buffer), "UPOS %.1f UAS %.1f LAS %.1f", s.upos, s.uas, s.las);
  }
  return buffer;
}

}  // namespace dyad
