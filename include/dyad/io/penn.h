// Penn Treebank bracketed constituency trees, as Stanford CoreNLP writes them and PETRARCH's
// validation records carry them ("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)))))"),
// converted to Universal Dependencies (v2 relation names) so the coder can use them like a
// CoNLL-U parse.
//
// The conversion finds heads with Collins' head rules as de Marneffe et al. modified them for
// Stanford dependencies, then applies the UD content-head choices: auxiliaries and copulas depend
// on the main predicate, prepositions are `case` dependents of their noun ("talks with Gondor":
// Gondor is `obl`/`nmod` of the talks with `with` as `case`), the possessive 's is `case`, and a
// coordination is headed by its first conjunct.
#ifndef DYAD_IO_PENN_H_
#define DYAD_IO_PENN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

// Where a tree comes from, for error messages: `origin` is a file path (or any name), `first_line`
// the line of the tree's first byte in that file.
struct PennSource {
  std::string origin;
  int first_line = 1;
};

// Converts every tree in `text` (one or more bracketed trees, white space between them; a tree is
// "(ROOT ...)", "(TOP ...)", "( ...)" or a bare "(S ...)") into one ParsedSentence each.
// Labels may be in any case; function tags and indices ("NP-TMP", "NP-SBJ-1") are understood;
// empty elements (-NONE-) are dropped. Each word gets form (with -LRB-/-RRB- and the other
// bracket escapes undone, `` and '' as '"'), lemma (rule-based English morphology with the
// irregular verbs and nouns), upos (mapped from the Penn tag and the relation), xpos (the Penn
// tag), head and deprel; spans are left empty and has_spans false (see AlignPennWords).
// Throws InputError naming "origin:line" and what to fix when the input is not a well-formed
// tree: empty input, unbalanced brackets, text outside brackets, a word outside a preterminal,
// a node without a label or children.
std::vector<ParsedSentence> PennTreesToDependencies(std::string_view text,
                                                    const PennSource& source = {});

// Like PennTreesToDependencies for exactly one tree; throws InputError when `tree` holds more than
// one.
ParsedSentence PennToDependencies(std::string_view tree, const PennSource& source = {});

// Sets Word::span of each word of `parse` to where its form stands in `text`, searching from byte
// `offset` on (words are in order). Matching is tolerant of CoreNLP's normalisations: -LRB- for
// "(" or "[", `` and '' for straight or curly double quotes, ` and ' for single quotes, "--" for
// dashes, "..." for "…", escaped "\/" and "\*", case differences, and the "." CoreNLP adds after a
// sentence-final abbreviation ("U.S." + ".", given an empty span at the abbreviation's end). An
// aligned word takes the text's spelling as its form. Sets has_spans only when every word was
// found (as for CoNLL-U without offsets); returns the end of the last aligned word (`offset` when
// none was).
uint32_t AlignPennWords(std::string_view text, uint32_t offset, ParsedSentence* parse);

}  // namespace dyad

#endif  // DYAD_IO_PENN_H_
