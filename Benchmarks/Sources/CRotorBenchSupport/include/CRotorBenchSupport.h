#ifndef CROTOR_BENCH_SUPPORT_H
#define CROTOR_BENCH_SUPPORT_H
#include <stdint.h>

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by the
/// whole process since it started. Only meaningful in the rotor-bench executable, which links the
/// interposing definitions of this target.
uint64_t rotor_bench_allocation_count(void);

/// Whether the interposed allocator is the one in use (1) or libc's own (0).
int rotor_bench_allocation_counting_active(void);
#endif
