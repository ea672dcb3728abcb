#!/usr/bin/env node
// Loads the bundled client (dist/extension.js) outside VS Code, with a stand-in for the `vscode`
// module, and runs activate(): the bundle must be complete (no missing module), read the two
// settings, register the restart command, and start the configured server command with the
// configured arguments. The stand-in records what the client asks of VS Code; the language
// client's own protocol work is not exercised here (that needs VS Code itself).

"use strict";
const Module = require("module");
const path = require("path");
const assert = require("assert");
const childProcess = require("child_process");

const registered = [];
const spawned = [];
const errors = [];

// Anything not given below is a do-nothing stand-in that can be called, constructed,
// subclassed and read from, so that the language client's module-level code can run.
function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(t, prop) {
      if (prop === "prototype") return t.prototype;
      if (prop === Symbol.toPrimitive) return () => `[stub ${name}]`;
      if (prop === "then") return undefined; // not a promise
      if (!(prop in t)) t[prop] = stub(`${name}.${String(prop)}`);
      return t[prop];
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

const settings = { "server.path": "/opt/toets/bin/toets", "server.args": ["lsp", "--verbose"] };
const vscode = stub("vscode");
const disposable = { dispose() {} };
const fakeVscode = new Proxy(
  {
    version: "1.82.0",
    workspace: new Proxy(
      {
        getConfiguration: (section) => {
          assert.strictEqual(section, "toets");
          return { get: (key, dflt) => (key in settings ? settings[key] : dflt) };
        },
        onDidChangeConfiguration: () => disposable,
        createFileSystemWatcher: () => stub("watcher"),
        textDocuments: [],
        workspaceFolders: undefined,
      },
      { get: (t, p) => (p in t ? t[p] : vscode.workspace[p]) },
    ),
    window: new Proxy(
      {
        showErrorMessage: (message) => {
          errors.push(message);
          return Promise.resolve(undefined);
        },
      },
      { get: (t, p) => (p in t ? t[p] : vscode.window[p]) },
    ),
    commands: new Proxy(
      {
        registerCommand: (id, fn) => {
          registered.push(id);
          return disposable;
        },
      },
      { get: (t, p) => (p in t ? t[p] : vscode.commands[p]) },
    ),
  },
  { get: (t, p) => (p in t ? t[p] : vscode[p]) },
);

// Record the server process the client starts instead of starting it.
childProcess.spawn = (command, args) => {
  spawned.push({ command, args });
  throw new Error("spawn recorded by the test");
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return fakeVscode;
  return load.call(this, request, parent, isMain);
};

async function main() {
  const ext = require(path.resolve(__dirname, "..", "dist", "extension.js"));
  assert.strictEqual(typeof ext.activate, "function", "activate is exported");
  assert.strictEqual(typeof ext.deactivate, "function", "deactivate is exported");
  const context = { subscriptions: [] };
  await Promise.race([
    ext.activate(context),
    new Promise((_, reject) => setTimeout(() => reject(new Error("activate() did not finish")), 5000).unref()),
  ]);
  assert.deepStrictEqual(registered, ["toets.restartServer"], "the restart command is registered");
  assert.ok(spawned.length >= 1, "the server is started");
  assert.deepStrictEqual(spawned[0], { command: "/opt/toets/bin/toets", args: ["lsp", "--verbose"] });
  // The recorded spawn fails, as a missing executable would: the client must say so, naming
  // the command and the setting.
  assert.ok(
    errors.some((m) => m.includes("/opt/toets/bin/toets lsp --verbose") && m.includes("toets.server.path")),
    `an error message names the command and the setting: ${JSON.stringify(errors)}`,
  );
  await ext.deactivate();
  console.log("client: 1 passed, 0 failed");
}

main().catch((err) => {
  console.error(err);
  console.log("client: 0 passed, 1 failed");
  process.exit(1);
});
