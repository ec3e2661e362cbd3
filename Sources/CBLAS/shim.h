// OpenBLAS's CBLAS interface (Debian: libopenblas-dev, pkg-config name `openblas`).
#include <cblas.h>

// OpenBLAS's own (not CBLAS): stops and joins its worker threads. Exported by every
// threaded OpenBLAS build; declared in none of its headers.
int blas_thread_shutdown_(void);
