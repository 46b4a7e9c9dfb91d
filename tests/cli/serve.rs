//! `msglint serve`: the JSON API over real HTTP on loopback, limits and isolation, the
//! platform reload, a bounded load test, and the page in headless Chromium.

use super::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A `msglint serve` child on a free loopback port, in its own working and temp directory;
/// killed on drop.
pub(crate) struct Server {
    child: std::process::Child,
    pub(crate) addr: String,
    pub(crate) cwd: PathBuf,
    pub(crate) tmp: PathBuf,
    pub(crate) stderr: std::sync::Arc<std::sync::Mutex<String>>,
    /// The first line printed (the address, with the token off loopback).
    pub(crate) banner: String,
}

impl Server {
    pub(crate) fn start(name: &str, args: &[&str]) -> Server {
        let base = temp_dir(&format!("server-{name}"));
        let cwd = base.join("cwd");
        let tmp = base.join("tmp");
        std::fs::create_dir_all(&cwd).expect("cwd");
        std::fs::create_dir_all(&tmp).expect("tmp");
        let platform = root().join(DEMO_PLATFORM);
        let mut all = vec!["serve", "--port", "0"];
        if !args.contains(&"--platform") {
            all.extend(["--platform", platform.to_str().expect("utf-8")]);
        }
        all.extend_from_slice(args);
        let mut child = Command::new(env!("CARGO_BIN_EXE_msglint"))
            .args(&all)
            .current_dir(&cwd)
            .env("TMPDIR", &tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn msglint serve");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        stdout.read_line(&mut line).expect("first line");
        // Keep reading, so the server never writes to a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split(['/', ' ']).next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let err = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap_or_else(|e| e.into_inner());
                s.push_str(&l);
                s.push('\n');
            }
        });
        Server {
            child,
            addr,
            cwd,
            tmp,
            stderr,
            banner: line,
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Peak resident memory of the server so far, in MB (Linux).
    fn peak_mb(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kb: f64 = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Http {
    pub(crate) status: u16,
    pub(crate) headers: String,
    pub(crate) body: Vec<u8>,
}

impl Http {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{e}: {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One HTTP/1.1 request (Connection: close), the whole answer read back.
pub(crate) fn http(addr: &str, head: &str, body: &[u8]) -> Http {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    let req = format!(
        "{head}\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(req.as_bytes()).expect("send head");
    // The server may answer (413) before reading a large body.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read answer");
    let split = memchr_find(&raw, b"\r\n\r\n").unwrap_or(raw.len());
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut body = raw.get(split + 4..).unwrap_or(&[]).to_vec();
    if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Http {
        status,
        headers,
        body,
    }
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = memchr_find(b, b"\r\n") {
        let n = usize::from_str_radix(String::from_utf8_lossy(&b[..i]).trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.extend_from_slice(&b[i + 2..(i + 2 + n).min(b.len())]);
        b = b.get(i + 4 + n..).unwrap_or(&[]);
    }
    out
}

pub(crate) fn get(addr: &str, path: &str) -> Http {
    http(addr, &format!("GET {path} HTTP/1.1"), b"")
}

/// POST `data` as multipart field `file` named `name`.
pub(crate) fn upload(addr: &str, path: &str, name: &str, data: &[u8]) -> Http {
    let boundary = "msglintTestBoundary7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    http(
        addr,
        &format!("POST {path} HTTP/1.1\r\nContent-Type: multipart/form-data; boundary={boundary}"),
        &body,
    )
}

/// Every file under `dir` with its size, for "nothing was written".
fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push((p.clone(), std::fs::metadata(&p).map_or(0, |m| m.len())));
        }
    }
    out.sort();
    out
}

/// A deck whose presentation part expands 8 MiB from a few KiB: a zip bomb.
pub(crate) fn zip_bomb() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("[Content_Types].xml", opts).expect("entry");
    w.write_all(b"<Types/>").expect("write");
    w.start_file("ppt/presentation.xml", opts).expect("entry");
    w.write_all(&vec![b' '; 8 * 1024 * 1024]).expect("write");
    w.finish().expect("zip").into_inner()
}

/// A password-protected deck: the corpus's, else an encrypted OLE container's header.
pub(crate) fn protected_deck() -> (String, Vec<u8>) {
    let c = std::env::var_os("MSGLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    let p = c.join("pptx/tika__testPPT_protected_passtika.pptx");
    if let Ok(b) = std::fs::read(&p) {
        return ("protected.pptx".into(), b);
    }
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.extend(
        "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    b.resize(4096, 0);
    ("protected.pptx".into(), b)
}

fn strip(v: &serde_json::Value) -> Vec<serde_json::Value> {
    diags(v)
        .into_iter()
        .map(|mut d| {
            d["path"] = serde_json::Value::Null;
            d["fingerprint"] = serde_json::Value::Null;
            d
        })
        .collect()
}

#[test]
fn serve_api_check_and_fix() {
    let s = Server::start("api", &["--max-upload-mb", "1"]);
    let page = get(&s.addr, "/");
    assert_eq!(page.status, 200);
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("Check before you send"), "{html}");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    assert!(page.headers.contains("Content-Security-Policy"));
    assert_eq!(get(&s.addr, "/page.js").status, 200);
    assert_eq!(get(&s.addr, "/page.css").status, 200);
    let status = get(&s.addr, "/api/status").json();
    assert_eq!(status["company"], "Lumora");
    // /api/check answers the `check --format json` document for that one file.
    let deck = "fixtures/demo/decks/q3-sales-deck.pptx";
    let bytes = std::fs::read(root().join(deck)).expect("deck");
    let r = upload(&s.addr, "/api/check", "q3-sales-deck.pptx", &bytes);
    assert_eq!(r.status, 200);
    let v = r.json();
    let cli = json(&["check", "--platform", DEMO_PLATFORM, deck]);
    assert_eq!(v["summary"], cli["summary"]);
    assert_eq!(v["files"][0]["score"], cli["files"][0]["score"]);
    assert_eq!(v["files"][0]["path"], "q3-sales-deck.pptx");
    assert_eq!(strip(&v), strip(&cli));
    // The page's view adds the context of each finding.
    let p = upload(
        &s.addr,
        "/api/check?view=page",
        "q3-sales-deck.pptx",
        &bytes,
    )
    .json();
    let first = &p["diagnostics"][0];
    assert_eq!(first["context"]["matched"], "LumoraAI");
    assert_eq!(first["context"]["before"], "");
    assert_eq!(
        first["rule_summary"].as_str().map(str::is_empty),
        Some(false)
    );
    // /api/fix answers the corrected file: the same bytes as `msglint fix`.
    let dir = temp_dir("serve-api-fix");
    let out = dir.join("fixed.pptx");
    let cli_fix = msglint(&[
        "fix",
        deck,
        "-o",
        out.to_str().expect("utf-8"),
        "--platform",
        DEMO_PLATFORM,
    ]);
    assert_eq!(cli_fix.code, 0, "{}", cli_fix.stderr);
    let r = upload(&s.addr, "/api/fix", "q3-sales-deck.pptx", &bytes);
    assert_eq!(r.status, 200);
    // Six: the notes' "Lumora Inbox replaced HelpBot in 2025" tells the rename and keeps it.
    assert!(r.headers.contains("X-Msglint-Changes: 6"), "{}", r.headers);
    assert!(r.headers.contains("q3-sales-deck-corrected.pptx"));
    assert_eq!(r.body, std::fs::read(&out).expect("cli output"));
    let rep = upload(&s.addr, "/api/fix?report=1", "q3-sales-deck.pptx", &bytes).json();
    assert_eq!(rep["changes"].as_array().map(Vec::len), Some(6));
    // Two: the deck's "Not for Fortune 500 help desks" keeps the excluded segment out.
    assert_eq!(rep["remaining"].as_array().map(Vec::len), Some(2));
    // Limits, refusals and isolation.
    let big = vec![b'a'; 2 * 1024 * 1024];
    assert_eq!(upload(&s.addr, "/api/check", "big.md", &big).status, 413);
    assert_eq!(upload(&s.addr, "/api/check", "tool.exe", b"MZ").status, 415);
    assert_eq!(
        upload(&s.addr, "/api/fix", "paper.pdf", b"%PDF-1.4").status,
        415
    );
    let bomb = upload(&s.addr, "/api/check", "bomb.pptx", &zip_bomb()).json();
    assert_eq!(diags(&bomb)[0]["rule"], "unreadable");
    assert!(
        diags(&bomb)[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("zip bomb")),
        "{bomb}"
    );
    let (name, locked) = protected_deck();
    let v = upload(&s.addr, "/api/check", &name, &locked).json();
    assert!(
        diags(&v)[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("password-protected")),
        "{v}"
    );
    assert_eq!(upload(&s.addr, "/api/fix", &name, &locked).status, 422);
    // A page reaching the server through DNS rebinding names another host: refused.
    let mut sock = TcpStream::connect(&s.addr).expect("connect");
    sock.write_all(b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut raw = String::new();
    let _ = sock.read_to_string(&mut raw);
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    assert_eq!(get(&s.addr, "/").status, 200, "still answers");
    assert!(listing(&s.cwd).is_empty() && listing(&s.tmp).is_empty());
}

#[test]
fn serve_reloads_the_platform_and_warns_off_loopback() {
    let dir = temp_dir("serve-reload");
    let platform = dir.join("msglint.yaml");
    std::fs::copy(root().join(DEMO_PLATFORM), &platform).expect("copy");
    let s = Server::start("reload", &["--platform", platform.to_str().expect("utf-8")]);
    let md = b"We left Zendesk last year.\n";
    let before = upload(&s.addr, "/api/check", "note.md", md).json();
    assert!(
        !diags(&before).iter().any(|d| d["rule"] == "retired-term"),
        "{before}"
    );
    let text = std::fs::read_to_string(&platform).expect("read");
    let text = text.replacen(
        "retired:\n",
        "retired:\n  - phrase: last year\n    replacement: in 2025\n    retired_on: 2025-01-01\n    reason: vague\n",
        1,
    );
    std::fs::write(&platform, text).expect("write");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let v = upload(&s.addr, "/api/check", "note.md", md).json();
        if diags(&v).iter().any(|d| d["rule"] == "retired-term") {
            break;
        }
        assert!(Instant::now() < deadline, "platform not reloaded: {v}");
        std::thread::sleep(Duration::from_millis(200));
    }
    // A broken edit keeps the previous platform and says so.
    std::fs::write(&platform, "version: 1\ncompany: [\n").expect("write");
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(&s.addr, "/api/status").json()["problem"] == "" {
        assert!(Instant::now() < deadline, "broken platform not reported");
        std::thread::sleep(Duration::from_millis(200));
    }
    let v = upload(&s.addr, "/api/check", "note.md", md).json();
    assert!(diags(&v).iter().any(|d| d["rule"] == "retired-term"));
    drop(s);
    let open = Server::start("open", &["--bind", "0.0.0.0"]);
    std::thread::sleep(Duration::from_millis(300));
    let err = open.stderr.lock().map(|s| s.clone()).unwrap_or_default();
    assert!(err.contains("warning: listening on 0.0.0.0"), "{err}");
    // Off loopback, every request needs the token printed at start: in the address (the
    // page then keeps it in a cookie), as a bearer token, or in that cookie.
    let token = open
        .banner
        .split("?token=")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or_else(|| panic!("no token in {:?}", open.banner))
        .to_owned();
    assert_eq!(token.len(), 32, "{token}");
    assert_eq!(get(&open.addr, "/").status, 401);
    assert_eq!(get(&open.addr, "/api/status").status, 401);
    assert_eq!(get(&open.addr, "/api/status?token=wrong").status, 401);
    let page = get(&open.addr, &format!("/?token={token}"));
    assert_eq!(page.status, 200);
    let port = open.addr.rsplit(':').next().unwrap_or("");
    assert!(
        page.headers.contains(&format!(
            "Set-Cookie: msglint-token-{port}={token}; Path=/; HttpOnly; SameSite=Strict"
        )),
        "{}",
        page.headers
    );
    let with = |h: &str| http(&open.addr, &format!("GET /api/status HTTP/1.1\r\n{h}"), b"").status;
    assert_eq!(with(&format!("Authorization: Bearer {token}")), 200);
    assert_eq!(
        with(&format!("Cookie: a=b; msglint-token-{port}={token}")),
        200
    );
    assert_eq!(with("Authorization: Bearer 0123"), 401);
    let r = upload(
        &open.addr,
        &format!("/api/check?token={token}"),
        "a.md",
        b"HelpBot\n",
    );
    assert_eq!(r.status, 200);
    assert!(diags(&r.json()).iter().any(|d| d["rule"] == "retired-term"));
}

/// Sends `raw` on a new connection and reads the answer (at most `wait`).
fn raw(addr: &str, raw: &[u8], wait: Duration) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(wait)).expect("timeout");
    let _ = s.write_all(raw);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn serve_refuses_what_a_web_page_or_a_slow_client_could_abuse() {
    let s = Server::start("abuse", &["--allow-origin", "https://tools.example.com"]);
    let port = s.addr.rsplit(':').next().unwrap_or("").to_owned();
    let status_with = |headers: &str| -> String {
        raw(
            &s.addr,
            format!("GET /api/status HTTP/1.1\r\n{headers}Connection: close\r\n\r\n").as_bytes(),
            Duration::from_secs(10),
        )
    };
    // Host: a loopback IP, localhost or the bound address, parsed; never a name that only
    // starts like a loopback address (DNS rebinding).
    for host in [
        "127.attacker.example".to_owned(),
        format!("127.0.0.1.nip.io:{port}"),
        "evil.example".to_owned(),
        "localhost.evil.example".to_owned(),
        format!("127.0.0.1:{port}:80"),
        String::new(),
    ] {
        let r = status_with(&format!("Host: {host}\r\n"));
        assert!(r.starts_with("HTTP/1.1 403"), "Host {host:?}: {r}");
        assert!(!r.contains("msglint.yaml"), "no platform path leaks: {r}");
    }
    assert!(status_with("").starts_with("HTTP/1.1 403"), "no Host");
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.2".to_owned(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = status_with(&format!("Host: {host}\r\n"));
        assert!(r.starts_with("HTTP/1.1 200"), "Host {host:?}: {r}");
    }
    // Origin: the page's own, an allowed one, or none; a foreign page is refused, also
    // for a "simple" cross-site POST that needs no preflight.
    let host = format!("Host: {}\r\n", s.addr);
    let own = format!("{host}Origin: http://{}\r\n", s.addr);
    assert!(status_with(&own).starts_with("HTTP/1.1 200"));
    let allowed = status_with(&format!("{host}Origin: https://tools.example.com\r\n"));
    assert!(allowed.starts_with("HTTP/1.1 200"), "{allowed}");
    assert!(allowed.contains("Access-Control-Allow-Origin: https://tools.example.com"));
    for foreign in [
        "Origin: https://evil.example\r\n",
        "Origin: null\r\n",
        "Sec-Fetch-Site: cross-site\r\n",
    ] {
        let r = status_with(&format!("{host}{foreign}"));
        assert!(r.starts_with("HTTP/1.1 403"), "{foreign}: {r}");
    }
    let body = b"We use HelpBot daily.\n";
    let post = raw(
        &s.addr,
        &[
            format!("POST /api/check?name=a.txt HTTP/1.1\r\n{host}Origin: https://evil.example\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n", body.len()).as_bytes(),
            body,
        ]
        .concat(),
        Duration::from_secs(10),
    );
    assert!(post.starts_with("HTTP/1.1 403"), "{post}");
    // A 1 MB header: 431 at once, without reading it all.
    let t = Instant::now();
    let big = format!(
        "GET /api/status HTTP/1.1\r\n{host}X-Big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let r = raw(&s.addr, big.as_bytes(), Duration::from_secs(10));
    assert!(r.starts_with("HTTP/1.1 431"), "{r}");
    assert!(
        t.elapsed() < Duration::from_secs(1),
        "431 took {:?}",
        t.elapsed()
    );
    // 70 connections sending a 100 KB body at 1 byte a second: the page still answers.
    let slow: Vec<TcpStream> = (0..70)
        .map(|_| {
            let mut c = TcpStream::connect(&s.addr).expect("connect");
            c.write_all(
                format!(
                    "POST /api/check?name=slow.md HTTP/1.1\r\n{host}Content-Length: 102400\r\n\r\n"
                )
                .as_bytes(),
            )
            .expect("head");
            c
        })
        .collect();
    let dripping = std::thread::spawn(move || {
        let mut slow = slow;
        for _ in 0..4 {
            for c in &mut slow {
                let _ = c.write_all(b"x");
            }
            std::thread::sleep(Duration::from_millis(1000));
        }
    });
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(800));
        let t = Instant::now();
        let r = get(&s.addr, "/api/status");
        assert_eq!(r.status, 200);
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "/api/status took {:?} beside 70 slow bodies",
            t.elapsed()
        );
    }
    dripping.join().expect("slow clients");
    // 200,000 identical findings in one upload (4.4 MB): answered within 10 s, while a
    // small check from another client answers within 2 s.
    let repeats = "We use HelpBot daily.\n".repeat(200_000).into_bytes();
    let addr = s.addr.clone();
    let big = std::thread::spawn(move || {
        let t = Instant::now();
        let r = upload(&addr, "/api/check", "repeats.txt", &repeats);
        (r.status, r.json(), t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    let small = upload(&s.addr, "/api/check", "note.md", b"Meet LumoraAI today.\n");
    let small_took = t.elapsed();
    assert_eq!(small.status, 200);
    assert_eq!(small.json()["summary"]["errors"], 1);
    let (status, v, took) = big.join().expect("big upload");
    assert_eq!(status, 200);
    assert_eq!(v["summary"]["errors"], 200_000, "{}", v["summary"]);
    assert_eq!(diags(&v).len(), 1000);
    println!(
        "serve abuse: 200,000 identical findings answered in {took:?}; a small check beside it in {small_took:?}"
    );
    assert!(
        took < Duration::from_secs(10),
        "the big upload took {took:?}"
    );
    assert!(
        small_took < Duration::from_secs(2),
        "the small check took {small_took:?}"
    );
    assert_eq!(get(&s.addr, "/").status, 200, "still answers");
}

#[test]
fn serve_load_test() {
    let Some(corpus) = corpus("serve_load_test") else {
        return;
    };
    let pick = |sub: &str, n: usize| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(corpus.join(sub))
            .expect("corpus")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| !p.to_string_lossy().contains("bomb_giant"))
            .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0))
            .collect();
        v.sort();
        let step = (v.len() / n).max(1);
        v.into_iter().step_by(step).take(n).collect()
    };
    let mut files = pick("pptx", 25);
    files.extend(pick("pdf", 25));
    assert_eq!(files.len(), 50);
    let s = Server::start("load", &[]);
    let (cwd0, tmp0) = (listing(&s.cwd), listing(&s.tmp));
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(files.len()));
    let addr = s.addr.clone();
    let started = Instant::now();
    let handles: Vec<_> = files
        .into_iter()
        .map(|f| {
            let barrier = barrier.clone();
            let addr = addr.clone();
            std::thread::spawn(move || {
                let bytes = std::fs::read(&f).expect("read");
                let name = f
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("x")
                    .to_owned();
                barrier.wait();
                let t = Instant::now();
                let r = upload(&addr, "/api/check", &name, &bytes);
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                (name, r.status, r.json(), ms)
            })
        })
        .collect();
    // The page during the load.
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    assert_eq!(get(&s.addr, "/").status, 200, "GET / during the load");
    let page_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(
        page_ms < 10_000.0,
        "the page waited {page_ms:.0} ms behind the uploads"
    );
    let mut times = Vec::new();
    let mut unreadable = 0;
    for h in handles {
        let (name, status, v, ms) = h.join().expect("request thread");
        assert_eq!(status, 200, "{name}: {v}");
        assert_eq!(v["summary"]["files"], 1, "{name}");
        unreadable += v["summary"]["unreadable"].as_u64().unwrap_or(0);
        times.push(ms);
    }
    let wall = started.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    let p50 = times[times.len() / 2];
    let peak = s.peak_mb().unwrap_or(f64::NAN);
    println!(
        "serve load test: 50 concurrent uploads (25 corpus decks, 25 PDFs), 0 failed, {unreadable} unreadable with a reason; p50 {p50:.0} ms, p95 {p95:.0} ms, max {:.0} ms, wall {wall:.1} s; GET / during the load {page_ms:.0} ms; server peak RSS {peak:.0} MB",
        times[times.len() - 1]
    );
    assert_eq!(get(&s.addr, "/").status, 200, "GET / after the load");
    assert_eq!(
        listing(&s.cwd),
        cwd0,
        "nothing written in the working directory"
    );
    assert_eq!(
        listing(&s.tmp),
        tmp0,
        "nothing written in the temp directory"
    );
}

