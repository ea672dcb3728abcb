// End-to-end: the built page (target/wasm-site) served on 127.0.0.1 and
// driven in Debian's Chromium through playwright-core. Screenshots of each
// state go to target/wasm-e2e/ for review, with the measured budgets and
// interview figures (budgets.json).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { serve } from "../tools/serve.mjs";
import { ROOT, DATE, loadApi, sheet } from "./plan.mjs";
import { drive, passSystem } from "./drive.mjs";

const SITE = join(ROOT, "target", "wasm-site");
const OUT = join(ROOT, "target", "wasm-e2e");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WELFARE = readFileSync(join(ROOT, "examples", "welfare-fraud-risk-model.yaml"), "utf8");
const VIOLATING = "nationality-risk-model.yaml";
const VIOLATING_TEXT = readFileSync(join(ROOT, "examples", VIOLATING), "utf8");
/** Answers of the browser test's interview from nothing before the engine's question order (issue 12). */
const BEFORE = 75;
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

/** The text of each page of a PDF, in reading order. */
async function pdfPages(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    // One space for every run of white space: a title may wrap across lines.
    pages.push(content.items.map((it) => (it.str ?? "") + (it.hasEOL ? " " : "")).join("").replace(/\s+/g, " "));
  }
  await doc.destroy();
  return pages;
}

