// `dyad code`: read articles, run the pipeline, write events and optionally store everything.
#include <iostream>
#include <memory>
#include <thread>
#include <utility>

#include "cli_util.h"
#include "commands.h"
#include "dyad/core/error.h"
#include "dyad/io/event_writer.h"
#include "dyad/pipeline/pipeline.h"
#include "dyad/store/store.h"

namespace dyad::cli {
namespace {

struct CodeOptions {
  std::vector<std::string> paths;
  std::string format = "jsonl";
  std::string input_format = "auto";
  size_t max_article_bytes = 10u << 20;
  std::string db;
  std::string dict_dir;
  int threads = 0;
  bool quiet = false;
  bool bulk = false;
};

// Ends a bulk load: at Finish, or (quietly) when the command stops on an error; if even that
// fails, the next Store opened on the database rebuilds the indexes.
class BulkLoad {
 public:
  explicit BulkLoad(Store* store) : store_(store) {
    if (store_) store_->BeginBulkLoad();
  }
  ~BulkLoad() {
    try {
      Finish();
    } catch (const std::exception&) {
      // Left to the next open.
    }
  }
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;
  void Finish() {
    if (store_) std::exchange(store_, nullptr)->EndBulkLoad();
  }

 private:
  Store* store_;
};

int RunCode(const CodeOptions& opt) {
  EventFormat format = ParseEventFormat(opt.format);
  ReadOptions read_options;
  read_options.format = ParseInputFormat(opt.input_format);
  read_options.max_article_bytes = opt.max_article_bytes;
  int threads = opt.threads > 0
                    ? opt.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::unique_ptr<Store> store;
  if (!opt.db.empty()) store = std::make_unique<Store>(opt.db);
  // A database without events yet (or --bulk) is loaded in bulk: its secondary indexes are
  // built once at the end from sorted rows, not kept up to date row by row
  // (docs/database.md, "Ingest").
  BulkLoad bulk(store && (opt.bulk || !store->HasEvents()) ? store.get() : nullptr);
  Pipeline pipeline = MakePipeline(opt.dict_dir);
  EventWriter writer(std::cout, format);
  ProblemReporter problems;

  std::vector<std::string> files;
  for (const std::string& p : InputPathsOrStdin(opt.paths)) {
    for (std::string& f : ListInputFiles(p, std::ref(problems))) files.push_back(std::move(f));
  }
  ProgressBar progress(files.size());
  size_t articles = 0, sentences = 0, events = 0, inserted = 0, unchanged = 0, replaced = 0;
  // Processed articles waiting to be stored: one transaction per batch (WriteArticles keeps each
  // article atomic and never loses the others when one fails).
  std::vector<ProcessedArticle> pending;
  auto store_pending = [&] {
    if (!store || pending.empty()) return;
    std::vector<Store::ArticleRecord> records;
    for (const ProcessedArticle& p : pending)
      records.push_back({&p.article, &p.sentences, &p.events});
    std::vector<Store::BatchItemResult> results = store->WriteArticles(records);
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].error.empty()) {
        problems.AddError(pending[i].article.origin + ": article '" + pending[i].article.id +
                          "' not stored: " + results[i].error);
        continue;
      }
      switch (results[i].result) {
        case Store::WriteResult::kInserted:
          ++inserted;
          break;
        case Store::WriteResult::kUnchanged:
          ++unchanged;
          break;
        case Store::WriteResult::kReplaced:
          ++replaced;
          break;
      }
    }
    pending.clear();
  };
  auto on_done = [&](size_t, ProcessedArticle&& r, std::exception_ptr error) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        problems.AddError(r.article.origin + ": article '" + r.article.id +
                          "' could not be processed: " + e.what());
      }
      return;
    }
    ++articles;
    sentences += r.sentences.size();
    events += r.events.size();
    for (const Event& e : r.events) writer.Write(e);
    if (store) pending.push_back(std::move(r));
  };
  // Articles are processed file by file in batches, so memory stays bounded on large corpora.
  constexpr size_t kBatch = 256;
  std::vector<Article> batch;
  auto flush = [&] {
    ProcessInOrder(pipeline, std::move(batch), threads, on_done);
    batch.clear();
    store_pending();
  };
  for (size_t i = 0; i < files.size(); ++i) {
    ReadPath(
        files[i], read_options,
        [&](Article&& a) {
          batch.push_back(std::move(a));
          if (batch.size() >= kBatch) flush();
        },
        std::ref(problems));
    progress.Update(i + 1,
                    std::to_string(articles) + " articles, " + std::to_string(events) + " events");
  }
  flush();
  bulk.Finish();
  writer.Finish();
  progress.Finish();
  if (!opt.quiet) {
    std::string stored;
    if (store)
      stored = "; stored in " + opt.db + ": " + std::to_string(inserted) + " new, " +
               std::to_string(replaced) + " replaced, " + std::to_string(unchanged) + " unchanged";
    std::fprintf(stderr, "dyad: %zu articles, %zu sentences, %zu events%s%s\n", articles, sentences,
                 events, stored.c_str(),
                 problems.errors() ? (", " + std::to_string(problems.errors()) +
                                      " inputs rejected (see errors above)")
                                         .c_str()
                                   : "");
  }
  return problems.errors() ? kExitInputRejected : kExitOk;
}

CommandRegistrar registrar(10, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<CodeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "code", "Code events from articles: writes one event per line to standard output");
  cmd->add_option("paths", opt->paths,
                  "Files or directories (.txt, .jsonl, .xml, .conllu); standard input if none");
  cmd->add_option("--format", opt->format, "Output format: jsonl, csv or tsv")
      ->capture_default_str();
  cmd->add_option("--input-format", opt->input_format,
                  "Input format: auto (by extension, then content), text, jsonl, xml, conllu")
      ->capture_default_str();
  cmd->add_option("--db", opt->db,
                  "SQLite database to store articles, sentences and events in (created if absent)");
  cmd->add_option("--dict-dir", opt->dict_dir,
                  "Dictionary folder in dyad's format (default: the data/dict shipped with dyad)");
  cmd->add_option("--threads", opt->threads, "Worker threads (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-article-bytes", opt->max_article_bytes,
                  "Reject articles with more text than this (0 = no limit)")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", opt->quiet, "Do not print the summary line on standard error");
  cmd->add_flag(
      "--bulk", opt->bulk,
      "With --db: load in bulk even when the database already holds events (its "
      "secondary indexes are dropped and rebuilt at the end; queries meanwhile are slow). "
      "A database without events is always loaded in bulk");
  cmd->callback([opt, exit_code] { *exit_code = RunCode(*opt); });
});

}  // namespace
}  // namespace dyad::cli
