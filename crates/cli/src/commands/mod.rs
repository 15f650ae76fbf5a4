//! One module per subcommand. Each has an `Args` struct (clap) and `run(&args)`.

pub mod account;
pub mod accounts;
pub mod audit;
pub mod check;
pub mod cmps;
pub mod cookies;
pub mod db;
pub mod declaration;
pub mod diff;
pub mod export;
pub mod generate;
pub mod history;
pub mod import;
pub mod init;
pub mod mapping;
pub mod matrix;
pub mod restore;
pub mod save;
pub mod site_check;
pub mod snippet;
pub mod summary;
