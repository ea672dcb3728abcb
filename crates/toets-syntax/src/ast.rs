//! The syntax tree of a rule file. Every node keeps its [`Span`]; comments
//! are kept in [`File::comments`] and doc comments on the item they precede.

use serde::Serialize;

use crate::{SourceFile, Span};

/// One parsed rule file.
#[derive(Debug, Clone, Serialize)]
pub struct File {
    /// The file the tree was parsed from.
    #[serde(skip)]
    pub source: SourceFile,
    /// Declarations in source order.
    pub items: Vec<Item>,
    /// Every `//` comment, in source order, with its span.
    pub comments: Vec<Comment>,
}

/// A `//` comment (not a doc comment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// Text after the `//`.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// A top-level declaration.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// `law id "nl" / "en" { ... }`
    Law(LawDecl),
    /// `fact id: type ...`
    Fact(FactDecl),
    /// `concept id = expr`
    Concept(ConceptDecl),
    /// `finding id "nl" / "en" ...`
    Finding(FindingDecl),
    /// `norm id "nl" / "en" ...`
    Norm(NormDecl),
    /// `test "name" { ... }`
    Test(TestDecl),
}

impl Item {
    /// The item's full span.
    pub fn span(&self) -> Span {
        match self {
            Item::Law(d) => d.span,
            Item::Fact(d) => d.span,
            Item::Concept(d) => d.span,
            Item::Finding(d) => d.span,
            Item::Norm(d) => d.span,
            Item::Test(d) => d.span,
        }
    }
}

/// A name, or a dotted path of names, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    /// The text, e.g. `dpia.performed`.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// A string literal, with escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// The value.
    pub value: String,
    /// Where the literal stands, quotes included.
    pub span: Span,
}

/// A Dutch and an English label: `"nl" / "en"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labels {
    /// Dutch.
    pub nl: Text,
    /// English.
    pub en: Text,
}

/// A date literal as written (`2018-05-25`); validated by the checker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateLit {
    /// The text.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// `law avg "..." / "..." { abbrev ..., cite ..., in_force ..., until ..., see ... }`
#[derive(Debug, Clone, Serialize)]
pub struct LawDecl {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Short id used in norm ids and citations.
    pub id: Name,
    /// Full title.
    pub title: Labels,
    /// Abbreviation per language (AVG / GDPR).
    pub abbrev: Option<Labels>,
    /// Official citation.
    pub cite: Option<Text>,
    /// Date from which the law applies.
    pub in_force: Option<DateLit>,
    /// Date until which the law applied.
    pub until: Option<DateLit>,
    /// Links for the reader.
    pub see: Vec<Text>,
    /// Properties given more than once (reported by the checker).
    pub repeated: Vec<Span>,
    /// The whole declaration.
    pub span: Span,
}

/// The type of a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "variants", rename_all = "snake_case")]
pub enum TypeExpr {
    /// `bool`
    Bool,
    /// `number`
    Number,
    /// `date`
    Date,
    /// `text`
    Text,
    /// `one of { a, b }`
    OneOf(Vec<Variant>),
    /// `set of { a, b }`
    SetOf(Vec<Variant>),
}

impl TypeExpr {
    /// The listed values of a `one of` or `set of` type.
    pub fn variants(&self) -> &[Variant] {
        match self {
            TypeExpr::OneOf(v) | TypeExpr::SetOf(v) => v,
            _ => &[],
        }
    }
}

/// A listed value in a type, with its labels if given: `no_review "Geen" / "None"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The value's name, as written in descriptions and conditions.
    pub name: Name,
    /// Its Dutch and English labels.
    pub labels: Option<Labels>,
}

/// A Dutch and an English text, written `nl "..." en "..."`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    /// Dutch.
    pub nl: Text,
    /// English.
    pub en: Text,
}

/// `fact id: type ask nl ".." en ".." help nl ".." en ".."`
#[derive(Debug, Clone, Serialize)]
pub struct FactDecl {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The fact's id, which is also its key in a description.
    pub id: Name,
    /// Its type.
    pub ty: TypeExpr,
    /// Where the type stands.
    pub ty_span: Span,
    /// The question that asks for it.
    pub ask: Option<Bilingual>,
    /// Help for whoever answers.
    pub help: Option<Bilingual>,
    /// Facts this one is asked after (`follows a, b`).
    pub follows: Vec<Name>,
    /// `ask`, `help` or `follows` given more than once (reported by the checker).
    pub repeated: Vec<Span>,
    /// The whole declaration.
    pub span: Span,
}

