//! The `welfare-awards` command. All logic lives in the library; this maps
//! the outcome to an exit code.

fn main() {
    std::process::exit(welfare_awards::cli::main());
}
