//! `toets test --coverage`: the clauses, exceptions and set values that no
//! test reaches, as text or JSON.

use toets_engine::RuleSet;
use toets_engine::coverage::{self, Coverage, Kind};

use crate::Failure;

fn count_line(c: &Coverage, kind: Kind, what: &str) -> String {
    let (reached, total) = c.count(kind);
    #[expect(
        clippy::cast_precision_loss,
        reason = "point counts are far below 2^52"
    )]
    let percent = if total == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", 100.0 * reached as f64 / total as f64)
    };
    format!("  {what:<11} {reached:>5} reached of {total:>5}  {percent:>6}\n")
}

/// The coverage of `rules` by its tests, rendered.
pub(crate) fn run(rules: &RuleSet, date: jiff::civil::Date, json: bool) -> Result<String, Failure> {
    let c = coverage::coverage(rules, date);
    if json {
        return serde_json::to_string_pretty(&c).map_err(|e| Failure(format!("error: {e}\n")));
    }
    let mut out = format!("coverage: {} tests\n", c.tests);
    out.push_str(&count_line(&c, Kind::Clause, "clauses"));
    out.push_str(&count_line(&c, Kind::Exception, "exceptions"));
    out.push_str(&count_line(&c, Kind::Value, "set values"));
    for (kind, title) in [
        (Kind::Clause, "clauses no test evaluates to true or false"),
        (Kind::Exception, "exceptions no test makes decide"),
        (Kind::Value, "set values no test's facts take"),
    ] {
        let missed: Vec<_> = c
            .points
            .iter()
            .filter(|p| p.kind == kind && !p.reached)
            .collect();
        if missed.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title} ({})\n", missed.len()));
        for p in missed {
            let (text, _) = toets_engine::mutate::shorten(&p.text, "", 80);
            out.push_str(&format!(
                "  {}:{}:{}  {text}  ({})\n",
                p.file, p.line, p.col, p.owner
            ));
        }
    }
    Ok(out)
}
