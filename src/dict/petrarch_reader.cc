// Reader for PETRARCH/TABARI dictionaries (CAMEO.2.0 verbs, Phoenix actors/agents/discards/issues).
// Every entry line is loaded; lines with something odd are loaded as far as possible and reported,
// so a user bringing their own dictionaries sees exactly what dyad understood.
#include <algorithm>
#include <cctype>
#include <optional>

#include "dict/parse_util.h"
#include "dyad/dict/dictionary.h"
#include "dyad/text/normalize.h"

namespace dyad {

using dict_internal::Report;
using dict_internal::Trim;

namespace {

// PETRARCH writes multi-word entries with underscores ("UNITED_STATES_"); the trailing underscore
// (TABARI's "whole word only" mark) carries no meaning for a token matcher.
std::string Spaced(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '_' ? ' ' : c;
  return std::string(Trim(out));
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

// A synonym set's name: PETRARCH declares `&PREPOSIT1_` and refers to `&PREPOSIT1`.
std::string SetName(std::string_view text) {
  std::string name(Trim(text));
  while (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

// Separates a verb glued to its neighbours ("*_UP", "NOT_*", "*SCEPTICAL") into its own item.
std::string UnglueVerb(std::string_view body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '*') {
      if (!out.empty() && out.back() == '_') out.back() = ' ';
      out += " * ";
      if (i + 1 < body.size() && body[i + 1] == '_') ++i;
    } else {
      out += body[i];
    }
  }
  return out;
}

// Removes `#` comments and `<!-- ... -->` comment blocks (which may span lines; TABARI files also
// write `<! --`). Returns the content of the line, possibly empty.
class CommentStripper {
 public:
  std::string Strip(std::string_view line) {
    std::string out;
    size_t i = 0;
    while (i < line.size()) {
      if (in_block_) {
        size_t end = line.find("-->", i);
        if (end == std::string_view::npos) return out;
        in_block_ = false;
        i = end + 3;
        continue;
      }
      if (line.compare(i, 2, "<!") == 0) {
        in_block_ = true;
        i += 2;
        continue;
      }
      if (line[i] == '#') break;
      out += line[i++];
    }
    return out;
  }

 private:
  bool in_block_ = false;
};

// Parses a TABARI date: YYMMDD (years 00-30 are 20YY, as in KEDS and TABARI) or YYYYMMDD.
std::optional<long> TabariDay(std::string_view text) {
  std::string digits(text);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  if (digits.size() == 6) digits = (std::stoi(digits.substr(0, 2)) <= 30 ? "20" : "19") + digits;
  if (digits.size() != 8) return std::nullopt;
  std::optional<Date> date = Date::Parse(digits);
  if (!date) return std::nullopt;
  return date->DaysSinceEpoch();
}

// The `[...]` groups of a line, and the text before the first one.
std::vector<std::string> Brackets(std::string_view line, std::string* before, std::string* error) {
  std::vector<std::string> groups;
  size_t open = line.find('[');
  *before = std::string(Trim(line.substr(0, open)));
  while (open != std::string_view::npos) {
    size_t close = line.find(']', open);
    if (close == std::string_view::npos) {
      *error = "`[` without `]`";
      return groups;
    }
    groups.emplace_back(Trim(line.substr(open + 1, close - open - 1)));
    size_t next = line.find('[', close);
    if (!Trim(line.substr(close + 1, next == std::string_view::npos ? std::string_view::npos
                                                                    : next - close - 1))
             .empty()) {
      *error = "text after `]`";
    }
    open = next;
  }
  return groups;
}

class PetrarchParser {
 public:
  PetrarchParser(const std::string& path, PetrarchFileKind kind, DictionarySet* set)
      : path_(path), kind_(kind), set_(set), file_(dict_internal::AddFile(set, path)) {}

  void Line(int line_no, std::string_view raw) {
    line_ = line_no;
    std::string content = stripper_.Strip(raw);
    std::string_view text = Trim(content);
    if (text.empty()) return;
    switch (kind_) {
      case PetrarchFileKind::kVerbs:
        return VerbLine(text);
      case PetrarchFileKind::kActors:
        return ActorLine(text);
      case PetrarchFileKind::kAgents:
        return AgentLine(text);
      case PetrarchFileKind::kDiscards:
        return DiscardLine(text);
      case PetrarchFileKind::kIssues:
        return IssueLine(text);
    }
  }

  void Finish() {
    FinishFile();
    if (kind_ == PetrarchFileKind::kIssues && !category_.empty()) {
      Problem(line_, "<ISSUE CATEGORY=\"" + category_ + "\"> is not closed by </ISSUE>");
    }
  }

 private:
  void Problem(int line, std::string message) { Report(set_, path_, line, std::move(message)); }
  DictSource Here() const { return DictSource{file_, static_cast<uint32_t>(line_)}; }
  DictFileStats& Stats() { return set_->files[file_]; }

  // ---- verbs ----

  void VerbLine(std::string_view text) {
    if (text.substr(0, 3) == "---") return VerbBlockHeader(text);
    if (text[0] == '&') {
      std::string name = SetName(text.substr(1));
      auto [it, inserted] = set_->sets.try_emplace(name);
      if (!inserted) {
        Problem(line_, "synonym set &" + name + " already declared at " +
                           set_->Where(it->second.source) + "; members are added to it");
      } else {
        it->second.name = name;
        it->second.source = Here();
      }
      ++Stats().sets;  // declarations, so that a repeated `&NAME` is counted too
      current_set_ = name;
      in_block_ = false;
      return;
    }
    if (text[0] == '~') {
      set_->transformations.push_back(RawEntry{std::string(text), Here()});
      ++Stats().transformations;
      return;
    }
    if (text[0] == '+' && !current_set_.empty() && !in_block_) {
      set_->sets[current_set_].members.push_back(dict_internal::Fold(Spaced(text.substr(1))));
      return;
    }
    if (!in_block_) {
      return Problem(
          line_, "verb or pattern line before any `---  VERB  [code]  ---` block header; skipped");
    }
    if (text[0] == '-') return PatternLine(text.substr(1));
    VerbWordLine(text);
  }

  void VerbBlockHeader(std::string_view text) {
    current_set_.clear();
    std::string inner(Trim(text.substr(3)));
    if (inner.size() >= 3 && inner.compare(inner.size() - 3, 3, "---") == 0) {
      inner = std::string(Trim(std::string_view(inner).substr(0, inner.size() - 3)));
    } else {
      Problem(line_, "block header should end with `---`: `---  VERB  [code]  ---`");
    }
    std::string name, error;
    std::vector<std::string> codes = Brackets(inner, &name, &error);
    if (!error.empty()) Problem(line_, error);
    VerbBlock block;
    block.name = Spaced(name);
    if (block.name.empty()) Problem(line_, "block header without a verb name");
    if (codes.size() == 1) {
      block.code = codes[0];
      CheckCode(block.code);
    } else {
      Problem(line_, "block header should have one [code]");
    }
    block.source = Here();
    set_->verbs.push_back(std::move(block));
    ++Stats().verb_blocks;
    in_block_ = true;
  }

  void CheckCode(const std::string& code) {
    if (code.empty()) return;
    std::string error = dict_internal::CheckEventCode(code);
    if (!error.empty()) Problem(line_, error + " (loaded as written)");
  }

  void VerbWordLine(std::string_view text) {
    std::string head, error;
    std::vector<std::string> codes = Brackets(text, &head, &error);
    if (!error.empty()) Problem(line_, error);
    VerbWord word;
    std::vector<std::string> listed;
    size_t open = head.find('{');
    if (open != std::string::npos) {
      size_t close = head.find('}', open);
      if (close == std::string::npos) {
        Problem(line_, "`{` without `}` in the verb forms");
        close = head.size();
      }
      for (const std::string& form :
           Words(std::string_view(head).substr(open + 1, close - open - 1))) {
        listed.push_back(dict_internal::Fold(Spaced(form[0] == '+' ? form.substr(1) : form)));
      }
      head = std::string(Trim(std::string_view(head).substr(0, open)));
    }
    if (!head.empty() && head[0] == '+') head = head.substr(1);
    if (head.empty()) return Problem(line_, "verb line without a verb; skipped");
    word.lemma = dict_internal::Fold(Spaced(head));
    word.forms.push_back(word.lemma);
    // PETRARCH derives the regular forms itself when none are listed.
    if (listed.empty()) {
      for (std::string& form : RegularVerbForms(word.lemma)) word.forms.push_back(std::move(form));
    }
    for (std::string& form : listed) word.forms.push_back(std::move(form));
    if (codes.size() > 1) Problem(line_, "more than one [code] on a verb line; the first is used");
    if (!codes.empty()) {
      word.code = codes[0];
      CheckCode(word.code);
    }
    word.source = Here();
    set_->verbs.back().verbs.push_back(std::move(word));
    ++Stats().verbs;
  }

  void PatternLine(std::string_view text) {
    VerbPattern pattern;
    pattern.source = Here();
    size_t open = text.rfind('[');
    size_t close = text.rfind(']');
    std::string_view body = text;
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
      Problem(line_, "pattern without a [code]; loaded without a code");
    } else {
      std::string code(Trim(text.substr(open + 1, close - open - 1)));
      size_t colon = code.find(':');
      pattern.code = code.substr(0, colon);
      if (colon != std::string::npos) pattern.reverse_code = code.substr(colon + 1);
      if (pattern.code.empty() && pattern.reverse_code.empty()) Problem(line_, "empty [code]");
      CheckCode(pattern.code);
      CheckCode(pattern.reverse_code);
      body = text.substr(0, open);
      if (!Trim(text.substr(close + 1)).empty()) Problem(line_, "text after the pattern's [code]");
    }
    pattern.text = std::string(Trim(body));
    std::string spaced;
    for (char c : UnglueVerb(body)) {
      if (c == '(' || c == ')' || c == '{' || c == '}') {
        spaced += ' ';
        spaced += c;
        spaced += ' ';
      } else {
        spaced += c;
      }
    }
    int verbs = 0, depth_phrase = 0, depth_group = 0;
    for (const std::string& w : Words(spaced)) {
      PatternItem item;
      item.text = w;
      using K = PatternItem::Kind;
      if (w == "*") {
        item.kind = K::kVerb;
        ++verbs;
      } else if (w == "+") {
        item.kind = K::kTarget;
      } else if (w == "$") {
        item.kind = K::kSource;
      } else if (w == "%") {
        item.kind = K::kCompound;
      } else if (w == "^") {
        item.kind = K::kSkip;
      } else if (w == "(") {
        item.kind = K::kPhraseBegin;
        ++depth_phrase;
      } else if (w == ")") {
        item.kind = K::kPhraseEnd;
        --depth_phrase;
      } else if (w == "{") {
        item.kind = K::kGroupBegin;
        ++depth_group;
      } else if (w == "}") {
        item.kind = K::kGroupEnd;
        --depth_group;
      } else if (w[0] == '&') {
        item.kind = K::kSet;
        item.text = SetName(w.substr(1));
        item.set_key = item.text;
      } else {
        for (const std::string& alternative : dict_internal::Split(w, "/")) {
          if (!alternative.empty())
            item.alternatives.push_back(dict_internal::Fold(Spaced(alternative)));
        }
      }
      pattern.items.push_back(std::move(item));
    }
    if (verbs != 1)
      Problem(line_, "pattern has " + std::to_string(verbs) + " `*` (the verb) instead of one");
    if (depth_phrase != 0 || depth_group != 0)
      Problem(line_, "unbalanced ( ) or { } in the pattern");
    set_->verbs.back().patterns.push_back(std::move(pattern));
    ++Stats().patterns;
  }

  // ---- actors ----

  void ActorLine(std::string_view text) {
    std::string before, error;
    std::vector<std::string> codes = Brackets(text, &before, &error);
    if (!error.empty()) Problem(line_, error);
    if (text[0] == '[') return ActorCodes(codes);
    if (text[0] == '+') {
      if (!actor_open_) return Problem(line_, "synonym `+` before any actor; skipped");
      AddActorName(before.substr(1));
      return ActorCodes(codes);
    }
    FinishActor();
    ActorEntry actor;
    actor.display_name = Spaced(before);
    actor.source = Here();
    set_->actors.push_back(std::move(actor));
    actor_open_ = true;
    ++Stats().actors;
    AddActorName(before);
    ActorCodes(codes);
  }

  void AddActorName(std::string_view name) {
    std::string text = Spaced(name);
    if (text.empty()) return Problem(line_, "empty actor name");
    set_->actors.back().names.push_back(ActorName{text, "", NameKind::kName, false, false, Here()});
    ++Stats().actor_names;
  }

  void ActorCodes(const std::vector<std::string>& groups) {
    if (groups.empty()) return;
    if (!actor_open_) return Problem(line_, "code line before any actor; skipped");
    ActorEntry& actor = set_->actors.back();
    for (const std::string& group : groups) {
      std::vector<std::string> words = Words(group);
      if (words.empty()) {
        Problem(line_, "empty [ ] code");
        continue;
      }
      std::string code = words[0];
      std::string upper = code;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      if (upper != code) {
        Problem(line_, "lower-case code \"" + code + "\" read as " + upper);
        code = upper;
      }
      std::string restriction;
      for (size_t i = 1; i < words.size(); ++i) restriction += words[i];
      if (restriction.empty()) {
        // `[A/B]`: several codes for one actor; the first is the default.
        for (const std::string& part : dict_internal::Split(code, "/")) {
          // Phoenix uses many components beyond the CAMEO codebook, so only the form is checked
          // here.
          bool well_formed =
              part == "---" || (!part.empty() && part.size() % 3 == 0 &&
                                std::all_of(part.begin(), part.end(), [](char c) {
                                  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                                }));
          if (!well_formed)
            Problem(line_, "\"" + part + "\" is not an actor code (loaded as written)");
          if (actor.default_code.empty()) {
            actor.default_code = part;
          } else {
            actor.extra_codes.push_back(part);
          }
        }
        continue;
      }
      ActorRole role;
      role.code = code;
      role.source = Here();
      std::optional<long> first, last;
      bool ok = true;
      if (restriction[0] == '<') {
        last = TabariDay(restriction.substr(1));
        ok = last.has_value();
      } else if (restriction[0] == '>') {
        first = TabariDay(restriction.substr(1));
        ok = first.has_value();
      } else {
        size_t dash = restriction.find('-');
        if (dash == std::string::npos) {
          ok = false;
        } else {
          first = TabariDay(restriction.substr(0, dash));
          last = TabariDay(restriction.substr(dash + 1));
          ok = first.has_value() && last.has_value();
        }
      }
      if (!ok) {
        Problem(
            line_,
            "date restriction \"" + group.substr(words[0].size()) +
                "\" is not <DATE, >DATE or DATE-DATE with YYMMDD or YYYYMMDD dates; role skipped");
        continue;
      }
      if (first) role.first_day = *first;
      if (last) role.last_day = *last;
      if (role.first_day > role.last_day) {
        Problem(line_, "date restriction ends before it starts; role skipped");
        continue;
      }
      actor.roles.push_back(std::move(role));
      ++Stats().roles;
    }
  }

  // TABARI groups consecutive actor lines without codes with the next actor that has codes: they
  // all share those codes ("MIKHAIL_S._GORBACHEV" above "GENERAL_SECRETARY_GORBACHEV [RUSELI
  // ...]").
  void FinishActor() {
    if (!actor_open_) return;
    actor_open_ = false;
    size_t index = set_->actors.size() - 1;
    const ActorEntry& actor = set_->actors[index];
    if (actor.default_code.empty() && actor.roles.empty()) {
      codeless_.push_back(index);
      return;
    }
    for (size_t pending : codeless_) {
      ActorEntry& other = set_->actors[pending];
      other.default_code = actor.default_code;
      other.extra_codes = actor.extra_codes;
      other.roles = actor.roles;
    }
    codeless_.clear();
  }

  void FinishFile() {
    FinishActor();
    for (size_t pending : codeless_) {
      const ActorEntry& actor = set_->actors[pending];
      Report(set_, path_, actor.source.line,
             "actor \"" + actor.display_name + "\" has no [code], nor has any actor after it");
    }
  }

  // ---- agents ----

  void AgentLine(std::string_view text) {
    if (text[0] == '!' && text.find('=') != std::string_view::npos &&
        text.find('[') == std::string_view::npos) {
      size_t eq = text.find('=');
      size_t close = text.find('!', 1);
      if (close == std::string_view::npos || close > eq ||
          !Trim(text.substr(close + 1, eq - close - 1)).empty()) {
        return Problem(line_, "substitution should read `!NAME! = A, B, C`; skipped");
      }
      {
        std::vector<std::string> values;
        for (std::string& v : dict_internal::Split(text.substr(eq + 1), ","))
          values.push_back(Spaced(v));
        substitutions_[std::string(text.substr(0, close + 1))] = values;
        return;
      }
    }
    std::string head, error;
    std::vector<std::string> codes = Brackets(text, &head, &error);
    if (!error.empty()) Problem(line_, error);
    if (codes.size() != 1)
      return Problem(line_, "agent line needs one [~CODE] or [CODE~]; skipped");
    std::string code;
    for (char c : codes[0]) {
      if (c != ' ') code += c;
    }
    bool prefix = !code.empty() && code.back() == '~';
    if (code.empty() || (code[0] != '~' && !prefix)) {
      return Problem(line_, "agent code \"" + codes[0] +
                                "\" should be ~CODE (suffix) or CODE~ (prefix); skipped");
    }
    code = prefix ? code.substr(0, code.size() - 1) : code.substr(1);
    std::vector<std::string> plurals;
    bool derive = true;
    size_t open = head.find('{');
    if (open != std::string::npos) {
      size_t close = head.find('}', open);
      if (close == std::string::npos) {
        Problem(line_, "`{` without `}`");
        close = head.size();
      }
      for (const std::string& p :
           Words(std::string_view(head).substr(open + 1, close - open - 1))) {
        plurals.push_back(Spaced(p));
      }
      derive = false;
      head = std::string(Trim(std::string_view(head).substr(0, open)));
    }
    if (head.empty()) return Problem(line_, "agent line without a noun; skipped");
    ++Stats().agents;
    for (const std::string& noun : Expand(head)) {
      AgentEntry agent;
      agent.noun = Spaced(noun);
      agent.plurals = plurals;
      agent.derive_plurals = derive;
      agent.code = code;
      agent.code_is_prefix = prefix;
      agent.source = Here();
      set_->agents.push_back(std::move(agent));
    }
  }

  // Expands `!NAME!` substitutions ("CONGRESS!PERSON!" -> CONGRESSMAN, CONGRESSMEN, ...).
  std::vector<std::string> Expand(const std::string& text) {
    size_t start = text.find('!');
    if (start == std::string::npos) return {text};
    size_t end = text.find('!', start + 1);
    if (end == std::string::npos) {
      Problem(line_, "unclosed `!` substitution; read literally");
      return {text};
    }
    auto it = substitutions_.find(text.substr(start, end - start + 1));
    if (it == substitutions_.end()) {
      Problem(line_,
              "unknown substitution " + text.substr(start, end - start + 1) + "; read literally");
      return {text};
    }
    std::vector<std::string> out;
    for (const std::string& value : it->second) {
      for (std::string& rest : Expand(text.substr(end + 1)))
        out.push_back(text.substr(0, start) + value + rest);
    }
    return out;
  }

  // ---- discards and issues ----

  void DiscardLine(std::string_view text) {
    bool article = text[0] == '+';
    std::string phrase = Spaced(article ? text.substr(1) : text);
    if (phrase.empty()) return Problem(line_, "empty discard phrase");
    set_->discards.push_back(DiscardEntry{phrase, article, "", Here()});
    ++Stats().discards;
  }

  void IssueLine(std::string_view text) {
    if (text.substr(0, 7) == "<ISSUE ") {
      size_t q1 = text.find("CATEGORY=\"");
      size_t q2 = q1 == std::string_view::npos ? q1 : text.find('"', q1 + 10);
      if (q2 == std::string_view::npos) return Problem(line_, "<ISSUE> without CATEGORY=\"...\"");
      if (!category_.empty()) Problem(line_, "<ISSUE> inside another <ISSUE> (missing </ISSUE>)");
      category_ = std::string(text.substr(q1 + 10, q2 - q1 - 10));
      return;
    }
    if (text == "</ISSUE>") {
      if (category_.empty()) Problem(line_, "</ISSUE> without <ISSUE>");
      category_.clear();
      return;
    }
    IssueEntry issue;
    issue.category = category_;
    issue.source = Here();
    std::string head, error;
    if (text[0] == '~') {
      issue.exclude = true;
      head = std::string(Trim(text.substr(1)));
    } else {
      std::vector<std::string> codes = Brackets(text, &head, &error);
      if (!error.empty()) Problem(line_, error);
      if (codes.size() != 1) {
        Problem(line_, "issue phrase needs one [CODE]; loaded with its category as the code");
        issue.code = category_;
      } else {
        issue.code = codes[0];
      }
    }
    // `n:` marks a noun (plurals allowed); `+` joins words with a hyphen or nothing ("pre+k").
    std::string phrase;
    for (const std::string& w : Words(head)) {
      std::string word = w.rfind("n:", 0) == 0 ? w.substr(2) : w;
      std::replace(word.begin(), word.end(), '+', '-');
      phrase += (phrase.empty() ? "" : " ") + word;
    }
    if (phrase.empty()) return Problem(line_, "empty issue phrase; skipped");
    if (category_.empty()) Problem(line_, "issue phrase outside <ISSUE CATEGORY=...>");
    issue.phrase = phrase;
    set_->issues.push_back(std::move(issue));
    ++Stats().issues;
  }

  std::string path_;
  PetrarchFileKind kind_;
  DictionarySet* set_;
  uint32_t file_;
  int line_ = 0;
  CommentStripper stripper_;
  std::string current_set_;
  bool in_block_ = false;
  bool actor_open_ = false;
  std::vector<size_t> codeless_;
  std::map<std::string, std::vector<std::string>> substitutions_;
  std::string category_;
};

}  // namespace

void ParsePetrarchFile(std::string_view text, const std::string& path, PetrarchFileKind kind,
                       DictionarySet* set) {
  set->format = DictFormat::kPetrarch;
  PetrarchParser parser(path, kind, set);
  dict_internal::ForEachLine(
      text, [&](int line_no, std::string_view line) { parser.Line(line_no, line); });
  parser.Finish();
}

}  // namespace dyad
