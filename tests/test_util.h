// Helpers for tests: temporary directories, running the dyad binary, locating shared reference
// data.
#ifndef DYAD_TESTS_TEST_UTIL_H_
#define DYAD_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <string>

namespace dyad::testing_util {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  // Writes `content` to `name` inside the directory and returns its path.
  std::string Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `args` (a shell-quoted argument string) with the dyad binary built beside the tests.
CommandResult RunDyad(const std::string& args, const std::string& stdin_file = "");

// ../shared/data beside the repository, or "" when it is absent (tests then skip).
std::string SharedDataDir();

// Reads a whole file.
std::string ReadFile(const std::string& path);

}  // namespace dyad::testing_util

#endif  // DYAD_TESTS_TEST_UTIL_H_