/// `concept id "nl" / "en" = expr cites ...`
#[derive(Debug, Clone, Serialize)]
pub struct ConceptDecl {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Its id.
    pub id: Name,
    /// Optional labels.
    pub labels: Option<Labels>,
    /// Its definition.
    pub expr: Expr,
    /// Where the definition comes from.
    pub cites: Vec<Citation>,
    /// The whole declaration.
    pub span: Span,
}

/// `finding id "nl" / "en"` followed by its clauses: what a reader wants to know
/// first, such as a classification.
#[derive(Debug, Clone, Serialize)]
pub struct FindingDecl {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Its id; the first segment names its law.
    pub id: Name,
    /// Labels.
    pub labels: Labels,
    /// Clauses in source order.
    pub clauses: Vec<FindingClause>,
    /// The whole declaration.
    pub span: Span,
}

/// One clause of a finding.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "clause", rename_all = "snake_case")]
pub enum FindingClause {
    /// `cites avg art 4(4), ...`
    Cites {
        /// The citations.
        citations: Vec<Citation>,
        /// The clause.
        span: Span,
    },
    /// `when expr`: the finding holds when the condition holds.
    When {
        /// The condition.
        expr: Expr,
        /// The clause.
        span: Span,
    },
    /// `case id "nl" / "en" when expr`: one of the values a finding can take.
    Case(FindingCase),
    /// `see "urn:..."`
    See(Text),
}

/// `case id "nl" / "en" when expr`
#[derive(Debug, Clone, Serialize)]
pub struct FindingCase {
    /// The case's id.
    pub id: Name,
    /// Labels.
    pub labels: Labels,
    /// When it holds (the first case that holds is the finding's value).
    pub when: Expr,
    /// The clause.
    pub span: Span,
}

/// `norm id "nl" / "en"` followed by clauses.
#[derive(Debug, Clone, Serialize)]
pub struct NormDecl {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Its id; the first segment names its law.
    pub id: Name,
    /// Labels.
    pub labels: Labels,
    /// Clauses in source order.
    pub clauses: Vec<NormClause>,
    /// The whole declaration.
    pub span: Span,
}

/// One clause of a norm.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "clause", rename_all = "snake_case")]
pub enum NormClause {
    /// `cites avg art 35(1), ...`
    Cites {
        /// The citations.
        citations: Vec<Citation>,
        /// The clause.
        span: Span,
    },
    /// `applies when expr`
    Applies {
        /// The condition.
        expr: Expr,
        /// The clause.
        span: Span,
    },
    /// `requires expr`
    Requires {
        /// The requirement.
        expr: Expr,
        /// The clause.
        span: Span,
    },
    /// `unless "nl" / "en" cites ... when expr`
    Unless(Exception),
    /// `judgement "nl" / "en" rests on a, b settled by expr`
    Judgement(Judgement),
    /// `in_force 2018-05-25`
    InForce(DateLit),
    /// `until 2030-01-01`
    Until(DateLit),
    /// `see "urn:..."`
    See(Text),
    /// `guidance "..."`: the norm rests on this guidance or policy, not on
    /// the text of a statute.
    Guidance(Text),
    /// `checked secondary "..."`: how the norm was checked against its
    /// source, and what that source is.
    Checked {
        /// How certain.
        certainty: Certainty,
        /// The source it was checked against, or why it could not be.
        source: Text,
        /// The clause.
        span: Span,
    },
}

/// How a norm was checked against its source, most certain first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Read against the text of the provision itself.
    Text,
    /// Checked against reliable secondary material only.
    Secondary,
    /// From knowledge of the official text, not re-read.
    Recall,
    /// Could not be checked.
    Unverified,
}

impl Certainty {
    /// The word in the rule language.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Text => "text",
            Certainty::Secondary => "secondary",
            Certainty::Recall => "recall",
            Certainty::Unverified => "unverified",
        }
    }
}

/// An exception to a norm.
#[derive(Debug, Clone, Serialize)]
pub struct Exception {
    /// Labels.
    pub labels: Labels,
    /// Its own citations.
    pub cites: Vec<Citation>,
    /// When it holds.
    pub when: Expr,
    /// The clause.
    pub span: Span,
}

/// A step only human judgement can settle.
#[derive(Debug, Clone, Serialize)]
pub struct Judgement {
    /// What is to be judged.
    pub labels: Labels,
    /// What the judgement rests on: facts, concepts, norms.
    pub rests_on: Vec<Name>,
    /// A recorded judgement that settles it, if any.
    pub settled_by: Option<Expr>,
    /// The clause.
    pub span: Span,
}

/// What a citation points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CiteKind {
    /// `art`
    Article,
    /// `annex`
    Annex,
    /// `recital`
    Recital,
}

