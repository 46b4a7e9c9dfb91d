//! `msglint lsp`: the language server, on stdin/stdout (`lsp-server` + `lsp-types`, as
//! rust-analyzer uses; no async runtime).
//!
//! Owns: the session (documents as the editor holds them, incremental edits, the platform
//! as loaded and as typed), turning the engine's findings into LSP diagnostics, code
//! actions and hovers. Checks run on the main loop: every change already waiting is
//! applied before one check of each changed document (edits typed faster than a check
//! fold into one), after an optional quiet time (`debounceMs` in the initialization
//! options). Must not: read formats or decide findings (the engine API does), exit (the
//! command does).
//!
//! What it serves: Markdown, HTML, text and the web source formats as they are typed;
//! decks, Word files and PDFs of the workspace at start (one per idle turn of the loop),
//! and when opened, saved or changed on disk (watched files), their findings published
//! against the file; the platform file's own errors as it is
//! typed, and every document re-checked when it is saved.

mod actions;
pub mod uri;

use crate::diagnostic::Severity;
use crate::document::{Kind, LineIndex};
use crate::engine::{self, Engine, Failure, Finding, Utf16Pos};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where a rule's documentation is read (`codeDescription`).
pub const RULE_DOCS: &str = "https://github.com/msglint/msglint/blob/main/rules/";

/// Findings listed per document (as `check --max-findings-per-file` by default).
const MAX_FINDINGS: usize = 1000;

/// How the session ended.
pub enum Ended {
    /// `shutdown`, then `exit`.
    Clean,
    /// `exit` without `shutdown`, or the client went away.
    WithoutShutdown,
}

/// One document the server follows.
struct Doc {
    uri: lt::Uri,
    path: Option<PathBuf>,
    kind: Option<Kind>,
    /// The editor's text (empty for decks, Word files and PDFs, which are read from disk).
    text: String,
    version: Option<i32>,
    /// Opened in the editor (else: a deck or PDF seen through a watched-file event).
    open: bool,
    /// The last check: findings placed in `source`, and the facts for cross-file steps.
    findings: Vec<Finding>,
    facts: Vec<crate::check::Fact>,
    /// The text the findings' ranges count in (the extract text for decks and PDFs).
    source: String,
    /// What was last published (own findings and cross-file ones), for code actions.
    published: Vec<Finding>,
    /// The path findings name: relative to the workspace folder when inside it.
    shown: String,
    /// Checked since it was last published.
    stale: bool,
    /// The fingerprints of the cross-file findings last published on it.
    cross: Vec<String>,
}

impl Doc {
    fn new(uri: lt::Uri, path: Option<PathBuf>, kind: Option<Kind>, text: String) -> Doc {
        Doc {
            uri,
            path,
            kind,
            text,
            version: None,
            open: false,
            findings: Vec::new(),
            facts: Vec::new(),
            source: String::new(),
            published: Vec::new(),
            shown: String::new(),
            stale: true,
            cross: Vec::new(),
        }
    }
    fn binary(&self) -> bool {
        self.kind
            .is_some_and(|k| k.is_container() || k == Kind::Pdf)
    }
    fn display(&self) -> String {
        self.shown.clone()
    }
}

struct Server {
    conn: Connection,
    /// `--platform`, else found from the workspace folder (else the current directory) up.
    platform_path: Option<PathBuf>,
    /// The platform in use: the last one that loaded (a broken edit keeps it).
    engine: Option<Engine>,
    /// The platform's own problems as published on its file.
    platform_diags: Vec<lt::Diagnostic>,
    docs: BTreeMap<String, Doc>,
    /// Documents to check, and when (the quiet time after their last change).
    dirty: BTreeMap<String, Instant>,
    /// Platform files typed into, to validate when quiet.
    platform_dirty: BTreeMap<String, Instant>,
    debounce: Duration,
    shutdown: bool,
    next_request: i32,
    /// The workspace folder.
    root: Option<PathBuf>,
    /// Decks, Word files and PDFs of the workspace still to check, one at a time when
    /// the editor has nothing waiting.
    scan: std::collections::VecDeque<PathBuf>,
}

/// At most this many decks, Word files and PDFs are checked when the server starts.
const SCAN_MAX: usize = 2000;

