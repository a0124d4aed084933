#ifndef GEMBA_CMALLOC_SHIM_H
#define GEMBA_CMALLOC_SHIM_H
// The C library's allocator settings (glibc's mallopt; nothing elsewhere), which Swift's Glibc
// module does not carry.
#ifdef __linux__
#include <malloc.h>
#endif

// Keeps freed blocks under `mmap_below` bytes in the heap for reuse, and does not give the heap's
// top back to the system until `trim_above` bytes of it are free.
static inline void gemba_keep_freed_memory(int mmap_below, int trim_above) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
  mallopt(M_MMAP_THRESHOLD, mmap_below);
  mallopt(M_TRIM_THRESHOLD, trim_above);
#else
  (void)mmap_below;
  (void)trim_above;
#endif
}
#endif
