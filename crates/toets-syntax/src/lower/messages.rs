//! Human names for grammar rules and the translation of pest's errors.
//!
//! Drafters read "expected a citation", never "expected cite_clause".

use pest::error::{ErrorVariant, InputLocation};

use super::Rule;
use crate::error::{SyntaxError, Unexpected};
use crate::{SourceFile, Span};

/// The name of a grammar rule as a drafter would say it.
pub(crate) fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::WHITESPACE => "whitespace",
        Rule::COMMENT => "a comment",
        Rule::file => "a rule file",
        Rule::doc_comment | Rule::docs => "a doc comment (`///`)",
        Rule::keyword => "a keyword",
        Rule::ident => "a name (lowercase letters, digits and `_`)",
        Rule::path => "a name such as `large_scale` or `dpia.performed`",
        Rule::string | Rule::string_inner | Rule::string_escape => "a quoted text",
        Rule::date => "a date such as `2018-05-25`",
        Rule::number => "a number",
        Rule::bool_lit => "`true` or `false`",
        Rule::today => "`today`",
        Rule::labels => "a Dutch and an English label, `\"...\" / \"...\"`",
        Rule::bilingual => "`nl \"...\" en \"...\"`",
        Rule::law_decl => "a `law` declaration",
        Rule::abbrev_prop => "`abbrev \"...\" / \"...\"`",
        Rule::cite_prop => "`cite \"...\"`",
        Rule::in_force_prop => "`in_force DATE`",
        Rule::until_prop => "`until DATE`",
        Rule::see_prop => "`see \"...\"`",
        Rule::guidance_prop => "`guidance \"...\"`",
        Rule::checked_prop => "`checked text|secondary|recall|unverified \"...\"`",
        Rule::certainty => "`text`, `secondary`, `recall` or `unverified`",
        Rule::fact_decl => "a `fact` declaration",
        Rule::bool_type
        | Rule::number_type
        | Rule::date_type
        | Rule::text_type
        | Rule::one_of_type
        | Rule::set_of_type => {
            "a type (`bool`, `number`, `date`, `text`, `one of {...}`, `set of {...}`)"
        }
        Rule::variant_set => "a list of values in braces, `{ a, b }`",
        Rule::variant_decls => {
            "a list of values in braces, each with optional labels: `{ a \"nl\" / \"en\", b }`"
        }
        Rule::variant_decl => "a value with optional labels, `a \"nl\" / \"en\"`",
        Rule::follows_prop => "`follows` followed by fact names",
        Rule::ask_prop => "`ask nl \"...\" en \"...\"`",
        Rule::help_prop => "`help nl \"...\" en \"...\"`",
        Rule::concept_decl => "a `concept` declaration",
        Rule::finding_decl => "a `finding` declaration",
        Rule::finding_when => "`when ...`",
        Rule::finding_case => "`case name \"...\" / \"...\" when ...`",
        Rule::finding_clause => "a finding clause (`cites`, `when`, `case`, `see`)",
        Rule::norm_decl => "a `norm` declaration",
        Rule::cites_clause => "a `cites` clause",
        Rule::citation => "a citation such as `avg art 35(3)(a)`",
        Rule::cite_kind => "`art`, `annex` or `recital`",
        Rule::cite_number | Rule::roman => "an article number such as `35`, `3:46`, `4a` or `III`",
        Rule::cite_part => "a paragraph or point in brackets, such as `(1)` or `(a)`",
        Rule::applies_clause => "`applies when ...`",
        Rule::requires_clause => "`requires ...`",
        Rule::unless_clause => "`unless \"...\" / \"...\" cites ... when ...`",
        Rule::judgement_clause => "`judgement \"...\" / \"...\" rests on ...`",
        Rule::rests_on => "`rests on` followed by names",
        Rule::settled_by => "`settled by ...`",
        Rule::expr | Rule::predicate => "a condition",
        Rule::and_op => "`and`",
        Rule::or_op => "`or`",
        Rule::not_op => "`not`",
        Rule::group => "a condition in brackets",
        Rule::compare => "a comparison",
        Rule::compare_op => "a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`)",
        Rule::in_set => "`in { ... }`",
        Rule::contains => "`contains ...`",
        Rule::contains_any => "`contains any { ... }`",
        Rule::contains_all => "`contains all { ... }`",
        Rule::is_state => "`is met`, `is violated` or `is applicable`",
        Rule::norm_state => "`met`, `violated` or `applicable`",
        Rule::test_decl => "a `test` block",
        Rule::test_on => "`on DATE`",
        Rule::given => "a `given { ... }` block",
        Rule::assignment => "`fact = value`",
        Rule::list => "a list of values in brackets, `[a, b]`",
        Rule::expectation => "`expect norm.id OUTCOME`",
        Rule::expected => {
            "an outcome (`met`, `violated`, `not_followed`, `not_applicable`, `undetermined`, `needs_judgement`, `not_in_force`) or, for a finding, `true`, `false` or `case NAME`"
        }
        Rule::outcome => {
            "an outcome (`met`, `violated`, `not_followed`, `not_applicable`, `undetermined`, `needs_judgement`, `not_in_force`)"
        }
        Rule::asking => "`asking` followed by fact names",
        Rule::item => "a declaration (`law`, `fact`, `concept`, `finding`, `norm` or `test`)",
        Rule::ident_char => "a letter, digit or `_`",
        Rule::law_prop => "a law property (`abbrev`, `cite`, `in_force`, `until`, `see`)",
        Rule::fact_type => {
            "a type (`bool`, `number`, `date`, `text`, `one of {...}`, `set of {...}`)"
        }
        Rule::fact_prop => "`ask`, `help` or `follows`",
        Rule::norm_clause => {
            "a norm clause (`cites`, `applies when`, `requires`, `unless`, `judgement`, `in_force`, `until`, `see`, `guidance`, `checked`)"
        }
        Rule::infix => "`and` or `or`",
        Rule::prefix => "`not`",
        Rule::primary | Rule::operand => "a name, a value, `today` or a condition in brackets",
        Rule::predicate_tail => "a comparison, `in`, `contains` or `is`",
        Rule::literal | Rule::value => {
            "a value (`true`, `false`, a number, a date or a quoted text)"
        }
    }
}

