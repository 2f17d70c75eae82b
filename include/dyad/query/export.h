// Writes query results in the formats analysts load: an aligned table for reading, JSON Lines and
// CSV with dyad's own columns, the GDELT 2.0 event table, Phoenix event lines and PLOVER JSON.
// docs/database.md lists every column and what dyad puts in it.
#ifndef DYAD_QUERY_EXPORT_H_
#define DYAD_QUERY_EXPORT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/query/query.h"

namespace dyad {

enum class ExportFormat {
  kTable,    // aligned columns for a terminal (buffered until Finish)
  kJsonl,    // the event record of io/event_writer.h plus id, url and (dedup) mention fields
  kCsv,      // a header, then id + io/event_writer.h's columns + url (+ dedup columns)
  kGdelt,    // GDELT 2.0 event table: 61 tab-separated columns, no header
  kPhoenix,  // Phoenix event lines: 26 tab-separated columns, no header
  kPlover,   // PLOVER JSON records, one per line (events without a PLOVER category or a date
             // skipped)
};

// "table", "jsonl", "csv", "gdelt", "phoenix", "plover"; throws dyad::Error otherwise, naming
// the allowed ones (`allowed`, or all when empty).
ExportFormat ParseExportFormat(std::string_view name,
                               const std::vector<ExportFormat>& allowed = {});

// The GDELT 2.0 event table column names (61).
const std::vector<std::string>& GdeltColumns();
// The Phoenix event line column names (26).
const std::vector<std::string>& PhoenixColumns();

class RecordWriter {
 public:
  // REQUIRES: `out` outlives the writer.
  RecordWriter(std::ostream& out, ExportFormat format, EventView view);
  void Write(const EventRecord& record);
  // Writes what is buffered (table) or the CSV header when nothing was written, and flushes.
  void Finish();
  int64_t written() const { return written_; }
  // Records not written because the format cannot express them (PLOVER: no PLOVER category, or
  // no date).
  int64_t skipped() const { return skipped_; }

 private:
  std::ostream& out_;
  ExportFormat format_;
  EventView view_;
  bool header_written_ = false;
  int64_t written_ = 0;
  int64_t skipped_ = 0;
  std::vector<std::vector<std::string>> table_;
};

}  // namespace dyad

#endif  // DYAD_QUERY_EXPORT_H_
