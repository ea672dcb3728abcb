//! From pest's parse tree to the syntax tree in [`crate::ast`].
//!
//! The grammar guarantees the shape of the parse tree, so the only errors
//! here are limits and numbers out of range; a shape the grammar should have
//! ruled out is reported as an internal error, never a panic.

use pest::Parser as _;
use pest::iterators::Pair;

use crate::ast::*;
use crate::error::{self, SyntaxError};
use crate::{Limits, SourceFile, Span};

mod grammar {
    #![allow(missing_docs)]
    #[derive(pest_derive::Parser)]
    #[grammar = "../../grammar/toets.pest"]
    pub struct ToetsParser;
}

pub(crate) use grammar::Rule;
use grammar::ToetsParser;

mod expr;
mod messages;

type Result<T> = std::result::Result<T, Box<SyntaxError>>;

/// Upper bound on pest rule calls for one file: turns a pathological
/// backtracking input into an error instead of a hang.
const CALL_LIMIT: usize = 50_000_000;

pub(crate) fn parse_file(
    source: &SourceFile,
    limits: &Limits,
) -> std::result::Result<File, Vec<SyntaxError>> {
    pest::set_call_limit(std::num::NonZeroUsize::new(CALL_LIMIT));
    // Tracking parse attempts makes messages precise but parsing several
    // times slower: parse fast, and only on failure parse again with detail.
    pest::set_error_detail(false);
    let pairs = match ToetsParser::parse(Rule::file, source.text()) {
        Ok(pairs) => pairs,
        Err(fast) => {
            pest::set_error_detail(true);
            let detailed = ToetsParser::parse(Rule::file, source.text()).err();
            pest::set_error_detail(false);
            return Err(vec![messages::from_pest(
                source,
                detailed.as_ref().unwrap_or(&fast),
            )]);
        }
    };
    let lower = Lower { source, limits };
    let mut comments = Vec::new();
    for pair in pairs.clone().flatten() {
        if pair.as_rule() == Rule::COMMENT {
            let text = pair.as_str().strip_prefix("//").unwrap_or_default();
            comments.push(Comment {
                text: text.trim_end().to_owned(),
                span: pair.as_span().into(),
            });
        }
    }
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for file in pairs {
        for pair in children(file) {
            if pair.as_rule() == Rule::EOI {
                continue;
            }
            match lower.item(pair) {
                Ok(item) => items.push(item),
                Err(e) => errors.push(*e),
            }
        }
    }
    if errors.is_empty() {
        Ok(File {
            source: source.clone(),
            items,
            comments,
        })
    } else {
        Err(errors)
    }
}

/// The children of a pair without comments.
fn children(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT)
}

struct Lower<'a> {
    source: &'a SourceFile,
    limits: &'a Limits,
}

/// Walks the children of one pair in order.
struct Cursor<'i> {
    inner: std::iter::Peekable<Box<dyn Iterator<Item = Pair<'i, Rule>> + 'i>>,
    parent: Span,
}

impl<'i> Cursor<'i> {
    fn new(pair: Pair<'i, Rule>) -> Self {
        let parent = pair.as_span().into();
        let iter: Box<dyn Iterator<Item = Pair<'i, Rule>> + 'i> = Box::new(children(pair));
        Self {
            inner: iter.peekable(),
            parent,
        }
    }

    fn next_if(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        self.inner.next_if(|p| p.as_rule() == rule)
    }
}

impl<'a> Lower<'a> {
    fn internal(&self, span: Span, what: &str) -> Box<SyntaxError> {
        Box::new(SyntaxError::Unexpected(error::Unexpected {
            src: self.source.named_source(),
            span: span.into(),
            message: format!("internal error: the parser produced an unexpected tree ({what})"),
            label: "here".to_owned(),
            help: Some("this is a bug in toets; please report it with this file".to_owned()),
        }))
    }

