// End-to-end tests of `dyad dict check` and `dyad dict lookup` on the fixtures in
// src/dict/testdata.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

const std::string kFixtures = std::string(DYAD_SOURCE_DIR) + "/src/dict/testdata";

// Runs the dyad binary with `args`; returns stdout and sets *status to the exit status.
std::string RunDyad(const std::string& args, int* status) {
  std::string command = std::string(DYAD_BINARY) + " " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  int raw = pclose(pipe);
  *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

TEST(DictCliTest, CheckPrintsCountsAndProblems) {
  int status = 0;
  std::string out = RunDyad("dict check --dict-dir " + kFixtures + "/dyad", &status);
  EXPECT_EQ(status, 3);  // misc/notes.txt is reported
  EXPECT_NE(out.find(kFixtures + "/dyad/actors/people.txt: 5 actors, 15 names, 3 roles\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(kFixtures + "/dyad/vi/verbs.txt: 2 verb blocks, 2 verbs, 3 patterns\n"),
            std::string::npos)
      << out;
  EXPECT_NE(
      out.find(kFixtures +
               "/dyad/misc/notes.txt: not read: dictionary files belong in actors/, en/ or vi/"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("1 problem\n"), std::string::npos) << out;
}

TEST(DictCliTest, LookupGivesDatedCodeAndEntry) {
  int status = 0;
  std::string dir = " --dict-dir " + kFixtures + "/dyad";
  std::string out = RunDyad("dict lookup \"To Lam\" --date 2026-02-19" + dir, &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(out.substr(0, out.find('\n')), "VNMGOV\tTo Lam");
  EXPECT_NE(out.find("role VNMGOV 2024-08-03 -  # General Secretary"), std::string::npos) << out;
  out = RunDyad("dict lookup \"To Lam\" --date 2020-01-01" + dir, &status);
  EXPECT_EQ(out.substr(0, out.find('\n')), "VNMCOP\tTo Lam");
  out = RunDyad("dict lookup \"Tổng Bí thư Tô Lâm\" --date 2026-02-19 --lang vi" + dir, &status);
  EXPECT_EQ(out.substr(0, out.find('\n')), "VNMGOV\tTổng Bí thư Tô Lâm");
  out = RunDyad("dict lookup \"Vietnamese foreign minister\" --date 2024-01-01 --lang en" + dir,
                &status);
  EXPECT_EQ(out.substr(0, out.find('\n')), "VNMGOV\tVietnamese foreign minister");
  out = RunDyad("dict lookup \"To Lam\" --date 2026-02-30" + dir, &status);
  EXPECT_EQ(status, 1);
}

}  // namespace
