// The event database at scale: generates a synthetic database of N events (default 1,000,000;
// the scale target is 10,000,000) as `dyad code --db` loads a new database (Store::WriteArticles
// in batches of 1,000 articles inside BeginBulkLoad/EndBulkLoad), then measures a dyad timeline
// by month, the first 1,000 rows of every query shape in both views, and batched ingest into the
// full database with every index in place.
//
//   build/bench/store_bench --events=10000000 --db=/tmp/dyad-bench/events.db
//       --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// The database is kept (reused when it already holds N events); delete it when done. Nothing is
// written into the repository. The generator is deterministic (fixed seed). The file also
// builds against a dyad without ExplainQuery (define STORE_BENCH_WITHOUT_PLANS), to measure the
// same shapes before and after a change.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "dyad/query/dedup.h"
#include "dyad/query/query.h"
#include "dyad/store/store.h"
#include "store/sqlite_util.h"

namespace {

using Clock = std::chrono::steady_clock;

int64_t g_events = 1000000;
int64_t g_articles_span = 100000;  // articles spread over 2000..2025 (g_events / 10)
std::string g_db = "/tmp/dyad-bench/events.db";
std::unique_ptr<dyad::Store> g_store;

// Countries with Zipf-like weights: a Viet Nam-centred news corpus.
const char* const kCountries[] = {"VNM", "USA", "CHN", "JPN", "KOR", "RUS", "KHM", "LAO",
                                  "THA", "PHL", "MYS", "IDN", "SGP", "IND", "AUS", "FRA",
                                  "DEU", "GBR", "MMR", "BRN", "TWN", "PRK", "UKR", "ISR",
                                  "IRN", "CAN", "NZL", "BRA", "ZAF", "EGY"};
const char* const kRoles[] = {"GOV", "GOV", "GOV", "MIL", "ELI", "BUS", "", "CVL", "MED", "LEG"};
struct Code {
  const char* cameo;
  const char* name;
  double goldstein;
  int quad;
  const char* plover;
};
const Code kCodes[] = {
    {"010", "Make statement", 0.0, 1, ""},
    {"020", "Appeal", 3.0, 1, ""},
    {"036", "Express intent to meet or negotiate", 4.0, 1, "AGREE"},
    {"040", "Consult", 1.0, 1, "CONSULT"},
    {"041", "Discuss by telephone", 1.0, 1, "CONSULT"},
    {"042", "Make a visit", 1.9, 1, "CONSULT"},
    {"043", "Host a visit", 2.8, 1, "CONSULT"},
    {"046", "Engage in negotiation", 7.0, 1, "CONSULT"},
    {"051", "Praise or endorse", 3.4, 1, "SUPPORT"},
    {"057", "Sign formal agreement", 8.0, 1, "SUPPORT"},
    {"061", "Cooperate economically", 6.4, 2, "COOPERATE"},
    {"062", "Cooperate militarily", 7.4, 2, "COOPERATE"},
    {"071", "Provide economic aid", 7.4, 2, "AID"},
    {"073", "Provide humanitarian aid", 7.4, 2, "AID"},
    {"111", "Criticize or denounce", -2.0, 3, "DISAPPROVE"},
    {"112", "Accuse", -2.0, 3, "DISAPPROVE"},
    {"120", "Reject", -4.0, 3, "REJECT"},
    {"130", "Threaten", -4.4, 3, "THREATEN"},
    {"141", "Demonstrate or rally", -6.5, 4, "PROTEST"},
    {"163", "Impose embargo, boycott, or sanctions", -8.0, 4, "SANCTION"},
    {"172", "Impose administrative sanctions", -5.0, 4, "COERCE"},
    {"190", "Use conventional military force", -10.0, 4, "FIGHT"},
};
const char* const kWords[] = {"talks",   "border", "trade",   "phone",  "minister", "visit",
                              "sea",     "navy",   "protest", "summit", "exports",  "security",
                              "climate", "energy", "rice",    "loan",   "vessel",   "islands"};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {
    double total = 0;
    for (size_t i = 0; i < std::size(kCountries); ++i) total += 1.0 / std::pow(i + 1, 0.9);
    double acc = 0;
    for (size_t i = 0; i < std::size(kCountries); ++i) {
      acc += 1.0 / std::pow(i + 1, 0.9) / total;
      cdf_.push_back(acc);
    }
  }
  std::string Actor() {
    double u = Uniform();
    size_t c = std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
    c = std::min(c, std::size(kCountries) - 1);
    return std::string(kCountries[c]) + kRoles[rng_() % std::size(kRoles)];
  }
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  uint64_t Next() { return rng_(); }