/// A hint for the most common mistakes, keyed on what was expected.
fn hint(expected: &[Rule], found: &str) -> Option<String> {
    let has = |r: Rule| expected.contains(&r);
    if found.starts_with('"') && !found.get(1..).unwrap_or_default().contains('"') {
        return Some("a text must close with `\"` on the same line".to_owned());
    }
    if has(Rule::labels) || (has(Rule::string) && found.is_empty()) {
        return Some("labels come in pairs: Dutch first, then English: `\"DPIA verplicht\" / \"DPIA required\"`".to_owned());
    }
    if has(Rule::citation) {
        return Some("a citation names the law, then `art`, `annex` or `recital`, then the number: `avg art 35(3)(a)`".to_owned());
    }
    if has(Rule::path) || has(Rule::ident) {
        let first = found.chars().next();
        if first.is_some_and(|c| c.is_ascii_uppercase()) {
            return Some("names start with a lowercase letter".to_owned());
        }
        return Some(
            "names are lowercase letters, digits and `_`; words such as `and`, `norm` and `when` are reserved"
                .to_owned(),
        );
    }
    if has(Rule::law_decl) || has(Rule::norm_decl) {
        return Some(
            "a rule file holds `law`, `fact`, `concept`, `norm` and `test` declarations".to_owned(),
        );
    }
    None
}

fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Translates a pest error into a diagnostic with human rule names.
pub(crate) fn from_pest(source: &SourceFile, error: &pest::error::Error<Rule>) -> SyntaxError {
    let (start, end) = match error.location {
        InputLocation::Pos(p) => (p, p),
        InputLocation::Span((s, e)) => (s, e),
    };
    let text = source.text();
    let found: String = text
        .get(start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(24)
        .collect();
    let end = if end > start {
        end
    } else {
        start + found.len().max(usize::from(start < text.len()))
    };
    let span = Span::new(start, end.min(text.len()).max(start));
    let (message, expected) = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives
                .iter()
                .filter(|r| !matches!(r, Rule::WHITESPACE | Rule::COMMENT))
                .map(|r| rule_name(*r))
                .collect();
            // Literal tokens (`/`, `{`, `when`...) are not rules; pest tracks
            // them separately when error detail is on.
            let tokens: Vec<String> = error
                .parse_attempts()
                .map(|a| {
                    a.expected_tokens()
                        .into_iter()
                        .map(|t| t.to_string())
                        .filter(|t| {
                            // Tokens of whitespace, comments and the insides of
                            // atomic rules say nothing a rule name does not.
                            t.chars().all(|c| c.is_ascii_graphic())
                                && !matches!(
                                    t.as_str(),
                                    "//" | "///" | "\"" | "\\" | "I" | "V" | "X"
                                )
                                && !t.contains("..")
                        })
                        .map(|t| format!("`{t}`"))
                        .collect()
                })
                .unwrap_or_default();
            // A keyword token adds nothing when a rule name already shows it
            // (`applies` next to `applies when ...`).
            let shown = names.clone();
            names.extend(
                tokens
                    .iter()
                    .map(String::as_str)
                    .filter(|t| *t != "`_`")
                    .filter(|t| {
                        let bare = t.trim_end_matches('`');
                        !shown.iter().any(|n| n.contains(bare))
                    }),
            );
            names.sort_unstable();
            names.dedup();
            let what = if found.is_empty() {
                "the end of the file".to_owned()
            } else {
                format!("`{found}`")
            };
            let message = if names.is_empty() {
                format!("unexpected {what}")
            } else {
                format!("expected {}, found {what}", join(&names))
            };
            (message, positives.clone())
        }
        ErrorVariant::CustomError { message } => (message.to_lowercase(), Vec::new()),
    };
    let label = if found.is_empty() {
        "here".to_owned()
    } else {
        "not expected here".to_owned()
    };
    SyntaxError::Unexpected(Unexpected {
        src: source.named_source(),
        span: span.into(),
        help: hint(&expected, &found),
        message,
        label,
    })
}
