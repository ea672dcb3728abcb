//! Checking the `test` blocks of rule files.

use toets_syntax::ast::{self, ExpectedOutcome, Literal, TestValue};

use super::{Checker, Symbol};
use crate::model::{Expectation, FactId, FactType, Origin, TestCase};
use crate::value::Value;
use crate::verdict::Outcome;

impl Checker<'_> {
    pub(super) fn test(&mut self, file: usize, d: &ast::TestDecl) -> TestCase {
        let on = d.on.as_ref().and_then(|l| self.date(file, l));
        let mut given: Vec<(FactId, Value)> = Vec::new();
        for a in &d.given {
            let Some(fact) = self.fact_named(file, &a.fact) else {
                continue;
            };
            if given.iter().any(|(f, _)| *f == fact) {
                self.structure(
                    file,
                    a.fact.span,
                    format!("test gives `{}` twice", a.fact.text),
                    "given again",
                    "give each fact once",
                );
                continue;
            }
            if let Some(v) = self.test_value(file, fact, a) {
                given.push((fact, v));
            }
        }
        let mut expectations = Vec::new();
        for e in &d.expectations {
            let norm = match self.names.get(&e.norm.text).map(|(s, _)| *s) {
                Some(Symbol::Norm(n)) => n,
                _ => {
                    self.undefined_symbol(file, &e.norm, "norm", |s| matches!(s, Symbol::Norm(_)));
                    continue;
                }
            };
            let asking = e.asking.as_ref().map(|names| {
                names
                    .iter()
                    .filter_map(|n| self.fact_named(file, n))
                    .collect::<Vec<_>>()
            });
            expectations.push(Expectation {
                norm,
                outcome: match e.outcome {
                    ExpectedOutcome::Met => Outcome::Met,
                    ExpectedOutcome::Violated => Outcome::Violated,
                    ExpectedOutcome::NotApplicable => Outcome::NotApplicable,
                    ExpectedOutcome::Undetermined => Outcome::Undetermined,
                    ExpectedOutcome::NeedsJudgement => Outcome::NeedsJudgement,
                    ExpectedOutcome::NotInForce => Outcome::NotInForce,
                },
                asking,
                origin: Origin { file, span: e.span },
            });
        }
        if expectations.is_empty() && d.expectations.is_empty() {
            self.structure(
                file,
                d.name.span,
                format!("test `{}` expects nothing", d.name.value),
                "no `expect` line",
                "add `expect some.norm OUTCOME` lines",
            );
        }
        TestCase {
            name: d.name.value.clone(),
            on,
            given,
            expectations,
            origin: Origin {
                file,
                span: d.name.span,
            },
        }
    }

    fn fact_named(&mut self, file: usize, name: &ast::Name) -> Option<FactId> {
        match self.names.get(&name.text).map(|(s, _)| *s) {
            Some(Symbol::Fact(f)) => Some(f),
            _ => {
                self.undefined_symbol(file, name, "fact", |s| matches!(s, Symbol::Fact(_)));
                None
            }
        }
    }

    fn test_value(&mut self, file: usize, fact: FactId, a: &ast::Assignment) -> Option<Value> {
        let ty = self.facts.get(fact.index())?.ty.clone();
        let value = match (&ty, &a.value) {
            (FactType::Bool, TestValue::Literal(Literal::Bool(b))) => Some(Value::Bool(*b)),
            (FactType::Number, TestValue::Literal(Literal::Number(n))) => Some(Value::Number(*n)),
            (FactType::Text, TestValue::Literal(Literal::Text(t))) => Some(Value::Text(t.clone())),
            (FactType::Date, TestValue::Literal(Literal::Date(d))) => {
                let lit = ast::DateLit {
                    text: d.clone(),
                    span: a.value_span,
                };
                return self.date(file, &lit).map(Value::Date);
            }
            (FactType::OneOf(vs), TestValue::Variant(n)) => {
                if vs.contains(&n.text) {
                    Some(Value::Text(n.text.clone()))
                } else {
                    self.bad_value(file, a, &ty);
                    return None;
                }
            }
            (FactType::SetOf(vs), TestValue::List(items)) => {
                if items.iter().all(|n| vs.contains(&n.text)) {
                    let mut set: Vec<String> = items.iter().map(|n| n.text.clone()).collect();
                    set.sort_unstable();
                    set.dedup();
                    Some(Value::Set(set))
                } else {
                    self.bad_value(file, a, &ty);
                    return None;
                }
            }
            _ => None,
        };
        if value.is_none() {
            self.bad_value(file, a, &ty);
        }
        value
    }

    fn bad_value(&mut self, file: usize, a: &ast::Assignment, ty: &FactType) {
        let example = match ty {
            FactType::Bool => "`true` or `false`".to_owned(),
            FactType::Number => "a number such as `30000`".to_owned(),
            FactType::Date => "a date such as `2026-01-31`".to_owned(),
            FactType::Text => "a quoted text".to_owned(),
            FactType::OneOf(vs) => format!("one of: {}", vs.join(", ")),
            FactType::SetOf(vs) => format!("a list in brackets of: {}", vs.join(", ")),
        };
        self.type_error(
            file,
            a.value_span,
            format!(
                "value does not fit `{}`, which is {}",
                a.fact.text,
                ty.describe()
            ),
            "wrong value",
            Some(format!("give {example}")),
        );
    }
}
