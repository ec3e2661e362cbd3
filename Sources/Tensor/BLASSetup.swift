import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Readies OpenBLAS once per process, before the first product: its kernels fitted to
/// this CPU, and one thread.
///
/// Kernels: Debian's OpenBLAS (0.3.21) picks its kernel set from the CPU's family and
/// model number when it loads, and a CPU newer than it knows (an Emerald Rapids Xeon,
/// model 207, say) gets its oldest set, Prescott (SSE3), even with AVX-512 on board: one
/// SST-2 training epoch then takes 2.5 times as long. In that case, and only when the
/// user has not set `OPENBLAS_CORETYPE`, the set is chosen again from what the CPU runs:
/// SkylakeX for AVX-512, Haswell for AVX2 with FMA, as newer OpenBLAS releases do for
/// models they do not know. This calls two functions OpenBLAS exports but does not
/// document (`gotoblas_dynamic_quit`, `gotoblas_dynamic_init`), with its documented
/// variable; a build without them keeps its own choice.
///
/// Threads: the engine runs the two LSTM directions on the two cores itself; BLAS
/// threads nested inside them would oversubscribe the machine, and a single-threaded
/// GEMM is also what makes training bit-reproducible.
public enum BLASSetup {
    private static let prepared: String? = {
        let chosen = refitKernels()
        openblas_set_num_threads(1)
        // OpenBLAS started a pool of workers before main (sized by the core count), and
        // idle they spin in sched_yield: about 2,500 calls and half the CPU time of a
        // one-line prediction. One thread never uses them, so they are stopped.
        _ = blas_thread_shutdown_()
        return chosen
    }()

    /// Fits the kernels to the CPU and pins OpenBLAS to one thread (once per process;
    /// later calls are free).
    public static func prepare() {
        _ = prepared
    }

    /// OpenBLAS's kernel set in use, e.g. "Haswell" or "SkylakeX" (for benchmark
    /// reports: `OPENBLAS_CORETYPE` overrides the choice).
    public static var kernelName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The kernel set `prepare` chose in OpenBLAS's place, or nil when OpenBLAS's own
    /// choice stood.
    public static var kernelsChosenHere: String? {
        prepared
    }

    /// The kernel set to use instead of OpenBLAS's own choice, if that choice is its
    /// fallback and the CPU runs wider vectors; nil otherwise.
    static func betterKernels(than openBLASChoice: String, vectorLevel: Int32) -> String? {
        guard openBLASChoice.lowercased() == "prescott" else { return nil }
        switch vectorLevel {
        case 2...: return "SkylakeX"
        case 1: return "Haswell"
        default: return nil
        }
    }

    private static func refitKernels() -> String? {
        guard getenv("OPENBLAS_CORETYPE") == nil,
              let better = betterKernels(than: kernelName, vectorLevel: sentiment_cpu_vector_level()),
              sentiment_blas_choose_kernels(better) != 0
        else { return nil }
        return kernelName.lowercased() == better.lowercased() ? better : nil
    }
}
