//! The checked model: laws, facts, concepts and norms with names resolved,
//! types checked and the dependency graph built. Produced by
//! [`crate::RuleSet::compile`]; read by evaluation and presenters.

use jiff::civil::Date;
use serde::Serialize;
use toets_syntax::ast::{CiteKind, CompareOp, ContainsMode, NormState};
use toets_syntax::{SourceFile, Span};

use crate::value::Value;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) u32);

        impl $name {
            pub(crate) fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of a law in a [`crate::RuleSet`].
    LawId
);
id_type!(
    /// Index of a fact in a [`crate::RuleSet`].
    FactId
);
id_type!(
    /// Index of a concept in a [`crate::RuleSet`].
    ConceptId
);
id_type!(
    /// Index of a norm in a [`crate::RuleSet`].
    NormId
);

/// Where something was declared: which file, which bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`crate::RuleSet::sources`].
    pub file: usize,
    /// Byte range.
    pub span: Span,
}

/// A Dutch and an English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// The two languages rule files carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch.
    Nl,
    /// English.
    #[default]
    En,
}

/// A declared law.
#[derive(Debug, Clone)]
pub struct Law {
    /// Short id, e.g. `avg`.
    pub id: String,
    /// Full title.
    pub title: Bilingual,
    /// Abbreviation used in citations (AVG / GDPR); the id uppercased if absent.
    pub abbrev: Bilingual,
    /// Official citation.
    pub cite: Option<String>,
    /// In force from.
    pub in_force: Option<Date>,
    /// In force until.
    pub until: Option<Date>,
    /// Links.
    pub see: Vec<String>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

/// The type of a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactType {
    /// Yes or no.
    Bool,
    /// A number.
    Number,
    /// A calendar date.
    Date,
    /// Free text.
    Text,
    /// One of the listed values.
    OneOf(Vec<String>),
    /// Any subset of the listed values.
    SetOf(Vec<String>),
}

impl FactType {
    /// How the type is written in a rule file.
    pub fn describe(&self) -> String {
        match self {
            FactType::Bool => "bool".to_owned(),
            FactType::Number => "number".to_owned(),
            FactType::Date => "date".to_owned(),
            FactType::Text => "text".to_owned(),
            FactType::OneOf(v) => format!("one of {{ {} }}", v.join(", ")),
            FactType::SetOf(v) => format!("set of {{ {} }}", v.join(", ")),
        }
    }

    /// The listed values of a `one of` or `set of` type.
    pub fn variants(&self) -> &[String] {
        match self {
            FactType::OneOf(v) | FactType::SetOf(v) => v,
            _ => &[],
        }
    }
}

/// A declared fact: something a description states about the system.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Its id and description key (dots are nesting).
    pub id: String,
    /// Its type.
    pub ty: FactType,
    /// The question that asks for it.
    pub ask: Bilingual,
    /// Help for whoever answers.
    pub help: Option<Bilingual>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

/// A citation of a law: `AVG art. 35(3)(a)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The law's id.
    pub law: String,
    /// Article, annex or recital.
    pub kind: CitationKind,
    /// `35`, `3:46`, `4a`, `III`.
    pub number: String,
    /// Paragraphs and points.
    pub parts: Vec<String>,
}

/// What a citation points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// An article.
    Article,
    /// An annex.
    Annex,
    /// A recital.
    Recital,
}

impl From<CiteKind> for CitationKind {
    fn from(kind: CiteKind) -> Self {
        match kind {
            CiteKind::Article => CitationKind::Article,
            CiteKind::Annex => CitationKind::Annex,
            CiteKind::Recital => CitationKind::Recital,
        }
    }
}

impl Citation {
    /// The citation as a lawyer writes it, with the law's abbreviation:
    /// `AVG art. 35(3)(a)`, `AI Act Annex III(5)(a)`.
    pub fn render(&self, abbrev: &str, lang: Lang) -> String {
        let kind = match (self.kind, lang) {
            (CitationKind::Article, Lang::Nl) => "art.",
            (CitationKind::Article, Lang::En) => "Art.",
            (CitationKind::Annex, Lang::Nl) => "bijlage",
            (CitationKind::Annex, Lang::En) => "Annex",
            (CitationKind::Recital, Lang::Nl) => "overweging",
            (CitationKind::Recital, Lang::En) => "recital",
        };
        let parts: String = self.parts.iter().map(|p| format!("({p})")).collect();
        format!("{abbrev} {kind} {}{parts}", self.number)
    }
}

