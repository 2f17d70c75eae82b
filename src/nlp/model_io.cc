#include "nlp/model_io.h"

#include <zstd.h>

#include <fstream>

#include "nlp/hashing.h"

namespace dyad::nlp {
namespace {

// Header after the magic: version, payload size, payload checksum (all little-endian).
struct Header {
  uint32_t version;
  uint32_t reserved;
  uint64_t payload_size;
  uint64_t checksum;
};

uint64_t Checksum(std::string_view data) { return HashString(data); }

}  // namespace

void ByteReader::Fail(const std::string& what) const {
  throw ResourceError(origin_ + ": corrupt model payload at byte " + std::to_string(pos_) + ": " +
                      what + " (re-run `dyad train` or restore the file from git)");
}

void WriteModelFile(const std::string& path, const std::string& payload) {
  std::string compressed(ZSTD_compressBound(payload.size()), '\0');
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 19);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  size_t n =
      ZSTD_compress2(cctx, compressed.data(), compressed.size(), payload.data(), payload.size());
  ZSTD_freeCCtx(cctx);
  if (ZSTD_isError(n)) {
    throw ResourceError(path + ": zstd compression failed: " + ZSTD_getErrorName(n));
  }
  compressed.resize(n);
  Header header{kModelFormatVersion, 0, payload.size(), Checksum(payload)};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw ResourceError(path + ": cannot open model file for writing");
  out.write(kModelMagic, sizeof(kModelMagic));
  out.write(reinterpret_cast<const char*>(&header), sizeof(header));
  out.write(compressed.data(), compressed.size());
  if (!out) throw ResourceError(path + ": write failed");
}

std::string ReadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ResourceError(path + ": cannot open model file (set DYAD_MODEL_DIR or run `dyad train`)");
  }
  in.seekg(0, std::ios::end);
  std::string file(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(file.data(), static_cast<std::streamsize>(file.size()));
  if (!in) throw ResourceError(path + ": cannot read model file");
  if (file.size() < sizeof(kModelMagic) + sizeof(Header) ||
      std::memcmp(file.data(), kModelMagic, sizeof(kModelMagic)) != 0) {
    throw ResourceError(path + ": not a dyad nlp model file (bad magic string)");
  }
  Header header;
  std::memcpy(&header, file.data() + sizeof(kModelMagic), sizeof(header));
  if (header.version != kModelFormatVersion) {
    throw ResourceError(path + ": model format version " + std::to_string(header.version) +
                        " is not supported (this dyad reads version " +
                        std::to_string(kModelFormatVersion) +
                        "); use the models shipped with this dyad or retrain with `dyad train`");
  }
  const char* frame = file.data() + sizeof(kModelMagic) + sizeof(Header);
  size_t frame_size = file.size() - sizeof(kModelMagic) - sizeof(Header);
  unsigned long long content = ZSTD_getFrameContentSize(frame, frame_size);
  if (content == ZSTD_CONTENTSIZE_ERROR || content == ZSTD_CONTENTSIZE_UNKNOWN ||
      content != header.payload_size) {
    throw ResourceError(path + ": corrupt model file (bad compressed frame)");
  }
  std::string payload(header.payload_size, '\0');
  size_t n = ZSTD_decompress(payload.data(), payload.size(), frame, frame_size);
  if (ZSTD_isError(n) || n != payload.size()) {
    throw ResourceError(path + ": corrupt model file (decompression failed: " +
                        (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "size mismatch") + ")");
  }
  // The zstd frame carries its own XXH64 content checksum, which ZSTD_decompress has just verified;
  // header.checksum (FNV of the payload) is kept for external tools and not recomputed here, since
  // hashing tens of megabytes byte by byte would dominate start-up.
  return payload;
}

}  // namespace dyad::nlp