/** Says yes in the page's own "are you sure?" dialog. */
async function confirmYes() {
  await page.waitForSelector("#confirm[open]", { timeout: 5000 });
  await page.click("#confirm-ok");
  await page.waitForSelector("#confirm:not([open])", { state: "attached" });
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

test("the page loads offline-ready and starts with the system's name", async () => {
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
  assert.equal(await page.getAttribute("#question", "data-step"), "system");
  assert.ok(await page.$("#system-name") && await page.$("#system-organisation") && await page.$("#system-purpose"));
  // The progress measure is findings and what is left, not every open question.
  const open = toets.summary(null, { date: DATE }).remaining;
  assert.doesNotMatch(await page.textContent("#progress-label"), new RegExp(`\\b${open}\\b`));
  await shot("01-loaded");
});

test("the welfare interview from an empty page, answered from the example, reaches its verdict", async () => {
  const { facts, system } = sheet(toets, WELFARE);
  await passSystem(page, system);
  let findingsShown = true;
  let records = 0;
  const run = await drive(page, toets, null, (q) => facts[q.fact], async (q, s, n) => {
    if (n === 0) await shot("02-interview-first", "#progress-label");
    // A judgement is offered as a judgement to record, with what it rests on and its help.
    if (s.next.kind === "record") {
      records += 1;
      const card = await page.textContent("#judgement-card");
      assert.ok(card.includes(s.next.judgement.label.en), "the judgement to record is shown");
      assert.match(card, /Rests on/);
      assert.equal(await page.getAttribute("#question", "data-step"), "record");
      if (records === 1) await shot("02b-judgement-record", "#question");
    }
    // The page shows each finding as the engine has it.
    const shown = await page.$$eval("#live-findings-list li", (ls) => ls.map((l) => [l.dataset.finding, l.dataset.value]));
    const want = s.findings.map((f) => [f.id, String(f.value)]);
    if (JSON.stringify(shown) !== JSON.stringify(want)) findingsShown = false;
  });
  assert.ok(findingsShown, "the findings on the page are the engine's at every step");
  budgets.welfare_judgement_records_asked = records;
  const answered = Object.keys(run.answers).length;
  budgets.welfare_interview_answers = answered;
  budgets.welfare_interview_questions = answered + run.skipped.length;
  console.log(`# welfare interview from an empty page: ${answered} answers, ${run.skipped.length} "don't know" (the example gives ${Object.keys(facts).length} facts; aim: fewer than ${BEFORE} answers)`);
  // No more questions than the example has facts (issue 12); the aim of
  // fewer than 75 answers is not met from an empty page (see wasm/README.md).
  assert.ok(answered + run.skipped.length <= Object.keys(facts).length, "no more questions than the example has facts");
  const sorted = [...run.times].sort((a, b) => a - b);
  budgets.recheck_ms_median = Number(sorted[sorted.length >> 1].toFixed(2));
  budgets.recheck_ms_max = Number(sorted[sorted.length - 1].toFixed(2));
  // The example's own verdict: every norm's outcome and every finding.
  const own = toets.summary(WELFARE, { date: DATE });
  const reached = toets.summary(null, { date: DATE, answers: run.answers });
  const differ = own.norms.filter((n, i) => reached.norms[i]?.outcome !== n.outcome).map((n) => `${n.id}: ${n.outcome} / ${reached.norms.find((x) => x.id === n.id)?.outcome}`);
  assert.deepEqual(differ, [], "the interview reaches the example's own outcomes");
  assert.equal(await page.getAttribute("#overall", "data-overall"), own.overall);
  await shot("03-interview-done", "#question");
  // The answers survive a reload (local storage), and nothing is sent.
  ready = false;
  await page.reload();
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  ready = true;
  assert.equal(await page.$$eval("#answers li", (l) => l.length), answered);
  assert.ok(await page.isVisible("#restored"));
  assert.equal(await page.getAttribute("#question", "data-step"), "done");
  // The verdict lists the answers it rests on, and heads with the system.
  await page.click("#tab-verdict");
  assert.equal(await page.$$eval("#verdict-answers tbody tr", (r) => r.length), answered);
  assert.equal(await page.textContent("#verdict .verdict-head h2"), system.name);
  await page.click("#tab-interview");
});

test("a short brief: classified early, and no question before one it presupposes", async () => {
  // What a privacy officer knows from a brief on the welfare risk model; the rest is skipped.
  const { facts: all } = sheet(toets, WELFARE);
  const brief = Object.fromEntries(["public_body", "processes_personal_data", "purpose", "public_assistance_benefits",
    "individual_score", "decisions.about_persons", "decisions.legal_effect", "human_review", "logic", "role",
    "persons_affected", "large_scale"].map((f) => [f, all[f]]));
  await page.click("#start-empty");
  await confirmYes();
  assert.equal(await page.$$eval("#answers li", (l) => l.length), 0, "starting over cleared the answers");
  await passSystem(page, { name: "Risicomodel bijstand", organisation: "Gemeente", purpose: "Selectie voor heronderzoek" });
  const presupposes = new Map(toets.rules().facts.map((f) => [f.fact, f.presupposes]));
  const target = (s) => ({
    classification: s.findings.find((f) => f.law === "aia" && /high_risk/.test(f.id)) ?? null,
    dpia: s.findings.find((f) => /dpia/.test(f.id)) ?? null,
  });
  const until = { classification: null, dpia: null };
  const wrongOrder = [];
  let triedEmptySet = false;
  await drive(page, toets, null, (q) => brief[q.fact], async (q, s, n, skipped) => {
    for (const [key, f] of Object.entries(target(s))) {
      if (until[key] === null && f && f.value !== null) {
        const shown = await page.getAttribute(`#live-findings-list li[data-finding="${f.id}"]`, "data-value");
        if (shown === String(f.value)) until[key] = n;
      }
    }
    // A question comes after the open questions it presupposes that bear on the same norm or finding.
    const open = new Map(s.questions.filter((x) => !skipped.includes(x.fact)).map((x) => [x.fact, x]));
    for (const p of presupposes.get(q.fact) ?? []) {
      const x = open.get(p);
      if (!x || x.fact === q.fact) continue;
      const shared = x.decides.some((d) => q.decides.includes(d)) || x.findings.some((f) => q.findings.includes(f));
      if (shared) wrongOrder.push(`${q.fact} before ${p}`);
    }
    // Enter on an empty multiple choice records nothing.
    if (!triedEmptySet && q.kind === "set_of") {
      triedEmptySet = true;
      await page.focus("#answer-0");
      await page.keyboard.press("Enter");
      assert.equal(await page.getAttribute("#question", "data-fact"), q.fact, "still the same question");
      assert.match(await page.textContent("#question-error"), /None of these/);
      await shot("04-set-needs-a-choice", "#question");
    }
  });
  // The targets on this branch's rules may not exist yet (findings are declared elsewhere).
  const end = target(toets.summary(null, { date: DATE, answers: brief }));
  budgets.brief_questions_until_classification = end.classification ? until.classification : "no such finding";
  budgets.brief_questions_until_dpia = end.dpia ? until.dpia : "no such finding";
  console.log(`# short brief: AI Act classification shown after ${budgets.brief_questions_until_classification} questions, DPIA finding after ${budgets.brief_questions_until_dpia}`);
  assert.deepEqual(wrongOrder, [], "no question before one it presupposes");
  assert.ok(triedEmptySet, "the interview asked a multiple choice");
});

test("the verdict opens with the findings and what is wrong, the traces folded", async () => {
  await page.click("#tab-description");
  await page.selectOption("#example-select", VIOLATING);
  await confirmYes();
  await page.waitForFunction(() => document.querySelector("#overall").dataset.overall === "violations");
  await page.click("#tab-verdict");
  const own = toets.check(VIOLATING_TEXT, { date: DATE });
  const order = await page.$$eval("#verdict > *", (els) => els.map((e) => e.id || e.tagName.toLowerCase()));
  const at = (id) => order.indexOf(id);
  assert.ok(at("verdict-violations") > 0 && at("verdict-violations") < at("all-norms"), order.join(","));
  if (own.verdict.findings.length) assert.ok(at("verdict-findings") < at("verdict-violations"));
  assert.equal(await page.getAttribute("#all-norms", "open"), null, "the traces are folded");
  const violated = own.verdict.norms.filter((n) => n.outcome === "violated");
  const listed = await page.$$eval("#verdict-violations li[data-norm]", (ls) => ls.map((l) => l.dataset.norm));
  assert.deepEqual([...listed].sort(), violated.map((n) => n.id).sort(), "every violation, once");
  const first = await page.textContent(`#verdict-violations li[data-norm="${violated[0].id}"]`);
  assert.match(first, new RegExp(violated[0].citations[0].text.en.replace(/[()]/g, "\\$&")));
  assert.match(first, /Not met, because/);
  // Every norm is there, with the engine's outcome.
  const shown = await page.$$eval("#verdict details.norm", (ds) => ds.map((d) => [d.dataset.norm, d.dataset.outcome]));
  const byId = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  assert.deepEqual(shown.sort(byId), own.verdict.norms.map((n) => [n.id, n.outcome]).sort(byId));
  // Duties not yet in force are summarised, not listed one by one.
  const coming = own.verdict.norms.filter((n) => n.outcome === "not_in_force" && n.applies_from);
  if (coming.length) assert.ok((await page.$$("#verdict-coming > ul > li")).length < coming.length || coming.length === 1);
  await shot("05-verdict", "#verdict");
  await page.click(`#verdict-violations li[data-norm="${violated[0].id}"] a`);
  await page.waitForSelector(`details[data-norm="${violated[0].id}"][open]`);
  const trace = await page.textContent(`details[data-norm="${violated[0].id}"]`);
  assert.match(trace, /Articles/);
  assert.match(trace, /Requires|Applies when/);
  await shot("06-verdict-trace", `details[data-norm="${violated[0].id}"]`);
});

test("the graph: one law's norms, concepts and findings, distinct colours, facts on request", async () => {
  await page.click("#tab-graph");
  await page.waitForSelector("#graph svg g.node", { timeout: 30000 });
  const colours = await page.$$eval("#legend .swatch", (ss) => ss.map((s) => getComputedStyle(s).backgroundColor));
  assert.equal(new Set(colours).size, colours.length, `legend colours are distinct: ${colours}`);
  const kinds = await page.$$eval("#graph g.node", (gs) => gs.map((g) => g.dataset.kind));
  assert.ok(!kinds.includes("fact"), "no facts by default");
  const outcomes = await page.$$eval("#graph g.norm-node", (gs) => gs.map((g) => g.dataset.outcome));
  assert.ok(outcomes.includes("violated"), "the default law is one with a violation");
  const nodes = Number(await page.getAttribute("#graph", "data-nodes"));
  budgets.graph_nodes_default = nodes;
  await shot("07-graph", "#graph");
  const id = await page.$eval("#graph g.norm-node[data-outcome=violated]", (g) => g.dataset.norm);
  await page.click(`#graph g.norm-node[data-norm="${id}"]`);
  await page.waitForSelector("#graph-node:not([hidden]) #graph-node-reads li");
  await page.check("#graph-facts");
  await page.waitForFunction((n) => Number(document.querySelector("#graph").dataset.nodes) > n, nodes);
  await page.waitForSelector("#graph g.node[data-kind=fact]");
  await page.uncheck("#graph-facts");
  await page.click("#graph-node button");
  await page.waitForSelector(`#panel-verdict:not([hidden]) details[data-norm="${id}"][open]`);
});

test("exports: JSON, Markdown and a printable report", async () => {
  await page.click("#tab-verdict");
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const verdict = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(verdict.format_version, 1);
  assert.equal(verdict.overall, "violations");
  assert.ok(Array.isArray(verdict.findings));
  const [md] = await Promise.all([page.waitForEvent("download"), page.click("#export-md")]);
  assert.match(readFileSync(await md.path(), "utf8"), /^# (Assessment report|Toetsingsrapport): /);
});

test("the printed report is the assessment report, its first part about ten pages", async () => {
  await page.click("#tab-description");
  const { system } = sheet(toets, WELFARE);
  await page.fill("#description", WELFARE);
  // The verdict is re-checked after a pause in typing: wait for the welfare one.
  await page.click("#tab-verdict");
  await page.waitForFunction((name) => document.querySelector("#verdict .verdict-head h2")?.textContent === name, system.name);
  // What the browser does when the page is printed (page.pdf does not fire it).
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ path: join(OUT, "08-report.pdf"), format: "A4" });
  await page.emulateMedia({ media: "screen" });
  const pages = await pdfPages(pdf);
  const onPage = (re) => pages.findIndex((p) => re.test(p)) + 1; // 0: nowhere
  const first = pages[0] ?? "";
  assert.ok(first.includes(`Assessment report: ${system.name}`), `page 1 is titled with the system's name:\n${first.slice(0, 400)}`);
  assert.ok(first.includes(system.organisation), "page 1 names the organisation");
  assert.doesNotMatch(pages.join("\n"), /unnamed system/);
  assert.equal(onPage(/1\. Summary/), 1, "the summary opens the report");
  const annex = onPage(/Annex A: full trace/);
  assert.ok(annex > 0, "the trace is an annex");
  const sections = ["2. Findings", "3. Duties per law", "4. Actions", "5. Judgements to record",
    "6. Open questions", "7. Norms not in force", "8. Answers this assessment rests on"];
  for (const s of sections) {
    const at = onPage(new RegExp(s.replace(/\./g, "\\.")));
    assert.ok(at > 0 && at <= annex, `${s} comes before the annex (page ${at}, annex on ${annex})`);
  }
  assert.ok(onPage(/High-risk AI system/) < annex, "the classification is stated before the annex");
  assert.ok(onPage(/Who decided|Wie besliste/) < annex, "each judgement has a record to fill in");
  assert.ok(onPage(/Provenance/) >= annex, "the provenance comes at the end");
  budgets.report_pages = pages.length;
  budgets.report_pages_before_annex = annex - 1;
  // The aim: the part before the annex fits in about 10 printed pages.
  assert.ok(annex - 1 <= 12, `the part before the annex is ${annex - 1} pages (aim about 10)`);
  console.log(`printed report: ${annex - 1} pages before the annex, ${pages.length} in all`);
  await page.click("#tab-description");
  await page.fill("#description", VIOLATING_TEXT);
  await page.waitForSelector("#description-diagnostics .ok");
});

