//! From syntax trees to the checked model: declare every name, resolve and
//! type-check every condition, build the dependency graph, check the tests.
//! All errors are collected, so a drafter sees every problem at once.

mod expr;
mod finding;
mod graph;
mod reads;
mod sanity;
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use miette::NamedSource;
use toets_syntax::Span;
use toets_syntax::ast::{self, NormClause};

use crate::error::{self, RuleError};
use crate::model::*;
use crate::suggest::did_you_mean;

pub(crate) use graph::{Graph, Node};
pub(crate) use reads::{Expansion, Expansions};

/// What a name in the shared namespace stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Symbol {
    Fact(FactId),
    Concept(ConceptId),
    Norm(NormId),
    Finding(FindingId),
}

impl Symbol {
    fn what(self) -> &'static str {
        match self {
            Symbol::Fact(_) => "fact",
            Symbol::Concept(_) => "concept",
            Symbol::Norm(_) => "norm",
            Symbol::Finding(_) => "finding",
        }
    }

    fn ground(self) -> Ground {
        match self {
            Symbol::Fact(f) => Ground::Fact(f),
            Symbol::Concept(c) => Ground::Concept(c),
            Symbol::Norm(n) => Ground::Norm(n),
            Symbol::Finding(f) => Ground::Finding(f),
        }
    }
}

/// The checked parts, before they are wrapped into a [`crate::RuleSet`].
pub(crate) struct Checked {
    pub laws: Vec<Law>,
    pub facts: Vec<Fact>,
    pub concepts: Vec<Concept>,
    pub norms: Vec<Norm>,
    pub findings: Vec<Finding>,
    pub tests: Vec<TestCase>,
    pub names: HashMap<String, Symbol>,
    pub graph: Graph,
    pub expansions: reads::Expansions,
}

pub(crate) struct Checker<'a> {
    files: &'a [ast::File],
    errors: Vec<RuleError>,
    laws: Vec<Law>,
    law_index: HashMap<String, LawId>,
    facts: Vec<Fact>,
    concepts: Vec<Concept>,
    norms: Vec<Norm>,
    findings: Vec<Finding>,
    names: HashMap<String, (Symbol, Origin)>,
    references: References,
}

impl<'a> Checker<'a> {
    /// Checks the files; the references table comes back also when they
    /// hold errors.
    pub(crate) fn check(files: &'a [ast::File]) -> (Result<Checked, Vec<RuleError>>, References) {
        let mut c = Checker {
            files,
            errors: Vec::new(),
            laws: Vec::new(),
            law_index: HashMap::new(),
            facts: Vec::new(),
            concepts: Vec::new(),
            norms: Vec::new(),
            findings: Vec::new(),
            names: HashMap::new(),
            references: References::default(),
        };
        let mut fact_decls = Vec::new();
        let mut concept_decls = Vec::new();
        let mut norm_decls = Vec::new();
        let mut finding_decls = Vec::new();
        let mut test_decls = Vec::new();
        for (file, ast) in files.iter().enumerate() {
            for item in &ast.items {
                match item {
                    ast::Item::Law(d) => c.declare_law(file, d),
                    ast::Item::Fact(d) => {
                        if c.declare_fact(file, d) {
                            fact_decls.push((file, d));
                        }
                    }
                    ast::Item::Concept(d) => {
                        let id = ConceptId(u32::try_from(concept_decls.len()).unwrap_or(u32::MAX));
                        if c.declare(file, &d.id, Symbol::Concept(id)) {
                            concept_decls.push((file, d));
                        }
                    }
                    ast::Item::Norm(d) => {
                        let id = NormId(u32::try_from(norm_decls.len()).unwrap_or(u32::MAX));
                        if c.declare(file, &d.id, Symbol::Norm(id)) {
                            norm_decls.push((file, d));
                        }
                    }
                    ast::Item::Finding(d) => {
                        let id = FindingId(u32::try_from(finding_decls.len()).unwrap_or(u32::MAX));
                        if c.declare(file, &d.id, Symbol::Finding(id)) {
                            finding_decls.push((file, d));
                        }
                    }
                    ast::Item::Test(d) => test_decls.push((file, d)),
                }
            }
        }
        c.no_fact_beside_its_part(&fact_decls);
        let follows: Vec<Vec<FactId>> = fact_decls
            .iter()
            .map(|&(file, d)| c.follows(file, d))
            .collect();
        for &(file, d) in &concept_decls {
            let concept = c.concept(file, d);
            c.concepts.push(concept);
        }
        for &(file, d) in &norm_decls {
            let norm = c.norm(file, d);
            c.norms.push(norm);
        }
        for &(file, d) in &finding_decls {
            let finding = c.finding(file, d);
            c.findings.push(finding);
        }
        let graph = graph::build(&mut c);
        let mut expansions = reads::Expansions::default();
        if c.errors.is_empty() {
            reads::order(&mut c, &graph, &follows);
            expansions = reads::expansions(&c, &graph);
        }
        let tests = test_decls
            .iter()
            .map(|&(file, d)| c.test(file, d))
            .collect();
        c.test_names_unique(&test_decls);
        let references = std::mem::take(&mut c.references);
        let checked = if c.errors.is_empty() {
            Ok(Checked {
                laws: c.laws,
                facts: c.facts,
                concepts: c.concepts,
                norms: c.norms,
                findings: c.findings,
                tests,
                names: c.names.into_iter().map(|(k, (s, _))| (k, s)).collect(),
                graph,
                expansions,
            })
        } else {
            Err(c.errors)
        };
        (checked, references)
    }

