//! `msglint serve`: the rep's page and its JSON API, on a small `std::net` server
//! (`serve/http.rs`).
//!
//! Owns: the HTTP routes (`GET /`, `POST /api/check`, `POST /api/fix`, `GET /api/status`,
//! `GET /api/rules`), who may call them (the Host, the Origin, the token of a non-loopback
//! listener), upload limits and parsing (multipart field `file`, or a raw body),
//! reloading the platform when its file changes, and the page's assets (compiled in, no
//! CDN). Every upload is processed in memory under the same per-file budget and panic
//! isolation as `check`, and dropped after the response: nothing is written to disk.
//! Must not: parse formats, implement rules, or correct files (`fix_file` does).

use crate::audit::html::base64;
use crate::check::Engine;
use crate::cli::ServeArgs;
use crate::document::Kind;
use crate::engine::Failure;
use crate::fix::file::{self as fix_file, FixError};
use crate::report::{self, FileReport, Report};
use http::{BodyError, Request, Response};
use std::io::{IsTerminal, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, SystemTime};

mod http;

const PAGE: &str = include_str!("serve/page.html");
const SCRIPT: &str = include_str!("serve/page.js");
const STYLE: &str = include_str!("serve/page.css");

/// Findings listed in an `/api/check` answer (the rest are counted), as `check` lists by
/// default: past it they are counted while the file is checked, never built.
const LISTED: usize = 1000;

/// The compiled platform twice: `check` stops listing findings at `LISTED` while it
/// builds them; `fix` sees every finding, since it corrects them all.
struct Engines {
    check: Engine,
    fix: Engine,
}

impl Engines {
    fn new(loaded: crate::platform::Loaded) -> Engines {
        let mut check = Engine::new(loaded.clone());
        check.max_findings = Some(LISTED);
        Engines {
            check,
            fix: Engine::new(loaded),
        }
    }
}

struct State {
    engine: RwLock<Arc<Engines>>,
    platform: PathBuf,
    /// The last reload problem, shown on the page (empty when the platform is fine).
    problem: RwLock<String>,
    /// The same problem in plain words, for the page's banner.
    problem_summary: RwLock<String>,
    company: RwLock<String>,
    max_upload: u64,
    /// Checks running at once (CPU-bound work is bounded by the cores).
    compute: (Mutex<usize>, Condvar),
    slots: usize,
    /// Bytes of uploads held in memory at once (a larger upload waits for room).
    buffered: (Mutex<u64>, Condvar),
    buffer_cap: u64,
    /// The listening address (the Host a request may name, besides loopback ones).
    bound: SocketAddr,
    /// Required on every request when listening beyond loopback.
    token: Option<String>,
    /// Origins besides the page's own that may call the API (`--allow-origin`).
    allow_origins: Vec<String>,
}

struct Permit<'a>(&'a State);

/// Room for one upload's bytes in memory, given back on drop.
struct Room<'a>(&'a State, u64);

impl Drop for Room<'_> {
    fn drop(&mut self) {
        let (lock, cv) = &self.0.buffered;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(self.1);
        cv.notify_all();
    }
}

impl State {
    fn permit(&self) -> Permit<'_> {
        let (lock, cv) = &self.compute;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *used >= self.slots {
            used = cv.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += 1;
        Permit(self)
    }
    fn room(&self, bytes: u64) -> Room<'_> {
        let (lock, cv) = &self.buffered;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + bytes > self.buffer_cap {
            used = cv.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        Room(self, bytes)
    }
    fn engine(&self) -> Arc<Engines> {
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let (lock, cv) = &self.0.compute;
        let mut used = lock.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(1);
        cv.notify_one();
    }
}

fn fail(msg: impl std::fmt::Display) -> Result<(), Failure> {
    Err(Failure::msg(msg))
}