test("a broken description shows the error at its line, in the page's language", async () => {
  await page.click("#tab-description");
  const broken = "system:\n  name: Kapot\nfacts:\n  no_such_fact_anywhere: true\n";
  await page.fill("#description", broken);
  await page.waitForSelector("#description-diagnostics .diag[data-line='4']");
  assert.equal(await page.getAttribute("#overall", "data-overall"), "error");
  assert.match(await page.textContent("#description-diagnostics"), /unknown key `no_such_fact_anywhere`/);
  assert.match(await page.textContent("#description-diagnostics"), /line 4, column 3/);
  assert.doesNotMatch(await page.textContent("#description-diagnostics"), /toets schema/, "hints point into the page");
  assert.ok(await page.$("#description-editor .gutter .ln.err"), "the line is marked");
  await page.click("[data-lang=nl]");
  const nl = await page.textContent("#description-diagnostics");
  assert.match(nl, /onbekende sleutel `no_such_fact_anywhere`/);
  assert.match(nl, /regel 4, kolom 3/);
  await shot("09-description-error-nl", "#description-editor");
  await page.click("[data-lang=en]");
  await page.fill("#description", "facts:\n  - [unclosed\n");
  await page.waitForSelector("#description-diagnostics .diag[data-code='toets::description::syntax']");
  await page.fill("#description", VIOLATING_TEXT);
  await page.waitForSelector("#description-diagnostics .ok");
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
  await page.fill("#description", VIOLATING_TEXT);
  await page.waitForSelector("#description-diagnostics .ok");
});

