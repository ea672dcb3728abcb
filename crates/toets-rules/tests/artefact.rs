//! The compiled built-in rules (`toets_rules::COMPILED`, written by
//! `build.rs`) are the same rule set as the text: every example gives the
//! same verdict, every rule test the same result; and bytes that are not a
//! sound compiled rule set are refused with a reason.
#![expect(clippy::expect_used, clippy::panic, reason = "test code")]

use std::path::PathBuf;

use toets_engine::{ArtefactError, EvalOptions, RuleSet};
use toets_syntax::SourceFile;

fn from_text() -> RuleSet {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).expect("the built-in rules compile")
}

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .collect();
    out.sort();
    out
}

#[test]
fn the_compiled_rules_give_the_verdicts_of_the_text() {
    let text = from_text();
    let compiled = RuleSet::from_artefact(toets_rules::COMPILED).expect("loads");
    assert_eq!(compiled.sha256(), text.sha256());
    assert_eq!(compiled.norms().len(), text.norms().len());
    let options = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    let examples = examples();
    assert!(examples.len() >= 5, "{examples:?}");
    for path in examples {
        let source = std::fs::read_to_string(&path).expect("reads");
        let name = path.display().to_string();
        let a = text.load_description(&name, &source).expect("loads");
        let b = compiled.load_description(&name, &source).expect("loads");
        let va = serde_json::to_string(&text.evaluate(&a, &options).expect("evaluates"));
        let vb = serde_json::to_string(&compiled.evaluate(&b, &options).expect("evaluates"));
        assert_eq!(va.expect("json"), vb.expect("json"), "{name}");
    }
    let ta = text.run_tests(jiff::civil::date(2026, 11, 23));
    let tb = compiled.run_tests(jiff::civil::date(2026, 11, 23));
    assert_eq!((ta.passed(), ta.failed()), (tb.passed(), tb.failed()));
    // Stored again, it is the same bytes: nothing is lost on the way.
    assert!(compiled.to_artefact() == toets_rules::COMPILED);
}

#[test]
fn bytes_that_are_not_a_sound_rule_set_are_refused() {
    let good = toets_rules::COMPILED;
    let refuse = |bytes: &[u8]| match RuleSet::from_artefact(bytes) {
        Ok(_) => panic!("accepted"),
        Err(e) => e,
    };
    assert!(matches!(refuse(b""), ArtefactError::NotARuleSet));
    assert!(matches!(refuse(b"toets rules"), ArtefactError::NotARuleSet));
    let mut other = good.to_vec();
    if let Some(format) = other.get_mut(7) {
        *format = format.wrapping_add(1);
    }
    let e = refuse(&other);
    assert!(matches!(e, ArtefactError::OtherVersion { .. }), "{e}");
    assert!(e.to_string().contains("this is toets `"), "{e}");
    let cut = good.get(..good.len() / 2).expect("half");
    assert!(matches!(refuse(cut), ArtefactError::Damaged { .. }));
    let mut longer = good.to_vec();
    longer.push(0);
    let e = refuse(&longer);
    assert_eq!(
        e.to_string(),
        "the compiled rule set is damaged: 1 bytes after the end"
    );
}

#[test]
fn loading_the_compiled_rules_is_faster_than_compiling_them() {
    // The figure for the README; the bench `engine` measures it precisely.
    let start = std::time::Instant::now();
    let _ = from_text();
    let compile = start.elapsed();
    let start = std::time::Instant::now();
    let _ = RuleSet::from_artefact(toets_rules::COMPILED).expect("loads");
    let load = start.elapsed();
    println!(
        "built-in rules: compile {compile:?}, load compiled {load:?} ({} bytes), {:.0}x",
        toets_rules::COMPILED.len(),
        compile.as_secs_f64() / load.as_secs_f64().max(1e-9)
    );
    assert!(
        load < compile,
        "loading {load:?} is not faster than compiling {compile:?}"
    );
}
