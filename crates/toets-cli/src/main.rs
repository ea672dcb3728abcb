//! `toets`: legal proportionality checks of government algorithms.
//!
//! Exit codes: 0 no violation and nothing open; 1 a norm is violated (or a
//! rule test failed); 2 bad input or usage (the message says what and where);
//! 3 no violation, but open questions or human judgement remain.

mod batch;
mod cache;
mod coverage;
mod explain;
mod fmt;
mod input;
mod interview;
mod mutate;
mod register;
mod render;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use toets_engine::model::Lang;
use toets_engine::{EvalOptions, Overall, RuleSet};

/// Checks descriptions of government algorithms against the AVG (GDPR),
/// the Awgb, Article 1 of the Grondwet and the EU AI Act, and explains
/// every conclusion down to the article and the fact it rests on.
#[derive(Debug, Parser)]
#[command(name = "toets", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 no violation and nothing open · 1 violation (or failed rule test) · 2 bad input or usage · 3 open questions or human judgement remain"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args)]
struct RulesArg {
    /// Rule files or directories of `.toets` files to use instead of the built-in rules.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
}

/// How many open questions the summary lists.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum QuestionsArg {
    /// The ten most deciding.
    Top,
    /// All of them.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Nl,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => Lang::En,
            LangArg::Nl => Lang::Nl,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a system description (YAML or JSON) and print the verdict.
    Check {
        /// The description file (YAML or JSON); `-` reads standard input.
        #[arg(
            required_unless_present_any = ["from_register", "batch"],
            conflicts_with_all = ["from_register", "batch"]
        )]
        description: Option<std::path::PathBuf>,
        /// Check many descriptions: NDJSON (one description as JSON per line; `-` reads
        /// standard input), a folder of description files, or an Algoritmeregister export.
        /// One line of output per input, in input order (see docs/batch.md).
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with_all = ["from_register", "trace", "questions"]
        )]
        batch: Option<std::path::PathBuf>,
        /// Start from an Algoritmeregister entry (JSON) instead: its structured fields are
        /// mapped onto facts, everything else stays unknown and becomes a question.
        #[arg(long, value_name = "ENTRY.json")]
        from_register: Option<std::path::PathBuf>,
        /// With `--from-register`: which entry of a file that holds several (1, 2, ...).
        #[arg(long, value_name = "N", requires = "from_register")]
        entry: Option<usize>,
        #[command(flatten)]
        rules: RulesArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Evaluation date (YYYY-MM-DD); decides which norms are in force. Default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Report only the norms of this law (repeatable), e.g. `--law avg`.
        #[arg(long = "law", value_name = "LAW")]
        laws: Vec<String>,
        /// Language of labels and questions.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// Text: print every norm's full tree instead of the summary.
        #[arg(long)]
        trace: bool,
        /// Text: list the ten most deciding open questions (`top`) or all of them.
        #[arg(long, value_enum, default_value_t = QuestionsArg::Top)]
        questions: QuestionsArg,
    },
    /// Run the test blocks of rule files (default: the built-in rules); with `--mutate`,
    /// measure how well they pin the rules down (see docs/mutation.md).
    Test {
        /// Rule files or directories.
        paths: Vec<std::path::PathBuf>,
        /// Evaluation date for tests without `on`. Default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Mutation testing: change the conditions one place at a time and report the
        /// changes no test notices.
        #[arg(long, conflicts_with = "coverage")]
        mutate: bool,
        /// List the clauses, exceptions and set values that no test reaches.
        #[arg(long)]
        coverage: bool,
        /// With `--mutate`: only the mutants of this norm, concept or finding.
        #[arg(long, value_name = "ID", requires = "mutate")]
        only: Option<String>,
        /// With `--mutate`: only the mutants of these rule files (repeatable or
        /// comma-separated); the tests of all rule files still run.
        #[arg(long, value_name = "FILE", value_delimiter = ',', requires = "mutate")]
        files: Vec<std::path::PathBuf>,
        /// With `--mutate`: threads to use. Default: one per core.
        #[arg(long, value_name = "N", requires = "mutate")]
        jobs: Option<usize>,
        /// With `--mutate`: exit 1 if the mutation score is below this percentage.
        #[arg(long, value_name = "PERCENT", requires = "mutate")]
        fail_under: Option<f64>,
        /// Output format of `--mutate` and `--coverage`.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Print the norm graph.
    Graph {
        #[command(flatten)]
        rules: RulesArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Colour the norms by the verdict on this description.
        #[arg(long)]
        description: Option<std::path::PathBuf>,
        /// Evaluation date for `--description`. Default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// Format rule files in place: one layout, every comment kept, meaning unchanged.
    Fmt {
        /// Rule files or directories of `.toets` files; `-` reads standard input and writes
        /// the formatted text to standard output.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// Change nothing; list the files that are not formatted, with a diff, and exit 1
        /// if there are any.
        #[arg(long)]
        check: bool,
    },
    /// List every norm with its citations, as Markdown (docs/rules.md is this for the
    /// built-in rules).
    Norms {
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Print a JSON Schema of descriptions for the rules.
    Schema {
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Answer the questions that decide the verdict, one at a time, and write the answers
    /// into a description file (keeping its comments and layout).
    Interview {
        /// The description to fill in (YAML); created if it does not exist. Default: a new
        /// `system-description.yaml` in the current folder.
        file: Option<std::path::PathBuf>,
        #[command(flatten)]
        rules: RulesArg,
        /// Evaluation date (YYYY-MM-DD). Default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Language of the questions.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Run the language server on standard input and output, for editors (see
    /// docs/editor-lsp.md).
    Lsp,
    /// Explain a norm: citations, exceptions, what it depends on and what depends on it;
    /// with `--description`, its full tree on that description.
    Explain {
        /// The norm's id, e.g. `avg.art35.dpia_required`.
        norm: String,
        #[command(flatten)]
        rules: RulesArg,
        /// Print the norm's evaluated tree on this description (YAML or JSON).
        #[arg(long, value_name = "FILE")]
        description: Option<std::path::PathBuf>,
        /// Evaluation date for `--description`. Default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Language of labels.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    toets_engine::parse_iso_date(s).ok_or_else(|| {
        format!("`{s}` is not a date in the form YYYY-MM-DD (an existing day, such as 2026-11-23)")
    })
}

fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// What went wrong, already rendered for the terminal.
pub(crate) struct Failure(pub String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            let mut err = anstream::stderr();
            let _ = write!(err, "{message}");
            ExitCode::from(2)
        }
    }
}

/// Writes `text` (and a final line break) to standard output. A reader that
/// went away (`toets ... | head`) is not an error; any other failed write (a
/// full disk, `> /dev/full`) is, because the output is then incomplete.
fn print(text: &str) -> Result<(), Failure> {
    let mut out = anstream::stdout();
    let written = out
        .write_all(text.as_bytes())
        .and_then(|()| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        })
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure(format!(
            "error: could not write the output: {e}\n  help: the output is incomplete; check \
             the disk or the file it is redirected to\n"
        ))),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Check {
            description,
            batch,
            from_register,
            entry,
            rules,
            format,
            date,
            laws,
            lang,
            trace,
            questions,
        } => {
            let rules = input::rules(&rules.rules)?;
            for law in &laws {
                if !rules.laws().iter().any(|l| &l.id == law) {
                    let known: Vec<&str> = rules.laws().iter().map(|l| l.id.as_str()).collect();
                    return Err(Failure(format!(
                        "error: there is no law `{law}` in the rules\n  help: the laws are: {}\n",
                        known.join(", ")
                    )));
                }
            }
            if let Some(source) = &batch {
                let json = match format {
                    Format::Text => false,
                    Format::Json => true,
                    Format::Markdown => {
                        return Err(Failure(
                            "error: `--batch` writes `--format text` or `--format json`, not `markdown`\n  help: check one description at a time for a Markdown report\n"
                                .to_owned(),
                        ));
                    }
                };
                let options = EvalOptions {
                    date: date.unwrap_or_else(today),
                    laws,
                };
                return batch::run(&batch::Args {
                    source,
                    rules: &rules,
                    options: &options,
                    json,
                    lang: lang.into(),
                });
            }
            let (desc, mapped) = match (&description, &from_register) {
                (Some(path), _) => (input::description(&rules, path)?, String::new()),
                (None, Some(path)) => register::description(&rules, path, entry)?,
                (None, None) => {
                    return Err(Failure(
                        "error: give a description file or --from-register\n".to_owned(),
                    ));
                }
            };
            let options = EvalOptions {
                date: date.unwrap_or_else(today),
                laws,
            };
            let verdict = rules
                .evaluate(&desc, &options)
                .map_err(|e| Failure(input::render(&e)))?;
            let text = match format {
                Format::Text => toets_report::summary(
                    &verdict,
                    &toets_report::TextOptions {
                        lang: lang.into(),
                        color: true,
                        trace,
                        all_questions: matches!(questions, QuestionsArg::All),
                    },
                ),
                Format::Json => toets_report::json(&verdict),
                Format::Markdown => toets_report::markdown(&verdict, lang.into()),
            };
            // What came from the register goes before a text verdict; JSON
            // and Markdown stay machine-readable, so the notes go to stderr.
            match format {
                Format::Text => print(&format!("{mapped}{text}"))?,
                Format::Json | Format::Markdown => {
                    if !mapped.is_empty() {
                        let _ = write!(anstream::stderr(), "{mapped}");
                    }
                    print(&text)?;
                }
            }
            Ok(match verdict.overall {
                Overall::NoViolations => 0,
                Overall::Violations => 1,
                Overall::Undetermined | Overall::NeedsJudgement => 3,
            })
        }
        Command::Test {
            paths,
            date,
            mutate,
            coverage,
            only,
            files,
            jobs,
            fail_under,
            format,
        } => {
            let date = date.unwrap_or_else(today);
            if mutate {
                return mutate::run(mutate::Args {
                    paths,
                    date,
                    only,
                    files,
                    jobs,
                    json: format == ReportFormat::Json,
                    fail_under,
                });
            }
            let rules = input::rules(&paths)?;
            if coverage {
                print(&coverage::run(&rules, date, format == ReportFormat::Json)?)?;
                return Ok(0);
            }
            let report = rules.run_tests(date);
            let mut out = String::new();
            for r in &report.results {
                if r.failures.is_empty() {
                    out.push_str(&format!("ok     {} ({})\n", r.name, r.location));
                } else {
                    out.push_str(&format!("FAILED {} ({})\n", r.name, r.location));
                    for f in &r.failures {
                        out.push_str(&format!(
                            "         {}: expected {}, got {} ({})\n",
                            f.norm, f.expected, f.actual, f.location
                        ));
                        if let Some(q) = &f.expected_questions {
                            out.push_str(&format!(
                                "           expected questions [{}], got [{}]\n",
                                q.join(", "),
                                f.actual_questions.join(", ")
                            ));
                        }
                    }
                }
            }
            out.push_str(&format!(
                "\n{} passed, {} failed\n",
                report.passed(),
                report.failed()
            ));
            print(&out)?;
            Ok(if report.failed() == 0 { 0 } else { 1 })
        }
        Command::Graph {
            rules,
            format,
            description,
            date,
        } => {
            let rules = input::rules(&rules.rules)?;
            let verdict = match description {
                Some(path) => {
                    let desc = input::description(&rules, &path)?;
                    let opts = EvalOptions::on(date.unwrap_or_else(today));
                    Some(
                        rules
                            .evaluate(&desc, &opts)
                            .map_err(|e| Failure(input::render(&e)))?,
                    )
                }
                None => None,
            };
            print(&match format {
                GraphFormat::Dot => toets_report::graph_dot(&rules, verdict.as_ref()),
                GraphFormat::Mermaid => toets_report::graph_mermaid(&rules, verdict.as_ref()),
            })?;
            Ok(0)
        }
        Command::Fmt { paths, check } => {
            let outcome = fmt::run(&paths, check)?;
            if !outcome.out.is_empty() {
                print(&outcome.out)?;
            }
            Ok(u8::from(outcome.unformatted))
        }
        Command::Norms { rules } => {
            let rules = input::rules(&rules.rules)?;
            print(&toets_report::catalogue(&rules))?;
            Ok(0)
        }
        Command::Schema { rules } => {
            let rules = input::rules(&rules.rules)?;
            let schema = serde_json::to_string_pretty(&rules.description_schema())
                .map_err(|e| Failure(format!("error: {e}\n")))?;
            print(&schema)?;
            Ok(0)
        }
        Command::Interview {
            file,
            rules,
            date,
            lang,
        } => interview::run(interview::Args {
            file,
            rules: rules.rules,
            date: date.unwrap_or_else(today),
            lang: lang.into(),
        }),
        Command::Lsp => {
            toets_lsp::run_stdio().map_err(|e| Failure(format!("error: {e}\n")))?;
            Ok(0)
        }
        Command::Explain {
            norm,
            rules,
            description,
            date,
            lang,
        } => {
            let rules = input::rules(&rules.rules)?;
            let date = date.unwrap_or_else(today);
            print(&explain::run(
                &rules,
                &norm,
                description.as_deref(),
                date,
                lang.into(),
            )?)?;
            Ok(0)
        }
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<RuleSet>();
}
