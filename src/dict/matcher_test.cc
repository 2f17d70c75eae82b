#include "dyad/dict/matcher.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

const std::string kFixtures = std::string(DYAD_SOURCE_DIR) + "/src/dict/testdata/dyad";

class MatcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    set_ = new DictionarySet(LoadDyadDictionaries(kFixtures));
    matcher_ = new DictionaryMatcher(*set_);
  }
  static void TearDownTestSuite() {
    delete matcher_;
    delete set_;
  }

  // "CODE[begin,end)" for every actor found in `text` on `date`.
  static std::vector<std::string> Find(std::string_view text, const char* date) {
    std::vector<std::string> out;
    for (const CodedActor& c : matcher_->FindActors(PrepareText(text), *Date::Parse(date))) {
      out.push_back(c.code + "[" + std::to_string(c.begin) + "," + std::to_string(c.end) + ")");
    }
    return out;
  }

  static DictionarySet* set_;
  static DictionaryMatcher* matcher_;
};

DictionarySet* MatcherTest::set_ = nullptr;
DictionaryMatcher* MatcherTest::matcher_ = nullptr;

TEST_F(MatcherTest, LongestActorNameWithDatedCode) {
  MatchTokens tokens = PrepareText("Talks with To Lam ended");
  auto match = matcher_->MatchActorAt(tokens, 2, *Date::Parse("2026-02-19"));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->begin, 2u);
  EXPECT_EQ(match->end, 4u);
  EXPECT_EQ(match->code, "VNMGOV");
  EXPECT_EQ(match->entry->display_name, "To Lam");
  EXPECT_EQ(match->role->note, "General Secretary");
  EXPECT_EQ(set_->Where(match->role->source), kFixtures + "/actors/people.txt:25");
  EXPECT_FALSE(matcher_->MatchActorAt(tokens, 0, *Date::Parse("2026-02-19")).has_value());
  // Within a token range: "To" alone is no name.
  EXPECT_FALSE(matcher_->MatchActorAt(tokens, 2, *Date::Parse("2026-02-19"), 3).has_value());
  MatchTokens sentence = PrepareText("Vietnamese foreign minister met US officials");
  auto in_range = matcher_->FindActors(sentence, *Date::Parse("2024-01-01"), 0, 2);
  ASSERT_EQ(in_range.size(), 1u);
  EXPECT_EQ(in_range[0].code, "VNM");  // the agent lies outside the range
  in_range = matcher_->FindActors(sentence, *Date::Parse("2024-01-01"), 4);
  ASSERT_EQ(in_range.size(), 1u);
  EXPECT_EQ(in_range[0].code, "USA");
  EXPECT_EQ(in_range[0].begin, 4u);
  EXPECT_EQ(Find("To Lam", "2020-01-01"), std::vector<std::string>{"VNMCOP[0,2)"});
  EXPECT_EQ(Find("To Lam", "2016-04-08"), std::vector<std::string>{"VNMELI[0,2)"});
  EXPECT_EQ(Find("To Lam", "2024-05-22"), std::vector<std::string>{"VNMGOV[0,2)"});
  EXPECT_EQ(Find("Viet Nam and the United States", "2024-01-01"),
            (std::vector<std::string>{"VNM[0,2)", "USA[4,6)"}));
  EXPECT_EQ(Find("ASEAN", "2024-01-01"), std::vector<std::string>{"IGOSEAASN[0,1)"});
  EXPECT_EQ(Find("Association of Southeast Asian Nations", "2024-01-01"),
            std::vector<std::string>{"IGOSEAASN[0,5)"});
}

TEST_F(MatcherTest, EnglishDemonymsNameThePeopleInThePlural) {
  EXPECT_EQ(Find("Americans protested", "2024-01-01"), std::vector<std::string>{"USA[0,1)"});
  EXPECT_EQ(Find("American protesters", "2024-01-01"), std::vector<std::string>{"USA[0,1)"});
  // A demonym without a plural of its own gets none.
  EXPECT_EQ(Find("Vietnameses", "2024-01-01"), std::vector<std::string>{});
}

