//! A cache of compiled rule sets, by the SHA-256 of their files' names and
//! texts: `$TOETS_CACHE_DIR`, else `$XDG_CACHE_HOME/toets`, else
//! `~/.cache/toets`. `TOETS_CACHE_DIR=off` turns it off.
//!
//! The cache only ever saves time: an entry that is missing, unreadable,
//! too large, written by another toets, damaged or for other files is
//! ignored and the files are compiled (and the entry written again). Entries
//! are written atomically, so a crash or a second toets at the same time
//! leaves either no entry or a whole one.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;

use toets_engine::RuleSet;

/// The largest entry read: rule files are at most a few MiB each.
const MAX_ENTRY: u64 = 256 * 1024 * 1024;

/// Where compiled rule sets are kept.
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache the environment names, or `None` if it is off or no home
    /// folder is known.
    pub(crate) fn from_env() -> Option<Cache> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let dir = match var("TOETS_CACHE_DIR") {
            Some(v) if v == "off" => return None,
            Some(v) => PathBuf::from(v),
            None => match var("XDG_CACHE_HOME") {
                Some(v) => PathBuf::from(v).join("toets"),
                None => PathBuf::from(var("HOME")?).join(".cache").join("toets"),
            },
        };
        Some(Cache { dir })
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.dir
            .join(format!("{key}-{}.rules", env!("CARGO_PKG_VERSION")))
    }

    /// The rule set stored for `key`, if there is a sound one.
    pub(crate) fn load(&self, key: &str) -> Option<RuleSet> {
        let file = std::fs::File::open(self.entry(key)).ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let mut bytes = Vec::new();
        file.take(MAX_ENTRY + 1).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 > MAX_ENTRY {
            return None;
        }
        RuleSet::from_artefact(&bytes)
            .ok()
            .filter(|rules| rules.sha256() == key)
    }

    /// Stores `rules` under `key`; a failure only means no cache entry.
    pub(crate) fn store(&self, key: &str, rules: &RuleSet) {
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir) else {
            return;
        };
        if tmp.write_all(&rules.to_artefact()).is_ok() {
            let _ = tmp.persist(self.entry(key));
        }
    }
}
