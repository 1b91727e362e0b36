//! The index folder: what may live in it, and the only files morgue ever deletes there.
//!
//! An index folder holds tantivy's files (`meta.json`, `.managed.json`, its `.tantivy-*.lock`
//! files, segment files named by a 32-digit hex id and a known extension, and the `.tmpXXXXXX`
//! files its atomic writes go through), morgue's `morgue.lock`, entity table
//! (`entities.tsv`, written through a `.tmpetable` temp file) and copy table (`copies.bin`,
//! through `.tmpcopies`, with what its run saw in `copies.seen`, through `.tmpcpseen`;
//! `copies.tsv` is the copy table of an earlier version, removed when a new one is saved), the paragraphs found to be boilerplate (`boilerplate.bin`, through
//! `.tmpbplate`), and the user's optional
//! `aliases.tsv`. Anything else is *foreign*. morgue creates an index only in a folder with
//! nothing foreign in it, and rebuilds one (`--full`) only then too, deleting nothing but
//! tantivy's files; a folder holding anything else is refused, with the foreign names.
//!
//! A run killed mid-write leaves tantivy temp files behind; they are removed at the start of
//! the next run, under its locks ([`remove_temp_files`]). Orphan segment files are tantivy's
//! to collect (`IndexWriter::garbage_collect_files`), since it knows which it wrote.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The extensions of a tantivy segment's files (after its id and a dot).
const SEGMENT_EXTENSIONS: [&str; 7] = [
    "idx",
    "pos",
    "term",
    "store",
    "store.temp",
    "fast",
    "fieldnorm",
];

/// Foreign names shown in a message before "and N more".
const NAMES_SHOWN: usize = 5;

/// A file tantivy writes (and may delete): its metadata, segments and temp files.
fn is_tantivy_data(name: &str) -> bool {
    name == "meta.json" || name == ".managed.json" || is_temp_file(name) || is_segment_file(name)
}

/// `<32 hex digits>.<extension>`, or `<id>.<opstamp>.del` for a segment's deletes.
fn is_segment_file(name: &str) -> bool {
    let Some((id, ext)) = name.split_once('.') else {
        return false;
    };
    let is_id = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let is_delete = ext
        .strip_suffix(".del")
        .is_some_and(|stamp| !stamp.is_empty() && stamp.bytes().all(|b| b.is_ascii_digit()));
    is_id && (SEGMENT_EXTENSIONS.contains(&ext) || is_delete)
}

