// Compiled with `tsc --noEmit` by wasm/test.sh: the generated TypeScript
// types describe the API the way the page and the tests use it.
import {
  Toets, builtinRules, diagnoseRules, version,
  type CheckResult, type Diagnostic, type QuestionInfo, type RuleFile, type Outcome, type SummaryResult,
} from "../../target/wasm-node/toets_wasm.js";

const toets = new Toets();
const files: RuleFile[] = builtinRules();
const diagnostics: Diagnostic[] = diagnoseRules(files);
const v: string = version();

const r: CheckResult = toets.check("facts: {}", { date: "2026-11-23", answers: { "a.b": true, c: ["x"], d: null } });
if (r.ok) {
  const overall: "violations" | "undetermined" | "needs_judgement" | "no_violations" = r.verdict.overall;
  const outcome: Outcome | undefined = r.verdict.norms[0]?.outcome;
  const q: QuestionInfo | undefined = r.questions[0];
  const kind: string | undefined = q?.kind;
  const line: number | undefined = r.verdict.norms[0]?.conditions[0]?.facts[0]?.source?.line;
  void [overall, outcome, kind, line];
} else {
  const d: Diagnostic | undefined = r.diagnostics[0];
  const where: number | null | undefined = d?.line;
  void where;
}
const s: SummaryResult = toets.summary({ facts: {} }, { skipped: ["a"], system: { name: "Model" } });
if (s.ok) {
  void s.norms.map((n) => n.label.nl);
  const decided: number = s.findings.filter((f) => f.value !== null).length;
  const next = s.next;
  if (next.kind === "record") void [next.judgement.label.en, next.question.choices[0]?.label.nl];
  else if (next.kind === "question") void next.question.stage;
  void [decided, s.remaining, s.system.name];
}
const info = toets.rules();
if (info.ok) void info.facts.map((f) => f.options);
const g = toets.graph();
if (g.ok) void g.dot.length;
// @ts-expect-error: options are checked
toets.check("", { dat: "2026-11-23" });
void [files, diagnostics, v];
