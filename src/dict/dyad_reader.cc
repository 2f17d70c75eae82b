// Reader for dyad's own dictionary format (docs/dictionaries.md).
#include <optional>

#include "dict/parse_util.h"
#include "dyad/dict/dictionary.h"
#include "dyad/text/normalize.h"

namespace dyad {

using dict_internal::Report;
using dict_internal::Split;
using dict_internal::Trim;

namespace {

enum class Block { kNone, kActor, kAgent, kVerb, kSet, kDiscard, kIssue, kRejected };

// Splits a line at its comment: returns the content (with `\#` unescaped) and sets *comment.
std::string StripComment(std::string_view line, std::string* comment) {
  std::string content;
  comment->clear();
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '#') {
      content += '#';
      ++i;
    } else if (line[i] == '#') {
      *comment = std::string(Trim(line.substr(i + 1)));
      break;
    } else {
      content += line[i];
    }
  }
  return content;
}

// Splits on " | " outside braces.
std::vector<std::string> SplitAlternatives(std::string_view s) {
  std::vector<std::string> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}') --depth;
    if (s[i] == '|' && depth == 0) {
      parts.emplace_back(Trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.emplace_back(Trim(s.substr(start)));
  return parts;
}

// "noun {a | b}" -> noun and the forms in braces. False (with *error) on unbalanced braces.
bool SplitBraces(std::string_view s, std::string* head, std::vector<std::string>* forms,
                 std::string* error) {
  size_t open = s.find('{');
  size_t close = s.find('}');
  if (open == std::string_view::npos && close == std::string_view::npos) {
    *head = std::string(Trim(s));
    return true;
  }
  if (open == std::string_view::npos || close == std::string_view::npos || close < open ||
      s.find('{', open + 1) != std::string_view::npos || !Trim(s.substr(close + 1)).empty()) {
    *error = "braces must close once, at the end: `word {form | form}`";
    return false;
  }
  *head = std::string(Trim(s.substr(0, open)));
  for (std::string& form : Split(s.substr(open + 1, close - open - 1), "|")) {
    if (!form.empty()) forms->push_back(std::move(form));
  }
  return true;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

// A pattern word as matched: folded, Vietnamese `_` joining syllables becomes a space.
std::string PatternWord(std::string_view word) {
  std::string text(word);
  for (char& c : text) {
    if (c == '_') c = ' ';
  }
  return dict_internal::Fold(text);
}

class DyadParser {
 public:
  DyadParser(const std::string& path, const std::string& lang, DictionarySet* set)
      : path_(path), lang_(lang), set_(set), file_(dict_internal::AddFile(set, path)) {}

  void Line(int line_no, std::string_view raw) {
    std::string comment;
    std::string content = StripComment(raw, &comment);
    if (Trim(content).empty()) return;
    line_ = line_no;
    bool indented = content[0] == ' ' || content[0] == '\t';
    if (!indented) {
      Finish();
      Header(std::string(Trim(content)));
    } else {
      Field(std::string(Trim(content)), comment);
    }
  }

  void Finish() {
    if (block_ == Block::kActor) {
      ActorEntry& actor = set_->actors.back();
      if (actor.default_code.empty() && !actor.no_actor) {
        Problem(header_line_,
                "actor \"" + actor.display_name +
                    "\" has no `code` line: loaded without a default code (give `code CODE`)");
      }
      if (actor.names.empty()) {
        Problem(header_line_, std::string(actor.no_actor ? "place" : "actor") + " \"" +
                                  actor.display_name +
                                  "\" has no `en` or `vi` names: it can never match");
      }
    }
    if ((block_ == Block::kAgent || block_ == Block::kDiscard || block_ == Block::kIssue) &&
        block_entries_ == 0) {
      Problem(header_line_, "block has no entries below it");
    }
    if (block_ == Block::kVerb && set_->verbs.back().patterns.empty()) {
      Problem(header_line_,
              "verb \"" + set_->verbs.back().name + "\" has no patterns (give at least `CODE  *`)");
    }
    block_ = Block::kNone;
  }

 private:
  void Problem(int line, std::string message) { Report(set_, path_, line, std::move(message)); }
  DictSource Here() const { return DictSource{file_, static_cast<uint32_t>(line_)}; }
  DictFileStats& Stats() { return set_->files[file_]; }

  void Header(const std::string& text) {
    header_line_ = line_;
    block_entries_ = 0;
    size_t space = text.find_first_of(" \t");
    std::string kind = text.substr(0, space);
    std::string rest =
        space == std::string::npos ? "" : std::string(Trim(std::string_view(text).substr(space)));
    block_ = Block::kRejected;
    if (kind == "actor") {
      if (rest.empty())
        return Problem(line_, "`actor` needs a display name: `actor Viet Nam`; block skipped");
      ActorEntry actor;
      actor.display_name = rest;
      actor.source = Here();
      set_->actors.push_back(std::move(actor));
      ++Stats().actors;
      block_ = Block::kActor;
    } else if (kind == "place") {
      if (rest.empty())
        return Problem(line_,
                       "`place` needs a display name: `place South China Sea`; block skipped");
      ActorEntry place;
      place.display_name = rest;
      place.source = Here();
      place.no_actor = true;
      set_->actors.push_back(std::move(place));
      ++Stats().places;
      block_ = Block::kActor;
    } else if (kind == "agent") {
      std::string error = dict_internal::CheckActorCode(rest);
      if (rest.empty() || rest.find(' ') != std::string::npos) {
        return Problem(line_, "`agent` needs one role code: `agent GOV`; block skipped");
      }
      if (!error.empty()) Problem(line_, error);
      agent_code_ = rest;
      block_ = Block::kAgent;
    } else if (kind == "verb") {
      VerbHeader(rest);
    } else if (kind == "set") {
      SetHeader(rest);
    } else if (kind == "discard") {
      if (rest != "sentence" && rest != "article") {
        return Problem(line_,
                       "`discard` must be followed by `sentence` or `article`; block skipped");
      }
      discard_article_ = rest == "article";
      block_ = Block::kDiscard;
    } else if (kind == "issue") {
      if (rest.empty() || rest.find(' ') != std::string::npos) {
        return Problem(line_, "`issue` needs one tag: `issue TRADE`; block skipped");
      }
      issue_code_ = rest;
      block_ = Block::kIssue;
    } else {
      Problem(line_,
              "unknown block `" + kind +
                  "` (expected actor, place, agent, verb, set, discard or issue; field lines are "
                  "indented); "
                  "block skipped");
    }
  }

  void VerbHeader(const std::string& rest) {
    std::string lemma, error;
    std::vector<std::string> forms;
    if (rest.empty())
      return Problem(line_, "`verb` needs a lemma: `verb meet {met}`; block skipped");
    if (!SplitBraces(rest, &lemma, &forms, &error))
      return Problem(line_, error + "; block skipped");
    if (lemma.empty())
      return Problem(line_, "`verb` needs a lemma before the braces; block skipped");
    VerbBlock block;
    block.name = lemma;
    block.lang = lang_;
    block.source = Here();
    VerbWord word;
    word.lemma = dict_internal::Fold(lemma);
    word.source = Here();
    word.forms.push_back(word.lemma);
    if (lang_ != "vi") {
      for (std::string& form : RegularVerbForms(word.lemma)) word.forms.push_back(std::move(form));
    }
    for (const std::string& form : forms) word.forms.push_back(dict_internal::Fold(form));
    block.verbs.push_back(std::move(word));
    set_->verbs.push_back(std::move(block));
    ++Stats().verb_blocks;
    ++Stats().verbs;
    block_ = Block::kVerb;
  }

  void SetHeader(const std::string& rest) {
    size_t space = rest.find_first_of(" \t");
    std::string name = rest.substr(0, space);
    if (name.size() < 2 || name[0] != '&') {
      return Problem(
          line_,
          "`set` needs a name starting with &: `set &PRESS reporters | journalists`; line skipped");
    }
    name = name.substr(1);
    auto [it, inserted] = set_->sets.try_emplace(WordSetKey(file_, name));
    if (!inserted) {
      Problem(line_, "set &" + name + " was already declared at " + set_->Where(it->second.source) +
                         "; the members are added to it");
    } else {
      it->second.name = name;
      it->second.source = Here();
      ++Stats().sets;
    }
    set_name_ = name;
    block_ = Block::kSet;
    if (space != std::string::npos) AddSetMembers(rest.substr(space));
  }

  void AddSetMembers(std::string_view text) {
    for (const std::string& member : SplitAlternatives(text)) {
      if (member.empty()) {
        Problem(line_, "empty member in set &" + set_name_ + " (two `|` in a row?)");
      } else {
        set_->sets[WordSetKey(file_, set_name_)].members.push_back(PatternWord(member));
      }
    }
  }

  void Field(const std::string& text, const std::string& comment) {
    switch (block_) {
      case Block::kNone:
        return Problem(
            line_,
            "indented line outside any block (headers such as `actor NAME` start at column 1)");
      case Block::kRejected:
        return Problem(line_, "skipped: belongs to the rejected block at line " +
                                  std::to_string(header_line_));
      case Block::kActor:
        return ActorField(text, comment);
      case Block::kAgent:
        return AgentLine(text);
      case Block::kVerb:
        return PatternLine(text);
      case Block::kSet:
        return AddSetMembers(text);
      case Block::kDiscard:
      case Block::kIssue:
        return PhraseLine(text);
    }
  }

  void ActorField(const std::string& text, const std::string& comment) {
    ActorEntry& actor = set_->actors.back();
    size_t space = text.find_first_of(" \t");
    std::string key = text.substr(0, space);
    std::string value =
        space == std::string::npos ? "" : std::string(Trim(std::string_view(text).substr(space)));
    if (actor.no_actor && (key == "code" || key == "role")) {
      return Problem(line_, "a `place` names no actor and takes no `" + key + "`; line skipped");
    }
    if (key == "code") {
      if (value.empty() || value.find(' ') != std::string::npos) {
        return Problem(line_, "`code` needs one actor code: `code VNM`; line skipped");
      }
      if (!actor.default_code.empty()) {
        return Problem(line_, "second `code` line; the first (" + actor.default_code + ") is kept");
      }
      std::string error = dict_internal::CheckActorCode(value);
      if (!error.empty()) Problem(line_, error);
      actor.default_code = value;
      return;
    }
    if (key == "role") return RoleField(value, comment);
    std::string lang = key.substr(0, key.find('.'));
    std::string kind = key.find('.') == std::string::npos ? "" : key.substr(key.find('.') + 1);
    NameKind name_kind = NameKind::kName;
    if (kind == "adj") {
      name_kind = NameKind::kAdjective;
    } else if (kind == "place") {
      name_kind = NameKind::kPlace;
    } else if (kind == "short") {
      name_kind = NameKind::kShort;
    } else if (!kind.empty()) {
      return Problem(
          line_, "unknown name kind `." + kind + "` (use .adj, .place or .short); line skipped");
    }
    if (lang != "en" && lang != "vi") {
      return Problem(line_, "unknown actor field `" + key +
                                "` (expected code, en, vi, en.adj, ..., role); line skipped");
    }
    if (value.empty()) return Problem(line_, "`" + key + "` has no names");
    for (const std::string& name : SplitAlternatives(value)) {
      if (name.empty()) {
        Problem(line_, "empty name (two `|` in a row?)");
        continue;
      }
      bool capitals = IsWrittenInCapitals(name);
      actor.names.push_back(
          ActorName{name, lang, name_kind, capitals, !capitals && StartsWithCapital(name), Here()});
      ++Stats().actor_names;
    }
  }

  void RoleField(const std::string& value, const std::string& comment) {
    std::vector<std::string> parts = Words(value);
    if (parts.size() != 3) {
      return Problem(line_,
                     "`role` needs CODE FROM TO (dates YYYY-MM-DD or -): `role VNMGOV 2024-08-03 "
                     "-`; line skipped");
    }
    ActorRole role;
    role.code = parts[0];
    std::string error = role.code == "---" ? "" : dict_internal::CheckActorCode(role.code);
    if (!error.empty()) Problem(line_, error);
    auto parse = [&](const std::string& text, long open, long* day) {
      if (text == "-") {
        *day = open;
        return true;
      }
      std::optional<Date> date = text.size() == 10 ? Date::Parse(text) : std::nullopt;
      if (!date) {
        Problem(line_, "\"" + text + "\" is not a date YYYY-MM-DD or `-`; role skipped");
        return false;
      }
      *day = date->DaysSinceEpoch();
      return true;
    };
    if (!parse(parts[1], ActorRole::kOpenStart, &role.first_day) ||
        !parse(parts[2], ActorRole::kOpenEnd, &role.last_day)) {
      return;
    }
    if (role.first_day > role.last_day)
      return Problem(line_, "role ends before it starts; role skipped");
    role.note = comment;
    role.source = Here();
    set_->actors.back().roles.push_back(std::move(role));
    ++Stats().roles;
  }

  void AgentLine(const std::string& text) {
    for (const std::string& alternative : SplitAlternatives(text)) {
      AgentEntry agent;
      std::string error;
      if (!SplitBraces(alternative, &agent.noun, &agent.plurals, &error)) {
        Problem(line_, error + "; \"" + alternative + "\" skipped");
        continue;
      }
      if (agent.noun.empty()) {
        Problem(line_, "empty agent noun (two `|` in a row?)");
        continue;
      }
      agent.derive_plurals = lang_ != "vi";
      agent.capitals_only = IsWrittenInCapitals(agent.noun);
      agent.code = agent_code_;
      agent.lang = lang_;
      agent.source = Here();
      set_->agents.push_back(std::move(agent));
      ++Stats().agents;
      ++block_entries_;
    }
  }

  void PatternLine(const std::string& text) {
    std::vector<std::string> words = Words(text);
    VerbPattern pattern;
    std::string code = words[0];
    size_t colon = code.find(':');
    pattern.code = code.substr(0, colon);
    if (colon != std::string::npos) pattern.reverse_code = code.substr(colon + 1);
    for (const std::string* part : {&pattern.code, &pattern.reverse_code}) {
      if (part->empty() && part == &pattern.reverse_code) continue;
      std::string error = dict_internal::CheckEventCode(*part);
      if (!error.empty()) {
        return Problem(line_,
                       "pattern code: " + error + " (write CODE, SRC:TGT or ---); pattern skipped");
      }
    }
    if (words.size() < 2)
      return Problem(line_, "pattern line has a code but no pattern (`040  * with +`); skipped");
    int verbs = 0, targets = 0, sources = 0;
    for (size_t i = 1; i < words.size(); ++i) {
      const std::string& w = words[i];
      PatternItem item;
      item.text = w;
      if (w == "*") {
        item.kind = PatternItem::Kind::kVerb;
        ++verbs;
      } else if (w == "+") {
        item.kind = PatternItem::Kind::kTarget;
        ++targets;
      } else if (w == "$") {
        item.kind = PatternItem::Kind::kSource;
        ++sources;
      } else if (w[0] == '&') {
        item.kind = PatternItem::Kind::kSet;
        item.text = w.substr(1);
        if (item.text.empty()) return Problem(line_, "`&` without a set name; pattern skipped");
        item.set_key = WordSetKey(file_, item.text);
      } else {
        item.alternatives.push_back(PatternWord(w));
      }
      pattern.items.push_back(std::move(item));
    }
    if (verbs != 1)
      return Problem(line_, "a pattern needs exactly one `*` (the verb); found " +
                                std::to_string(verbs) + "; pattern skipped");
    if (targets > 1 || sources > 1)
      return Problem(line_, "a pattern may have at most one `+` and one `$`; pattern skipped");
    pattern.text = text.substr(text.find(words[1]));
    pattern.source = Here();
    set_->verbs.back().patterns.push_back(std::move(pattern));
    ++Stats().patterns;
  }

  void PhraseLine(const std::string& text) {
    for (const std::string& phrase : SplitAlternatives(text)) {
      if (phrase.empty()) {
        Problem(line_, "empty phrase (two `|` in a row?)");
        continue;
      }
      ++block_entries_;
      if (block_ == Block::kDiscard) {
        set_->discards.push_back(DiscardEntry{phrase, discard_article_, lang_, Here()});
        ++Stats().discards;
      } else {
        set_->issues.push_back(IssueEntry{phrase, issue_code_, issue_code_, false, lang_, Here()});
        ++Stats().issues;
      }
    }
  }

  std::string path_;
  std::string lang_;
  DictionarySet* set_;
  uint32_t file_;
  int line_ = 0;
  int header_line_ = 0;
  int block_entries_ = 0;
  Block block_ = Block::kNone;
  std::string agent_code_, set_name_, issue_code_;
  bool discard_article_ = false;
};

}  // namespace

void ParseDyadFile(std::string_view text, const std::string& path, const std::string& lang,
                   DictionarySet* set) {
  DyadParser parser(path, lang, set);
  dict_internal::ForEachLine(
      text, [&](int line_no, std::string_view line) { parser.Line(line_no, line); });
  parser.Finish();
}

}  // namespace dyad
