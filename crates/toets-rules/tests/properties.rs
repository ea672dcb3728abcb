//! Property tests of the engine on the built-in rules, with random
//! descriptions: determinism (byte-identical JSON whatever the order of the
//! facts or of the rule files) and the invariants of a verdict.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::sync::LazyLock;

use jiff::civil::Date;
use proptest::prelude::*;
use toets_engine::model::FactType;
use toets_engine::{Description, EvalOptions, RuleSet, Value, Verdict, invariants};
use toets_syntax::SourceFile;

const DATE: Date = jiff::civil::date(2026, 11, 23);

fn sources() -> Vec<SourceFile> {
    toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect()
}

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::compile(sources()).expect("the built-in rules compile"));

/// A value of the fact's type, chosen by `seed`; dates lie around the dates
/// the rules care about (2018–2031).
fn value(ty: &FactType, seed: u64) -> Value {
    let pick = |len: usize| usize::try_from(seed % len as u64).unwrap_or(0);
    match ty {
        FactType::Bool => Value::Bool(seed.is_multiple_of(2)),
        FactType::Number => {
            let numbers = [0.0, 1.0, 4.0, 6.0, 12.0, 100.0, 10_000.0, 30_000.0];
            Value::Number(numbers[pick(numbers.len())])
        }
        FactType::Date => {
            let days = i64::try_from(seed % 5_000).unwrap_or(0);
            let date = jiff::civil::date(2018, 1, 1)
                .checked_add(jiff::Span::new().days(days))
                .unwrap();
            Value::Date(date)
        }
        FactType::Text => Value::Text(if seed.is_multiple_of(2) {
            String::new()
        } else {
            "x".into()
        }),
        FactType::OneOf(variants) => Value::Text(variants[pick(variants.len())].clone()),
        FactType::SetOf(variants) => Value::Set(
            variants
                .iter()
                .enumerate()
                .filter(|(i, _)| (seed >> (i % 64)) & 1 == 1)
                .map(|(_, v)| v.clone())
                .collect(),
        ),
    }
}

fn json_value(value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Date(d) => format!("\"{d}\""),
        Value::Text(t) => serde_json::to_string(t).unwrap(),
        Value::Set(items) => serde_json::to_string(items).unwrap(),
    }
}

/// Some facts with values: `(fact index, seed)`, at most one per fact.
fn facts() -> impl Strategy<Value = Vec<(usize, u64)>> {
    let count = RULES.facts().len();
    proptest::collection::btree_map(0..count, any::<u64>(), 0..count.min(60))
        .prop_map(|m| m.into_iter().collect())
}

fn given(chosen: &[(usize, u64)]) -> Vec<(toets_engine::model::FactId, Value)> {
    chosen
        .iter()
        .map(|(i, seed)| {
            let fact = &RULES.facts()[*i];
            (RULES.fact_id(&fact.id).unwrap(), value(&fact.ty, *seed))
        })
        .collect()
}

/// The description as JSON text with the facts in the given order, using
/// dotted keys as written in the rules.
fn json_text(chosen: &[(usize, u64)]) -> String {
    let fields: Vec<String> = chosen
        .iter()
        .map(|(i, seed)| {
            let fact = &RULES.facts()[*i];
            format!("\"{}\": {}", fact.id, json_value(&value(&fact.ty, *seed)))
        })
        .collect();
    format!("{{\"facts\": {{{}}}}}", fields.join(", "))
}

fn evaluate(description: &Description) -> Verdict {
    RULES.evaluate(description, &EvalOptions::on(DATE)).unwrap()
}

/// The JSON verdict without what legitimately depends on the bytes of the
/// description file: its hash and the line and column of each fact.
fn without_positions(json: &str) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("source");
                map.remove("description_sha256");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    strip(&mut value);
    value
}

/// Equal texts, or a failure that shows the first line where they differ.
fn same(a: &str, b: &str) -> Result<(), TestCaseError> {
    if a == b {
        return Ok(());
    }
    let line = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map_or_else(
            || "one is a prefix of the other".to_owned(),
            |(i, (x, y))| format!("line {}: `{x}` vs `{y}`", i + 1),
        );
    Err(TestCaseError::fail(format!("verdicts differ at {line}")))
}

/// A permutation of `items` driven by `seed` (Fisher–Yates).
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from((seed >> 33) % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The order in which facts are given changes nothing in the verdict.
    #[test]
    fn fact_order_does_not_matter(chosen in facts(), order in any::<u64>()) {
        let mut shuffled = chosen.clone();
        shuffle(&mut shuffled, order);
        let a = evaluate(&Description::from_values(&RULES, &given(&chosen))).to_json();
        let b = evaluate(&Description::from_values(&RULES, &given(&shuffled))).to_json();
        same(&a, &b)?;
        let description = Description::from_values(&RULES, &given(&chosen));
        let checked = invariants::check(&RULES, &description, &evaluate(&description));
        prop_assert!(checked.is_ok(), "{}", checked.err().map(|e| e.to_string()).unwrap_or_default());

        // The same through a description file: only positions may differ.
        let from_file = |chosen: &[(usize, u64)]| {
            let text = json_text(chosen);
            let d = RULES.load_description("d.json", &text).unwrap();
            serde_json::to_string_pretty(&without_positions(&evaluate(&d).to_json())).unwrap()
        };
        same(&from_file(&chosen), &from_file(&shuffled))?;
    }

    /// The invariants of a verdict, and answering every open question
    /// (again and again, as an interview does) always ends with no norm
    /// undetermined.
    #[test]
    fn answering_the_questions_decides_every_norm(chosen in facts(), seed in any::<u64>()) {
        let mut description = Description::from_values(&RULES, &given(&chosen));
        let mut k = 0u64;
        let answered = invariants::answer_all(&RULES, &mut description, &EvalOptions::on(DATE), |fact, round| {
            k += 1;
            value(&fact.ty, seed.wrapping_add(k).wrapping_add(round as u64 * 131))
        });
        prop_assert!(answered.is_ok(), "{}", answered.err().map(|e| e.to_string()).unwrap_or_default());
    }
}

/// Rule files in any order give the same rule set and byte-identical verdicts.
#[test]
fn rule_file_order_does_not_matter() {
    let text = include_str!("../../../examples/welfare-fraud-risk-model.yaml");
    let description = RULES.load_description("welfare.yaml", text).unwrap();
    let expected = evaluate(&description).to_json();
    let mut reversed = sources();
    reversed.reverse();
    let mut rotated = sources();
    rotated.rotate_left(2);
    for order in [reversed, rotated] {
        let rules = RuleSet::compile(order).unwrap();
        assert_eq!(rules.sha256(), RULES.sha256());
        let description = rules.load_description("welfare.yaml", text).unwrap();
        let verdict = rules
            .evaluate(&description, &EvalOptions::on(DATE))
            .unwrap();
        assert_eq!(verdict.to_json(), expected);
    }
}
