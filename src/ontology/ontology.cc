#include "dyad/ontology/ontology.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include "dyad/core/error.h"

namespace dyad {
namespace {

// Splits a tab-separated line into fields.
std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

// Calls `row(fields, where)` for every data row of a TSV table: '#' comment lines and blank lines
// are skipped, and the first other line must be `header`.
template <typename RowFn>
void ReadTable(const std::string& path, const std::string& header, size_t columns, RowFn row) {
  std::ifstream in(path);
  if (!in) throw ResourceError(path + ": cannot open the ontology table (set DYAD_DATA_DIR?)");
  std::string line;
  int line_no = 0;
  bool seen_header = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(line_no);
    if (!seen_header) {
      if (line != header) throw InputError(where, "expected the header line \"" + header + "\"");
      seen_header = true;
      continue;
    }
    std::vector<std::string> fields = SplitTabs(line);
    if (fields.size() != columns) {
      throw InputError(where, "expected " + std::to_string(columns) +
                                  " tab-separated fields, found " + std::to_string(fields.size()));
    }
    row(fields, where);
  }
  if (!seen_header) throw InputError(path, "empty table: no header line");
}

bool IsEventCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20;
}

std::string Dash(const std::string& field) { return field == "-" ? std::string() : field; }

}  // namespace

std::string_view QuadClassName(QuadClass quad_class) {
  switch (quad_class) {
    case QuadClass::kVerbalCooperation:
      return "verbal cooperation";
    case QuadClass::kMaterialCooperation:
      return "material cooperation";
    case QuadClass::kVerbalConflict:
      return "verbal conflict";
    case QuadClass::kMaterialConflict:
      return "material conflict";
  }
  return "";
}

QuadClass QuadClassOfRoot(int root) {
  if (root <= 5) return QuadClass::kVerbalCooperation;
  if (root <= 8) return QuadClass::kMaterialCooperation;
  if (root <= 13) return QuadClass::kVerbalConflict;
  return QuadClass::kMaterialConflict;
}

std::string_view ActorComponentKindName(ActorComponentKind kind) {
  switch (kind) {
    case ActorComponentKind::kCountry:
      return "country";
    case ActorComponentKind::kRegion:
      return "region";
    case ActorComponentKind::kOrgType:
      return "orgtype";
    case ActorComponentKind::kOrg:
      return "org";
    case ActorComponentKind::kRole:
      return "role";
    case ActorComponentKind::kReligion:
      return "religion";
  }
  return "";
}

std::string DefaultDataDir() {
  const char* env = std::getenv("DYAD_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return std::string(DYAD_SOURCE_DIR) + "/data";
}

Ontology Ontology::Load(const std::string& dir) {
  Ontology ontology;
  ReadTable(dir + "/cameo_events.tsv", "code\tgoldstein\tname", 3,
            [&](const std::vector<std::string>& f, const std::string& where) {
              if (!IsEventCode(f[0])) {
                throw InputError(
                    where, "\"" + f[0] + "\" is not a CAMEO event code (2-4 digits, root 01-20)");
              }
              CameoCode code;
              code.code = f[0];
              double goldstein = 0;
              auto [end, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), goldstein);
              if (ec != std::errc() || end != f[1].data() + f[1].size() || goldstein < -10 ||
                  goldstein > 10) {
                throw InputError(where,
                                 "Goldstein score \"" + f[1] + "\" is not a number in -10..10");
              }
              code.goldstein = goldstein;
              code.name = f[2];
              code.root = f[0].substr(0, 2);
              code.quad_class = QuadClassOfRoot(std::stoi(code.root));
              if (!ontology.code_index_.emplace(code.code, ontology.codes_.size()).second) {
                throw InputError(where, "duplicate CAMEO code " + code.code);
              }
              ontology.codes_.push_back(std::move(code));
            });
  std::vector<bool> has_plover(ontology.codes_.size(), false);
  ReadTable(dir + "/cameo_plover.tsv", "code\tevent\tmode\tcontext", 4,
            [&](const std::vector<std::string>& f, const std::string& where) {
              auto it = ontology.code_index_.find(f[0]);
              if (it == ontology.code_index_.end()) {
                throw InputError(
                    where, "PLOVER row for \"" + f[0] + "\", which is not in cameo_events.tsv");
              }
              if (has_plover[it->second])
                throw InputError(where, "duplicate PLOVER row for " + f[0]);
              has_plover[it->second] = true;
              ontology.codes_[it->second].plover = PloverCoding{Dash(f[1]), Dash(f[2]), Dash(f[3])};
            });
  for (size_t i = 0; i < has_plover.size(); ++i) {
    if (!has_plover[i]) {
      throw InputError(dir + "/cameo_plover.tsv",
                       "no PLOVER row for CAMEO code " + ontology.codes_[i].code);
    }
  }
  ReadTable(dir + "/cameo_actors.tsv", "code\tkind\tname", 3,
            [&](const std::vector<std::string>& f, const std::string& where) {
              if (f[0].size() != 3)
                throw InputError(where, "actor component \"" + f[0] + "\" is not 3 characters");
              std::optional<ActorComponentKind> kind;
              for (auto k : {ActorComponentKind::kCountry, ActorComponentKind::kRegion,
                             ActorComponentKind::kOrgType, ActorComponentKind::kOrg,
                             ActorComponentKind::kRole, ActorComponentKind::kReligion}) {
                if (ActorComponentKindName(k) == f[1]) kind = k;
              }
              if (!kind) throw InputError(where, "unknown component kind \"" + f[1] + "\"");
              if (!ontology.actor_index_.emplace(f[0], ontology.actor_components_.size()).second) {
                throw InputError(where, "duplicate actor component " + f[0]);
              }
              ontology.actor_components_.push_back(ActorComponent{f[0], *kind, f[2]});
            });
  return ontology;
}

const Ontology& Ontology::Default() {
  static const Ontology ontology = Load(DefaultDataDir() + "/ontology");
  return ontology;
}

const CameoCode* Ontology::Find(std::string_view code) const {
  auto it = code_index_.find(std::string(code));
  return it == code_index_.end() ? nullptr : &codes_[it->second];
}

const ActorComponent* Ontology::FindActorComponent(std::string_view code) const {
  auto it = actor_index_.find(std::string(code));
  return it == actor_index_.end() ? nullptr : &actor_components_[it->second];
}

std::string Ontology::CheckActorCode(std::string_view code) const {
  if (code.empty()) return "empty actor code";
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return "actor code \"" + std::string(code) +
             "\" may only contain upper-case letters and digits";
    }
  }
  if (code.size() % 3 != 0) {
    return "actor code \"" + std::string(code) + "\" is not made of three-letter components";
  }
  const ActorComponent* first = FindActorComponent(code.substr(0, 3));
  if (first == nullptr) {
    return "actor code \"" + std::string(code) + "\": unknown first component \"" +
           std::string(code.substr(0, 3)) +
           "\" (a country, region, organisation type, role or religion from "
           "data/ontology/cameo_actors.tsv)";
  }
  if (first->kind == ActorComponentKind::kOrg) {
    return "actor code \"" + std::string(code) +
           "\" must start with a country, region, organisation type, role or religion";
  }
  return "";
}

}  // namespace dyad
