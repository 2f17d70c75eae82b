#include "dyad/core/date.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(DateTest, ParsesBothForms) {
  EXPECT_EQ(Date::Parse("2026-02-20")->ToString(), "2026-02-20");
  EXPECT_EQ(Date::Parse("19950101")->ToString(), "1995-01-01");
  EXPECT_FALSE(Date::Parse("2026-02-30"));
  EXPECT_FALSE(Date::Parse("2026-2-3"));
  EXPECT_FALSE(Date::Parse("20x60101"));
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_FALSE(Date::Parse("2023-02-29"));
}

TEST(DateTest, ArithmeticAndWeekday) {
  Date d = *Date::Parse("2026-02-20");
  EXPECT_EQ(d.Weekday(), 5);  // Friday
  EXPECT_EQ(d.AddDays(-1).ToString(), "2026-02-19");
  EXPECT_EQ(d.AddDays(10).ToString(), "2026-03-02");
  EXPECT_EQ(Date::Parse("1970-01-01")->DaysSinceEpoch(), 0);
  EXPECT_EQ(Date::Parse("1969-12-28")->Weekday(), 0);  // Sunday
  EXPECT_LT(*Date::Parse("2023-04-15"), *Date::Parse("2023-04-16"));
}

}  // namespace
}  // namespace dyad
