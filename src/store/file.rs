//! The database file on disk: whether it may be written, the files SQLite keeps beside it, and
//! whether some other path is one of them, so no command ever writes over a database.

use std::path::{Path, PathBuf};

/// The files SQLite keeps beside a database while it is open or after a crash.
pub const SIDECAR_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// `path` with `suffix` appended to its file name (`x.db` + `-wal` → `x.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The database and the files SQLite keeps beside it.
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    std::iter::once(db.to_owned())
        .chain(SIDECAR_SUFFIXES.iter().map(|s| with_suffix(db, s)))
        .collect()
}

/// Whether `a` and `b` name the same file, by identity where both exist (a link or another
/// spelling of the path is caught), else by their absolute paths.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    let absolute = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
        // The folder may exist when the file does not: compare through its real path.
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => parent
                .canonicalize()
                .map(|parent| parent.join(name))
                .unwrap_or(p.clone()),
            _ => p,
        }
    };
    absolute(a) == absolute(b)
}

/// Whether the file at `path` is an SQLite database (of any program), read from its header.
pub fn is_sqlite_file(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| &header == SQLITE_HEADER)
}

/// The application id and schema version in the header of the SQLite file at `path`
/// (`PRAGMA application_id`, bytes 68 to 71, and `PRAGMA user_version`, bytes 60 to 63);
/// `None` when the file is not an SQLite database.
pub fn header_ids(path: &Path) -> Option<(i32, u32)> {
    use std::io::Read;
    let mut header = [0u8; 72];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .ok()?;
    let word = |at: usize| [header[at], header[at + 1], header[at + 2], header[at + 3]];
    (&header[..16] == SQLITE_HEADER)
        .then(|| (i32::from_be_bytes(word(68)), u32::from_be_bytes(word(60))))
}

/// Why a command may not write its output to `out`, if it may not: it is the database or one
/// of its companion files, or it is another SQLite database (the wrong file picked in a hurry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForbiddenOutput {
    /// `out` is the open database or a file SQLite keeps beside it.
    TheDatabase,
    /// `out` is another SQLite database, or a companion file of one.
    ADatabase,
}

/// Checks an output path against the database `db`; `None` when it may be written.
pub fn forbidden_output(out: &Path, db: Option<&Path>) -> Option<ForbiddenOutput> {
    if let Some(db) = db
        && database_files(db).iter().any(|f| same_file(out, f))
    {
        return Some(ForbiddenOutput::TheDatabase);
    }
    if is_sqlite_file(out) {
        return Some(ForbiddenOutput::ADatabase);
    }
    // `x.db-wal` beside an `x.db`: a companion of another database.
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    for suffix in SIDECAR_SUFFIXES {
        if let Some(base) = name.strip_suffix(suffix)
            && is_sqlite_file(&out.with_file_name(base))
        {
            return Some(ForbiddenOutput::ADatabase);
        }
    }
    None
}

/// Makes a rename into `folder` survive a power cut (the folder's entry written to disk);
/// nothing to do where the system has no such call.
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    }) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Whether this program may write the database at `db`: the file (when it exists) and its
/// folder both allow writing. Write permission bits are read, not only what the system would
/// allow: a file an archivist made read-only is opened read-only, even by an administrator.
pub fn writable(db: &Path) -> bool {
    let folder = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let allows = |path: &Path| {
        std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly()) && may_write(path)
    };
    allows(&folder) && (!db.exists() || allows(db))
}

/// What the operating system says about writing `path` (a read-only mount, another owner).
#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn may_write(_path: &Path) -> bool {
    true
}

/// Whether another process has the database open (it holds a lock on it): restoring a backup
/// over it then would pull the file from under the other window.
pub fn in_use_elsewhere(db: &Path) -> bool {
    // An exclusive lock is refused while any other connection holds a shared lock. Asking for
    // it needs a connection of our own; `locking_mode` leaves the file as it was.
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    // In WAL mode other readers are seen through the -shm: try to become the only user. Only
    // "busy" or "locked" means someone else has it; a file that is not a database (the damaged
    // file a backup replaces) is not in use.
    let attempt = conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
    matches!(
        attempt.err().and_then(|e| e.sqlite_error_code()),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_companions_are_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        for out in database_files(&db) {
            assert_eq!(
                forbidden_output(&out, Some(&db)),
                Some(ForbiddenOutput::TheDatabase),
                "{}",
                out.display()
            );
        }
        // Another spelling of the same path.
        let dotted = dir.path().join(".").join("a.db");
        assert_eq!(
            forbidden_output(&dotted, Some(&db)),
            Some(ForbiddenOutput::TheDatabase)
        );
        assert_eq!(forbidden_output(&dir.path().join("a.pdf"), Some(&db)), None);
    }

    #[test]
    fn another_sqlite_file_or_its_wal_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.sqlite");
        rusqlite::Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert_eq!(
            forbidden_output(&other, None),
            Some(ForbiddenOutput::ADatabase)
        );
        assert_eq!(
            forbidden_output(&with_suffix(&other, "-wal"), None),
            Some(ForbiddenOutput::ADatabase)
        );
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "SQLite format 2").unwrap();
        assert_eq!(forbidden_output(&text, None), None);
    }

    #[test]
    fn a_read_only_file_or_folder_is_not_writable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        std::fs::write(&db, b"").unwrap();
        assert!(writable(&db));
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(!writable(&db));
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        assert!(!writable(&db), "no -wal or -shm could be made beside it");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
