#include "dyad/io/readers.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "dyad/core/error.h"
#include "dyad/io/conllu.h"
#include "dyad/io/penn.h"
#include "dyad/text/normalize.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int LineOfOffset(std::string_view content, size_t offset) {
  offset = std::min(offset, content.size());
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + offset, '\n'));
}

void Report(const ProblemSink& problems, InputProblem::Severity severity, std::string message) {
  problems(InputProblem{severity, std::move(message)});
}

// Rejects content that is not text: NUL bytes or a high share of control characters.
bool LooksBinary(std::string_view content, size_t* where) {
  size_t controls = 0;
  size_t n = std::min<size_t>(content.size(), 64 * 1024);
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(content[i]);
    if (c == 0) {
      *where = i;
      return true;
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  *where = 0;
  return n > 0 && controls * 10 > n;
}

// NFC-normalises `text`, replacing invalid UTF-8 and warning with its position.
std::string CleanText(std::string_view text, const std::string& where_prefix, size_t base_offset,
                      std::string_view whole, const ProblemSink& problems) {
  size_t bad = std::string::npos;
  std::string out = NormalizeNfc(text, &bad);
  if (bad != std::string::npos) {
    size_t at = base_offset + bad;
    Report(problems, InputProblem::Severity::kWarning,
           where_prefix + ":" + std::to_string(LineOfOffset(whole, at)) +
               ": invalid UTF-8 at byte " + std::to_string(at) + "; replaced by U+FFFD");
  }
  if (out.size() >= 3 && out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);  // BOM
  return out;
}

// " date YYYY-MM-DD rest": a leading date header. Returns the number of bytes it occupies (header
// and the white space after it), 0 when there is none.
size_t DateHeader(std::string_view text, std::string* value) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.compare(i, 5, "date ") != 0 && text.compare(i, 5, "date\t") != 0) return 0;
  size_t v = i + 5;
  while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
  if (v >= text.size() || !std::isdigit(static_cast<unsigned char>(text[v]))) return 0;
  size_t e = v;
  while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e]))) ++e;
  *value = std::string(text.substr(v, e - v));
  while (e < text.size() && std::isspace(static_cast<unsigned char>(text[e]))) ++e;
  return e;
}

void ReadPlainText(std::string_view content, const std::string& origin, const ArticleSink& sink,
                   const ProblemSink& problems) {
  size_t binary_at = 0;
  if (LooksBinary(content, &binary_at)) {
    Report(problems, InputProblem::Severity::kError,
           origin + ": byte " + std::to_string(binary_at) +
               ": binary data, not a text article (skipped)");
    return;
  }
  Article a;
  a.id = ArticleIdFromPath(origin);
  a.origin = origin;
  std::string text = CleanText(content, origin, 0, content, problems);
  std::string date;
  size_t header = DateHeader(text, &date);
  if (header > 0) {
    a.date = Date::Parse(date);
    if (!a.date) {
      Report(problems, InputProblem::Severity::kWarning,
             origin + ":1: unknown date '" + date +
                 "' (expected YYYY-MM-DD); the article is coded with no date");
    }
    text.erase(0, header);
  }
  if (Trim(text).empty()) {
    Report(problems, InputProblem::Severity::kError, origin + ": empty article (no text)");
    return;
  }
  a.text = std::move(text);
  sink(std::move(a));
}

std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  throw InputError("", std::string("field \"") + key + "\" must be a string");
}

