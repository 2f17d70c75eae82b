#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace dyad::testing_util {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("dyad_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& content) const {
  fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult RunDyad(const std::string& args, const std::string& stdin_file) {
  TempDir tmp;
  std::string out = tmp.File("out"), err = tmp.File("err");
  std::string cmd = std::string(DYAD_BINARY) + " " + args + " >" + out + " 2>" + err +
                    (stdin_file.empty() ? " </dev/null" : " <" + stdin_file);
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::string SharedDataDir() {
  fs::path p = fs::path(DYAD_SOURCE_DIR) / ".." / "shared" / "data";
  std::error_code ec;
  if (fs::is_directory(p, ec)) return fs::canonical(p).string();
  return "";
}

}  // namespace dyad::testing_util
