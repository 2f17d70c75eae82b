#include "dyad/io/penn.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "dyad/core/error.h"

namespace dyad {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading the bracketing.

struct Node {
  std::string label;     // category or Penn tag, upper case, function tags and indices removed
  std::string function;  // the first function tag ("TMP" of "NP-TMP"), "" when none
  std::vector<int> kids;
  int word = -1;  // preterminals: the 0-based word index
  size_t offset = 0;
  // Set by the converter.
  int head_kid = -1;            // index into kids
  int head_word = -1;           // 0-based word index
  bool existential = false;     // a VP whose clause's subject is "there"
  int raise_subject_to = -1;    // an S whose subject is the object of this word ("urged X to")
  bool complement = false;      // an SBAR complementing a verb (its "that" is no pronoun)
  std::vector<int> local_head;  // per kid: the kid it depends on (coordinations), -1 = head_kid
  std::vector<int> members;     // coordinations: the kids heading the conjuncts, in order
  bool Preterminal() const { return word >= 0; }
};

struct Tree {
  std::vector<Node> nodes;
  int root = -1;
  std::vector<std::string> forms;  // per word, as written in the tree
  std::vector<std::string> tags;
};

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits "NP-TMP-1" into "NP" and "TMP"; "-LRB-" and "-NONE-" are labels of their own.
void SplitLabel(std::string_view raw, std::string* label, std::string* function) {
  std::string up = Upper(raw);
  function->clear();
  if (up.empty() || up[0] == '-') {
    *label = up;
    return;
  }
  size_t cut = up.find_first_of("-=");
  *label = up.substr(0, cut);
  if (cut != std::string::npos && up[cut] == '-') {
    size_t end = up.find_first_of("-=", cut + 1);
    std::string f = up.substr(cut + 1, end == std::string::npos ? end : end - cut - 1);
    if (!f.empty() && !std::isdigit(static_cast<unsigned char>(f[0]))) *function = f;
  }
}

// Older parsers (and PETRARCH's records) tag auxiliaries AUX, AUXD, AUXZ...: the verb tag they
// stand for.
std::string NormalizeTag(std::string tag, std::string_view form) {
  if (tag.rfind("AUX", 0) != 0) return tag;
  if (tag == "AUXB") return "VB";
  if (tag == "AUXD") return "VBD";
  if (tag == "AUXG") return "VBG";
  if (tag == "AUXN") return "VBN";
  if (tag == "AUXP") return "VBP";
  if (tag == "AUXZ") return "VBZ";
  std::string f = Lower(form);
  if (f == "is" || f == "has" || f == "does" || f == "'s") return "VBZ";
  if (f == "was" || f == "were" || f == "had" || f == "did") return "VBD";
  if (f == "being" || f == "having") return "VBG";
  if (f == "been") return "VBN";
  return "VBP";
}

// Undoes the escapes of the Penn Treebank and CoreNLP: brackets, quotes, "\/" and "\*".
std::string UnescapeForm(std::string_view w) {
  if (w == "-LRB-") return "(";
  if (w == "-RRB-") return ")";
  if (w == "-LSB-") return "[";
  if (w == "-RSB-") return "]";
  if (w == "-LCB-") return "{";
  if (w == "-RCB-") return "}";
  if (w == "``" || w == "''") return "\"";
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '\\' && i + 1 < w.size() && (w[i + 1] == '/' || w[i + 1] == '*')) continue;
    out += w[i];
  }
  return out;
}

// Real parses nest a few dozen levels; the limit keeps garbage from exhausting the stack of the
// (recursive) conversion.
constexpr size_t kMaxDepth = 1000;

class PennReader {
 public:
  PennReader(std::string_view text, const PennSource& source) : text_(text), source_(source) {}

  std::vector<Tree> ReadAll() {
    std::vector<Tree> trees;
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == ')') {
        Fail(pos_,
             "unbalanced brackets: this ')' closes nothing (one ')' too many, or a '(' missing "
             "before it)");
      }
      if (text_[pos_] != '(') {
        Fail(pos_, "text outside brackets ('" + std::string(Atom()) +
                       "'); a Penn tree is (LABEL ...) with every word inside (TAG word)");
      }
      trees.push_back(ReadTree());
    }
    if (trees.empty()) Fail(0, "empty Penn tree");
    return trees;
  }

 private:
  int LineAt(size_t offset) const {
    offset = std::min(offset, text_.size());
    return source_.first_line +
           static_cast<int>(std::count(text_.begin(), text_.begin() + offset, '\n'));
  }

  [[noreturn]] void Fail(size_t offset, const std::string& what) const {
    std::string where = source_.origin.empty()
                            ? "line " + std::to_string(LineAt(offset))
                            : source_.origin + ":" + std::to_string(LineAt(offset));
    throw InputError(where, what);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }

  std::string_view Atom() {
    size_t start = pos_;
    while (pos_ < text_.size() && !IsSpace(text_[pos_]) && text_[pos_] != '(' && text_[pos_] != ')')
      ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // Reads one tree iteratively (garbage input must not exhaust the stack).
  Tree ReadTree() {
    Tree tree;
    std::vector<int> open;          // nodes under construction, outermost first
    std::vector<bool> had_content;  // per open node: a word or a constituent was read inside
    const size_t tree_start = pos_;
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size()) {
        Fail(tree_start, "unbalanced brackets: the tree opening here ends at line " +
                             std::to_string(LineAt(text_.size())) + " with " +
                             std::to_string(open.size()) + " '(' never closed (a ')' is missing)");
      }
      char c = text_[pos_];
      if (c == '(') {
        if (open.size() >= kMaxDepth) {
          Fail(pos_, "Penn tree nested deeper than " + std::to_string(kMaxDepth) +
                         " brackets; no parser writes such trees (is this a parse?)");
        }
        if (!open.empty()) {
          const Node& parent = tree.nodes[open.back()];
          if (parent.word >= 0) {
            Fail(pos_, "'(" + parent.label + " " + tree.forms[parent.word] +
                           "' has a word and constituents; every word needs its own (TAG word)");
          }
          had_content.back() = true;
        }
        int id = static_cast<int>(tree.nodes.size());
        tree.nodes.emplace_back();
        tree.nodes[id].offset = pos_;
        ++pos_;
        SkipSpace();
        std::string_view label;
        if (pos_ < text_.size() && text_[pos_] != '(' && text_[pos_] != ')') label = Atom();
        SplitLabel(label, &tree.nodes[id].label, &tree.nodes[id].function);
        open.push_back(id);
        had_content.push_back(false);
        continue;
      }
      if (c == ')') {
        int id = open.back();
        bool content = had_content.back();
        open.pop_back();
        had_content.pop_back();
        ++pos_;
        Node& node = tree.nodes[id];
        if (node.label == "-NONE-" && node.word >= 0) {
          // Traces and empty elements of treebank trees are no words of the sentence.
          tree.forms.pop_back();
          tree.tags.pop_back();
          node.word = -1;
        } else if (!content) {
          Fail(node.offset, "empty constituent '(" + node.label +
                                ")': a node needs a word or constituents inside");
        }
        // A node left with nothing (an empty element, or only empty elements below) is dropped.
        bool keep = node.word >= 0 || !node.kids.empty();
        if (open.empty()) {
          if (!keep) Fail(tree_start, "the tree holds no words");
          tree.root = id;
          return Unwrap(std::move(tree));
        }
        if (keep) tree.nodes[open.back()].kids.push_back(id);
        continue;
      }
      // A word: the only content of a preterminal.
      size_t at = pos_;
      std::string_view w = Atom();
      if (open.empty()) Fail(at, "word '" + std::string(w) + "' outside brackets");
      int id = open.back();
      Node& node = tree.nodes[id];
      if (had_content.back()) {
        Fail(at, "word '" + std::string(w) + "' stands in '(" + node.label +
                     "' beside other words or constituents; every word needs its own (TAG word)");
      }
      had_content.back() = true;
      node.word = static_cast<int>(tree.forms.size());
      tree.forms.emplace_back(w);
      if (node.label != "-NONE-") node.label = NormalizeTag(node.label, w);
      tree.tags.push_back(node.label);
    }
  }

  // "(ROOT (S ...))", "(TOP ...)" and "( (S ...))" wrap the sentence's own tree.
  Tree Unwrap(Tree tree) {
    while (true) {
      Node& root = tree.nodes[tree.root];
      bool wrapper = root.label.empty() || root.label == "ROOT" || root.label == "TOP";
      if (!wrapper || root.Preterminal()) break;
      if (root.kids.size() == 1) {
        tree.root = root.kids[0];
        continue;
      }
      root.label = "S";  // a wrapper over several constituents reads as a clause
      break;
    }
    return tree;
  }

  std::string_view text_;
  const PennSource& source_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Word classes.

bool IsPunctTag(std::string_view t) {
  return t == "." || t == "," || t == ":" || t == "``" || t == "''" || t == "-LRB-" ||
         t == "-RRB-" || t == "HYPH" || t == "NFP" || t == "#" || t == "-LSB-" || t == "-RSB-" ||
         t == "-LCB-" || t == "-RCB-";
}
bool IsVerbTag(std::string_view t) { return t.size() >= 2 && t.substr(0, 2) == "VB"; }
bool IsNounTag(std::string_view t) { return t.size() >= 2 && t.substr(0, 2) == "NN"; }
bool IsProperTag(std::string_view t) { return t == "NNP" || t == "NNPS"; }
bool IsAdjTag(std::string_view t) { return t == "JJ" || t == "JJR" || t == "JJS"; }
bool IsAdvTag(std::string_view t) { return t == "RB" || t == "RBR" || t == "RBS"; }
bool IsWhPhrase(std::string_view c) {
  return c == "WHNP" || c == "WHADVP" || c == "WHPP" || c == "WHADJP";
}
bool IsClauseCat(std::string_view c) {
  return c == "S" || c == "SINV" || c == "SQ" || c == "SBARQ";
}
bool IsClausalComplement(std::string_view c) { return IsClauseCat(c) || c == "SBAR" || c == "VP"; }
bool IsNominalCat(std::string_view c) {
  return c == "NP" || c == "NX" || c == "NAC" || c == "WHNP";
}