void ReadJsonl(std::string_view content, const std::string& origin, const ArticleSink& sink,
               const ProblemSink& problems) {
  size_t pos = 0;
  int line_no = 0;
  bool any = false;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view raw = content.substr(pos, end - pos);
    size_t line_start = pos;
    pos = end + 1;
    ++line_no;
    if (Trim(raw).empty()) continue;
    any = true;
    std::string where = origin + ":" + std::to_string(line_no);
    std::string line = CleanText(raw, origin, line_start, content, problems);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      std::string what = e.what();
      size_t close = what.find("] ");
      if (close != std::string::npos) what = what.substr(close + 2);
      Report(problems, InputProblem::Severity::kError,
             where + ": malformed JSON (" + what + "); line skipped");
      continue;
    }
    try {
      if (!j.is_object()) throw InputError("", "expected a JSON object per line");
      Article a;
      a.id = JsonString(j, "id");
      if (a.id.empty()) throw InputError("", "missing required field \"id\"");
      if (!j.contains("text") || !j["text"].is_string())
        throw InputError("", "missing required string field \"text\"");
      a.text = NormalizeNfc(j["text"].get<std::string>());
      if (Trim(a.text).empty()) throw InputError("", "field \"text\" is empty");
      std::string date = JsonString(j, "date");
      if (!date.empty()) {
        a.date = Date::Parse(date);
        if (!a.date)
          Report(problems, InputProblem::Severity::kWarning,
                 where + ": unknown date '" + date +
                     "' (expected YYYY-MM-DD); the article is coded with no date");
      }
      a.language = JsonString(j, "language");
      a.title = NormalizeNfc(JsonString(j, "title"));
      a.url = JsonString(j, "url");
      a.origin = where;
      sink(std::move(a));
    } catch (const InputError& e) {
      Report(problems, InputProblem::Severity::kError, where + ": " + e.what() + "; line skipped");
    }
  }
  if (!any)
    Report(problems, InputProblem::Severity::kError, origin + ": empty input (no JSON lines)");
}

bool LooksLikeConllu(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty()) return false;
  size_t nl = t.find('\n');
  std::string_view first = t.substr(0, nl);
  if (first.size() > 0 && first[0] == '#') return true;
  return std::count(first.begin(), first.end(), '\t') == 9 &&
         std::isdigit(static_cast<unsigned char>(first[0]));
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : Trim(s)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void ReadEnvironment(const pugi::xml_node& env, PetrarchEnvironment* out) {
  if (!out || !env) return;
  out->present = true;
  out->verb_file = CollapseSpaces(env.child_value("Verbfile"));
  std::string actors = env.child_value("Actorfile");
  std::stringstream ss(actors);
  std::string item;
  while (std::getline(ss, item, ',')) {
    std::string f = CollapseSpaces(item);
    if (!f.empty()) out->actor_files.push_back(f);
  }
  out->agent_file = CollapseSpaces(env.child_value("Agentfile"));
  out->discard_file = CollapseSpaces(env.child_value("Discardfile"));
  out->issue_file = CollapseSpaces(env.child_value("Issuefile"));
  out->pico_file = CollapseSpaces(env.child_value("PICOfile"));
  std::stringstream inc(env.child_value("Include"));
  while (inc >> item) out->include.push_back(item);
}

// Keeps the given parses of a record, each aligned with the record's text (which it follows in
// order); sentences whose words cannot all be found keep the whole text.
void AddGivenParses(std::vector<ParsedSentence> parses, bool penn, Article* a) {
  uint32_t offset = 0;
  for (ParsedSentence& ps : parses) {
    if (penn) {
      offset = AlignPennWords(a->text, offset, &ps);
    } else {
      AlignWordsToText(a->text, offset, &ps);
      if (ps.has_spans && !ps.words.empty()) offset = ps.words.back().span.end;
    }
    ps.text = ps.has_spans ? a->text.substr(ps.words.front().span.begin,
                                            ps.words.back().span.end - ps.words.front().span.begin)
                           : a->text;
    a->given_parses.push_back(std::move(ps));
  }
}