TEST_F(MatcherTest, VietnameseWithAndWithoutDiacritics) {
  EXPECT_EQ(Find("Tô Lâm", "2026-02-19"), std::vector<std::string>{"VNMGOV[0,2)"});
  EXPECT_EQ(Find("TÔ LÂM", "2026-02-19"), std::vector<std::string>{"VNMGOV[0,2)"});
  EXPECT_EQ(Find("to lam", "2020-01-01"), std::vector<std::string>{"VNMCOP[0,2)"});
  // "Lâm Đồng" and "Lam Dong" share a key without diacritics with nothing else here.
  EXPECT_EQ(Find("Lam Dong", "2020-01-01"), std::vector<std::string>{"VNMGOV[0,2)"});
  EXPECT_EQ(Find("Việt Nam", "2020-01-01"), std::vector<std::string>{"VNM[0,2)"});
  EXPECT_EQ(Find("Viet Nam", "2020-01-01"), std::vector<std::string>{"VNM[0,2)"});
}

TEST_F(MatcherTest, AgentsAttachToCountries) {
  EXPECT_EQ(Find("Vietnamese foreign minister", "2024-01-01"),
            std::vector<std::string>{"VNMGOV[0,3)"});
  EXPECT_EQ(Find("Vietnam's foreign minister", "2024-01-01"),
            std::vector<std::string>{"VNMGOV[0,4)"});
  EXPECT_EQ(Find("the foreign minister of Vietnam", "2024-01-01"),
            std::vector<std::string>{"VNMGOV[1,5)"});
  EXPECT_EQ(Find("Trợ lý Ngoại trưởng Mỹ", "2024-01-01"), std::vector<std::string>{"USAGOV[0,5)"});
  EXPECT_EQ(Find("Tro ly Ngoai truong My", "2024-01-01"), std::vector<std::string>{"USAGOV[0,5)"});
  EXPECT_EQ(Find("Tổng Bí thư Tô Lâm", "2026-02-19"), std::vector<std::string>{"VNMGOV[0,5)"});
  // A person keeps the code of the date even with a title.
  EXPECT_EQ(Find("Tổng Bí thư Tô Lâm", "2020-01-01"), std::vector<std::string>{"VNMCOP[0,5)"});
  EXPECT_EQ(Find("American rebels", "2024-01-01"), std::vector<std::string>{"USAREB[0,2)"});
  EXPECT_EQ(Find("the rebels", "2024-01-01"), std::vector<std::string>{"REB[1,2)"});
  EXPECT_EQ(Find("US chiefs of staff", "2024-01-01"), std::vector<std::string>{"USAGOV[0,4)"});
  auto agent = matcher_->MatchAgentAt(PrepareText("ministers met"), 0);
  ASSERT_TRUE(agent.has_value());
  EXPECT_EQ(agent->end, 1u);
  EXPECT_EQ(agent->entry->noun, "minister");
}

TEST_F(MatcherTest, NamesInCapitalsMatchOnlyCapitals) {
  EXPECT_EQ(Find("the US and ASEAN", "2024-01-01"),
            (std::vector<std::string>{"USA[1,2)", "IGOSEAASN[3,4)"}));
  EXPECT_EQ(Find("told us", "2024-01-01"), std::vector<std::string>{});
  EXPECT_EQ(Find("Us", "2024-01-01"), std::vector<std::string>{});
  EXPECT_EQ(Find("asean", "2024-01-01"), std::vector<std::string>{});
  EXPECT_EQ(Find("VIET NAM AND THE US", "2024-01-01"),
            (std::vector<std::string>{"VNM[0,2)", "USA[4,5)"}));
  EXPECT_TRUE(IsWrittenInCapitals("U.S."));
  EXPECT_TRUE(IsWrittenInCapitals("MTTQ"));
  EXPECT_TRUE(IsWrittenInCapitals("ĐẢNG"));
  EXPECT_FALSE(IsWrittenInCapitals("Đảng"));
  EXPECT_FALSE(IsWrittenInCapitals("G7"));
}