    /// What a name in a condition, a `follows`, a `rests on` or a test
    /// stands for; a resolved name goes into the references table.
    fn resolve(&mut self, file: usize, name: &ast::Name) -> Option<Symbol> {
        let symbol = self.names.get(&name.text).map(|(s, _)| *s)?;
        self.references.names.push(Reference {
            target: symbol.ground(),
            origin: Origin {
                file,
                span: name.span,
            },
            declaration: false,
        });
        Some(symbol)
    }

    fn src(&self, file: usize) -> NamedSource<Arc<str>> {
        match self.files.get(file) {
            Some(f) => f.source.named_source(),
            None => NamedSource::new("<unknown>", Arc::from("")),
        }
    }

    fn location(&self, origin: &Origin) -> String {
        match self.files.get(origin.file) {
            Some(f) => {
                let (line, col) = f.source.line_col(origin.span.start);
                format!("{}:{line}:{col}", f.source.name())
            }
            None => "<unknown>".to_owned(),
        }
    }

    fn structure(&mut self, file: usize, span: Span, message: String, label: &str, help: &str) {
        let src = self.src(file);
        self.errors.push(RuleError::Structure(error::Structure {
            src,
            span: span.into(),
            message,
            label: label.to_owned(),
            help: help.to_owned(),
        }));
    }

    fn type_error(
        &mut self,
        file: usize,
        span: Span,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        let src = self.src(file);
        self.errors.push(RuleError::Type(error::TypeMismatch {
            src,
            span: span.into(),
            message,
            label: label.to_owned(),
            help,
        }));
    }

    /// Reports `name` as not declared, suggesting the closest declared name
    /// of the kind `keep` accepts.
    fn undefined_symbol(
        &mut self,
        file: usize,
        name: &ast::Name,
        what: &'static str,
        keep: impl Fn(&Symbol) -> bool,
    ) {
        let candidates: Vec<String> = self
            .names
            .iter()
            .filter(|(_, (symbol, _))| keep(symbol))
            .map(|(k, _)| k.clone())
            .collect();
        self.undefined(
            file,
            name.span,
            what,
            &name.text,
            candidates.iter().map(String::as_str).collect(),
        );
    }