// One <Sentence> record. `line` is the record's first line in the file, for messages; `content`
// is the file and `base` the offset in it of the buffer `s` was parsed from (offsets of the
// record's nodes count from there).
void ReadSentenceRecord(const pugi::xml_node& s, const std::string& origin, int line,
                        std::string_view content, size_t base, const ArticleSink& sink,
                        const ProblemSink& problems) {
  std::string where = origin + ":" + std::to_string(line);
  Article a;
  a.id = s.attribute("id").as_string();
  if (a.id.empty()) {
    Report(problems, InputProblem::Severity::kError,
           where + ": <Sentence> without an id attribute; record skipped");
    return;
  }
  a.origin = where;
  a.category = s.attribute("category").as_string(s.attribute("source").as_string());
  std::string date = s.attribute("date").as_string();
  if (!date.empty()) {
    a.date = Date::Parse(date);
    if (!a.date)
      Report(
          problems, InputProblem::Severity::kWarning,
          where + ": unknown date '" + date + "' (expected YYYYMMDD); record coded with no date");
  }
  a.text = NormalizeNfc(CollapseSpaces(s.child_value("Text")));
  if (a.text.empty()) {
    Report(problems, InputProblem::Severity::kError,
           where + ": record '" + a.id + "' has no <Text>; skipped");
    return;
  }
  for (pugi::xml_node ev : s.children("EventCoding")) {
    GoldEvent g;
    for (pugi::xml_attribute at : ev.attributes()) {
      std::string name = at.name();
      if (name == "sourcecode")
        g.source = at.value();
      else if (name == "targetcode")
        g.target = at.value();
      else if (name == "eventcode")
        g.code = at.value();
      else
        g.attributes.emplace_back(name, at.value());
    }
    a.gold.push_back(std::move(g));
  }
  std::string parse = s.child_value("Parse");
  std::string_view p = Trim(parse);
  if (!p.empty()) {
    if (p.front() == '(') {
      // A Penn-bracketed constituency tree (Stanford CoreNLP's, as PETRARCH's records carry):
      // converted to a dependency parse. Errors name the tree's own lines in the file.
      pugi::xml_node text_node = s.child("Parse").first_child();
      size_t at = base + static_cast<size_t>(std::max<ptrdiff_t>(0, text_node.offset_debug())) +
                  static_cast<size_t>(p.data() - parse.data());
      PennSource source{origin, LineOfOffset(content, at)};
      try {
        AddGivenParses(PennTreesToDependencies(NormalizeNfc(p), source), true, &a);
      } catch (const InputError& e) {
        Report(problems, InputProblem::Severity::kWarning,
               std::string(e.what()) + " (record '" + a.id +
                   "'); the record's text is parsed by dyad instead");
      }
    } else if (LooksLikeConllu(p)) {
      std::vector<std::string> errors;
      auto parses = ParseConlluLenient(p, where + " <Parse>", &errors);
      for (const std::string& e : errors)
        Report(problems, InputProblem::Severity::kWarning,
               e + "; the record's text is parsed by dyad instead");
      if (errors.empty()) AddGivenParses(std::move(parses), false, &a);
    } else {
      Report(problems, InputProblem::Severity::kWarning,
             where + ": <Parse> is neither CoNLL-U nor a Penn tree; the text is parsed by dyad");
    }
  }
  sink(std::move(a));
}

// Adds the missing '/' to <Name ...> start tags of elements that are meant to be empty: those not
// followed by their own end tag before the next tag.
static std::string CloseEmptyElements(std::string_view xml,
                                      std::initializer_list<std::string_view> names) {
  std::string out;
  out.reserve(xml.size() + 16);
  size_t pos = 0;
  while (pos < xml.size()) {
    size_t lt = xml.find('<', pos);
    if (lt == std::string_view::npos) break;
    size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string_view tag = xml.substr(lt + 1, gt - lt - 1);
    bool fix = false;
    for (std::string_view n : names) {
      if (tag.substr(0, n.size()) != n) continue;
      if (tag.size() > n.size() && !std::isspace(static_cast<unsigned char>(tag[n.size()])))
        continue;
      if (!tag.empty() && tag.back() == '/') continue;
      size_t next = xml.find('<', gt);
      std::string close = "</" + std::string(n);
      fix = next == std::string_view::npos || xml.substr(next, close.size()) != close;
    }
    out.append(xml.substr(pos, gt - pos));
    if (fix) out += '/';
    out += '>';
    pos = gt + 1;
  }
  out.append(xml.substr(pos));
  return out;
}

