#include "dyad/coder/dates.h"

#include <gtest/gtest.h>

#include "dyad/text/segmenter.h"

namespace dyad {
namespace {

struct Found {
  std::string date;
  std::string text;
  DatePrecision precision;
};

std::vector<Found> Find(const std::string& text, const char* article) {
  std::optional<Date> a = article ? Date::Parse(article) : std::nullopt;
  std::vector<Found> out;
  for (const DateMention& m : FindDateMentions(Tokenize(text), a))
    out.push_back({m.date.ToString(), text.substr(m.span.begin, m.span.end - m.span.begin),
                   m.date.precision});
  return out;
}

std::string One(const std::string& text, const char* article = "2026-02-20") {
  auto f = Find(text, article);
  if (f.size() != 1) return "found " + std::to_string(f.size());
  return f[0].date + " [" + f[0].text + "]";
}

TEST(DatesTest, EnglishDayMonth) {
  EXPECT_EQ(One("held phone talks on February 19 afternoon"), "2026-02-19 [February 19]");
  EXPECT_EQ(One("a phone call on March 29, 2023, and"), "2023-03-29 [March 29, 2023]");
  EXPECT_EQ(One("met on 19 February"), "2026-02-19 [19 February]");
  EXPECT_EQ(One("met on Feb. 3rd"), "2026-02-03 [Feb. 3rd]");
  // Later in the year than the article: last year's date (news reports the past).
  EXPECT_EQ(One("talks on December 30", "2026-01-05"), "2025-12-30 [December 30]");
  EXPECT_EQ(One("in Hanoi on April 15.", "2023-04-16"), "2023-04-15 [April 15]");
  auto m = Find("in March 2023 the", nullptr);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].date, "2023-03-01");
  EXPECT_EQ(m[0].precision, DatePrecision::kMonth);
}

TEST(DatesTest, BareYearsHaveYearPrecision) {
  auto m = Find("upgraded their relations in 2023.", "2025-09-17");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].date, "2023-01-01");
  EXPECT_EQ(m[0].text, "2023");
  EXPECT_EQ(m[0].precision, DatePrecision::kYear);
  EXPECT_EQ(One("nâng cấp quan hệ năm 2023.", nullptr), "2023-01-01 [2023]");
  // A number that is no year, or a year without a preposition, is no date.
  EXPECT_EQ(One("in 12000 cases"), "found 0");
  EXPECT_EQ(One("the 2023 agreement"), "found 0");
  // Month forms keep month precision.
  EXPECT_EQ(Find("in March 2023", nullptr)[0].precision, DatePrecision::kMonth);
}

TEST(DatesTest, MonthsWithoutAYear) {
  auto m = Find("will visit Vietnam in October.", "2025-09-17");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].date, "2025-10-01");
  EXPECT_EQ(m[0].precision, DatePrecision::kMonth);
  EXPECT_EQ(One("sẽ thăm Việt Nam vào tháng 10.", "2025-09-17"), "2025-10-01 [tháng 10]");
  // Past months far after the article date belong to the year before.
  EXPECT_EQ(One("met in December.", "2025-03-01"), "2024-12-01 [December]");
  EXPECT_EQ(One("kéo dài 3 tháng.", "2025-09-17"), "found 0");  // a duration
  EXPECT_EQ(One("you may go", "2025-09-17"), "found 0");
  EXPECT_EQ(One("no date without an article: in October", nullptr), "found 0");
}

TEST(DatesTest, EnglishRelative) {
  // 2026-02-20 is a Friday.
  EXPECT_EQ(One("said on Wednesday"), "2026-02-18 [Wednesday]");
  EXPECT_EQ(One("said on Friday"), "2026-02-20 [Friday]");
  EXPECT_EQ(One("said last Friday"), "2026-02-13 [last Friday]");
  EXPECT_EQ(One("met yesterday"), "2026-02-19 [yesterday]");
  auto week = Find("visited last week", "2026-02-20");
  ASSERT_EQ(week.size(), 1u);
  EXPECT_EQ(week[0].date, "2026-02-13");
  EXPECT_EQ(week[0].precision, DatePrecision::kWeek);
  auto month = Find("signed last month", "2026-01-10");
  ASSERT_EQ(month.size(), 1u);
  EXPECT_EQ(month[0].date, "2025-12-01");
  EXPECT_EQ(month[0].precision, DatePrecision::kMonth);
  // Without an article date, relative expressions give nothing: no invented dates.
  EXPECT_TRUE(Find("met yesterday on Wednesday and on February 19", nullptr).empty());
  EXPECT_TRUE(Find("May I say this?", "2026-02-20").empty());
}

TEST(DatesTest, Vietnamese) {
  EXPECT_EQ(One("Ngày 19/2, Tổng Bí thư điện đàm"), "2026-02-19 [Ngày 19/2]");
  EXPECT_EQ(One("Chiều 15/4, tại Hà Nội", "2023-04-16"), "2023-04-15 [Chiều 15/4]");
  EXPECT_EQ(One("sáng 15/4/2023 tại", "2026-01-01"), "2023-04-15 [sáng 15/4/2023]");
  EXPECT_EQ(One("ngày 15.4.2023"), "2023-04-15 [ngày 15.4.2023]");
  EXPECT_EQ(One("ngày 19 tháng 2 năm 2026"), "2026-02-19 [ngày 19 tháng 2 năm 2026]");
  EXPECT_EQ(One("hôm qua"), "2026-02-19 [hôm qua]");
  EXPECT_EQ(One("vào thứ Tư"), "2026-02-18 [thứ Tư]");
  EXPECT_EQ(One("lần thứ hai"), "found 0");  // "the second time", not Monday
  auto m = Find("trong tháng 3/2023", nullptr);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].date, "2023-03-01");
  EXPECT_EQ(m[0].precision, DatePrecision::kMonth);
  EXPECT_EQ(One("tỷ số 2/1 trong trận"), "found 0");  // a score, not a date
}

TEST(DatesTest, EventDateIsTheNearestMentionElseTheArticle) {
  std::string text = "He hailed the call of March 29, 2023 and the visit on April 15.";
  auto mentions = FindDateMentions(Tokenize(text), Date::Parse("2023-04-16"));
  ASSERT_EQ(mentions.size(), 2u);
  DateSource source;
  auto d = ResolveEventDate(mentions, Span{44, 49}, Date::Parse("2023-04-16"), &source);  // "visit"
  EXPECT_EQ(d->ToString(), "2023-04-15");
  EXPECT_EQ(source, DateSource::kText);
  d = ResolveEventDate({}, Span{0, 2}, Date::Parse("2023-04-16"), &source);
  EXPECT_EQ(d->ToString(), "2023-04-16");
  EXPECT_EQ(source, DateSource::kArticle);
  EXPECT_FALSE(ResolveEventDate({}, Span{0, 2}, std::nullopt, &source));
  EXPECT_EQ(source, DateSource::kNone);
}

}  // namespace
}  // namespace dyad