TEST_F(MatcherTest, CapitalisedNamesNeedACapitalInCasedText) {
  EXPECT_EQ(Find("Tô Lâm gặp Lâm Đồng", "2026-02-19"),
            (std::vector<std::string>{"VNMGOV[0,2)", "VNMGOV[3,5)"}));
  EXPECT_EQ(Find("Ông tô lâm", "2026-02-19"),
            std::vector<std::string>{});  // cased text, lower-case name
  EXPECT_EQ(Find("tô lâm", "2026-02-19"),
            std::vector<std::string>{"VNMGOV[0,2)"});  // text without case
  EXPECT_EQ(Find("Người Việt", "2026-02-19"), std::vector<std::string>{"VNM[0,2)"});
  EXPECT_EQ(Find("Họ là người Việt", "2026-02-19"),
            std::vector<std::string>{"VNM[2,4)"});  // written lower-case
  EXPECT_TRUE(StartsWithCapital("Đà Nẵng"));
  EXPECT_FALSE(StartsWithCapital("người Việt"));
  // The first letter decides, after any ASCII or other leading non-letters.
  EXPECT_TRUE(StartsWithCapital("\"Hanoi"));
  EXPECT_FALSE(StartsWithCapital("3rd"));
  EXPECT_TRUE(StartsWithCapital("12 Đà"));
  EXPECT_TRUE(StartsWithCapital("“Ánh"));
  EXPECT_FALSE(StartsWithCapital("“ánh"));
  EXPECT_FALSE(StartsWithCapital("2026"));
  EXPECT_FALSE(StartsWithCapital(""));
}

TEST_F(MatcherTest, LanguageFilter) {
  DictionaryMatcher vi_only(*set_, "vi");
  auto found =
      vi_only.FindActors(PrepareText("Vietnamese foreign minister"), *Date::Parse("2024-01-01"));
  EXPECT_TRUE(found.empty());
  found = vi_only.FindActors(PrepareText("Ngoại trưởng Việt Nam"), *Date::Parse("2024-01-01"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].code, "VNMGOV");
}

TEST_F(MatcherTest, VerbLookupByForm) {
  auto refs = matcher_->FindVerb("gặp");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].block->name, "gặp");
  EXPECT_EQ(refs[0].block->patterns.size(), 2u);
  refs = matcher_->FindVerb("gấp");  // diacritics distinguish verbs
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].block->name, "gấp");
  EXPECT_TRUE(matcher_->FindVerb("nothing").empty());
  refs = matcher_->FindVerb("GAP");  // no exact form: falls back to the diacritic-free key
  EXPECT_EQ(refs.size(), 2u);
}

TEST(MatcherStandaloneTest, EnglishVerbFormsAndPetrarchAgents) {
  DictionarySet set;
  ParseDyadFile("verb meet {met}\n  040  *\nverb visit\n  042  *\n", "v.txt", "en", &set);
  ParsePetrarchFile("HUMAN_RIGHTS_BODY  [NGO~]\nPOLICE {} [ ~COP]\n", "a.txt",
                    PetrarchFileKind::kAgents, &set);
  ParsePetrarchFile("FRANCE [FRA]\n+FRENCH\n", "b.txt", PetrarchFileKind::kActors, &set);
  ASSERT_TRUE(set.problems.empty());
  DictionaryMatcher matcher(set);
  EXPECT_EQ(matcher.FindVerb("met").size(), 1u);
  EXPECT_EQ(matcher.FindVerb("visited").size(), 1u);
  EXPECT_EQ(matcher.FindVerb("Visiting")[0].block->name, "visit");
  auto found = matcher.FindActors(PrepareText("a French human rights body and French police"),
                                  *Date::Parse("2024-01-01"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].code, "NGOFRA");
  EXPECT_EQ(found[1].code, "FRACOP");
  // `{}`: no plural is derived.
  EXPECT_FALSE(matcher.MatchAgentAt(PrepareText("polices"), 0).has_value());
}

