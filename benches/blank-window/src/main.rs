//! A blank Tauri v2 window: the floor of the start-up and memory benchmarks. Like the app,
//! with `COOKIE_ADMIN_EXIT_WHEN_READY=1` it prints `ready <ms since start>` once the page has
//! rendered its first frame, and exits; without it, it stays open (memory is read then).

use std::time::Instant;

struct Started(Instant);

#[tauri::command]
fn ready(app: tauri::AppHandle, started: tauri::State<'_, Started>) {
    if std::env::var("COOKIE_ADMIN_EXIT_WHEN_READY").is_ok_and(|v| v == "1") {
        println!("ready {}", started.0.elapsed().as_millis());
        app.exit(0);
    } else {
        println!("ready {}", started.0.elapsed().as_millis());
    }
}

fn main() {
    let started = Started(Instant::now());
    let result = tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("blank-window: {error}");
        std::process::exit(1);
    }
}
