//! The verdict as an assessment report in Markdown, structured like the
//! assessments organisations file (a DPIA, the IAMA): summary, findings,
//! duties per law, actions, judgements to record, open questions, duties not
//! yet in force, the answers it rests on; the full trace as an annex and the
//! provenance at the end.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use toets_engine::model::Lang;
use toets_engine::verdict::{FactUse, NormResult, Reason};
use toets_engine::{Outcome, Verdict};

use crate::annex::{esc, fact};
use crate::symbol;
use crate::words::{self, tr};

struct Report<'a> {
    o: String,
    v: &'a Verdict,
    lang: Lang,
}

impl<'a> Report<'a> {
    fn tr(&self, en: &'static str, nl: &'static str) -> &'static str {
        tr(self.lang, en, nl)
    }

    fn cites(&self, n: &NormResult) -> String {
        words::citations_once(&n.citations, self.lang)
    }

    fn count(&self, o: Outcome) -> usize {
        self.v.norms.iter().filter(|n| n.outcome == o).count()
    }

    fn header(&mut self) {
        let sys = &self.v.system;
        let name = sys
            .name
            .clone()
            .unwrap_or_else(|| self.tr("unnamed system", "naamloos systeem").to_owned());
        let _ = writeln!(
            self.o,
            "# {}: {}\n",
            self.tr("Assessment report", "Toetsingsrapport"),
            esc(&name)
        );
        let org = self.tr("Organisation", "Organisatie");
        let purpose = self.tr("Purpose", "Doel");
        let contact = self.tr("Contact", "Contact");
        for (k, v) in [
            (org, &sys.organisation),
            (purpose, &sys.purpose),
            (contact, &sys.contact),
        ] {
            let v = v.as_deref().map_or_else(
                || self.tr("*not given*", "*niet opgegeven*").to_owned(),
                esc,
            );
            let _ = writeln!(self.o, "- **{k}:** {v}");
        }
        let _ = writeln!(
            self.o,
            "- **{}:** {}\n",
            self.tr("Evaluated on", "Getoetst op"),
            words::date(&self.v.provenance.evaluation_date, self.lang)
        );
    }

    fn summary(&mut self) {
        let lang = self.lang;
        let _ = writeln!(self.o, "## 1. {}\n", self.tr("Summary", "Samenvatting"));
        let v = self.v;
        let laws: Vec<&str> = v
            .laws
            .iter()
            .filter(|l| l.counts.values().any(|n| *n > 0))
            .map(|l| l.abbrev.get(lang))
            .collect();
        let name = v.system.name.as_deref().map_or_else(
            || self.tr("this system", "dit systeem").to_owned(),
            |n| format!("*{}*", esc(n)),
        );
        let counts: Vec<String> = Outcome::ALL
            .into_iter()
            .map(|o| format!("{} {}", words::outcome(o, lang), self.count(o)))
            .collect();
        let date = words::date(&v.provenance.evaluation_date, lang);
        let text = match lang {
            Lang::En => format!(
                "On {date} toets assessed {name} against {} norms of {}. Overall: **{}**. \
                 Of these norms: {}. Open questions: {}. Judgements still to record: {}.",
                v.norms.len(),
                laws.join(", "),
                words::overall(v.overall, lang),
                counts.join(", "),
                v.open_questions.len(),
                v.judgements.len(),
            ),
            Lang::Nl => format!(
                "Op {date} heeft toets {name} getoetst aan {} normen uit {}. Uitkomst: **{}**. \
                 Van deze normen: {}. Open vragen: {}. Nog vast te leggen oordelen: {}.",
                v.norms.len(),
                laws.join(", "),
                words::overall(v.overall, lang),
                counts.join(", "),
                v.open_questions.len(),
                v.judgements.len(),
            ),
        };
        let _ = writeln!(self.o, "{text}\n");
    }

    fn findings(&mut self) {
        let lang = self.lang;
        let _ = writeln!(
            self.o,
            "## 2. {}\n",
            self.tr(
                "Findings: what this system is",
                "Bevindingen: wat dit systeem is"
            )
        );
        if self.v.findings.is_empty() {
            let _ = writeln!(
                self.o,
                "{}\n",
                self.tr(
                    "The rules declare no findings.",
                    "De regels kennen geen bevindingen."
                )
            );
            return;
        }
        let _ = writeln!(
            self.o,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            self.tr("Finding", "Bevinding"),
            self.tr("Value", "Waarde"),
            self.tr("Because", "Omdat"),
            self.tr("Articles", "Artikelen"),
        );
        for f in &self.v.findings {
            let value = match (&f.case, f.value) {
                (Some(c), _) => c.label.get(lang).to_owned(),
                (None, v) => words::yes_no(v, lang).to_owned(),
            };
            let because = if f.value.is_none() {
                format!(
                    "{}: {}",
                    self.tr("open; decided by", "open; te beslissen met"),
                    f.open_questions
                        .iter()
                        .map(|q| format!("`{q}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                words::reasons_capped(&f.because, lang, self.v, 3)
            };
            let cites = words::citations_once(&f.citations, lang);
            let _ = writeln!(
                self.o,
                "| {} | **{}** | {} | {} |",
                esc(f.label.get(lang)),
                esc(&value),
                esc(&because),
                esc(&cites)
            );
        }
        let _ = writeln!(self.o);
    }

    fn duties(&mut self) {
        let lang = self.lang;
        let _ = writeln!(
            self.o,
            "## 3. {}\n",
            self.tr("Duties per law", "Verplichtingen per wet")
        );
        for law in self
            .v
            .laws
            .iter()
            .filter(|l| l.counts.values().any(|n| *n > 0))
        {
            let _ = writeln!(self.o, "### {}\n", law.abbrev.get(lang));
            let in_force = self
                .v
                .norms
                .iter()
                .any(|n| n.law == law.law && n.outcome != Outcome::NotInForce);
            if in_force {
                let _ = writeln!(
                    self.o,
                    "| {} | {} | {} | Algoritmekader |\n|---|---|---|---|",
                    self.tr("Status", "Status"),
                    self.tr("Duty", "Verplichting"),
                    self.tr("Article", "Artikel"),
                );
            }
            let mut later = 0;
            for o in Outcome::ALL {
                for n in self
                    .v
                    .norms
                    .iter()
                    .filter(|n| n.law == law.law && n.outcome == o)
                {
                    if o == Outcome::NotInForce {
                        later += 1;
                        continue;
                    }
                    let _ = writeln!(
                        self.o,
                        "| {} {} | {} | {} | {} |",
                        symbol(o),
                        words::outcome(o, lang),
                        esc(n.label.get(lang)),
                        esc(&self.cites(n)),
                        words::requirement_ids(&n.see).join(", ")
                    );
                }
            }
            if later > 0 {
                let _ = writeln!(
                    self.o,
                    "{}{}: {later} ({}).",
                    if in_force { "\n" } else { "" },
                    self.tr(
                        "Not in force on the evaluation date",
                        "Niet in werking op de toetsdatum"
                    ),
                    self.tr("see section 7", "zie paragraaf 7")
                );
            }
            let _ = writeln!(self.o);
        }
    }

    fn actions(&mut self) {
        let lang = self.lang;
        let _ = writeln!(self.o, "## 4. {}\n", self.tr("Actions", "Acties"));
        let todo: Vec<&NormResult> = [
            Outcome::Violated,
            Outcome::Undetermined,
            Outcome::NotFollowed,
        ]
        .into_iter()
        .flat_map(|o| self.v.norms.iter().filter(move |n| n.outcome == o))
        .collect();
        if todo.is_empty() {
            let _ = writeln!(
                self.o,
                "{}\n",
                self.tr(
                    "No duty is violated or undetermined.",
                    "Geen verplichting is geschonden of onbeslist."
                )
            );
            return;
        }
        let mut without_id = 0;
        for (i, n) in todo.iter().enumerate() {
            let ids = words::requirement_ids(&n.see);
            if ids.is_empty() {
                without_id += 1;
            }
            let ak = if ids.is_empty() {
                String::new()
            } else {
                format!("; Algoritmekader {}", ids.join(", "))
            };
            let what = if n.outcome == Outcome::Violated {
                let why = if n.because.is_empty() {
                    self.tr("its requirement is not met", "het vereiste is niet vervuld")
                        .to_owned()
                } else {
                    words::reasons(&n.because, lang, self.v)
                };
                format!(
                    "{}: {why}.",
                    self.tr(
                        "Bring the system into line with this duty. It now fails on",
                        "Breng het systeem in overeenstemming met deze verplichting. Die faalt nu op"
                    )
                )
            } else if n.outcome == Outcome::NotFollowed {
                let why = if n.because.is_empty() {
                    String::new()
                } else {
                    format!(
                        " {} {}.",
                        self.tr("It now fails on", "Die faalt nu op"),
                        words::reasons(&n.because, lang, self.v)
                    )
                };
                format!(
                    "{}: {}.{why}",
                    self.tr(
                        "Recommended, not required by statute; it rests on",
                        "Aanbevolen, niet wettelijk verplicht; dit rust op"
                    ),
                    n.guidance
                        .iter()
                        .map(|g| esc(g))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            } else {
                let asks: Vec<String> = n
                    .open_questions
                    .iter()
                    .map(|f| {
                        self.v
                            .open_questions
                            .iter()
                            .find(|q| &q.fact == f)
                            .map_or_else(
                                || format!("`{f}`"),
                                |q| format!("{} (`{f}`)", q.ask.get(lang)),
                            )
                    })
                    .collect();
                format!(
                    "{}: {}",
                    self.tr(
                        "Establish whether this duty applies and is met; answer",
                        "Stel vast of deze verplichting geldt en is nageleefd; beantwoord"
                    ),
                    asks.join(" ")
                )
            };
            let _ = writeln!(
                self.o,
                "{}. **{}** ({}{ak}) — {}",
                i + 1,
                esc(n.label.get(lang)),
                esc(&self.cites(n)),
                esc(&what)
            );
        }
        if without_id > 0 {
            let _ = writeln!(
                self.o,
                "\n{}",
                self.tr(
                    "An Algoritmekader requirement id is given where the rules link the duty to one; the others have none in the rules.",
                    "Een eis-id uit het Algoritmekader staat erbij waar de regels de verplichting daaraan koppelen; de andere hebben er in de regels geen."
                )
            );
        }
        let _ = writeln!(self.o);
    }

    fn judgements(&mut self) {
        let lang = self.lang;
        let _ = writeln!(
            self.o,
            "## 5. {}\n",
            self.tr("Judgements to record", "Vast te leggen oordelen")
        );
        if self.v.judgements.is_empty() {
            let _ = writeln!(
                self.o,
                "{}\n",
                self.tr("No judgement is waiting.", "Er wacht geen oordeel.")
            );
            return;
        }
        for (i, j) in self.v.judgements.iter().enumerate() {
            let cites = self
                .v
                .norm(&j.norm)
                .map(|n| self.cites(n))
                .unwrap_or_default();
            let _ = writeln!(self.o, "### 5.{} {}\n", i + 1, esc(j.label.get(lang)));
            let _ = writeln!(
                self.o,
                "- **{}:** {} (`{}`; {})",
                self.tr("Duty", "Verplichting"),
                esc(j.norm_label.get(lang)),
                j.norm,
                esc(&cites)
            );
            let mut rests: Vec<String> = j.rests_on_facts.iter().map(|f| fact(f, lang)).collect();
            rests.extend(j.rests_on_concepts.iter().map(|c| {
                let label = self
                    .v
                    .concepts
                    .iter()
                    .find(|x| x.id == c.concept)
                    .and_then(|x| x.label.as_ref())
                    .map_or(c.concept.as_str(), |l| l.get(lang));
                format!("{}: {}", esc(label), words::yes_no(c.value, lang))
            }));
            rests.extend(
                j.rests_on_norms
                    .iter()
                    .map(|r| format!("`{}` {}", r.norm, words::outcome(r.outcome, lang))),
            );
            let _ = writeln!(
                self.o,
                "- **{}:** {}",
                self.tr("Rests on", "Rust op"),
                rests.join(", ")
            );
            if !j.recorded.is_empty() {
                let given: Vec<String> = j.recorded.iter().map(|f| fact(f, lang)).collect();
                let _ = writeln!(
                    self.o,
                    "- **{}:** {}",
                    self.tr("Already recorded", "Al vastgelegd"),
                    given.join(", ")
                );
            }
            if !j.record.is_empty() {
                let missing: Vec<String> = j
                    .record
                    .iter()
                    .map(|q| format!("`{}` ({})", q.fact, words::answers(q, lang)))
                    .collect();
                let _ = writeln!(
                    self.o,
                    "- **{}:** {}",
                    self.tr(
                        "Still to record in the description",
                        "Nog vast te leggen in de beschrijving"
                    ),
                    missing.join(", ")
                );
            }
            let _ = writeln!(
                self.o,
                "\n| {} | {} |\n|---|---|",
                self.tr("Record", "Vastlegging"),
                self.tr("Entry", "Invulling")
            );
            for row in [
                self.tr("Who decided (name, role)", "Wie besliste (naam, rol)"),
                self.tr("When", "Wanneer"),
                self.tr("Burdens weighed", "Gewogen lasten"),
                self.tr("Group effects weighed", "Gewogen effecten op groepen"),
                self.tr("Outcome", "Uitkomst"),
                self.tr("Remarks", "Opmerkingen"),
            ] {
                let _ = writeln!(self.o, "| {row} | |");
            }
            let _ = writeln!(self.o);
        }
    }

    fn questions(&mut self) {
        let lang = self.lang;
        let _ = writeln!(
            self.o,
            "## 6. {}\n",
            self.tr("Open questions", "Open vragen")
        );
        if self.v.open_questions.is_empty() {
            let _ = writeln!(
                self.o,
                "{}\n",
                self.tr("No question is open.", "Er staat geen vraag open.")
            );
            return;
        }
        for (i, q) in self.v.open_questions.iter().enumerate() {
            let mut decides: Vec<String> = q.findings.iter().map(|f| format!("`{f}`")).collect();
            decides.extend(q.decides.iter().map(|d| format!("`{d}`")));
            let _ = writeln!(
                self.o,
                "{}. **{}** (`{}`: {}) — {} {}",
                i + 1,
                esc(q.ask.get(lang)),
                q.fact,
                esc(&words::answers(q, lang)),
                self.tr("decides", "beslist"),
                decides.join(", ")
            );
        }
        let _ = writeln!(self.o);
    }

    fn later(&mut self) {
        let lang = self.lang;
        let _ = writeln!(
            self.o,
            "## 7. {}\n",
            self.tr("Norms not in force", "Normen die niet in werking zijn")
        );
        let mut coming: Vec<&NormResult> = self
            .v
            .norms
            .iter()
            .filter(|n| n.outcome == Outcome::NotInForce)
            .collect();
        if coming.is_empty() {
            let _ = writeln!(
                self.o,
                "{}\n",
                self.tr(
                    "Every norm is in force on the evaluation date.",
                    "Elke norm is op de toetsdatum in werking."
                )
            );
            return;
        }
        coming.sort_by(|a, b| a.applies_from.cmp(&b.applies_from));
        let _ = writeln!(
            self.o,
            "{}\n",
            self.tr(
                "Whether a duty would apply to this system is judged on the facts and on the law in force on the evaluation date.",
                "Of een verplichting voor dit systeem zou gelden, is beoordeeld op de feiten en op het recht dat op de toetsdatum geldt."
            )
        );
        let _ = writeln!(
            self.o,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            self.tr("When", "Wanneer"),
            self.tr("Duty", "Verplichting"),
            self.tr("Article", "Artikel"),
            self.tr("Would apply to this system", "Zou voor dit systeem gelden"),
        );
        for n in coming {
            // `in_force_note` of a norm no longer in force is documented as
            // `applied until YYYY-MM-DD`.
            let until = n
                .in_force_note
                .as_deref()
                .and_then(|s| s.strip_prefix("applied until "));
            let when = match (n.applies_from.as_deref(), until) {
                (Some(d), _) => format!("{} {}", self.tr("from", "vanaf"), words::date(d, lang)),
                (None, Some(d)) => {
                    format!("{} {}", self.tr("until", "tot"), words::date(d, lang))
                }
                (None, None) => n.in_force_note.clone().unwrap_or_default(),
            };
            let would = match n.would_apply {
                Some(t) => words::yes_no(t, lang),
                None => self.tr("no longer in force", "niet meer in werking"),
            };
            let _ = writeln!(
                self.o,
                "| {when} | {} | {} | {would} |",
                esc(n.label.get(lang)),
                esc(&self.cites(n))
            );
        }
        let _ = writeln!(self.o);
    }

    fn answers(&mut self) {
        let lang = self.lang;
        let _ = writeln!(
            self.o,
            "## 8. {}\n",
            self.tr(
                "Answers this assessment rests on",
                "Antwoorden waarop deze toets rust"
            )
        );
        let v = self.v;
        let mut given: BTreeMap<(usize, usize, &str), &FactUse> = BTreeMap::new();
        let mut add = |f: &'a FactUse| {
            if let Some(s) = &f.source {
                given
                    .entry((s.line, s.column, f.fact.as_str()))
                    .or_insert(f);
            }
        };
        for n in &v.norms {
            n.conditions
                .iter()
                .flat_map(|c| &c.facts)
                .for_each(&mut add);
            reason_facts(&n.because, &mut add);
            if let Some(j) = &n.judgement {
                j.rests_on_facts.iter().chain(&j.record).for_each(&mut add);
            }
        }
        v.concepts.iter().flat_map(|c| &c.facts).for_each(&mut add);
        for f in &v.findings {
            reason_facts(&f.because, &mut add);
        }
        for j in &v.judgements {
            j.rests_on_facts
                .iter()
                .chain(&j.recorded)
                .for_each(&mut add);
        }
        if given.is_empty() {
            let _ = writeln!(
                self.o,
                "{}\n",
                self.tr(
                    "No answer from the description was used.",
                    "Er is geen antwoord uit de beschrijving gebruikt."
                )
            );
            return;
        }
        let _ = writeln!(
            self.o,
            "| {} | {} | {} |\n|---|---|---|",
            self.tr("Fact", "Feit"),
            self.tr("Answer", "Antwoord"),
            self.tr("Source", "Bron"),
        );
        for ((line, column, _), f) in given {
            let path = f.source.as_ref().map_or("", |s| s.path.as_str());
            let _ = writeln!(
                self.o,
                "| `{}` | {} | {}, {} {line}, {} {column} |",
                f.fact,
                esc(&words::value(f, lang)),
                // In a table a pipe ends the cell even inside a code span.
                crate::escape::code(path).replace('|', "\\|"),
                self.tr("line", "regel"),
                self.tr("column", "kolom"),
            );
        }
        let _ = writeln!(self.o);
    }

    fn provenance(&mut self) {
        let lang = self.lang;
        let p = &self.v.provenance;
        let _ = writeln!(self.o, "## {}\n", self.tr("Provenance", "Herkomst"));
        let _ = writeln!(
            self.o,
            "- **{}:** {} (toets {})",
            self.tr("Evaluated on", "Getoetst op"),
            p.evaluation_date,
            p.toets_version
        );
        let _ = writeln!(
            self.o,
            "- **{}:** `{}`",
            self.tr("Rules SHA-256", "SHA-256 van de regels"),
            p.rules_sha256
        );
        let _ = writeln!(
            self.o,
            "- **{}:** `{}`",
            self.tr("Description SHA-256", "SHA-256 van de beschrijving"),
            p.description_sha256
        );
        let _ = writeln!(self.o, "- **{}:**", self.tr("Laws", "Wetten"));
        for l in &p.laws {
            let mut line = format!("  - {} — {}", l.abbrev.get(lang), esc(l.title.get(lang)));
            if let Some(c) = &l.cite {
                line.push_str(&format!(" ({})", esc(c)));
            }
            if let Some(d) = &l.in_force {
                line.push_str(&format!(
                    "; {} {}",
                    self.tr("in force from", "in werking vanaf"),
                    words::date(d, lang)
                ));
            }
            if let Some(d) = &l.until {
                line.push_str(&format!(
                    "; {} {}",
                    self.tr("until", "tot"),
                    words::date(d, lang)
                ));
            }
            let _ = writeln!(self.o, "{line}");
        }
    }
}

fn reason_facts<'a>(rs: &'a [Reason], add: &mut impl FnMut(&'a FactUse)) {
    for r in rs {
        match r {
            Reason::Fact(f) => add(f),
            Reason::Concept(c) => reason_facts(&c.because, add),
            Reason::Norm(_) => {}
        }
    }
}

/// The verdict as an assessment report in Markdown.
pub fn markdown(verdict: &Verdict, lang: Lang) -> String {
    let mut r = Report {
        o: String::new(),
        v: verdict,
        lang,
    };
    r.header();
    r.summary();
    r.findings();
    r.duties();
    r.actions();
    r.judgements();
    r.questions();
    r.later();
    r.answers();
    let _ = writeln!(
        r.o,
        "## {}\n",
        r.tr("Annex A: full trace", "Bijlage A: volledige afleiding")
    );
    crate::annex::trace(&mut r.o, verdict, lang);
    r.provenance();
    r.o
}
