//! Checking the `test` blocks of rule files.

use toets_syntax::ast::{self, ExpectedOutcome, Literal, TestValue};

use super::{Checker, Symbol};
use crate::model::{
    Expectation, Expected, FactId, FactType, FindingBody, FindingValue, Origin, TestCase,
};
use crate::value::Value;
use crate::verdict::Outcome;

impl Checker<'_> {
    /// What an `expect` line expects, of a norm or of a finding.
    fn expected(&mut self, file: usize, e: &ast::Expectation) -> Option<Expected> {
        let outcome = match e.outcome {
            ExpectedOutcome::Met => Some(Outcome::Met),
            ExpectedOutcome::Violated => Some(Outcome::Violated),
            ExpectedOutcome::NotFollowed => Some(Outcome::NotFollowed),
            ExpectedOutcome::NotApplicable => Some(Outcome::NotApplicable),
            ExpectedOutcome::Undetermined => Some(Outcome::Undetermined),
            ExpectedOutcome::NeedsJudgement => Some(Outcome::NeedsJudgement),
            ExpectedOutcome::NotInForce => Some(Outcome::NotInForce),
            ExpectedOutcome::True | ExpectedOutcome::False | ExpectedOutcome::Case => None,
        };
        match (self.resolve(file, &e.norm), outcome) {
            (Some(Symbol::Norm(n)), Some(o)) => {
                // A norm resting on guidance is never `violated`, one of the
                // law itself never `not_followed`: say which word it takes.
                let guidance = self
                    .norms
                    .get(n.index())
                    .is_some_and(|x| !x.guidance.is_empty());
                let wrong = match (guidance, o) {
                    (true, Outcome::Violated) => Some((
                        "rests on guidance",
                        "expect `not_followed`: a norm resting on guidance is a recommendation, never `violated`",
                    )),
                    (false, Outcome::NotFollowed) => Some((
                        "rests on a statute",
                        "expect `violated`: only a norm with a `guidance` clause is `not_followed`",
                    )),
                    _ => None,
                };
                if let Some((what, hint)) = wrong {
                    self.type_error(
                        file,
                        e.outcome_span,
                        format!(
                            "norm `{}` {what}: it cannot be `{}`",
                            e.norm.text,
                            o.as_str()
                        ),
                        "not an outcome this norm can have",
                        Some(hint.to_owned()),
                    );
                    return None;
                }
                Some(Expected::Norm(n, o))
            }
            (Some(Symbol::Norm(_)), None) => {
                self.type_error(
                    file,
                    e.outcome_span,
                    format!("`{}` is a norm: expect an outcome", e.norm.text),
                    "a finding's value",
                    Some("a norm is `met`, `violated`, `not_followed`, `not_applicable`, `undetermined`, `needs_judgement` or `not_in_force`".to_owned()),
                );
                None
            }
            (Some(Symbol::Finding(f)), _) => {
                let value = match e.outcome {
                    ExpectedOutcome::True => FindingValue::True,
                    ExpectedOutcome::False => FindingValue::False,
                    ExpectedOutcome::Undetermined => FindingValue::Undetermined,
                    ExpectedOutcome::Case => {
                        let name = e.case.as_ref()?;
                        let cases = match self.findings.get(f.index()).map(|x| &x.body) {
                            Some(FindingBody::Cases(cases)) => cases,
                            _ => {
                                self.type_error(
                                    file,
                                    name.span,
                                    format!("finding `{}` has no cases", e.norm.text),
                                    "not a case",
                                    Some("expect `true`, `false` or `undetermined`".to_owned()),
                                );
                                return None;
                            }
                        };
                        match cases.iter().position(|c| c.id == name.text) {
                            Some(i) => FindingValue::Case(i),
                            None => {
                                let ids: Vec<String> = cases.iter().map(|c| c.id.clone()).collect();
                                self.undefined(
                                    file,
                                    name.span,
                                    "case",
                                    &name.text,
                                    ids.iter().map(String::as_str).collect(),
                                );
                                return None;
                            }
                        }
                    }
                    _ => {
                        self.type_error(
                            file,
                            e.outcome_span,
                            format!("`{}` is a finding: expect its value", e.norm.text),
                            "a norm's outcome",
                            Some(
                                "a finding is `true`, `false`, `undetermined` or `case NAME`"
                                    .to_owned(),
                            ),
                        );
                        return None;
                    }
                };
                Some(Expected::Finding(f, value))
            }
            _ => {
                self.undefined_symbol(file, &e.norm, "norm or finding", |s| {
                    matches!(s, Symbol::Norm(_) | Symbol::Finding(_))
                });
                None
            }
        }
    }

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
        let mut expectations: Vec<Expectation> = Vec::new();
        for e in &d.expectations {
            let Some(expected) = self.expected(file, e) else {
                continue;
            };
            // One expectation per norm or finding: a second either repeats
            // the first or contradicts it.
            let same = |x: &Expectation| match (&x.expected, &expected) {
                (Expected::Norm(a, _), Expected::Norm(b, _)) => a == b,
                (Expected::Finding(a, _), Expected::Finding(b, _)) => a == b,
                _ => false,
            };
            if expectations.iter().any(same) {
                self.structure(
                    file,
                    e.span,
                    format!("test expects `{}` twice", e.norm.text),
                    "expected again",
                    "expect each norm or finding once; a test for another outcome needs its own facts",
                );
                continue;
            }
            let asking = e.asking.as_ref().map(|names| {
                names
                    .iter()
                    .filter_map(|n| self.fact_named(file, n))
                    .collect::<Vec<_>>()
            });
            expectations.push(Expectation {
                expected,
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
        match self.resolve(file, name) {
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
