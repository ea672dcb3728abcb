//! Criterion benchmarks: compiling the built-in rules, loading and
//! evaluating a description. The baseline in the same run is parsing alone,
//! so figures can be reported as ratios.
#![allow(missing_docs, clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use toets_engine::{EvalOptions, RuleSet};
use toets_syntax::SourceFile;

fn sources() -> Vec<SourceFile> {
    toets_rules::BUILTIN
        .iter()
        .map(|(n, t)| SourceFile::new(*n, *t))
        .collect()
}

const EXAMPLE: &str = include_str!("../../../examples/welfare-fraud-risk-model.yaml");

fn benches(c: &mut Criterion) {
    let srcs = sources();
    c.bench_function("parse built-in rules (baseline)", |b| {
        b.iter(|| {
            for s in &srcs {
                black_box(toets_syntax::parse(s).expect("parses"));
            }
        })
    });
    c.bench_function("compile built-in rules", |b| {
        b.iter(|| black_box(RuleSet::compile(srcs.clone()).expect("compiles")))
    });
    c.bench_function("load compiled built-in rules (vs compile)", |b| {
        b.iter(|| black_box(RuleSet::from_artefact(toets_rules::COMPILED).expect("loads")))
    });
    let rules = RuleSet::compile(srcs.clone()).expect("compiles");
    c.bench_function("load description", |b| {
        b.iter(|| {
            black_box(
                rules
                    .load_description("example.yaml", EXAMPLE)
                    .expect("loads"),
            )
        })
    });
    let desc = rules
        .load_description("example.yaml", EXAMPLE)
        .expect("loads");
    let opts = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    c.bench_function("evaluate description", |b| {
        b.iter(|| black_box(rules.evaluate(&desc, &opts).expect("evaluates")))
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
