// The seed articles (../shared/data/seeds) coded end to end with dyad's own models and
// dictionaries: the events a careful analyst codes, with their actors, codes and dates.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_util.h"

namespace dyad {
namespace {

using testing_util::RunDyad;
using testing_util::SharedDataDir;

// "article sentence SOURCE CODE TARGET date" for every event of the seeds.
std::multiset<std::string> SeedEvents(std::string* raw) {
  auto r = RunDyad("code --quiet " + SharedDataDir() + "/seeds");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  *raw = r.out;
  std::multiset<std::string> out;
  size_t pos = 0;
  while (pos < r.out.size()) {
    size_t nl = r.out.find('\n', pos);
    auto e = nlohmann::json::parse(r.out.substr(pos, nl - pos));
    pos = nl + 1;
    out.insert(e["article"].get<std::string>().substr(0, 3) + " " +
               std::to_string(e["sentence"].get<int>()) + " " +
               e["source"]["code"].get<std::string>() + " " + e["cameo"].get<std::string>() + " " +
               e["target"]["code"].get<std::string>() + " " +
               (e["date"].is_null() ? "null" : e["date"].get<std::string>()));
  }
  return out;
}

TEST(SeedsTest, AnalystEventsAreCodedWithActorsCodesAndDates) {
  if (SharedDataDir().empty()) GTEST_SKIP() << "../shared/data is absent; seed test skipped";
  std::string raw;
  auto events = SeedEvents(&raw);
  for (const char* expected : {
           // 19 February 2026: To Lam's phone talks with former Senator Leahy (caption and body).
           "000 0 VNMGOV 041 USAELI 2026-02-19",
           "000 2 VNMGOV 041 USAELI 2026-02-19",
           // The General Secretary receives Assistant Secretary of State DeSombre (undated).
           "001 1 VNMGOV 043 USAGOV null",
           "001 1 USAGOV 042 VNMGOV null",
           // 2023: Blinken renews the invitation; Trong receives Blinken on 15 April; the
           // 29 March phone call with Biden.
           "002 0 USAGOV 036 VNMGOV 2023-04-16",
           "002 1 VNMGOV 043 USAGOV 2023-04-15",
           "002 1 USAGOV 042 VNMGOV 2023-04-15",
           "002 3 VNMGOV 041 USAGOV 2023-03-29",
       }) {
    EXPECT_EQ(events.count(expected), 1u) << expected << "\n" << raw;
  }
  // No conflict events (quad classes 3 and 4: CAMEO roots 09-20) in these cooperative articles.
  for (const std::string& e : events) {
    std::string code = e.substr(e.find(' ', e.find(' ', e.find(' ') + 1) + 1) + 1, 2);
    EXPECT_LT(code, "09") << e;
  }
}

}  // namespace
}  // namespace dyad
