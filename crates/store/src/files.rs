//! Files around the database: what a path is (a regular file, the database itself or one of
//! its side files), the one atomic file writer of the app, and the private temporary
//! directories an SQLite export is built in.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The side files SQLite keeps next to a database.
pub(crate) const SIDE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `path` with `suffix` appended to its file name (`db.sqlite-wal`).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

/// The directory a file is in (`.` for a bare file name).
pub(crate) fn parent_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuse anything but a regular file (after symbolic links): opening a FIFO for reading
/// waits for a writer forever, and a device (`/dev/null`) is no database. `Ok(false)` when
/// nothing is there.
pub(crate) fn regular_file_exists(path: &Path) -> Result<bool> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(true),
        Ok(meta) => {
            let kind = meta.file_type();
            let what = if kind.is_dir() {
                "a directory"
            } else if std::os::unix::fs::FileTypeExt::is_fifo(&kind) {
                "a FIFO (named pipe)"
            } else if std::os::unix::fs::FileTypeExt::is_char_device(&kind)
                || std::os::unix::fs::FileTypeExt::is_block_device(&kind)
            {
                "a device"
            } else if std::os::unix::fs::FileTypeExt::is_socket(&kind) {
                "a socket"
            } else {
                "not a file"
            };
            Err(Error::NotAFile {
                path: path.display().to_string(),
                what,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Where a path points: the file's device and inode when it exists, else the canonical
/// directory it would be created in plus its name. Two paths with the same location are the
/// same file, however they are spelled (`./a`, `d/../a`, a symbolic link).
#[derive(Debug, PartialEq, Eq)]
enum Location {
    Inode(u64, u64),
    Path(PathBuf),
}

fn location(path: &Path) -> Option<Location> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(Location::Inode(meta.dev(), meta.ino()));
    }
    let name = path.file_name()?;
    let dir = parent_dir(path).canonicalize().ok()?;
    Some(Location::Path(dir.join(name)))
}

/// Whether writing `out` would write the database `db` or one of its side files.
pub(crate) fn is_database_or_side_file(out: &Path, db: &Path) -> bool {
    let Some(target) = location(out) else {
        return false;
    };
    std::iter::once(db.to_path_buf())
        .chain(SIDE_SUFFIXES.iter().map(|s| sidecar(db, s)))
        .filter_map(|p| location(&p))
        .any(|l| l == target)
}

/// The mode a file written over `target` gets: the old file's, or for a new file what the
/// umask leaves of 0666 (as any program creating a file there would get).
fn mode_for(target: &Path) -> Option<u32> {
    std::fs::metadata(target)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.permissions().mode() & 0o7777)
}

/// Write `bytes` to `target` atomically: a temporary file in the same directory (created
/// with 0666 less the umask), synced, given the old file's mode if there was one, then
/// renamed over the target. A crash leaves the old file or the new one, never half a file.
/// The one file writer of the app: exports, declarations, mappings.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(target);
    let keep = mode_for(target);
    let mut tmp = tempfile::Builder::new()
        .prefix(".cookie-admin-")
        .suffix(".tmp")
        // The umask applies to this mode at creation, like any new file.
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(target, e))?;
    if let Some(mode) = keep {
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(target, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(target, e))?;
    tmp.persist(target)
        .map_err(|e| Error::io(target, e.error))?;
    Ok(())
}

/// Move a finished file into place over `target`, keeping the old file's mode (or the
/// umask's for a new file, which `file` already has).
pub(crate) fn replace_keeping_mode(file: &Path, target: &Path) -> Result<()> {
    if let Some(mode) = mode_for(target) {
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(target, e))?;
    }
    std::fs::File::open(file)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(file, e))?;
    std::fs::rename(file, target).map_err(|e| Error::io(target, e))
}

/// The name prefix of the directories SQLite exports are built in, next to the target. The
/// process id follows, so a later export can tell a directory left by a killed export from
/// one in use.
const EXPORT_DIR_PREFIX: &str = ".cookie-admin-export-";

/// A new private (0700) directory in `dir` for building an export, after removing the ones
/// left there by exports that were killed. A partial copy of customer data never stays
/// behind for long nor is readable by other users meanwhile.
pub(crate) fn export_temp_dir(dir: &Path) -> Result<tempfile::TempDir> {
    remove_stale_export_dirs(dir);
    tempfile::Builder::new()
        .prefix(&format!("{EXPORT_DIR_PREFIX}{}-", std::process::id()))
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir_in(dir)
        .map_err(|e| Error::io(dir, e))
}

/// Remove export directories whose process is gone. Best effort: a directory that cannot be
/// removed is left for the next time.
fn remove_stale_export_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(EXPORT_DIR_PREFIX))
        else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id runs (Linux `/proc`; elsewhere assume it does, so nothing
/// in use is ever removed).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_dirs_are_private_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        // Left by a killed export: a process id that cannot be running.
        let stale = dir.path().join(format!("{EXPORT_DIR_PREFIX}4194999-abc"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("export.sqlite"), "partial customer data").unwrap();
        // Not ours: left alone.
        let other = dir.path().join(".something-else");
        std::fs::create_dir(&other).unwrap();
        let tmp = export_temp_dir(dir.path()).unwrap();
        assert!(!stale.exists(), "a killed export's directory is removed");
        assert!(other.exists());
        let mode = std::fs::metadata(tmp.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        // A second export while this one runs keeps this one.
        let second = export_temp_dir(dir.path()).unwrap();
        assert!(tmp.path().exists() && second.path().exists());
    }

    #[test]
    fn same_file_however_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        std::fs::write(&db, "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(is_database_or_side_file(&db, &db));
        assert!(is_database_or_side_file(
            &dir.path().join("sub/../db.sqlite"),
            &db
        ));
        assert!(is_database_or_side_file(
            &dir.path().join("sub/../db.sqlite-wal"),
            &db
        ));
        assert!(!is_database_or_side_file(
            &dir.path().join("other.sqlite"),
            &db
        ));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        assert!(is_database_or_side_file(&link, &db));
        assert!(is_database_or_side_file(&db, &link));
    }
}
