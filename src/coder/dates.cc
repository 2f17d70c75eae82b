#include "dyad/coder/dates.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string_view>

namespace dyad {
namespace {

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (std::all_of(s.begin(), s.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (char c : s) out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) continue;
    c = u_tolower(c);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

// "january".."december", with common abbreviations ("feb", "feb.", "sept").
int MonthNumber(std::string_view w) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  if (w.size() < 3 || w.size() > 9) return 0;  // "may" .. "september"
  for (int m = 0; m < 12; ++m) {
    if (w[0] != kMonths[m][0]) continue;
    if (w == kMonths[m]) return m + 1;
    if (w.size() >= 3 && m != 4 && kMonths[m].substr(0, w.size()) == w && w.size() <= 4 &&
        (w.size() == 3 || w == "sept"))
      return m + 1;
  }
  return 0;
}

// English weekday names, 0 = Sunday.
int EnglishWeekday(std::string_view w) {
  static constexpr std::string_view kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                               "thursday", "friday", "saturday"};
  for (int d = 0; d < 7; ++d)
    if (w == kDays[d]) return d;
  return -1;
}

bool ParseNumber(std::string_view s, int* v) {
  if (s.empty() || s.size() > 4) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

// "19", "19th", "1st", "2nd", "3rd".
bool ParseDayOfMonth(std::string_view s, int* d) {
  if (s.size() > 2) {
    std::string_view suffix = s.substr(s.size() - 2);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") s.remove_suffix(2);
  }
  return ParseNumber(s, d) && *d >= 1 && *d <= 31;
}

// "19/2", "19/2/2026", "15.4.2023", "19-2-2026" (day first, as Vietnamese writes dates).
bool ParseNumericDate(std::string_view s, int* d, int* m, int* y) {
  *y = 0;
  char sep = 0;
  for (char c : s)
    if (c == '/' || c == '.' || c == '-') {
      sep = c;
      break;
    }
  if (!sep) return false;
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  if (!ParseNumber(parts[0], d) || !ParseNumber(parts[1], m)) return false;
  if (parts.size() == 3 && (!ParseNumber(parts[2], y) || parts[2].size() != 4)) return false;
  if (sep == '.' && parts.size() == 2) return false;  // "15.4" is a decimal number
  return *d >= 1 && *d <= 31 && *m >= 1 && *m <= 12;
}

// "3/2023" (month/year).
bool ParseMonthYear(std::string_view s, int* m, int* y) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  return ParseNumber(s.substr(0, slash), m) && ParseNumber(s.substr(slash + 1), y) && *m >= 1 &&
         *m <= 12 && s.size() - slash - 1 == 4;
}

bool IsYear(std::string_view s, int* y) {
  return s.size() == 4 && ParseNumber(s, y) && *y >= 1900 && *y <= 2100;
}

Date MakeDate(int y, int m, int d, DatePrecision p) {
  Date out;
  out.year = y;
  out.month = m;
  out.day = d;
  out.precision = p;
  return out;
}

// A day and month without a year: the article's year, or the one before when the date would fall
// more than 31 days after the article.
std::optional<Date> AnchorDayMonth(int d, int m, const std::optional<Date>& article) {
  if (!article) return std::nullopt;
  int y = article->year;
  if (!Date::IsValid(y, m, d)) return std::nullopt;
  Date candidate = MakeDate(y, m, d, DatePrecision::kDay);
  if (candidate.DaysSinceEpoch() - article->DaysSinceEpoch() > 31) {
    if (!Date::IsValid(y - 1, m, d)) return std::nullopt;
    candidate.year = y - 1;
  }
  return candidate;
}

// A month without a year ("in October", "tháng 10"): this year's, or last year's when it would
// begin more than 31 days after the article date.
std::optional<Date> AnchorMonth(int m, const std::optional<Date>& article) {
  std::optional<Date> d = AnchorDayMonth(1, m, article);
  if (d) d->precision = DatePrecision::kMonth;
  return d;
}

std::optional<Date> MostRecentWeekday(int weekday, const std::optional<Date>& article) {
  if (!article) return std::nullopt;
  int back = (article->Weekday() - weekday + 7) % 7;
  return article->AddDays(-back);
}

}  // namespace

