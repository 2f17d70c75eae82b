#include "dyad/dict/dictionary.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "dict/parse_util.h"
#include "dyad/core/error.h"
#include "dyad/ontology/ontology.h"
#include "dyad/text/normalize.h"

namespace dyad {
namespace dict_internal {

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    parts.emplace_back(Trim(
        s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + sep.size();
  }
  return parts;
}

std::string Fold(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return FoldForMatch(text);
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

void Report(DictionarySet* set, const std::string& path, int line, std::string message) {
  set->problems.push_back(DictProblem{path, line, std::move(message)});
}

namespace {

// The ontology, or nullptr when its tables cannot be loaded (then codes are only checked for form).
const Ontology* TryOntology() {
  static const Ontology* ontology = []() -> const Ontology* {
    try {
      return &Ontology::Default();
    } catch (const Error&) {
      return nullptr;
    }
  }();
  return ontology;
}

}  // namespace

std::string CheckEventCode(std::string_view code) {
  if (code == "---") return "";
  const Ontology* ontology = TryOntology();
  if (ontology == nullptr) {
    bool digits =
        code.size() >= 2 && code.size() <= 4 &&
        std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    return digits ? "" : "\"" + std::string(code) + "\" is not a CAMEO event code";
  }
  if (ontology->Find(code) == nullptr) {
    return "\"" + std::string(code) +
           "\" is not a CAMEO event code (see data/ontology/cameo_events.tsv)";
  }
  return "";
}

std::string CheckActorCode(std::string_view code) {
  const Ontology* ontology = TryOntology();
  if (ontology == nullptr) {
    bool ok = !code.empty() && code.size() % 3 == 0 &&
              std::all_of(code.begin(), code.end(),
                          [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
    return ok ? ""
              : "\"" + std::string(code) +
                    "\" is not an actor code (three-letter upper-case components)";
  }
  return ontology->CheckActorCode(code);
}

uint32_t AddFile(DictionarySet* set, const std::string& path) {
  set->files.push_back(DictFileStats{path});
  return static_cast<uint32_t>(set->files.size() - 1);
}

}  // namespace dict_internal

using dict_internal::Report;

bool IsWrittenInCapitals(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  int letters = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (u_islower(c)) return false;
    if (u_isUAlphabetic(c)) ++letters;
    i += U16_LENGTH(c);
  }
  return letters >= 2;
}

bool StartsWithCapital(std::string_view text) {
  size_t k = 0;  // ASCII up to the first letter needs no ICU
  for (; k < text.size() && static_cast<unsigned char>(text[k]) < 0x80; ++k) {
    if (text[k] >= 'A' && text[k] <= 'Z') return true;
    if (text[k] >= 'a' && text[k] <= 'z') return false;
  }
  if (k == text.size()) return false;
  text.remove_prefix(k);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (u_isUAlphabetic(c)) return u_isupper(c) || u_istitle(c);
    i += U16_LENGTH(c);
  }
  return false;
}

std::string DictProblem::ToString() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

std::string DictionarySet::Where(const DictSource& source) const {
  std::string path = source.file < files.size() ? files[source.file].path : "?";
  return path + ":" + std::to_string(source.line);
}

const ActorRole* ActorEntry::RoleOn(const Date& date) const {
  long day = date.DaysSinceEpoch();
  const ActorRole* best = nullptr;
  for (const ActorRole& role : roles) {
    if (role.Covers(day) && (best == nullptr || role.first_day >= best->first_day)) best = &role;
  }
  return best;
}

const std::string& ActorEntry::CodeOn(const Date& date) const {
  const ActorRole* role = RoleOn(date);
  return role != nullptr ? role->code : default_code;
}

int VerbPattern::Specificity() const {
  int n = 0;
  for (const PatternItem& item : items) {
    if (item.kind == PatternItem::Kind::kWord || item.kind == PatternItem::Kind::kSet) ++n;
  }
  return n;
}

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// True for a short word ending consonant-vowel-consonant whose final consonant doubles ("stop",
// "ban").
bool DoublesFinal(std::string_view w) {
  if (w.size() < 3 || w.size() > 4) return false;
  char last = w.back(), mid = w[w.size() - 2], before = w[w.size() - 3];
  if (!IsVowel(mid) || IsVowel(last) || IsVowel(before) || last == 'w' || last == 'x' ||
      last == 'y')
    return false;
  // Only one vowel in the word: "stop", "plan", "ban", but not "meet" or "visit".
  return std::count_if(w.begin(), w.end(), [](char c) { return IsVowel(c); }) == 1;
}

std::string ThirdPerson(const std::string& w) {
  auto ends = [&](std::string_view s) {
    return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") || ends("o")) return w + "es";
  if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2]))
    return w.substr(0, w.size() - 1) + "ies";
  return w + "s";
}

}  // namespace

