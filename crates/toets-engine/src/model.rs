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
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The position in its list of the rule set.
            pub fn index(self) -> usize {
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
id_type!(
    /// Index of a finding in a [`crate::RuleSet`].
    FindingId
);

/// Where something was declared: which file, which bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// Index into [`crate::RuleSet::sources`].
    pub file: usize,
    /// Byte range.
    pub span: Span,
}

/// A Dutch and an English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// Whether this is a `one of` or `set of` type.
    pub fn is_listed(&self) -> bool {
        matches!(self, FactType::OneOf(_) | FactType::SetOf(_))
    }

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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// Its id and description key (dots are nesting).
    pub id: String,
    /// Its type.
    pub ty: FactType,
    /// The question that asks for it.
    pub ask: Bilingual,
    /// Help for whoever answers.
    pub help: Option<Bilingual>,
    /// Labels of the listed values, aligned with [`FactType::variants`];
    /// `None` where a value has none.
    pub value_labels: Vec<Option<Bilingual>>,
    /// Facts this one is asked after: its own `follows` and the facts that
    /// guard it in the conditions that read it (see `docs/questions.md`).
    /// Transitive, sorted.
    pub presupposes: Vec<FactId>,
    /// Where the rules first mention it (findings first, then norms): the
    /// tie-breaker of the question order. `u32::MAX` if no condition reads it.
    pub reading_rank: u32,
    /// The constants the rules compare it with, sorted and without
    /// duplicates: the thresholds that divide its values into classes.
    #[serde(with = "crate::value::stored::list")]
    pub(crate) constants: Vec<Value>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

impl Fact {
    /// The label of a listed value in `lang`, or the value itself when it has none.
    pub fn value_label<'a>(&'a self, value: &'a str, lang: Lang) -> &'a str {
        self.ty
            .variants()
            .iter()
            .position(|v| v == value)
            .and_then(|i| self.value_labels.get(i))
            .and_then(Option::as_ref)
            .map_or(value, |l| l.get(lang))
    }

    /// The group a fact is asked with: its id up to the last dot
    /// (`dpia.performed` is in `dpia`), or the id itself.
    pub fn group(&self) -> &str {
        self.id
            .rsplit_once('.')
            .map_or(self.id.as_str(), |(g, _)| g)
    }
}

/// A citation of a law: `AVG art. 35(3)(a)`, with its rendered forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Citation {
    /// The law's id.
    pub law: String,
    /// Article, annex or recital.
    pub kind: CitationKind,
    /// `35`, `3:46`, `4a`, `III`.
    pub number: String,
    /// Paragraphs and points.
    pub parts: Vec<String>,
    /// Rendered once with the law's abbreviation, e.g. `AVG art. 35(3)(a)` /
    /// `GDPR Art. 35(3)(a)`.
    pub text: Bilingual,
}

/// What a citation points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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
    /// A citation, rendered with the law's abbreviation in both languages.
    pub fn new(
        law: String,
        kind: CitationKind,
        number: String,
        parts: Vec<String>,
        abbrev: &Bilingual,
    ) -> Citation {
        let mut c = Citation {
            law,
            kind,
            number,
            parts,
            text: Bilingual {
                nl: String::new(),
                en: String::new(),
            },
        };
        c.text = Bilingual {
            nl: c.render(&abbrev.nl, Lang::Nl),
            en: c.render(&abbrev.en, Lang::En),
        };
        c
    }

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

/// What a condition reads directly, each list sorted and without
/// duplicates. Computed once when the rules are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reads {
    /// Facts.
    pub facts: Vec<FactId>,
    /// Concepts.
    pub concepts: Vec<ConceptId>,
    /// Norms whose state is tested.
    pub norms: Vec<NormId>,
}

impl Reads {
    /// What `exprs` read directly.
    pub(crate) fn of<'e>(exprs: impl IntoIterator<Item = &'e Expr>) -> Reads {
        let mut set = std::collections::BTreeSet::new();
        for e in exprs {
            e.visit_refs(&mut |g| {
                set.insert(g);
            });
        }
        Reads::split(set.into_iter())
    }

    /// Sorts grounds into facts, concepts and norms (findings are never read).
    pub(crate) fn split(grounds: impl Iterator<Item = Ground>) -> Reads {
        let mut r = Reads::default();
        for g in grounds {
            match g {
                Ground::Fact(f) => r.facts.push(f),
                Ground::Concept(c) => r.concepts.push(c),
                Ground::Norm(n) => r.norms.push(n),
                Ground::Finding(_) => {}
            }
        }
        r
    }
}

