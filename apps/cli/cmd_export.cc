// `dyad export`: every event of a database (or a filtered subset) in an interchange format.
#include <iostream>
#include <memory>

#include "commands.h"
#include "dyad/query/export.h"
#include "dyad/query/query.h"
#include "dyad/store/store.h"

namespace dyad::cli {

// Defined in cmd_query.cc.
std::unique_ptr<Store> OpenExistingStore(const std::string& path);
void AddFilterOptions(CLI::App* cmd, FilterArgs* f, bool with_dyad, bool with_limit);

namespace {

struct ExportCommandOptions {
  std::string db;
  FilterArgs filter;
  std::string format = "jsonl";
};

int RunExport(const ExportCommandOptions& opt) {
  EventFilter filter = BuildFilter(opt.filter);
  ExportFormat format =
      ParseExportFormat(opt.format, {ExportFormat::kJsonl, ExportFormat::kCsv, ExportFormat::kGdelt,
                                     ExportFormat::kPhoenix, ExportFormat::kPlover});
  std::unique_ptr<Store> store = OpenExistingStore(opt.db);
  RecordWriter writer(std::cout, format, filter.view);
  QueryOptions qo;
  qo.with_mentions = format == ExportFormat::kJsonl && filter.view == EventView::kDedup;
  QueryEvents(*store, filter, qo, [&](const EventRecord& r) { writer.Write(r); });
  writer.Finish();
  if (writer.skipped())
    std::fprintf(stderr,
                 "dyad: %lld events have no PLOVER category (CAMEO 01 statements have none) or "
                 "no date, which PLOVER requires, and were not exported\n",
                 static_cast<long long>(writer.skipped()));
  return kExitOk;
}

CommandRegistrar registrar(42, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ExportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the events of a database as JSONL, CSV, GDELT 2.0, Phoenix or PLOVER");
  cmd->add_option("--db", opt->db, "The SQLite database written by `dyad code --db`")->required();
  cmd->add_option("--format", opt->format,
                  "jsonl, csv, gdelt (61 tab-separated GDELT 2.0 event columns), phoenix (26 "
                  "tab-separated Phoenix columns) or plover (PLOVER JSON lines)")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "csv", "gdelt", "phoenix", "plover"}));
  AddFilterOptions(cmd, &opt->filter, true, true);
  cmd->footer(
      "Examples:\n"
      "  dyad export --db events.db --format gdelt --events dedup > events.gdelt.tsv\n"
      "  dyad export --db events.db --format plover --dyad VNM-USA > vnm-usa.plover.jsonl");
  cmd->callback([opt, exit_code] { *exit_code = RunExport(*opt); });
});

}  // namespace
}  // namespace dyad::cli
