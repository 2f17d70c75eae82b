#include "dyad/io/conllu.h"

#include <charconv>

#include "dyad/core/error.h"

namespace dyad {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      break;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  return fields;
}

bool ParseInt(std::string_view text, int* value) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string Field(std::string_view f) { return f == "_" ? std::string() : std::string(f); }

// Whether comment `c` (after "# ") is the sentence text, "text = ..."; the value goes to *value.
// Treebanks differ in the spaces around '=' (VTB writes "text =Tôi ..."), so any are accepted;
// "text_en = ..." (a translation) is not the text.
bool TextComment(std::string_view c, std::string_view* value) {
  if (c.substr(0, 4) != "text") return false;
  size_t eq = c.find_first_not_of(" \t", 4);
  if (eq == std::string_view::npos || c[eq] != '=') return false;
  size_t start = c.find_first_not_of(" \t", eq + 1);
  *value = start == std::string_view::npos ? std::string_view() : c.substr(start);
  return true;
}

// Rebuilds the sentence text from its surface tokens when no "# text" comment gives it.
std::string JoinForms(const ParsedSentence& s) {
  std::string text;
  size_t mwt = 0;
  for (size_t i = 0; i < s.words.size(); ++i) {
    int id = static_cast<int>(i) + 1;
    std::string_view form = s.words[i].form;
    std::string_view misc = s.words[i].misc;
    if (mwt < s.multiword_tokens.size() && s.multiword_tokens[mwt].first == id) {
      form = s.multiword_tokens[mwt].form;
      misc = s.multiword_tokens[mwt].misc;
      i = s.multiword_tokens[mwt].last - 1;
      ++mwt;
    }
    text += form;
    if (misc.find("SpaceAfter=No") == std::string_view::npos && i + 1 < s.words.size()) text += ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

class ConlluParser {
 public:
  ConlluParser(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {}

  // Returns false at end of input. On a malformed row throws InputError after skipping to the end
  // of the sentence, so the caller may continue with the next one.
  bool Next(ParsedSentence* out) {
    *out = ParsedSentence();
    bool have_text = false;
    bool any = false;
    std::string error;
    while (pos_ < text_.size()) {
      size_t nl = text_.find('\n', pos_);
      std::string_view line =
          text_.substr(pos_, nl == std::string_view::npos ? std::string_view::npos : nl - pos_);
      pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) {
        if (any) break;
        continue;
      }
      any = true;
      if (!error.empty()) continue;  // skip the rest of a broken sentence
      if (line[0] == '#') {
        std::string_view c = line.substr(1);
        if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
        std::string_view value;
        if (TextComment(c, &value)) {
          out->text = std::string(value);
          have_text = true;
        }
        out->comments.emplace_back(c);
        continue;
      }
      std::vector<std::string_view> f = SplitTabs(line);
      std::string where = origin_ + ":" + std::to_string(line_no_);
      if (f.size() != 10) {
        error = where + ": expected 10 tab-separated CoNLL-U columns, found " +
                std::to_string(f.size());
        continue;
      }
      std::string_view id = f[0];
      if (id.find('.') != std::string_view::npos) continue;  // empty node
      size_t dash = id.find('-');
      if (dash != std::string_view::npos) {
        MultiwordToken m;
        if (!ParseInt(id.substr(0, dash), &m.first) || !ParseInt(id.substr(dash + 1), &m.last) ||
            m.last < m.first) {
          error = where + ": bad multiword token range '" + std::string(id) + "'";
          continue;
        }
        m.form = std::string(f[1]);
        m.misc = Field(f[9]);
        out->multiword_tokens.push_back(std::move(m));
        continue;
      }
      int n = 0;
      if (!ParseInt(id, &n) || n != static_cast<int>(out->words.size()) + 1) {
        error = where + ": word id '" + std::string(id) + "' out of sequence (expected " +
                std::to_string(out->words.size() + 1) + ")";
        continue;
      }
      Word w;
      w.form = std::string(f[1]);
      w.lemma = Field(f[2]);
      w.upos = Field(f[3]);
      w.xpos = Field(f[4]);
      w.feats = Field(f[5]);
      if (f[6] == "_") {
        w.head = -1;
      } else if (!ParseInt(f[6], &w.head) || w.head < 0) {
        error = where + ": head '" + std::string(f[6]) + "' is not a number";
        continue;
      }
      w.deprel = Field(f[7]);
      w.misc = Field(f[9]);
      out->words.push_back(std::move(w));
    }
    if (!any) return false;
    if (error.empty()) {
      for (size_t i = 0; i < out->words.size(); ++i) {
        if (out->words[i].head > static_cast<int>(out->words.size())) {
          error = origin_ + ":" + std::to_string(line_no_) + ": word " + std::to_string(i + 1) +
                  " has head " + std::to_string(out->words[i].head) + " beyond the sentence";
          break;
        }
      }
    }
    if (!error.empty()) throw InputError("", error);
    if (out->words.empty()) {
      throw InputError(origin_ + ":" + std::to_string(line_no_), "sentence has no word rows");
    }
    if (!have_text) out->text = JoinForms(*out);
    return true;
  }

 private:
  std::string_view text_;
  const std::string& origin_;
  size_t pos_ = 0;
  int line_no_ = 0;
};

}  // namespace

std::vector<ParsedSentence> ParseConllu(std::string_view text, const std::string& origin) {
  ConlluParser parser(text, origin);
  std::vector<ParsedSentence> sentences;
  ParsedSentence s;
  while (parser.Next(&s)) sentences.push_back(std::move(s));
  return sentences;
}

std::vector<ParsedSentence> ParseConlluLenient(std::string_view text, const std::string& origin,
                                               std::vector<std::string>* errors) {
  ConlluParser parser(text, origin);
  std::vector<ParsedSentence> sentences;
  while (true) {
    ParsedSentence s;
    try {
      if (!parser.Next(&s)) break;
      sentences.push_back(std::move(s));
    } catch (const InputError& e) {
      errors->push_back(e.what());
    }
  }
  return sentences;
}

std::string WriteConllu(const ParsedSentence& sentence) {
  std::string out;
  bool wrote_text = false;
  for (const std::string& c : sentence.comments) {
    std::string_view value;
    if (TextComment(c, &value)) wrote_text = true;
    out += "# " + c + "\n";
  }
  if (!wrote_text && !sentence.text.empty()) out += "# text = " + sentence.text + "\n";
  auto col = [](const std::string& s) { return s.empty() ? std::string("_") : s; };
  size_t mwt = 0;
  for (size_t i = 0; i < sentence.words.size(); ++i) {
    int id = static_cast<int>(i) + 1;
    while (mwt < sentence.multiword_tokens.size() && sentence.multiword_tokens[mwt].first == id) {
      const MultiwordToken& m = sentence.multiword_tokens[mwt++];
      out += std::to_string(m.first) + "-" + std::to_string(m.last) + "\t" + m.form +
             "\t_\t_\t_\t_\t_\t_\t_\t" + col(m.misc) + "\n";
    }
    const Word& w = sentence.words[i];
    out += std::to_string(id) + "\t" + col(w.form) + "\t" + col(w.lemma) + "\t" + col(w.upos) +
           "\t" + col(w.xpos) + "\t" + col(w.feats) + "\t" +
           (w.head < 0 ? std::string("_") : std::to_string(w.head)) + "\t" + col(w.deprel) +
           "\t_\t" + col(w.misc) + "\n";
  }
  out += "\n";
  return out;
}

}  // namespace dyad
