#!/usr/bin/env node
// Tokenises every rule file with the extension's TextMate grammar and fails, with file:line:column,
// where the grammar leaves something unexplained:
//
// - a token that has only the root scope `source.toets` and is not a name (a fact, concept or
//   norm read by a condition keeps the default colour on purpose): a reserved word, a number, a
//   quote, a bracket or any other text the grammar does not know;
// - a token scoped `invalid.*` (a bad escape, a reserved word as a listed value);
// - a declaration (`law`, `fact`, `concept`, `finding`, `norm`, `test` or a `///` doc comment)
//   at the start of a line while a block of the previous declaration is still open, and a file
//   that ends inside one: a region of the grammar that does not close.
//
// Usage: node test/check-rules.js [FILE.toets ...]   (default: ../../rules/*.toets)

"use strict";
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = path.resolve(__dirname, "..");
const grammarPath = path.join(here, "syntaxes", "toets.tmLanguage.json");

// The reserved words of docs/language.md ("Reserved words"): never a name, so never unscoped.
const RESERVED = new Set(
  ("abbrev all and annex any applies art ask asking by case cite cites concept contains en expect " +
    "fact false finding follows given help in in_force is judgement law nl norm not of on one or " +
    "recital requires rests see set settled test today true unless until when").split(" "),
);
const NAME = /^[a-z][A-Za-z0-9_]*(?:\.[a-z][A-Za-z0-9_]*)*$/;
const DECLARATION = /^(?:law|fact|concept|finding|norm|test)(?![\w.])|^\/\/\/(?!\/)/;

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== "source.toets") return null;
      return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath);
    },
  });
  const grammar = await registry.loadGrammar("source.toets");
  if (!grammar) throw new Error(`cannot load ${grammarPath}`);
  return grammar;
}

function openScopes(tokens) {
  const last = tokens[tokens.length - 1];
  return last ? last.scopes.slice(1).join(" ") : "";
}

function checkFile(grammar, file) {
  const problems = [];
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  let stack = vsctm.INITIAL;
  let lastScopes = "";
  let tokenCount = 0;
  lines.forEach((line, i) => {
    const where = (col) => `${path.relative(process.cwd(), file)}:${i + 1}:${col + 1}`;
    if (stack.depth > 1 && DECLARATION.test(line)) {
      problems.push(`${where(0)}: a declaration starts inside an open block (${lastScopes})`);
    }
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      tokenCount++;
      const text = line.substring(token.startIndex, token.endIndex);
      const invalid = token.scopes.find((s) => s.startsWith("invalid."));
      if (invalid) {
        problems.push(`${where(token.startIndex)}: \`${text}\` is scoped ${invalid}`);
        continue;
      }
      if (token.scopes.length > 1) continue;
      // Only the root scope: allowed for whitespace and for names that are not reserved words.
      const re = /\S+/g;
      let m;
      while ((m = re.exec(text)) !== null) {
        const word = m[0];
        const ok = NAME.test(word) && !word.split(".").some((part) => RESERVED.has(part));
        if (!ok) problems.push(`${where(token.startIndex + m.index)}: \`${word}\` has no scope`);
      }
    }
    lastScopes = openScopes(result.tokens);
    stack = result.ruleStack;
  });
  if (stack.depth > 1) {
    problems.push(`${path.relative(process.cwd(), file)}:${lines.length}: file ends inside an open block (${lastScopes})`);
  }
  return { problems, lines: lines.length, tokens: tokenCount };
}

async function main() {
  let files = process.argv.slice(2);
  if (files.length === 0) {
    const dir = path.resolve(here, "..", "..", "rules");
    files = fs.readdirSync(dir).filter((f) => f.endsWith(".toets")).sort().map((f) => path.join(dir, f));
  }
  if (files.length === 0) throw new Error("no rule files to check");
  const grammar = await loadGrammar();
  let failed = 0;
  let lines = 0;
  let tokens = 0;
  for (const file of files) {
    const r = checkFile(grammar, file);
    lines += r.lines;
    tokens += r.tokens;
    if (r.problems.length > 0) {
      failed++;
      for (const p of r.problems.slice(0, 50)) console.error(p);
      if (r.problems.length > 50) console.error(`… and ${r.problems.length - 50} more in ${file}`);
    }
  }
  console.log(`tokenised ${files.length} rule files, ${lines} lines, ${tokens} tokens`);
  console.log(`rules: ${files.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
