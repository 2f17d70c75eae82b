// How CLI commands plug into `dyad`: each apps/cli/cmd_<name>.cc registers itself with a static
// CommandRegistrar, so adding a command never edits main.cc. Commands are thin: they parse options,
// call the library and print; a dyad::Error thrown from a command becomes "dyad: error: ..." and
// exit 1.
#ifndef DYAD_APPS_CLI_COMMANDS_H_
#define DYAD_APPS_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace dyad::cli {

// Process exit codes, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // nothing useful could be done (bad usage, missing file)
inline constexpr int kExitInputRejected = 3;  // the batch ran, but some inputs were rejected

// Adds a subcommand to `app`. The subcommand's callback stores its exit code in *exit_code.
using CommandSetup = std::function<void(CLI::App& app, int* exit_code)>;

struct CommandRegistrar {
  // `order` sorts the commands in --help (lower first).
  CommandRegistrar(int order, CommandSetup setup);
};

// The registered commands in order.
std::vector<CommandSetup> RegisteredCommands();

}  // namespace dyad::cli

#endif  // DYAD_APPS_CLI_COMMANDS_H_
