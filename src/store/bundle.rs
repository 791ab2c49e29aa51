//! The monthly file's envelope (docs/BUNDLE-FORMAT.md): a SQLite database followed by a
//! trailer that signs it. The trailer is
//!
//! ```text
//! [database, n bytes][n as u64 LE, 8][Ed25519 public key, 32][signature, 64][MAGIC, 16]
//! ```
//!
//! and the signature is over [`SIGNED_PREFIX`] followed by the SHA-256 of the database bytes.
//! Any SQLite tool opens the file as it is (SQLite ignores bytes past the database); this
//! program reads nothing of it before the signature is checked, and then reads only the copy
//! it checked ([`Envelope::open`]), so a file changed between the check and the reading cannot
//! slip through.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The last 16 bytes of every monthly file.
pub const MAGIC: [u8; 16] = *b"aftersales-mf-1\n";
/// What the signature covers, before the database's SHA-256.
pub const SIGNED_PREFIX: &[u8] = b"aftersales monthly file v1\n";
/// The trailer's length.
pub const TRAILER_LEN: usize = 8 + 32 + 64 + MAGIC.len();

/// Why a file is not a sound monthly file, in words a clerk can act on.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EnvelopeError {
    #[error("this is not a monthly file of this program (no signature at its end): {0}")]
    NotAMonthlyFile(String),
    #[error("the monthly file is cut short or has bytes added (damaged in copying?): {0}")]
    WrongLength(String),
    #[error(
        "the monthly file's signature does not match its contents: it was changed or damaged after it was written; ask the sender for it again: {0}"
    )]
    BadSignature(String),
    #[error("cannot read the monthly file ({reason}): {path}")]
    Read { path: String, reason: String },
    #[error("cannot write the monthly file ({reason}): {path}")]
    Write { path: String, reason: String },
    #[error("this office's signing key cannot be read or made ({reason}): {path}")]
    Key { path: String, reason: String },
}

/// A public key as the tracker and the first-import question show it: 8 groups of 4 hex digits
/// of the key's SHA-256, enough to read over the telephone.
pub fn fingerprint(key: &[u8; 32]) -> String {
    let digest = Sha256::digest(key);
    digest[..16]
        .chunks(2)
        .map(|pair| format!("{:02x}{:02x}", pair[0], pair[1]))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn hex(bytes: &[u8]) -> String {
    super::sql::to_hex(bytes)
}

pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

/// Whether the file at `path` ends as a monthly file does (its signature is not checked): an
/// earlier export of the same month may be written over, nothing else.
pub fn is_monthly_file(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut end = [0u8; MAGIC.len()];
    file.metadata()
        .is_ok_and(|m| m.is_file() && m.len() >= TRAILER_LEN as u64)
        && file.seek(SeekFrom::End(-(MAGIC.len() as i64))).is_ok()
        && file.read_exact(&mut end).is_ok()
        && end == MAGIC
}

/// Where the key of the database at `db` is kept: beside it, `<name>.signing-key`.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".signing-key");
    PathBuf::from(name)
}

/// This office's signing key, read from `path`, or made there on first use (readable by the
/// owner only). A file that is not a key is never overwritten: it is an error.
pub fn load_or_make_key(path: &Path) -> Result<SigningKey, EnvelopeError> {
    let error = |reason: String| EnvelopeError::Key {
        path: path.display().to_string(),
        reason,
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            let seed: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| error(format!("{} bytes, a key has 32", bytes.len())))?;
            Ok(SigningKey::from_bytes(&seed))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| error(e.to_string()))?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path).map_err(|e| error(e.to_string()))?;
            file.write_all(&seed)
                .and_then(|()| file.sync_all())
                .map_err(|e| error(e.to_string()))?;
            Ok(SigningKey::from_bytes(&seed))
        }
        Err(e) => Err(error(e.to_string())),
    }
}

fn signed_message(digest: &[u8]) -> Vec<u8> {
    let mut message = SIGNED_PREFIX.to_vec();
    message.extend_from_slice(digest);
    message
}

