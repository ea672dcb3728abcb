//! Parses rule files and prints their diagnostics: `cargo run -p toets-syntax --example parse -- FILE...`
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut ok = true;
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read `{path}`");
            ok = false;
            continue;
        };
        let source = toets_syntax::SourceFile::new(path.as_str(), text);
        match toets_syntax::parse(&source) {
            Ok(file) => println!(
                "{path}: {} items, {} comments",
                file.items.len(),
                file.comments.len()
            ),
            Err(errors) => {
                ok = false;
                for e in errors {
                    eprintln!("{:?}", miette::Report::new(e));
                }
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