/// `msglint serve`: serves until the process is stopped (or a failure for the command to
/// print).
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let path = match &args.platform {
        Some(p) => p.clone(),
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            match crate::platform::discover(&cwd) {
                Some(p) => p,
                None => {
                    return fail(
                        "no msglint.yaml or .msglint.yaml in this directory or a parent\n  = help: pass --platform FILE (the platform file marketing gave you)",
                    );
                }
            }
        }
    };
    // The file as it is before it is read: an edit made while the server starts is a
    // change the watcher must see.
    let read_stamp = file_stamp(&path);
    let loaded = crate::engine::find_and_load(Some(&path), None, std::io::stderr().is_terminal())?;
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return fail(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        ));
    }
    if args.max_upload_mb == 0 {
        return fail("--max-upload-mb must be at least 1");
    }
    let mut allow_origins = Vec::new();
    for o in &args.allow_origin {
        match origin(o) {
            Some(o) => allow_origins.push(o),
            None => {
                return fail(format!(
                    "--allow-origin {o:?} is not an origin: give the scheme, host and port, as in https://tools.example.com or http://localhost:3000"
                ));
            }
        }
    }
    crate::budget::set_limit(Duration::from_secs_f64(args.timeout));
    let company = loaded.platform.company.name.clone();
    let listener = match std::net::TcpListener::bind((args.bind.as_str(), args.port)) {
        Ok(s) => s,
        Err(e) => return fail(format!("cannot listen on {}:{}: {e}", args.bind, args.port)),
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => return fail(format!("cannot listen on {}:{}: {e}", args.bind, args.port)),
    };
    let loopback = addr.ip().is_loopback();
    let token = (!loopback).then(new_token);
    if !loopback {
        eprintln!(
            "warning: listening on {addr}: other machines on the network can reach this page and send it files (with the token below). Use the default --bind 127.0.0.1 unless you mean it."
        );
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = Arc::new(State {
        engine: RwLock::new(Arc::new(Engines::new(loaded))),
        platform: path.clone(),
        problem: RwLock::new(String::new()),
        problem_summary: RwLock::new(String::new()),
        company: RwLock::new(company),
        max_upload: args.max_upload_mb.saturating_mul(1024 * 1024),
        compute: (Mutex::new(0), Condvar::new()),
        slots: cores.max(1),
        buffered: (Mutex::new(0), Condvar::new()),
        buffer_cap: (args.max_upload_mb.saturating_mul(2 * 1024 * 1024)).max(512 * 1024 * 1024),
        bound: addr,
        token: token.clone(),
        allow_origins,
    });
    let host = if addr.ip().is_unspecified() {
        format!("127.0.0.1:{}", addr.port())
    } else {
        addr.to_string()
    };
    let url = match &token {
        Some(t) => format!("http://{host}/?token={t}"),
        None => format!("http://{host}/"),
    };
    // A closed stdout (a launcher that stopped reading) must not stop the server.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "msglint serve: {url} (platform {})", path.display());
    if let Some(t) = &token {
        let _ = writeln!(
            out,
            "Every request needs the token {t}: open the address above (the page keeps it in a cookie), or send `Authorization: Bearer {t}`."
        );
    }
    let _ = writeln!(
        out,
        "Drop a deck, PDF, Word file or page on the page. Nothing is written to disk. Ctrl-C stops."
    );
    let _ = out.flush();
    {
        let state = state.clone();
        std::thread::spawn(move || watch(&state, read_stamp));
    }
    if args.open {
        open_browser(&url);
    }
    http::serve(listener, Arc::new(move |rq, _peer| handle(&state, rq)));
    Ok(())
}

/// A new random token: 128 bits from the system's random source, in hex.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .is_ok();
    if !from_os {
        // std's hasher keys are drawn from the system's random source once per process.
        use std::hash::{BuildHasher, Hasher};
        for (i, pair) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            h.write_u128(
                SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            pair.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An origin as browsers send it (`scheme://host[:port]`, lower case), or `None`.
fn origin(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = s.split_once("://")?;
    let ok = matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' ']);
    ok.then_some(s)
}

fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if cmd
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("msglint: could not open a browser; open {url} yourself");
    }
}