/// A temp file of tantivy's atomic writes: `.tmp` and six letters or digits.
fn is_temp_file(name: &str) -> bool {
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A file of the index that morgue writes beside tantivy's: the entity and copy tables.
fn is_morgue_data(name: &str) -> bool {
    name == super::census::FILE
        || name == crate::resolve::table::TABLE_FILE
        || name == crate::copies::table::TABLE_FILE
        || name == crate::copies::table::EARLIER_FILE
        || name == crate::copies::SEEN_FILE
}

/// Write a table morgue keeps beside the index (`file`, in `dir`) through a temp file of its
/// own (`temp`, a name [`is_temp_file`] knows, so a run that dies before the rename leaves
/// nothing foreign), so that a reader sees the old table or the new.
pub fn save_table(dir: &Path, file: &str, temp: &str, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let temp = dir.join(temp);
    let write = || -> std::io::Result<()> {
        let mut out = std::fs::File::create(&temp)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        std::fs::rename(&temp, dir.join(file))
    };
    write().map_err(|e| Error::io(dir.join(file), e))
}

/// Whether a folder entry belongs in an index folder.
fn is_own(name: &OsStr) -> bool {
    name.to_str().is_some_and(|name| {
        is_tantivy_data(name)
            || is_morgue_data(name)
            || name == crate::config::ALIASES_FILE
            || name == super::lock::LOCK_FILE
            || (name.starts_with(".tantivy-") && name.ends_with(".lock"))
    })
}

/// The names in `dir` that are not an index's (sorted), or an error reading it.
fn foreign_names(dir: &Path) -> Result<Vec<String>> {
    let mut foreign = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir || !is_own(&name) {
            let slash = if is_dir { "/" } else { "" };
            foreign.push(format!("{}{slash}", name.to_string_lossy()));
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// Refuse a folder holding anything foreign, saying what and why (`doing`: what was asked).
fn refuse_foreign(dir: &Path, doing: &str) -> Result<()> {
    let foreign = foreign_names(dir)?;
    if foreign.is_empty() {
        return Ok(());
    }
    let mut names = foreign[..foreign.len().min(NAMES_SHOWN)].join(", ");
    if foreign.len() > NAMES_SHOWN {
        names.push_str(&format!(" and {} more", foreign.len() - NAMES_SHOWN));
    }
    Err(Error::IndexInvalid {
        path: dir.to_path_buf(),
        reason: format!(
            "holds files that are not morgue's ({names}), so morgue will not {doing} here: \
             choose another --index folder, or move them out"
        ),
    })
}

/// Make sure `dir` can hold an index before anything is written: it is a folder (created if
/// missing) and, unless it holds an index already, has nothing foreign in it.
pub fn prepare(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::IndexInvalid {
            path: dir.to_path_buf(),
            reason: "is a file, not a folder: give --index a folder (it is created if missing)"
                .into(),
        });
    }
    if dir.is_dir() && !dir.join("meta.json").exists() {
        refuse_foreign(dir, "create an index")?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Refuse roots that are the index folder or inside it: the walk skips the index folder, so
/// such a root would index nothing and make every file indexed under it look deleted.
pub fn check_roots(roots: &[PathBuf], dir: &Path) -> Result<()> {
    let Ok(index) = dir.canonicalize() else {
        // No index folder yet: no root can be inside it.
        return Ok(());
    };
    for root in roots {
        if root.canonicalize().is_ok_and(|r| r.starts_with(&index)) {
            return Err(Error::IndexInvalid {
                path: dir.to_path_buf(),
                reason: format!(
                    "{} is the index folder or inside it, and morgue never indexes its own \
                     folder: give a folder outside it, or choose another --index folder",
                    root.display()
                ),
            });
        }
    }
    Ok(())
}

/// Empty the index folder for a rebuild: delete tantivy's files, nothing else (the alias file
/// and the lock stay). A folder holding anything foreign is refused and left as it is.
pub fn clear(dir: &Path) -> Result<()> {
    refuse_foreign(dir, "delete the index to rebuild it")?;
    for_each_own(dir, |name| is_tantivy_data(name) || is_morgue_data(name))
}

/// Remove the temp files a killed run left behind. Call only under the index lock and
/// tantivy's writer lock, when nothing else can be writing one.
pub fn remove_temp_files(dir: &Path) -> Result<()> {
    for_each_own(dir, is_temp_file)
}

/// Delete every file in `dir` whose name passes `delete`.
fn for_each_own(dir: &Path, delete: fn(&str) -> bool) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && entry.file_name().to_str().is_some_and(delete) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(entry.path(), e)),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_an_index_files_from_foreign_ones() {
        for (name, own) in [
            ("meta.json", true),
            (".managed.json", true),
            (".tantivy-writer.lock", true),
            (".tantivy-meta.lock", true),
            ("morgue.lock", true),
            ("aliases.tsv", true),
            ("entities.tsv", true),
            (".tmpetable", true),
            ("copies.bin", true),
            ("copies.seen", true),
            (".tmpcpseen", true),
            ("boilerplate.bin", true),
            (".tmpbplate", true),
            ("copies.tsv", true),
            (".tmpcopies", true),
            (".tmpA1b2C3", true),
            ("0123456789abcdef0123456789abcdef.idx", true),
            ("0123456789abcdef0123456789abcdef.store.temp", true),
            ("0123456789abcdef0123456789abcdef.12.del", true),
            ("0123456789abcdef0123456789abcdef.docx", false),
            ("0123456789abcdef0123456789abcde.idx", false),
            ("0123456789abcdef0123456789abcdef..del", false),
            (".tmpnotes", false),
            (".tmp_note1", false),
            (".tmp", false),
            ("thesis.docx", false),
            ("meta.json.bak", false),
        ] {
            assert_eq!(is_own(OsStr::new(name)), own, "{name}");
        }
    }

    #[test]
    fn clear_refuses_a_folder_with_foreign_files_and_deletes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let put = |name: &str| std::fs::write(dir.path().join(name), "x").unwrap();
        put("meta.json");
        put("thesis.docx");
        std::fs::create_dir(dir.path().join("notes")).unwrap();
        let err = clear(dir.path()).unwrap_err().to_string();
        assert!(err.contains("(notes/, thesis.docx)"), "{err}");
        assert!(dir.path().join("meta.json").exists());
        std::fs::remove_file(dir.path().join("thesis.docx")).unwrap();
        std::fs::remove_dir(dir.path().join("notes")).unwrap();
        put("aliases.tsv");
        put(".tmpXyZ123");
        clear(dir.path()).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("aliases.tsv")]);
    }
}
