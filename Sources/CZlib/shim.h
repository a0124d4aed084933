#ifndef GEMBA_CZLIB_SHIM_H
#define GEMBA_CZLIB_SHIM_H
// The system's zlib, for raw DEFLATE (zip entries) and CRC-32. `inflateInit2` is a macro in
// zlib.h, which Swift cannot call: this wrapper passes the version and struct size for it.
#include <zlib.h>

static inline int gemba_inflate_init_raw(z_stream *stream) {
  return inflateInit2(stream, -15);
}
#endif