/// A file's modification time and length, to notice an edit.
fn file_stamp(p: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Re-read the platform when its file changes from `last`, its stamp when it was read
/// (polled every second). A broken edit keeps the previous platform and shows the problem
/// on the page.
fn watch(state: &State, mut last: Option<(SystemTime, u64)>) {
    loop {
        std::thread::sleep(Duration::from_millis(1000));
        let now = file_stamp(&state.platform);
        if now == last {
            continue;
        }
        last = now;
        match crate::platform::load(&state.platform) {
            Ok(loaded) => {
                let company = loaded.platform.company.name.clone();
                *state.engine.write().unwrap_or_else(|e| e.into_inner()) =
                    Arc::new(Engines::new(loaded));
                *state.company.write().unwrap_or_else(|e| e.into_inner()) = company;
                state
                    .problem
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .clear();
                state
                    .problem_summary
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .clear();
                eprintln!("msglint: reloaded {}", state.platform.display());
            }
            Err(e) => {
                let file = state.platform.file_name().map_or_else(
                    || "msglint.yaml".into(),
                    |f| f.to_string_lossy().into_owned(),
                );
                let summary = match &e {
                    crate::platform::LoadError::Io(_, err) => format!(
                        "The message platform ({file}) cannot be read since it changed ({err}). This page keeps checking against the version from before the change."
                    ),
                    crate::platform::LoadError::Invalid { errors, .. } => {
                        let first = errors.first().map_or(String::new(), |e| {
                            format!(
                                " The first is on line {}: {}{}.",
                                e.pos.line,
                                e.message.replace('`', "\""),
                                e.help
                                    .as_deref()
                                    .map(|h| format!(" ({})", h.replace('`', "\"")))
                                    .unwrap_or_default()
                            )
                        });
                        format!(
                            "Someone edited the message platform ({file}) and it now has {} {}, so this page keeps checking against the version from before the edit.{first} Ask whoever looks after it to correct it; the page picks up the fix by itself.",
                            errors.len(),
                            if errors.len() == 1 {
                                "mistake"
                            } else {
                                "mistakes"
                            }
                        )
                    }
                };
                *state
                    .problem_summary
                    .write()
                    .unwrap_or_else(|e| e.into_inner()) = summary;
                let text = match e {
                    crate::platform::LoadError::Io(p, err) => {
                        format!("cannot read platform file {}: {err}", p.display())
                    }
                    crate::platform::LoadError::Invalid {
                        path,
                        source,
                        errors,
                    } => crate::engine::render_platform_errors(
                        &path.to_string_lossy(),
                        &source,
                        &errors,
                        false,
                    ),
                };
                eprintln!(
                    "msglint: {} changed but cannot be used; still using the previous version\n{text}",
                    state.platform.display()
                );
                *state.problem.write().unwrap_or_else(|e| e.into_inner()) = text;
            }
        }
    }
}

type Reply = Response;

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Response::new(status, content_type, body)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
}

fn json_reply(status: u16, v: &serde_json::Value) -> Reply {
    reply(
        status,
        "application/json; charset=utf-8",
        serde_json::to_vec(v).unwrap_or_default(),
    )
}

fn error_reply(status: u16, message: &str) -> Reply {
    json_reply(status, &serde_json::json!({ "error": message }))
}

/// The host name and port of a `Host` header (`name`, `name:port`, `[v6]`, `[v6]:port`),
/// the name in lower case; `None` when it is not of that shape.
fn split_host(host: &str) -> Option<(String, Option<u16>)> {
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        match after {
            "" => (name.to_owned(), None),
            p => (name.to_owned(), Some(p.strip_prefix(':')?)),
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name.to_owned(), Some(port)),
            None => (host.clone(), None),
        }
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// Whether the `Host` a request names is this server: a loopback IP address (parsed, not
/// a name that merely starts like one), `localhost`, or the address it listens on (with
/// any port). On an unspecified address (`0.0.0.0`, `::`) any IP address is this machine
/// as some client reaches it. A DNS name never passes, so a web page cannot reach the
/// server through DNS rebinding.
fn host_ok(state: &State, rq: &Request) -> bool {
    let Some((name, _)) = rq.header("Host").and_then(split_host) else {
        return false;
    };
    if name == "localhost" {
        return true;
    }
    let Ok(ip) = name.parse::<IpAddr>() else {
        return false;
    };
    let bound = state.bound.ip();
    ip.is_loopback() || ip == bound || bound.is_unspecified()
}