test("editing a rule shows diagnostics as you type and changes the verdict", async () => {
  await page.click("#tab-rules");
  const base = toets.check(VIOLATING_TEXT, { date: DATE });
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

  // A finding in the draft, used on the whole page: the verdict and the
  // interview show it first, with what decided it.
  const id = `${law}.zz_finding`;
  await page.fill("#rules-text", `${original}\nfinding ${id} "Conceptbevinding" / "Draft finding"\n  cites ${law} art 1\n  when ${fact}\n`);
  await page.waitForSelector("#rules-diagnostics .ok", { timeout: 20000 });
  await page.check("#rules-use");
  await page.click("#tab-verdict");
  await page.waitForSelector(`#verdict-findings li[data-finding="${id}"][data-value=true]`);
  const order = await page.$$eval("#verdict > *", (els) => els.map((e) => e.id || e.tagName.toLowerCase()));
  assert.ok(order.indexOf("verdict-findings") < order.indexOf("verdict-violations"), "findings first");
  const ask = toets.rules().facts.find((f) => f.fact === fact).ask.en;
  const shown = await page.textContent(`#verdict-findings li[data-finding="${id}"]`);
  assert.match(shown, /Draft finding/);
  assert.match(shown, /because/);
  assert.ok(shown.includes(ask), `because ${ask}`);
  await shot("12-draft-finding", "#verdict-findings");
  await page.click("#tab-interview");
  await page.waitForSelector(`#live-findings:not([hidden]) li[data-finding="${id}"][data-value=true]`);
  await page.click("#tab-rules");
  await page.uncheck("#rules-use");
  await page.click("#rules-reset");
  await page.waitForSelector("#rules-unchanged");
});

