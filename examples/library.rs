//! Calling toets as a library: compile the built-in rules once, then load
//! and evaluate descriptions; print each norm's outcome and the questions
//! that are still open.
//!
//! Run with `cargo run -p toets-rules --example library`.

use toets_engine::{EvalOptions, Outcome, RuleSet};
use toets_syntax::SourceFile;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Compile once: the rule set is immutable, `Send` and `Sync`, and can be
    // shared between threads to evaluate many descriptions.
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    let rules = RuleSet::compile(sources)?;

    let text = include_str!("welfare-fraud-risk-model.yaml");
    let description = rules.load_description("welfare-fraud-risk-model.yaml", text)?;
    let options = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    let verdict = rules.evaluate(&description, &options)?;

    println!("overall: {}", verdict.overall.label());
    for norm in &verdict.norms {
        let cites: Vec<&str> = norm.citations.iter().map(|c| c.text.en.as_str()).collect();
        println!(
            "{:<16} {} ({})",
            norm.outcome.label(),
            norm.id,
            cites.join("; ")
        );
        if norm.outcome == Outcome::Undetermined {
            println!("{:<16} asks: {}", "", norm.open_questions.join(", "));
        }
    }
    for q in &verdict.open_questions {
        println!("? {} — {}", q.fact, q.ask.en);
    }
    Ok(())
}