/// The request's `Origin` when it is another than the page's own (`None`: same origin or
/// none sent).
fn foreign_origin(rq: &Request) -> Option<String> {
    let o = rq
        .header("Origin")?
        .trim()
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let own = format!(
        "http://{}",
        rq.header("Host").unwrap_or("").trim().to_ascii_lowercase()
    );
    (o != own).then_some(o)
}

/// Whether an API call may be answered: from the page's own origin, from an origin
/// allowed with `--allow-origin`, or from no browser page at all (no `Origin`, and no
/// `Sec-Fetch-Site` saying another site sent it).
fn origin_ok(state: &State, rq: &Request) -> bool {
    match foreign_origin(rq) {
        Some(o) => state.allow_origins.contains(&o),
        None if rq.header("Origin").is_some() => true,
        None => !rq.header("Sec-Fetch-Site").is_some_and(|s| {
            s.eq_ignore_ascii_case("cross-site") || s.eq_ignore_ascii_case("same-site")
        }),
    }
}

/// Equal strings, compared in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cookie_name(state: &State) -> String {
    format!("msglint-token-{}", state.bound.port())
}

/// The token a request carries: `Authorization: Bearer`, the page's cookie, or `?token=`.
fn token_given<'r>(state: &State, rq: &'r Request, query: &'r str) -> Vec<&'r str> {
    let mut given = Vec::new();
    if let Some(t) = rq.header("Authorization").and_then(|a| {
        a.strip_prefix("Bearer ")
            .or_else(|| a.strip_prefix("bearer "))
    }) {
        given.push(t.trim());
    }
    let name = cookie_name(state);
    if let Some(c) = rq.header("Cookie") {
        given.extend(c.split(';').filter_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then_some(v)
        }));
    }
    given.extend(query_param(query, "token"));
    given
}

fn handle(state: &State, mut rq: Request) {
    let head_only = rq.method == "HEAD";
    let resp = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| route(state, &mut rq)))
        .unwrap_or_else(|_| error_reply(500, "internal error"));
    rq.respond(resp, head_only);
}