/// `avg art 35(3)(a)`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The law's id.
    pub law: Name,
    /// Article, annex or recital.
    pub kind: CiteKind,
    /// Its number: `35`, `3:46`, `4a`, `III`.
    pub number: String,
    /// Paragraphs and points, without brackets: `["3", "a"]`.
    pub parts: Vec<String>,
    /// The whole citation.
    pub span: Span,
}

/// An expression with its span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it stands.
    pub span: Span,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Literal {
    /// `true` / `false`
    Bool(bool),
    /// `30000`, `0.5`
    Number(f64),
    /// `2026-12-02`, as written
    Date(String),
    /// `"..."`
    Text(String),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// How `contains` tests a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContainsMode {
    /// `contains x` and `contains any {..}`
    Any,
    /// `contains all {..}`
    All,
}

/// The state of another norm tested with `is`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NormState {
    /// `is met`
    Met,
    /// `is violated`
    Violated,
    /// `is applicable`
    Applicable,
}

impl NormState {
    /// The word as written.
    pub fn as_str(self) -> &'static str {
        match self {
            NormState::Met => "met",
            NormState::Violated => "violated",
            NormState::Applicable => "applicable",
        }
    }
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "expr", rename_all = "snake_case")]
pub enum ExprKind {
    /// A literal.
    Literal {
        /// The value.
        value: Literal,
    },
    /// `today`: the evaluation date.
    Today,
    /// A reference to a fact, concept or norm.
    Ref {
        /// The name.
        name: Name,
    },
    /// `not e`
    Not {
        /// The operand.
        operand: Box<Expr>,
    },
    /// `a and b and ...` (flattened)
    And {
        /// Two or more operands.
        operands: Vec<Expr>,
    },
    /// `a or b or ...` (flattened)
    Or {
        /// Two or more operands.
        operands: Vec<Expr>,
    },
    /// `a < b`
    Compare {
        /// Operator.
        op: CompareOp,
        /// Left.
        lhs: Box<Expr>,
        /// Right.
        rhs: Box<Expr>,
    },
    /// `x in { a, b }`
    In {
        /// The one-of fact.
        operand: Box<Expr>,
        /// The variants.
        variants: Vec<Name>,
    },
    /// `s contains a`, `s contains any {..}`, `s contains all {..}`
    Contains {
        /// The set fact.
        operand: Box<Expr>,
        /// Any or all.
        mode: ContainsMode,
        /// The variants.
        variants: Vec<Name>,
    },
    /// `norm.id is met`
    Is {
        /// The norm.
        norm: Name,
        /// The state tested.
        state: NormState,
    },
}

/// A value given in a test block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum TestValue {
    /// A literal.
    Literal(Literal),
    /// A variant name.
    Variant(Name),
    /// `[a, b]`
    List(Vec<Name>),
}

/// `fact = value` in a test's `given` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// The fact.
    pub fact: Name,
    /// The value.
    pub value: TestValue,
    /// Where the value stands.
    pub value_span: Span,
}

/// Outcomes a test can expect; mirrors the engine's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedOutcome {
    /// `met`
    Met,
    /// `violated`
    Violated,
    /// `not_followed`: a norm resting on guidance whose requirement is not met.
    NotFollowed,
    /// `not_applicable`
    NotApplicable,
    /// `undetermined`
    Undetermined,
    /// `needs_judgement`
    NeedsJudgement,
    /// `not_in_force`
    NotInForce,
    /// `true`: a finding holds.
    True,
    /// `false`: a finding does not hold.
    False,
    /// `case NAME`: a finding takes that case (named in [`Expectation::case`]).
    Case,
}

/// `expect norm.id outcome asking a, b`, or `expect finding.id true` /
/// `false` / `undetermined` / `case NAME`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    /// The norm or finding.
    pub norm: Name,
    /// The outcome expected.
    pub outcome: ExpectedOutcome,
    /// The case expected, with [`ExpectedOutcome::Case`].
    pub case: Option<Name>,
    /// Where the outcome word stands.
    pub outcome_span: Span,
    /// The open questions expected, if given.
    pub asking: Option<Vec<Name>>,
    /// The whole expectation.
    pub span: Span,
}

/// `test "name" { on DATE given { ... } expect ... }`
#[derive(Debug, Clone, Serialize)]
pub struct TestDecl {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Its name.
    pub name: Text,
    /// The evaluation date, if fixed.
    pub on: Option<DateLit>,
    /// The facts given.
    pub given: Vec<Assignment>,
    /// What is expected.
    pub expectations: Vec<Expectation>,
    /// The whole block.
    pub span: Span,
}