    fn expect<'i>(&self, cursor: &mut Cursor<'i>, rule: Rule) -> Result<Pair<'i, Rule>> {
        cursor
            .next_if(rule)
            .ok_or_else(|| self.internal(cursor.parent, messages::rule_name(rule)))
    }

    fn item(&self, pair: Pair<'_, Rule>) -> Result<Item> {
        match pair.as_rule() {
            Rule::law_decl => self.law(pair).map(Item::Law),
            Rule::fact_decl => self.fact(pair).map(Item::Fact),
            Rule::concept_decl => self.concept(pair).map(Item::Concept),
            Rule::finding_decl => self.finding(pair).map(Item::Finding),
            Rule::norm_decl => self.norm(pair).map(Item::Norm),
            Rule::test_decl => self.test(pair).map(Item::Test),
            _ => Err(self.internal(pair.as_span().into(), "item")),
        }
    }

    fn docs(&self, cursor: &mut Cursor<'_>) -> Vec<String> {
        cursor.next_if(Rule::docs).map_or_else(Vec::new, |docs| {
            children(docs)
                .map(|d| {
                    let text = d.as_str().strip_prefix("///").unwrap_or_default();
                    text.strip_prefix(' ').unwrap_or(text).trim_end().to_owned()
                })
                .collect()
        })
    }

    fn name(&self, pair: Pair<'_, Rule>) -> Result<Name> {
        let span: Span = pair.as_span().into();
        let text = pair.as_str();
        if text.len() > self.limits.max_ident_len {
            return Err(Box::new(SyntaxError::TooLong(error::TooLong {
                src: self.source.named_source(),
                span: span.into(),
                len: text.len(),
                limit: self.limits.max_ident_len,
            })));
        }
        Ok(Name {
            text: text.to_owned(),
            span,
        })
    }

    fn text(&self, pair: Pair<'_, Rule>) -> Text {
        let span = pair.as_span().into();
        let raw = children(pair).next().map_or("", |p| p.as_str());
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(other) => value.push(other),
                    None => {}
                }
            } else {
                value.push(c);
            }
        }
        Text { value, span }
    }

    fn date(&self, pair: Pair<'_, Rule>) -> DateLit {
        DateLit {
            text: pair.as_str().to_owned(),
            span: pair.as_span().into(),
        }
    }

    fn labels(&self, pair: Pair<'_, Rule>) -> Result<Labels> {
        let mut c = Cursor::new(pair);
        let nl = self.expect(&mut c, Rule::string)?;
        let en = self.expect(&mut c, Rule::string)?;
        Ok(Labels {
            nl: self.text(nl),
            en: self.text(en),
        })
    }

    fn bilingual(&self, pair: Pair<'_, Rule>) -> Result<Bilingual> {
        let mut c = Cursor::new(pair);
        let b = self.expect(&mut c, Rule::bilingual)?;
        let mut c = Cursor::new(b);
        let nl = self.expect(&mut c, Rule::string)?;
        let en = self.expect(&mut c, Rule::string)?;
        Ok(Bilingual {
            nl: self.text(nl),
            en: self.text(en),
        })
    }

    fn first_child<'i>(&self, pair: Pair<'i, Rule>, rule: Rule) -> Result<Pair<'i, Rule>> {
        let mut c = Cursor::new(pair);
        self.expect(&mut c, rule)
    }

    fn law(&self, pair: Pair<'_, Rule>) -> Result<LawDecl> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let docs = self.docs(&mut c);
        let id = self.name(self.expect(&mut c, Rule::ident)?)?;
        let title = self.labels(self.expect(&mut c, Rule::labels)?)?;
        let mut law = LawDecl {
            docs,
            id,
            title,
            abbrev: None,
            cite: None,
            in_force: None,
            until: None,
            see: Vec::new(),
            repeated: Vec::new(),
            span,
        };
        for prop in c.inner.by_ref() {
            let prop_span: Span = prop.as_span().into();
            let fresh = match prop.as_rule() {
                Rule::abbrev_prop => {
                    let l = self.labels(self.first_child(prop, Rule::labels)?)?;
                    law.abbrev.replace(l).is_none()
                }
                Rule::cite_prop => {
                    let t = self.text(self.first_child(prop, Rule::string)?);
                    law.cite.replace(t).is_none()
                }
                Rule::in_force_prop => {
                    let d = self.date(self.first_child(prop, Rule::date)?);
                    law.in_force.replace(d).is_none()
                }
                Rule::until_prop => {
                    let d = self.date(self.first_child(prop, Rule::date)?);
                    law.until.replace(d).is_none()
                }
                Rule::see_prop => {
                    law.see
                        .push(self.text(self.first_child(prop, Rule::string)?));
                    true
                }
                _ => return Err(self.internal(prop_span, "law property")),
            };
            if !fresh {
                law.repeated.push(prop_span);
            }
        }
        Ok(law)
    }

    fn variants(&self, pair: Pair<'_, Rule>) -> Result<Vec<Name>> {
        children(pair).map(|p| self.name(p)).collect()
    }

    /// The listed values of a type, each with its labels if given.
    fn variant_decls(&self, pair: Pair<'_, Rule>) -> Result<Vec<Variant>> {
        children(pair)
            .map(|decl| {
                let mut c = Cursor::new(decl);
                let name = self.name(self.expect(&mut c, Rule::ident)?)?;
                let labels = match c.next_if(Rule::labels) {
                    Some(l) => Some(self.labels(l)?),
                    None => None,
                };
                Ok(Variant { name, labels })
            })
            .collect()
    }

    fn fact(&self, pair: Pair<'_, Rule>) -> Result<FactDecl> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let docs = self.docs(&mut c);
        let id = self.name(self.expect(&mut c, Rule::path)?)?;
        let ty_pair = c
            .inner
            .next()
            .ok_or_else(|| self.internal(span, "fact type"))?;
        let ty_span: Span = ty_pair.as_span().into();
        let ty = match ty_pair.as_rule() {
            Rule::bool_type => TypeExpr::Bool,
            Rule::number_type => TypeExpr::Number,
            Rule::date_type => TypeExpr::Date,
            Rule::text_type => TypeExpr::Text,
            Rule::one_of_type => TypeExpr::OneOf(
                self.variant_decls(self.first_child(ty_pair, Rule::variant_decls)?)?,
            ),
            Rule::set_of_type => TypeExpr::SetOf(
                self.variant_decls(self.first_child(ty_pair, Rule::variant_decls)?)?,
            ),
            _ => return Err(self.internal(ty_span, "fact type")),
        };
        let mut fact = FactDecl {
            docs,
            id,
            ty,
            ty_span,
            ask: None,
            help: None,
            follows: Vec::new(),
            repeated: Vec::new(),
            span,
        };
        for prop in c.inner.by_ref() {
            let prop_span: Span = prop.as_span().into();
            let fresh = match prop.as_rule() {
                Rule::ask_prop => fact.ask.replace(self.bilingual(prop)?).is_none(),
                Rule::help_prop => fact.help.replace(self.bilingual(prop)?).is_none(),
                Rule::follows_prop => {
                    let names = children(prop)
                        .map(|p| self.name(p))
                        .collect::<Result<Vec<_>>>()?;
                    let fresh = fact.follows.is_empty();
                    fact.follows.extend(names);
                    fresh
                }
                _ => return Err(self.internal(prop_span, "fact property")),
            };
            if !fresh {
                fact.repeated.push(prop_span);
            }
        }
        Ok(fact)
    }

    fn concept(&self, pair: Pair<'_, Rule>) -> Result<ConceptDecl> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let docs = self.docs(&mut c);
        let id = self.name(self.expect(&mut c, Rule::path)?)?;
        let labels = match c.next_if(Rule::labels) {
            Some(l) => Some(self.labels(l)?),
            None => None,
        };
        let expr = self.expr(self.expect(&mut c, Rule::expr)?, 0)?;
        let cites = match c.next_if(Rule::cites_clause) {
            Some(p) => self.citations(p)?,
            None => Vec::new(),
        };
        Ok(ConceptDecl {
            docs,
            id,
            labels,
            expr,
            cites,
            span,
        })
    }

    fn citations(&self, pair: Pair<'_, Rule>) -> Result<Vec<Citation>> {
        children(pair).map(|p| self.citation(p)).collect()
    }

    fn citation(&self, pair: Pair<'_, Rule>) -> Result<Citation> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let law = self.name(self.expect(&mut c, Rule::ident)?)?;
        let kind = match self.expect(&mut c, Rule::cite_kind)?.as_str() {
            "art" => CiteKind::Article,
            "annex" => CiteKind::Annex,
            "recital" => CiteKind::Recital,
            _ => return Err(self.internal(span, "citation kind")),
        };
        let number = self.expect(&mut c, Rule::cite_number)?.as_str().to_owned();
        let parts = c
            .inner
            .by_ref()
            .map(|p| p.as_str().trim_matches(['(', ')']).to_owned())
            .collect();
        Ok(Citation {
            law,
            kind,
            number,
            parts,
            span,
        })
    }

    fn finding(&self, pair: Pair<'_, Rule>) -> Result<FindingDecl> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let docs = self.docs(&mut c);
        let id = self.name(self.expect(&mut c, Rule::path)?)?;
        let labels = self.labels(self.expect(&mut c, Rule::labels)?)?;
        let mut clauses = Vec::new();
        for clause in c.inner.by_ref() {
            let span: Span = clause.as_span().into();
            clauses.push(match clause.as_rule() {
                Rule::cites_clause => FindingClause::Cites {
                    citations: self.citations(clause)?,
                    span,
                },
                Rule::finding_when => FindingClause::When {
                    expr: self.expr(self.first_child(clause, Rule::expr)?, 0)?,
                    span,
                },
                Rule::finding_case => {
                    let mut c = Cursor::new(clause);
                    let id = self.name(self.expect(&mut c, Rule::ident)?)?;
                    let labels = self.labels(self.expect(&mut c, Rule::labels)?)?;
                    let when = self.expr(self.expect(&mut c, Rule::expr)?, 0)?;
                    FindingClause::Case(FindingCase {
                        id,
                        labels,
                        when,
                        span,
                    })
                }
                Rule::see_prop => {
                    FindingClause::See(self.text(self.first_child(clause, Rule::string)?))
                }
                _ => return Err(self.internal(span, "finding clause")),
            });
        }
        Ok(FindingDecl {
            docs,
            id,
            labels,
            clauses,
            span,
        })
    }

    fn norm(&self, pair: Pair<'_, Rule>) -> Result<NormDecl> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let docs = self.docs(&mut c);
        let id = self.name(self.expect(&mut c, Rule::path)?)?;
        let labels = self.labels(self.expect(&mut c, Rule::labels)?)?;
        let mut clauses = Vec::new();
        for clause in c.inner.by_ref() {
            clauses.push(self.norm_clause(clause)?);
        }
        Ok(NormDecl {
            docs,
            id,
            labels,
            clauses,
            span,
        })
    }

    fn norm_clause(&self, pair: Pair<'_, Rule>) -> Result<NormClause> {
        let span: Span = pair.as_span().into();
        Ok(match pair.as_rule() {
            Rule::cites_clause => NormClause::Cites {
                citations: self.citations(pair)?,
                span,
            },
            Rule::applies_clause => NormClause::Applies {
                expr: self.expr(self.first_child(pair, Rule::expr)?, 0)?,
                span,
            },
            Rule::requires_clause => NormClause::Requires {
                expr: self.expr(self.first_child(pair, Rule::expr)?, 0)?,
                span,
            },
            Rule::unless_clause => {
                let mut c = Cursor::new(pair);
                let labels = self.labels(self.expect(&mut c, Rule::labels)?)?;
                let cites = self.citations(self.expect(&mut c, Rule::cites_clause)?)?;
                let when = self.expr(self.expect(&mut c, Rule::expr)?, 0)?;
                NormClause::Unless(Exception {
                    labels,
                    cites,
                    when,
                    span,
                })
            }
            Rule::judgement_clause => {
                let mut c = Cursor::new(pair);
                let labels = self.labels(self.expect(&mut c, Rule::labels)?)?;
                let rests = self.expect(&mut c, Rule::rests_on)?;
                let rests_on = children(rests)
                    .map(|p| self.name(p))
                    .collect::<Result<_>>()?;
                let settled_by = match c.next_if(Rule::settled_by) {
                    Some(s) => Some(self.expr(self.first_child(s, Rule::expr)?, 0)?),
                    None => None,
                };
                NormClause::Judgement(Judgement {
                    labels,
                    rests_on,
                    settled_by,
                    span,
                })
            }
            Rule::in_force_prop => {
                NormClause::InForce(self.date(self.first_child(pair, Rule::date)?))
            }
            Rule::until_prop => NormClause::Until(self.date(self.first_child(pair, Rule::date)?)),
            Rule::see_prop => NormClause::See(self.text(self.first_child(pair, Rule::string)?)),
            Rule::guidance_prop => {
                NormClause::Guidance(self.text(self.first_child(pair, Rule::string)?))
            }
            Rule::checked_prop => {
                let span = pair.as_span().into();
                let mut c = Cursor::new(pair);
                let certainty = match self.expect(&mut c, Rule::certainty)?.as_str() {
                    "text" => Certainty::Text,
                    "secondary" => Certainty::Secondary,
                    "recall" => Certainty::Recall,
                    _ => Certainty::Unverified,
                };
                NormClause::Checked {
                    certainty,
                    source: self.text(self.expect(&mut c, Rule::string)?),
                    span,
                }
            }
            _ => return Err(self.internal(span, "norm clause")),
        })
    }

    fn test(&self, pair: Pair<'_, Rule>) -> Result<TestDecl> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let docs = self.docs(&mut c);
        let name = self.text(self.expect(&mut c, Rule::string)?);
        let on = match c.next_if(Rule::test_on) {
            Some(p) => Some(self.date(self.first_child(p, Rule::date)?)),
            None => None,
        };
        let mut given = Vec::new();
        if let Some(g) = c.next_if(Rule::given) {
            for assignment in children(g) {
                given.push(self.assignment(assignment)?);
            }
        }
        let mut expectations = Vec::new();
        for e in c.inner.by_ref() {
            expectations.push(self.expectation(e)?);
        }
        Ok(TestDecl {
            docs,
            name,
            on,
            given,
            expectations,
            span,
        })
    }

    fn assignment(&self, pair: Pair<'_, Rule>) -> Result<Assignment> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let fact = self.name(self.expect(&mut c, Rule::path)?)?;
        let v = c.inner.next().ok_or_else(|| self.internal(span, "value"))?;
        let value_span: Span = v.as_span().into();
        let value = match v.as_rule() {
            Rule::ident => TestValue::Variant(self.name(v)?),
            Rule::list => TestValue::List(self.variants(v)?),
            _ => TestValue::Literal(self.literal(v)?),
        };
        Ok(Assignment {
            fact,
            value,
            value_span,
        })
    }

    fn expectation(&self, pair: Pair<'_, Rule>) -> Result<Expectation> {
        let span: Span = pair.as_span().into();
        let mut c = Cursor::new(pair);
        let norm = self.name(self.expect(&mut c, Rule::path)?)?;
        let o = self.expect(&mut c, Rule::expected)?;
        let inner = children(o.clone())
            .find(|p| p.as_rule() != Rule::WHITESPACE)
            .ok_or_else(|| self.internal(span, "outcome"))?;
        let mut case = None;
        let outcome = match (inner.as_rule(), inner.as_str()) {
            (Rule::bool_lit, "true") => ExpectedOutcome::True,
            (Rule::bool_lit, _) => ExpectedOutcome::False,
            (Rule::ident, _) => {
                case = Some(self.name(inner)?);
                ExpectedOutcome::Case
            }
            (_, "met") => ExpectedOutcome::Met,
            (_, "violated") => ExpectedOutcome::Violated,
            (_, "not_followed") => ExpectedOutcome::NotFollowed,
            (_, "not_applicable") => ExpectedOutcome::NotApplicable,
            (_, "undetermined") => ExpectedOutcome::Undetermined,
            (_, "needs_judgement") => ExpectedOutcome::NeedsJudgement,
            (_, "not_in_force") => ExpectedOutcome::NotInForce,
            _ => return Err(self.internal(span, "outcome")),
        };
        let asking = match c.next_if(Rule::asking) {
            Some(a) => Some(children(a).map(|p| self.name(p)).collect::<Result<_>>()?),
            None => None,
        };
        Ok(Expectation {
            norm,
            outcome,
            case,
            outcome_span: o.as_span().into(),
            asking,
            span,
        })
    }

    fn unexpected(&self, span: Span, message: &str, label: &str, help: &str) -> Box<SyntaxError> {
        Box::new(SyntaxError::Unexpected(error::Unexpected {
            src: self.source.named_source(),
            span: span.into(),
            message: message.to_owned(),
            label: label.to_owned(),
            help: Some(help.to_owned()),
        }))
    }
}
