//! Arbitrary YAML/JSON descriptions against the built-in rules: an error
//! with a place, or a verdict that keeps its invariants.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use toets_engine::{EvalOptions, RuleSet, invariants};
use toets_syntax::SourceFile;

static RULES: LazyLock<Option<RuleSet>> = LazyLock::new(|| {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).ok()
});

fuzz_target!(|data: &[u8]| {
    let (Some(rules), Ok(text)) = (RULES.as_ref(), std::str::from_utf8(data)) else {
        return;
    };
    match rules.load_description("fuzz.yaml", text) {
        Err(errors) => {
            for error in &errors.0 {
                let _ = format!("{error:?} {error}");
            }
        }
        Ok(description) => {
            let options = EvalOptions::on(jiff::civil::date(2026, 11, 23));
            let verdict = rules.evaluate(&description, &options);
            let Ok(verdict) = verdict else {
                panic!("a loaded description could not be evaluated");
            };
            if let Err(violation) = invariants::check(rules, &description, &verdict) {
                panic!("{violation}");
            }
        }
    }
});