bool IsBeForm(std::string_view f) {
  static const auto* s = new std::unordered_set<std::string_view>{
      "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m", "ai"};
  return s->count(f) > 0;
}
bool IsGetForm(std::string_view f) {
  return f == "get" || f == "gets" || f == "got" || f == "gotten" || f == "getting";
}
// Verbs that can be auxiliaries (when a verb phrase follows them).
bool IsAuxiliaryForm(std::string_view f) {
  static const auto* s = new std::unordered_set<std::string_view>{
      "have", "has",   "had",   "having", "'ve",  "'d",    "do",    "does",  "did",
      "will", "would", "shall", "should", "can",  "could", "may",   "might", "must",
      "'ll",  "wo",    "ca",    "ought",  "dare", "need",  "better"};
  return IsBeForm(f) || IsGetForm(f) || s->count(f) > 0;
}

bool IsTemporalNoun(std::string_view f) {
  static const auto* s = new std::unordered_set<std::string_view>{
      "monday",   "tuesday",   "wednesday", "thursday", "friday",  "saturday",  "sunday",
      "today",    "yesterday", "tomorrow",  "tonight",  "week",    "weeks",     "month",
      "months",   "year",      "years",     "day",      "days",    "morning",   "afternoon",
      "evening",  "night",     "weekend",   "decade",   "century", "january",   "february",
      "march",    "april",     "june",      "july",     "august",  "september", "october",
      "november", "december",  "hour",      "hours",    "quarter", "season"};
  return s->count(f) > 0;
}

// ---------------------------------------------------------------------------------------------
// Lemmas: English inflection rules keyed on the Penn tag, with the irregular forms news text uses.

