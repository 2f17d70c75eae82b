// A calendar date with an explicit precision, as event data needs it: "on February 19" is a day,
// "last week" a week, "tháng 3/2023" a month.
#ifndef DYAD_CORE_DATE_H_
#define DYAD_CORE_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace dyad {

enum class DatePrecision { kDay, kWeek, kMonth, kYear };

// "day", "week", "month", "year".
const char* DatePrecisionName(DatePrecision precision);

struct Date {
  int year = 0;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  DatePrecision precision = DatePrecision::kDay;

  // "YYYY-MM-DD" (always the full form; precision is carried separately).
  std::string ToString() const;
  // Days since 1970-01-01 (proleptic Gregorian); negative before.
  long DaysSinceEpoch() const;
  // REQUIRES: nothing. Returns the date `days` days after this one, with day precision.
  Date AddDays(long days) const;
  // 0 = Sunday .. 6 = Saturday.
  int Weekday() const;

  static Date FromDaysSinceEpoch(long days);
  // Parses "YYYY-MM-DD" or "YYYYMMDD"; nullopt when malformed or not a real calendar date.
  static std::optional<Date> Parse(std::string_view text);
  // True when year/month/day name a real calendar date (leap years included).
  static bool IsValid(int year, int month, int day);

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend auto operator<=>(const Date& a, const Date& b) {
    return a.DaysSinceEpoch() <=> b.DaysSinceEpoch();
  }
};

}  // namespace dyad

#endif  // DYAD_CORE_DATE_H_