fn route(state: &State, rq: &mut Request) -> Reply {
    let url = rq.target.clone();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    if !host_ok(state, rq) {
        return error_reply(
            403,
            "this server answers only to its own address (Host: localhost, a loopback IP or the address it listens on)",
        );
    }
    let token_in_query = state
        .token
        .as_ref()
        .is_some_and(|t| query_param(query, "token").is_some_and(|q| same_secret(q, t)));
    if let Some(t) = &state.token
        && !token_given(state, rq, query)
            .iter()
            .any(|g| same_secret(g, t))
    {
        return error_reply(
            401,
            "this server needs its token: open the address `msglint serve` printed (…/?token=…), or send `Authorization: Bearer TOKEN`",
        );
    }
    let api = path.starts_with("/api/");
    let foreign = foreign_origin(rq);
    if api && !origin_ok(state, rq) {
        return error_reply(
            403,
            "a request from another web site is refused (msglint serve --allow-origin ORIGIN allows one)",
        );
    }
    let mut resp = match (rq.method.as_str(), path) {
        ("OPTIONS", _) if api && foreign.is_some() => reply(204, "text/plain", Vec::new())
            .header("Access-Control-Allow-Methods", "GET, POST")
            .header(
                "Access-Control-Allow-Headers",
                "Content-Type, Authorization",
            )
            .header("Access-Control-Max-Age", "600"),
        ("GET" | "HEAD", "/" | "/index.html") => {
            let mut r = reply(200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()).header(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
            );
            if let (Some(t), true) = (&state.token, token_in_query) {
                r.add_header(
                    "Set-Cookie",
                    &format!(
                        "{}={t}; Path=/; HttpOnly; SameSite=Strict",
                        cookie_name(state)
                    ),
                );
            }
            r
        }
        ("GET" | "HEAD", "/page.js") => reply(
            200,
            "text/javascript; charset=utf-8",
            SCRIPT.as_bytes().to_vec(),
        ),
        ("GET" | "HEAD", "/page.css") => {
            reply(200, "text/css; charset=utf-8", STYLE.as_bytes().to_vec())
        }
        ("GET" | "HEAD", "/favicon.ico") => reply(204, "image/x-icon", Vec::new()),
        ("GET" | "HEAD", "/api/status") => json_reply(200, &status(state)),
        ("GET" | "HEAD", "/api/rules") => json_reply(200, &rules()),
        ("POST", "/api/check") => match read_upload(state, rq, query) {
            Ok((name, bytes, _room)) => api_check(state, &name, &bytes, query),
            Err(r) => r,
        },
        ("POST", "/api/fix") => match read_upload(state, rq, query) {
            Ok((name, bytes, _room)) => api_fix(state, &name, &bytes, query),
            Err(r) => r,
        },
        (_, "/api/check" | "/api/fix") => error_reply(405, "use POST with the file"),
        _ => error_reply(404, "not found"),
    };
    if let Some(o) = foreign.filter(|_| api) {
        resp.add_header("Access-Control-Allow-Origin", &o);
        resp.add_header("Vary", "Origin");
        resp.add_header(
            "Access-Control-Expose-Headers",
            "Content-Disposition, X-Msglint-Changes, X-Msglint-Skipped, X-Msglint-Remaining",
        );
    }
    resp
}

fn status(state: &State) -> serde_json::Value {
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "platform": state.platform.display().to_string(),
        "company": *state.company.read().unwrap_or_else(|e| e.into_inner()),
        "problem": *state.problem.read().unwrap_or_else(|e| e.into_inner()),
        "problem_summary": *state.problem_summary.read().unwrap_or_else(|e| e.into_inner()),
        "max_upload_bytes": state.max_upload,
    })
}

fn rules() -> serde_json::Value {
    serde_json::Value::Array(
        crate::rules::RULES
            .iter()
            .map(|r| serde_json::json!({"id": r.id, "summary": r.summary, "default": r.default.as_str()}))
            .collect(),
    )
}

fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A file name as the page shows it: the last path component, printable, bounded.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let s: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if s.trim().is_empty() {
        "upload".into()
    } else {
        s
    }
}

/// The uploaded file: multipart field `file`, or the raw body named by `?name=`.
fn read_upload<'s>(
    state: &'s State,
    rq: &mut Request,
    query: &str,
) -> Result<(String, Vec<u8>, Room<'s>), Reply> {
    let too_big = || {
        error_reply(
            413,
            &format!(
                "the file is larger than the upload limit ({} MB; msglint serve --max-upload-mb changes it)",
                state.max_upload / (1024 * 1024)
            ),
        )
    };
    if rq
        .body_length()
        .is_some_and(|n| n > state.max_upload + 64 * 1024)
    {
        return Err(too_big());
    }
    let content_type = rq.header("Content-Type").unwrap_or_default().to_owned();
    // Room for the body and the copy made of it, before reading it.
    let declared = rq
        .body_length()
        .unwrap_or(state.max_upload)
        .min(state.max_upload + 64 * 1024);
    let room = state.room(declared.saturating_mul(2));
    let mut body = match rq.read_body(state.max_upload + 64 * 1024) {
        Ok(b) => b,
        Err(BodyError::TooLarge) => return Err(too_big()),
        Err(BodyError::TooSlow) => {
            return Err(error_reply(408, "the upload arrived too slowly"));
        }
        Err(BodyError::Broken) => return Err(error_reply(400, "the upload was cut off")),
    };
    let lower = content_type.to_ascii_lowercase();
    if lower.starts_with("multipart/form-data") {
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))
            .map(|(_, v)| v.trim_matches('"').to_owned())
            .unwrap_or_default();
        if boundary.is_empty() {
            return Err(error_reply(400, "multipart upload without a boundary"));
        }
        let Some((name, range)) = multipart_file(&body, &boundary) else {
            return Err(error_reply(
                400,
                "no file: send it in the multipart field `file`",
            ));
        };
        if range.len() as u64 > state.max_upload {
            return Err(too_big());
        }
        body.truncate(range.end);
        body.drain(..range.start);
        return Ok((clean_name(&name), body, room));
    }
    let name = query_param(query, "name")
        .map(percent_decode)
        .ok_or_else(|| {
            error_reply(
                400,
                "send the file as multipart field `file`, or as the body with ?name=FILE.pptx",
            )
        })?;
    if body.len() as u64 > state.max_upload {
        return Err(too_big());
    }
    Ok((clean_name(&name), body, room))
}