void ReadPetrarchXml(std::string_view content, const std::string& origin, const ArticleSink& sink,
                     const ProblemSink& problems, PetrarchEnvironment* environment) {
  pugi::xml_document doc;
  pugi::xml_parse_result ok =
      doc.load_buffer(content.data(), content.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                      pugi::encoding_utf8);
  if (ok) {
    pugi::xml_node root = doc.document_element();
    ReadEnvironment(root.child("Environment"), environment);
    pugi::xml_node sentences =
        root.name() == std::string("Sentences") ? root : root.child("Sentences");
    if (!sentences) {
      Report(problems, InputProblem::Severity::kError,
             origin + ": no <Sentences> element; not a PETRARCH XML file");
      return;
    }
    int count = 0;
    for (pugi::xml_node s : sentences.children("Sentence")) {
      ++count;
      int line = LineOfOffset(content, static_cast<size_t>(s.offset_debug()));
      ReadSentenceRecord(s, origin, line, content, 0, sink, problems);
    }
    if (count == 0)
      Report(problems, InputProblem::Severity::kError, origin + ": no <Sentence> records");
    return;
  }
  size_t at = static_cast<size_t>(ok.offset);
  Report(problems, InputProblem::Severity::kError,
         origin + ":" + std::to_string(LineOfOffset(content, at)) + ": malformed XML (" +
             ok.description() + " at byte " + std::to_string(at) +
             "); reading the well-formed <Sentence> records one by one");
  // Recovery: parse the <Environment> and each <Sentence ...>...</Sentence> chunk on its own so
  // one broken record does not lose the others.
  if (size_t eb = content.find("<Environment"); eb != std::string_view::npos) {
    size_t ee = content.find("</Environment>", eb);
    if (ee != std::string_view::npos) {
      ee += std::string_view("</Environment>").size();
      pugi::xml_document env;
      if (env.load_buffer(content.data() + eb, ee - eb, pugi::parse_default, pugi::encoding_utf8)) {
        ReadEnvironment(env.document_element(), environment);
      } else {
        Report(problems, InputProblem::Severity::kError,
               origin + ":" + std::to_string(LineOfOffset(content, eb)) +
                   ": malformed <Environment>; its dictionaries are not known");
      }
    }
  }
  size_t pos = 0;
  while (true) {
    size_t b = content.find("<Sentence ", pos);
    if (b == std::string_view::npos) b = content.find("<Sentence>", pos);
    if (b == std::string_view::npos) break;
    size_t e = content.find("</Sentence>", b);
    size_t next_b = content.find("<Sentence", b + 9);
    if (e == std::string_view::npos || (next_b != std::string_view::npos && next_b < e)) {
      Report(problems, InputProblem::Severity::kError,
             origin + ":" + std::to_string(LineOfOffset(content, b)) +
                 ": <Sentence> record is not closed; skipped");
      if (next_b == std::string_view::npos) break;
      pos = next_b;
      continue;
    }
    e += std::string_view("</Sentence>").size();
    pugi::xml_document chunk;
    pugi::xml_parse_result r =
        chunk.load_buffer(content.data() + b, e - b, pugi::parse_default | pugi::parse_ws_pcdata,
                          pugi::encoding_utf8);
    int line = LineOfOffset(content, b);
    std::string repaired;
    if (!r) {
      // A common defect of hand-edited validation files: <EventCoding ...> written without the
      // closing slash. Read such a record with its empty elements closed, and say so.
      repaired = CloseEmptyElements(content.substr(b, e - b), {"EventCoding", "Config"});
      if (repaired.size() != e - b) {
        pugi::xml_parse_result again =
            chunk.load_buffer(repaired.data(), repaired.size(),
                              pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
        if (again) {
          Report(problems, InputProblem::Severity::kWarning,
                 origin + ":" + std::to_string(line) +
                     ": <EventCoding> without its closing '/'; read as an empty element");
          r = again;
        }
      }
    }
    if (r) {
      ReadSentenceRecord(chunk.document_element(), origin, line, content, b, sink, problems);
    } else {
      Report(problems, InputProblem::Severity::kError,
             origin + ":" + std::to_string(LineOfOffset(content, b + r.offset)) +
                 ": malformed <Sentence> record (" + r.description() + "); skipped");
    }
    pos = e;
  }
}

void ReadConlluArticles(std::string_view content, const std::string& origin,
                        const ArticleSink& sink, const ProblemSink& problems) {
  std::vector<std::string> errors;
  std::vector<ParsedSentence> sentences = ParseConlluLenient(content, origin, &errors);
  for (const std::string& e : errors)
    Report(problems, InputProblem::Severity::kError, e + "; sentence skipped");
  if (sentences.empty()) {
    if (errors.empty())
      Report(problems, InputProblem::Severity::kError, origin + ": empty CoNLL-U input");
    return;
  }
  // "# newdoc id = X" starts a new article; without it the file is one article.
  Article current;
  auto flush = [&] {
    if (current.given_parses.empty()) return;
    sink(std::move(current));
    current = Article();
  };
  for (ParsedSentence& s : sentences) {
    for (const std::string& c : s.comments) {
      if (c.rfind("newdoc", 0) == 0) {
        flush();
        size_t eq = c.find('=');
        if (eq != std::string::npos)
          current.id = std::string(Trim(std::string_view(c).substr(eq + 1)));
      }
    }
    if (current.id.empty()) current.id = ArticleIdFromPath(origin);
    current.origin = origin;
    if (!current.text.empty()) current.text += '\n';
    uint32_t offset = static_cast<uint32_t>(current.text.size());
    s.text = NormalizeNfc(s.text);
    current.text += s.text;
    AlignWordsToText(current.text, offset, &s);
    current.given_parses.push_back(std::move(s));
  }
  flush();
}

}  // namespace

