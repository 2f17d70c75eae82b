// PETRARCH's internal coding ontology (PICO): every CAMEO event code has one or more integer values
// in which a verb's meaning composes arithmetically. dyad uses it for one PETRARCH convention only:
// a negated verb ("didn't clash") takes the code whose value is the verb's value minus 0xFFFF (not
// disapprove = diplomatic cooperation, 110 -> 050; not coerce = 057), and codes nothing when no
// CAMEO code has that value ("did not meet"). The table is PETRARCH's own file
// (PETR.Internal.Coding.Ontology.txt), read at run time when the user supplies it; dyad ships none.
#ifndef DYAD_ONTOLOGY_PETRARCH_ALGEBRA_H_
#define DYAD_ONTOLOGY_PETRARCH_ALGEBRA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dyad {

class PetrarchCodeAlgebra {
 public:
  // The value PETRARCH subtracts for negation.
  static constexpr int64_t kNegation = 0xFFFF;

  // Parses a PICO file: lines `CODE:VALUE[#VALUE...][#comment]` where a VALUE is a sum of signed
  // hexadecimal terms ("-0xFFFF+0x2040+0x300"); `#` lines and blank lines are comments. `path`
  // names the file in errors. Throws InputError ("path:line: what") on a malformed line or a
  // duplicate code.
  static PetrarchCodeAlgebra Parse(std::string_view text, const std::string& path);
  // Reads and parses the file at `path`; throws ResourceError when it cannot be opened.
  static PetrarchCodeAlgebra Load(const std::string& path);

  // The values of `cameo` ("110" -> {0x1007F, 0x1007F, 0x7000}); empty when unknown.
  const std::vector<int64_t>& Values(std::string_view cameo) const;
  // The first CAMEO code in file order that has `value`, or nullopt.
  std::optional<std::string> CodeOf(int64_t value) const;
  // The code of the negated verb: the first value of `cameo` whose negation names a code, or
  // nullopt ("042": not visiting is no event).
  std::optional<std::string> Negate(std::string_view cameo) const;

  // PETRARCH's composition of a governing verb's code with its complement's ("wants to help":
  // 030 + 070 = 033): with u and l their values (each code's last value, its family value),
  // l + u when l < 0; l when both are at least 0x1000 (two verbal acts: the inner one counts);
  // l when l >= u; u + l otherwise. nullopt when a code is unknown or no code has the result.
  std::optional<std::string> Combine(std::string_view upper, std::string_view lower) const;

  size_t size() const { return values_.size(); }

 private:
  std::unordered_map<std::string, std::vector<int64_t>> values_;
  std::unordered_map<int64_t, std::string> code_of_;
};

}  // namespace dyad

#endif  // DYAD_ONTOLOGY_PETRARCH_ALGEBRA_H_
