// `dyad query`: filtered events from a database, as a table, JSON Lines or CSV.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.h"
#include "dyad/core/error.h"
#include "dyad/query/export.h"
#include "dyad/query/query.h"
#include "dyad/store/store.h"

namespace dyad::cli {

// Opens an existing database (a query never creates one). Throws dyad::Error when absent.
std::unique_ptr<Store> OpenExistingStore(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw Error(path + ": no such database (create one with `dyad code --db " + path + " ...`)");
  return std::make_unique<Store>(path);
}

// The filter options shared by `dyad query`, `dyad export` and `dyad timeline`.
void AddFilterOptions(CLI::App* cmd, FilterArgs* f, bool with_dyad, bool with_limit) {
  cmd->add_option("--source", f->source,
                  "Source actor code prefix (VNM matches VNM, VNMGOV, VNMGOVMIL ...)");
  cmd->add_option("--target", f->target, "Target actor code prefix");
  if (with_dyad)
    cmd->add_option("--dyad", f->dyad, "Two actor code prefixes, both directions: VNM-USA");
  cmd->add_option("--from", f->from, "First date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive");
  cmd->add_option("--to", f->to, "Last date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive");
  cmd->add_option("--code", f->code, "CAMEO code prefix (04 matches 04, 040, 042, 0421 ...)");
  cmd->add_option("--quad", f->quad,
                  "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 "
                  "material conflict")
      ->check(CLI::Range(1, 4));
  cmd->add_option("--language", f->language, "Language of the reporting sentence (en, vi)");
  cmd->add_option("--text", f->text,
                  "Words that must all occur in the sentence (full-text search; word* = prefix)");
  cmd->add_option("--events", f->events,
                  "raw: every coded event; dedup: one per real-world event with its mentions")
      ->capture_default_str()
      ->check(CLI::IsMember({"raw", "dedup"}));
  if (with_limit)
    cmd->add_option("--limit", f->limit, "At most this many rows (0 = all)")
        ->check(CLI::NonNegativeNumber);
}

namespace {

struct QueryCommandOptions {
  std::string db;
  FilterArgs filter;
  std::string format = "table";
  bool mentions = false;
  bool explain = false;
};

// "plan: code, 3 ranges of events_code merged in date order, 8 rows; checked on each: source".
void PrintPlan(const QueryPlan& plan) {
  std::string line = "plan: " + plan.driver;
  if (plan.driver != "none") {
    if (!plan.index.empty())
      line += ", " + std::to_string(plan.ranges) + " range" +
              (plan.ranges == 1 ? " of " + plan.index + " in date order"
                                : "s of " + plan.index + " merged in date order");
    else
      line += ", full-text hits sorted by date";
    if (plan.rows >= 0) line += ", " + std::to_string(plan.rows) + " rows";
    if (!plan.checks.empty()) {
      line += "; checked on each:";
      for (const std::string& c : plan.checks) line += " " + c;
    }
  }
  std::cout << line << '\n';
}

int RunQuery(const QueryCommandOptions& opt) {
  EventFilter filter = BuildFilter(opt.filter);
  ExportFormat format = ParseExportFormat(
      opt.format, {ExportFormat::kTable, ExportFormat::kJsonl, ExportFormat::kCsv});
  std::unique_ptr<Store> store = OpenExistingStore(opt.db);
  if (opt.explain) {
    PrintPlan(ExplainQuery(*store, filter));
    return kExitOk;
  }
  RecordWriter writer(std::cout, format, filter.view);
  QueryOptions qo;
  qo.with_mentions =
      opt.mentions || (format == ExportFormat::kJsonl && filter.view == EventView::kDedup);
  QueryEvents(*store, filter, qo, [&](const EventRecord& r) { writer.Write(r); });
  writer.Finish();
  return kExitOk;
}

CommandRegistrar registrar(40, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<QueryCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "query", "List events from a database, filtered by actors, dates, codes, language or text");
  cmd->add_option("--db", opt->db, "The SQLite database written by `dyad code --db`")->required();
  AddFilterOptions(cmd, &opt->filter, true, true);
  cmd->add_option("--format", opt->format, "table, jsonl or csv")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "jsonl", "csv"}));
  cmd->add_flag("--explain", opt->explain,
                "Print how the query would be read (driving index ranges, checks) instead of rows");
  cmd->footer(
      "Examples:\n"
      "  dyad query --db events.db --dyad VNM-USA --from 2026-02 --to 2026-02\n"
      "  dyad query --db events.db --source VNMGOV --code 04 --text \"phone\" --events dedup\n"
      "  dyad query --db events.db --quad 4 --language vi --format csv --limit 100");
  cmd->callback([opt, exit_code] { *exit_code = RunQuery(*opt); });
});

}  // namespace
}  // namespace dyad::cli
