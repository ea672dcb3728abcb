//! `toets fmt`: formats rule files in place, or checks that they are.

use std::path::PathBuf;

use miette::Diagnostic;
use toets_syntax::SourceFile;

use crate::Failure;
use crate::input;

/// What `toets fmt` found.
pub(crate) struct Outcome {
    /// Text for stdout.
    pub out: String,
    /// Whether some file is not formatted (only with `--check`).
    pub unformatted: bool,
}

/// Formats `paths` (files or directories of `.toets` files; `-` is stdin to
/// stdout). With `check`, writes nothing and reports the files that would
/// change, with a diff.
pub(crate) fn run(paths: &[PathBuf], check: bool) -> Result<Outcome, Failure> {
    let mut outcome = Outcome {
        out: String::new(),
        unformatted: false,
    };
    if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            return Err(Failure(
                "error: `-` (standard input) cannot be combined with other paths\n".to_owned(),
            ));
        }
        let text = input::read_stdin(input::Kind::Rules)?;
        let formatted = format(&SourceFile::new("<stdin>", text.as_str()))?;
        if check {
            outcome.unformatted = formatted != text;
            outcome.out = diff("<stdin>", &text, &formatted);
        } else {
            outcome.out = formatted;
        }
        return Ok(outcome);
    }
    let files = input::rule_paths(paths)?;
    let mut changed = 0usize;
    for path in &files {
        let text = input::read_text(path, input::Kind::Rules)?;
        let name = path.display().to_string();
        let formatted = format(&SourceFile::new(name.as_str(), text.as_str()))?;
        if formatted == text {
            continue;
        }
        changed += 1;
        if check {
            outcome.out.push_str(&diff(&name, &text, &formatted));
        } else {
            std::fs::write(path, &formatted)
                .map_err(|e| Failure(format!("error: cannot write `{name}`: {e}\n")))?;
            outcome.out.push_str(&format!("formatted {name}\n"));
        }
    }
    if check {
        outcome.unformatted = changed > 0;
        outcome.out.push_str(&if changed == 0 {
            format!("{} files formatted correctly\n", files.len())
        } else {
            format!(
                "{changed} of {} files not formatted; run `toets fmt` on them\n",
                files.len()
            )
        });
    }
    Ok(outcome)
}

fn format(source: &SourceFile) -> Result<String, Failure> {
    let file = toets_syntax::parse(source).map_err(|errors| {
        Failure(
            errors
                .iter()
                .map(|e| input::render(e as &dyn Diagnostic))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    toets_syntax::format(&file).map_err(|e| Failure(input::render(&e)))
}

fn diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    // A bounded diff: past the deadline similar gives a coarser (still
    // correct) diff instead of spending quadratic time on a file that
    // changes on every line.
    similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}