InputFormat ParseInputFormat(std::string_view name) {
  std::string n = Lower(name);
  if (n == "auto") return InputFormat::kAuto;
  if (n == "text" || n == "txt") return InputFormat::kText;
  if (n == "jsonl" || n == "json") return InputFormat::kJsonl;
  if (n == "xml" || n == "petrarch") return InputFormat::kPetrarchXml;
  if (n == "conllu" || n == "conll") return InputFormat::kConllu;
  throw Error("unknown input format '" + std::string(name) +
              "' (use auto, text, jsonl, xml or conllu)");
}

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kText:
      return "text";
    case InputFormat::kJsonl:
      return "jsonl";
    case InputFormat::kPetrarchXml:
      return "xml";
    case InputFormat::kConllu:
      return "conllu";
  }
  return "auto";
}

InputFormat FormatFromExtension(std::string_view path) {
  std::string ext = Lower(fs::path(std::string(path)).extension().string());
  if (ext == ".txt" || ext == ".text") return InputFormat::kText;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonl;
  if (ext == ".xml") return InputFormat::kPetrarchXml;
  if (ext == ".conllu" || ext == ".conll") return InputFormat::kConllu;
  return InputFormat::kAuto;
}

InputFormat SniffFormat(std::string_view content) {
  std::string_view t = Trim(content.substr(0, 4096));
  if (t.size() >= 3 && t.compare(0, 3, "\xEF\xBB\xBF") == 0) t.remove_prefix(3);
  if (t.empty()) return InputFormat::kText;
  if (t.front() == '{') return InputFormat::kJsonl;
  if (t.front() == '<') return InputFormat::kPetrarchXml;
  if (LooksLikeConllu(t)) {
    // A '#' line alone is not enough: require a 10-column row among the first lines.
    size_t tab_row = t.find("\t");
    if (tab_row != std::string_view::npos) {
      size_t line_start = t.rfind('\n', tab_row);
      std::string_view line = t.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
      line = line.substr(0, line.find('\n'));
      if (std::count(line.begin(), line.end(), '\t') == 9) return InputFormat::kConllu;
    }
  }
  return InputFormat::kText;
}

std::string ArticleIdFromPath(std::string_view path) {
  if (path == "<stdin>" || path == "-") return "stdin";
  return fs::path(std::string(path)).stem().string();
}