const std::unordered_map<std::string_view, std::string_view>& IrregularVerbs() {
  static const auto* m =
      new std::unordered_map<std::string_view, std::string_view>{{"am", "be"},
                                                                 {"is", "be"},
                                                                 {"are", "be"},
                                                                 {"was", "be"},
                                                                 {"were", "be"},
                                                                 {"been", "be"},
                                                                 {"being", "be"},
                                                                 {"'s", "be"},
                                                                 {"'re", "be"},
                                                                 {"'m", "be"},
                                                                 {"ai", "be"},
                                                                 {"has", "have"},
                                                                 {"had", "have"},
                                                                 {"having", "have"},
                                                                 {"'ve", "have"},
                                                                 {"'d", "would"},
                                                                 {"does", "do"},
                                                                 {"did", "do"},
                                                                 {"done", "do"},
                                                                 {"'ll", "will"},
                                                                 {"wo", "will"},
                                                                 {"ca", "can"},
                                                                 {"arose", "arise"},
                                                                 {"arisen", "arise"},
                                                                 {"awoke", "awake"},
                                                                 {"bore", "bear"},
                                                                 {"borne", "bear"},
                                                                 {"beat", "beat"},
                                                                 {"beaten", "beat"},
                                                                 {"became", "become"},
                                                                 {"began", "begin"},
                                                                 {"begun", "begin"},
                                                                 {"bent", "bend"},
                                                                 {"bet", "bet"},
                                                                 {"bid", "bid"},
                                                                 {"bound", "bind"},
                                                                 {"bit", "bite"},
                                                                 {"bitten", "bite"},
                                                                 {"bled", "bleed"},
                                                                 {"blew", "blow"},
                                                                 {"blown", "blow"},
                                                                 {"broke", "break"},
                                                                 {"broken", "break"},
                                                                 {"bred", "breed"},
                                                                 {"brought", "bring"},
                                                                 {"broadcast", "broadcast"},
                                                                 {"built", "build"},
                                                                 {"burnt", "burn"},
                                                                 {"burst", "burst"},
                                                                 {"bought", "buy"},
                                                                 {"cast", "cast"},
                                                                 {"caught", "catch"},
                                                                 {"chose", "choose"},
                                                                 {"chosen", "choose"},
                                                                 {"clung", "cling"},
                                                                 {"came", "come"},
                                                                 {"cost", "cost"},
                                                                 {"crept", "creep"},
                                                                 {"cut", "cut"},
                                                                 {"dealt", "deal"},
                                                                 {"dug", "dig"},
                                                                 {"drew", "draw"},
                                                                 {"drawn", "draw"},
                                                                 {"dreamt", "dream"},
                                                                 {"drank", "drink"},
                                                                 {"drunk", "drink"},
                                                                 {"drove", "drive"},
                                                                 {"driven", "drive"},
                                                                 {"ate", "eat"},
                                                                 {"eaten", "eat"},
                                                                 {"fell", "fall"},
                                                                 {"fallen", "fall"},
                                                                 {"fed", "feed"},
                                                                 {"felt", "feel"},
                                                                 {"fought", "fight"},
                                                                 {"found", "find"},
                                                                 {"fled", "flee"},
                                                                 {"flung", "fling"},
                                                                 {"flew", "fly"},
                                                                 {"flown", "fly"},
                                                                 {"forbade", "forbid"},
                                                                 {"forbidden", "forbid"},
                                                                 {"forecast", "forecast"},
                                                                 {"foresaw", "foresee"},
                                                                 {"foreseen", "foresee"},
                                                                 {"forgot", "forget"},
                                                                 {"forgotten", "forget"},
                                                                 {"forgave", "forgive"},
                                                                 {"forgiven", "forgive"},
                                                                 {"froze", "freeze"},
                                                                 {"frozen", "freeze"},
                                                                 {"got", "get"},
                                                                 {"gotten", "get"},
                                                                 {"gave", "give"},
                                                                 {"given", "give"},
                                                                 {"went", "go"},
                                                                 {"gone", "go"},
                                                                 {"ground", "grind"},
                                                                 {"grew", "grow"},
                                                                 {"grown", "grow"},
                                                                 {"hung", "hang"},
                                                                 {"heard", "hear"},
                                                                 {"hid", "hide"},
                                                                 {"hidden", "hide"},
                                                                 {"hit", "hit"},
                                                                 {"held", "hold"},
                                                                 {"hurt", "hurt"},
                                                                 {"kept", "keep"},
                                                                 {"knelt", "kneel"},
                                                                 {"knew", "know"},
                                                                 {"known", "know"},
                                                                 {"laid", "lay"},
                                                                 {"led", "lead"},
                                                                 {"leapt", "leap"},
                                                                 {"learnt", "learn"},
                                                                 {"left", "leave"},
                                                                 {"lent", "lend"},
                                                                 {"let", "let"},
                                                                 {"lay", "lie"},
                                                                 {"lain", "lie"},
                                                                 {"lit", "light"},
                                                                 {"lost", "lose"},
                                                                 {"made", "make"},
                                                                 {"meant", "mean"},
                                                                 {"met", "meet"},
                                                                 {"mislaid", "mislay"},
                                                                 {"misled", "mislead"},
                                                                 {"mistook", "mistake"},
                                                                 {"mistaken", "mistake"},
                                                                 {"misunderstood", "misunderstand"},
                                                                 {"overcame", "overcome"},
                                                                 {"overran", "overrun"},
                                                                 {"overrode", "override"},
                                                                 {"overridden", "override"},
                                                                 {"oversaw", "oversee"},
                                                                 {"overseen", "oversee"},
                                                                 {"overthrew", "overthrow"},
                                                                 {"overthrown", "overthrow"},
                                                                 {"overtook", "overtake"},
                                                                 {"overtaken", "overtake"},
                                                                 {"paid", "pay"},
                                                                 {"proved", "prove"},
                                                                 {"proven", "prove"},
                                                                 {"put", "put"},
                                                                 {"quit", "quit"},
                                                                 {"read", "read"},
                                                                 {"rebuilt", "rebuild"},
                                                                 {"redid", "redo"},
                                                                 {"rid", "rid"},
                                                                 {"rode", "ride"},
                                                                 {"ridden", "ride"},
                                                                 {"rang", "ring"},
                                                                 {"rung", "ring"},
                                                                 {"rose", "rise"},
                                                                 {"risen", "rise"},
                                                                 {"ran", "run"},
                                                                 {"said", "say"},
                                                                 {"saw", "see"},
                                                                 {"seen", "see"},
                                                                 {"sought", "seek"},
                                                                 {"sold", "sell"},
                                                                 {"sent", "send"},
                                                                 {"set", "set"},
                                                                 {"shook", "shake"},
                                                                 {"shaken", "shake"},
                                                                 {"shed", "shed"},
                                                                 {"shone", "shine"},
                                                                 {"shot", "shoot"},
                                                                 {"shown", "show"},
                                                                 {"shrank", "shrink"},
                                                                 {"shrunk", "shrink"},
                                                                 {"shut", "shut"},
                                                                 {"sang", "sing"},
                                                                 {"sung", "sing"},
                                                                 {"sank", "sink"},
                                                                 {"sunk", "sink"},
                                                                 {"sat", "sit"},
                                                                 {"slept", "sleep"},
                                                                 {"slid", "slide"},
                                                                 {"slung", "sling"},
                                                                 {"slit", "slit"},
                                                                 {"spoke", "speak"},
                                                                 {"spoken", "speak"},
                                                                 {"sped", "speed"},
                                                                 {"spent", "spend"},
                                                                 {"spun", "spin"},
                                                                 {"spat", "spit"},
                                                                 {"split", "split"},
                                                                 {"spread", "spread"},
                                                                 {"sprang", "spring"},
                                                                 {"sprung", "spring"},
                                                                 {"stood", "stand"},
                                                                 {"stole", "steal"},
                                                                 {"stolen", "steal"},
                                                                 {"stuck", "stick"},
                                                                 {"stung", "sting"},
                                                                 {"stank", "stink"},
                                                                 {"strode", "stride"},
                                                                 {"struck", "strike"},
                                                                 {"stricken", "strike"},
                                                                 {"strove", "strive"},
                                                                 {"striven", "strive"},
                                                                 {"swore", "swear"},
                                                                 {"sworn", "swear"},
                                                                 {"swept", "sweep"},
                                                                 {"swam", "swim"},
                                                                 {"swum", "swim"},
                                                                 {"swung", "swing"},
                                                                 {"took", "take"},
                                                                 {"taken", "take"},
                                                                 {"taught", "teach"},
                                                                 {"tore", "tear"},
                                                                 {"torn", "tear"},
                                                                 {"told", "tell"},
                                                                 {"thought", "think"},
                                                                 {"threw", "throw"},
                                                                 {"thrown", "throw"},
                                                                 {"thrust", "thrust"},
                                                                 {"trod", "tread"},
                                                                 {"trodden", "tread"},
                                                                 {"underwent", "undergo"},
                                                                 {"undergone", "undergo"},
                                                                 {"understood", "understand"},
                                                                 {"undertook", "undertake"},
                                                                 {"undertaken", "undertake"},
                                                                 {"undid", "undo"},
                                                                 {"undone", "undo"},
                                                                 {"upheld", "uphold"},
                                                                 {"upset", "upset"},
                                                                 {"woke", "wake"},
                                                                 {"woken", "wake"},
                                                                 {"wore", "wear"},
                                                                 {"worn", "wear"},
                                                                 {"wove", "weave"},
                                                                 {"woven", "weave"},
                                                                 {"wept", "weep"},
                                                                 {"won", "win"},
                                                                 {"wound", "wind"},
                                                                 {"withdrew", "withdraw"},
                                                                 {"withdrawn", "withdraw"},
                                                                 {"withheld", "withhold"},
                                                                 {"withstood", "withstand"},
                                                                 {"wrung", "wring"},
                                                                 {"wrote", "write"},
                                                                 {"written", "write"},
                                                                 {"dies", "die"},
                                                                 {"lies", "lie"},
                                                                 {"ties", "tie"},
                                                                 {"died", "die"},
                                                                 {"lied", "lie"},
                                                                 {"tied", "tie"},
                                                                 {"dying", "die"},
                                                                 {"lying", "lie"},
                                                                 {"tying", "tie"},
                                                                 {"vying", "vie"},
                                                                 {"sees", "see"},
                                                                 {"goes", "go"},
                                                                 {"agrees", "agree"},
                                                                 {"frees", "free"},
                                                                 {"flees", "flee"},
                                                                 {"seeing", "see"},
                                                                 {"agreeing", "agree"},
                                                                 {"fleeing", "flee"},
                                                                 {"freeing", "free"},
                                                                 {"guaranteeing", "guarantee"},
                                                                 {"created", "create"},
                                                                 {"creating", "create"},
                                                                 {"taxes", "tax"},
                                                                 {"fixes", "fix"},
                                                                 {"mixes", "mix"},
                                                                 {"focuses", "focus"},
                                                                 {"focused", "focus"},
                                                                 {"focusing", "focus"},
                                                                 {"biased", "bias"},
                                                                 {"visited", "visit"},
                                                                 {"visiting", "visit"},
                                                                 {"limited", "limit"},
                                                                 {"exited", "exit"},
                                                                 {"edited", "edit"},
                                                                 {"credited", "credit"},
                                                                 {"benefited", "benefit"},
                                                                 {"profited", "profit"},
                                                                 {"united", "unite"},
                                                                 {"invited", "invite"},
                                                                 {"cited", "cite"},
                                                                 {"excited", "excite"},
                                                                 {"incited", "incite"},
                                                                 {"recited", "recite"},
                                                                 {"ignited", "ignite"},
                                                                 {"uniting", "unite"},
                                                                 {"inviting", "invite"},
                                                                 {"citing", "cite"},
                                                                 {"completed", "complete"},
                                                                 {"competed", "compete"},
                                                                 {"deleted", "delete"},
                                                                 {"depleted", "deplete"},
                                                                 {"completing", "complete"},
                                                                 {"competing", "compete"},
                                                                 {"postponed", "postpone"},
                                                                 {"condoned", "condone"},
                                                                 {"atoned", "atone"},
                                                                 {"postponing", "postpone"},
                                                                 {"welcomed", "welcome"},
                                                                 {"welcoming", "welcome"},
                                                                 {"escaped", "escape"},
                                                                 {"escaping", "escape"},
                                                                 {"reshaped", "reshape"},
                                                                 {"controlled", "control"},
                                                                 {"controlling", "control"},
                                                                 {"patrolled", "patrol"},
                                                                 {"patrolling", "patrol"},
                                                                 {"compelled", "compel"},
                                                                 {"expelled", "expel"},
                                                                 {"propelled", "propel"},
                                                                 {"repelled", "repel"},
                                                                 {"dispelled", "dispel"},
                                                                 {"excelled", "excel"},
                                                                 {"expelling", "expel"},
                                                                 {"added", "add"},
                                                                 {"adding", "add"},
                                                                 {"restored", "restore"},
                                                                 {"restoring", "restore"},
                                                                 {"ignored", "ignore"},
                                                                 {"ignoring", "ignore"},
                                                                 {"explored", "explore"},
                                                                 {"exploring", "explore"},
                                                                 {"stored", "store"},
                                                                 {"scored", "score"},
                                                                 {"deplored", "deplore"},
                                                                 {"implored", "implore"},
                                                                 {"reconciled", "reconcile"},
                                                                 {"exiled", "exile"},
                                                                 {"consoled", "console"},
                                                                 {"paroled", "parole"},
                                                                 {"inhaled", "inhale"},
                                                                 {"exhaled", "exhale"},
                                                                 {"interfered", "interfere"},
                                                                 {"adhered", "adhere"},
                                                                 {"persevered", "persevere"},
                                                                 {"pardoned", "pardon"},
                                                                 {"abandoned", "abandon"},
                                                                 {"imprisoned", "imprison"},
                                                                 {"poisoned", "poison"},
                                                                 {"reasoned", "reason"},
                                                                 {"summoned", "summon"},
                                                                 {"pardoning", "pardon"},
                                                                 {"abandoning", "abandon"},
                                                                 {"summoning", "summon"}};
  return *m;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

int VowelGroups(std::string_view s) {
  int groups = 0;
  bool in = false;
  for (char c : s) {
    bool v = IsVowel(c) || (c == 'y' && !in && groups > 0);
    if (v && !in) ++groups;
    in = v;
  }
  return groups;
}

// The stem of a verb after "-ed" or "-ing" was cut off: undoubles "stopp", restores the "e" of
// "hop" (hoped), "creat", "arriv", "forc"... English doubles the final consonant of a stressed
// consonant-vowel-consonant syllable, so such a stem that was not doubled usually had an "e".
std::string RestoreVerbStem(std::string s) {
  const size_t n = s.size();
  if (n < 2) return s;
  char last = s[n - 1], prev = s[n - 2];
  if (last == prev && !IsVowel(last) && last != 'l' && last != 's' && last != 'z' && last != 'f')
    return s.substr(0, n - 1);  // stopp, planned, committ
  if (last == 'l' && prev == 'l') {
    // British "travelled", "cancelled": an unstressed "-el" doubled.
    if (n >= 4 && s[n - 3] == 'e' && VowelGroups(s) >= 2) return s.substr(0, n - 1);
    return s;
  }
  if (last == 'u') return s + "e";  // continue, issue, sue
  if (IsVowel(last) || last == 'w' || last == 'x' || last == 'y') return s;
  // "mimick", "panick": a "c" that took a "k" before the suffix.
  if (EndsWith(s, "ick") && VowelGroups(s) >= 2) return s.substr(0, n - 1);
  if (last == 'v' || last == 'c' || last == 'z') return s + "e";  // arrive, force, seize
  if (last == 's') return EndsWith(s, "ss") ? s : s + "e";        // cause, release; pass
  // "negotiat", "evaluat", "dominat" (but "treat", "float"; "create" is listed).
  if (n >= 3 && EndsWith(s, "at") && (!IsVowel(s[n - 3]) || s[n - 3] == 'i' || s[n - 3] == 'u'))
    return s + "e";
  if (std::string_view("bcdfgkptz").find(prev) != std::string_view::npos && last == 'l')
    return s + "e";  // trouble, settle, handle
  if (last == 'g' && (prev == 'r' || prev == 'l' || prev == 'd' || prev == 'a' || prev == 'e'))
    return s + "e";  // urge, indulge, judge, damage, allege
  if (last == 'g' && prev == 'n' && n >= 3 && (s[n - 3] == 'a' || s[n - 3] == 'e') && s != "bang" &&
      s != "hang" && s != "clang")
    return s + "e";  // change, arrange, challenge
  // A single vowel before the final consonant ("qu" counts as a consonant: "acquir").
  bool single_vowel = n >= 3 && IsVowel(prev) &&
                      (!IsVowel(s[n - 3]) || (s[n - 3] == 'u' && n >= 4 && s[n - 4] == 'q'));
  if (single_vowel) {
    if (VowelGroups(s) == 1) return s + "e";  // hope, vote, name, rule, base
    static const auto* e_endings = new std::unordered_set<std::string_view>{
        "id", "ud", "ad", "od", "ut", "ot", "ur", "ar", "ir", "um", "in",
        "iz", "ov", "iv", "ud", "ag", "ig", "ib", "ob", "ub", "uc", "yz",
        "ap", "ok", "ak", "uk", "ik", "im", "am", "om", "il", "ul", "ed"};
    if (e_endings->count(std::string_view(s).substr(n - 2))) return s + "e";
  }
  return s;
}

std::string VerbLemma(const std::string& lower, const std::string& tag) {
  // Base forms are their own lemma ("lay", "found" as VB are no "lie", "find"), but for the
  // present tense of "be" and clitics ("are", "'ve").
  if ((tag == "VB" || tag == "VBP") && !IsBeForm(lower) && lower != "'ve" && lower != "ca" &&
      lower != "wo")
    return lower;
  auto it = IrregularVerbs().find(lower);
  if (it != IrregularVerbs().end()) return std::string(it->second);
  const size_t n = lower.size();
  if (tag == "VBZ") {
    if (EndsWith(lower, "ies") && n > 4) return lower.substr(0, n - 3) + "y";
    if (EndsWith(lower, "sses") || EndsWith(lower, "shes") || EndsWith(lower, "ches") ||
        EndsWith(lower, "xes") || EndsWith(lower, "zzes") || EndsWith(lower, "oes"))
      return lower.substr(0, n - 2);
    if (EndsWith(lower, "s") && !EndsWith(lower, "ss") && n > 2) return lower.substr(0, n - 1);
    return lower;
  }
  if ((tag == "VBD" || tag == "VBN") && EndsWith(lower, "ed") && n > 3) {
    if (EndsWith(lower, "ied") && n > 4) return lower.substr(0, n - 3) + "y";
    if (EndsWith(lower, "eed")) {
      // "agreed", "freed", "guaranteed"; base forms mistagged as participles keep their "d".
      static const auto* bases = new std::unordered_set<std::string_view>{
          "need",    "heed",    "feed",   "speed", "breed", "bleed",
          "proceed", "succeed", "exceed", "seed",  "weed"};
      return bases->count(lower) ? lower : lower.substr(0, n - 1);
    }
    return RestoreVerbStem(lower.substr(0, n - 2));
  }
  if (tag == "VBG" && EndsWith(lower, "ing") && n > 4) {
    std::string stem = lower.substr(0, n - 3);
    if (EndsWith(stem, "y") || EndsWith(stem, "ee")) return stem;  // saying, agreeing
    return RestoreVerbStem(stem);
  }
  return lower;
}

std::string NounLemma(const std::string& lower) {
  static const auto* irregular =
      new std::unordered_map<std::string_view, std::string_view>{{"men", "man"},
                                                                 {"women", "woman"},
                                                                 {"children", "child"},
                                                                 {"feet", "foot"},
                                                                 {"teeth", "tooth"},
                                                                 {"mice", "mouse"},
                                                                 {"geese", "goose"},
                                                                 {"lives", "life"},
                                                                 {"wives", "wife"},
                                                                 {"knives", "knife"},
                                                                 {"leaves", "leaf"},
                                                                 {"thieves", "thief"},
                                                                 {"halves", "half"},
                                                                 {"wolves", "wolf"},
                                                                 {"shelves", "shelf"},
                                                                 {"crises", "crisis"},
                                                                 {"analyses", "analysis"},
                                                                 {"theses", "thesis"},
                                                                 {"bases", "base"},
                                                                 {"media", "media"},
                                                                 {"data", "data"},
                                                                 {"criteria", "criterion"},
                                                                 {"phenomena", "phenomenon"},
                                                                 {"news", "news"},
                                                                 {"series", "series"},
                                                                 {"species", "species"},
                                                                 {"talks", "talk"},
                                                                 {"arms", "arms"},
                                                                 {"forces", "force"},
                                                                 {"troops", "troop"},
                                                                 {"sanctions", "sanction"}};
  auto it = irregular->find(lower);
  if (it != irregular->end()) return std::string(it->second);
  const size_t n = lower.size();
  if (EndsWith(lower, "men") && n > 4) return lower.substr(0, n - 2) + "an";  // chairmen
  if (EndsWith(lower, "ies") && n > 4) return lower.substr(0, n - 3) + "y";
  if (EndsWith(lower, "sses") || EndsWith(lower, "shes") || EndsWith(lower, "ches") ||
      EndsWith(lower, "xes") || EndsWith(lower, "zes"))
    return lower.substr(0, n - 2);
  if (EndsWith(lower, "s") && !EndsWith(lower, "ss") && !EndsWith(lower, "us") &&
      !EndsWith(lower, "is") && n > 2)
    return lower.substr(0, n - 1);
  return lower;
}

std::string Lemma(const std::string& form, const std::string& tag) {
  std::string lower = Lower(form);
  // Curly apostrophes spell the same clitics.
  for (size_t at; (at = lower.find("\xE2\x80\x99")) != std::string::npos;)
    lower.replace(at, 3, "'");
  if (lower == "n't") return "not";
  if (IsProperTag(tag)) return form;
  if (tag == "PRP" && lower == "i") return "I";
  if (IsVerbTag(tag) || tag == "MD") return VerbLemma(lower, tag);
  if (tag == "NNS") return NounLemma(lower);
  return lower;
}

// The UPOS of a Penn tag, refined by the word's relation.
std::string Upos(const std::string& tag, const std::string& lower, const std::string& deprel) {
  if (IsPunctTag(tag)) return tag == "#" ? "SYM" : "PUNCT";
  if (IsVerbTag(tag)) {
    return deprel == "aux" || deprel == "aux:pass" || deprel == "cop" ? "AUX" : "VERB";
  }
  if (tag == "MD") return "AUX";
  if (tag == "NN" || tag == "NNS") return lower == "%" ? "SYM" : "NOUN";
  if (IsProperTag(tag)) return "PROPN";
  if (IsAdjTag(tag)) return "ADJ";
  if (IsAdvTag(tag)) return lower == "not" || lower == "n't" ? "PART" : "ADV";
  if (deprel == "mark" && (tag == "IN" || tag == "WDT" || tag == "DT")) return "SCONJ";
  if (tag == "IN") return "ADP";
  if (tag == "TO") return deprel == "case" ? "ADP" : "PART";
  if (tag == "DT" || tag == "WDT")
    return deprel == "det" || deprel == "det:predet" ? "DET" : "PRON";
  if (tag == "PDT") return "DET";
  if (tag == "CC") return "CCONJ";
  if (tag == "CD") return "NUM";
  if (tag == "PRP" || tag == "PRP$" || tag == "WP" || tag == "WP$" || tag == "EX") return "PRON";
  if (tag == "POS") return "PART";
  if (tag == "RP") return "ADP";
  if (tag == "WRB") return "ADV";
  if (tag == "UH") return "INTJ";
  if (tag == "$" || tag == "SYM") return "SYM";
  return "X";  // FW, LS, ADD, AFX, GW, XX and unknown tags
}

// ---------------------------------------------------------------------------------------------
// Head finding and labelling.

class Converter {
 public:
  explicit Converter(Tree tree) : t_(std::move(tree)) {}

  ParsedSentence Convert() {
    const int n = static_cast<int>(t_.forms.size());
    heads_.assign(n, -1);
    rels_.assign(n, "");
    MarkExistentials();
    FindHeads(t_.root);
    heads_[t_.nodes[t_.root].head_word] = -1;
    rels_[t_.nodes[t_.root].head_word] = "root";
    Attach(t_.root);
    MarkPassives();
    ParsedSentence out;
    for (int i = 0; i < n; ++i) {
      Word w;
      w.form = UnescapeForm(t_.forms[i]);
      w.xpos = t_.tags[i];
      w.lemma = Lemma(w.form, w.xpos);
      w.head = heads_[i] + 1;
      w.deprel = rels_[i];
      w.upos = Upos(w.xpos, Lower(w.form), w.deprel);
      if (!out.text.empty()) out.text += ' ';
      out.text += w.form;
      out.words.push_back(std::move(w));
    }
    return out;
  }

 private:
  Node& N(int id) { return t_.nodes[id]; }
  const Node& N(int id) const { return t_.nodes[id]; }
  const std::string& Cat(int id) const { return N(id).label; }
  const Node& Kid(int node, int k) const { return N(N(node).kids[k]); }
  const std::string& KidCat(int node, int k) const { return Kid(node, k).label; }
  std::string WordLower(int w) const { return Lower(t_.forms[w]); }
  const std::string& Tag(int w) const { return t_.tags[w]; }
  bool PunctKid(int node, int k) const {
    const Node& kid = Kid(node, k);
    return kid.Preterminal() && IsPunctTag(kid.label);
  }
  bool Separator(int node, int k) const {
    const std::string& c = KidCat(node, k);
    return c == "CC" || c == "CONJP" || PunctKid(node, k);
  }

  // Marks the verb phrase of "there is/are ..." so that "be" stays its head.
  void MarkExistentials() {
    for (Node& node : t_.nodes) {
      if (!IsClauseCat(node.label)) continue;
      bool there = false;
      for (int k : node.kids) {
        const Node& kid = N(k);
        if (kid.label == "NP" && kid.kids.size() == 1 && N(kid.kids[0]).label == "EX") there = true;
        if (kid.label == "VP" && there) {
          N(k).existential = true;
          break;
        }
      }
    }
  }

  // --- head rules ---

  // First kid in [begin, end) whose category is in `cats`, scanning from the left (or right);
  // with `by_category`, the categories are tried in order, each over the whole range (Collins'
  // "priority list"), otherwise the kids are scanned once for any of them.
  int Search(int node, int begin, int end, std::initializer_list<std::string_view> cats,
             bool left_to_right, bool by_category = true) const {
    auto match = [&](int k, std::string_view c) {
      const std::string& kc = KidCat(node, k);
      if (c == "VB*") return IsVerbTag(kc);
      if (c == "NN*") return IsNounTag(kc);
      if (c == "JJ*") return IsAdjTag(kc);
      return kc == c;
    };
    auto scan = [&](auto pred) {
      if (left_to_right) {
        for (int k = begin; k < end; ++k)
          if (pred(k)) return k;
      } else {
        for (int k = end - 1; k >= begin; --k)
          if (pred(k)) return k;
      }
      return -1;
    };
    if (by_category) {
      for (std::string_view c : cats) {
        int k = scan([&](int kk) { return match(kk, c); });
        if (k >= 0) return k;
      }
      return -1;
    }
    return scan([&](int kk) {
      for (std::string_view c : cats)
        if (match(kk, c)) return true;
      return false;
    });
  }

  int FirstNonPunct(int node, int begin, int end, bool left_to_right = true) const {
    if (left_to_right) {
      for (int k = begin; k < end; ++k)
        if (!PunctKid(node, k)) return k;
    } else {
      for (int k = end - 1; k >= begin; --k)
        if (!PunctKid(node, k)) return k;
    }
    return begin;
  }

  // Collins' noun phrase rules, with the possessive 's a dependent of its noun.
  int NounPhraseHead(int node, int begin, int end) const {
    if (end - begin > 1 && KidCat(node, end - 1) == "POS") --end;
    // "(NP (NP Old foes) (NP Gondor and Osgiliath))": a description before a name, as in "Prime
    // Minister Falastur"; the name heads.
    if (end - begin == 2 && KidCat(node, begin) == "NP" && KidCat(node, begin + 1) == "NP") {
      const Node& title = Kid(node, begin);
      const Node& name = Kid(node, begin + 1);
      if (IsProperTag(Tag(name.head_word)) && !IsProperTag(Tag(title.head_word)) &&
          N(title.kids.back()).label != "POS" && !TemporalPhrase(N(node).kids[begin + 1]))
        return begin + 1;
    }
    int k = Search(node, begin, end, {"NN", "NNP", "NNPS", "NNS", "NX", "JJR", "FW"}, false, false);
    if (k >= 0) return k;
    if ((k = Search(node, begin, end, {"NP"}, true)) >= 0) return k;
    if ((k = Search(node, begin, end, {"$", "ADJP", "PRN"}, false, false)) >= 0) return k;
    if ((k = Search(node, begin, end, {"CD"}, false)) >= 0) return k;
    if ((k = Search(node, begin, end, {"JJ", "JJS", "RB", "QP"}, false, false)) >= 0) return k;
    return FirstNonPunct(node, begin, end, false);
  }

  // The first verb of a verb phrase and, when it is an auxiliary or a copula, the complement that
  // heads the phrase instead (UD: content words head, auxiliaries and copulas depend on them).
  int VerbPhraseHead(int node, int begin, int end) const {
    int v = Search(node, begin, end, {"VB*", "MD", "TO"}, true, false);
    if (v < 0) {
      int k = Search(node, begin, end, {"VP", "ADJP", "NN*", "NP", "JJ*"}, true);
      return k >= 0 ? k : FirstNonPunct(node, begin, end);
    }
    const Node& verb = Kid(node, v);
    std::string form = WordLower(verb.word);
    bool aux = verb.label == "MD" || verb.label == "TO" || IsAuxiliaryForm(form);
    if (aux) {
      for (int k = v + 1; k < end; ++k) {
        const std::string& c = KidCat(node, k);
        // A modal over a subjectless clause is a parser's slip for a verb phrase ("would (S
        // acting ...)").
        bool clause = c == "S" && verb.label == "MD" && !HasSubject(N(node).kids[k]);
        if (c == "VP" || IsVerbTag(c) || c == "MD" || clause) {
          // "get" is an auxiliary of passives only ("got arrested").
          if (IsGetForm(form) && Tag(N(N(node).kids[k]).head_word) != "VBN") break;
          return k;
        }
      }
    }
    if (IsBeForm(form) && !N(node).existential) {
      int pred = -1;
      for (int k = v + 1; k < end && pred < 0; ++k) {
        const Node& kid = Kid(node, k);
        const std::string& c = kid.label;
        if ((c == "NP" && kid.function != "TMP") || c == "ADJP" || c == "PP" || c == "UCP" ||
            c == "QP" || IsNounTag(c) || IsAdjTag(c) || c == "CD" || c == "PRP" || c == "WHNP")
          pred = k;
      }
      if (pred < 0) pred = Search(node, v + 1, end, {"ADVP", "RB"}, true);
      if (pred >= 0) return pred;
    }
    return v;
  }

  // Prepositional phrases are headed by their complement; the preposition is its `case` (or
  // `mark` before a clause).
  int PrepositionalHead(int node, int begin, int end) const {
    int p =
        Search(node, begin, end, {"IN", "TO", "RP", "VBG", "VBN", "JJ", "RB", "NN"}, true, false);
    auto complement = [&](int k) {
      const std::string& c = KidCat(node, k);
      return IsNominalCat(c) || IsClausalComplement(c) || c == "ADJP" || c == "ADVP" || c == "PP" ||
             c == "QP" || c == "UCP" || c == "FRAG" || c == "NN" || c == "NNS" || c == "NNP" ||
             c == "NNPS" || c == "CD" || c == "PRP" || c == "RB" || c == "X";
    };
    for (int k = (p < 0 ? begin : p + 1); k < end; ++k)
      if (complement(k) && !(KidCat(node, k) == "RB" && k + 1 < end && complement(k + 1))) return k;
    return p >= 0 ? p : FirstNonPunct(node, begin, end);
  }

  int HeadByRules(int node, int begin, int end) const {
    const std::string& c = Cat(node);
    int k = -1;
    if (IsNominalCat(c)) {
      if (c == "WHNP") {
        k = Search(node, begin, end, {"NN", "NNP", "NNS", "NNPS", "NX", "NP"}, false, false);
        if (k < 0)
          k = Search(node, begin, end, {"WDT", "WP", "WP$", "WHADJP", "WHPP", "WHNP"}, true);
        return k >= 0 ? k : FirstNonPunct(node, begin, end);
      }
      return NounPhraseHead(node, begin, end);
    }
    if (c == "VP") return VerbPhraseHead(node, begin, end);
    if (c == "PP" || c == "WHPP") return PrepositionalHead(node, begin, end);
    if (c == "S")
      k = Search(node, begin, end, {"VP", "S", "SBAR", "ADJP", "UCP", "NP", "FRAG", "SINV"}, true);
    else if (c == "SINV")
      k = Search(node, begin, end,
                 {"VP", "VBZ", "VBD", "VBP", "VB", "MD", "S", "SINV", "ADJP", "NP"}, true);
    else if (c == "SQ")
      k = Search(node, begin, end, {"VP", "VBZ", "VBD", "VBP", "VB", "MD", "SQ"}, true);
    else if (c == "SBAR")
      k = Search(
          node, begin, end,
          {"S", "SQ", "SINV", "SBAR", "FRAG", "VP", "WHNP", "WHPP", "WHADVP", "WHADJP", "IN", "DT"},
          true);
    else if (c == "SBARQ")
      k = Search(node, begin, end, {"SQ", "S", "SINV", "SBARQ", "FRAG"}, true);
    else if (c == "ADJP" || c == "WHADJP")
      k = Search(node, begin, end,
                 {"JJ", "JJR", "JJS",  "VBN", "VBG", "ADJP", "NNS",  "NN", "NNP", "CD",
                  "QP", "$",   "ADVP", "RB",  "RBR", "RBS",  "SBAR", "DT", "FW",  "WRB"},
                 true);
    else if (c == "ADVP" || c == "WHADVP")
      k = Search(node, begin, end,
                 {"RB", "RBR", "RBS", "WRB", "FW", "ADVP", "TO", "CD", "JJR", "JJ", "IN", "NP",
                  "JJS", "NN"},
                 false);
    else if (c == "QP")
      k = Search(node, begin, end, {"CD", "$", "NNS", "NN", "JJ", "RB", "DT", "QP", "JJR", "JJS"},
                 false);
    else if (c == "PRT")
      k = Search(node, begin, end, {"RP"}, false);
    else if (c == "CONJP")
      k = Search(node, begin, end, {"CC", "RB", "IN"}, false);
    else if (c == "RRC")
      k = Search(node, begin, end, {"VP", "NP", "ADVP", "ADJP", "PP"}, false);
    else if (c == "LST")
      k = Search(node, begin, end, {"LS", ":"}, false);
    return k >= 0 ? k : FirstNonPunct(node, begin, end);
  }

  // A coordination "X , Y and Z": conjuncts separated by CC, CONJP and punctuation, at least one
  // of the separators a conjunction. Sets members and local heads; returns the head kid, or -1
  // when the node is no coordination.
  int CoordinationHead(int node) {
    Node& nd = N(node);
    const int n = static_cast<int>(nd.kids.size());
    bool conjunction = false;
    for (int k = 1; k + 1 < n; ++k) {
      const std::string& c = KidCat(node, k);
      if (c == "CC" || c == "CONJP") conjunction = true;
    }
    if (!conjunction) return -1;
    std::vector<std::pair<int, int>> segments;  // [begin, end) kid ranges
    for (int k = 0; k < n;) {
      if (Separator(node, k)) {
        ++k;
        continue;
      }
      int e = k;
      while (e < n && !Separator(node, e)) ++e;
      segments.push_back({k, e});
      k = e;
    }
    if (segments.size() < 2) return -1;
    // A conjunction must separate two of them (not just stand before the first: "But X said").
    bool separated = false;
    for (size_t s = 1; s < segments.size(); ++s)
      for (int k = segments[s - 1].second; k < segments[s].first; ++k) {
        const std::string& c = KidCat(node, k);
        separated |= c == "CC" || c == "CONJP";
      }
    if (!separated) return -1;
    nd.local_head.assign(n, -1);
    nd.members.clear();
    std::vector<int> seg_head;
    for (auto [b, e] : segments) seg_head.push_back(HeadByRules(node, b, e));
    // "the Arnor and Gondor governments", "economic and political ties": the conjuncts are
    // modifiers of one head noun, which ends the last segment.
    if (IsNominalCat(Cat(node)) && ModifierCoordination(node, segments, seg_head)) {
      int head = seg_head.back();
      for (size_t s = 0; s + 1 < segments.size(); ++s) {
        int member = segments[s].second - 1;
        nd.members.push_back(member);
        for (int k = segments[s].first; k < member; ++k) {
          bool same_name = IsProperTag(KidCat(node, k)) && IsProperTag(KidCat(node, member));
          nd.local_head[k] = same_name ? member : head;
        }
        nd.local_head[member] = head;
      }
      int last_first = segments.back().first;
      nd.members.push_back(last_first);
      for (int k = last_first; k < segments.back().second; ++k)
        if (k != head) nd.local_head[k] = head;
      return head;
    }
    for (size_t s = 0; s < segments.size(); ++s) {
      nd.members.push_back(seg_head[s]);
      for (int k = segments[s].first; k < segments[s].second; ++k)
        if (k != seg_head[s]) nd.local_head[k] = seg_head[s];
    }
    return seg_head.front();
  }

  bool ModifierCoordination(int node, const std::vector<std::pair<int, int>>& segments,
                            const std::vector<int>& seg_head) const {
    auto [lb, le] = segments.back();
    if (le - lb < 2 || seg_head.back() == lb) return false;
    for (int k = lb; k < le; ++k)
      if (!Kid(node, k).Preterminal()) return false;
    // A name after the conjunction ("President X and President Y Z") is a conjunct of its own.
    bool all_proper = true;
    for (int k = lb; k < le; ++k) all_proper &= IsProperTag(KidCat(node, k));
    if (all_proper) return false;
    const std::string& first = KidCat(node, lb);
    for (size_t s = 0; s + 1 < segments.size(); ++s) {
      int last = segments[s].second - 1;
      if (!Kid(node, last).Preterminal() || KidCat(node, last) != first) return false;
    }
    return IsNounTag(first) || IsAdjTag(first) || first == "CD" || first == "VBN" || first == "VBG";
  }

  // "Arnor met Gondor, a senior official said": UD (and the English treebanks) make the reported
  // clause the head and the reporting clause its parataxis; Collins' rules choose "said". Returns
  // the head kid; the reporting verb phrase's subject then depends on that verb phrase.
  int ReportedSpeech(int id, int head) {
    Node& node = N(id);
    if ((node.label != "S" && node.label != "SINV") || KidCat(id, head) != "VP") return head;
    int reported = -1;
    for (int k = 0; k < head; ++k)
      if (IsClauseCat(KidCat(id, k)) && HasSubject(node.kids[k])) reported = k;
    if (reported < 0) return head;
    bool comma = false;
    for (int k = reported + 1; k < head; ++k) comma |= PunctKid(id, k);
    if (!comma) return head;
    node.local_head.assign(node.kids.size(), -1);
    for (int k = reported + 1; k < static_cast<int>(node.kids.size()); ++k) {
      if (k == head || PunctKid(id, k)) continue;
      node.local_head[k] = head;
    }
    return reported;
  }

  // "almost five years": an adverb before a number modifies the number.
  void AttachQuantifierAdverbs(int id) {
    Node& node = N(id);
    if (!IsNominalCat(node.label)) return;
    for (int k = 0; k + 1 < static_cast<int>(node.kids.size()); ++k) {
      const std::string& c = KidCat(id, k);
      const std::string& next = KidCat(id, k + 1);
      if ((IsAdvTag(c) || c == "ADVP") && (next == "CD" || next == "QP") &&
          k + 1 != node.head_kid) {
        if (node.local_head.empty()) node.local_head.assign(node.kids.size(), -1);
        node.local_head[k] = k + 1;
      }
    }
  }

  // "cordoned off the roads (S leading into Mordor)": a participle clause right after the
  // object describes the object (acl), as it would inside the noun phrase.
  void AttachParticiplesToObjects(int id) {
    Node& node = N(id);
    if (node.label != "VP") return;
    for (int k = node.head_kid + 2; k < static_cast<int>(node.kids.size()); ++k) {
      const Node& kid = Kid(id, k);
      if (kid.label != "S" || HasSubject(node.kids[k]) || Tag(kid.head_word) != "VBG") continue;
      const Node& object = Kid(id, k - 1);
      if (object.label != "NP" || TemporalPhrase(node.kids[k - 1])) continue;
      if (node.local_head.empty()) node.local_head.assign(node.kids.size(), -1);
      node.local_head[k] = k - 1;
    }
  }

  void FindHeads(int id) {
    Node& node = N(id);
    if (node.Preterminal()) {
      node.head_word = node.word;
      return;
    }
    for (int k : node.kids) FindHeads(k);
    const int n = static_cast<int>(node.kids.size());
    int head = CoordinationHead(id);
    if (head < 0) head = ReportedSpeech(id, HeadByRules(id, 0, n));
    node.head_kid = head;
    node.head_word = N(node.kids[head]).head_word;
    if (node.members.empty()) {
      AttachQuantifierAdverbs(id);
      AttachParticiplesToObjects(id);
    }
  }

  // --- labels ---

  bool HasSubject(int clause) const { return SubjectKid(clause) >= 0; }
  // The subject of a clause: the last noun phrase before its head (or before kid `head`) that is
  // not a time ("Last week, Arnor met ..."); -1 when there is none.
  int SubjectKid(int clause, int head = -1) const {
    const Node& c = N(clause);
    int found = -1;
    if (head < 0) head = c.head_kid;
    if (!IsClauseCat(c.label) || head < 0) return found;
    for (int k = 0; k < head; ++k) {
      const Node& kid = N(c.kids[k]);
      if (IsNominalCat(kid.label) && kid.function != "TMP" && kid.function != "ADV" &&
          !TemporalPhrase(c.kids[k]))
        found = k;
    }
    return found;
  }

  // The lowest verb phrase chain's first verb tag of a clause: finite or not.
  std::string ClauseVerbTag(int clause) const {
    int id = clause;
    for (int steps = 0; steps < 8; ++steps) {
      const Node& n = N(id);
      if (n.Preterminal() || n.head_kid < 0) break;
      if (n.label == "VP") {
        for (int k : n.kids)
          if (IsVerbTag(N(k).label) || N(k).label == "MD" || N(k).label == "TO") return N(k).label;
      }
      id = n.kids[n.head_kid];
    }
    return "";
  }

  // The first word of a phrase.
  int FirstWord(int id) const {
    while (!N(id).Preterminal()) id = N(id).kids.front();
    return N(id).word;
  }

  bool TemporalPhrase(int id) const {
    const Node& n = N(id);
    if (n.function == "TMP") return true;
    if (!IsNominalCat(n.label) && !IsNounTag(n.label)) return false;
    std::string head = WordLower(n.head_word);
    if (!IsTemporalNoun(head)) return false;
    if (IsProperTag(Tag(n.head_word)) || head == "today" || head == "yesterday" ||
        head == "tomorrow" || head == "tonight")
      return true;
    // "last week", "this year", "each day": a temporal determiner before the noun.
    std::string first = WordLower(FirstWord(id));
    return first == "last" || first == "next" || first == "this" || first == "that" ||
           first == "each" || first == "every" || first == "earlier" || first == "later" ||
           first == "same";
  }

  // A prepositional phrase over a clause ("after signing the accord") is an adverbial clause.
  bool ClausalPP(int id) const {
    const Node& n = N(id);
    return n.head_kid >= 0 && IsClausalComplement(N(n.kids[n.head_kid]).label);
  }

  std::string AuxLabel(int verb_word, int head_word) const {
    const std::string& tag = Tag(verb_word);
    std::string form = WordLower(verb_word);
    if (tag == "TO") return "mark";
    bool head_verb = IsVerbTag(Tag(head_word)) || Tag(head_word) == "MD";
    if ((IsBeForm(form) || IsGetForm(form)) && Tag(head_word) == "VBN") return "aux:pass";
    if (IsBeForm(form) && !head_verb) return "cop";
    return "aux";
  }

  std::string Label(int node, int k, int h) {
    const Node& nd = N(node);
    const Node& kid = Kid(node, k);
    const std::string& c = kid.label;
    const std::string& pc = nd.label;
    if (kid.Preterminal() && IsPunctTag(c)) return "punct";
    if (c == "CC" || c == "CONJP") return "cc";
    if (c == "INTJ" || c == "UH") return "discourse";
    if (c == "PRN") return IsNominalCat(pc) ? "appos" : "parataxis";
    const int hw = Kid(node, h).head_word;
    if (IsNominalCat(pc)) return NominalLabel(node, k, h);
    if (pc == "VP") return VerbPhraseLabel(node, k, h, hw);
    if (IsClauseCat(pc)) return ClauseLabel(node, k, h, hw);
    if (pc == "PP" || pc == "WHPP") return PrepositionalLabel(node, k, h);
    if (pc == "SBAR") return SbarLabel(node, k, h);
    if (TemporalPhrase(nd.kids[k])) return "obl:tmod";
    if (pc == "ADJP" || pc == "WHADJP" || pc == "ADVP" || pc == "WHADVP") {
      if (IsAdvTag(c) || c == "ADVP" || c == "WRB") return "advmod";
      if (c == "PP") return ClausalPP(nd.kids[k]) ? "advcl" : "obl";
      if (IsNominalCat(c) || IsNounTag(c)) return "obl:npmod";
      if (c == "S") return pc == "ADJP" || pc == "WHADJP" ? "xcomp" : "advcl";
      if (c == "SBAR") return pc == "ADJP" ? "ccomp" : "advcl";
      if (IsAdjTag(c) || c == "ADJP") return "amod";
      if (c == "CD" || c == "QP") return "nummod";
      if (c == "DT") return "det";
      if (c == "IN" || c == "TO") return "case";
      return "advmod";
    }
    if (pc == "QP") {
      if (c == "CD" && k < h) return "compound";
      if (c == "TO" || c == "IN") return k + 1 == h || k > h ? "case" : "advmod";
      if (c == "$") return "dep";
      return "advmod";
    }
    if (pc == "CONJP" || pc == "PRT") return "fixed";
    return "dep";
  }

  std::string NominalLabel(int node, int k, int h) const {
    const Node& nd = N(node);
    const Node& kid = Kid(node, k);
    const std::string& c = kid.label;
    int id = nd.kids[k];
    if (c == "POS") return "case";
    if (kid.function == "TMP") return "nmod:tmod";
    if (c == "DT" || c == "WDT") return "det";
    if (c == "PDT") return "det:predet";
    if (c == "PRP$" || c == "WP$") return "nmod:poss";
    if (IsNominalCat(c) && !kid.kids.empty() && N(kid.kids.back()).label == "POS")
      return "nmod:poss";
    if (IsAdjTag(c) || c == "ADJP" || c == "VBN" || c == "VBG" || c == "JJP") return "amod";
    if (c == "CD" || c == "QP") return "nummod";
    if (IsAdvTag(c) || c == "ADVP" || c == "WRB") return "advmod";
    if (k < h) {
      if (IsNounTag(c) || IsNominalCat(c) || c == "FW" || c == "PRP" || c == "SYM" || c == "$")
        return "compound";
      if (c == "IN" || c == "TO") return "advmod";
      return "dep";
    }
    if (c == "PP" || c == "WHPP") return ClausalPP(id) ? "acl" : "nmod";
    if (IsNominalCat(c) || IsNounTag(c) || c == "PRP") {
      if (TemporalPhrase(id)) return "nmod:tmod";
      return "appos";
    }
    if (c == "SBAR") {
      const Node& first = N(kid.kids.front());
      bool relative = IsWhPhrase(first.label) || IsClauseCat(first.label) || first.label == "WDT";
      return relative ? "acl:relcl" : "acl";
    }
    if (c == "RRC") return "acl:relcl";
    if (c == "VP" || IsClauseCat(c)) return "acl";
    return "dep";
  }

  std::string ClauseLabel(int node, int k, int h, int hw) {
    const Node& nd = N(node);
    const Node& kid = Kid(node, k);
    const std::string& c = kid.label;
    int id = nd.kids[k];
    bool before = k < h;
    if (IsNominalCat(c) || IsNounTag(c) || c == "PRP" || c == "CD") {
      if (kid.kids.size() == 1 && N(kid.kids[0]).label == "EX") return "expl";
      if (TemporalPhrase(id)) return "obl:tmod";
      if (kid.function == "ADV") return "obl:npmod";
      if (before) return k == SubjectKid(node, h) ? "nsubj" : "obl:npmod";
      // Inverted subjects ("..., said the minister").
      return SubjectKid(node, h) < 0 ? "nsubj" : "obl:npmod";
    }
    if (c == "EX") return "expl";
    if (IsClauseCat(c)) {
      bool punct_between = false;
      for (int x = std::min(k, h) + 1; x < std::max(k, h); ++x) punct_between |= PunctKid(node, x);
      bool subject = HasSubject(id);
      if (before) {
        if (punct_between || SubjectKid(node, h) >= 0) return subject ? "ccomp" : "advcl";
        return "csubj";
      }
      return subject ? (punct_between ? "parataxis" : "ccomp") : "advcl";
    }
    if (c == "SBAR") return "advcl";
    if (c == "PP") return ClausalPP(id) ? "advcl" : "obl";
    if (IsAdvTag(c) || c == "ADVP" || c == "WHADVP" || c == "WRB") return "advmod";
    if (IsAdjTag(c) || c == "ADJP") return "advcl";
    if (IsVerbTag(c) || c == "MD" || c == "TO") return AuxLabel(kid.word, hw);
    // The reporting clause of "X met Y, an official said" (see ReportedSpeech).
    if (c == "VP") return IsClauseCat(KidCat(node, h)) ? "parataxis" : "dep";
    return "dep";
  }

  std::string VerbPhraseLabel(int node, int k, int h, int hw) {
    Node& nd = N(node);
    const Node& kid = Kid(node, k);
    const std::string& c = kid.label;
    int id = nd.kids[k];
    if (kid.Preterminal() && (IsVerbTag(c) || c == "MD" || c == "TO") && k < h)
      return AuxLabel(kid.word, hw);
    if (IsNominalCat(KidCat(node, h))) return "acl";  // see AttachParticiplesToObjects
    if (TemporalPhrase(id)) return "obl:tmod";
    bool predicate_head = !IsVerbTag(Tag(hw)) && Tag(hw) != "MD";
    if (IsNominalCat(c) || IsNounTag(c) || c == "PRP" || c == "CD" || c == "DT") {
      if (k < h) return "obl:npmod";
      if (nd.existential) return "nsubj";
      if (predicate_head) return "obl:npmod";
      // Two objects ("gave Gondor aid"): the first is the indirect one.
      int objects = 0, position = 0;
      for (int x = h + 1; x < static_cast<int>(nd.kids.size()); ++x) {
        const Node& o = Kid(node, x);
        if ((IsNominalCat(o.label) || IsNounTag(o.label) || o.label == "PRP") &&
            !TemporalPhrase(nd.kids[x])) {
          ++objects;
          if (x == k) position = objects;
        }
      }
      return objects >= 2 && position == 1 ? "iobj" : "obj";
    }
    if (c == "PP") return ClausalPP(id) ? "advcl" : "obl";
    if (c == "PRT" || c == "RP") return "compound:prt";
    if (IsAdvTag(c) || c == "ADVP" || c == "WHADVP" || c == "WRB") return "advmod";
    if (IsAdjTag(c) || c == "ADJP") return k < h ? "advmod" : "xcomp";
    bool comma_before = k > 0 && PunctKid(node, k - 1);
    if (IsClauseCat(c)) {
      if (k < h) return "advcl";
      std::string verb = ClauseVerbTag(id);
      bool finite = verb == "VBD" || verb == "VBZ" || verb == "VBP" || verb == "MD";
      if (HasSubject(id)) {
        if (finite || c != "S") return "ccomp";  // also after a colon or quote: "said: "We won""
        // "urged Gondor to restore ties", "made Gondor angry": the subject of the small clause is
        // the verb's object (as in Stanford and UD conversions).
        N(id).raise_subject_to = hw;
        return "xcomp";
      }
      if (comma_before) return "advcl";
      return "xcomp";
    }
    if (c == "SBAR") {
      N(id).complement = true;
      const Node& first = N(kid.kids.front());
      std::string word =
          first.Preterminal() || first.label == "WHNP" ? WordLower(FirstWord(id)) : "";
      if (first.label == "WHADVP") {
        std::string wh = WordLower(first.head_word);
        return wh == "how" || wh == "why" || wh == "whether" ? "ccomp" : "advcl";
      }
      if (word == "that" || word == "whether" || IsClauseCat(first.label) || first.label == "WHNP")
        return comma_before && word != "that" ? "advcl" : "ccomp";
      return "advcl";
    }
    if (c == "VP") return "xcomp";
    if (c == "SQ" || c == "SINV" || c == "SBARQ") return comma_before ? "parataxis" : "ccomp";
    return "dep";
  }

  std::string PrepositionalLabel(int node, int k, int h) const {
    const Node& kid = Kid(node, k);
    const std::string& c = kid.label;
    const Node& head = Kid(node, h);
    bool clausal = IsClausalComplement(head.label);
    if (k < h) {
      if (c == "IN" || c == "TO" || c == "RP" || c == "VBG" || c == "VBN" || c == "JJ" || c == "NN")
        return clausal ? "mark" : "case";
      if (IsAdvTag(c) || c == "ADVP") {
        // "(PP (RB instead) (PP of ...))", "because of": an adverb right before the complement,
        // with no preposition, is part of the preposition.
        bool preposition = false;
        for (int x = 0; x < h; ++x) {
          const std::string& o = KidCat(node, x);
          preposition |= o == "IN" || o == "TO";
        }
        return preposition || c == "ADVP" ? "advmod" : "case";
      }
      return "dep";
    }
    if (c == "PP") return "nmod";
    if (IsNominalCat(c)) return "appos";
    if (c == "SBAR" || IsClauseCat(c) || c == "VP") return "acl";
    if (IsAdvTag(c) || c == "ADVP") return "advmod";
    return "dep";
  }

  std::string SbarLabel(int node, int k, int h) const {
    const Node& nd = N(node);
    const Node& kid = Kid(node, k);
    const std::string& c = kid.label;
    if (k < h) {
      if (c == "IN" || c == "DT" || c == "TO") return "mark";
      // A verb's complement clause "that ...": a complementizer the parser took for a pronoun.
      if (nd.complement && (c == "WHNP" || c == "WDT") && WordLower(kid.head_word) == "that")
        return "mark";
      if (c == "WHNP" || c == "WDT" || c == "WP") {
        // The relative or interrogative pronoun is the clause's missing subject or object.
        int clause = nd.kids[h];
        return HasSubject(clause) ? "obj" : "nsubj";
      }
      if (c == "WHADVP" || c == "WRB" || IsAdvTag(c) || c == "ADVP") return "advmod";
      if (c == "WHPP") return "obl";
      if (c == "WHADJP") return "advmod";
      if (IsNominalCat(c)) return "obl:npmod";
    }
    return "dep";
  }

  void SetDependency(int dependent_word, int head_word, std::string label) {
    heads_[dependent_word] = head_word;
    rels_[dependent_word] = std::move(label);
  }

  // Attaches the head words of every node's dependents, parents before children (a verb phrase
  // may hand the subject of its small clause to its own verb).
  void Attach(int id) {
    Node& node = N(id);
    if (node.Preterminal()) return;
    const int n = static_cast<int>(node.kids.size());
    int subject = node.raise_subject_to >= 0 ? SubjectKid(id) : -1;
    const bool coordination = !node.members.empty();
    for (int k = 0; k < n; ++k) {
      if (k == node.head_kid) continue;
      int dep = N(node.kids[k]).head_word;
      if (k == subject) {
        SetDependency(dep, node.raise_subject_to, "obj");
        continue;
      }
      if (coordination) {
        const std::vector<int>& m = N(id).members;
        auto member = std::find(m.begin(), m.end(), k);
        if (member != m.end() && member != m.begin()) {
          SetDependency(dep, N(N(id).kids[m.front()]).head_word, "conj");
          continue;
        }
        if (Separator(id, k) && N(id).local_head[k] < 0) {
          // UD v2: conjunctions and commas attach to the conjunct that follows them.
          // Trailing punctuation ("... and Z .") belongs to the whole coordination.
          int next = N(id).head_kid;
          for (int x : m)
            if (x > k) {
              next = x;
              break;
            }
          bool cc = KidCat(id, k) == "CC" || KidCat(id, k) == "CONJP";
          bool before_first = k < m.front();
          SetDependency(dep, N(N(id).kids[next]).head_word,
                        cc ? (before_first ? "cc:preconj" : "cc") : "punct");
          continue;
        }
      }
      int local = N(id).head_kid;
      if (!N(id).local_head.empty() && N(id).local_head[k] >= 0) local = N(id).local_head[k];
      SetDependency(dep, N(N(id).kids[local]).head_word, Label(id, k, local));
    }
    for (int k = 0; k < n; ++k) Attach(N(id).kids[k]);
  }

  // UD passives: a verb with a passive auxiliary has a passive subject and a "by" agent.
  void MarkPassives() {
    const int n = static_cast<int>(heads_.size());
    std::vector<bool> passive(n, false);
    for (int w = 0; w < n; ++w)
      if (rels_[w] == "aux:pass" && heads_[w] >= 0) passive[heads_[w]] = true;
    // A participle modifying a noun ("memos sent by Bree") is passive too.
    for (int w = 0; w < n; ++w)
      if (rels_[w] == "acl" && Tag(w) == "VBN") passive[w] = true;
    for (int w = 0; w < n; ++w) {
      int h = heads_[w];
      if (h < 0 || !passive[h]) continue;
      if (rels_[w] == "nsubj") rels_[w] = "nsubj:pass";
      if (rels_[w] == "csubj") rels_[w] = "csubj:pass";
      if (rels_[w] == "obl") {
        for (int c = 0; c < n; ++c)
          if (heads_[c] == w && rels_[c] == "case" && WordLower(c) == "by") rels_[w] = "obl:agent";
      }
    }
  }

  Tree t_;
  std::vector<int> heads_;  // 0-based, -1 = root
  std::vector<std::string> rels_;
};

// ---------------------------------------------------------------------------------------------
// Alignment with the text.

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

// The length of the text at `p` that spells `form` (modulo case, quote styles, bracket kinds and
// dashes), or npos.
size_t MatchAt(std::string_view text, size_t p, std::string_view form) {
  static const std::vector<std::string_view> kDouble = {
      "\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "``", "''", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9E"};
  static const std::vector<std::string_view> kSingle = {"'", "\xE2\x80\x99", "\xE2\x80\x98", "`",
                                                        "\xE2\x80\xB2"};
  static const std::vector<std::string_view> kOpen = {"(", "[", "{"};
  static const std::vector<std::string_view> kClose = {")", "]", "}"};
  static const std::vector<std::string_view> kDash = {"--", "\xE2\x80\x94", "\xE2\x80\x93", "-"};
  static const std::vector<std::string_view> kEllipsis = {"...", "\xE2\x80\xA6", ". . ."};
  auto any_of = [&](const std::vector<std::string_view>& options) -> size_t {
    for (std::string_view o : options)
      if (text.compare(p, o.size(), o) == 0) return o.size();
    return std::string_view::npos;
  };
  if (form == "--") return any_of(kDash);
  if (form == "...") return any_of(kEllipsis);
  size_t start = p;
  for (size_t i = 0; i < form.size();) {
    if (p >= text.size()) return std::string_view::npos;
    char f = form[i];
    const std::vector<std::string_view>* group = nullptr;
    size_t consumed = 1;
    if (f == '"') group = &kDouble;
    if (f == '`' || f == '\'') {
      if (form.compare(i, 2, "``") == 0 || form.compare(i, 2, "''") == 0) {
        group = &kDouble;
        consumed = 2;
      } else {
        group = &kSingle;
      }
    }
    if (form.compare(i, 3, "\xE2\x80\x99") == 0 || form.compare(i, 3, "\xE2\x80\x98") == 0) {
      group = &kSingle;
      consumed = 3;
    }
    if (f == '(') group = &kOpen;
    if (f == ')') group = &kClose;
    if (group) {
      size_t len = any_of(*group);
      if (len == std::string_view::npos && group == &kDouble) len = any_of(kSingle);
      if (len == std::string_view::npos) return std::string_view::npos;
      p += len;
      i += consumed;
      continue;
    }
    char t = text[p];
    if (std::tolower(static_cast<unsigned char>(f)) != std::tolower(static_cast<unsigned char>(t)))
      return std::string_view::npos;
    ++p;
    ++i;
  }
  return p - start;
}

}  // namespace

