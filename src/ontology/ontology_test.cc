#include "dyad/ontology/ontology.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "dyad/core/error.h"

namespace dyad {
namespace {

const std::string kSharedData = std::string(DYAD_SOURCE_DIR) + "/../shared/data";

const Ontology& Tables() {
  static const Ontology ontology = Ontology::Load(std::string(DYAD_SOURCE_DIR) + "/data/ontology");
  return ontology;
}

TEST(OntologyTest, FindGivesNameGoldsteinRootQuadAndPlover) {
  const CameoCode* visit = Tables().Find("042");
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(visit->name, "Make a visit");
  EXPECT_DOUBLE_EQ(visit->goldstein, 1.9);
  EXPECT_EQ(visit->root, "04");
  EXPECT_EQ(visit->quad_class, QuadClass::kVerbalCooperation);
  EXPECT_EQ(visit->plover.event, "CONSULT");
  EXPECT_EQ(visit->plover.mode, "visit");
  EXPECT_EQ(visit->plover.context, "");

  const CameoCode* war_crimes = Tables().Find("1124");
  ASSERT_NE(war_crimes, nullptr);
  EXPECT_EQ(war_crimes->quad_class, QuadClass::kVerbalConflict);
  EXPECT_EQ(war_crimes->plover.context, "military;legal");

  EXPECT_EQ(Tables().Find("0874")->quad_class, QuadClass::kMaterialCooperation);
  EXPECT_EQ(Tables().Find("145")->quad_class, QuadClass::kMaterialConflict);
  EXPECT_DOUBLE_EQ(Tables().Find("2042")->goldstein, -10);
  EXPECT_EQ(Tables().Find("999"), nullptr);
  EXPECT_EQ(Tables().Find("04"), Tables().Find("04"));
  EXPECT_EQ(Tables().Find(""), nullptr);
}

TEST(OntologyTest, QuadClassesFollowGdeltConvention) {
  for (int root = 1; root <= 20; ++root) {
    QuadClass expected = root <= 5    ? QuadClass::kVerbalCooperation
                         : root <= 8  ? QuadClass::kMaterialCooperation
                         : root <= 13 ? QuadClass::kVerbalConflict
                                      : QuadClass::kMaterialConflict;
    EXPECT_EQ(QuadClassOfRoot(root), expected) << root;
  }
  for (const CameoCode& code : Tables().codes()) {
    EXPECT_EQ(code.root, code.code.substr(0, 2));
    EXPECT_EQ(code.quad_class, QuadClassOfRoot(std::stoi(code.root))) << code.code;
  }
  EXPECT_EQ(QuadClassName(QuadClass::kMaterialConflict), "material conflict");
}

TEST(OntologyTest, ActorCodes) {
  EXPECT_EQ(Tables().FindActorComponent("VNM")->name, "Vietnam");
  EXPECT_EQ(Tables().FindActorComponent("VNM")->kind, ActorComponentKind::kCountry);
  EXPECT_EQ(Tables().FindActorComponent("GOV")->kind, ActorComponentKind::kRole);
  EXPECT_EQ(Tables().FindActorComponent("SEA")->kind, ActorComponentKind::kRegion);
  for (const char* role : {"GOV", "MIL", "LEG", "JUD", "PTY", "OPP", "REB", "COP", "ELI", "MED",
                           "BUS", "CVL", "EDU", "HLH", "LAB", "REF", "SPY"}) {
    const ActorComponent* c = Tables().FindActorComponent(role);
    ASSERT_NE(c, nullptr) << role;
    EXPECT_EQ(c->kind, ActorComponentKind::kRole) << role;
  }
  EXPECT_EQ(Tables().CheckActorCode("VNMGOV"), "");
  EXPECT_EQ(Tables().CheckActorCode("IGOSEAASN"), "");
  EXPECT_EQ(Tables().CheckActorCode("USAGOVLEG"), "");
  EXPECT_EQ(Tables().CheckActorCode("GOV"), "");
  EXPECT_NE(Tables().CheckActorCode("VNMGO"), "");
  EXPECT_NE(Tables().CheckActorCode("vnmgov"), "");
  EXPECT_NE(Tables().CheckActorCode("XQZGOV"), "");
  EXPECT_EQ(Tables().CheckActorCode("PSEREBHMS"), "");  // organisation-specific components are open
  EXPECT_EQ(Tables().CheckActorCode("REL"), "");
  EXPECT_NE(Tables().CheckActorCode("ASN"), "");  // an organisation cannot come first
}

TEST(OntologyTest, LoadReportsFileAndLine) {
  auto dir = std::filesystem::temp_directory_path() / "dyad_ontology_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "cameo_events.tsv")
        << "# c\ncode\tgoldstein\tname\n01\t0\tStatement\n010\t12\tToo big\n";
    std::ofstream(dir / "cameo_plover.tsv") << "code\tevent\tmode\tcontext\n";
    std::ofstream(dir / "cameo_actors.tsv") << "code\tkind\tname\n";
  }
  try {
    Ontology::Load(dir.string());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), (dir / "cameo_events.tsv").string() + ":4");
  }
  std::ofstream(dir / "cameo_events.tsv") << "code\tgoldstein\tname\n01\t0\tStatement\n";
  try {
    Ontology::Load(dir.string());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no PLOVER row for CAMEO code 01"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
  EXPECT_THROW(Ontology::Load(dir.string()), ResourceError);
}