void AlignWordsToText(std::string_view text, uint32_t offset, ParsedSentence* parse) {
  size_t pos = offset;
  bool all = true;
  for (size_t i = 0; i < parse->words.size(); ++i) {
    Word& w = parse->words[i];
    std::string_view form = w.form;
    // Words inside a multiword token ("do" + "n't" of "don't") take the token's span.
    const MultiwordToken* mwt = nullptr;
    for (const MultiwordToken& m : parse->multiword_tokens)
      if (static_cast<int>(i) + 1 >= m.first && static_cast<int>(i) + 1 <= m.last) mwt = &m;
    if (mwt) form = mwt->form;
    size_t found = form.empty() ? std::string_view::npos : text.find(form, pos);
    // Only accept a match close by (skipping white space), so a missing word cannot jump ahead.
    if (found != std::string_view::npos && found - pos <= 8 + form.size()) {
      w.span = {static_cast<uint32_t>(found), static_cast<uint32_t>(found + form.size())};
      if (!mwt || static_cast<int>(i) + 1 == mwt->last) pos = found + form.size();
    } else {
      all = false;
    }
  }
  parse->has_spans = all && !parse->words.empty();
}

void ReadContent(std::string_view content, const std::string& origin, const ReadOptions& options,
                 const ArticleSink& outer_sink, const ProblemSink& problems) {
  InputFormat format = options.format;
  PetrarchEnvironment* environment = options.environment;
  if (format == InputFormat::kAuto) format = SniffFormat(content);
  const size_t limit = options.max_article_bytes;
  ArticleSink sink = [&](Article&& a) {
    if (limit > 0 && a.text.size() > limit) {
      Report(problems, InputProblem::Severity::kError,
             (a.origin.empty() ? origin : a.origin) + ": article '" + a.id + "' has " +
                 std::to_string(a.text.size()) + " bytes of text, over the limit of " +
                 std::to_string(limit) + " (raise it with --max-article-bytes); skipped");
      return;
    }
    outer_sink(std::move(a));
  };
  if (format != InputFormat::kText && Trim(content).empty()) {
    Report(problems, InputProblem::Severity::kError, origin + ": empty input");
    return;
  }
  switch (format) {
    case InputFormat::kText:
    case InputFormat::kAuto:
      ReadPlainText(content, origin, sink, problems);
      break;
    case InputFormat::kJsonl:
      ReadJsonl(content, origin, sink, problems);
      break;
    case InputFormat::kPetrarchXml:
      ReadPetrarchXml(content, origin, sink, problems, environment);
      break;
    case InputFormat::kConllu:
      ReadConlluArticles(content, origin, sink, problems);
      break;
  }
}

std::vector<std::string> ListInputFiles(const std::string& path, const ProblemSink& problems) {
  std::vector<std::string> files;
  if (path == "-") return {"-"};
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    Report(problems, InputProblem::Severity::kError, path + ": no such file or directory");
    return files;
  }
  if (fs::is_directory(st)) {
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      if (FormatFromExtension(name) == InputFormat::kAuto) continue;
      files.push_back(it->path().string());
    }
    if (ec) Report(problems, InputProblem::Severity::kError, path + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty())
      Report(problems, InputProblem::Severity::kError,
             path + ": directory holds no .txt, .jsonl, .xml or .conllu files");
    return files;
  }
  files.push_back(path);
  return files;
}

void ReadPath(const std::string& path, const ReadOptions& options, const ArticleSink& sink,
              const ProblemSink& problems) {
  for (const std::string& file : ListInputFiles(path, problems)) {
    std::string content;
    std::string origin = file;
    if (file == "-") {
      origin = "<stdin>";
      content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        Report(problems, InputProblem::Severity::kError, file + ": cannot open for reading");
        continue;
      }
      content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      if (in.bad()) {
        Report(problems, InputProblem::Severity::kError, file + ": read error");
        continue;
      }
    }
    ReadOptions file_options = options;
    if (file_options.format == InputFormat::kAuto && file != "-")
      file_options.format = FormatFromExtension(file);
    ReadContent(content, origin, file_options, sink, problems);
  }
}

}  // namespace dyad
