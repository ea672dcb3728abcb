
/** A Dutch and an English text. */
export interface Bilingual { nl: string; en: string }

/** The outcome of one norm. */
export type Outcome =
  | "not_applicable" | "met" | "violated" | "undetermined" | "needs_judgement" | "not_in_force";

/** The overall result of a check. */
export type Overall = "violations" | "undetermined" | "needs_judgement" | "no_violations";

/** A known value of a fact: bool, number, date/text/one-of string, or set-of array. */
export type FactValue = boolean | number | string | string[];

/** A rule file: its name (as shown in diagnostics) and its text. */
export interface RuleFile { name: string; text: string }

/** An error as a value to show at the line it concerns. Lines and columns are one-based; columns count characters. */
export interface Diagnostic {
  code: string | null;
  message: string;
  label: string | null;
  hint: string | null;
  source_name: string | null;
  line: number | null;
  column: number | null;
  end_line: number | null;
  end_column: number | null;
}

/** Which input a failed call was about. */
export type Stage = "rules" | "options" | "description" | "answers" | "register";

/** A failed call. */
export interface Failed { ok: false; stage: Stage; diagnostics: Diagnostic[] }

/** Options of a check; every field is optional. */
export interface CheckOptions {
  /** Evaluation date `YYYY-MM-DD`; today (browser time zone) when absent. */
  date?: string;
  /** Answers by fact id (or group); they override the description; `null` makes a fact unknown. */
  answers?: Record<string, FactValue | Record<string, unknown> | null>;
  /** Report only these laws (ids). */
  laws?: string[];
  /** The description's name in diagnostics. */
  name?: string;
  /** Also return the verdict as Markdown in this language. */
  markdown?: "nl" | "en";
  /** Also return the norm graph coloured by outcome. */
  graph?: boolean;
}

export type AnswerKind = "bool" | "number" | "date" | "text" | "one_of" | "set_of";

/** A declared fact with what is needed to ask for it. */
export interface FactInfo {
  fact: string;
  ask: Bilingual;
  help: Bilingual | null;
  /** As written in the rules, e.g. `one of { a, b }`. */
  type: string;
  kind: AnswerKind;
  /** Values of a one-of or set-of fact; else empty. */
  options: string[];
}

/** An open question: its answer could change the outcome of the norms in `decides`. */
export interface QuestionInfo extends FactInfo { decides: string[] }

export interface LawInfo { id: string; title: Bilingual; abbrev: Bilingual }

export interface RulesInfo {
  sha256: string;
  files: RuleFile[];
  laws: LawInfo[];
  norms: string[];
  facts: FactInfo[];
}

export interface GraphNode {
  id: string;
  kind: "fact" | "concept" | "norm";
  label: Bilingual | null;
  outcome: Outcome | null;
}

/** The norm graph; `to` reads `from`. `dot` and `mermaid` come from toets-report. */
export interface Graph {
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
  dot: string;
  mermaid: string;
}

export interface Source { path: string; line: number; column: number }
export interface FactUse { fact: string; value: FactValue | null; source?: Source }
export interface CitationOut {
  law: string;
  kind: "article" | "annex" | "recital";
  number: string;
  parts: string[];
  text: Bilingual;
}
export interface NormRef { norm: string; outcome: Outcome }
export interface Condition {
  clause: "applies" | "requires" | "exception" | "judgement";
  label?: Bilingual;
  value: boolean | null;
  facts: FactUse[];
  concepts: string[];
  norms: NormRef[];
}
export interface Judgement {
  label: Bilingual;
  rests_on_facts: FactUse[];
  rests_on_concepts: { concept: string; value: boolean | null }[];
  rests_on_norms: NormRef[];
  settled: boolean | null;
  record: FactUse[];
}
export interface NormResult {
  id: string;
  law: string;
  label: Bilingual;
  citations: CitationOut[];
  see?: string[];
  outcome: Outcome;
  in_force_note?: string;
  conditions: Condition[];
  exception?: { label: Bilingual; citations: CitationOut[] };
  judgement?: Judgement;
  awaiting_judgement?: string[];
  open_questions: string[];
}
export interface ConceptResult {
  id: string;
  label?: Bilingual;
  citations: CitationOut[];
  value: boolean | null;
  facts: FactUse[];
  concepts: string[];
  norms: NormRef[];
}
export interface Question {
  fact: string;
  ask: Bilingual;
  help?: Bilingual;
  type: string;
  decides?: string[];
}

/** The verdict, in the shape documented in docs/verdict-json.md (format_version 1). */
export interface Verdict {
  format_version: number;
  overall: Overall;
  system: { name?: string; organisation?: string; purpose?: string; contact?: string };
  provenance: {
    toets_version: string;
    rules_sha256: string;
    description_sha256: string;
    evaluation_date: string;
    laws: { id: string; title: Bilingual; abbrev: Bilingual; cite?: string; in_force?: string; until?: string }[];
  };
  laws: { law: string; abbrev: Bilingual; counts: Record<Outcome, number> }[];
  norms: NormResult[];
  concepts: ConceptResult[];
  open_questions: Question[];
}

export interface Checked {
  ok: true;
  verdict: Verdict;
  /** The open questions, those that decide most norms first, with their kind of answer. */
  questions: QuestionInfo[];
  markdown?: string;
  graph?: Graph;
}
export type CheckResult = Checked | Failed;
export type QuestionsResult = { ok: true; questions: QuestionInfo[] } | Failed;
export type TextResult = { ok: true; text: string } | Failed;

export interface TestReport {
  ok: true;
  passed: number;
  failed: number;
  results: {
    name: string;
    location: string;
    checked: number;
    failures: {
      /** The norm or finding. */
      norm: string;
      /** As written in the test: an outcome (`met`), or a finding's `true`, `false`, `undetermined`, `case NAME`. */
      expected: string;
      actual: string;
      expected_questions?: string[];
      actual_questions: string[];
      location: string;
    }[];
  }[];
}

/** One norm's outcome, without its trace. */
export interface NormOutcome { id: string; law: string; label: Bilingual; outcome: Outcome }

/** A check without the trace: what an interview needs after each answer. */
export interface Summary {
  ok: true;
  overall: Overall;
  laws: { law: string; abbrev: Bilingual; counts: Record<Outcome, number> }[];
  norms: NormOutcome[];
  questions: QuestionInfo[];
}
export type SummaryResult = Summary | Failed;
export type RulesResult = ({ ok: true } & RulesInfo) | Failed;
export type GraphResult = ({ ok: true } & Graph) | Failed;

/** What happened to one Algoritmeregister field (from toets-register). */
export interface MappedField {
  /** JSON path in the register file, e.g. `$.type`. */
  field: string;
  /** The register's value, shortened, where it is a text. */
  found: string | null;
  /** The row of the mapping table that applied. */
  rule: string;
  /** The fact concerned, if any. */
  fact: string | null;
  /** The value given to the fact; null leaves it unknown. */
  value: unknown;
  /** The field's meaning matches the fact only roughly (see `why`). */
  fuzzy: boolean;
  why: string;
}
export interface RegisterEntry { id: string | null; name: string | null; text: string; notes: MappedField[] }
export type RegisterResult = { ok: true; entries: RegisterEntry[] } | Failed;
