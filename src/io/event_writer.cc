#include "dyad/io/event_writer.h"

#include <fmt/format.h>

#include "dyad/core/error.h"

namespace dyad {
namespace {

nlohmann::json ActorJson(const EventActor& a) {
  return {{"code", a.code}, {"text", a.text}, {"span", {a.span.begin, a.span.end}}};
}

}  // namespace

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvField(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::vector<std::string> EventFields(const Event& e) {
  auto num = [](uint32_t v) { return std::to_string(v); };
  std::string issues;
  for (const std::string& issue : e.issues) issues.append(issues.empty() ? "" : ";").append(issue);
  return {e.article,
          std::to_string(e.sentence),
          e.date ? e.date->ToString() : "",
          e.date ? DatePrecisionName(e.date->precision) : "",
          e.date_source == DateSource::kNone ? "" : DateSourceName(e.date_source),
          e.language,
          e.source.code,
          e.source.text,
          num(e.source.span.begin),
          num(e.source.span.end),
          e.target.code,
          e.target.text,
          num(e.target.span.begin),
          num(e.target.span.end),
          e.cameo,
          e.cameo_name,
          fmt::format("{:g}", e.goldstein),
          std::to_string(e.quad_class),
          e.plover.event,
          e.plover.mode,
          e.plover.context,
          e.verb_text,
          num(e.verb_span.begin),
          num(e.verb_span.end),
          e.verb_pattern,
          issues,
          e.text};
}

EventFormat ParseEventFormat(std::string_view name) {
  if (name == "jsonl" || name == "json") return EventFormat::kJsonl;
  if (name == "csv") return EventFormat::kCsv;
  if (name == "tsv") return EventFormat::kTsv;
  throw Error("unknown output format '" + std::string(name) + "' (use jsonl, csv or tsv)");
}

const char* DateSourceName(DateSource source) {
  switch (source) {
    case DateSource::kText:
      return "text";
    case DateSource::kArticle:
      return "article";
    case DateSource::kNone:
      return nullptr;
  }
  return nullptr;
}

nlohmann::json EventToJson(const Event& e) {
  nlohmann::json j;
  j["article"] = e.article;
  j["sentence"] = e.sentence;
  j["date"] = e.date ? nlohmann::json(e.date->ToString()) : nlohmann::json(nullptr);
  // "last week", "March 2023", "in 2023": the date stands for a week, month or year.
  j["date_precision"] =
      e.date ? nlohmann::json(DatePrecisionName(e.date->precision)) : nlohmann::json(nullptr);
  const char* ds = DateSourceName(e.date_source);
  j["date_source"] = ds ? nlohmann::json(ds) : nlohmann::json(nullptr);
  j["language"] = e.language;
  j["source"] = ActorJson(e.source);
  j["target"] = ActorJson(e.target);
  j["cameo"] = e.cameo;
  j["cameo_name"] = e.cameo_name;
  j["goldstein"] = e.goldstein;
  j["quad_class"] = e.quad_class;
  j["plover"] = {{"event", e.plover.event}, {"mode", e.plover.mode}, {"context", e.plover.context}};
  j["verb"] = {{"text", e.verb_text},
               {"span", {e.verb_span.begin, e.verb_span.end}},
               {"pattern", e.verb_pattern}};
  j["issues"] = e.issues;
  j["text"] = e.text;
  return j;
}

const std::vector<std::string>& EventColumns() {
  static const std::vector<std::string> kColumns = {
      "article",        "sentence",    "date",         "date_precision", "date_source",
      "language",       "source_code", "source_text",  "source_begin",   "source_end",
      "target_code",    "target_text", "target_begin", "target_end",     "cameo",
      "cameo_name",     "goldstein",   "quad_class",   "plover_event",   "plover_mode",
      "plover_context", "verb_text",   "verb_begin",   "verb_end",       "verb_pattern",
      "issues",         "text"};
  return kColumns;
}

EventWriter::EventWriter(std::ostream& out, EventFormat format) : out_(out), format_(format) {}

void EventWriter::Write(const Event& event) {
  switch (format_) {
    case EventFormat::kJsonl:
      out_ << EventToJson(event).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
           << '\n';
      break;
    case EventFormat::kCsv: {
      if (!header_written_) {
        const auto& cols = EventColumns();
        for (size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
        out_ << '\n';
        header_written_ = true;
      }
      auto fields = EventFields(event);
      for (size_t i = 0; i < fields.size(); ++i) out_ << (i ? "," : "") << CsvField(fields[i]);
      out_ << '\n';
      break;
    }
    case EventFormat::kTsv: {
      auto fields = EventFields(event);
      for (size_t i = 0; i < fields.size(); ++i) out_ << (i ? "\t" : "") << TsvField(fields[i]);
      out_ << '\n';
      break;
    }
  }
}

void EventWriter::Finish() {
  if (format_ == EventFormat::kCsv && !header_written_) {
    const auto& cols = EventColumns();
    for (size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
    out_ << '\n';
    header_written_ = true;
  }
  out_.flush();
}

}  // namespace dyad
