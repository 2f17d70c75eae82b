// `dyad sentences`: show how articles are split into sentences (a debugging aid).
#include <cstdio>
#include <memory>

#include "cli_util.h"
#include "commands.h"
#include "dyad/pipeline/pipeline.h"

namespace dyad::cli {
namespace {

struct SentencesOptions {
  std::vector<std::string> paths;
  std::string input_format = "auto";
  size_t max_article_bytes = 10u << 20;
};

int RunSentences(const SentencesOptions& opt) {
  ReadOptions read_options;
  read_options.format = ParseInputFormat(opt.input_format);
  read_options.max_article_bytes = opt.max_article_bytes;
  ProblemReporter problems;
  Pipeline pipeline;
  for (const std::string& path : InputPathsOrStdin(opt.paths)) {
    ReadPath(
        path, read_options,
        [&](Article&& a) {
          ProcessedArticle r = pipeline.Process(std::move(a));
          std::printf("# article %s date %s language %s sentences %zu\n", r.article.id.c_str(),
                      r.article.date ? r.article.date->ToString().c_str() : "-",
                      r.article.language.c_str(), r.sentences.size());
          for (const Sentence& s : r.sentences) {
            std::string text = r.article.text.substr(s.span.begin, s.span.end - s.span.begin);
            for (char& c : text)
              if (c == '\n' || c == '\t' || c == '\r') c = ' ';
            std::printf("%d\t%s\t%zu\t%s\n", s.index, s.language.c_str(), s.tokens.size(),
                        text.c_str());
          }
        },
        std::ref(problems));
  }
  return problems.errors() ? kExitInputRejected : kExitOk;
}

CommandRegistrar registrar(20, [](CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<SentencesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sentences",
      "Print each article's sentences: index, language, token count and text (tab-separated)");
  cmd->add_option("paths", opt->paths, "Files or directories; standard input if none");
  cmd->add_option("--input-format", opt->input_format, "auto, text, jsonl, xml or conllu")
      ->capture_default_str();
  cmd->add_option("--max-article-bytes", opt->max_article_bytes,
                  "Reject articles with more text than this (0 = no limit)")
      ->capture_default_str();
  cmd->callback([opt, exit_code] { *exit_code = RunSentences(*opt); });
});

}  // namespace
}  // namespace dyad::cli
