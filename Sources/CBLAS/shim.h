// OpenBLAS's CBLAS interface (Debian: libopenblas-dev, pkg-config name `openblas`).
#include <cblas.h>
#include <stdlib.h>

// OpenBLAS's own (not CBLAS): stops and joins its worker threads. Exported by every
// threaded OpenBLAS build; declared in none of its headers.
int blas_thread_shutdown_(void);

// OpenBLAS's own, exported by its DYNAMIC_ARCH builds (Debian's) and declared in none of
// its headers: `quit` forgets the kernel set chosen when the library loaded, and `init`
// chooses again, honouring OPENBLAS_CORETYPE. Weak, so that a build without them still
// links (the pointers are then null and OpenBLAS's choice stands).
void gotoblas_dynamic_init(void) __attribute__((weak));
void gotoblas_dynamic_quit(void) __attribute__((weak));

// Has OpenBLAS choose its kernel set again as `coretype` (one of its names, e.g.
// "SkylakeX"), through OPENBLAS_CORETYPE, which is unset again afterwards so that child
// processes detect for themselves. Only before the first BLAS call. 0 if this OpenBLAS
// cannot choose again.
static inline int sentiment_blas_choose_kernels(const char *coretype) {
    if (!gotoblas_dynamic_quit || !gotoblas_dynamic_init) {
        return 0;
    }
    setenv("OPENBLAS_CORETYPE", coretype, 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    unsetenv("OPENBLAS_CORETYPE");
    return 1;
}

// The widest x86 vector level this CPU and its operating system both run, in the terms
// of OpenBLAS's kernel sets: 2 for AVX-512 F, BW, VL and DQ (its SkylakeX kernels), 1 for
// AVX2 with FMA (Haswell), 0 otherwise or off x86.
static inline int sentiment_cpu_vector_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")) {
        return 2;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        return 1;
    }
#endif
    return 0;
}
