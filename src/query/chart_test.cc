#include "dyad/query/chart.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>

namespace dyad {
namespace {

Timeline TwoMonths() {
  Timeline t;
  t.a = "VNM";
  t.b = "USA";
  t.period = Period::kMonth;
  TimelinePeriod feb;
  feb.label = "2026-02";
  feb.a_to_b.events = 4;
  feb.a_to_b.quad = {3, 0, 1, 0};
  feb.a_to_b.goldstein_sum = 2.0;
  feb.b_to_a.events = 2;
  feb.b_to_a.quad = {1, 1, 0, 0};
  feb.b_to_a.goldstein_sum = 6.0;
  feb.combined = feb.a_to_b;
  feb.combined.Add(feb.b_to_a);
  TimelinePeriod mar;
  mar.label = "2026-03";
  mar.b_to_a.events = 1;
  mar.b_to_a.quad = {0, 0, 0, 1};
  mar.b_to_a.goldstein_sum = -8.0;
  mar.combined = mar.b_to_a;
  t.periods = {feb, mar};
  return t;
}

int CountRects(const pugi::xml_document& doc, const char* fill) {
  int n = 0;
  for (pugi::xpath_node r : doc.select_nodes("//rect"))
    if (std::string(r.node().attribute("fill").value()) == fill) ++n;
  return n;
}

TEST(ChartTest, DrawsStackedQuadBarsLinesAxesAndLegend) {
  std::string svg = TimelineSvg(TwoMonths(), {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str())) << "the SVG must be well-formed XML";
  pugi::xml_node root = doc.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("width").value(), "960");
  // One legend swatch per quad class plus one bar segment per non-empty (period, quad).
  EXPECT_EQ(CountRects(doc, "#56B4E9"), 1 + 1);  // verbal cooperation: February
  EXPECT_EQ(CountRects(doc, "#0072B2"), 1 + 1);  // material cooperation: February
  EXPECT_EQ(CountRects(doc, "#E69F00"), 1 + 1);  // verbal conflict: February
  EXPECT_EQ(CountRects(doc, "#D55E00"), 1 + 1);  // material conflict: March
  std::string text;
  for (pugi::xpath_node t : doc.select_nodes("//text"))
    text += std::string(t.node().text().get()) + "|";
  EXPECT_NE(text.find("VNM – USA: events per month|"), std::string::npos) << text;
  EXPECT_NE(text.find("7 events (4 VNM→USA, 3 USA→VNM)"), std::string::npos) << text;
  EXPECT_NE(text.find("|2026-02|2026-03|"), std::string::npos) << text;
  EXPECT_NE(text.find("Verbal cooperation|Material cooperation|Verbal conflict|Material conflict"),
            std::string::npos);
  EXPECT_NE(text.find("Net cooperation|"), std::string::npos);
  // Two net-cooperation series: A→B has one point (no line segment needed), B→A two.
  EXPECT_EQ(doc.select_nodes("//path").size(), 2u);
  EXPECT_EQ(doc.select_nodes("//circle").size(), 3u);
  EXPECT_EQ(TimelineSvg(TwoMonths(), {}), svg);  // deterministic
}

TEST(ChartTest, EmptyTimelineSaysSo) {
  Timeline t;
  t.a = "VNM";
  t.b = "THA";
  std::string svg = TimelineSvg(t, {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  EXPECT_NE(svg.find("No dated events for this dyad"), std::string::npos);
}

}  // namespace
}  // namespace dyad
