//! One module per subcommand. Each has an `Args` struct (clap) and `run(&args)`.

pub mod check;
pub mod cookies;
pub mod init;
pub mod matrix;
pub mod summary;
