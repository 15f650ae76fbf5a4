//! The hidden `generate` subcommand: man pages and completions that follow the real command
//! line (every subcommand `--help` lists), and that never advertise `generate` itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_cookie-admin-cli");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The subcommands `--help` lists (without clap's own `help`).
fn public_subcommands() -> Vec<String> {
    let help = stdout(&run(&["--help"]));
    let commands = help
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let names: Vec<String> = commands
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 17, "{help}");
    names
}

#[test]
fn generate_stays_out_of_the_help() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    assert!(!stdout(&out).contains("generate"));
}

#[test]
fn man_pages_one_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("man1");
    let out = run(&["generate", "man", "--out-dir", out_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut expected: Vec<String> = public_subcommands()
        .iter()
        .map(|sub| format!("cookie-admin-cli-{sub}.1"))
        .collect();
    expected.push("cookie-admin-cli.1".into());
    expected.sort();
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written, expected);
    // The command prints the files it wrote, one per line.
    assert_eq!(stdout(&out).lines().count(), expected.len());

    let main = std::fs::read_to_string(out_dir.join("cookie-admin-cli.1")).unwrap();
    assert!(main.contains(".TH cookie-admin-cli 1"), "{main}");
    assert!(main.contains("cookie\\-admin\\-cli\\-snippet(1)"));
    assert!(!main.contains("generate"));
    let snippet = std::fs::read_to_string(out_dir.join("cookie-admin-cli-snippet.1")).unwrap();
    assert!(snippet.contains("\\-\\-cmp"), "{snippet}");
}

#[test]
fn completions_for_each_shell_name_every_subcommand() {
    let subs = public_subcommands();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["generate", "completions", "--shell", shell]);
        assert!(out.status.success(), "{shell}");
        let script = stdout(&out);
        for sub in &subs {
            assert!(script.contains(sub.as_str()), "{shell} misses {sub}");
        }
        assert!(
            !script.contains("generate"),
            "{shell} offers the hidden subcommand"
        );
    }
    let bash = stdout(&run(&["generate", "completions", "--shell", "bash"]));
    assert!(bash.contains(" cookie-admin-cli\n"), "{bash}");
    assert!(bash.contains("complete -F "), "{bash}");
}

/// What bash offers for the last word of `line`, with the generated script loaded.
fn bash_completes(script: &std::path::Path, line: &str) -> Vec<String> {
    let program = r#"
        source "$1"
        fn=$(complete -p cookie-admin-cli | sed -E 's/.* -F ([^ ]+) .*/\1/')
        read -ra COMP_WORDS <<<"$2"
        [ "${2: -1}" = " " ] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
        "$fn" cookie-admin-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", program, "bash"])
        .arg(script)
        .arg(line)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_their_options() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("cookie-admin-cli");
    let out = run(&["generate", "completions", "--shell", "bash"]);
    std::fs::write(&script, &out.stdout).unwrap();

    assert_eq!(bash_completes(&script, "cookie-admin-cli sni"), ["snippet"]);
    // A subcommand's own options (broken in clap_complete's script for hyphenated names).
    assert!(bash_completes(&script, "cookie-admin-cli snippet --c").contains(&"--cmp".to_owned()));
    assert!(
        bash_completes(&script, "cookie-admin-cli declaration --").contains(&"--lang".to_owned())
    );
    let top = bash_completes(&script, "cookie-admin-cli ");
    assert!(top.contains(&"cmps".to_owned()) && !top.contains(&"generate".to_owned()));
}

#[test]
fn unknown_shell_and_unwritable_dir_are_errors() {
    let out = run(&["generate", "completions", "--shell", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());

    let file = tempfile::NamedTempFile::new().unwrap();
    let inside_a_file = file.path().join("man1");
    let out = run(&[
        "generate",
        "man",
        "--out-dir",
        inside_a_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: cannot write man pages to"), "{err}");
    assert_eq!(err.lines().count(), 1);
}
