//! The fixed words of the summary and the report, in Dutch and English, and
//! the small renderings every presenter shares (dates, values, reasons).
//!
//! Every heading and phrase a reader sees goes through [`tr`], so that a
//! Dutch verdict has no English left in it beyond what the rules themselves
//! say.

use toets_engine::model::{Citation, Lang};
use toets_engine::verdict::{FactUse, NormResult, Question, Reason, Verdict};
use toets_engine::{Outcome, Overall, Value};

/// The phrase in the chosen language.
pub(crate) fn tr(lang: Lang, en: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Nl => nl,
    }
}

/// An outcome's short label.
pub(crate) fn outcome(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::NotApplicable => tr(lang, "not applicable", "niet van toepassing"),
        Outcome::Met => tr(lang, "met", "voldaan"),
        Outcome::Violated => tr(lang, "violated", "geschonden"),
        Outcome::NotFollowed => tr(
            lang,
            "recommendation not followed",
            "aanbeveling niet gevolgd",
        ),
        Outcome::Undetermined => tr(lang, "undetermined", "onbeslist"),
        Outcome::NeedsJudgement => tr(lang, "needs judgement", "oordeel nodig"),
        Outcome::NotInForce => tr(lang, "not in force", "niet in werking"),
    }
}

/// The overall result's label.
pub(crate) fn overall(o: Overall, lang: Lang) -> &'static str {
    match o {
        Overall::Violations => tr(lang, "violations found", "schendingen gevonden"),
        Overall::Undetermined => tr(
            lang,
            "undetermined: open questions remain",
            "onbeslist: er staan nog vragen open",
        ),
        Overall::NeedsJudgement => tr(lang, "needs human judgement", "menselijk oordeel nodig"),
        Overall::NoViolations => tr(lang, "no violations found", "geen schendingen gevonden"),
    }
}

/// A truth value as a reader says it.
pub(crate) fn yes_no(t: Option<bool>, lang: Lang) -> &'static str {
    match t {
        Some(true) => tr(lang, "yes", "ja"),
        Some(false) => tr(lang, "no", "nee"),
        None => tr(lang, "open", "open"),
    }
}

/// `2027-12-02` as `2 December 2027` (`2 december 2027`); anything that is
/// not such a date is returned as it is.
pub(crate) fn date(iso: &str, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>()) else {
        return iso.to_owned();
    };
    let months = match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    };
    match m.checked_sub(1).and_then(|i| months.get(i)) {
        Some(month) if y.len() == 4 => format!("{d} {month} {y}"),
        _ => iso.to_owned(),
    }
}

/// A fact's value as a reader reads it: the value's label where the rules
/// give one, `unknown` where there is none.
/// Yes and no for a boolean, `none` for an empty list.
pub(crate) fn value(f: &FactUse, lang: Lang) -> String {
    match (&f.value_label, &f.value) {
        (Some(l), _) => l.get(lang).to_owned(),
        (None, Some(Value::Bool(b))) => yes_no(Some(*b), lang).to_owned(),
        (None, Some(Value::Set(items))) if items.is_empty() => tr(lang, "none", "geen").to_owned(),
        (None, Some(v)) => crate::escape::plain(&v.to_string()).into_owned(),
        (None, None) => tr(lang, "unknown", "onbekend").to_owned(),
    }
}

/// `fact = value`.
pub(crate) fn fact(f: &FactUse, lang: Lang) -> String {
    format!("{} = {}", f.fact, value(f, lang))
}

/// Reasons on one line: facts with their values, concepts with their label
/// and truth (and, one level down, what decided them), norms with their
/// label (looked up in the verdict) and outcome.
pub(crate) fn reasons(rs: &[Reason], lang: Lang, v: &Verdict) -> String {
    reasons_at(rs, lang, v, 0, usize::MAX)
}

/// [`reasons`] for a summary line: at most `cap` reasons on each level, the
/// rest counted (`and 3 more`). The full list is in the trace and the JSON.
pub(crate) fn reasons_capped(rs: &[Reason], lang: Lang, v: &Verdict, cap: usize) -> String {
    reasons_at(rs, lang, v, 0, cap)
}