std::vector<DateMention> FindDateMentions(const std::vector<Token>& tokens,
                                          const std::optional<Date>& article) {
  std::vector<DateMention> out;
  std::vector<std::string> w;
  w.reserve(tokens.size());
  for (const Token& t : tokens) w.push_back(Lower(t.text));
  const size_t n = tokens.size();
  auto at = [&](size_t i) -> std::string_view { return i < n ? std::string_view(w[i]) : ""; };
  auto add = [&](std::optional<Date> d, size_t first, size_t last, bool relative) {
    if (!d) return;
    out.push_back(DateMention{*d, Span{tokens[first].span.begin, tokens[last].span.end}, relative});
  };
  for (size_t i = 0; i < n; ++i) {
    int d = 0, m = 0, y = 0;
    // English: "February 19", "February 19, 2023", "Feb. 19th".
    if ((m = MonthNumber(at(i))) != 0) {
      if (ParseDayOfMonth(at(i + 1), &d)) {
        size_t last = i + 1;
        if (at(i + 2) == "," && IsYear(at(i + 3), &y)) {
          last = i + 3;
        } else if (IsYear(at(i + 2), &y)) {
          last = i + 2;
        }
        if (y) {
          if (Date::IsValid(y, m, d)) add(MakeDate(y, m, d, DatePrecision::kDay), i, last, false);
        } else {
          add(AnchorDayMonth(d, m, article), i, last, true);
        }
        i = last;
        continue;
      }
      // "March 2023": month precision.
      if (IsYear(at(i + 1), &y) && at(i) != "may") {
        add(MakeDate(y, m, 1, DatePrecision::kMonth), i, i + 1, false);
        ++i;
        continue;
      }
      // "in October": the month nearest the article date (not "may", a verb far more often).
      if (i > 0 && (at(i - 1) == "in" || at(i - 1) == "during") && at(i) != "may" &&
          at(i).back() != '.') {
        add(AnchorMonth(m, article), i, i, true);
        continue;
      }
    }
    // English: "19 February", "19 February 2023".
    if (ParseDayOfMonth(at(i), &d) && (m = MonthNumber(at(i + 1))) != 0 && at(i + 1) != "may.") {
      size_t last = i + 1;
      if (IsYear(at(i + 2), &y)) {
        last = i + 2;
        if (Date::IsValid(y, m, d)) add(MakeDate(y, m, d, DatePrecision::kDay), i, last, false);
      } else {
        add(AnchorDayMonth(d, m, article), i, last, true);
      }
      i = last;
      continue;
    }
    // ISO dates.
    if (at(i).size() == 10 && at(i)[4] == '-' && at(i)[7] == '-') {
      if (auto iso = Date::Parse(at(i))) add(*iso, i, i, false);
      continue;
    }
    // English relative expressions.
    if (at(i) == "yesterday") {
      if (article) add(article->AddDays(-1), i, i, true);
      continue;
    }
    if (at(i) == "today" || at(i) == "tonight") {
      if (article) add(*article, i, i, true);
      continue;
    }
    if (at(i) == "last" || at(i) == "this" || at(i) == "earlier") {
      size_t j = at(i) == "earlier" && at(i + 1) == "this" ? i + 1 : i;
      bool last = at(i) == "last";
      std::string_view unit = at(j + 1);
      if (article && (unit == "week" || unit == "month" || unit == "year")) {
        Date dt = *article;
        if (unit == "week") {
          dt = article->AddDays(last ? -7 : 0);
          dt.precision = DatePrecision::kWeek;
        } else if (unit == "month") {
          dt = last ? MakeDate(article->month == 1 ? article->year - 1 : article->year,
                               article->month == 1 ? 12 : article->month - 1, 1,
                               DatePrecision::kMonth)
                    : MakeDate(article->year, article->month, 1, DatePrecision::kMonth);
        } else {
          dt = MakeDate(last ? article->year - 1 : article->year, 1, 1, DatePrecision::kYear);
        }
        add(dt, i, j + 1, true);
        i = j + 1;
        continue;
      }
      int wd = EnglishWeekday(unit);
      if (wd >= 0 && last && article) {
        // "last Wednesday": the Wednesday of the previous week when today is past it.
        int back = (article->Weekday() - wd + 7) % 7;
        add(article->AddDays(-(back == 0 ? 7 : back)), i, j + 1, true);
        i = j + 1;
        continue;
      }
    }
    if (int wd = EnglishWeekday(at(i)); wd >= 0) {
      add(MostRecentWeekday(wd, article), i, i, true);
      continue;
    }
    // A bare year: "in 2023", "during 2019", Vietnamese "năm 2023" (year precision). Day and
    // month forms were taken above.
    if ((at(i) == "in" || at(i) == "during" || at(i) == "năm" || at(i) == "trong") &&
        IsYear(at(i + 1), &y)) {
      add(MakeDate(y, 1, 1, DatePrecision::kYear), i + 1, i + 1, false);
      ++i;
      continue;
    }
    // Vietnamese: "ngày 19/2", "chiều 15/4", "sáng 15/4/2023", "ngày 15.4.2023", "hôm 3/5".
    static const std::string_view kDayWords[] = {"ngày", "sáng", "chiều",     "tối",      "trưa",
                                                 "đêm",  "hôm",  "rạng sáng", "chiều tối"};
    bool day_word = false;
    for (std::string_view k : kDayWords) day_word |= at(i) == k;
    if (day_word && ParseNumericDate(at(i + 1), &d, &m, &y)) {
      if (y) {
        if (Date::IsValid(y, m, d)) add(MakeDate(y, m, d, DatePrecision::kDay), i, i + 1, false);
      } else {
        add(AnchorDayMonth(d, m, article), i, i + 1, true);
      }
      ++i;
      continue;
    }
    // "ngày 19 tháng 2 năm 2026".
    if (day_word && ParseDayOfMonth(at(i + 1), &d) && at(i + 2) == "tháng" &&
        ParseNumber(at(i + 3), &m) && m >= 1 && m <= 12) {
      size_t last = i + 3;
      if (at(i + 4) == "năm" && IsYear(at(i + 5), &y)) {
        last = i + 5;
        if (Date::IsValid(y, m, d)) add(MakeDate(y, m, d, DatePrecision::kDay), i, last, false);
      } else {
        add(AnchorDayMonth(d, m, article), i, last, true);
      }
      i = last;
      continue;
    }
    // "tháng 3/2023", "tháng 3 năm 2023": month precision.
    if (at(i) == "tháng") {
      if (ParseMonthYear(at(i + 1), &m, &y)) {
        add(MakeDate(y, m, 1, DatePrecision::kMonth), i, i + 1, false);
        ++i;
        continue;
      }
      if (ParseNumber(at(i + 1), &m) && m >= 1 && m <= 12 && at(i + 2) == "năm" &&
          IsYear(at(i + 3), &y)) {
        add(MakeDate(y, m, 1, DatePrecision::kMonth), i, i + 3, false);
        i += 3;
        continue;
      }
      // "tháng 10": a month without a year (not "3 tháng", a duration).
      if (ParseNumber(at(i + 1), &m) && m >= 1 && m <= 12 &&
          at(i + 1).find('/') == std::string::npos && at(i + 2) != "năm" && at(i + 2) != "/") {
        add(AnchorMonth(m, article), i, i + 1, true);
        ++i;
        continue;
      }
      if (at(i + 1) == "trước" && article) {
        add(MakeDate(article->month == 1 ? article->year - 1 : article->year,
                     article->month == 1 ? 12 : article->month - 1, 1, DatePrecision::kMonth),
            i, i + 1, true);
        ++i;
        continue;
      }
    }
    if (at(i) == "hôm" && at(i + 1) == "qua" && article) {
      add(article->AddDays(-1), i, i + 1, true);
      ++i;
      continue;
    }
    if (at(i) == "hôm" && at(i + 1) == "nay" && article) {
      add(*article, i, i + 1, true);
      ++i;
      continue;
    }
    if (at(i) == "tuần" && at(i + 1) == "trước" && article) {
      Date dt = article->AddDays(-7);
      dt.precision = DatePrecision::kWeek;
      add(dt, i, i + 1, true);
      ++i;
      continue;
    }
    if (at(i) == "năm" && (at(i + 1) == "ngoái" || at(i + 1) == "trước") && article) {
      add(MakeDate(article->year - 1, 1, 1, DatePrecision::kYear), i, i + 1, true);
      ++i;
      continue;
    }
    // Vietnamese weekdays: "thứ Hai" .. "thứ Bảy" (Monday..Saturday), "Chủ nhật" (Sunday).
    if (at(i) == "thứ") {
      static const std::string_view kViDays[] = {"", "hai", "ba", "tư", "năm", "sáu", "bảy"};
      for (int k = 1; k <= 6; ++k) {
        if (at(i + 1) == kViDays[k]) {
          // Only with a capital ("thứ Hai") do these name weekdays; "thứ hai" is also "second".
          if (!tokens[i + 1].text.empty() &&
              u_isupper(static_cast<UChar32>(static_cast<unsigned char>(tokens[i + 1].text[0])))) {
            add(MostRecentWeekday(k, article), i, i + 1, true);
            ++i;
          }
          break;
        }
      }
      continue;
    }
    if (at(i) == "chủ" && at(i + 1) == "nhật") {
      add(MostRecentWeekday(0, article), i, i + 1, true);
      ++i;
      continue;
    }
  }
  return out;
}

std::optional<Date> ResolveEventDate(const std::vector<DateMention>& mentions, Span verb,
                                     const std::optional<Date>& article_date, DateSource* source) {
  const DateMention* best = nullptr;
  long best_distance = 0;
  for (const DateMention& m : mentions) {
    long distance = m.span.begin >= verb.end
                        ? static_cast<long>(m.span.begin - verb.end)
                        : static_cast<long>(verb.begin) - static_cast<long>(m.span.end) + 1;
    distance = std::labs(distance);
    if (!best || distance < best_distance) {
      best = &m;
      best_distance = distance;
    }
  }
  if (best) {
    *source = DateSource::kText;
    return best->date;
  }
  if (article_date) {
    *source = DateSource::kArticle;
    return article_date;
  }
  *source = DateSource::kNone;
  return std::nullopt;
}

}  // namespace dyad
