// Serialises events as JSON Lines, CSV or tab-separated lines (the record the README documents).
#ifndef DYAD_IO_EVENT_WRITER_H_
#define DYAD_IO_EVENT_WRITER_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "dyad/core/document.h"

namespace dyad {

enum class EventFormat { kJsonl, kCsv, kTsv };

// "jsonl", "csv", "tsv"; throws dyad::Error otherwise.
EventFormat ParseEventFormat(std::string_view name);

// The JSON event record: {"article", "sentence", "date", "date_precision", "date_source",
// "language", "source": {"code", "text", "span"}, "target": {...}, "cameo", "cameo_name",
// "goldstein", "quad_class", "plover": {"event", "mode", "context"}, "verb": {"text", "span",
// "pattern"}, "issues", "text"}. CSV and TSV carry the same fields, flattened (EventColumns());
// issues there are joined by ';'.
nlohmann::json EventToJson(const Event& event);

// "text", "article" or null.
const char* DateSourceName(DateSource source);

// The event's values in EventColumns() order, as text (empty for nulls).
std::vector<std::string> EventFields(const Event& event);

// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& s);
// A TSV field: TSV has no quoting, so tabs and line breaks inside a field become spaces.
std::string TsvField(std::string s);

// The flat column names shared by CSV (as a header) and TSV (no header; same order).
const std::vector<std::string>& EventColumns();

class EventWriter {
 public:
  // REQUIRES: `out` outlives the writer.
  EventWriter(std::ostream& out, EventFormat format);
  // Writes one event (CSV writes its header before the first event, or at Finish if none).
  void Write(const Event& event);
  // Writes the CSV header when no event was written, and flushes.
  void Finish();

 private:
  std::ostream& out_;
  EventFormat format_;
  bool header_written_ = false;
};

}  // namespace dyad

#endif  // DYAD_IO_EVENT_WRITER_H_
