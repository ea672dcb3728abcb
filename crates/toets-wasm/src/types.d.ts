
/** A Dutch and an English text. */
export interface Bilingual { nl: string; en: string }

/** The outcome of one norm. */
export type Outcome =
  | "not_applicable" | "met" | "violated" | "not_followed" | "undetermined" | "needs_judgement"
  | "not_in_force";

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
  /** Facts answered "don't know": `next` and `remaining` leave them out; they stay unknown. */
  skipped?: string[];
  /** The system's name, organisation, purpose, contact as the interview gives them; each non-blank one replaces the description's. */
  system?: SystemInfo;
}

/** The system a description is about. */
export interface SystemInfo { name?: string; organisation?: string; purpose?: string; contact?: string }

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
  /** The same values with their labels (a value without a label is its own label). */
  choices: AnswerOption[];
  /** The facts this one is asked after (its `follows` and its guards in the conditions), transitively. */
  presupposes: string[];
}

/** A value of a listed fact with its labels. */
export interface AnswerOption { value: string; label: Bilingual }

/** Where a question stands in the engine's question order (docs/questions.md). */
export type QuestionStage = "finding" | "scope" | "requirement" | "exception" | "exception_later" | "judgement";

/** An open question: its answer could change the outcome of the norms in `decides` or decide the `findings`. */
export interface QuestionInfo extends FactInfo {
  decides: string[];
  findings: string[];
  stage: QuestionStage;
  /** The group it is asked with (its id up to the last dot). */
  group: string;
}

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
  kind: "fact" | "concept" | "norm" | "finding";
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
export interface FactUse { fact: string; value: FactValue | null; value_label?: Bilingual; source?: Source }
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
  /** The guidance or policy the norm rests on instead of a statute: its failure is `not_followed`. */
  guidance?: string[];
  outcome: Outcome;
  in_force_note?: string;
  /** When not yet in force: the date from which it applies. */
  applies_from?: string;
  /** When not in force: whether it would apply on the facts (`null`: open). */
  would_apply?: boolean | null;
  /** What decided the outcome. */
  because?: Reason[];
  conditions: Condition[];
  exception?: { label: Bilingual; citations: CitationOut[] };
  judgement?: Judgement;
  awaiting_judgement?: string[];
  open_questions: string[];
  /** The exact pass stopped at its bound: the open questions may include one that cannot change it. */
  approximate?: boolean;
}

/** What decided a conclusion: a fact, a concept (with its own reasons) or a norm. */
export type Reason =
  | ({ kind: "fact" } & FactUse)
  | { kind: "concept"; concept: string; label?: Bilingual; value: boolean | null; citations?: CitationOut[]; because: Reason[] }
  | ({ kind: "norm" } & NormRef);

/** A finding: what the system is, legally, with what decided it. */
export interface FindingResult {
  id: string;
  law: string;
  label: Bilingual;
  citations: CitationOut[];
  see?: string[];
  /** For a finding with cases: true when a case holds (see `case`). `null` while open. */
  value: boolean | null;
  case?: { id: string; label: Bilingual };
  because: Reason[];
  /** While open: the questions that could decide it, in question order. */
  open_questions: string[];
}

/** A judgement a person must still record, with what it rests on and the missing parts of its record. */
export interface JudgementStep {
  norm: string;
  norm_label: Bilingual;
  label: Bilingual;
  rests_on_facts: FactUse[];
  rests_on_concepts: { concept: string; value: boolean | null }[];
  rests_on_norms: NormRef[];
  record: Question[];
  recorded: FactUse[];
}

/** What the interview asks next (toets_engine::interview::next), the skipped facts left out. */
export type NextStep =
  | { kind: "question"; question: QuestionInfo }
  | { kind: "record"; judgement: JudgementStep; question: QuestionInfo }
  | { kind: "done" };

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
  stage: QuestionStage;
  group: string;
  options?: AnswerOption[];
  decides?: string[];
  findings?: string[];
}

/** The verdict, in the shape documented in docs/verdict-json.md (format_version 1). */
export interface Verdict {
  format_version: number;
  overall: Overall;
  system: SystemInfo;
  provenance: {
    toets_version: string;
    rules_sha256: string;
    description_sha256: string;
    evaluation_date: string;
    laws: { id: string; title: Bilingual; abbrev: Bilingual; cite?: string; in_force?: string; until?: string }[];
  };
  /** What the system is, legally: shown first. */
  findings: FindingResult[];
  laws: { law: string; abbrev: Bilingual; counts: Record<Outcome, number> }[];
  norms: NormResult[];
  concepts: ConceptResult[];
  /** In the engine's question order. */
  open_questions: Question[];
  /** Judgements still to record, asked after the open questions. */
  judgements: JudgementStep[];
}

export interface Checked {
  ok: true;
  verdict: Verdict;
  /** The open questions in the engine's question order, with their kind of answer. */
  questions: QuestionInfo[];
  /** What the interview asks next, the skipped facts left out. */
  next: NextStep;
  /** How many questions and parts of judgement records are left, the skipped facts left out. */
  remaining: number;
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
export interface NormOutcome {
  id: string; law: string; label: Bilingual; outcome: Outcome;
  applies_from?: string; would_apply?: boolean | null;
}

/** A check without the trace: what an interview needs after each answer. */
export interface Summary {
  ok: true;
  overall: Overall;
  system: SystemInfo;
  findings: FindingResult[];
  laws: { law: string; abbrev: Bilingual; counts: Record<Outcome, number> }[];
  norms: NormOutcome[];
  questions: QuestionInfo[];
  judgements: JudgementStep[];
  next: NextStep;
  remaining: number;
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
