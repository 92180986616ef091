#ifndef ROTOR_CZLIB_SHIM_H
#define ROTOR_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a function-like macro that Swift cannot import, so wrap it.
   windowBits 15 + 16 asks zlib for a gzip header and trailer. */
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/* inflateInit2 likewise; 15 + 32 accepts gzip or zlib headers. */
static inline int czlib_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
