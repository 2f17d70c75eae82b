// `dyad timeline`: how a dyad's relationship moved over time, per day, week, month or year, in both
// directions and combined, with an optional SVG or PNG chart.
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "dyad/core/error.h"
#include "dyad/query/chart.h"
#include "dyad/query/query.h"
#include "dyad/store/store.h"

extern char** environ;

namespace dyad::cli {

// Defined in cmd_query.cc.
std::unique_ptr<Store> OpenExistingStore(const std::string& path);
void AddFilterOptions(CLI::App* cmd, FilterArgs* f, bool with_dyad, bool with_limit);

namespace {

struct TimelineCommandOptions {
  std::string db;
  FilterArgs filter;
  std::string by = "month";
  std::string format = "table";
  std::string chart;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t i = 0;
  while (i <= dirs.size()) {
    size_t j = dirs.find(':', i);
    if (j == std::string::npos) j = dirs.size();
    std::filesystem::path candidate = std::filesystem::path(dirs.substr(i, j - i)) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    i = j + 1;
  }
  return "";
}

// Writes the chart as SVG, or as PNG through rsvg-convert (librsvg2-bin) when the path ends in
// .png.
void WriteChart(const std::string& path, const std::string& svg) {
  if (EndsWith(path, ".svg")) {
    std::ofstream out(path, std::ios::binary);
    out << svg;
    if (!out) throw Error(path + ": cannot write the chart");
    return;
  }
  if (!EndsWith(path, ".png"))
    throw Error("--chart " + path + ": the chart file must end in .svg or .png");
  std::string converter = FindOnPath("rsvg-convert");
  if (converter.empty())
    throw Error("--chart " + path +
                ": PNG output needs rsvg-convert, which is not installed (Debian: apt-get install "
                "librsvg2-bin); or write an .svg chart instead");
  std::string tmp = path + ".tmp.svg";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << svg;
    if (!out) throw Error(tmp + ": cannot write the chart");
  }
  std::vector<std::string> args = {converter, "--background-color=white", "-o", path, tmp};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid;
  int status = 0;
  int rc = posix_spawn(&pid, converter.c_str(), nullptr, nullptr, argv.data(), environ);
  if (rc == 0) waitpid(pid, &status, 0);
  std::filesystem::remove(tmp);
  if (rc != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error("--chart " + path + ": rsvg-convert failed to write the PNG");
}

std::string Fixed(double v, int digits) { return fmt::format("{:.{}f}", v, digits); }

int RunTimeline(const TimelineCommandOptions& opt) {
  EventFilter filter = BuildFilter(opt.filter);
  Period period = ParsePeriod(opt.by);
  if (!opt.chart.empty() && !EndsWith(opt.chart, ".svg") && !EndsWith(opt.chart, ".png"))
    throw Error("--chart " + opt.chart + ": the chart file must end in .svg or .png");
  std::unique_ptr<Store> store = OpenExistingStore(opt.db);
  Timeline t = BuildTimeline(*store, filter, period);
  const std::string ab = t.a + ">" + t.b, ba = t.b + ">" + t.a;
  struct Row {
    const std::string* label;
    std::string direction;
    const TimelineCounts* c;
  };
  std::vector<Row> rows;
  for (const TimelinePeriod& p : t.periods) {
    rows.push_back({&p.label, ab, &p.a_to_b});
    rows.push_back({&p.label, ba, &p.b_to_a});
    rows.push_back({&p.label, "both", &p.combined});
  }
  if (opt.format == "jsonl") {
    for (const Row& r : rows) {
      nlohmann::json j = {{"period", *r.label},
                          {"direction", r.direction},
                          {"events", r.c->events},
                          {"quad1", r.c->quad[0]},
                          {"quad2", r.c->quad[1]},
                          {"quad3", r.c->quad[2]},
                          {"quad4", r.c->quad[3]},
                          {"goldstein_sum", r.c->goldstein_sum},
                          {"goldstein_mean", r.c->GoldsteinMean()},
                          {"net_cooperation", r.c->NetCooperation()}};
      std::cout << j.dump() << '\n';
    }
  } else {
    const bool csv = opt.format == "csv";
    const char* header[] = {"period",         "direction",      "events", "quad1",
                            "quad2",          "quad3",          "quad4",  "goldstein_sum",
                            "goldstein_mean", "net_cooperation"};
    std::vector<std::vector<std::string>> table;
    table.push_back(std::vector<std::string>(std::begin(header), std::end(header)));
    for (const Row& r : rows) {
      table.push_back({*r.label, r.direction, std::to_string(r.c->events),
                       std::to_string(r.c->quad[0]), std::to_string(r.c->quad[1]),
                       std::to_string(r.c->quad[2]), std::to_string(r.c->quad[3]),
                       Fixed(r.c->goldstein_sum, 1), Fixed(r.c->GoldsteinMean(), 2),
                       Fixed(r.c->NetCooperation(), 3)});
    }
    std::vector<size_t> width(table[0].size());
    for (const auto& row : table)
      for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    for (const auto& row : table) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        if (csv) {
          line += (i ? "," : "") + row[i];
        } else {
          // Text columns left-aligned, numbers right-aligned.
          std::string pad(width[i] - row[i].size(), ' ');
          line += (i ? "  " : "") + (i < 2 ? row[i] + pad : pad + row[i]);
        }
      }
      std::cout << line << '\n';
    }
  }
  if (!opt.chart.empty()) {
    ChartOptions co;
    if (filter.view == EventView::kDedup) {
      co.title = t.a + " – " + t.b + ": deduplicated events per " + opt.by;
    }
    WriteChart(opt.chart, TimelineSvg(t, co));
    std::fprintf(stderr, "dyad: chart written to %s\n", opt.chart.c_str());
  }
  return kExitOk;
}

CommandRegistrar registrar(41, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<TimelineCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "timeline",
      "Per-period event counts, quad classes, Goldstein sums and net cooperation of a dyad");
  cmd->add_option("--db", opt->db, "The SQLite database written by `dyad code --db`")->required();
  AddFilterOptions(cmd, &opt->filter, true, false);
  cmd->get_option("--dyad")->required();
  cmd->add_option("--by", opt->by, "Period: day, week (from Monday), month or year")
      ->capture_default_str()
      ->check(CLI::IsMember({"day", "week", "month", "year"}));
  cmd->add_option("--format", opt->format, "table, csv or jsonl")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "csv", "jsonl"}));
  cmd->add_option("--chart", opt->chart,
                  "Also draw the series: out.svg, or out.png (needs rsvg-convert)");
  cmd->footer(
      "Net cooperation = (quad1 + quad2 - quad3 - quad4) / events, from -1 (all conflict) to +1\n"
      "(all cooperation). Periods without events are listed with zeros.\n"
      "Examples:\n"
      "  dyad timeline --db events.db --dyad VNM-USA --by month\n"
      "  dyad timeline --db events.db --dyad VNM-CHN --by week --events dedup --chart vnm-chn.svg");
  cmd->callback([opt, exit_code] { *exit_code = RunTimeline(*opt); });
});

}  // namespace
}  // namespace dyad::cli