test("Dutch and English, answer labels included", async () => {
  await page.click("[data-lang=nl]");
  assert.equal(await page.textContent("#tab-interview"), "Vragen");
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  assert.match(await page.textContent("#privacy"), /geen enkel netwerkverzoek/);
  await page.click("#tab-verdict");
  assert.doesNotMatch(await page.textContent("#verdict-violations"), /Not met|because/);
  await page.click("#tab-interview");
  await shot("13-dutch");
  await page.click("[data-lang=en]");
  assert.equal(await page.textContent("#tab-interview"), "Questions");
});

test("forget my answers asks first, then clears them from the browser", async () => {
  await page.click("#tab-interview");
  await passSystem(page, { name: "Te vergeten" });
  assert.ok(await page.evaluate(() => localStorage.length > 0));
  await page.click("#forget");
  await page.waitForSelector("#confirm[open]");
  await page.click("#confirm-cancel");
  assert.ok(await page.evaluate(() => localStorage.length > 0), "cancel keeps them");
  await page.click("#forget");
  await confirmYes();
  assert.equal(await page.getAttribute("#question", "data-step"), "system");
  assert.equal(await page.inputValue("#system-name"), "");
  assert.equal(await page.$$eval("#answers li", (l) => l.length), 0);
  // With nothing to lose, starting from the example does not ask; its system is offered to confirm.
  await page.click("#start-example");
  assert.equal(await page.isVisible("#confirm[open]"), false);
  await page.waitForFunction(() => document.querySelector("#system-name")?.value !== "");
  assert.equal(await page.inputValue("#system-name"), sheet(toets, WELFARE).system.name);
});

test("no request left 127.0.0.1, none was made after loading, and no script error", () => {
  const web = requests.filter((r) => /^(https?|wss?):/.test(r.url));
  assert.ok(web.length > 0);
  for (const r of web) assert.ok(r.url.startsWith(`${origin}/`), `request to ${r.url}`);
  assert.deepEqual(web.filter((r) => r.afterReady).map((r) => r.url), [], "no request after the page loaded");
  assert.deepEqual(errors, []);
  budgets.requests = web.length;
});