/// Appends the trailer to the database at `path` (written and closed), signing it with `key`.
/// Returns the SHA-256 of the whole file as written.
pub fn seal(path: &Path, key: &SigningKey) -> Result<String, EnvelopeError> {
    let error = |e: std::io::Error| EnvelopeError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .map_err(error)?;
    let (length, digest) = hash_prefix(&mut file, None).map_err(error)?;
    let signature = key.sign(&signed_message(&digest));
    let mut trailer = Vec::with_capacity(TRAILER_LEN);
    trailer.extend_from_slice(&length.to_le_bytes());
    trailer.extend_from_slice(key.verifying_key().as_bytes());
    trailer.extend_from_slice(&signature.to_bytes());
    trailer.extend_from_slice(&MAGIC);
    file.write_all(&trailer).map_err(error)?;
    file.sync_all().map_err(error)?;
    file.seek(SeekFrom::Start(0)).map_err(error)?;
    let (_, whole) = hash_prefix(&mut file, None).map_err(error)?;
    Ok(hex(&whole))
}

/// Reads `file` from where it stands, `limit` bytes or to its end; returns how many bytes and
/// their SHA-256.
fn hash_prefix(file: &mut std::fs::File, limit: Option<u64>) -> std::io::Result<(u64, [u8; 32])> {
    let (length, state) = hash_copy(file, limit, None)?;
    Ok((length, state.finalize().into()))
}

/// As [`hash_prefix`], copying what is read into `copy` if given; returns the hash unfinished.
fn hash_copy(
    file: &mut std::fs::File,
    limit: Option<u64>,
    mut copy: Option<&mut std::fs::File>,
) -> std::io::Result<(u64, Sha256)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let want = match limit {
            Some(limit) => (limit - total).min(buffer.len() as u64) as usize,
            None => buffer.len(),
        };
        if want == 0 {
            break;
        }
        let read = file.read(&mut buffer[..want])?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        if let Some(copy) = copy.as_deref_mut() {
            copy.write_all(&buffer[..read])?;
        }
        total += read as u64;
    }
    Ok((total, hasher))
}

/// A monthly file whose signature was checked, its database copied out to read.
pub struct Envelope {
    /// The sender's public key, from the trailer.
    pub key: [u8; 32],
    /// SHA-256 of the whole file as received: a file imported once is known by it.
    pub sha256: String,
    /// The checked copy of the database (removed when dropped).
    pub database: tempfile::NamedTempFile,
}

impl Envelope {
    /// Checks the trailer and the signature of the file at `path`, copying the database out
    /// (into the temporary folder) as it is hashed, so what is read afterwards is exactly
    /// what was checked.
    pub fn open(path: &Path) -> Result<Envelope, EnvelopeError> {
        Envelope::open_in(path, &std::env::temp_dir())
    }

