// The Document model shared by all stages: an Article is split into Sentences of Tokens; the nlp
// stage turns a Sentence into a ParsedSentence of Words; the coder turns ParsedSentences into
// Events. All byte offsets point into Article::text after NFC normalisation.
#ifndef DYAD_CORE_DOCUMENT_H_
#define DYAD_CORE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dyad/core/date.h"

namespace dyad {

// A byte range [begin, end) into the article text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// One word of a dependency parse (a CoNLL-U row). `head` is 1-based, 0 for the root, -1 when
// unknown.
struct Word {
  std::string form;
  std::string lemma;
  std::string upos;
  std::string xpos;
  std::string feats;
  int head = -1;
  std::string deprel;
  std::string misc;
  // Byte span in the article text; empty when the parse came without offsets (then see has_spans).
  Span span;
};

// A CoNLL-U multiword token line ("3-4  don't"): words first..last (1-based) form one surface
// token.
struct MultiwordToken {
  int first = 0;
  int last = 0;
  std::string form;
  std::string misc;
};

// A sentence with its parse. Words are in surface order; Word::head indexes them 1-based.
struct ParsedSentence {
  std::string text;                   // the sentence text
  std::vector<std::string> comments;  // CoNLL-U comment lines without "# "
  std::vector<Word> words;
  std::vector<MultiwordToken> multiword_tokens;
  bool has_spans = false;  // true when Word::span values point into the article text
};

// A token produced by the text stage: a word (English) or a syllable (Vietnamese), with its span.
struct Token {
  Span span;
  std::string text;  // the token as it appears in the (NFC) article text
};

struct Sentence {
  int index = 0;         // 0-based position in the article
  Span span;             // byte range of the sentence in the article text
  std::string language;  // "en", "vi" or "und"
  std::vector<Token> tokens;
  // A parse supplied with the input (CoNLL-U, PETRARCH XML with a CoNLL-U parse or a Penn tree);
  // otherwise empty and the nlp stage parses the tokens.
  std::optional<ParsedSentence> given_parse;
};

// A gold event from a PETRARCH validation record (<EventCoding>).
struct GoldEvent {
  std::string source;
  std::string target;
  std::string code;
  // Any further attributes of the element (e.g. "noevents", "error"), kept verbatim.
  std::vector<std::pair<std::string, std::string>> attributes;
};

struct Article {
  std::string id;
  std::optional<Date> date;
  std::string language;  // declared by the input ("" when not given; the text stage identifies it)
  std::string title;
  std::string url;
  std::string text;  // NFC-normalised text
  // Where the article came from, for error messages: "path" or "path:line".
  std::string origin;
  // Sentences supplied pre-split with their parses (CoNLL-U, PETRARCH XML); empty for raw text.
  std::vector<ParsedSentence> given_parses;
  // PETRARCH validation data, when the input carries it.
  std::vector<GoldEvent> gold;
  std::string category;  // PETRARCH record category (e.g. "DEMO"), else empty
};

// An actor in an event: the code and the text it was found in.
struct EventActor {
  std::string code;
  std::string text;
  Span span;
  std::string entry;  // the dictionary entry that matched (for provenance)
};

struct PloverCoding {
  std::string event;
  std::string mode;
  std::string context;
};

enum class DateSource { kNone, kText, kArticle };

// One coded event: the record the README documents (see io/event_writer.h for the serialised form).
struct Event {
  std::string article;
  int sentence = 0;
  std::optional<Date> date;
  DateSource date_source = DateSource::kNone;
  std::string language;
  EventActor source;
  EventActor target;
  std::string cameo;
  std::string cameo_name;
  double goldstein = 0.0;
  int quad_class = 0;
  PloverCoding plover;
  std::string verb_text;
  Span verb_span;
  std::string verb_pattern;
  std::string text;  // the sentence text
  // Issue tags of the sentence ("MARITIME", "TRADE"): the dictionaries' issue phrases it mentions,
  // sorted, each once.
  std::vector<std::string> issues;
};

}  // namespace dyad

#endif  // DYAD_CORE_DOCUMENT_H_
