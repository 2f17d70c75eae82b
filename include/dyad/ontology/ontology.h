// The CAMEO code tables: event codes (name, Goldstein score, root, quad class, PLOVER coding) and
// the actor code components (countries, regions, organisations, roles, religions). The tables are
// our own text files under data/ontology/, loaded once and immutable afterwards (safe to share
// across threads).
#ifndef DYAD_ONTOLOGY_ONTOLOGY_H_
#define DYAD_ONTOLOGY_ONTOLOGY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/core/document.h"

namespace dyad {

// GDELT's quad classes, derived from the CAMEO root code: 1 verbal cooperation (roots 01-05),
// 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
enum class QuadClass : int {
  kVerbalCooperation = 1,
  kMaterialCooperation = 2,
  kVerbalConflict = 3,
  kMaterialConflict = 4,
};

// "verbal cooperation", "material cooperation", "verbal conflict", "material conflict".
std::string_view QuadClassName(QuadClass quad_class);

// REQUIRES: root is "01".."20". Returns the quad class of a CAMEO root code.
QuadClass QuadClassOfRoot(int root);

// A CAMEO code's PLOVER equivalent is a PloverCoding (core/document.h). Empty strings mean "none"
// (event empty: PLOVER has no category for the code); several contexts are joined with ';'
// ("crime;corruption").

// One CAMEO event code.
struct CameoCode {
  std::string code;  // two to four digits: "04", "042", "0421"
  std::string name;
  double goldstein = 0;  // -10..+10
  std::string root;      // the first two digits
  QuadClass quad_class = QuadClass::kVerbalCooperation;
  PloverCoding plover;
};

enum class ActorComponentKind { kCountry, kRegion, kOrgType, kOrg, kRole, kReligion };

// "country", "region", "orgtype", "org", "role", "religion".
std::string_view ActorComponentKindName(ActorComponentKind kind);

// One three-letter component of a CAMEO actor code ("VNM", "SEA", "IGO", "ASN", "GOV", "BUD").
struct ActorComponent {
  std::string code;
  ActorComponentKind kind = ActorComponentKind::kCountry;
  std::string name;
};

// Where dyad's data files live: $DYAD_DATA_DIR when set and non-empty, else DYAD_SOURCE_DIR
// "/data".
std::string DefaultDataDir();

class Ontology {
 public:
  // Loads cameo_events.tsv, cameo_plover.tsv and cameo_actors.tsv from `dir`.
  // Throws ResourceError when a file is missing, InputError ("file:line: what") on a malformed row,
  // a duplicate code, a Goldstein score outside -10..+10, or a CAMEO code without a PLOVER row.
  static Ontology Load(const std::string& dir);

  // The tables under DefaultDataDir()/ontology, loaded on first use (thread-safe) and kept for the
  // life of the process. Throws like Load on the first call.
  static const Ontology& Default();

  // The CAMEO event code `code` ("042"), or nullptr when it is not in the codebook.
  const CameoCode* Find(std::string_view code) const;

  // Every event code in codebook order.
  const std::vector<CameoCode>& codes() const { return codes_; }

  // The actor component `code` (three letters), or nullptr.
  const ActorComponent* FindActorComponent(std::string_view code) const;
  const std::vector<ActorComponent>& actor_components() const { return actor_components_; }

  // Checks an actor code such as "VNMGOV" or "IGOSEAASN": upper-case letters and digits, a length
  // that is a multiple of three, every component in the table, and the first one a country, region,
  // organisation type or role. Returns an empty string when valid, else what is wrong.
  std::string CheckActorCode(std::string_view code) const;

 private:
  std::vector<CameoCode> codes_;
  std::unordered_map<std::string, size_t> code_index_;
  std::vector<ActorComponent> actor_components_;
  std::unordered_map<std::string, size_t> actor_index_;
};

}  // namespace dyad

#endif  // DYAD_ONTOLOGY_ONTOLOGY_H_
