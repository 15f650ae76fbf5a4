//! `cookie-admin-cli`: the core and the store without a window.
use clap::Parser;

#[derive(Parser)]
#[command(
    name = "cookie-admin-cli",
    version,
    about = "CallPage Cookie Admin without a window"
)]
struct Cli {}

fn main() {
    let _ = Cli::parse();
    println!("cookie-admin-cli {}", cookie_admin_core::VERSION);
}
