// Error types shared by every stage. Library code throws these; the boundaries (CLI, readers' batch
// loops, bindings) catch them and print the message, which already names the file, line and fix.
#ifndef DYAD_CORE_ERROR_H_
#define DYAD_CORE_ERROR_H_

#include <stdexcept>
#include <string>

namespace dyad {

// Base of every error dyad raises on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Input that cannot be read as the format it claims to be. `where` is "file:line" (or "file:byte
// N").
class InputError : public Error {
 public:
  InputError(const std::string& where, const std::string& what)
      : Error(where.empty() ? what : where + ": " + what), where_(where) {}
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

// A model, dictionary or database that is missing, corrupt or of an unknown version.
class ResourceError : public Error {
 public:
  using Error::Error;
};

// A failure inside the SQLite store.
class StoreError : public Error {
 public:
  using Error::Error;
};

}  // namespace dyad

#endif  // DYAD_CORE_ERROR_H_
