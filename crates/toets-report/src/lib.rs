//! Presenters for toets verdicts and rule sets: a summary-first text verdict
//! and a readable text tree (with colour when asked), a Markdown assessment
//! report, JSON in the documented shape, a verdict on one line (for batches),
//! and the norm graph as Graphviz DOT or Mermaid.
//!
//! Presenters only read: they never evaluate or change a verdict.

mod annex;
mod catalogue;
mod escape;
mod graph;
mod line;
mod markdown;
mod summary;
mod text;
mod words;

pub use catalogue::catalogue;
pub use graph::{explain, graph_dot, graph_mermaid, graph_nodes};
pub use line::{one_line, plain};
pub use markdown::markdown;
pub use summary::{TOP_QUESTIONS, summary};
pub use text::{TextOptions, norm_tree, text};

use toets_engine::Verdict;

/// The verdict as pretty JSON in its documented, stable shape.
pub fn json(verdict: &Verdict) -> String {
    verdict.to_json()
}

/// The words that introduce a condition in a trace, the same in every
/// presenter: `applies when`, `requires`, `unless “label”`, `settled by`.
pub(crate) fn clause_name(
    c: &toets_engine::verdict::ConditionTrace,
    lang: toets_engine::model::Lang,
) -> String {
    use toets_engine::verdict::ClauseKind;
    use words::tr;
    match c.clause {
        ClauseKind::Applies => tr(lang, "applies when", "geldt als").to_owned(),
        ClauseKind::Requires => tr(lang, "requires", "vereist").to_owned(),
        ClauseKind::Exception => format!(
            "{} “{}”",
            tr(lang, "unless", "tenzij"),
            c.label.as_ref().map_or("", |l| l.get(lang))
        ),
        ClauseKind::Judgement => tr(lang, "settled by", "beslist door").to_owned(),
    }
}

/// A symbol per outcome, the same in every presenter.
pub(crate) fn symbol(outcome: toets_engine::Outcome) -> &'static str {
    use toets_engine::Outcome;
    match outcome {
        Outcome::Violated => "✗",
        Outcome::NotFollowed => "△",
        Outcome::Met => "✓",
        Outcome::NotApplicable => "–",
        Outcome::Undetermined => "?",
        Outcome::NeedsJudgement => "⚖",
        Outcome::NotInForce => "◷",
    }
}
