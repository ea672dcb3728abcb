// End-to-end: the built page (target/wasm-site) served on 127.0.0.1 and
// driven in Debian's Chromium through playwright-core. Screenshots of each
// state go to target/wasm-e2e/ for review, with the measured budgets.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../tools/serve.mjs";
import { ROOT, DATE, loadApi, bestAnswer } from "./plan.mjs";

const SITE = join(ROOT, "target", "wasm-site");
const OUT = join(ROOT, "target", "wasm-e2e");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const EXAMPLE = readFileSync(join(ROOT, "examples", "welfare-fraud-risk-model.yaml"), "utf8");
const { Toets } = loadApi();
const toets = new Toets();

let server;
let browser;
let page;
let origin;
const requests = [];      // every request the page made: { url, afterReady }
let ready = false;
const errors = [];
const budgets = {};

/** A screenshot of the window, scrolled to `selector` (if given). */
async function shot(name, selector) {
  if (selector) await page.$eval(selector, (el) => el.scrollIntoView({ block: "start" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

before(async () => {
  assert.ok(existsSync(join(SITE, "index.html")), "build the page first: bash wasm/build.sh");
  mkdirSync(OUT, { recursive: true });
  server = await serve(SITE);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.on("request", (r) => requests.push({ url: r.url(), afterReady: ready }));
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
});

after(async () => {
  writeFileSync(join(OUT, "budgets.json"), JSON.stringify(budgets, null, 2) + "\n");
  console.log(`# budgets: ${JSON.stringify(budgets)}`);
  await browser?.close();
  server?.close();
});

test("the page loads offline-ready and shows a first verdict", async () => {
  await page.goto(`${origin}/?date=${DATE}&lang=en`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  ready = true;
  const timing = await page.evaluate(() => window.toetsTiming);
  budgets.first_verdict_ms = Math.round(timing.firstVerdictMs);
  budgets.wasm_ready_ms = Math.round(timing.wasmReadyMs);
  budgets.rules_compiled_ms = Math.round(timing.rulesCompiledMs - timing.wasmReadyMs);
  const wasm = readFileSync(join(SITE, "pkg", "toets_wasm_bg.wasm"));
  budgets.wasm_bytes = wasm.length;
  budgets.wasm_gzip_bytes = gzipSync(wasm, { level: 9 }).length;
  assert.ok(timing.firstVerdictMs > 0);
  assert.match(await page.textContent("#privacy"), /no network request/);
  assert.notEqual(await page.getAttribute("#overall", "data-overall"), "");
  assert.ok(await page.$("#question[data-fact]:not([data-fact=''])"), "the interview asks a question");
  await shot("01-loaded");
});

/** Answers the page's interview to the end, as `plan.mjs` would; returns the answers. */
async function answerInterview(text, times, shotName) {
  const answers = {};
  for (let step = 0; step < 400; step += 1) {
    const fact = await page.getAttribute("#question", "data-fact");
    if (!fact) break;
    const q = toets.summary(text, { date: DATE, answers }).questions.find((x) => x.fact === fact);
    assert.ok(q, `the page asks ${fact}, which the engine lists as open`);
    const value = bestAnswer(toets, text, answers, q);
    answers[fact] = value;
    const kind = await page.getAttribute("#question", "data-kind");
    assert.equal(kind, q.kind);
    if (kind === "bool" || kind === "one_of") await page.check(`#question input[value="${value}"]`);
    else if (kind === "set_of") {
      for (const o of q.options) {
        const box = `#question input[value="${o}"]`;
        if (value.includes(o)) await page.check(box);
        else await page.uncheck(box);
      }
    } else await page.fill("#question input[name=answer]", String(value));
    if (step === 0 && shotName) await shot(shotName, "#progress-label");
    await page.click("#answer-submit");
    await page.waitForFunction((f) => document.querySelector("#question").dataset.fact !== f, fact);
    times.push(Number(await page.getAttribute("#timing", "data-ms")));
    const [value_, max] = await page.$eval("#progress", (p) => [p.value, p.max]);
    assert.ok(value_ <= max);
  }
  assert.ok(await page.$("#interview-done"), "the interview ends");
  return answers;
}

/** The page's norm outcomes agree with the engine's for the same answers. */
async function assertVerdictMatches(text, answers) {
  const expected = toets.summary(text, { date: DATE, answers });
  assert.equal(await page.getAttribute("#overall", "data-overall"), expected.overall);
  await page.click("#tab-verdict");
  const shown = await page.$$eval("#verdict details.norm", (ds) => ds.map((d) => [d.dataset.norm, d.dataset.outcome]));
  // Grouped by law on the page; the same norms with the same outcomes.
  const byId = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  assert.deepEqual(shown.sort(byId), expected.norms.map((n) => [n.id, n.outcome]).sort(byId));
  return expected;
}

const times = [];

test("the interview for the welfare-fraud example asks what is open and ends", async () => {
  await page.click("#start-example");
  const answers = await answerInterview(EXAMPLE, times, "02-interview-example");
  await shot("03-interview-example-done", "#summary");
  await assertVerdictMatches(EXAMPLE, answers);
  await page.click("#tab-interview");
});

test("an interview from nothing ends in violations, shown with their trace", async () => {
  await page.click("#start-empty");
  const answers = await answerInterview(null, times, "04-interview-question");
  assert.ok(times.length > 0, "questions were answered");
  const sorted = [...times].sort((a, b) => a - b);
  budgets.interview_answers = sorted.length;
  budgets.recheck_ms_median = Number(sorted[sorted.length >> 1].toFixed(2));
  budgets.recheck_ms_max = Number(sorted[sorted.length - 1].toFixed(2));
  assert.equal(await page.getAttribute("#overall", "data-overall"), "violations");
  await shot("05-interview-done", "#summary");
  await assertVerdictMatches(null, answers);
  const violated = await page.$$("#verdict details.norm[data-outcome=violated]");
  assert.ok(violated.length > 0, "violated norms are listed");
  await violated[0].click();
  const trace = await violated[0].textContent();
  assert.match(trace, /Articles/);
  assert.match(trace, /Requires|Applies when/);
  assert.match(trace, /your answer/);
  await shot("06-verdict-violations", "#verdict details.norm[data-outcome=violated][open]");
});

test("the graph colours norms by outcome", async () => {
  await page.click("#tab-graph");
  await page.waitForSelector("#graph svg g.node", { timeout: 30000 });
  const outcomes = await page.$$eval("#graph g.norm-node", (gs) => gs.map((g) => g.dataset.outcome));
  assert.ok(outcomes.includes("violated"));
  await page.uncheck("#graph-fit");
  await shot("07-graph", "#graph");
  // A click on a norm in the graph opens its reasoning.
  const id = await page.$eval("#graph g.norm-node[data-outcome=violated]", (g) => g.dataset.norm);
  await page.click(`#graph g.norm-node[data-norm="${id}"]`);
  await page.waitForSelector(`#panel-verdict:not([hidden]) details[data-norm="${id}"][open]`);
});

test("exports: JSON, Markdown and a printable report", async () => {
  await page.click("#tab-verdict");
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const verdict = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(verdict.format_version, 1);
  assert.equal(verdict.overall, "violations");
  const [md] = await Promise.all([page.waitForEvent("download"), page.click("#export-md")]);
  assert.match(readFileSync(await md.path(), "utf8"), /^# (Assessment report|Toetsingsrapport): /);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: join(OUT, "08-report.pdf"), format: "A4" });
  await page.screenshot({ path: join(OUT, "08-print.png") });
  await page.emulateMedia({ media: "screen" });
});

test("a broken description shows the error at its line", async () => {
  await page.click("#tab-description");
  const broken = "system:\n  name: Kapot\nfacts:\n  no_such_fact_anywhere: true\n";
  await page.fill("#description", broken);
  await page.waitForSelector("#description-diagnostics .diag[data-line='4']");
  assert.equal(await page.getAttribute("#overall", "data-overall"), "error");
  assert.match(await page.textContent("#description-diagnostics"), /no_such_fact_anywhere/);
  assert.match(await page.textContent("#description-diagnostics"), /line 4, column 3/);
  assert.ok(await page.$("#description-editor .gutter .ln.err"), "the line is marked");
  await shot("09-description-error", "#description-editor");
  await page.fill("#description", "facts:\n  - [unclosed\n");
  await page.waitForSelector("#description-diagnostics .diag[data-code='toets::description::syntax']");
  await page.fill("#description", EXAMPLE);
  await page.waitForSelector("#description-diagnostics .ok");
  assert.notEqual(await page.getAttribute("#overall", "data-overall"), "error");
});

test("an Algoritmeregister entry becomes a description", async (t) => {
  const option = await page.$("#example-select option[value^='register:']");
  if (!option) {
    t.skip("no examples/register/*.json");
    return;
  }
  await page.selectOption("#example-select", await option.getAttribute("value"));
  await page.waitForSelector("#register:not([hidden]) .notes li");
  assert.notEqual(await page.getAttribute("#overall", "data-overall"), "error");
  assert.match(await page.inputValue("#description"), /"facts"/);
  await shot("10-register", "#register");
  await page.fill("#description", EXAMPLE);
  await page.waitForSelector("#description-diagnostics .ok");
});

test("editing a rule shows diagnostics as you type and changes the verdict", async () => {
  await page.click("#tab-description");
  await page.selectOption("#example-select", "welfare-fraud-risk-model.yaml");
  await page.click("#tab-rules");
  const base = toets.check(EXAMPLE, { date: DATE });
  let fact = null;
  for (const n of base.verdict.norms) for (const c of n.conditions) for (const f of c.facts) if (f.value === true && !fact) fact = f.fact;
  assert.ok(fact, "the example gives a yes/no fact as true");
  const law = toets.rules().laws[0].id;
  const file = await page.inputValue("#rule-file");
  const original = await page.inputValue("#rules-text");
  await page.fill("#rules-text", `${original}\nnorm ${law}.zz_draft "Ontwerp" / "Draft"\n  cites ${law} art 1\n  requires not ${fact}\n`);
  await page.waitForSelector(`#rules-changes li[data-norm="${law}.zz_draft"]`, { timeout: 20000 });
  assert.match(await page.textContent("#rules-effect"), /violated/);
  await shot("11-rule-edited", "#rules-diagnostics");

  const lines = original.split("\n").length;
  await page.fill("#rules-text", `${original}\nnorm ${law}.zz_draft "Ontwerp" / "Draft"\n  cites ${law} art 1\n  requires not no_such_fact_declared\n`);
  await page.waitForSelector(`#rules-diagnostics .diag[data-line='${lines + 3}']`, { timeout: 20000 });
  assert.match(await page.textContent("#rules-diagnostics"), new RegExp(`${file}: line ${lines + 3}`));
  assert.match(await page.textContent("#rules-diagnostics"), /no_such_fact_declared/);
  await shot("12-rule-error", "#rules-diagnostics");

  await page.click("#rules-reset");
  await page.waitForSelector("#rules-unchanged");
});

test("Dutch and English", async () => {
  await page.click("[data-lang=nl]");
  assert.equal(await page.textContent("#tab-interview"), "Vragen");
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  assert.match(await page.textContent("#privacy"), /geen enkel netwerkverzoek/);
  await page.click("#tab-interview");
  await shot("13-dutch");
  await page.click("[data-lang=en]");
  assert.equal(await page.textContent("#tab-interview"), "Questions");
});

test("no request left 127.0.0.1, none was made after loading, and no script error", () => {
  const web = requests.filter((r) => /^(https?|wss?):/.test(r.url));
  assert.ok(web.length > 0);
  for (const r of web) assert.ok(r.url.startsWith(`${origin}/`), `request to ${r.url}`);
  assert.deepEqual(web.filter((r) => r.afterReady).map((r) => r.url), [], "no request after the page loaded");
  assert.deepEqual(errors, []);
  budgets.requests = web.length;
});