fn reasons_at(rs: &[Reason], lang: Lang, v: &Verdict, depth: usize, cap: usize) -> String {
    let mut line = rs
        .iter()
        .take(cap)
        .map(|r| match r {
            Reason::Fact(f) => fact(f, lang),
            Reason::Concept(c) => {
                let name = c.label.as_ref().map_or(c.concept.as_str(), |l| l.get(lang));
                let head = format!("{name}: {}", yes_no(c.value, lang));
                if depth == 0 && !c.because.is_empty() {
                    format!(
                        "{head} ({})",
                        reasons_at(&c.because, lang, v, depth + 1, cap)
                    )
                } else {
                    head
                }
            }
            Reason::Norm(n) => {
                let name = v
                    .norms
                    .iter()
                    .find(|r| r.id == n.norm)
                    .map_or(n.norm.as_str(), |r| r.label.get(lang));
                format!("{name}: {}", outcome(n.outcome, lang))
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    if let Some(more) = rs.len().checked_sub(cap).filter(|n| *n > 0) {
        line.push_str(&format!(
            " {} {more} {}",
            tr(lang, "and", "en"),
            tr(lang, "more", "meer")
        ));
    }
    line
}

/// Citations for a summary line: several paragraphs of one article become
/// the article (`AI Act Art. 2(1), 2(3), 2(4)` reads `AI Act Art. 2`), and
/// a law's name is written once (`GDPR Art. 2, 3`). A citation whose text
/// does not end in its number and parts is shown whole.
pub(crate) fn short_citations(cites: &[Citation], lang: Lang) -> String {
    cited(cites, lang, true)
}

/// Every citation with its paragraphs and points, the law's name written
/// once for a run of citations of one law: `GDPR Art. 38(1), 38(2), 39(1)(b)`.
pub(crate) fn citations_once(cites: &[Citation], lang: Lang) -> String {
    cited(cites, lang, false)
}

fn cited(cites: &[Citation], lang: Lang, fold: bool) -> String {
    // With `fold`, group by law, kind and number, in first-mention order.
    let mut groups: Vec<(&Citation, usize)> = Vec::new();
    for c in cites {
        match groups
            .iter_mut()
            .find(|(g, _)| fold && g.law == c.law && g.kind == c.kind && g.number == c.number)
        {
            Some((_, n)) => *n += 1,
            None => groups.push((c, 1)),
        }
    }
    let mut out = String::new();
    let mut last_prefix: Option<&str> = None;
    for (c, n) in groups {
        let text = c.text.get(lang);
        let tail: String = std::iter::once(c.number.clone())
            .chain(c.parts.iter().map(|p| format!("({p})")))
            .collect();
        let (prefix, shown) = match text.strip_suffix(tail.as_str()) {
            Some(prefix) if n > 1 => (Some(prefix), c.number.clone()),
            Some(prefix) => (Some(prefix), tail),
            None => (None, text.to_owned()),
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        match prefix {
            Some(p) if last_prefix == Some(p) => out.push_str(&shown),
            Some(p) => {
                out.push_str(p);
                out.push_str(&shown);
            }
            None => out.push_str(&shown),
        }
        last_prefix = prefix;
    }
    out
}

/// The answers a question takes: its options' labels, `yes / no`, or its type.
pub(crate) fn answers(q: &Question, lang: Lang) -> String {
    if !q.options.is_empty() {
        let labels: Vec<&str> = q.options.iter().map(|o| o.label.get(lang)).collect();
        let sep = if q.ty.starts_with("set of") {
            ", "
        } else {
            " / "
        };
        let any = if q.ty.starts_with("set of") {
            tr(lang, "any of: ", "een of meer van: ")
        } else {
            ""
        };
        return format!("{any}{}", labels.join(sep));
    }
    match q.ty.as_str() {
        "bool" => tr(lang, "yes / no", "ja / nee").to_owned(),
        "number" => tr(lang, "a number", "een getal").to_owned(),
        "date" => tr(lang, "a date", "een datum").to_owned(),
        "text" => tr(lang, "a text", "een tekst").to_owned(),
        other => other.to_owned(),
    }
}

/// `1 norm` / `2 norms`, in the language.
pub(crate) fn count(n: usize, lang: Lang, one: (&str, &str), many: (&str, &str)) -> String {
    let (en, nl) = if n == 1 { one } else { many };
    format!("{n} {}", if lang == Lang::En { en } else { nl })
}

/// Why a norm is not in force, in the language: `applies from 2 December
/// 2027` or `applied until 26 July 2026` (the verdict's `in_force_note` is
/// documented as `applies from YYYY-MM-DD` or `applied until YYYY-MM-DD`).
pub(crate) fn in_force_note(n: &NormResult, lang: Lang) -> Option<String> {
    let note = n.in_force_note.as_deref()?;
    Some(if let Some(d) = n.applies_from.as_deref() {
        format!(
            "{} {}",
            tr(lang, "applies from", "geldt vanaf"),
            date(d, lang)
        )
    } else if let Some(d) = note.strip_prefix("applied until ") {
        format!(
            "{} {}",
            tr(lang, "applied until", "gold tot"),
            date(d, lang)
        )
    } else {
        note.to_owned()
    })
}

/// The Algoritmekader requirement ids among a norm's links.
pub(crate) fn requirement_ids(see: &[String]) -> Vec<&str> {
    see.iter()
        .map(String::as_str)
        .filter(|s| s.starts_with("urn:nl:ak:"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use toets_engine::model::CitationKind;

    #[test]
    fn dates_read_in_both_languages_and_odd_ones_pass_through() {
        assert_eq!(date("2027-12-02", Lang::En), "2 December 2027");
        assert_eq!(date("2030-08-02", Lang::Nl), "2 augustus 2030");
        assert_eq!(date("2030-13-02", Lang::En), "2030-13-02");
        assert_eq!(date("soon", Lang::En), "soon");
    }

    fn cite(
        law: &str,
        kind: CitationKind,
        number: &str,
        parts: &[&str],
        abbr: (&str, &str),
    ) -> Citation {
        let tail: String = std::iter::once(number.to_owned())
            .chain(parts.iter().map(|p| format!("({p})")))
            .collect();
        let word = match kind {
            CitationKind::Annex => ("bijlage", "Annex"),
            _ => ("art.", "Art."),
        };
        Citation {
            law: law.to_owned(),
            kind,
            number: number.to_owned(),
            parts: parts.iter().map(|p| (*p).to_owned()).collect(),
            text: toets_engine::model::Bilingual {
                nl: format!("{} {} {tail}", abbr.0, word.0),
                en: format!("{} {} {tail}", abbr.1, word.1),
            },
        }
    }

    #[test]
    fn short_citations_fold_paragraphs_of_one_article_and_name_each_law_once() {
        use CitationKind::{Annex, Article};
        let aia = ("AI-verordening", "AI Act");
        let gdpr = cite("avg", Article, "35", &[], ("AVG", "GDPR"));
        let cites = [
            cite("aia", Article, "2", &["1"], aia),
            cite("aia", Article, "2", &["3"], aia),
            cite("aia", Article, "3", &["1"], aia),
            cite("aia", Annex, "III", &["1"], aia),
            gdpr.clone(),
        ];
        assert_eq!(
            short_citations(&cites, Lang::En),
            "AI Act Art. 2, 3(1), AI Act Annex III(1), GDPR Art. 35"
        );
        assert_eq!(
            short_citations(&cites, Lang::Nl),
            "AI-verordening art. 2, 3(1), AI-verordening bijlage III(1), AVG art. 35"
        );
        // One paragraph alone keeps it; a text not ending in its parts is shown whole.
        let mut odd = cite("awb", Article, "3:46", &[], ("Awb", "GALA"));
        odd.text.en = "General Administrative Law Act, s. 3:46 (reasons)".to_owned();
        assert_eq!(
            citations_once(&cites, Lang::En),
            "AI Act Art. 2(1), 2(3), 3(1), AI Act Annex III(1), GDPR Art. 35"
        );
        assert_eq!(
            short_citations(&[gdpr, odd], Lang::En),
            "GDPR Art. 35, General Administrative Law Act, s. 3:46 (reasons)"
        );
    }
}
