#include "dyad/query/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dyad/core/error.h"
#include "dyad/io/event_writer.h"

namespace dyad {
namespace {

std::string Number(double v) { return fmt::format("{:g}", v); }

// Characters [begin, begin+len) of an actor code, or "" when it is shorter.
std::string CodePart(const std::string& code, size_t begin, size_t len = std::string::npos) {
  return code.size() > begin ? code.substr(begin, len) : "";
}

std::string Compact(const std::optional<Date>& d) {
  if (!d) return "";
  std::string s = d->ToString();
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

// Year + (day of year - 1) / days in year, to 4 decimals.
std::string FractionDate(const Date& d) {
  long doy = d.DaysSinceEpoch() - Date{d.year, 1, 1}.DaysSinceEpoch();
  long days = Date{d.year + 1, 1, 1}.DaysSinceEpoch() - Date{d.year, 1, 1}.DaysSinceEpoch();
  return fmt::format("{:.4f}", d.year + static_cast<double>(doy) / static_cast<double>(days));
}

// 2026-02-20T08:15:00Z -> 20260220081500.
std::string DateAdded(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c >= '0' && c <= '9') out += c;
  return out.size() == 14 ? out : "";
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string::npos) j = s.size();
    std::string part = s.substr(i, j - i);
    size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> GdeltRow(const EventRecord& r) {
  const Event& e = r.event;
  std::vector<std::string> f(61);
  f[0] = std::to_string(r.id);
  if (e.date) {
    f[1] = Compact(e.date);
    f[2] = f[1].substr(0, 6);
    f[3] = f[1].substr(0, 4);
    f[4] = FractionDate(*e.date);
  }
  auto actor = [&](const EventActor& a, size_t at) {
    f[at] = a.code;
    f[at + 1] = a.text;
    f[at + 2] = CodePart(a.code, 0, 3);
    f[at + 7] = CodePart(a.code, 3, 3);
    f[at + 8] = CodePart(a.code, 6, 3);
    f[at + 9] = CodePart(a.code, 9, 3);
  };
  actor(e.source, 5);
  actor(e.target, 15);
  f[25] = e.sentence == 0 ? "1" : "0";
  f[26] = e.cameo;
  f[27] = e.cameo.substr(0, 3);
  f[28] = e.cameo.substr(0, 2);
  f[29] = std::to_string(e.quad_class);
  f[30] = Number(e.goldstein);
  f[31] = std::to_string(r.mentions);
  f[33] = std::to_string(r.articles);
  f[59] = DateAdded(r.ingested_at);
  f[60] = r.url;
  return f;
}

std::vector<std::string> PhoenixRow(const EventRecord& r) {
  const Event& e = r.event;
  std::vector<std::string> f(26);
  f[0] = std::to_string(r.id);
  if (e.date) {
    f[1] = Compact(e.date);
    f[2] = std::to_string(e.date->year);
    f[3] = std::to_string(e.date->month);
    f[4] = std::to_string(e.date->day);
  }
  auto actor = [&](const EventActor& a, size_t at) {
    f[at] = a.code;
    f[at + 1] = CodePart(a.code, 0, 3);
    f[at + 2] = CodePart(a.code, 3, 3);
    f[at + 3] = CodePart(a.code, 6);
  };
  actor(e.source, 5);
  actor(e.target, 9);
  f[13] = e.cameo;
  f[14] = e.cameo.substr(0, 2);
  f[15] = std::to_string(e.quad_class);
  f[16] = Number(e.goldstein);
  for (const std::string& issue : e.issues) f[17].append(f[17].empty() ? "" : ";").append(issue);
  f[23] = e.article + "_" + std::to_string(e.sentence);
  f[24] = r.url;
  return f;
}

nlohmann::json MentionsJson(const EventRecord& r) {
  nlohmann::json list = nlohmann::json::array();
  for (const MentionRef& m : r.mention_refs)
    list.push_back({{"event_id", m.event_id},
                    {"article", m.article},
                    {"sentence", m.sentence},
                    {"language", m.language}});
  return list;
}

// A PLOVER actor object: the 3-character top-level code, the sector (the rest of the code:
// GOV, or GOVMIL) and the text the actor was found in.
nlohmann::json PloverActor(const EventActor& a) {
  nlohmann::json j = {{"code", CodePart(a.code, 0, 3)}};
  if (a.code.size() > 3) j["sector"] = a.code.substr(3);
  j["actor_text"] = a.text;
  return j;
}

// The quad category of a PLOVER event type ("Quad categories in PLOVER", manual 0.8); REQUEST,
// the 2021 conversion's name for the DEMAND codes, is verbal conflict like DEMAND. 0 if unknown.
int PloverQuad(const std::string& event) {
  static const std::vector<std::pair<int, std::vector<std::string>>> kQuads = {
      {1, {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}},
      {2, {"COOPERATE", "AID", "RETREAT"}},
      {3, {"DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"}},
      {4, {"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}},
  };
  for (const auto& [quad, events] : kQuads)
    if (std::find(events.begin(), events.end(), event) != events.end()) return quad;
  return 0;
}

// A list of values joined by ';' (the ontology's separator) or ','.
std::vector<std::string> Values(const std::string& joined) {
  std::string s = joined;
  std::replace(s.begin(), s.end(), ';', ',');
  return Split(s, ',');
}

// One record with the PLOVER JSON data field names (PLOVER manual 0.8, "Data Fields"), plus
// dyad's own fields cameo, goldstein and, deduplicated, mentions and articles.
nlohmann::json PloverJson(const EventRecord& r, EventView view) {
  const Event& e = r.event;
  nlohmann::json j;
  j["id"] = std::to_string(r.id);
  j["date"] = e.date->ToString();
  j["source"] = nlohmann::json::array({PloverActor(e.source)});
  j["recipient"] = e.target.code.empty() ? nlohmann::json::array()
                                         : nlohmann::json::array({PloverActor(e.target)});
  j["event"] = nlohmann::json::array({e.plover.event});
  j["mode"] = Values(e.plover.mode);
  j["context"] = Values(e.plover.context);
  if (int quad = PloverQuad(e.plover.event)) j["quad_code"] = quad;
  j["event_text"] =
      e.verb_text.empty() ? nlohmann::json::array() : nlohmann::json::array({e.verb_text});
  j["text"] = e.text;
  j["text_info"] = {{"sequence", e.sentence}};
  nlohmann::json cite = {{"citation", e.article}, {"language", e.language}};
  if (!r.url.empty()) cite["url"] = r.url;
  j["cite_info"] = cite;
  j["coder"] = "dyad";
  if (r.ingested_at.size() == 20) {  // YYYY-MM-DDTHH:MM:SSZ: coded when it was stored
    j["coded_date"] = r.ingested_at.substr(0, 10);
    j["coded_time"] = r.ingested_at.substr(11);
  }
  j["cameo"] = e.cameo;
  j["goldstein"] = e.goldstein;
  if (view == EventView::kDedup) {
    j["mentions"] = r.mentions;
    j["articles"] = r.articles;
  }
  return j;
}

std::vector<std::string> CsvColumns(EventView view) {
  std::vector<std::string> cols = {"id"};
  for (const std::string& c : EventColumns()) cols.push_back(c);
  cols.push_back("url");
  if (view == EventView::kDedup) {
    cols.push_back("mentions");
    cols.push_back("articles");
    cols.push_back("languages");
  }
  return cols;
}

std::vector<std::string> CsvRow(const EventRecord& r, EventView view) {
  // The event record's columns (io/event_writer.h) between the row id and the article URL.
  std::vector<std::string> f = {std::to_string(r.id)};
  for (std::string& v : EventFields(r.event)) f.push_back(std::move(v));
  f.push_back(r.url);
  if (view == EventView::kDedup) {
    f.push_back(std::to_string(r.mentions));
    f.push_back(std::to_string(r.articles));
    f.push_back(r.languages);
  }
  return f;
}

// At most `max` code points of `s`, with "…" when cut.
std::string Clip(const std::string& s, size_t max) {
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == max) return s.substr(0, i) + "…";
      ++cps;
    }
  }
  return s;
}

size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

ExportFormat ParseExportFormat(std::string_view name, const std::vector<ExportFormat>& allowed) {
  static const std::vector<std::pair<std::string_view, ExportFormat>> kNames = {
      {"table", ExportFormat::kTable},     {"jsonl", ExportFormat::kJsonl},
      {"csv", ExportFormat::kCsv},         {"gdelt", ExportFormat::kGdelt},
      {"phoenix", ExportFormat::kPhoenix}, {"plover", ExportFormat::kPlover}};
  std::string names;
  for (const auto& [n, f] : kNames) {
    bool ok = allowed.empty() || std::find(allowed.begin(), allowed.end(), f) != allowed.end();
    if (!ok) continue;
    if (n == name) return f;
    names += (names.empty() ? "" : ", ") + std::string(n);
  }
  throw Error("unknown --format '" + std::string(name) + "' (use " + names + ")");
}

const std::vector<std::string>& GdeltColumns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> c = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"};
    for (const char* a : {"Actor1", "Actor2"}) {
      for (const char* f :
           {"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code"})
        c.push_back(std::string(a) + f);
    }
    for (const char* f : {"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"})
      c.push_back(f);
    for (const char* g : {"Actor1Geo_", "Actor2Geo_", "ActionGeo_"}) {
      for (const char* f :
           {"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"})
        c.push_back(std::string(g) + f);
    }
    c.push_back("DATEADDED");
    c.push_back("SOURCEURL");
    return c;
  }();
  return kColumns;
}