// A place named after a country names nobody: not the place, not the country inside it; an agent
// noun starting at the same word and reaching further still wins.
TEST(MatcherStandaloneTest, PlacesNamedAfterCountriesAreNoActors) {
  DictionarySet set;
  ParseDyadFile(
      "actor China\n  code CHN\n  en China\n  vi Trung Quốc\n"
      "actor North Korea\n  code PRK\n  en North Korea\n  vi Triều Tiên\n"
      "place South China Sea\n  en South China Sea\n"
      "place Korean Peninsula\n  vi bán đảo Triều Tiên\n",
      "actors/places.txt", "", &set);
  ParseDyadFile("agent MIL\n  South China Sea fleet\n", "en/agents.txt", "en", &set);
  ASSERT_TRUE(set.problems.empty()) << set.problems[0].ToString();
  DictionaryMatcher matcher(set);
  const Date date = *Date::Parse("2024-01-01");
  auto codes = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const CodedActor& c : matcher.FindActors(PrepareText(text), date)) {
      out.push_back(c.code + "[" + std::to_string(c.begin) + "," + std::to_string(c.end) + ")");
    }
    return out;
  };
  EXPECT_EQ(codes("tensions in the South China Sea with China"),
            std::vector<std::string>{"CHN[7,8)"});
  EXPECT_EQ(codes("phi hạt nhân hóa bán đảo Triều Tiên"), std::vector<std::string>{});
  EXPECT_EQ(codes("Triều Tiên phóng tên lửa"), std::vector<std::string>{"PRK[0,2)"});
  EXPECT_EQ(codes("the South China Sea fleet"), std::vector<std::string>{"MIL[1,5)"});
}

TEST(MatcherStandaloneTest, FoldedVerbsVerbPhrasesAndWordSets) {
  DictionarySet set;
  ParseDyadFile(
      "set &SANCTION sanctions | economic sanctions | embargo\n"
      "verb back down\n  025  *\nverb impose\n  163  * &SANCTION on +\n",
      "v.txt", "en", &set);
  ASSERT_TRUE(set.problems.empty()) << set.problems[0].ToString();
  DictionaryMatcher matcher(set);
  // Folded words are looked up as they are; multi-word forms are announced by their first word.
  EXPECT_EQ(matcher.FindFoldedVerb("back down").size(), 1u);
  EXPECT_EQ(matcher.FindFoldedVerb("imposed").size(), 1u);
  EXPECT_TRUE(matcher.FindFoldedVerb("back").empty());
  EXPECT_TRUE(matcher.StartsVerbPhrase("back"));
  EXPECT_FALSE(matcher.StartsVerbPhrase("impose"));
  EXPECT_FALSE(matcher.StartsVerbPhrase("down"));
  const VerbPattern& pattern = set.verbs[1].patterns[0];
  const PatternItem* item = nullptr;
  for (const PatternItem& i : pattern.items)
    if (i.kind == PatternItem::Kind::kSet) item = &i;
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(matcher.InWordSet(*item, "embargo", "embargoes"));
  EXPECT_TRUE(matcher.InWordSet(*item, "sanction", "sanctions"));  // by the form
  EXPECT_FALSE(matcher.InWordSet(*item, "tariff", "tariffs"));
  EXPECT_EQ(matcher.MultiWordMembers(*item), std::vector<std::string>{"economic sanctions"});
  PatternItem unknown = *item;
  unknown.set_key = "9/NOSUCHSET";
  EXPECT_FALSE(matcher.InWordSet(unknown, "embargo", "embargo"));
  EXPECT_TRUE(matcher.MultiWordMembers(unknown).empty());
}

}  // namespace
}  // namespace dyad
