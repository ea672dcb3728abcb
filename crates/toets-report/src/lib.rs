//! Presenters for toets verdicts and rule sets: a readable text tree (with
//! colour when asked), Markdown for reports, JSON in the documented shape,
//! and the norm graph as Graphviz DOT or Mermaid.
//!
//! Presenters only read: they never evaluate or change a verdict.

mod graph;
mod markdown;
mod text;

pub use graph::{explain, graph_dot, graph_mermaid};
pub use markdown::markdown;
pub use text::{TextOptions, text};

use toets_engine::Verdict;

/// The verdict as pretty JSON in its documented, stable shape.
pub fn json(verdict: &Verdict) -> String {
    verdict.to_json()
}

/// A symbol per outcome, the same in every presenter.
pub(crate) fn symbol(outcome: toets_engine::Outcome) -> &'static str {
    use toets_engine::Outcome;
    match outcome {
        Outcome::Violated => "✗",
        Outcome::Met => "✓",
        Outcome::NotApplicable => "–",
        Outcome::Undetermined => "?",
        Outcome::NeedsJudgement => "⚖",
        Outcome::NotInForce => "◷",
    }
}
