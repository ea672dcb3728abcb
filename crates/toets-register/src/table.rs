//! The mapping table: every way a register field can end up in a fact, or
//! deliberately not. This is the one place to edit when a rule file renames
//! a fact or a value; `tests/rules.rs` fails when a fact or value named here
//! no longer exists in the built-in rules.

use serde::Serialize;

/// What a row of the table writes into the description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Produces {
    /// Nothing: the fact stays unknown (or there is no fact for the field).
    Nothing,
    /// A `bool` fact gets this value.
    Bool(bool),
    /// A `one of` fact gets this value.
    Choice(&'static str),
    /// A `date` fact gets a date taken from the field.
    Date,
    /// A `text` fact gets a text taken from the field.
    Text,
}

/// One row of the mapping table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The register fields the row reads: the publication standard's name
    /// first, then the name used by the register's export, where it differs.
    pub fields: &'static str,
    /// When the row applies, in words.
    pub when: &'static str,
    /// The fact it concerns, if there is one.
    pub fact: Option<&'static str>,
    /// What it writes.
    pub produces: Produces,
    /// The field's meaning matches the fact only roughly; the note says how.
    pub fuzzy: bool,
    /// Why, in one or two sentences.
    pub why: &'static str,
}

/// A row of the mapping table, named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An organisation is named.
    OrganisationNamed,
    /// No organisation is named.
    NoOrganisation,
    /// Type `Zelflerend`.
    SelfLearning,
    /// Type `Op regels gebaseerd`.
    RuleBased,
    /// Another type value.
    TypeUnrecognised,
    /// Supplier `Intern ontwikkeld`, or the organisation itself.
    InternallyDeveloped,
    /// An external supplier.
    ExternalSupplier,
    /// A supplier, but no organisation.
    SupplierWithoutOrganisation,
    /// A start month for a system in use or out of use.
    StartMonth,
    /// A start month for a system still in development.
    StartInDevelopment,
    /// A start date that is not a `YYYY-MM` month.
    StartUnreadable,
    /// The status.
    Status,
    /// Publication category A.
    CategoryHighRiskAi,
    /// Publication category B.
    CategoryImpactful,
    /// Publication category C.
    CategoryOther,
    /// Another publication category value.
    CategoryUnrecognised,
    /// A legal basis named by title or link.
    LegalBasisNamed,
    /// A legal basis described in prose only.
    LegalBasisProse,
    /// A DPIA among the listed assessments.
    DpiaNamed,
    /// An IAMA (or FRIA) among the listed assessments.
    IamaNamed,
    /// Another listed assessment.
    OtherAssessment,
    /// Assessments described in prose.
    AssessmentProse,
    /// A link to the register of processing activities.
    ProcessingRegister,
    /// The BRP among the data sources.
    PersonalRecordsSource,
    /// Themes (policy domains).
    Theme,
}

impl Rule {
    /// Every row, in the order of the table in `docs/register.md`.
    pub const ALL: &[Rule] = &[
        Rule::OrganisationNamed,
        Rule::NoOrganisation,
        Rule::SelfLearning,
        Rule::RuleBased,
        Rule::TypeUnrecognised,
        Rule::InternallyDeveloped,
        Rule::ExternalSupplier,
        Rule::SupplierWithoutOrganisation,
        Rule::StartMonth,
        Rule::StartInDevelopment,
        Rule::StartUnreadable,
        Rule::Status,
        Rule::CategoryHighRiskAi,
        Rule::CategoryImpactful,
        Rule::CategoryOther,
        Rule::CategoryUnrecognised,
        Rule::LegalBasisNamed,
        Rule::LegalBasisProse,
        Rule::DpiaNamed,
        Rule::IamaNamed,
        Rule::OtherAssessment,
        Rule::AssessmentProse,
        Rule::ProcessingRegister,
        Rule::PersonalRecordsSource,
        Rule::Theme,
    ];