/// The file name and data range of the part named `file` of a multipart body.
fn multipart_file(body: &[u8], boundary: &str) -> Option<(String, std::ops::Range<usize>)> {
    let delim = format!("--{boundary}");
    let next_delim = format!("\r\n--{boundary}");
    let mut pos = memchr::memmem::find(body, delim.as_bytes())? + delim.len();
    loop {
        let rest = body.get(pos..)?;
        if rest.starts_with(b"--") {
            return None;
        }
        let start = pos + if rest.starts_with(b"\r\n") { 2 } else { 0 };
        let head_end = start + memchr::memmem::find(body.get(start..)?, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(body.get(start..head_end)?).into_owned();
        let data = head_end + 4;
        let end = data + memchr::memmem::find(body.get(data..)?, next_delim.as_bytes())?;
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))
            .unwrap_or("");
        let param = |key: &str| -> Option<String> {
            disposition.split(';').find_map(|p| {
                let (k, v) = p.trim().split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case(key)
                    .then(|| v.trim().trim_matches('"').to_owned())
            })
        };
        if param("name").as_deref() == Some("file") {
            return Some((
                param("filename").unwrap_or_else(|| "upload".into()),
                data..end,
            ));
        }
        pos = end + next_delim.len();
    }
}

fn kind_of(name: &str) -> Result<Kind, Reply> {
    Kind::from_path(Path::new(name)).ok_or_else(|| {
        error_reply(
            415,
            "not a file msglint reads: send a deck (.pptx), PDF, Word file (.docx), Markdown, HTML or text file",
        )
    })
}

/// The `check --format json` report of one uploaded file, through the engine's one-document
/// check (`check`'s isolation: the per-file budget, and a panic becomes `unreadable`).
pub fn check_report(engine: &Engine, kind: Kind, name: &str, bytes: &[u8]) -> Report {
    let checked = crate::engine::check_document(engine, kind, bytes, name, Path::new(name));
    let mut report = Report::default();
    let mut diagnostics: Vec<crate::diagnostic::Diagnostic> =
        checked.findings.into_iter().map(|f| f.diagnostic).collect();
    match checked.unreadable {
        None => {
            let score = report::score(&diagnostics, &checked.omitted);
            report.files.push(FileReport {
                path: name.to_owned(),
                kind: kind.as_str(),
                score,
                unreadable: None,
                omitted: checked.omitted,
            });
            diagnostics.extend(crate::engine::cross_file(
                checked.facts,
                engine.min_confidence,
            ));
        }
        Some(reason) => {
            // An upload has no place on disk: its unreadable finding is fingerprinted by
            // its name alone.
            for d in &mut diagnostics {
                d.fingerprint = crate::diagnostic::fnv64(&["unreadable", name]);
            }
            report.files.push(FileReport {
                path: name.to_owned(),
                kind: kind.as_str(),
                score: 0,
                unreadable: Some(reason),
                omitted: Default::default(),
            });
        }
    }
    report.diagnostics = diagnostics;
    report.fold_chrome();
    report.sort();
    // As `check` by default: the first 1,000 findings listed, the rest counted.
    report.cap(LISTED);
    report
}