/// A checked condition with what it reads.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Condition {
    /// The condition.
    pub expr: Expr,
    /// What it reads directly.
    pub reads: Reads,
    /// Every fact it depends on, through concepts and the norms whose state
    /// it tests, in the order a reader meets them (first mention).
    pub facts_in_order: Vec<FactId>,
}

impl Condition {
    pub(crate) fn new(expr: Expr) -> Condition {
        let reads = Reads::of([&expr]);
        Condition {
            expr,
            reads,
            facts_in_order: Vec::new(),
        }
    }
}

/// A named derived condition.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Concept {
    /// Its id.
    pub id: String,
    /// Labels, if given.
    pub labels: Option<Bilingual>,
    /// Definition.
    pub expr: Condition,
    /// Where the definition comes from.
    pub cites: Vec<Citation>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

/// An exception to a norm.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Exception {
    /// Labels.
    pub labels: Bilingual,
    /// Its own citations.
    pub cites: Vec<Citation>,
    /// When it holds.
    pub when: Condition,
}

/// A node of the rule set: what a judgement rests on, and what the
/// dependency graph connects.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Ground {
    /// A fact.
    Fact(FactId),
    /// A concept.
    Concept(ConceptId),
    /// A norm.
    Norm(NormId),
    /// A finding: read by nothing, shown first.
    Finding(FindingId),
}

/// A step only human judgement can settle.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Judgement {
    /// What is to be judged.
    pub labels: Bilingual,
    /// What it rests on.
    pub rests_on: Vec<Ground>,
    /// A recorded judgement that settles it.
    pub settled_by: Option<Condition>,
}

/// A norm: a legal duty or prohibition with its conditions.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    pub applies: Option<Condition>,
    /// What it requires (absent: nothing beyond a judgement).
    pub requires: Option<Condition>,
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
    /// The guidance or policy the norm rests on instead of the text of a
    /// statute (`guidance "..."`). Empty for a norm of the law itself. A
    /// norm resting on guidance whose requirement fails is `not_followed`,
    /// never `violated`.
    pub guidance: Vec<String>,
    /// How the norm was checked against its source (`checked ...`); absent
    /// when not recorded.
    pub checked: Option<SourceCheck>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

pub use toets_syntax::ast::Certainty;

/// How a norm was checked against its source: the audit trail of the rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceCheck {
    /// How certain.
    pub certainty: Certainty,
    /// The source it was checked against, or why it could not be.
    pub source: String,
}

impl Norm {
    /// The outcome a reader is shown for an evaluated `outcome`: a norm
    /// resting on guidance whose requirement fails is a recommendation not
    /// followed, not a violation. Evaluation itself (`is violated`, the exact
    /// pass) keeps [`Outcome::Violated`].
    pub fn shown(&self, outcome: crate::Outcome) -> crate::Outcome {
        match outcome {
            crate::Outcome::Violated if !self.guidance.is_empty() => crate::Outcome::NotFollowed,
            o => o,
        }
    }
}

/// What a finding says: whether its condition holds, or which of its
/// cases is the first to hold.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum FindingBody {
    /// `when CONDITION`: the finding holds or not.
    When(Condition),
    /// `case id "..." / "..." when CONDITION`, in order: the first that holds.
    Cases(Vec<FindingCase>),
}

/// One value a finding can take.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FindingCase {
    /// Its id.
    pub id: String,
    /// Labels.
    pub labels: Bilingual,
    /// When it holds.
    pub when: Condition,
}

/// A finding: a conclusion a reader wants first, such as a classification.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    /// Its id; the first segment names its law.
    pub id: String,
    /// Its law.
    pub law: LawId,
    /// Labels.
    pub labels: Bilingual,
    /// Citations.
    pub cites: Vec<Citation>,
    /// What it says.
    pub body: FindingBody,
    /// Links.
    pub see: Vec<String>,
    /// Doc comment.
    pub docs: Vec<String>,
    /// Declaration.
    pub origin: Origin,
}