std::vector<std::string> RegularVerbForms(std::string_view lemma) {
  std::string text(lemma);
  size_t space = text.find(' ');
  std::string head = text.substr(0, space);
  std::string rest = space == std::string::npos ? "" : text.substr(space);
  std::vector<std::string> forms;
  if (head.empty()) return forms;
  forms.push_back(ThirdPerson(head) + rest);
  std::string past, ing;
  if (head.back() == 'e') {
    past = head + "d";
    ing = (head.size() > 2 && head.compare(head.size() - 2, 2, "ie") == 0)
              ? head.substr(0, head.size() - 2) + "ying"
          : (head.size() > 2 && head[head.size() - 2] == 'e')
              ? head + "ing"
              : head.substr(0, head.size() - 1) + "ing";
  } else if (head.size() > 1 && head.back() == 'y' && !IsVowel(head[head.size() - 2])) {
    past = head.substr(0, head.size() - 1) + "ied";
    ing = head + "ing";
  } else if (DoublesFinal(head)) {
    past = head + head.back() + "ed";
    ing = head + head.back() + "ing";
  } else {
    past = head + "ed";
    ing = head + "ing";
  }
  forms.push_back(past + rest);
  forms.push_back(ing + rest);
  // Longer verbs double a final consonant when the last syllable is stressed ("expel" ->
  // "expelled", "commit" -> "committed") and British spelling doubles a final l ("cancelled").
  // Stress cannot be read from spelling, so both spellings are listed; the unused one never
  // occurs in text.
  size_t n = head.size();
  if (!DoublesFinal(head) && n >= 4 && !IsVowel(head[n - 1]) && IsVowel(head[n - 2]) &&
      !IsVowel(head[n - 3]) && head[n - 1] != 'w' && head[n - 1] != 'x' && head[n - 1] != 'y') {
    forms.push_back(head + head.back() + "ed" + rest);
    forms.push_back(head + head.back() + "ing" + rest);
  }
  return forms;
}

std::string RegularPlural(std::string_view noun) {
  std::string text(noun);
  // "minister of foreign affairs" -> "ministers of foreign affairs": the head noun is before "of".
  size_t of = text.find(" of ");
  std::string tail = of == std::string::npos ? "" : text.substr(of);
  if (of != std::string::npos) text = text.substr(0, of);
  size_t space = text.rfind(' ');
  std::string head = space == std::string::npos ? "" : text.substr(0, space + 1);
  std::string last = space == std::string::npos ? text : text.substr(space + 1);
  if (last.empty()) return std::string(noun);
  auto ends = [&](std::string_view s) {
    return last.size() >= s.size() && last.compare(last.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh"))
    return head + last + "es" + tail;
  if (last.size() > 1 && last.back() == 'y' && !IsVowel(last[last.size() - 2])) {
    return head + last.substr(0, last.size() - 1) + "ies" + tail;
  }
  return head + last + "s" + tail;
}

std::string WordSetKey(uint32_t file, std::string_view name) {
  return std::to_string(file) + "/" + std::string(name);
}

void CheckSetReferences(DictionarySet* set) {
  for (const VerbBlock& block : set->verbs) {
    for (const VerbPattern& pattern : block.patterns) {
      for (const PatternItem& item : pattern.items) {
        if (item.kind == PatternItem::Kind::kSet && !set->sets.count(item.set_key)) {
          std::string where = set->files[pattern.source.file].path;
          Report(set, where, pattern.source.line,
                 "set &" + item.text +
                     (set->format == DictFormat::kDyad
                          ? " is not declared in this file (`set &" + item.text + " word | word`)"
                          : std::string(" is not declared")));
        }
      }
    }
  }
}

void CheckNameClashes(DictionarySet* set) {
  // Keyed like the matcher: folded, diacritics removed; names that differ only in diacritics are
  // still told apart by the matcher, so they are not clashes.
  std::unordered_map<std::string, std::pair<size_t, const ActorName*>> seen;
  std::vector<DictProblem> problems;
  for (size_t a = 0; a < set->actors.size(); ++a) {
    for (const ActorName& name : set->actors[a].names) {
      std::string key = dict_internal::Fold(name.text);
      auto [it, inserted] = seen.try_emplace(key, a, &name);
      if (inserted || it->second.first == a) continue;
      const ActorEntry& first = set->actors[it->second.first];
      problems.push_back(DictProblem{
          set->files[name.source.file].path, static_cast<int>(name.source.line),
          "name \"" + name.text + "\" also names actor \"" + first.display_name + "\" (" +
              set->Where(it->second.second->source) + "); the matcher always picks that one"});
    }
  }
  for (DictProblem& p : problems) set->problems.push_back(std::move(p));
}

void CheckDuplicatePatterns(DictionarySet* set) {
  // Key: language, lemma, then the pattern's items as matched (folded words, set names).
  std::unordered_map<std::string, const VerbPattern*> seen;
  std::vector<DictProblem> problems;
  for (const VerbBlock& block : set->verbs) {
    if (block.verbs.empty()) continue;
    for (const VerbPattern& pattern : block.patterns) {
      std::string key = block.lang + "\x1f" + block.verbs[0].lemma;
      for (const PatternItem& item : pattern.items) {
        key += "\x1f";
        key += item.kind == PatternItem::Kind::kWord
                   ? item.alternatives.empty() ? "" : item.alternatives[0]
                   : item.text;
      }
      auto [it, inserted] = seen.try_emplace(key, &pattern);
      if (inserted) continue;
      const VerbPattern& first = *it->second;
      std::string codes = first.code + (first.reverse_code.empty() ? "" : ":" + first.reverse_code);
      std::string ours =
          pattern.code + (pattern.reverse_code.empty() ? "" : ":" + pattern.reverse_code);
      problems.push_back(DictProblem{
          set->files[pattern.source.file].path, static_cast<int>(pattern.source.line),
          "pattern \"" + pattern.text + "\" of verb \"" + block.name + "\" repeats " +
              set->Where(first.source) +
              (codes == ours ? " (same code " + codes + ")"
                             : " with another code (" + codes + " there, " + ours + " here)") +
              "; keep one"});
    }
  }
  for (DictProblem& p : problems) set->problems.push_back(std::move(p));
}

namespace {

std::string ReadWholeFile(const std::filesystem::path& path, DictionarySet* set, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  if (!in) {
    Report(set, path.string(), 0, "cannot read the file");
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::filesystem::path> TxtFilesUnder(const std::filesystem::path& dir, bool recursive) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  auto add = [&](const std::filesystem::directory_entry& entry) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt")
      files.push_back(entry.path());
  };
  if (recursive) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) add(entry);
  } else {
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) add(entry);
  }
  std::sort(files.begin(), files.end());
  return files;
}

