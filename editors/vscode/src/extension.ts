// VS Code client for the toets language server.
//
// The server is the `toets` executable itself (`toets lsp`), speaking LSP over stdio. Which
// executable and which arguments come from the settings `toets.server.path` and
// `toets.server.args`; a change of either restarts the server. No transport is named, so the
// client passes the arguments exactly as configured (naming `stdio` would append `--stdio`).

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let watcher: vscode.FileSystemWatcher | undefined;

interface ServerCommand {
  command: string;
  args: string[];
}

/** The command that starts the server, from the settings. */
export function serverCommand(config: vscode.WorkspaceConfiguration): ServerCommand {
  const path = config.get<string>("server.path", "toets").trim();
  const args = config.get<string[]>("server.args", ["lsp"]);
  return {
    command: path === "" ? "toets" : path,
    args: Array.isArray(args) ? args.map(String) : ["lsp"],
  };
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const { command, args } = serverCommand(vscode.workspace.getConfiguration("toets"));
  const serverOptions: ServerOptions = { command, args };
  if (output === undefined) {
    output = vscode.window.createOutputChannel("toets");
    context.subscriptions.push(output);
  }
  if (watcher === undefined) {
    watcher = vscode.workspace.createFileSystemWatcher("**/*.toets");
    context.subscriptions.push(watcher);
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "toets" },
      { scheme: "untitled", language: "toets" },
    ],
    outputChannel: output,
    synchronize: {
      fileEvents: watcher,
    },
  };
  client = new LanguageClient("toets", "toets language server", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window
      .showErrorMessage(
        `toets: could not start the language server \`${command} ${args.join(" ")}\`: ${message}. ` +
          "Install toets or set `toets.server.path`.",
        "Open settings",
      )
      .then((choice) => {
        if (choice === "Open settings") {
          void vscode.commands.executeCommand("workbench.action.openSettings", "toets.server");
        }
      });
    client = undefined;
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch {
      // A server that never started or already died cannot be stopped; nothing to do.
    }
  }
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("toets.restartServer", () => restartClient(context)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("toets.server")) {
        void restartClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
