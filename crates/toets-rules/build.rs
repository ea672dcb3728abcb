//! Embeds every `rules/*.toets` file of the repository, in file-name order, so
//! a new rule file is built in without editing a list by hand.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules = manifest.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());

    let mut files: Vec<PathBuf> = fs::read_dir(&rules)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toets"))
        .collect();
    files.sort();

    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = file_name(path);
        let absolute = fs::canonicalize(path)?;
        let _ = writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("rules/{name}"),
            absolute.display().to_string()
        );
    }
    out.push(']');

    let target = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("builtin.rs");
    fs::write(target, out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