/// A named derived condition.
#[derive(Debug, Clone)]
pub struct Concept {
    /// Its id.
    pub id: String,
    /// Labels, if given.
    pub labels: Option<Bilingual>,
    /// Definition.
    pub expr: Expr,
    /// Where the definition comes from.
    pub cites: Vec<Citation>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

/// An exception to a norm.
#[derive(Debug, Clone)]
pub struct Exception {
    /// Labels.
    pub labels: Bilingual,
    /// Its own citations.
    pub cites: Vec<Citation>,
    /// When it holds.
    pub when: Expr,
}

/// A node of the rule set: what a judgement rests on, and what the
/// dependency graph connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ground {
    /// A fact.
    Fact(FactId),
    /// A concept.
    Concept(ConceptId),
    /// A norm.
    Norm(NormId),
}

/// A step only human judgement can settle.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// What is to be judged.
    pub labels: Bilingual,
    /// What it rests on.
    pub rests_on: Vec<Ground>,
    /// A recorded judgement that settles it.
    pub settled_by: Option<Expr>,
}

/// A norm: a legal duty or prohibition with its conditions.
#[derive(Debug, Clone)]
pub struct Norm {
    /// Its id, e.g. `avg.art35.dpia_required`.
    pub id: String,
    /// Its law.
    pub law: LawId,
    /// Labels.
    pub labels: Bilingual,
    /// Exact citations.
    pub cites: Vec<Citation>,
    /// When it applies (absent: always, while in force).
    pub applies: Option<Expr>,
    /// What it requires (absent: nothing beyond a judgement).
    pub requires: Option<Expr>,
    /// Exceptions, in order.
    pub exceptions: Vec<Exception>,
    /// Human judgement step.
    pub judgement: Option<Judgement>,
    /// In force from (besides the law's date).
    pub in_force: Option<Date>,
    /// In force until.
    pub until: Option<Date>,
    /// Links, e.g. Algoritmekader requirement ids.
    pub see: Vec<String>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

/// A checked expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant.
    Const(Value),
    /// A fact's value.
    Fact(FactId),
    /// A concept's truth.
    Concept(ConceptId),
    /// Another norm's state.
    NormState(NormId, NormState),
    /// Negation.
    Not(Box<Expr>),
    /// Conjunction.
    And(Vec<Expr>),
    /// Disjunction.
    Or(Vec<Expr>),
    /// Comparison of two values of one type.
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    /// Membership of a one-of value.
    In(Box<Expr>, Vec<String>),
    /// Set containment.
    Contains(Box<Expr>, ContainsMode, Vec<String>),
}

impl Expr {
    /// Calls `f` on every fact, concept and norm the expression reads directly.
    pub fn visit_refs(&self, f: &mut impl FnMut(Ground)) {
        match self {
            Expr::Const(_) => {}
            Expr::Fact(id) => f(Ground::Fact(*id)),
            Expr::Concept(id) => f(Ground::Concept(*id)),
            Expr::NormState(id, _) => f(Ground::Norm(*id)),
            Expr::Not(e) | Expr::In(e, _) | Expr::Contains(e, _, _) => e.visit_refs(f),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.visit_refs(f)),
            Expr::Compare(_, a, b) => {
                a.visit_refs(f);
                b.visit_refs(f);
            }
        }
    }
}

/// An expected outcome in a test block.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// The norm.
    pub norm: NormId,
    /// Expected outcome.
    pub outcome: crate::verdict::Outcome,
    /// Expected open questions, if pinned.
    pub asking: Option<Vec<FactId>>,
    /// Where it stands.
    pub origin: Origin,
}

/// A test block of a rule file.
#[derive(Debug, Clone)]
pub struct TestCase {
    /// Its name.
    pub name: String,
    /// Evaluation date, if fixed.
    pub on: Option<Date>,
    /// The facts given.
    pub given: Vec<(FactId, Value)>,
    /// What is expected.
    pub expectations: Vec<Expectation>,
    /// Where it stands.
    pub origin: Origin,
}

/// The files a rule set was compiled from, for diagnostics and hashing.
pub type Sources = Vec<SourceFile>;