    /// The row: fields, condition, fact, value and reason.
    pub const fn row(self) -> Row {
        use Produces::{Bool, Choice, Date, Nothing, Text};
        const fn row(
            fields: &'static str,
            when: &'static str,
            fact: Option<&'static str>,
            produces: Produces,
            fuzzy: bool,
            why: &'static str,
        ) -> Row {
            Row {
                fields,
                when,
                fact,
                produces,
                fuzzy,
                why,
            }
        }
        match self {
            Rule::OrganisationNamed => row(
                "organization",
                "an organisation is named",
                Some("public_body"),
                Bool(true),
                false,
                "The register publishes algorithms of government organisations, named from the TOOI list of government organisations; toets does not check the name against that list.",
            ),
            Rule::NoOrganisation => row(
                "organization",
                "empty or absent",
                Some("public_body"),
                Nothing,
                false,
                "Without an organisation (a supplier's template, or an incomplete entry) it is not known who uses the system, nor whether that is a public body.",
            ),
            Rule::SelfLearning => row(
                "type",
                "`Zelflerend`",
                Some("logic"),
                Choice("learned_from_data"),
                false,
                "A self-learning algorithm has logic learned from data.",
            ),
            Rule::RuleBased => row(
                "type",
                "`Op regels gebaseerd`",
                Some("logic"),
                Nothing,
                false,
                "Rule-based covers both rules written out by people (not an AI system) and knowledge-based systems that infer from encoded rules (an AI system, AI Act recital 12); the register does not tell them apart, so toets asks.",
            ),
            Rule::TypeUnrecognised => row(
                "type",
                "any other value",
                Some("logic"),
                Nothing,
                false,
                "Not a type the register uses (`Zelflerend`, `Op regels gebaseerd`), so it says nothing about the logic.",
            ),
            Rule::InternallyDeveloped => row(
                "supplier / provider",
                "`Intern ontwikkeld`, or the organisation's own name, with an organisation named",
                Some("role"),
                Choice("provider_and_deployer"),
                true,
                "The organisation built the system and uses it (the organisation is where the algorithm is used), which makes it provider and deployer in the sense of the AI Act; the register states the facts, the roles are a legal reading of them.",
            ),
            Rule::ExternalSupplier => row(
                "supplier / provider",
                "another supplier, with an organisation named",
                Some("role"),
                Nothing,
                false,
                "The organisation uses a supplier's system, so it is a deployer; it is also the provider if it had the system built and put it into service under its own name, or changed it substantially (AI Act art 25). The register does not say which, and `role` has no value for 'deployer, perhaps also provider'.",
            ),
            Rule::SupplierWithoutOrganisation => row(
                "supplier / provider",
                "a supplier, but no organisation",
                Some("role"),
                Nothing,
                false,
                "Without the organisation that uses the system, its role cannot be told.",
            ),
            Rule::StartMonth => row(
                "start_date / begin_date",
                "`YYYY-MM`, status `In gebruik` or `Buiten gebruik`",
                Some("placed_in_service"),
                Date,
                true,
                "The month the organisation took the system into use; toets uses its first day, so a comparison with a date inside that month is not reliable. A supplier may have placed the system on the market earlier, which the register does not show.",
            ),
            Rule::StartInDevelopment => row(
                "start_date / begin_date",
                "a date, status `In ontwikkeling`",
                Some("placed_in_service"),
                Nothing,
                false,
                "The system is still being developed, so the date is a plan, not the date it was put into service.",
            ),
            Rule::StartUnreadable => row(
                "start_date / begin_date",
                "not a `YYYY-MM` month",
                Some("placed_in_service"),
                Nothing,
                false,
                "The standard writes the month as `YYYY-MM`; anything else is not read.",
            ),
            Rule::Status => row(
                "status",
                "any value",
                None,
                Nothing,
                false,
                "No rule reads whether the system is in use; the status only decides whether the start date counts.",
            ),
            Rule::CategoryHighRiskAi => row(
                "publication_category",
                "`Hoog-risico AI-systeem (Categorie A)`",
                None,
                Nothing,
                false,
                "The organisation's own classification. toets derives high risk from `logic`, `purpose` and the Annex III facts and does not take the classification over; no fact holds it.",
            ),
            Rule::CategoryImpactful => row(
                "publication_category",
                "`Impactvolle algoritmes (Categorie B)`",
                None,
                Nothing,
                false,
                "Impactful means legal effects for people or another significant effect on them; the category does not say which, so `decisions.legal_effect` and `decisions.similarly_significant` stay unknown.",
            ),
            Rule::CategoryOther => row(
                "publication_category",
                "`Overige algoritmes (Categorie C)`",
                None,
                Nothing,
                false,
                "The organisation judged the algorithm not impactful; that is not taken as `false` for any fact, since a fact that is not known stays unknown.",
            ),
            Rule::CategoryUnrecognised => row(
                "publication_category",
                "any other value",
                None,
                Nothing,
                false,
                "Not a category of the standard.",
            ),
            Rule::LegalBasisNamed => row(
                "legal_basis_title, legal_basis_link / lawful_basis_grouping[].title, lawful_basis_grouping[].link",
                "a title (or, without one, a link) is given",
                Some("legal_basis.statute"),
                Text,
                true,
                "The register names the legal basis of the process the algorithm serves, often an act without an article; the AVG asks for the provision that lays down the task or obligation. toets does not check that the named act provides one; `processing_ground` and `legal_basis.necessary` stay unknown.",
            ),
            Rule::LegalBasisProse => row(
                "legal_basis / lawful_basis",
                "prose only, no title or link",
                Some("legal_basis.statute"),
                Nothing,
                false,
                "Free text is not read: it may describe a task rather than name a statute.",
            ),
            Rule::DpiaNamed => row(
                "impacttoetsen_grouping[].title",
                "names a DPIA",
                Some("dpia.performed"),
                Bool(true),
                true,
                "The assessments listed are those carried out. Whether the DPIA was done before the processing started, as the fact asks, is not stated.",
            ),
            Rule::IamaNamed => row(
                "impacttoetsen_grouping[].title",
                "names an IAMA or FRIA",
                Some("fria.performed"),
                Bool(true),
                true,
                "An IAMA can serve as the fundamental rights impact assessment of AI Act art 27; whether it covers all the article asks, and whether it was done before first use, is not stated.",
            ),
            Rule::OtherAssessment => row(
                "impacttoetsen_grouping[].title",
                "names another assessment",
                None,
                Nothing,
                false,
                "No fact holds other assessments.",
            ),
            Rule::AssessmentProse => row(
                "impact_assessments / impacttoetsen",
                "any text",
                None,
                Nothing,
                false,
                "Free text is not read: an assessment named in it may be denied ('IAMA is niet van toepassing') or only planned ('voert een DPIA uit'). A DPIA or IAMA that is not listed stays unknown, never false.",
            ),
            Rule::ProcessingRegister => row(
                "processing_register_link / process_index_url",
                "a link is given",
                Some("processes_personal_data"),
                Bool(true),
                true,
                "A link to the register of processing activities (AVG art 30) for this algorithm means personal data are processed in the process it serves; whether the algorithm itself handles them is not stated.",
            ),
            Rule::PersonalRecordsSource => row(
                "data_source_title / source_data_grouping[].title",
                "names the BRP (Basisregistratie Personen)",
                Some("processes_personal_data"),
                Bool(true),
                false,
                "The BRP holds personal data by law, and the data sources listed are those the algorithm uses.",
            ),
            Rule::Theme => row(
                "theme / category",
                "any value",
                None,
                Nothing,
                false,
                "Policy domains do not say what the system is used for, so `purpose` and `public_assistance_benefits` stay unknown.",
            ),
        }
    }
}

/// The mapping table as Markdown, as it appears in `docs/register.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "| Register field | When | Fact | Value | Fuzzy | Why |\n|---|---|---|---|---|---|\n",
    );
    for rule in Rule::ALL {
        let row = rule.row();
        let fact = row
            .fact
            .map_or_else(|| "—".to_owned(), |f| format!("`{f}`"));
        let value = match row.produces {
            Produces::Nothing if row.fact.is_none() => "—".to_owned(),
            Produces::Nothing => "unknown".to_owned(),
            Produces::Bool(b) => format!("`{b}`"),
            Produces::Choice(c) => format!("`{c}`"),
            Produces::Date => "first day of the month".to_owned(),
            Produces::Text => "the titles, joined with `; `".to_owned(),
        };
        let fields = row
            .fields
            .split_whitespace()
            .map(|token| match token.strip_suffix(',') {
                _ if token == "/" => token.to_owned(),
                Some(name) => format!("`{name}`,"),
                None => format!("`{token}`"),
            })
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "| {fields} | {} | {fact} | {value} | {} | {} |\n",
            row.when,
            if row.fuzzy { "yes" } else { "" },
            row.why
        ));
    }
    out
}
