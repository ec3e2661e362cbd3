// OpenBLAS starts its thread pool in a constructor, before main, sized from
// OPENBLAS_NUM_THREADS; its idle workers then spin in sched_yield (about 2,500 calls
// and half the CPU time of a one-line prediction). The engine pins BLAS to one thread
// anyway (Tensor's BLASThreading: the two recurrent directions run on the two cores
// themselves), so this constructor asks for one thread before OpenBLAS's runs.
//
// It runs first only where OpenBLAS is linked into the same image (the portable build,
// scripts/build-portable.sh): constructors with a priority run before those without.
// With a shared libopenblas the library's constructor has already run; nothing changes.
#include <stdlib.h>

__attribute__((constructor(101)))
static void sentiment_one_blas_thread(void) {
    setenv("OPENBLAS_NUM_THREADS", "1", 1);
}