 private:
  std::mt19937_64 rng_;
  std::vector<double> cdf_;
};

// Writes `articles` synthetic articles of 5 sentences and 10 events each, numbered from
// `first_article`, in batches of `batch_size`. About a third of the events repeat a recent event
// (one day later at most, sometimes with the root's generic code), as several reports of one
// real-world event do, so deduplication has work to do.
// Returns the seconds spent writing (generation excluded).
double GenerateArticles(dyad::Store& store, Generator& gen, int64_t first_article, int64_t articles,
                        int batch_size, std::vector<double>* batch_rates) {
  double write_secs = 0;
  const dyad::Date start{2000, 1, 1};
  const long days = dyad::Date{2025, 12, 31}.DaysSinceEpoch() - start.DaysSinceEpoch();
  std::vector<dyad::Article> as(batch_size);
  std::vector<std::vector<dyad::Sentence>> ss(batch_size);
  std::vector<std::vector<dyad::Event>> es(batch_size);
  std::vector<dyad::Event> recent;  // events to re-report
  for (int64_t done = 0; done < articles;) {
    int n = static_cast<int>(std::min<int64_t>(batch_size, articles - done));
    std::vector<dyad::Store::ArticleRecord> batch;
    int64_t events = 0;
    for (int i = 0; i < n; ++i) {
      int64_t id = first_article + done + i;
      dyad::Article& a = as[i];
      a.id = "syn-" + std::to_string(id);
      long day =
          static_cast<long>(static_cast<double>(id % g_articles_span) / g_articles_span * days);
      a.date = start.AddDays(day);
      a.language = (id % 5 == 0) ? "vi" : "en";
      a.url = "https://example.org/" + a.id;
      a.text.clear();
      ss[i].clear();
      es[i].clear();
      for (int s = 0; s < 5; ++s) {
        dyad::Sentence sent;
        sent.index = s;
        sent.language = a.language;
        if (s) a.text += ' ';
        sent.span.begin = static_cast<uint32_t>(a.text.size());
        a.text += "Officials discussed";
        for (int w = 0; w < 10; ++w) {
          a.text += ' ';
          a.text += kWords[gen.Next() % std::size(kWords)];
        }
        if (gen.Next() % 50 == 0) a.text += " typhoon";  // a rarer word for the text query
        a.text += " on " + a.date->ToString() + ".";
        sent.span.end = static_cast<uint32_t>(a.text.size());
        ss[i].push_back(sent);
      }
      for (int k = 0; k < 10; ++k) {
        dyad::Event e;
        if (!recent.empty() && gen.Uniform() < 0.33) {
          e = recent[gen.Next() % recent.size()];
          e.date = a.date->AddDays(-static_cast<long>(gen.Next() % 2));
          if (gen.Uniform() < 0.3) e.cameo = e.cameo.substr(0, 2) + "0";
        } else {
          const Code& c = kCodes[gen.Next() % std::size(kCodes)];
          e.source.code = gen.Actor();
          do {
            e.target.code = gen.Actor();
          } while (e.target.code.substr(0, 3) == e.source.code.substr(0, 3));
          e.source.text = e.source.code;
          e.target.text = e.target.code;
          e.cameo = c.cameo;
          e.cameo_name = c.name;
          e.goldstein = c.goldstein;
          e.quad_class = c.quad;
          e.plover.event = c.plover;
          e.verb_text = "discussed";
          e.date = a.date->AddDays(-static_cast<long>(gen.Next() % 3));
          if (recent.size() < 64)
            recent.push_back(e);
          else
            recent[gen.Next() % recent.size()] = e;
        }
        e.article = a.id;
        e.sentence = k / 2;
        e.date_source = dyad::DateSource::kText;
        e.language = a.language;
        es[i].push_back(e);
      }
      events += static_cast<int64_t>(es[i].size());
      batch.push_back({&as[i], &ss[i], &es[i]});
    }
    auto t0 = Clock::now();
    store.WriteArticles(batch);
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    write_secs += secs;
    if (batch_rates) batch_rates->push_back(static_cast<double>(events) / secs);
    done += n;
  }
  return write_secs;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void Prepare() {
  std::filesystem::create_directories(std::filesystem::path(g_db).parent_path());
  g_store = std::make_unique<dyad::Store>(g_db);
  int64_t have = g_store->Count().events;
  if (have >= g_events) {
    std::fprintf(stderr, "store_bench: reusing %s (%lld events)\n", g_db.c_str(),
                 static_cast<long long>(have));
  } else {
    if (have > 0) {
      g_store.reset();
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(g_db + suffix);
      g_store = std::make_unique<dyad::Store>(g_db);
    }
    Generator gen(20260219);
    std::vector<double> rates;
    auto t0 = Clock::now();
    g_store->BeginBulkLoad();
    double write = GenerateArticles(*g_store, gen, 0, g_events / 10, 1000, &rates);
    auto t1 = Clock::now();
    g_store->EndBulkLoad();
    double index = std::chrono::duration<double>(Clock::now() - t1).count();
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    std::fprintf(stderr,
                 "store_bench: bulk load of %lld events: %.1f s writing batches (median batch of "
                 "10,000 events: %.0f events/s) + %.1f s building the secondary indexes = %.0f "
                 "events/s overall (%.1f s wall including generating the data)\n",
                 static_cast<long long>(g_events), write, Median(rates), index,
                 g_events / (write + index), secs);
  }
  auto t0 = Clock::now();
  dyad::DedupRefreshStats stats = dyad::RefreshDedup(*g_store);
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (stats.buckets)
    std::fprintf(stderr,
                 "store_bench: dedup refresh: %lld buckets, %lld events -> %lld in %.1f s\n",
                 static_cast<long long>(stats.buckets), static_cast<long long>(stats.events),
                 static_cast<long long>(stats.clusters), secs);
  t0 = Clock::now();
  int64_t indexed = dyad::RefreshTextIndex(*g_store);
  secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (indexed)
    std::fprintf(stderr, "store_bench: full-text index: %lld events in %.1f s\n",
                 static_cast<long long>(indexed), secs);
  char* err = nullptr;
  sqlite3_exec(g_store->handle(), "PRAGMA optimize", nullptr, nullptr, &err);
  sqlite3_free(err);
  std::fprintf(stderr, "store_bench: database size %.2f GB\n",
               std::filesystem::file_size(g_db) / 1e9);
}

void BM_TimelineByMonth(benchmark::State& state, const char* view) {
  dyad::FilterArgs args;
  args.dyad = "VNM-USA";
  args.events = view;
  dyad::EventFilter f = dyad::BuildFilter(args);
  int64_t events = 0;
  for (auto _ : state) {
    dyad::Timeline t = dyad::BuildTimeline(*g_store, f, dyad::Period::kMonth);
    events = 0;
    for (const auto& p : t.periods) events += p.combined.events;
    benchmark::DoNotOptimize(t);
  }
  state.counters["events_in_dyad"] = static_cast<double>(events);
}

void BM_Query1000(benchmark::State& state, dyad::FilterArgs args) {
  args.limit = 1000;
  dyad::EventFilter f = dyad::BuildFilter(args);
  int64_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    dyad::QueryEvents(*g_store, f, {}, [&](const dyad::EventRecord&) { ++rows; });
  }
  state.counters["rows"] = static_cast<double>(rows);
#ifndef STORE_BENCH_WITHOUT_PLANS  // defined when building this file against dyad before plans
  dyad::QueryPlan plan = dyad::ExplainQuery(*g_store, f);
  std::string checks;
  for (const std::string& c : plan.checks) checks += (checks.empty() ? "" : "+") + c;
  state.SetLabel(plan.driver + " x" + std::to_string(plan.ranges) +
                 (checks.empty() ? "" : " check " + checks));
#endif
}

