//! Who saves a version when nobody said: the operating system account's full name (the
//! passwd GECOS field, up to its first comma), else its login name. The window's "Your name"
//! setting and the CLI's `--author` both fall back to [`default_author`].

/// The OS account's full name, else its login name, else `unknown`.
pub fn default_author() -> String {
    let full = whoami::fallible::realname().unwrap_or_default();
    let full = full.trim();
    if !full.is_empty() {
        return full.to_string();
    }
    whoami::fallible::username()
        .ok()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// `given` when it has text, else [`default_author`].
pub fn author_or_default(given: Option<&str>) -> String {
    given
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map_or_else(default_author, str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_account_full_or_login_name() {
        let author = default_author();
        assert!(!author.trim().is_empty());
        // The passwd entry of this process's user: GECOS full name, else the login name.
        let uid = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata("/proc/self").unwrap());
        if let Ok(passwd) = std::fs::read_to_string("/etc/passwd") {
            if let Some(entry) = passwd
                .lines()
                .map(|l| l.split(':').collect::<Vec<_>>())
                .find(|f| f.len() > 4 && f[2] == uid.to_string())
            {
                let gecos = entry[4].split(',').next().unwrap_or("").trim();
                let expected = if gecos.is_empty() { entry[0] } else { gecos };
                assert_eq!(author, expected);
            }
        }
        assert_eq!(author_or_default(Some("  Ala  ")), "Ala");
        assert_eq!(author_or_default(Some(" ")), author);
        assert_eq!(author_or_default(None), author);
    }
}