#[test]
fn serve_page_in_chromium() {
    let Some(b) = super::browser::browser("serve_page_in_chromium") else {
        return;
    };
    let dir = temp_dir("serve-browser");
    // A copy of the platform, so the test can break it and read the page's banner.
    let platform = dir.join("msglint.yaml");
    std::fs::copy(root().join(DEMO_PLATFORM), &platform).expect("platform");
    let s = Server::start(
        "browser",
        &["--platform", platform.to_str().expect("utf-8")],
    );
    let bomb = dir.join("bomb.pptx");
    std::fs::write(&bomb, zip_bomb()).expect("bomb");
    let (_, locked) = protected_deck();
    let protected = dir.join("protected.pptx");
    std::fs::write(&protected, locked).expect("protected");
    let xlsx = dir.join("pipeline.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04 not really a workbook").expect("xlsx");
    let deck = root().join("fixtures/demo/decks/q3-sales-deck.pptx");
    let pdf = root().join("fixtures/demo/collateral/lumora-datasheet.pdf");
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads");
    let v = b.run(
        "serve.mjs",
        &[
            &s.url(),
            deck.to_str().expect("utf-8"),
            bomb.to_str().expect("utf-8"),
            protected.to_str().expect("utf-8"),
            downloads.to_str().expect("utf-8"),
            xlsx.to_str().expect("utf-8"),
            pdf.to_str().expect("utf-8"),
            platform.to_str().expect("utf-8"),
        ],
    );
    let checked = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        deck.to_str().expect("utf-8"),
    ]);
    // The verdict first: what to fix before sending.
    let must = diags(&checked)
        .iter()
        .filter(|d| d["severity"] != "info")
        .count();
    assert_eq!(
        v["verdict"],
        format!("Fix {must} things before sending"),
        "{v}"
    );
    assert_eq!(v["verdictFirst"], true);
    // Findings on the right slides, located in words.
    let groups = &v["groups"];
    let on = |slide: &str, rule: &str| {
        groups[slide]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x == rule))
    };
    assert!(on("Slide 1", "brand-name"), "{v}");
    assert!(on("Slide 2", "preferred-term"), "{v}");
    assert!(on("Slide 5", "retired-term"), "{v}");
    assert!(on("Slide 8", "competitor-mention"), "{v}");
    let wheres: Vec<&str> = v["wheres"]
        .as_array()
        .expect("wheres")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    for w in [
        " · image description",
        " · speaker notes",
        " · title",
        " · table",
    ] {
        assert!(wheres.contains(&w), "{w}: {wheres:?}");
    }
    let all = v.to_string();
    for internal in [
        "Content Placeholder",
        "TextBox",
        "Notes Placeholder",
        "[title]",
        "¶",
    ] {
        assert!(
            !v["wheres"].to_string().contains(internal)
                && !v["contexts"].to_string().contains(internal),
            "{internal}: {all}"
        );
    }
    // The less certain findings say so (a competitor named in passing is medium confidence).
    assert!(
        v["confidences"]
            .as_array()
            .is_some_and(|c| c.iter().any(|t| t.as_str() == Some(" · medium confidence"))),
        "{v}"
    );
    assert_eq!(v["score"], checked["files"][0]["score"].to_string());
    assert!(
        v["marks"]
            .as_array()
            .is_some_and(|m| m.iter().any(|x| x == "LumoraAI"))
    );
    // The corrected copy downloaded from the page; its own check agrees with the page's
    // corrected state.
    let got = PathBuf::from(v["download"].as_str().expect("download path"));
    let fixed = json(&[
        "check",
        "--platform",
        DEMO_PLATFORM,
        got.to_str().expect("utf-8"),
    ]);
    assert_eq!(fixed["summary"]["unreadable"], 0);
    assert!(
        !diags(&fixed)
            .iter()
            .any(|d| ["brand-name", "preferred-term", "retired-term"]
                .contains(&d["rule"].as_str().unwrap_or(""))),
        "{fixed}"
    );
    let after = &v["after"];
    assert_eq!(
        after["score"],
        fixed["files"][0]["score"].to_string(),
        "{after}"
    );
    assert_eq!(
        after["was"],
        format!("was {}", v["score"].as_str().unwrap_or("")),
        "{after}"
    );
    let left = diags(&fixed).len();
    let before = v["findingsBefore"].as_u64().unwrap_or(0) as usize;
    assert_eq!(
        after["pinned"].as_array().map(Vec::len),
        Some(left),
        "{after}"
    );
    assert_eq!(
        after["fixed"].as_u64(),
        Some((before - left) as u64),
        "{after}"
    );
    assert_eq!(after["ticks"], after["fixed"], "{after}");
    assert_eq!(after["open"].as_u64(), Some(left as u64), "{after}");
    assert_eq!(
        after["pinnedTitle"],
        format!("Still needs you ({left})"),
        "{after}"
    );
    assert_eq!(after["pinnedOnTop"], true);
    let still_must = diags(&fixed)
        .iter()
        .filter(|d| d["severity"] != "info")
        .count();
    assert_eq!(
        after["verdict"],
        format!("Fix {still_must} things before sending (in the corrected copy)"),
        "{after}"
    );
    assert!(
        after["pinned"].as_array().is_some_and(|p| p
            .iter()
            .any(|x| x["rule"] == "competitor-mention" && x["place"] == "Slide 8 · speaker notes")),
        "{after}"
    );
    assert!(
        v["changes"]
            .as_str()
            .is_some_and(|c| c.contains("“HelpBot” → “Lumora Assist”")),
        "{v}"
    );
    assert!(
        v["people"].as_str().is_some_and(|c| c.contains("Gorgias")),
        "{v}"
    );
    // The summary: an e-mail, about the corrected copy; reset on each upload.
    let summary = v["summary"].as_str().unwrap_or("");
    assert!(
        summary
            .starts_with("Hi,\n\nI checked q3-sales-deck.pptx against the Lumora message platform"),
        "{summary}"
    );
    assert!(
        summary.contains("I used the corrected copy (q3-sales-deck-corrected.pptx)"),
        "{summary}"
    );
    assert!(
        summary.contains(&format!(
            "went from {} to {}",
            v["score"].as_str().unwrap_or(""),
            after["score"].as_str().unwrap_or("")
        )),
        "{summary}"
    );
    assert!(
        summary.contains("- Slide 8 · speaker notes: competitor \"Gorgias\""),
        "{summary}"
    );
    assert!(summary.trim_end().ends_with("Thanks"), "{summary}");
    assert!(
        v["summaryBefore"]
            .as_str()
            .is_some_and(|t| t.contains("(approved wording: “Lumora”)")),
        "{v}"
    );
    assert_eq!(v["copiedAfterFix"], "", "{v}");
    assert_eq!(v["copiedAfterUpload"], "", "{v}");
    // The PDF: excerpts without extraction markers, and why it has no correction button.
    let p = &v["pdf"];
    assert_eq!(p["fixButton"], false, "{p}");
    assert!(
        p["note"]
            .as_str()
            .is_some_and(|n| n.contains("export the PDF again")),
        "{p}"
    );
    let contexts = p["contexts"].to_string();
    assert!(
        !contexts.contains("[3]") && !contexts.contains("help- "),
        "{p}"
    );
    assert!(
        contexts.contains("Trusted by Fortune 500 retailers. Our helpdesk answers every customer"),
        "{p}"
    );
    assert!(p["wheres"].to_string().contains(" · line 3"), "{p}");
    // Files that cannot be checked: what happened and what to do; no score.
    let t = &v["trouble"];
    assert!(
        t["bomb"]["text"]
            .as_str()
            .is_some_and(|r| r.contains("zip bomb")),
        "{t}"
    );
    assert!(
        t["bomb"]["plain"]
            .as_str()
            .is_some_and(|r| r.contains("save it again")),
        "{t}"
    );
    assert!(
        t["protected"]["text"]
            .as_str()
            .is_some_and(|r| r.contains("password-protected")),
        "{t}"
    );
    assert!(
        t["protected"]["plain"]
            .as_str()
            .is_some_and(|r| r.contains("Remove the password")),
        "{t}"
    );
    assert!(
        t["xlsx"]["plain"]
            .as_str()
            .is_some_and(|r| r.starts_with("This is a spreadsheet.")),
        "{t}"
    );
    for k in ["bomb", "protected", "xlsx"] {
        assert_eq!(t[k]["verdict"], "Could not be checked", "{t}");
        assert_eq!(
            t[k]["score"].as_str().map(str::trim),
            Some("–"),
            "no score, no '/100': {t}"
        );
    }
    assert_eq!(v["status"], 200);
    assert_eq!(get(&s.addr, "/").status, 200);
    // The severity filter: fewer findings, and never an empty slide heading.
    assert!(
        v["visible_without_warnings"].as_u64() < v["visible"].as_u64(),
        "{v}"
    );
    assert_eq!(v["noneTicked"]["headings"], 0, "{v}");
    assert_eq!(v["noneTicked"]["nothing"], true, "{v}");
    // A card can be removed.
    assert_eq!(
        v["cards"]["after"].as_u64(),
        v["cards"]["before"].as_u64().map(|n| n - 1),
        "{v}"
    );
    // The phone: nothing wider than the screen.
    assert_eq!(v["phone"]["wide"], serde_json::json!([]), "{v}");
    assert_eq!(v["phone"]["scrollWidth"], v["phone"]["viewport"], "{v}");
    // The broken platform: in plain words, the raw errors behind a disclosure.
    let banner = &v["banner"];
    assert!(
        banner["plain"].as_str().is_some_and(|t| t
            .starts_with("Someone edited the message platform (msglint.yaml) and it now has")
            && t.contains("keeps checking against the version from before the edit")
            && t.contains("line ")),
        "{banner}"
    );
    assert!(
        banner["raw"].as_str().is_some_and(|t| !t.is_empty()),
        "{banner}"
    );
    assert_eq!(banner["rawShown"], false, "{banner}");
    assert_eq!(v["dialogs"], serde_json::json!([]));
    assert_eq!(v["errors"], serde_json::json!([]));
    for shot in [
        "serve-1280x800.png",
        "serve-corrected-1280x800.png",
        "serve-390x844.png",
        "serve-banner-1280x800.png",
    ] {
        let p = super::browser::artifacts().join(shot);
        assert!(
            std::fs::metadata(&p).is_ok_and(|m| m.len() > 10_000),
            "{}",
            p.display()
        );
    }
    assert!(listing(&s.cwd).is_empty() && listing(&s.tmp).is_empty());
}