    fn undefined(
        &mut self,
        file: usize,
        span: Span,
        what: &'static str,
        name: &str,
        candidates: Vec<&str>,
    ) {
        let src = self.src(file);
        let help = did_you_mean(name, candidates.into_iter())
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| {
                Some(match what {
                    "name" => format!(
                        "declare `{name}` as a `fact` or a `concept`, or check the spelling"
                    ),
                    _ => format!("declare it with `{what} {name} ...`, or check the spelling"),
                })
            });
        self.errors.push(RuleError::Undefined(error::Undefined {
            src,
            span: span.into(),
            what,
            name: name.to_owned(),
            help,
        }));
    }

    fn date(&mut self, file: usize, lit: &ast::DateLit) -> Option<Date> {
        match lit.text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(e) => {
                let src = self.src(file);
                let reason = e.to_string();
                let reason = reason
                    .rsplit(": ")
                    .next()
                    .unwrap_or("no such date")
                    .to_owned();
                self.errors.push(RuleError::BadDate(error::BadDate {
                    src,
                    span: lit.span.into(),
                    text: lit.text.clone(),
                    reason,
                }));
                None
            }
        }
    }

    /// Registers a fact, concept or norm name; reports a duplicate.
    fn declare(&mut self, file: usize, name: &ast::Name, symbol: Symbol) -> bool {
        let origin = Origin {
            file,
            span: name.span,
        };
        if let Some((first, first_origin)) = self.names.get(&name.text) {
            let help = format!(
                "the {} `{}` was first declared at {}; rename one of them",
                first.what(),
                name.text,
                self.location(first_origin)
            );
            let src = self.src(file);
            self.errors.push(RuleError::Duplicate(error::Duplicate {
                src,
                span: name.span.into(),
                what: symbol.what(),
                name: name.text.clone(),
                help,
            }));
            return false;
        }
        self.references.names.push(Reference {
            target: symbol.ground(),
            origin: origin.clone(),
            declaration: true,
        });
        self.names.insert(name.text.clone(), (symbol, origin));
        true
    }

    fn declare_law(&mut self, file: usize, d: &ast::LawDecl) {
        let origin = Origin {
            file,
            span: d.id.span,
        };
        if let Some(first) = self.law_index.get(&d.id.text) {
            let first_origin = self.laws.get(first.index()).map(|l| l.origin.clone());
            let help = first_origin.map_or_else(String::new, |o| {
                format!(
                    "law `{}` was first declared at {}",
                    d.id.text,
                    self.location(&o)
                )
            });
            let src = self.src(file);
            self.errors.push(RuleError::Duplicate(error::Duplicate {
                src,
                span: d.id.span.into(),
                what: "law",
                name: d.id.text.clone(),
                help,
            }));
            return;
        }
        for span in &d.repeated {
            self.structure(
                file,
                *span,
                format!("law `{}` gives this property twice", d.id.text),
                "repeated here",
                "give each of `abbrev`, `cite`, `in_force` and `until` at most once",
            );
        }
        let in_force = d.in_force.as_ref().and_then(|l| self.date(file, l));
        let until = d.until.as_ref().and_then(|l| self.date(file, l));
        if let (Some(from), Some(to), Some(lit)) = (in_force, until, d.until.as_ref()) {
            self.never_in_force(file, "law", &d.id.text, from, to, lit.span);
        }
        let upper = d.id.text.to_uppercase();
        let id = LawId(u32::try_from(self.laws.len()).unwrap_or(u32::MAX));
        self.law_index.insert(d.id.text.clone(), id);
        self.laws.push(Law {
            id: d.id.text.clone(),
            title: bilingual(&d.title),
            abbrev: d.abbrev.as_ref().map_or_else(
                || Bilingual {
                    nl: upper.clone(),
                    en: upper.clone(),
                },
                bilingual,
            ),
            cite: d.cite.as_ref().map(|t| t.value.clone()),
            in_force,
            until,
            see: d.see.iter().map(|t| t.value.clone()).collect(),
            docs: d.docs.clone(),
            origin,
        });
    }

    /// Declares a fact; false if its name was taken.
    fn declare_fact(&mut self, file: usize, d: &ast::FactDecl) -> bool {
        let id = FactId(u32::try_from(self.facts.len()).unwrap_or(u32::MAX));
        if !self.declare(file, &d.id, Symbol::Fact(id)) {
            return false;
        }
        let (ty, value_labels) = match &d.ty {
            ast::TypeExpr::Bool => (FactType::Bool, Vec::new()),
            ast::TypeExpr::Number => (FactType::Number, Vec::new()),
            ast::TypeExpr::Date => (FactType::Date, Vec::new()),
            ast::TypeExpr::Text => (FactType::Text, Vec::new()),
            ast::TypeExpr::OneOf(v) => {
                let (names, labels) = self.variants(file, &d.id.text, v);
                (FactType::OneOf(names), labels)
            }
            ast::TypeExpr::SetOf(v) => {
                let (names, labels) = self.variants(file, &d.id.text, v);
                (FactType::SetOf(names), labels)
            }
        };
        for span in &d.repeated {
            self.structure(
                file,
                *span,
                format!("fact `{}` gives `ask`, `help` or `follows` twice", d.id.text),
                "repeated here",
                "give one `ask`, at most one `help` (each with both languages) and at most one `follows` list",
            );
        }
        let ask = match &d.ask {
            Some(a) => Bilingual {
                nl: a.nl.value.clone(),
                en: a.en.value.clone(),
            },
            None => {
                self.structure(
                    file,
                    d.id.span,
                    format!("fact `{}` has no question", d.id.text),
                    "declared without `ask`",
                    "add `ask nl \"...\" en \"...\"`: the question is shown when the fact is unknown",
                );
                Bilingual {
                    nl: String::new(),
                    en: String::new(),
                }
            }
        };
        self.facts.push(Fact {
            id: d.id.text.clone(),
            ty,
            ask,
            help: d.help.as_ref().map(|h| Bilingual {
                nl: h.nl.value.clone(),
                en: h.en.value.clone(),
            }),
            value_labels,
            presupposes: Vec::new(),
            reading_rank: u32::MAX,
            constants: Vec::new(),
            docs: d.docs.clone(),
            origin: Origin {
                file,
                span: d.id.span,
            },
        });
        true
    }

    /// The listed values of a type, and their labels.
    fn variants(
        &mut self,
        file: usize,
        fact: &str,
        variants: &[ast::Variant],
    ) -> (Vec<String>, Vec<Option<Bilingual>>) {
        let mut names: Vec<String> = Vec::with_capacity(variants.len());
        let mut labels = Vec::with_capacity(variants.len());
        for v in variants {
            let n = &v.name;
            if names.contains(&n.text) {
                self.structure(
                    file,
                    n.span,
                    format!("value `{}` is listed twice in the type of `{fact}`", n.text),
                    "listed again",
                    "list each value once",
                );
            } else {
                names.push(n.text.clone());
                labels.push(v.labels.as_ref().map(bilingual));
            }
        }
        (names, labels)
    }

    /// The facts named in a fact's `follows`.
    fn follows(&mut self, file: usize, d: &ast::FactDecl) -> Vec<FactId> {
        let mut out = Vec::new();
        for name in &d.follows {
            match self.resolve(file, name) {
                Some(Symbol::Fact(f)) if name.text == d.id.text => {
                    let _ = f;
                    self.structure(
                        file,
                        name.span,
                        format!("fact `{}` follows itself", d.id.text),
                        "names the fact itself",
                        "`follows` names the facts that are asked before this one",
                    );
                }
                Some(Symbol::Fact(f)) => out.push(f),
                Some(other) => self.type_error(
                    file,
                    name.span,
                    format!("`{}` is a {}, not a fact", name.text, other.what()),
                    "`follows` needs a fact",
                    Some("`follows` names the facts that are asked before this one".to_owned()),
                ),
                None => self.undefined_symbol(file, name, "fact", |s| matches!(s, Symbol::Fact(_))),
            }
        }
        out
    }

    fn citations(&mut self, file: usize, cites: &[ast::Citation]) -> Vec<Citation> {
        let mut out = Vec::with_capacity(cites.len());
        for c in cites {
            if !self.law_index.contains_key(&c.law.text) {
                let known: Vec<String> = self.laws.iter().map(|l| l.id.clone()).collect();
                self.undefined(
                    file,
                    c.law.span,
                    "law",
                    &c.law.text,
                    known.iter().map(String::as_str).collect(),
                );
            }
            let abbrev = self
                .law_index
                .get(&c.law.text)
                .and_then(|l| self.laws.get(l.index()))
                .map(|l| l.abbrev.clone())
                .unwrap_or_else(|| Bilingual {
                    nl: c.law.text.to_uppercase(),
                    en: c.law.text.to_uppercase(),
                });
            let citation = Citation::new(
                c.law.text.clone(),
                c.kind.into(),
                c.number.clone(),
                c.parts.clone(),
                &abbrev,
            );
            self.references.citations.push(CitationSite {
                citation: citation.clone(),
                origin: Origin { file, span: c.span },
            });
            out.push(citation);
        }
        out
    }

    fn concept(&mut self, file: usize, d: &ast::ConceptDecl) -> Concept {
        let expr = self.condition(file, &d.expr);
        let cites = self.citations(file, &d.cites);
        Concept {
            id: d.id.text.clone(),
            labels: d.labels.as_ref().map(bilingual),
            expr,
            cites,
            docs: d.docs.clone(),
            origin: Origin {
                file,
                span: d.id.span,
            },
        }
    }

    /// The law a norm or finding id starts with.
    fn law_of(&mut self, file: usize, id: &ast::Name, what: &str) -> LawId {
        let law_name = id.text.split('.').next().unwrap_or_default();
        match self.law_index.get(law_name) {
            Some(l) if id.text.contains('.') => *l,
            Some(_) => {
                self.structure(
                    file,
                    id.span,
                    format!("{what} id `{}` names only its law", id.text),
                    "needs a name after the law's id",
                    &format!("write it as `{law_name}.<name>`, e.g. `{law_name}.dpia_required`"),
                );
                LawId(0)
            }
            None => {
                let src = self.src(file);
                let known: Vec<String> = self.laws.iter().map(|l| l.id.clone()).collect();
                let suggestion = did_you_mean(law_name, known.iter().map(String::as_str));
                self.errors.push(RuleError::Undefined(error::Undefined {
                    src,
                    span: id.span.into(),
                    what: "law",
                    name: law_name.to_owned(),
                    help: Some(match suggestion {
                        Some(s) => format!("a {what} id starts with its law's id, e.g. `{s}.{}`", id.text.split('.').next_back().unwrap_or("name")),
                        None => format!("a {what} id starts with the id of a declared law, e.g. `avg.dpia_required`"),
                    }),
                }));
                LawId(0)
            }
        }
    }

    fn norm(&mut self, file: usize, d: &ast::NormDecl) -> Norm {
        let law = self.law_of(file, &d.id, "norm");
        let mut norm = Norm {
            id: d.id.text.clone(),
            law,
            labels: bilingual(&d.labels),
            cites: Vec::new(),
            applies: None,
            requires: None,
            exceptions: Vec::new(),
            judgement: None,
            in_force: None,
            until: None,
            see: Vec::new(),
            guidance: Vec::new(),
            checked: None,
            docs: d.docs.clone(),
            origin: Origin {
                file,
                span: d.id.span,
            },
        };
        let mut seen: HashMap<&'static str, Span> = HashMap::new();
        for clause in &d.clauses {
            let (kind, span) = clause_kind(clause);
            if matches!(
                kind,
                "applies when" | "requires" | "judgement" | "in_force" | "until" | "checked"
            ) {
                if seen.contains_key(kind) {
                    self.structure(
                        file,
                        span,
                        format!("norm `{}` has more than one `{kind}` clause", d.id.text),
                        "repeated clause",
                        match kind {
                            "applies when" | "requires" => {
                                "combine the conditions into one clause with `and` or `or`"
                            }
                            "checked" => "keep the one that says how the norm was last checked",
                            _ => "keep one of them",
                        },
                    );
                    continue;
                }
                seen.insert(kind, span);
            }
            match clause {
                NormClause::Cites { citations, .. } => {
                    let mut c = self.citations(file, citations);
                    norm.cites.append(&mut c);
                }
                NormClause::Applies { expr, .. } => norm.applies = Some(self.condition(file, expr)),
                NormClause::Requires { expr, .. } => {
                    norm.requires = Some(self.condition(file, expr))
                }
                NormClause::Unless(e) => {
                    let cites = self.citations(file, &e.cites);
                    let when = self.condition(file, &e.when);
                    norm.exceptions.push(Exception {
                        labels: bilingual(&e.labels),
                        cites,
                        when,
                    });
                }
                NormClause::Judgement(j) => {
                    let rests_on = j
                        .rests_on
                        .iter()
                        .filter_map(|n| self.ground(file, n))
                        .collect();
                    let settled_by = j.settled_by.as_ref().map(|e| self.condition(file, e));
                    norm.judgement = Some(Judgement {
                        labels: bilingual(&j.labels),
                        rests_on,
                        settled_by,
                    });
                }
                NormClause::InForce(l) => norm.in_force = self.date(file, l),
                NormClause::Until(l) => norm.until = self.date(file, l),
                NormClause::See(t) => norm.see.push(t.value.clone()),
                NormClause::Guidance(t) => norm.guidance.push(t.value.clone()),
                NormClause::Checked {
                    certainty, source, ..
                } => {
                    norm.checked = Some(SourceCheck {
                        certainty: *certainty,
                        source: source.value.clone(),
                    })
                }
            }
        }
        if let (Some(from), Some(to), Some(span)) = (norm.in_force, norm.until, seen.get("until")) {
            self.never_in_force(file, "norm", &d.id.text, from, to, *span);
        }
        if norm.cites.is_empty() {
            self.structure(
                file,
                d.id.span,
                format!("norm `{}` cites no article", d.id.text),
                "no `cites` clause",
                "every norm cites the exact article it rests on, e.g. `cites avg art 35(3)(a)`",
            );
        }
        if norm.requires.is_none() && norm.judgement.is_none() {
            self.structure(
                file,
                d.id.span,
                format!("norm `{}` requires nothing", d.id.text),
                "no `requires` or `judgement` clause",
                "add `requires ...` with what the norm demands, or a `judgement` step",
            );
        }
        norm
    }

    fn ground(&mut self, file: usize, name: &ast::Name) -> Option<Ground> {
        match self.resolve(file, name) {
            Some(Symbol::Fact(f)) => Some(Ground::Fact(f)),
            Some(Symbol::Concept(c)) => Some(Ground::Concept(c)),
            Some(Symbol::Norm(n)) => Some(Ground::Norm(n)),
            Some(Symbol::Finding(_)) => {
                self.finding_read(file, name);
                None
            }
            None => {
                self.undefined_symbol(file, name, "name", |_| true);
                None
            }
        }
    }
}

fn clause_kind(clause: &NormClause) -> (&'static str, Span) {
    match clause {
        NormClause::Cites { span, .. } => ("cites", *span),
        NormClause::Applies { span, .. } => ("applies when", *span),
        NormClause::Requires { span, .. } => ("requires", *span),
        NormClause::Unless(e) => ("unless", e.span),
        NormClause::Judgement(j) => ("judgement", j.span),
        NormClause::InForce(d) => ("in_force", d.span),
        NormClause::Until(d) => ("until", d.span),
        NormClause::See(t) => ("see", t.span),
        NormClause::Guidance(t) => ("guidance", t.span),
        NormClause::Checked { span, .. } => ("checked", *span),
    }
}

fn bilingual(labels: &ast::Labels) -> Bilingual {
    Bilingual {
        nl: labels.nl.value.clone(),
        en: labels.en.value.clone(),
    }
}