void RequireDirectory(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw ResourceError(dir + ": not a readable dictionary directory (give --dict-dir)");
  }
}

}  // namespace

DictionarySet LoadDyadDictionaries(const std::string& dir) {
  RequireDirectory(dir);
  DictionarySet set;
  set.format = DictFormat::kDyad;
  const std::filesystem::path root(dir);
  for (const auto& path : TxtFilesUnder(root, /*recursive=*/true)) {
    std::filesystem::path relative = std::filesystem::relative(path, root);
    std::string top = relative.begin()->string();
    std::string lang;
    if (top == "en" || top == "vi") {
      lang = top;
    } else if (top != "actors") {
      Report(&set, path.string(), 0,
             "not read: dictionary files belong in actors/, en/ or vi/ under the dictionary "
             "directory");
      continue;
    }
    bool ok = false;
    std::string text = ReadWholeFile(path, &set, &ok);
    if (ok) ParseDyadFile(text, path.string(), lang, &set);
  }
  CheckSetReferences(&set);
  CheckNameClashes(&set);
  CheckDuplicatePatterns(&set);
  return set;
}

DictionarySet LoadPetrarchDictionaries(const std::string& dir) {
  RequireDirectory(dir);
  DictionarySet set;
  set.format = DictFormat::kPetrarch;
  for (const auto& path : TxtFilesUnder(dir, /*recursive=*/false)) {
    std::string name = path.filename().string();
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    PetrarchFileKind kind;
    if (lower.find("verb") != std::string::npos || lower.rfind("cameo", 0) == 0) {
      kind = PetrarchFileKind::kVerbs;
    } else if (lower.find("actor") != std::string::npos) {
      kind = PetrarchFileKind::kActors;
    } else if (lower.find("agent") != std::string::npos) {
      kind = PetrarchFileKind::kAgents;
    } else if (lower.find("discard") != std::string::npos) {
      kind = PetrarchFileKind::kDiscards;
    } else if (lower.find("issue") != std::string::npos) {
      kind = PetrarchFileKind::kIssues;
    } else {
      Report(&set, path.string(), 0,
             "not read: cannot tell the dictionary kind from the file name (it should contain "
             "verbs, actors, "
             "agents, discards or issue)");
      continue;
    }
    bool ok = false;
    std::string text = ReadWholeFile(path, &set, &ok);
    if (ok) ParsePetrarchFile(text, path.string(), kind, &set);
  }
  CheckSetReferences(&set);
  return set;
}

}  // namespace dyad
