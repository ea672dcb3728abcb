// The WebAssembly API under Node (`wasm-bindgen --target nodejs`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, DATE, loadApi, interview, candidates } from "./plan.mjs";

const api = loadApi();
const { Toets, builtinRules, diagnoseRules, fromRegister, version } = api;
const EXAMPLE = readFileSync(join(ROOT, "examples", "welfare-fraud-risk-model.yaml"), "utf8");
const toets = new Toets();

function violatedBoolFact(result) {
  // A yes/no fact the description gives as true (found, not pinned).
  for (const n of result.verdict.norms) {
    for (const c of n.conditions) for (const f of c.facts) if (f.value === true) return f.fact;
  }
  return null;
}

test("version and built-in rules", () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  const files = builtinRules();
  assert.ok(files.length > 0);
  for (const f of files) {
    assert.match(f.name, /^rules\/.+\.toets$/);
    assert.ok(f.text.length > 0);
  }
  const info = toets.rules();
  assert.equal(info.files.length, files.length);
  assert.equal(info.sha256.length, 64);
  assert.ok(info.norms.length > 0 && info.facts.length > 0);
});

test("the welfare-fraud example checks, with questions in the engine's order and its next step", () => {
  const r = toets.check(EXAMPLE, { date: DATE, name: "welfare.yaml" });
  assert.equal(r.ok, true, JSON.stringify(r.diagnostics));
  assert.equal(r.verdict.format_version, 1);
  assert.equal(r.verdict.provenance.evaluation_date, DATE);
  assert.equal(r.verdict.system.name, "Risicomodel rechtmatigheid bijstand");
  assert.deepEqual(r.questions.map((q) => q.fact), r.verdict.open_questions.map((q) => q.fact));
  assert.deepEqual(r.questions.map((q) => [q.stage, q.group]), r.verdict.open_questions.map((q) => [q.stage, q.group]));
  // The next step is the engine's: the first open question, or a judgement's record.
  if (r.questions.length) assert.deepEqual(r.next, { kind: "question", question: r.questions[0] });
  else if (r.verdict.judgements.length) assert.equal(r.next.kind, "record");
  const stages = ["finding", "scope", "requirement", "exception", "exception_later", "judgement"];
  for (const q of r.questions) {
    assert.ok(q.ask.nl && q.ask.en, q.fact);
    assert.ok(["bool", "number", "date", "text", "one_of", "set_of"].includes(q.kind));
    assert.ok(stages.includes(q.stage), q.stage);
    assert.equal(q.options.length > 0, q.kind === "one_of" || q.kind === "set_of");
    assert.deepEqual(q.choices.map((c) => c.value), q.options);
    for (const c of q.choices) assert.ok(c.label.nl && c.label.en, `${q.fact}: ${c.value}`);
  }
  // The summary agrees with the full check.
  const s = toets.summary(EXAMPLE, { date: DATE });
  assert.equal(s.overall, r.verdict.overall);
  assert.deepEqual(s.norms.map((n) => [n.id, n.outcome]), r.verdict.norms.map((n) => [n.id, n.outcome]));
  assert.deepEqual(s.questions, r.questions);
  assert.deepEqual(toets.openQuestions(EXAMPLE, { date: DATE }).questions, r.questions);
});

test("a description may be a JS object, JSON text or nothing", () => {
  const fromObject = toets.check({ system: { name: "Object" }, facts: {} }, { date: DATE });
  assert.equal(fromObject.ok, true);
  assert.equal(fromObject.verdict.system.name, "Object");
  const fromJson = toets.check('{"facts": {}}', { date: DATE });
  assert.equal(fromJson.ok, true);
  for (const nothing of [null, undefined]) {
    const r = toets.check(nothing, { date: DATE });
    assert.equal(r.ok, true);
    assert.ok(r.questions.length > 0, "with nothing known, questions are open");
  }
});