impl Finding {
    /// Its conditions, in order (one for `when`, one per case).
    pub fn conditions(&self) -> Vec<&Condition> {
        match &self.body {
            FindingBody::When(c) => vec![c],
            FindingBody::Cases(cases) => cases.iter().map(|c| &c.when).collect(),
        }
    }
}

impl Norm {
    /// Its conditions in reading order: applies, requires, exceptions, settled by.
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        self.applies
            .iter()
            .chain(self.requires.iter())
            .chain(self.exceptions.iter().map(|e| &e.when))
            .chain(self.judgement.iter().filter_map(|j| j.settled_by.as_ref()))
    }
}

/// A checked expression.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    /// A constant.
    Const(#[serde(with = "crate::value::stored")] Value),
    /// The evaluation date.
    Today,
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
            Expr::Const(_) | Expr::Today => {}
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

/// What a test block expects of a norm or a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Expected {
    /// A norm has this outcome.
    Norm(NormId, crate::verdict::Outcome),
    /// A finding has this value.
    Finding(FindingId, FindingValue),
}

/// The value of a finding, as a test block expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FindingValue {
    /// It holds (for a finding with cases: some case holds).
    True,
    /// It does not hold (no case holds).
    False,
    /// It is still open.
    Undetermined,
    /// This case holds (its index).
    Case(usize),
}

/// An expected outcome in a test block.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Expectation {
    /// What is expected of which norm or finding.
    pub expected: Expected,
    /// Expected open questions, if pinned.
    pub asking: Option<Vec<FactId>>,
    /// Where it stands.
    pub origin: Origin,
}

/// A test block of a rule file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TestCase {
    /// Its name.
    pub name: String,
    /// Evaluation date, if fixed.
    pub on: Option<Date>,
    /// The facts given.
    #[serde(with = "crate::value::stored::pairs")]
    pub given: Vec<(FactId, Value)>,
    /// What is expected.
    pub expectations: Vec<Expectation>,
    /// Where it stands.
    pub origin: Origin,
}

/// The files a rule set was compiled from, for diagnostics and hashing.
pub type Sources = Vec<SourceFile>;

/// One name in a rule file that stands for a fact, concept, norm or
/// finding: its declaration or a use of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// What the name stands for.
    pub target: Ground,
    /// Where the name stands.
    pub origin: Origin,
    /// Whether this is the declaration itself.
    pub declaration: bool,
}

/// A citation as written in a rule file, with its rendered forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationSite {
    /// The citation.
    pub citation: Citation,
    /// Where it is written.
    pub origin: Origin,
}

/// Every resolved name and every citation of the rule files with what it
/// stands for, in the order the checker met them. Computed once when the
/// rules are checked, also when they hold errors, for editors: go to
/// definition, find references and rename read it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct References {
    /// Declarations and uses of facts, concepts, norms and findings.
    pub names: Vec<Reference>,
    /// Citations.
    pub citations: Vec<CitationSite>,
}

impl References {
    /// The name at byte `offset` of file `file` (its end included, so a
    /// cursor just after a name finds it).
    pub fn at(&self, file: usize, offset: usize) -> Option<&Reference> {
        self.names.iter().find(|r| covers(&r.origin, file, offset))
    }

    /// The citation at byte `offset` of file `file`.
    pub fn citation_at(&self, file: usize, offset: usize) -> Option<&CitationSite> {
        self.citations
            .iter()
            .find(|c| covers(&c.origin, file, offset))
    }

    /// The declaration and every use of `target`.
    pub fn of(&self, target: Ground) -> impl Iterator<Item = &Reference> {
        self.names.iter().filter(move |r| r.target == target)
    }

    /// Where `target` is declared.
    pub fn declaration(&self, target: Ground) -> Option<&Reference> {
        self.of(target).find(|r| r.declaration)
    }
}

fn covers(origin: &Origin, file: usize, offset: usize) -> bool {
    origin.file == file && origin.span.start <= offset && offset <= origin.span.end
}
