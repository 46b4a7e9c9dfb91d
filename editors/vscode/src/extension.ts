// The msglint extension: starts `msglint lsp` (from the PATH or the `msglint.path`
// setting) and hands it the documents of the languages below. Everything else (findings,
// quick fixes, hovers, the platform file's errors) comes from the server.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

/** The languages checked as they are typed (package.json activates on the same). */
export const LANGUAGES = [
  "markdown",
  "mdx",
  "html",
  "plaintext",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
  "vue",
  "svelte",
  "astro",
  "liquid",
  "handlebars",
  "nunjucks",
  "json",
  "yaml",
  "toml",
  "po",
];

let client: LanguageClient | undefined;

function create(): LanguageClient {
  const config = vscode.workspace.getConfiguration("msglint");
  const command = config.get<string>("path") || "msglint";
  const args = ["lsp"];
  const platform = config.get<string>("platform");
  if (platform) {
    args.push("--platform", platform);
  }
  const serverOptions: ServerOptions = {
    command,
    args,
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: "file", language })),
    initializationOptions: { debounceMs: config.get<number>("debounceMs") ?? 0 },
    synchronize: {
      // Decks, Word files and PDFs are checked when they change on disk; the platform
      // file is re-read when it is saved.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{*.pptx,*.pptm,*.potx,*.ppsx,*.docx,*.pdf,msglint.yaml,.msglint.yaml}",
      ),
    },
  };
  return new LanguageClient("msglint", "msglint", serverOptions, clientOptions);
}

async function restart(): Promise<void> {
  if (client) {
    await client.stop();
  }
  client = create();
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("msglint.restart", restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("msglint")) {
        void restart();
      }
    }),
  );
  try {
    await restart();
  } catch (e) {
    void vscode.window.showErrorMessage(
      `msglint: could not start \`msglint lsp\` (${e}). Install msglint or set "msglint.path".`,
    );
  }
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