// Splits one CSV line with "quoted, fields".
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// Every code and Goldstein score of ours against the ICEWS copy of the CAMEO table. The documented
// differences: our Goldstein scores follow GDELT's scale where ICEWS revised a few; 1214 is in the
// CAMEO codebook but not in the ICEWS table; 1951 and 1952 are GDELT's aerial-munition subcodes.
TEST(OntologyTest, CrossCheckAgainstIcewsCameoTable) {
  std::ifstream in(kSharedData + "/cameo/cameo-codes.icews.csv");
  if (!in)
    GTEST_SKIP() << "reference table " << kSharedData << "/cameo/cameo-codes.icews.csv is absent";
  const std::map<std::string, double> kGoldsteinDifferences = {
      {"016", -2},  {"022", 3.2}, {"0334", 5.2}, {"124", -5},  {"1241", -5}, {"1242", -5},
      {"1243", -5}, {"1244", -5}, {"1245", -5},  {"1246", -5}, {"164", -7}};
  const std::set<std::string> kOnlyOurs = {"1214", "1951", "1952"};
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ASSERT_EQ(line, "code,name,goldstein,root_code");
  std::set<std::string> seen;
  int rows = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto f = SplitCsv(line);
    ASSERT_EQ(f.size(), 4u) << line;
    ++rows;
    seen.insert(f[0]);
    const CameoCode* code = Tables().Find(f[0]);
    ASSERT_NE(code, nullptr) << "ICEWS code " << f[0]
                             << " is missing from data/ontology/cameo_events.tsv";
    EXPECT_EQ(code->root, f[3]) << f[0];
    auto diff = kGoldsteinDifferences.find(f[0]);
    if (diff == kGoldsteinDifferences.end()) {
      EXPECT_DOUBLE_EQ(code->goldstein, std::stod(f[2]))
          << "undocumented Goldstein difference for " << f[0];
    } else {
      EXPECT_NE(code->goldstein, std::stod(f[2]))
          << f[0] << " is listed as a difference but agrees";
      EXPECT_DOUBLE_EQ(code->goldstein, diff->second) << f[0];
    }
  }
  EXPECT_EQ(rows, 312);
  for (const CameoCode& code : Tables().codes()) {
    if (!seen.count(code.code)) {
      EXPECT_TRUE(kOnlyOurs.count(code.code)) << "undocumented extra code " << code.code;
    }
  }
  for (const auto& code : kOnlyOurs) EXPECT_FALSE(seen.count(code)) << code;
  EXPECT_EQ(Tables().codes().size(), 315u);
}

// Every PLOVER coding of ours against the PLOVER 2021 conversion table. That table lists root codes
// as "03: AGREE" and codes as "030: AGREE, mode, context # comment". Documented differences: it has
// no rows for roots 01 and 02 (ours: 01 none, 02 REQUEST like 10), nor for 1951 and 1952 (ours:
// like 195); it lists root 08 twice (CONCEDE and RETREAT; either is accepted); for root 09 it gives
// no mode.
TEST(OntologyTest, CrossCheckAgainstPlover2021Table) {
  std::ifstream in(kSharedData + "/plover/CAMEO2PLOVER-2021.txt");
  if (!in)
    GTEST_SKIP() << "reference table " << kSharedData << "/plover/CAMEO2PLOVER-2021.txt is absent";
  auto trim = [](std::string s) {
    size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  std::multimap<std::string, std::vector<std::string>> reference;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    line = trim(line.substr(0, line.find('#')));
    if (line.empty() || line[0] == '~') continue;
    size_t colon = line.find(':');
    ASSERT_NE(colon, std::string::npos) << line;
    std::vector<std::string> f;
    std::stringstream rest(line.substr(colon + 1));
    std::string part;
    while (std::getline(rest, part, ',')) f.push_back(trim(part));
    f.resize(3);
    std::string context;  // "crime; corruption" -> "crime;corruption"
    std::stringstream contexts(f[2]);
    while (std::getline(contexts, part, ';')) context += (context.empty() ? "" : ";") + trim(part);
    f[2] = context;
    reference.emplace(trim(line.substr(0, colon)), f);
  }
  ASSERT_GT(reference.size(), 250u);
  for (const auto& [code, expected] : reference) {
    ASSERT_NE(Tables().Find(code), nullptr)
        << "PLOVER table code " << code << " is not in our codebook";
  }
  int compared = 0;
  std::set<std::string> absent;
  for (const CameoCode& code : Tables().codes()) {
    auto [first, last] = reference.equal_range(code.code);
    if (first == last) {
      absent.insert(code.code);
      continue;
    }
    ++compared;
    std::vector<std::string> ours = {code.plover.event, code.plover.mode, code.plover.context};
    bool any = false;
    for (auto it = first; it != last; ++it) any = any || it->second == ours;
    EXPECT_TRUE(any) << "undocumented PLOVER difference for " << code.code << ": ours " << ours[0]
                     << "," << ours[1] << "," << ours[2] << " reference " << first->second[0] << ","
                     << first->second[1] << "," << first->second[2];
  }
  std::set<std::string> expected_absent = {"1951", "1952"};
  for (const CameoCode& code : Tables().codes()) {
    if (code.root == "01" || code.root == "02") expected_absent.insert(code.code);
  }
  EXPECT_EQ(absent, expected_absent);
  EXPECT_EQ(compared, 315 - static_cast<int>(expected_absent.size()));
  EXPECT_EQ(Tables().Find("015")->plover.event, "");
  EXPECT_EQ(Tables().Find("0233")->plover.event, "REQUEST");
  EXPECT_EQ(Tables().Find("0233")->plover.context, "humanitarian");
}

}  // namespace
}  // namespace dyad
