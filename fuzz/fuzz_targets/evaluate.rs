//! Structured random descriptions against the built-in rules, asserting the
//! invariants: one outcome per norm, an undetermined norm asks something,
//! answering every question decides every norm, and the order of the facts
//! changes nothing.
#![no_main]

use std::sync::LazyLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use toets_engine::model::FactType;
use toets_engine::{Description, EvalOptions, RuleSet, Value, invariants};
use toets_syntax::SourceFile;

static RULES: LazyLock<Option<RuleSet>> = LazyLock::new(|| {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).ok()
});

#[derive(Debug, Arbitrary)]
struct Input {
    /// `(fact index, value seed)`; indexes wrap around the facts.
    facts: Vec<(u16, u64)>,
    /// Drives the answers of the interview.
    answers: u64,
    /// Evaluation date, as days after 2018-01-01 (wrapping at ~14 years).
    day: u16,
}

fn value(ty: &FactType, seed: u64) -> Value {
    let pick = |len: usize| usize::try_from(seed % (len.max(1) as u64)).unwrap_or(0);
    match ty {
        FactType::Bool => Value::Bool(seed & 1 == 0),
        FactType::Number => Value::Number([0.0, 1.0, 4.0, 12.0, 10_000.0, 30_000.0][pick(6)]),
        FactType::Date => Value::Date(date(u16::try_from(seed % 5_000).unwrap_or(0))),
        FactType::Text => Value::Text(if seed & 1 == 0 { String::new() } else { "x".into() }),
        FactType::OneOf(v) => Value::Text(v.get(pick(v.len())).cloned().unwrap_or_default()),
        FactType::SetOf(v) => Value::Set(
            v.iter()
                .enumerate()
                .filter(|(i, _)| (seed >> (i % 64)) & 1 == 1)
                .map(|(_, s)| s.clone())
                .collect(),
        ),
    }
}

fn date(day: u16) -> jiff::civil::Date {
    let base = jiff::civil::date(2018, 1, 1);
    base.checked_add(jiff::Span::new().days(i64::from(day % 5_000)))
        .unwrap_or(base)
}

fuzz_target!(|input: Input| {
    let Some(rules) = RULES.as_ref() else {
        return;
    };
    let count = rules.facts().len();
    let mut given = Vec::new();
    for (index, seed) in &input.facts {
        let Some(fact) = rules.facts().get(usize::from(*index) % count) else {
            continue;
        };
        let Some(id) = rules.fact_id(&fact.id) else {
            continue;
        };
        // A later value for the same fact replaces the earlier one, as in
        // `Description::set`; keep only the last so both orders agree.
        given.retain(|(other, _)| *other != id);
        given.push((id, value(&fact.ty, *seed)));
    }
    let options = EvalOptions::on(date(input.day));
    let forward = Description::from_values(rules, &given);
    let mut reversed_given = given.clone();
    reversed_given.reverse();
    let reversed = Description::from_values(rules, &reversed_given);
    let (Ok(a), Ok(b)) = (
        rules.evaluate(&forward, &options),
        rules.evaluate(&reversed, &options),
    ) else {
        panic!("evaluation failed");
    };
    assert_eq!(a.to_json(), b.to_json(), "the order of the facts changed the verdict");
    let mut description = forward;
    let mut k = input.answers;
    if let Err(violation) = invariants::answer_all(rules, &mut description, &options, |fact, _| {
        k = k.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        value(&fact.ty, k >> 17)
    }) {
        panic!("{violation}");
    }
});