test("the interview for the welfare-fraud example ends, asking each question once", () => {
  const { answers, steps, summary } = interview(toets, EXAMPLE);
  assert.equal(summary.questions.length, 0);
  assert.equal(new Set(steps.map(([f]) => f)).size, steps.length);
  const r = toets.check(EXAMPLE, { date: DATE, answers });
  assert.equal(r.verdict.overall, summary.overall);
  assert.equal(r.verdict.open_questions.length, 0);
});

test("an interview from nothing, answered for the most violations, ends in violations", () => {
  const { answers, steps, summary } = interview(toets, null);
  console.log(`# interview from nothing, answered for the most violations: ${steps.length} answers`);
  assert.ok(steps.length > 0);
  assert.equal(summary.remaining, 0);
  assert.equal(summary.questions.length, 0);
  assert.equal(summary.overall, "violations");
  const r = toets.check(null, { date: DATE, answers });
  assert.ok(r.verdict.norms.some((n) => n.outcome === "violated"));
});

test("answers override the description, null makes a fact unknown", () => {
  const r = toets.check(EXAMPLE, { date: DATE });
  const fact = violatedBoolFact(r);
  assert.ok(fact);
  const cleared = toets.check(EXAMPLE, { date: DATE, answers: { [fact]: null } });
  const uses = cleared.verdict.norms.flatMap((n) => n.conditions.flatMap((c) => c.facts)).filter((f) => f.fact === fact);
  assert.ok(uses.length > 0 && uses.every((f) => f.value === null && !f.source));
  const q = r.questions[0];
  const answered = toets.check(EXAMPLE, { date: DATE, answers: { [q.fact]: candidates(q)[0] } });
  assert.ok(!answered.questions.some((x) => x.fact === q.fact));
});

test("a broken description gives diagnostics with line and column, never an exception", () => {
  const text = "system:\n  name: Kapot\nfacts:\n  no_such_fact_anywhere: true\n";
  const r = toets.check(text, { date: DATE, name: "kapot.yaml" });
  assert.equal(r.ok, false);
  assert.equal(r.stage, "description");
  const [d] = r.diagnostics;
  assert.equal(d.code, "toets::description::unknown_key");
  assert.equal(d.source_name, "kapot.yaml");
  assert.deepEqual([d.line, d.column, d.end_line], [4, 3, 4]);
  assert.match(d.message, /no_such_fact_anywhere/);

  const syntax = toets.check("facts:\n  a: [1, 2\n  b: }\n", { date: DATE });
  assert.equal(syntax.ok, false);
  assert.equal(syntax.diagnostics[0].code, "toets::description::syntax");
  assert.ok(syntax.diagnostics[0].line >= 2);

  const json = toets.check('{"facts": {"x": }', { date: DATE });
  assert.equal(json.ok, false);
  assert.equal(json.diagnostics[0].line, 1);
});

test("bad options and odd values come back as values", () => {
  const cases = [
    [EXAMPLE, { date: "2026-02-30" }, "options"],
    [EXAMPLE, { date: DATE, laws: ["nope"] }, "options"],
    [EXAMPLE, { date: DATE, colour: "red" }, "options"],
    [EXAMPLE, { date: DATE, answers: { "no.such.fact": true } }, "answers"],
    ["", { date: DATE }, "description"],
    ["x".repeat(9 * 1024 * 1024), { date: DATE }, "description"],
    ["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]", { date: DATE }, "description"],
    ["\u0000\u0001", { date: DATE }, "description"],
  ];
  for (const [text, options, stage] of cases) {
    const r = toets.check(text, options);
    assert.equal(r.ok, false, JSON.stringify(options));
    assert.equal(r.stage, stage, JSON.stringify(r));
    assert.ok(r.diagnostics.length > 0 && r.diagnostics.every((d) => typeof d.message === "string"));
  }
  const cyclic = {};
  cyclic.self = cyclic;
  const r = toets.check(cyclic, { date: DATE });
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0].code, "toets::wasm::not_json");
  assert.equal(toets.check(EXAMPLE, 42).ok, false);
  assert.equal(toets.check(42, { date: DATE }).ok, false);
  assert.equal(toets.check(EXAMPLE, { date: 20261123 }).ok, false);
});

