// Counts heap allocations for rotor-bench by interposing the allocation functions of the process:
// an executable that defines malloc & co. takes precedence over libc's definitions, and these
// forward to glibc's internal entry points. free() is not interposed: memory from __libc_malloc
// is freed by libc's free as usual. Linux/glibc only; elsewhere the counter stays 0.
#include "CRotorBenchSupport.h"
#include <stdatomic.h>
#include <stddef.h>
#include <errno.h>

static _Atomic uint64_t allocations = 0;
static _Atomic int active = 0;

uint64_t rotor_bench_allocation_count(void) { return atomic_load_explicit(&allocations, memory_order_relaxed); }
int rotor_bench_allocation_counting_active(void) { return atomic_load_explicit(&active, memory_order_relaxed); }

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static inline void count(void) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    atomic_store_explicit(&active, 1, memory_order_relaxed);
}

void *malloc(size_t size) { count(); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { count(); return __libc_calloc(n, size); }
void *realloc(void *pointer, size_t size) { count(); return __libc_realloc(pointer, size); }
void *memalign(size_t alignment, size_t size) { count(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { count(); return __libc_memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    count();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *out = pointer;
    return 0;
}
#endif
