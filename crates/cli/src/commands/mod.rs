//! One module per subcommand. Each has an `Args` struct (clap) and `run(&args)`.

pub mod check;
pub mod cmps;
pub mod cookies;
pub mod declaration;
pub mod init;
pub mod mapping;
pub mod matrix;
pub mod snippet;
pub mod summary;
