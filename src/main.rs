//! The `welfare-awards` command. All logic lives in the library; this maps
//! the outcome to an exit code.

/// mimalloc instead of the system allocator: the workers allocate and free
/// many small strings per line, and glibc's arenas both cost CPU and kept
/// freed memory (issue 7: throughput and peak RSS).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(welfare_awards::cli::main());
}
