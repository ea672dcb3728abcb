//! One verdict on one line, for `toets check --batch`: the system's name,
//! the overall result and the counts that need attention.
//!
//! `Welfare fraud risk model · violations found · violated 2 · undetermined 5
//! · needs judgement 1 · open questions 12`. The name is the reader's input,
//! so its line breaks and escape sequences are shown as escapes: the line
//! stays one line.

use toets_engine::model::Lang;
use toets_engine::{Outcome, Verdict};

use crate::escape;
use crate::words::{self, tr};

/// The verdict as one line (without a line break).
pub fn one_line(verdict: &Verdict, lang: Lang) -> String {
    let count = |o: Outcome| verdict.norms.iter().filter(|n| n.outcome == o).count();
    let name = verdict.system.name.as_deref().map_or_else(
        || tr(lang, "(no name)", "(geen naam)").into(),
        escape::plain,
    );
    // A recommendation not followed is named only where there is one.
    let not_followed = match count(Outcome::NotFollowed) {
        0 => String::new(),
        n => format!(" · {} {n}", words::outcome(Outcome::NotFollowed, lang)),
    };
    format!(
        "{name} · {} · {} {}{not_followed} · {} {} · {} {} · {} {}",
        words::overall(verdict.overall, lang),
        words::outcome(Outcome::Violated, lang),
        count(Outcome::Violated),
        words::outcome(Outcome::Undetermined, lang),
        count(Outcome::Undetermined),
        words::outcome(Outcome::NeedsJudgement, lang),
        count(Outcome::NeedsJudgement),
        tr(lang, "open questions", "open vragen"),
        verdict.open_questions.len(),
    )
}

/// Text from the reader's input (a file name, an id) made safe for one line
/// of plain output: control and bidirectional characters become escapes.
pub fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    escape::plain(text)
}
