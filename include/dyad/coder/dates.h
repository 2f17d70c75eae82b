// Event dates: finds date expressions in a sentence ("on February 19", "March 29, 2023", "on
// Wednesday", "yesterday", "last week", "ngày 19/2", "chiều 15/4", "tháng 3/2023") and resolves
// them against the article date.
#ifndef DYAD_CODER_DATES_H_
#define DYAD_CODER_DATES_H_

#include <optional>
#include <string>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

// One date expression found in a sentence, resolved to a calendar date with its precision.
struct DateMention {
  Date date;              // date.precision says day, week, month or year
  Span span;              // byte span of the expression in the article text
  bool relative = false;  // resolved from the article date ("yesterday", "on Wednesday", "19/2")
};

// Finds the date expressions among `tokens` (from the text stage, spans into the article text).
// `article_date` anchors relative expressions and dates without a year; without it only expressions
// with a full year are resolved. A day-month without a year takes the article's year, or the year
// before when that would put it more than 31 days after the article date (news reports the past).
// Relative weekdays resolve to the most recent such day on or before the article date.
std::vector<DateMention> FindDateMentions(const std::vector<Token>& tokens,
                                          const std::optional<Date>& article_date);

// The date of an event whose verb is at `verb`: the date mention nearest the verb (ties: the one
// after it), else the article date, else none. Sets *source to kText, kArticle or kNone.
std::optional<Date> ResolveEventDate(const std::vector<DateMention>& mentions, Span verb,
                                     const std::optional<Date>& article_date, DateSource* source);

}  // namespace dyad

#endif  // DYAD_CODER_DATES_H_