    /// [`Envelope::open`], the copy made in `folder`.
    pub fn open_in(path: &Path, folder: &Path) -> Result<Envelope, EnvelopeError> {
        let shown = path.display().to_string();
        let read_error = |e: std::io::Error| EnvelopeError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        };
        let mut file = std::fs::File::open(path).map_err(read_error)?;
        let meta = file.metadata().map_err(read_error)?;
        if meta.is_dir() {
            return Err(EnvelopeError::Read {
                path: shown,
                reason: "that is a folder".to_owned(),
            });
        }
        let size = meta.len();
        if size < TRAILER_LEN as u64 {
            return Err(EnvelopeError::NotAMonthlyFile(shown));
        }
        let mut trailer = [0u8; TRAILER_LEN];
        file.seek(SeekFrom::Start(size - TRAILER_LEN as u64))
            .and_then(|_| file.read_exact(&mut trailer))
            .map_err(read_error)?;
        if trailer[TRAILER_LEN - MAGIC.len()..] != MAGIC {
            return Err(EnvelopeError::NotAMonthlyFile(shown));
        }
        let length = u64::from_le_bytes(trailer[..8].try_into().unwrap_or_default());
        if length != size - TRAILER_LEN as u64 {
            return Err(EnvelopeError::WrongLength(shown));
        }
        let key: [u8; 32] = trailer[8..40].try_into().unwrap_or_default();
        let signature: [u8; 64] = trailer[40..104].try_into().unwrap_or([0; 64]);
        let copy = tempfile::Builder::new()
            .prefix("aftersales-monthly-")
            .suffix(".db")
            .tempfile_in(folder)
            .map_err(|e| EnvelopeError::Read {
                path: folder.display().to_string(),
                reason: e.to_string(),
            })?;
        file.seek(SeekFrom::Start(0)).map_err(read_error)?;
        let mut copy_file = copy.reopen().map_err(read_error)?;
        let (copied, state) =
            hash_copy(&mut file, Some(length), Some(&mut copy_file)).map_err(read_error)?;
        let digest: [u8; 32] = state.clone().finalize().into();
        if copied != length {
            return Err(EnvelopeError::WrongLength(shown));
        }
        let verified = VerifyingKey::from_bytes(&key).is_ok_and(|public| {
            public
                .verify_strict(
                    &signed_message(&digest),
                    &ed25519_dalek::Signature::from_bytes(&signature),
                )
                .is_ok()
        });
        if !verified {
            return Err(EnvelopeError::BadSignature(shown));
        }
        // The file's own SHA-256, trailer included: the same file imported twice is known.
        let mut whole = state;
        whole.update(trailer);
        let file_digest: [u8; 32] = whole.finalize().into();
        Ok(Envelope {
            key,
            sha256: hex(&file_digest),
            database: copy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(dir: &Path, body: &[u8]) -> (PathBuf, SigningKey) {
        let path = dir.join("file.asmf");
        std::fs::write(&path, body).unwrap();
        let key = load_or_make_key(&dir.join("key")).unwrap();
        seal(&path, &key).unwrap();
        (path, key)
    }

    #[test]
    fn a_sealed_file_opens_to_exactly_what_was_signed() {
        let dir = tempfile::tempdir().unwrap();
        let (path, key) = sealed(dir.path(), b"SQLite format 3\0 and the rest");
        let envelope = Envelope::open(&path).unwrap();
        assert_eq!(envelope.key, *key.verifying_key().as_bytes());
        assert_eq!(
            std::fs::read(envelope.database.path()).unwrap(),
            b"SQLite format 3\0 and the rest"
        );
        let whole = std::fs::read(&path).unwrap();
        assert_eq!(envelope.sha256, hex(&Sha256::digest(&whole)));
    }

    #[test]
    fn every_single_byte_changed_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = sealed(dir.path(), &[7u8; 300]);
        let good = std::fs::read(&path).unwrap();
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x01;
            std::fs::write(&path, &bad).unwrap();
            assert!(
                Envelope::open(&path).is_err(),
                "byte {at} changed went through"
            );
        }
    }

    #[test]
    fn a_cut_or_lengthened_file_and_a_plain_database_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = sealed(dir.path(), &[1u8; 100]);
        let good = std::fs::read(&path).unwrap();
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        assert!(matches!(
            Envelope::open(&path),
            Err(EnvelopeError::NotAMonthlyFile(_))
        ));
        std::fs::write(&path, &good[1..]).unwrap();
        assert!(matches!(
            Envelope::open(&path),
            Err(EnvelopeError::WrongLength(_))
        ));
        std::fs::write(&path, b"").unwrap();
        assert!(matches!(
            Envelope::open(&path),
            Err(EnvelopeError::NotAMonthlyFile(_))
        ));
    }

    #[test]
    fn a_file_signed_again_by_another_key_opens_with_that_key() {
        let dir = tempfile::tempdir().unwrap();
        let (path, first) = sealed(dir.path(), &[3u8; 64]);
        let other = SigningKey::from_bytes(&[9u8; 32]);
        let body = std::fs::read(&path).unwrap();
        std::fs::write(&path, &body[..64]).unwrap();
        seal(&path, &other).unwrap();
        let envelope = Envelope::open(&path).unwrap();
        assert_ne!(envelope.key, *first.verifying_key().as_bytes());
        assert_eq!(envelope.key, *other.verifying_key().as_bytes());
    }

    #[test]
    fn the_key_is_made_once_and_read_back_and_a_wrong_key_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let made = load_or_make_key(&path).unwrap();
        let read = load_or_make_key(&path).unwrap();
        assert_eq!(made.to_bytes(), read.to_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"not a key").unwrap();
        assert!(matches!(
            load_or_make_key(&path),
            Err(EnvelopeError::Key { .. })
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"not a key");
    }

    #[test]
    fn a_fingerprint_is_eight_groups_of_four() {
        let key = SigningKey::from_bytes(&[1u8; 32]);
        let print = fingerprint(key.verifying_key().as_bytes());
        assert_eq!(print.split(' ').count(), 8);
        assert!(print.split(' ').all(|g| g.len() == 4));
    }
}
