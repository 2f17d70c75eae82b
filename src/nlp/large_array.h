// An allocator for the lookup arrays of loaded models. Feature lookups land on random
// addresses across tens of megabytes, so with 4 KiB pages nearly every lookup also misses the TLB;
// arrays of 2 MiB and more are therefore allocated on 2 MiB boundaries and, on Linux, marked for
// transparent huge pages (madvise), which removes most of those misses. Elsewhere, or when the
// kernel declines, they are ordinary memory.
#ifndef DYAD_SRC_NLP_LARGE_ARRAY_H_
#define DYAD_SRC_NLP_LARGE_ARRAY_H_

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace dyad::nlp {

template <typename T>
class LargeArrayAllocator {
 public:
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  static constexpr size_t kCacheLine = 64;

  LargeArrayAllocator() = default;
  template <typename U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  // Storage starts on a cache line (on a huge page for large arrays).
  T* allocate(size_t n) {
    const size_t bytes = std::max<size_t>(n * sizeof(T), 1);
    const size_t alignment = bytes < kHugePage ? kCacheLine : kHugePage;
    const size_t rounded = (bytes + alignment - 1) / alignment * alignment;
    void* p = std::aligned_alloc(alignment, rounded);
    if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (alignment == kHugePage)
      madvise(p, rounded, MADV_HUGEPAGE);  // a hint: failure only costs speed
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const LargeArrayAllocator<U>&) const {
    return true;
  }
  template <typename U>
  bool operator!=(const LargeArrayAllocator<U>&) const {
    return false;
  }
};

// A vector whose storage comes from LargeArrayAllocator.
template <typename T>
using LargeArray = std::vector<T, LargeArrayAllocator<T>>;

}  // namespace dyad::nlp

#endif  // DYAD_SRC_NLP_LARGE_ARRAY_H_