// Batched ingest into the full database with every index in place: state.range(0) new articles
// (10 events each) per transaction. Registered last: the dedup view has work to do afterwards.
void BM_IngestBatch(benchmark::State& state) {
  static Generator gen(7);
  static int64_t next = 1000000000;
  const int articles = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.SetIterationTime(GenerateArticles(*g_store, gen, next, articles, articles, nullptr));
    next += articles;
  }
  state.SetItemsProcessed(state.iterations() * articles * 10);
}

// One query shape: the filters as `dyad query` takes them.
struct Shape {
  const char* name;
  dyad::FilterArgs args;
};

// Every documented filter, alone and in the combinations analysts use, over all 26 years unless
// the shape is a date range. The counters name the plan (driver and ranges).
std::vector<Shape> Shapes() {
  return {
      {"dyad", {.dyad = "VNM-USA"}},
      {"dyad_year", {.dyad = "VNM-USA", .from = "2015", .to = "2015"}},
      {"source", {.source = "VNM"}},
      {"source_rare", {.source = "EGY"}},
      {"target", {.target = "USA"}},
      {"source_target", {.source = "CHNGOV", .target = "VNM"}},
      {"date_range", {.from = "2015-06", .to = "2015-08"}},
      {"code", {.code = "04"}},
      {"code_rare", {.code = "19"}},
      {"quad", {.quad = 4}},
      {"language", {.language = "vi"}},
      {"text", {.text = "typhoon"}},
      {"text_common", {.text = "talks"}},
      {"source_code", {.source = "CHNGOV", .code = "04"}},
      {"dyad_text", {.dyad = "VNM-USA", .text = "typhoon"}},
      {"dyad_code_quad", {.dyad = "VNM-CHN", .code = "11", .quad = 3}},
      {"target_language", {.target = "JPN", .language = "vi"}},
      {"rare_dyad_code", {.dyad = "EGY-ZAF", .code = "04"}},
  };
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--events=", 9) == 0) {
      g_events = std::atoll(argv[i] + 9);
    } else if (std::strncmp(argv[i], "--db=", 5) == 0) {
      g_db = argv[i] + 5;
    } else {
      rest.push_back(argv[i]);
    }
  }
  g_articles_span = std::max<int64_t>(1, g_events / 10);
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  Prepare();
  benchmark::RegisterBenchmark("TimelineByMonth/raw", BM_TimelineByMonth, "raw")
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("TimelineByMonth/dedup", BM_TimelineByMonth, "dedup")
      ->Unit(benchmark::kMillisecond);
  for (const char* view : {"raw", "dedup"}) {
    for (Shape shape : Shapes()) {
      shape.args.events = view;
      benchmark::RegisterBenchmark((std::string("Query1000/") + shape.name + "/" + view).c_str(),
                                   BM_Query1000, shape.args)
          ->Unit(benchmark::kMillisecond);
    }
  }
  benchmark::RegisterBenchmark("IngestBatchEvents", BM_IngestBatch)
      ->Arg(100)
      ->Arg(1000)
      ->ArgName("articles")
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_store.reset();
  return 0;
}