test("rule text: diagnostics at file, line and column; a draft changes the verdict", () => {
  const files = builtinRules();
  assert.deepEqual(diagnoseRules(files), []);
  const broken = files.concat({ name: "rules/zz-draft.toets", text: "// draft\nnorm nonsense here\n" });
  const ds = diagnoseRules(broken);
  assert.ok(ds.length > 0);
  assert.equal(ds[0].source_name, "rules/zz-draft.toets");
  assert.equal(ds[0].line, 2);
  assert.ok(ds[0].column >= 1 && ds[0].hint !== undefined);
  assert.ok(diagnoseRules([]).length > 0);
  assert.ok(diagnoseRules("not files").length > 0);

  const draft = new Toets();
  assert.ok(draft.loadRules(broken).length > 0);
  assert.equal(draft.rules().sha256, toets.rules().sha256, "on errors the previous rules stay");

  const base = toets.check(EXAMPLE, { date: DATE });
  const fact = violatedBoolFact(base);
  const law = toets.rules().laws[0].id;
  const edited = files.concat({
    name: "rules/zz-draft.toets",
    text: `norm ${law}.zz_draft "Ontwerp" / "Draft"\n  cites ${law} art 1\n  requires not ${fact}\n`,
  });
  assert.deepEqual(draft.loadRules(edited), []);
  const after = draft.check(EXAMPLE, { date: DATE });
  assert.equal(after.verdict.norms.length, base.verdict.norms.length + 1);
  assert.equal(after.verdict.norms.find((n) => n.id === `${law}.zz_draft`).outcome, "violated");
  assert.equal(after.verdict.overall, "violations");
  assert.deepEqual(draft.loadBuiltin(), []);
  assert.equal(draft.rules().sha256, toets.rules().sha256);
});