fn api_check(state: &State, name: &str, bytes: &[u8], query: &str) -> Reply {
    let kind = match kind_of(name) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let report = {
        let _permit = state.permit();
        check_report(&state.engine().check, kind, name, bytes)
    };
    if bytes.len() > 1024 * 1024 {
        crate::engine::release_freed_memory();
    }
    let mut out = Vec::new();
    if report::json::emit(&report, &mut out).is_err() {
        return error_reply(500, "could not write the report");
    }
    if query_param(query, "view") != Some("page") {
        return reply(200, "application/json; charset=utf-8", out);
    }
    // The page's view: the same document, and for each finding the text around it, the
    // rule in plain words, and the file's unreadable reason.
    let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(&out) else {
        return error_reply(500, "could not write the report");
    };
    if let Some(list) = v["diagnostics"].as_array_mut() {
        for (j, d) in list.iter_mut().zip(&report.diagnostics) {
            page_view(j, d, kind);
        }
    }
    if let Some(f) = report.files.first() {
        v["files"][0]["unreadable"] = f.unreadable.clone().into();
    }
    v["correctable"] = matches!(kind, Kind::Pptx | Kind::Docx).into();
    json_reply(200, &v)
}

/// What the page shows of a finding besides `check`'s JSON: the rule in words, where in
/// words ("slide 4 · image description"), the text around it as the reader sees it.
fn page_view(j: &mut serde_json::Value, d: &crate::diagnostic::Diagnostic, kind: Kind) {
    j["rule_title"] = crate::audit::html::rule_title(d.rule).into();
    j["rule_summary"] = crate::rules::lookup(d.rule)
        .map(|r| r.summary)
        .unwrap_or("")
        .into();
    j["place"] = fix_file::place(d).into();
    j["fixable"] = (d.suggestion.is_some() && crate::diagnostic::FIXABLE.contains(&d.rule)).into();
    let plain = d
        .excerpt
        .as_ref()
        .map(|e| crate::audit::plain::excerpt(&e.text, e.range.start, e.range.end, kind.as_str()));
    let l = &d.location;
    j["where"] = crate::audit::plain::place(
        l.slide,
        l.notes,
        l.page,
        l.page_line,
        l.paragraph,
        l.shape.as_deref(),
        l.line,
        plain.as_ref().and_then(|p| p.scope.as_deref()),
    )
    .into();
    if let Some(p) = plain {
        j["context"] = serde_json::json!({
            "before": p.before,
            "matched": p.matched,
            "after": p.after,
        });
    }
}

fn corrected_name(name: &str) -> String {
    let p = Path::new(name);
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("file");
    let ext = p.extension().and_then(|s| s.to_str()).unwrap_or("");
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}-corrected.{ext}")
}

