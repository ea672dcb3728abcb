//! Arbitrary rule text: parse, check, run its test blocks and evaluate an
//! empty description. Any outcome but a panic, a hang or a crash is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use toets_engine::{Description, EvalOptions, RuleSet};
use toets_syntax::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("fuzz.toets", text);
    // Rendering every diagnostic exercises the spans they point at.
    match RuleSet::compile(vec![source]) {
        Err(errors) => {
            for error in &errors.0 {
                let _ = format!("{error:?} {error}");
            }
        }
        Ok(rules) => {
            let date = jiff::civil::date(2026, 11, 23);
            let _ = rules.run_tests(date);
            let description = Description::from_values(&rules, &[]);
            if let Ok(verdict) = rules.evaluate(&description, &EvalOptions::on(date)) {
                let _ = verdict.to_json();
            }
        }
    }
});