/// Run the server until the client says `exit` (or goes away).
pub fn run(platform: Option<&Path>) -> Result<Ended, Failure> {
    let (conn, io) = Connection::stdio();
    let ended = serve(conn, platform);
    // The writer thread ends once the connection's sender is dropped (inside `serve`).
    let joined = io.join();
    let ended = ended?;
    if let Err(e) = joined
        && matches!(ended, Ended::Clean)
    {
        return Err(Failure::msg(format!("lsp: {e}")));
    }
    Ok(ended)
}

fn serve(conn: Connection, platform: Option<&Path>) -> Result<Ended, Failure> {
    let (id, params) = conn
        .initialize_start()
        .map_err(|e| Failure::msg(format!("lsp: {e}")))?;
    let params: lt::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or({
            #[allow(deprecated)]
            params.root_uri.as_ref()
        })
        .and_then(uri::to_path);
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0)
        .min(5_000);
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let result = lt::InitializeResult {
        capabilities: capabilities(),
        server_info: Some(lt::ServerInfo {
            name: "msglint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| Failure::msg(format!("lsp: {e}")))?;
    conn.initialize_finish(id, result)
        .map_err(|e| Failure::msg(format!("lsp: {e}")))?;
    let platform_path = match platform {
        Some(p) => Some(std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())),
        None => root
            .as_deref()
            .and_then(crate::platform::discover)
            .or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| crate::platform::discover(&d))
            }),
    };
    let mut server = Server {
        conn,
        platform_path,
        engine: None,
        platform_diags: Vec::new(),
        docs: BTreeMap::new(),
        dirty: BTreeMap::new(),
        platform_dirty: BTreeMap::new(),
        debounce: Duration::from_millis(debounce),
        shutdown: false,
        next_request: 0,
        root,
        scan: Default::default(),
    };
    server.load_platform();
    server.queue_workspace();
    if watch {
        server.register_watchers();
    }
    server.main_loop()
}

fn capabilities() -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lt::TextDocumentSyncSaveOptions::SaveOptions(
                    lt::SaveOptions {
                        include_text: Some(false),
                    },
                )),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lt::CodeActionKind::QUICKFIX,
                    lt::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