fn api_fix(state: &State, name: &str, bytes: &[u8], query: &str) -> Reply {
    let kind = match kind_of(name) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let outcome = {
        let _permit = state.permit();
        let engine = state.engine();
        let _clock = crate::budget::start();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            fix_file::fix_bytes(&engine.fix, kind, bytes, name, Path::new(name))
        }))
        .unwrap_or_else(|_| {
            Err(FixError::Unreadable(
                "internal error while correcting this file".into(),
            ))
        })
    };
    if bytes.len() > 1024 * 1024 {
        crate::engine::release_freed_memory();
    }
    let outcome = match outcome {
        Ok(o) => o,
        Err(FixError::Unsupported(m)) => return error_reply(415, &m),
        Err(e @ FixError::Unreadable(_)) => return error_reply(422, &e.to_string()),
    };
    let file_name = corrected_name(name);
    let remaining: Vec<serde_json::Value> = outcome
        .remaining()
        .map(|d| {
            serde_json::json!({
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "place": fix_file::place(d),
                "matched": d.matched,
                "message": d.message,
                "suggestion": d.suggestion,
            })
        })
        .collect();
    if query_param(query, "report").is_some_and(|v| v != "0") {
        // The page shows the corrected state: the file as sent checked again, the copy
        // checked, which findings the copy no longer has and what still needs the rep.
        let (before, after) = {
            let _permit = state.permit();
            let engine = state.engine();
            (
                check_report(&engine.check, kind, name, bytes),
                check_report(&engine.check, kind, &file_name, &outcome.bytes),
            )
        };
        let key = |d: &crate::diagnostic::Diagnostic| {
            let l = &d.location;
            (
                d.rule,
                crate::normalize::fold(&d.matched).text.to_lowercase(),
                l.slide,
                l.notes,
                l.page,
                l.paragraph,
                l.shape.clone(),
            )
        };
        let left: std::collections::HashSet<_> = after.diagnostics.iter().map(key).collect();
        let fixed: Vec<&str> = before
            .diagnostics
            .iter()
            .filter(|d| !left.contains(&key(d)))
            .map(|d| d.fingerprint.as_str())
            .collect();
        let mut still = Vec::new();
        for d in &after.diagnostics {
            let mut j = serde_json::json!({
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "confidence": d.confidence.as_str(),
                "message": d.message,
                "matched": d.matched,
                "suggestion": d.suggestion,
            });
            page_view(&mut j, d, kind);
            // The finding as the page listed it (same place and text in the file sent).
            j["was"] = before
                .diagnostics
                .iter()
                .find(|b| key(b) == key(d))
                .map(|b| b.fingerprint.clone())
                .into();
            still.push(j);
        }
        return json_reply(
            200,
            &serde_json::json!({
                "path": name,
                "kind": kind.as_str(),
                "file_name": file_name,
                "changes": outcome.changes,
                "skipped": outcome.skipped,
                "remaining": remaining,
                "score_before": before.files.first().map(|f| f.score),
                "score": after.files.first().map(|f| f.score),
                "fixed": fixed,
                "still": still,
                "file_base64": base64(&outcome.bytes),
            }),
        );
    }
    let content_type = match kind {
        Kind::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Kind::Html => "text/html; charset=utf-8",
        Kind::Markdown => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
    let changes = outcome.changes.len().to_string();
    let skipped = outcome.skipped.len().to_string();
    let people = remaining.len().to_string();
    reply(200, content_type, outcome.bytes)
        .header(
            "Content-Disposition",
            &format!("attachment; filename=\"{file_name}\""),
        )
        .header("X-Msglint-Changes", &changes)
        .header("X-Msglint-Skipped", &skipped)
        .header("X-Msglint-Remaining", &people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_finds_the_file_field() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q3 deck.pptx\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\x03\x04\r\nbinary\r\n--XyZ--\r\n";
        let (name, r) = multipart_file(body, "XyZ").expect("file part");
        assert_eq!(name, "q3 deck.pptx");
        assert_eq!(&body[r], b"PK\x03\x04\r\nbinary");
        assert!(multipart_file(b"--XyZ--\r\n", "XyZ").is_none());
        assert!(multipart_file(b"garbage", "XyZ").is_none());
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn names_and_context() {
        assert_eq!(clean_name("C:\\deck\\q3.pptx"), "q3.pptx");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(corrected_name("q3 <deck>.pptx"), "q3 _deck_-corrected.pptx");
        assert_eq!(percent_decode("q3%20deck.pptx"), "q3 deck.pptx");
        let line = "[body] Title 1 ¶1: Meet LumoraAI today";
        let at = line.find("LumoraAI").unwrap_or(0);
        let c = crate::audit::plain::excerpt(line, at, at + 8, "pptx");
        assert_eq!(c.before, "Meet ");
        assert_eq!(c.matched, "LumoraAI");
        assert_eq!(c.after, " today");
    }
}