const std::vector<std::string>& PhoenixColumns() {
  static const std::vector<std::string> kColumns = {"EventID",
                                                    "Date",
                                                    "Year",
                                                    "Month",
                                                    "Day",
                                                    "SourceActorFull",
                                                    "SourceActorEntity",
                                                    "SourceActorRole",
                                                    "SourceActorAttribute",
                                                    "TargetActorFull",
                                                    "TargetActorEntity",
                                                    "TargetActorRole",
                                                    "TargetActorAttribute",
                                                    "EventCode",
                                                    "EventRootCode",
                                                    "QuadClass",
                                                    "GoldsteinScore",
                                                    "Issues",
                                                    "Lat",
                                                    "Lon",
                                                    "LocationName",
                                                    "StateName",
                                                    "CountryCode",
                                                    "SentenceID",
                                                    "URLs",
                                                    "NewsSources"};
  return kColumns;
}

RecordWriter::RecordWriter(std::ostream& out, ExportFormat format, EventView view)
    : out_(out), format_(format), view_(view) {}

void RecordWriter::Write(const EventRecord& r) {
  auto tsv = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) out_ << (i ? "\t" : "") << TsvField(fields[i]);
    out_ << '\n';
  };
  switch (format_) {
    case ExportFormat::kTable: {
      const Event& e = r.event;
      std::vector<std::string> row = {std::to_string(r.id),
                                      e.date ? e.date->ToString() : "",
                                      e.source.code,
                                      e.target.code,
                                      e.cameo,
                                      std::to_string(e.quad_class),
                                      Number(e.goldstein)};
      if (view_ == EventView::kDedup) {
        row.push_back(std::to_string(r.mentions));
        row.push_back(r.languages);
      } else {
        row.push_back(e.language);
      }
      row.push_back(e.article + ":" + std::to_string(e.sentence));
      row.push_back(Clip(TsvField(e.text), 60));
      table_.push_back(std::move(row));
      break;
    }
    case ExportFormat::kJsonl: {
      nlohmann::json j = EventToJson(r.event);
      j["id"] = r.id;
      j["url"] = r.url;
      if (view_ == EventView::kDedup) {
        j["mentions"] = r.mentions;
        j["articles"] = r.articles;
        j["languages"] = Split(r.languages, ',');
        if (!r.mention_refs.empty()) j["mentioned_in"] = MentionsJson(r);
      }
      out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      break;
    }
    case ExportFormat::kCsv: {
      if (!header_written_) {
        auto cols = CsvColumns(view_);
        for (size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
        out_ << '\n';
        header_written_ = true;
      }
      auto fields = CsvRow(r, view_);
      for (size_t i = 0; i < fields.size(); ++i) out_ << (i ? "," : "") << CsvField(fields[i]);
      out_ << '\n';
      break;
    }
    case ExportFormat::kGdelt:
      tsv(GdeltRow(r));
      break;
    case ExportFormat::kPhoenix:
      tsv(PhoenixRow(r));
      break;
    case ExportFormat::kPlover:
      if (r.event.plover.event.empty() || !r.event.date) {  // both required by PLOVER
        ++skipped_;
        return;
      }
      out_ << PloverJson(r, view_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
           << '\n';
      break;
  }
  ++written_;
}

void RecordWriter::Finish() {
  if (format_ == ExportFormat::kCsv && !header_written_) {
    auto cols = CsvColumns(view_);
    for (size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
    out_ << '\n';
    header_written_ = true;
  }
  if (format_ == ExportFormat::kTable) {
    std::vector<std::string> header = {"id",    "date", "source",   "target",
                                       "cameo", "quad", "goldstein"};
    if (view_ == EventView::kDedup) {
      header.push_back("mentions");
      header.push_back("languages");
    } else {
      header.push_back("lang");
    }
    header.push_back("article:sentence");
    header.push_back("text");
    std::vector<size_t> width(header.size());
    for (size_t i = 0; i < header.size(); ++i) width[i] = Width(header[i]);
    for (const auto& row : table_)
      for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], Width(row[i]));
    auto print = [&](const std::vector<std::string>& row) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        line += row[i];
        if (i + 1 < row.size()) line += std::string(width[i] - Width(row[i]) + 2, ' ');
      }
      out_ << line << '\n';
    };
    print(header);
    for (const auto& row : table_) print(row);
    table_.clear();
  }
  out_.flush();
}

}  // namespace dyad