impl Server {
    fn main_loop(&mut self) -> Result<Ended, Failure> {
        loop {
            let next = self
                .dirty
                .values()
                .chain(self.platform_dirty.values())
                .min()
                .copied();
            let idle_work = !self.scan.is_empty();
            let msg = match (next, idle_work) {
                (None, false) => match self.conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(Ended::WithoutShutdown),
                },
                (at, _) => {
                    let wait = match at {
                        Some(_) if idle_work => Duration::ZERO,
                        Some(at) => at.saturating_duration_since(Instant::now()),
                        None => Duration::ZERO,
                    };
                    match self.conn.receiver.recv_timeout(wait) {
                        Ok(m) => m,
                        Err(e) => {
                            if e.is_disconnected() {
                                return Ok(Ended::WithoutShutdown);
                            }
                            // Nothing waiting: the edits whose quiet time is over, else
                            // one file of the workspace scan.
                            if !self.flush(false) {
                                self.scan_one();
                            }
                            continue;
                        }
                    }
                }
            };
            if let Message::Notification(n) = &msg
                && n.method == "exit"
            {
                return Ok(if self.shutdown {
                    Ended::Clean
                } else {
                    Ended::WithoutShutdown
                });
            }
            // One message that trips a bug must not end the session: it is logged, the
            // editor keeps its server (a request still gets an answer).
            let id = match &msg {
                Message::Request(r) => Some(r.id.clone()),
                _ => None,
            };
            let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match msg {
                Message::Request(req) => self.request(req),
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }));
            if handled.is_err() {
                if let Some(id) = id {
                    self.send(
                        Response::new_err(
                            id,
                            lsp_server::ErrorCode::InternalError as i32,
                            "internal error in msglint lsp".into(),
                        )
                        .into(),
                    );
                }
                self.log(
                    lt::MessageType::ERROR,
                    "msglint: internal error while handling a message (the server goes on)".into(),
                );
            }
        }
    }

    fn send(&self, m: Message) {
        let _ = self.conn.sender.send(m);
    }

    fn notify<N: lt::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )));
    }

    fn log(&self, typ: lt::MessageType, message: String) {
        self.notify::<lt::notification::LogMessage>(lt::LogMessageParams { typ, message });
    }

    fn register_watchers(&mut self) {
        self.next_request += 1;
        let options = lt::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lt::FileSystemWatcher {
                glob_pattern: lt::GlobPattern::String(
                    "**/{*.pptx,*.pptm,*.potx,*.ppsx,*.docx,*.pdf,msglint.yaml,.msglint.yaml}"
                        .into(),
                ),
                kind: None,
            }],
        };
        let params = lt::RegistrationParams {
            registrations: vec![lt::Registration {
                id: "msglint-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Message::Request(Request::new(
            RequestId::from(format!("msglint-{}", self.next_request)),
            "client/registerCapability".into(),
            params,
        )));
    }

    // ---- requests ----

    fn request(&mut self, req: Request) {
        if self.shutdown {
            let resp = Response::new_err(
                req.id,
                lsp_server::ErrorCode::InvalidRequest as i32,
                "shutdown was requested".into(),
            );
            self.send(resp.into());
            return;
        }
        let id = req.id.clone();
        let result: Result<serde_json::Value, String> = match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            "textDocument/codeAction" => req
                .extract::<lt::CodeActionParams>("textDocument/codeAction")
                .map_err(|e| format!("{e:?}"))
                .map(|(_, p)| {
                    self.flush_one(p.text_document.uri.as_str());
                    let key = p.text_document.uri.as_str().to_owned();
                    let actions = self
                        .docs
                        .get(&key)
                        .map(|d| actions::code_actions(d, &p))
                        .unwrap_or_default();
                    serde_json::to_value(actions).unwrap_or_default()
                }),
            "textDocument/hover" => req
                .extract::<lt::HoverParams>("textDocument/hover")
                .map_err(|e| format!("{e:?}"))
                .map(|(_, p)| {
                    let uri = &p.text_document_position_params.text_document.uri;
                    self.flush_one(uri.as_str());
                    let pos = p.text_document_position_params.position;
                    let hover = self
                        .docs
                        .get(uri.as_str())
                        .and_then(|d| actions::hover(d, pos));
                    serde_json::to_value(hover).unwrap_or_default()
                }),
            _ => {
                let resp = Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("msglint lsp does not handle {}", req.method),
                );
                self.send(resp.into());
                return;
            }
        };
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, e),
        };
        self.send(resp.into());
    }

    // ---- notifications ----

    fn notification(&mut self, n: Notification) {
        use lt::notification::{self as ln, Notification as _};
        match n.method.as_str() {
            ln::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lt::DidOpenTextDocumentParams>(ln::DidOpenTextDocument::METHOD)
                {
                    self.open(p.text_document);
                }
            }
            ln::DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lt::DidChangeTextDocumentParams>(ln::DidChangeTextDocument::METHOD)
                {
                    self.change(p);
                }
            }
            ln::DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lt::DidSaveTextDocumentParams>(ln::DidSaveTextDocument::METHOD)
                {
                    self.saved(&p.text_document.uri);
                }
            }
            ln::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    n.extract::<lt::DidCloseTextDocumentParams>(ln::DidCloseTextDocument::METHOD)
                {
                    self.close(&p.text_document.uri);
                }
            }
            ln::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    n.extract::<lt::DidChangeWatchedFilesParams>(ln::DidChangeWatchedFiles::METHOD)
                {
                    for ev in p.changes {
                        self.watched(&ev.uri, ev.typ);
                    }
                }
            }
            _ => {}
        }
    }

    /// A document, named in findings relative to the workspace folder (as `check` run
    /// there names it), else by its full path.
    fn doc(&self, uri: lt::Uri, path: Option<PathBuf>, kind: Option<Kind>, text: String) -> Doc {
        let shown = match &path {
            Some(p) => self
                .root
                .as_deref()
                .and_then(|r| p.strip_prefix(r).ok())
                .unwrap_or(p)
                .display()
                .to_string(),
            None => uri.as_str().to_owned(),
        };
        let mut d = Doc::new(uri, path, kind, text);
        d.shown = shown;
        d
    }

    fn is_platform_file(&self, path: Option<&Path>) -> bool {
        let Some(path) = path else { return false };
        if self.platform_path.as_deref() == Some(path) {
            return true;
        }
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| crate::platform::FILE_NAMES.contains(&n))
    }

    fn open(&mut self, td: lt::TextDocumentItem) {
        let path = uri::to_path(&td.uri);
        // No platform above the workspace folder: the nearest one above the first document
        // opened that has one (a platform kept in a subdirectory of the repository).
        if self.platform_path.is_none()
            && let Some(found) = path
                .as_deref()
                .and_then(Path::parent)
                .and_then(crate::platform::discover)
        {
            self.platform_path = Some(found);
            self.load_platform();
        }
        let kind = path.as_deref().and_then(Kind::from_path);
        let key = td.uri.as_str().to_owned();
        let is_platform = self.is_platform_file(path.as_deref());
        let mut doc = self.doc(td.uri, path, kind, td.text);
        doc.version = Some(td.version);
        doc.open = true;
        let binary = doc.binary();
        self.docs.insert(key.clone(), doc);
        if is_platform {
            self.validate_platform_text(&key);
        } else if binary {
            self.check_binary(&key);
            self.publish_all();
        } else {
            self.dirty.insert(key, Instant::now());
        }
    }

    fn change(&mut self, p: lt::DidChangeTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_owned();
        let Some(doc) = self.docs.get_mut(&key) else {
            return;
        };
        if doc.binary() {
            return;
        }
        for c in p.content_changes {
            match c.range {
                None => doc.text = c.text,
                Some(r) => {
                    let lines = LineIndex::new(&doc.text);
                    let a = engine::document::utf16_offset(&doc.text, &lines, pos(r.start));
                    let b = engine::document::utf16_offset(&doc.text, &lines, pos(r.end));
                    let (a, b) = (a.min(b), a.max(b));
                    doc.text.replace_range(a..b, &c.text);
                }
            }
        }
        doc.version = Some(p.text_document.version);
        let path = doc.path.clone();
        let platform = self.is_platform_file(path.as_deref());
        let at = Instant::now() + self.debounce;
        if platform {
            self.platform_dirty.insert(key, at);
        } else {
            self.dirty.insert(key, at);
        }
    }

    fn saved(&mut self, u: &lt::Uri) {
        let path = uri::to_path(u);
        if self.is_platform_file(path.as_deref()) {
            // The saved file is the platform in use (or becomes it, when none loaded).
            if self.platform_path.as_deref() == path.as_deref() || self.engine.is_none() {
                if self.platform_path.is_none() {
                    self.platform_path = path;
                }
                self.load_platform();
            } else {
                self.validate_platform_text(u.as_str());
            }
            return;
        }
        let key = u.as_str().to_owned();
        if self.docs.get(&key).is_some_and(Doc::binary) {
            self.check_binary(&key);
            self.publish_all();
        }
    }

    fn close(&mut self, u: &lt::Uri) {
        let key = u.as_str();
        self.dirty.remove(key);
        self.platform_dirty.remove(key);
        if let Some(doc) = self.docs.remove(key) {
            let path = doc.path.clone();
            if self.is_platform_file(path.as_deref()) && self.platform_path == path {
                // Closed unsaved: its problems as they are on disk stay listed.
                self.publish(&doc.uri, self.platform_diags.clone(), None);
                return;
            }
            self.publish(&doc.uri, Vec::new(), None);
            self.publish_all();
        }
    }

    fn watched(&mut self, u: &lt::Uri, typ: lt::FileChangeType) {
        let path = uri::to_path(u);
        if self.is_platform_file(path.as_deref()) && self.platform_path == path {
            if !self.docs.get(u.as_str()).is_some_and(|d| d.open) {
                self.load_platform();
            }
            return;
        }
        let Some(kind) = path.as_deref().and_then(Kind::from_path) else {
            return;
        };
        if !(kind.is_container() || kind == Kind::Pdf) {
            return;
        }
        let key = u.as_str().to_owned();
        if typ == lt::FileChangeType::DELETED {
            if self.docs.remove(&key).is_some() {
                self.publish(u, Vec::new(), None);
                self.publish_all();
            }
            return;
        }
        if !self.docs.contains_key(&key) {
            let doc = self.doc(u.clone(), path, Some(kind), String::new());
            self.docs.insert(key.clone(), doc);
        }
        self.check_binary(&key);
        self.publish_all();
    }

    // ---- the platform ----

    /// (Re)load the platform from disk; on success re-check every document, on failure
    /// keep the previous one and publish the errors on the platform file.
    fn load_platform(&mut self) {
        let Some(path) = self.platform_path.clone() else {
            self.log(
                lt::MessageType::WARNING,
                "msglint: no msglint.yaml or .msglint.yaml in the workspace or a parent; run `msglint init` to write one".into(),
            );
            return;
        };
        let Some(platform_uri) = uri::from_path(&path) else {
            return;
        };
        match engine::load_platform(&path) {
            Ok(loaded) => {
                let mut e = Engine::new(loaded);
                // As `check` lists them by default: the first 1,000 findings of a file (a
                // minified page with 200,000 would only slow the editor down).
                e.max_findings = Some(MAX_FINDINGS);
                self.engine = Some(e);
                self.platform_diags.clear();
                self.log(
                    lt::MessageType::INFO,
                    format!("msglint: platform {} loaded", path.display()),
                );
                let keys: Vec<String> = self.docs.keys().cloned().collect();
                for k in keys {
                    let Some(d) = self.docs.get(&k) else { continue };
                    if d.binary() {
                        self.check_binary(&k);
                    } else if !self.is_platform_file(d.path.clone().as_deref()) {
                        self.check_text(&k);
                    }
                }
                self.publish(&platform_uri, Vec::new(), None);
                self.publish_all();
            }
            Err(crate::platform::LoadError::Io(p, err)) => {
                self.log(
                    lt::MessageType::ERROR,
                    format!("msglint: cannot read platform file {}: {err}", p.display()),
                );
            }
            Err(crate::platform::LoadError::Invalid { source, errors, .. }) => {
                let diags = platform_diagnostics(&source, &errors);
                self.log(
                    lt::MessageType::ERROR,
                    format!(
                        "msglint: {} has {} error{}; {}",
                        path.display(),
                        errors.len(),
                        if errors.len() == 1 { "" } else { "s" },
                        if self.engine.is_some() {
                            "still checking against the version from before"
                        } else {
                            "nothing is checked until it is fixed"
                        }
                    ),
                );
                self.platform_diags = diags.clone();
                self.publish(&platform_uri, diags, None);
            }
        }
    }

    /// Validate a platform file as it is typed (not yet saved).
    fn validate_platform_text(&mut self, key: &str) {
        self.platform_dirty.remove(key);
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let diags = match engine::validate_platform(&doc.text) {
            Ok(_) => Vec::new(),
            Err(errors) => platform_diagnostics(&doc.text, &errors),
        };
        let (u, v) = (doc.uri.clone(), doc.version);
        self.publish(&u, diags, v);
    }

    // ---- checking ----

    /// Check the documents whose quiet time is over (`all`: every changed one); whether
    /// there were any.
    fn flush(&mut self, all: bool) -> bool {
        let now = Instant::now();
        let due: Vec<String> = self
            .platform_dirty
            .iter()
            .filter(|(_, t)| all || **t <= now)
            .map(|(k, _)| k.clone())
            .collect();
        let validated = !due.is_empty();
        for k in due {
            self.validate_platform_text(&k);
        }
        let due: Vec<String> = self
            .dirty
            .iter()
            .filter(|(_, t)| all || **t <= now)
            .map(|(k, _)| k.clone())
            .collect();
        if due.is_empty() {
            return validated;
        }
        for k in &due {
            self.dirty.remove(k);
            self.check_text(k);
        }
        self.publish_all();
        true
    }

    /// Queue the workspace's decks, Word files and PDFs (found as `check` finds them:
    /// `.gitignore` and dependencies left out), so the Problems panel lists them from the
    /// start.
    fn queue_workspace(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let Ok(filters) = crate::discover::Filters::new(&[], &[]) else {
            return;
        };
        let Ok(found) =
            crate::discover::collect_all(&[root.to_string_lossy().into_owned()], &filters)
        else {
            return;
        };
        let binary: Vec<PathBuf> = found
            .inputs
            .into_iter()
            .map(|i| i.path)
            .filter(|p| Kind::from_path(p).is_some_and(|k| k.is_container() || k == Kind::Pdf))
            .collect();
        if binary.len() > SCAN_MAX {
            self.log(
                lt::MessageType::INFO,
                format!(
                    "msglint: {} decks, Word files and PDFs in the workspace; the first {SCAN_MAX} are checked now, the others when they change",
                    binary.len()
                ),
            );
        }
        self.scan = binary
            .into_iter()
            .take(SCAN_MAX)
            .map(|p| std::path::absolute(&p).unwrap_or(p))
            .collect();
    }

    /// Check the next file of the workspace scan (one opened or seen since is skipped).
    fn scan_one(&mut self) {
        let Some(path) = self.scan.pop_front() else {
            return;
        };
        let Some(u) = uri::from_path(&path) else {
            return;
        };
        let key = u.as_str().to_owned();
        if self.docs.contains_key(&key) {
            return;
        }
        let kind = Kind::from_path(&path);
        let doc = self.doc(u, Some(path), kind, String::new());
        self.docs.insert(key.clone(), doc);
        self.check_binary(&key);
        self.publish_all();
    }

    /// Bring one document up to date before answering about it.
    fn flush_one(&mut self, key: &str) {
        if self.platform_dirty.contains_key(key) {
            self.validate_platform_text(key);
        }
        if self.dirty.remove(key).is_some() {
            self.check_text(key);
            self.publish_all();
        }
    }

    fn check_text(&mut self, key: &str) {
        let Some(engine) = &self.engine else { return };
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        let (Some(kind), Some(path)) = (doc.kind, doc.path.clone()) else {
            return;
        };
        doc.stale = true;
        if !engine::reads(engine, &path) {
            doc.findings.clear();
            doc.facts.clear();
            return;
        }
        let display = doc.display();
        let r = engine::check_document(engine, kind, doc.text.as_bytes(), &display, &path);
        doc.findings = r.findings;
        doc.facts = r.facts;
        doc.source = r.source;
    }

    fn check_binary(&mut self, key: &str) {
        let Some(engine) = &self.engine else { return };
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        let (Some(kind), Some(path)) = (doc.kind, doc.path.clone()) else {
            return;
        };
        let display = doc.display();
        let r = match std::fs::read(&path) {
            Ok(bytes) => engine::check_document(engine, kind, &bytes, &display, &path),
            Err(e) => {
                self.log(
                    lt::MessageType::WARNING,
                    format!("msglint: cannot read {}: {e}", path.display()),
                );
                return;
            }
        };
        doc.findings = r.findings;
        doc.facts = r.facts;
        doc.source = r.source;
        doc.stale = true;
    }

    /// Publish the findings of every document checked since its last publication, and of
    /// every document whose cross-file findings changed, with the cross-file steps run over
    /// all of them (a conflict is listed on each side, pointing at the others).
    fn publish_all(&mut self) {
        let min = self
            .engine
            .as_ref()
            .map_or(crate::diagnostic::Confidence::Medium, |e| e.min_confidence);
        let facts: Vec<crate::check::Fact> = self
            .docs
            .values()
            .flat_map(|d| d.facts.iter().cloned())
            .collect();
        let mut cross: HashMap<String, Vec<crate::diagnostic::Diagnostic>> = HashMap::new();
        for d in engine::cross_file(facts, min) {
            cross.entry(d.path.clone()).or_default().push(d);
        }
        let by_display: HashMap<String, lt::Uri> = self
            .docs
            .values()
            .map(|d| (d.display(), d.uri.clone()))
            .collect();
        let keys: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| !self.is_platform_file(d.path.as_deref()))
            .map(|(k, _)| k.clone())
            .collect();
        for k in keys {
            let Some(doc) = self.docs.get_mut(&k) else {
                continue;
            };
            let extra = cross.remove(&doc.display()).unwrap_or_default();
            let fps: Vec<String> = extra.iter().map(|d| d.fingerprint.clone()).collect();
            if !doc.stale && fps == doc.cross {
                continue;
            }
            doc.stale = false;
            doc.cross = fps;
            let mut all = doc.findings.clone();
            if !extra.is_empty() {
                let lines = LineIndex::new(&doc.source);
                all.extend(
                    extra
                        .into_iter()
                        .map(|d| engine::document::place(d, &doc.source, &lines)),
                );
            }
            let binary = doc.binary();
            let diags: Vec<lt::Diagnostic> = all
                .iter()
                .map(|f| to_lsp(f, binary, &by_display, &doc.source))
                .collect();
            doc.published = all;
            let (u, v) = (doc.uri.clone(), if doc.open { doc.version } else { None });
            self.publish(&u, diags, v);
        }
    }

    fn publish(&self, u: &lt::Uri, diagnostics: Vec<lt::Diagnostic>, version: Option<i32>) {
        self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
            uri: u.clone(),
            diagnostics,
            version,
        });
    }
}

