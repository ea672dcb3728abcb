//! `toets explain NORM`: one norm, statically or evaluated on a description.

use std::path::Path;

use jiff::civil::Date;
use toets_engine::model::Lang;
use toets_engine::{EvalOptions, RuleSet};

use crate::{Failure, input};

/// The norm's explanation; with a description, its evaluated tree on it.
pub(crate) fn run(
    rules: &RuleSet,
    norm: &str,
    description: Option<&Path>,
    date: Date,
    lang: Lang,
) -> Result<String, Failure> {
    if rules.norm_id(norm).is_none() {
        return Err(Failure(input::unknown_norm(rules, norm)));
    }
    let Some(path) = description else {
        return toets_report::explain(rules, norm, lang)
            .ok_or_else(|| Failure(input::unknown_norm(rules, norm)));
    };
    let desc = input::description(rules, path)?;
    let verdict = rules
        .evaluate(&desc, &EvalOptions::on(date))
        .map_err(|e| Failure(input::render(&e)))?;
    let opts = toets_report::TextOptions {
        lang,
        color: true,
        trace: true,
        all_questions: true,
    };
    toets_report::norm_tree(&verdict, norm, &opts)
        .ok_or_else(|| Failure(input::unknown_norm(rules, norm)))
}