test("graph, Markdown, merged description, tests, schema", () => {
  const r = toets.check(EXAMPLE, { date: DATE, graph: true, markdown: "en" });
  assert.match(r.markdown, /^# Assessment report: Risicomodel rechtmatigheid bijstand/);
  assert.match(r.graph.dot, /^digraph/);
  assert.match(r.graph.mermaid, /^flowchart/);
  const outcomes = new Map(r.verdict.norms.map((n) => [n.id, n.outcome]));
  const norms = r.graph.nodes.filter((n) => n.kind === "norm");
  assert.equal(norms.length, outcomes.size);
  for (const n of norms) assert.equal(n.outcome, outcomes.get(n.id));
  assert.ok(toets.graph().nodes.every((n) => n.outcome === null));

  const q = r.questions[0];
  const answers = { [q.fact]: candidates(q)[0] };
  const merged = toets.mergedDescription(EXAMPLE, { answers });
  assert.equal(merged.ok, true);
  const again = toets.summary(merged.text, { date: DATE });
  const direct = toets.summary(EXAMPLE, { date: DATE, answers });
  assert.deepEqual(again.norms, direct.norms);

  const tests = toets.runTests(DATE);
  assert.equal(tests.ok, true);
  assert.equal(tests.passed + tests.failed, tests.results.length);
  assert.equal(toets.schema().type, "object");
});

test("re-checking after one answer is fast", () => {
  const { steps } = interview(toets, EXAMPLE);
  const [fact, value] = steps[0];
  const times = [];
  for (let i = 0; i < 40; i += 1) {
    const t0 = performance.now();
    toets.summary(EXAMPLE, { date: DATE, answers: { [fact]: value } });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  const full = [];
  for (let i = 0; i < 10; i += 1) {
    const t0 = performance.now();
    toets.check(EXAMPLE, { date: DATE, answers: { [fact]: value } });
    full.push(performance.now() - t0);
  }
  full.sort((a, b) => a - b);
  console.log(`# re-check after one answer (Node): summary median ${median.toFixed(2)} ms, full verdict median ${full[5].toFixed(2)} ms`);
  assert.ok(median < 50, `median ${median} ms`);
});

test("Algoritmeregister entries become descriptions that check", () => {
  const dir = join(ROOT, "examples", "register");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
  for (const file of files) {
    const r = fromRegister(readFileSync(join(dir, file), "utf8"));
    assert.equal(r.ok, true, `${file}: ${JSON.stringify(r.diagnostics)}`);
    for (const entry of r.entries) {
      assert.ok(entry.notes.length > 0);
      assert.equal(typeof entry.notes[0].rule, "string");
      const checked = toets.summary(entry.text, { date: DATE });
      assert.equal(checked.ok, true, `${file}: ${JSON.stringify(checked.diagnostics)}`);
      assert.ok(checked.questions.length > 0, "what the register does not hold is asked");
    }
  }
  const bad = fromRegister('{"name": ');
  assert.equal(bad.ok, false);
  assert.equal(bad.stage, "register");
  assert.equal(typeof bad.diagnostics[0].line, "number");
});

// A small rule set of the tests' own (also used by the host tests of the
// crate): findings, a judgement to record, a duty not yet in force.
const MINI = [{ name: "mini.toets", text: readFileSync(join(ROOT, "wasm", "tests", "fixtures", "mini.toets"), "utf8") }];

test("custom rules: findings first, the next step, skipping and judgement records", () => {
  const mini = new Toets();
  assert.deepEqual(mini.loadRules(MINI), []);
  const empty = mini.summary(null, { date: DATE });
  assert.equal(empty.ok, true);
  assert.deepEqual(empty.findings.map((f) => [f.id, f.value]), [["avg.scope", null], ["avg.dpia_trigger", null]]);
  assert.equal(empty.next.kind, "question");
  assert.equal(empty.next.question.stage, "finding");
  assert.equal(empty.remaining, empty.questions.length);

  const skipped = mini.summary(null, { date: DATE, skipped: [empty.next.question.fact] });
  assert.notEqual(skipped.next.question.fact, empty.next.question.fact);
  assert.equal(skipped.remaining, empty.remaining - 1);

  const known = { personal: true, "profiling.systematic": true, "dpia.performed": true, purpose: ["fraud"], review: "meaningful", high_risk_use: true };
  const s = mini.summary(null, { date: DATE, answers: known, system: { name: "Model", organisation: " " } });
  assert.equal(s.system.name, "Model");
  assert.equal(s.system.organisation, undefined, "a blank field gives nothing");
  const dpia = s.findings.find((f) => f.id === "avg.dpia_trigger");
  assert.equal(dpia.value, true);
  assert.ok(dpia.because.length > 0);
  assert.equal(s.next.kind, "record");
  assert.equal(s.next.judgement.label.en, "Is the use proportionate?");
  assert.deepEqual(s.next.question.choices.map((c) => c.label.nl), ["Evenredig", "Onevenredig"]);
  assert.equal(s.remaining, 1);
  const coming = s.norms.find((n) => n.id === "aia.oversight");
  assert.deepEqual([coming.outcome, coming.applies_from, coming.would_apply], ["not_in_force", "2027-12-02", true]);

  const done = mini.summary(null, { date: DATE, answers: { ...known, "balance.outcome": "disproportionate" } });
  assert.deepEqual([done.next, done.remaining, done.overall], [{ kind: "done" }, 0, "violations"]);
  const full = mini.check(null, { date: DATE, answers: { ...known, "balance.outcome": "disproportionate" } });
  assert.deepEqual(full.next, { kind: "done" });
  assert.equal(full.verdict.norms.find((n) => n.id === "avg.balance").outcome, "violated");

  const info = mini.rules();
  assert.deepEqual(info.facts.find((f) => f.fact === "profiling.systematic").presupposes, ["personal"]);
  const bad = mini.summary(null, { date: DATE, skipped: "personal" });
  assert.equal(bad.ok, false);
  assert.equal(bad.stage, "options");
});
