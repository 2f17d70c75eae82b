#include "dyad/ontology/petrarch_algebra.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "dyad/core/error.h"

namespace dyad {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "-0xFFFF+0x2040+0x300" -> its value; nullopt when `s` is not such a sum (a comment such as
// "Disapprove" or " The 0x300 mask ...").
std::optional<int64_t> ParseSum(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < s.size()) {
    int sign = 1;
    if (s[i] == '+' || s[i] == '-') {
      sign = s[i] == '-' ? -1 : 1;
      ++i;
    } else if (i > 0) {
      return std::nullopt;
    }
    bool hex = i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
    if (hex) i += 2;
    size_t start = i;
    int64_t term = 0;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
      if (!hex && !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
      term = term * (hex ? 16 : 10) + (c <= '9' ? c - '0' : c - 'a' + 10);
      if (term > (int64_t{1} << 40)) return std::nullopt;
      ++i;
    }
    if (i == start) return std::nullopt;
    total += sign * term;
  }
  return total;
}

}  // namespace

PetrarchCodeAlgebra PetrarchCodeAlgebra::Parse(std::string_view text, const std::string& path) {
  PetrarchCodeAlgebra a;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string where = fmt::format("{}:{}", path, line_no);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      throw InputError(where, "expected CODE:VALUE, e.g. 050:0x0080");
    std::string code(Trim(line.substr(0, colon)));
    if (code.empty()) throw InputError(where, "missing CAMEO code before ':'");
    std::vector<int64_t> values;
    std::string_view rest = line.substr(colon + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      size_t hash = rest.find('#', start);
      if (hash == std::string_view::npos) hash = rest.size();
      std::optional<int64_t> v = ParseSum(rest.substr(start, hash - start));
      if (!v) break;  // the rest of the line is a comment
      values.push_back(*v);
      start = hash + 1;
    }
    if (values.empty())
      throw InputError(where, fmt::format("no value for code {} (expected e.g. 0x0080)", code));
    if (a.values_.count(code)) throw InputError(where, fmt::format("code {} listed twice", code));
    for (int64_t v : values) a.code_of_.emplace(v, code);  // the first code with a value keeps it
    a.values_.emplace(code, std::move(values));
  }
  return a;
}

PetrarchCodeAlgebra PetrarchCodeAlgebra::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ResourceError(path + ": cannot open the PETRARCH coding ontology");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

const std::vector<int64_t>& PetrarchCodeAlgebra::Values(std::string_view cameo) const {
  static const std::vector<int64_t> kNone;
  auto it = values_.find(std::string(cameo));
  return it == values_.end() ? kNone : it->second;
}

std::optional<std::string> PetrarchCodeAlgebra::CodeOf(int64_t value) const {
  auto it = code_of_.find(value);
  if (it == code_of_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> PetrarchCodeAlgebra::Negate(std::string_view cameo) const {
  for (int64_t v : Values(cameo)) {
    std::optional<std::string> code = CodeOf(v - kNegation);
    if (code && *code != "---") return code;
  }
  return std::nullopt;
}

std::optional<std::string> PetrarchCodeAlgebra::Combine(std::string_view upper,
                                                        std::string_view lower) const {
  const std::vector<int64_t>& up = Values(upper);
  const std::vector<int64_t>& lo = Values(lower);
  if (up.empty() || lo.empty()) return std::nullopt;
  int64_t u = up.back(), l = lo.back();
  int64_t r;
  if (l < 0) {
    r = l + u;
  } else if (u >= 0x1000 && l >= 0x1000) {
    r = l;
  } else if (l >= u) {
    r = l;
  } else {
    r = u + l;
  }
  std::optional<std::string> code = CodeOf(r);
  if (code && *code == "---") return std::nullopt;
  return code;
}

}  // namespace dyad
