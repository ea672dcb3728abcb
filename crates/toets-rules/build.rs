//! Embeds every `rules/*.toets` file of the repository, in file-name order, so
//! a new rule file is built in without editing a list by hand; and the same
//! files compiled (`builtin.rules`, see `RuleSet::to_artefact`), so that the
//! CLI and the browser load the built-in rules without parsing them. If the
//! rules do not compile, the compiled form is left empty and the text is
//! compiled at run time, where its errors are reported in full.

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

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    fs::write(out_dir.join("builtin.rs"), out)?;

    let mut sources = Vec::with_capacity(files.len());
    for path in &files {
        let text = fs::read_to_string(path)?;
        sources.push(toets_syntax::SourceFile::new(
            format!("rules/{}", file_name(path)),
            text,
        ));
    }
    let compiled = toets_engine::RuleSet::compile(sources)
        .map(|rules| rules.to_artefact())
        .unwrap_or_default();
    fs::write(out_dir.join("builtin.rules"), compiled)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
