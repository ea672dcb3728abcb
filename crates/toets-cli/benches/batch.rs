//! Criterion benchmark of `toets check --batch` on 2,000 descriptions: the
//! nine examples (`examples.ndjson`, the YAML examples as JSON lines), each
//! varied by its name and one flipped yes/no fact. Measured in the same run:
//!
//! - the baseline: the single-check path, one description after another on
//!   one thread (load, evaluate, compact JSON), as 2,000 `toets check` runs
//!   do it without the start-up of a process each;
//! - the batch core: the same work through `map_ordered` (chunks of 256,
//!   rayon over every core), as `toets check --batch` does it;
//! - `toets check --batch FILE --format json` end to end, the binary reading
//!   the file and writing every verdict line (to /dev/null).
//!
//! Prints descriptions per second of each and the ratios at the end.
#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a benchmark stops at the first thing that goes wrong"
)]

#[path = "../src/batch/ordered.rs"]
mod ordered;

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde_json::Value;
use toets_engine::{EvalOptions, RuleSet};

const COUNT: usize = 2_000;
const EXAMPLES: &str = include_str!("examples.ndjson");

/// 2,000 descriptions as JSON lines: example `i % 9`, renamed `… #i`, with
/// its `i / 9 % n`-th yes/no fact flipped (none flipped when it has none).
fn descriptions() -> Vec<String> {
    let examples: Vec<Value> = EXAMPLES
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (0..COUNT)
        .map(|i| {
            let mut d = examples[i % examples.len()].clone();
            let name = d["system"]["name"].as_str().unwrap_or("system").to_owned();
            d["system"]["name"] = Value::from(format!("{name} #{i}"));
            let mut bools = Vec::new();
            collect_bools(&mut d["facts"], &mut bools);
            if !bools.is_empty() {
                let at = i / examples.len() % bools.len();
                let b = &mut *bools[at];
                *b = Value::Bool(!b.as_bool().unwrap_or(false));
            }
            serde_json::to_string(&d).unwrap()
        })
        .collect()
}

fn collect_bools<'a>(v: &'a mut Value, out: &mut Vec<&'a mut Value>) {
    match v {
        Value::Bool(_) => out.push(v),
        Value::Object(map) => map.values_mut().for_each(|v| collect_bools(v, out)),
        _ => {}
    }
}

/// The work for one line: what `toets check --format json` does after
/// reading its file.
fn check(rules: &RuleSet, opts: &EvalOptions, line: &str) -> String {
    match rules.load_description("line", line) {
        Ok(d) => serde_json::to_string(&rules.evaluate(&d, opts).unwrap()).unwrap(),
        Err(e) => e.to_string(),
    }
}

fn sequential(rules: &RuleSet, opts: &EvalOptions, lines: &[String]) -> usize {
    lines.iter().map(|l| check(rules, opts, l).len()).sum()
}

fn batch_core(rules: &RuleSet, opts: &EvalOptions, lines: &[String]) -> usize {
    let mut total = 0;
    let chunks = ordered::Chunks {
        max_items: 256,
        max_weight: 32 * 1024 * 1024,
    };
    let done: Result<(), ()> = ordered::map_ordered(
        lines.iter().map(Ok),
        chunks,
        |l| l.len(),
        |l| check(rules, opts, l),
        |out| {
            total += out.len();
            Ok(())
        },
    );
    done.unwrap();
    total
}

fn binary(file: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_toets"))
        .args(["check", "--batch"])
        .arg(file)
        .args(["--date", "2026-11-23", "--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    // 1: some of the examples violate a norm.
    assert!(matches!(status.code(), Some(1 | 3 | 0)), "{status}");
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let rules = RuleSet::from_artefact(toets_rules::COMPILED).expect("built-in rules");
    let opts = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    let lines = descriptions();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.ndjson");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();

    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();
    let mut group = c.benchmark_group("batch of 2000 descriptions");
    group.throughput(Throughput::Elements(COUNT as u64));
    group.bench_function("single-check path, one after another (baseline)", |b| {
        b.iter(|| black_box(sequential(&rules, &opts, &lines)))
    });
    group.bench_function("batch core: map_ordered over rayon", |b| {
        b.iter(|| black_box(batch_core(&rules, &opts, &lines)))
    });
    group.bench_function("toets check --batch, end to end", |b| {
        b.iter(|| binary(&file))
    });
    group.finish();
    c.final_summary();

    // The same figures by hand, as medians, to print them with their ratios.
    let runs = 5;
    let seq = median(runs, || {
        black_box(sequential(&rules, &opts, &lines));
    });
    let par = median(runs, || {
        black_box(batch_core(&rules, &opts, &lines));
    });
    let bin = median(runs, || binary(&file));
    let rate = |d: Duration| COUNT as f64 / d.as_secs_f64();
    println!(
        "\n{COUNT} descriptions on {} threads: single-check path one after another {:.0} ms \
         ({:.0}/s); batch core {:.0} ms ({:.0}/s, {:.2}x); toets check --batch end to end \
         {:.0} ms ({:.0}/s, {:.2}x the baseline)",
        rayon::current_num_threads(),
        seq.as_secs_f64() * 1000.0,
        rate(seq),
        par.as_secs_f64() * 1000.0,
        rate(par),
        seq.as_secs_f64() / par.as_secs_f64(),
        bin.as_secs_f64() * 1000.0,
        rate(bin),
        seq.as_secs_f64() / bin.as_secs_f64(),
    );
}
