// The `dyad` command line: a thin shell over the library. Subcommands live in cmd_*.cc.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>

#include "commands.h"
#include "dyad/core/error.h"

namespace dyad::cli {
namespace {

std::vector<std::pair<int, CommandSetup>>& Registry() {
  static std::vector<std::pair<int, CommandSetup>> registry;
  return registry;
}

}  // namespace

CommandRegistrar::CommandRegistrar(int order, CommandSetup setup) {
  Registry().emplace_back(order, std::move(setup));
}

std::vector<CommandSetup> RegisteredCommands() {
  auto sorted = Registry();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<CommandSetup> out;
  for (auto& entry : sorted) out.push_back(std::move(entry.second));
  return out;
}

}  // namespace dyad::cli

int main(int argc, char** argv) {
  CLI::App app{"dyad: political event data from English and Vietnamese news", "dyad"};
  app.set_version_flag("--version", std::string("dyad ") + DYAD_VERSION);
  app.require_subcommand(1);
  int exit_code = dyad::cli::kExitOk;
  for (const auto& setup : dyad::cli::RegisteredCommands()) setup(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const dyad::Error& e) {
    std::fprintf(stderr, "dyad: error: %s\n", e.what());
    return dyad::cli::kExitError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dyad: internal error: %s\n", e.what());
    return dyad::cli::kExitError;
  }
  return exit_code;
}