fn pos(p: lt::Position) -> Utf16Pos {
    Utf16Pos {
        line: p.line,
        character: p.character,
    }
}

fn lsp_pos(p: Utf16Pos) -> lt::Position {
    lt::Position {
        line: p.line,
        character: p.character,
    }
}

fn range(f: &Finding) -> lt::Range {
    lt::Range {
        start: lsp_pos(f.start),
        end: lsp_pos(f.end),
    }
}

/// A finding as an LSP diagnostic. Decks, Word files and PDFs have no text in the editor:
/// their findings sit at the file's start, the place in words before the message.
fn to_lsp(
    f: &Finding,
    binary: bool,
    by_display: &HashMap<String, lt::Uri>,
    source: &str,
) -> lt::Diagnostic {
    use std::str::FromStr;
    let d = &f.diagnostic;
    let mut message = if binary {
        format!("{}: {}", crate::fix::file::place(d), d.message)
    } else {
        d.message.clone()
    };
    if d.confidence != crate::diagnostic::Confidence::High {
        message.push_str(&format!(" ({} confidence)", d.confidence.as_str()));
    }
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let u = by_display.get(&r.path).cloned().or_else(|| {
                let p = Path::new(&r.path);
                p.is_absolute().then(|| uri::from_path(p)).flatten()
            })?;
            let at = lt::Position {
                line: r.line.saturating_sub(1),
                character: r.column.saturating_sub(1),
            };
            Some(lt::DiagnosticRelatedInformation {
                location: lt::Location {
                    uri: u,
                    range: lt::Range { start: at, end: at },
                },
                message: "the same statement, another number".into(),
            })
        })
        .collect();
    let _ = source;
    lt::Diagnostic {
        range: if binary {
            lt::Range::default()
        } else {
            range(f)
        },
        severity: Some(match d.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
            Severity::Info => lt::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lt::NumberOrString::String(d.rule.to_owned())),
        code_description: lt::Uri::from_str(&format!("{RULE_DOCS}{}.md", d.rule))
            .ok()
            .map(|href| lt::CodeDescription { href }),
        source: Some("msglint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({
            "confidence": d.confidence.as_str(),
            "fingerprint": d.fingerprint,
            "suggestion": d.suggestion,
        })),
    }
}

/// The platform's validation errors as diagnostics of its text.
fn platform_diagnostics(
    source: &str,
    errors: &[crate::platform::PlatformError],
) -> Vec<lt::Diagnostic> {
    let lines = LineIndex::new(source);
    errors
        .iter()
        .map(|e| {
            let start = e.pos.offset.min(source.len());
            let end = (start + e.len.max(1)).min(source.len());
            let a = engine::document::utf16_pos(source, &lines, start);
            let b = engine::document::utf16_pos(source, &lines, end.max(start));
            let mut message = format!("{} ({})", e.message, e.label);
            if let Some(h) = &e.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            lt::Diagnostic {
                range: lt::Range {
                    start: lsp_pos(a),
                    end: lsp_pos(b),
                },
                severity: Some(lt::DiagnosticSeverity::ERROR),
                code: Some(lt::NumberOrString::String("platform".into())),
                source: Some("msglint".into()),
                message,
                ..Default::default()
            }
        })
        .collect()
}