std::vector<ParsedSentence> PennTreesToDependencies(std::string_view text,
                                                    const PennSource& source) {
  PennReader reader(text, source);
  std::vector<ParsedSentence> out;
  for (Tree& tree : reader.ReadAll()) out.push_back(Converter(std::move(tree)).Convert());
  return out;
}

ParsedSentence PennToDependencies(std::string_view tree, const PennSource& source) {
  std::vector<ParsedSentence> all = PennTreesToDependencies(tree, source);
  if (all.size() != 1) {
    std::string where = source.origin.empty()
                            ? "line " + std::to_string(source.first_line)
                            : source.origin + ":" + std::to_string(source.first_line);
    throw InputError(where, "expected one Penn tree, found " + std::to_string(all.size()));
  }
  return std::move(all.front());
}

uint32_t AlignPennWords(std::string_view text, uint32_t offset, ParsedSentence* parse) {
  size_t pos = std::min<size_t>(offset, text.size());
  uint32_t last_end = offset;
  bool all = true;
  std::vector<Word>& words = parse->words;
  auto skip_space = [&](size_t p) {
    while (p < text.size() && IsSpace(text[p])) ++p;
    return p;
  };
  // Where `form` stands at p (after white space), else shortly after it: a word the tree lost
  // may be skipped, but a missing word must not make the alignment jump far ahead.
  auto find = [&](size_t p, std::string_view form, size_t* length) -> size_t {
    p = skip_space(p);
    size_t limit = std::min(text.size(), p + 8);
    for (size_t q = p; q < limit; q += Utf8Length(text[q])) {
      size_t len = MatchAt(text, q, form);
      if (len != std::string_view::npos && len > 0) {
        *length = len;
        return q;
      }
    }
    return std::string_view::npos;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    Word& w = words[i];
    size_t start = skip_space(pos);
    size_t len = w.form.empty() ? std::string_view::npos : MatchAt(text, start, w.form);
    size_t at = len == std::string_view::npos || len == 0 ? std::string_view::npos : start;
    if (at == std::string_view::npos && IsPunctTag(w.xpos)) {
      // Punctuation the text lacks: CoreNLP repeats the period of a sentence-final abbreviation
      // ("U.S." + "."), and trees end with a "." the text may not have. An empty span where it
      // would stand keeps the sentence's offsets.
      w.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos)};
      continue;
    }
    if (at == std::string_view::npos) at = find(pos, w.form, &len);
    if (at == std::string_view::npos && i + 1 < words.size()) {
      // A word CoreNLP respelled ("honour" -> "honor"): the text up to where the next word
      // starts, within one white-space-delimited token.
      size_t token_end = start;
      while (token_end < text.size() && !IsSpace(text[token_end])) ++token_end;
      for (size_t e = start + 1; e <= token_end && at == std::string_view::npos; ++e) {
        size_t next = MatchAt(text, e == token_end ? skip_space(e) : e, words[i + 1].form);
        if (next != std::string_view::npos && next > 0) {
          at = start;
          len = e - start;
        }
      }
    }
    if (at == std::string_view::npos) {
      all = false;
      continue;
    }
    w.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + len)};
    w.form = std::string(text.substr(at, len));
    pos = at + len;
    last_end = static_cast<uint32_t>(pos);
  }
  parse->has_spans = all && !words.empty();
  return last_end;
}

}  // namespace dyad
