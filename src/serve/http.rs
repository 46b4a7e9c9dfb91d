//! The HTTP/1.1 server under `msglint serve`, on `std::net`: one request per connection, a
//! thread per connection up to a limit, and every read bounded in size and time.
//!
//! Owns: accepting connections (a total and a per-client limit, `503` past them), reading a
//! request head (at most `HEAD_BYTES`, else `431`; within `HEAD_TIME`), reading a body
//! (`Content-Length` or chunked, at most the caller's cap, at a minimum rate), answering
//! (`Connection: close`) and closing without losing the answer (the rest of an unread
//! request is drained for a moment). Must not: route requests or know msglint.
//!
//! tiny_http, used before, can neither cap a head nor time out a slow body: a 100 MB head
//! was read whole, and 70 connections sending a body at 1 byte/s held every worker.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest request head (request line and headers).
pub const HEAD_BYTES: usize = 64 * 1024;
/// Time for a whole request head to arrive.
pub const HEAD_TIME: Duration = Duration::from_secs(10);
/// Longest wait for any byte of a body.
pub const BODY_IDLE: Duration = Duration::from_secs(10);
/// Time for a body: this much, plus its length at `BODY_MIN_RATE`.
pub const BODY_GRACE: Duration = Duration::from_secs(20);
pub const BODY_MIN_RATE: u64 = 64 * 1024;
/// Longest wait for the client to take an answer's bytes.
pub const WRITE_TIME: Duration = Duration::from_secs(60);
/// Connections open at once, and from one client address.
pub const MAX_CONNECTIONS: usize = 128;
pub const MAX_PER_CLIENT: usize = 96;

/// One request: its head parsed, its body not yet read.
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    headers: Vec<(String, String)>,
    stream: TcpStream,
    /// Bytes read past the head (the start of the body).
    pending: Vec<u8>,
    body: BodyKind,
    expect_continue: bool,
    /// Whether the body was read to its end (else the rest is drained before closing).
    consumed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyKind {
    Length(u64),
    Chunked,
}

/// Why a body could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    /// Over the caller's cap.
    TooLarge,
    /// Slower than `BODY_IDLE` / `BODY_MIN_RATE` allow.
    TooSlow,
    /// Cut off, or malformed chunks.
    Broken,
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.add_header(name, value);
        self
    }

    /// Adds a header; a name or value with a line break (never sent) is left out.
    pub fn add_header(&mut self, name: &str, value: &str) {
        if !name.contains(['\r', '\n', ':']) && !value.contains(['\r', '\n']) {
            self.headers.push((name.into(), value.into()));
        }
    }
}

impl Request {
    /// The first header of that name (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The declared body length (`None`: chunked).
    pub fn body_length(&self) -> Option<u64> {
        match self.body {
            BodyKind::Length(n) => Some(n),
            BodyKind::Chunked => None,
        }
    }

    /// Reads the whole body, at most `cap` bytes, within its time (see `BODY_*`).
    pub fn read_body(&mut self, cap: u64) -> Result<Vec<u8>, BodyError> {
        if let BodyKind::Length(n) = self.body
            && n > cap
        {
            return Err(BodyError::TooLarge);
        }
        if self.expect_continue {
            self.expect_continue = false;
            let _ = self.stream.set_write_timeout(Some(WRITE_TIME));
            if self
                .stream
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .is_err()
            {
                return Err(BodyError::Broken);
            }
        }
        let expected = match self.body {
            BodyKind::Length(n) => n,
            BodyKind::Chunked => cap,
        };
        let deadline =
            Instant::now() + BODY_GRACE + Duration::from_secs(expected / BODY_MIN_RATE.max(1));
        let mut src = Source {
            stream: &mut self.stream,
            pending: std::mem::take(&mut self.pending),
            at: 0,
            deadline,
        };
        let body = match self.body {
            BodyKind::Length(n) => {
                let mut body = Vec::with_capacity(n.min(cap) as usize);
                src.read_exact_into(&mut body, n)?;
                body
            }
            BodyKind::Chunked => read_chunked(&mut src, cap)?,
        };
        self.consumed = true;
        Ok(body)
    }

    /// Writes `resp` and closes the connection; a request whose body was not read is
    /// drained for a moment first, so the client sees the answer rather than a reset.
    pub fn respond(mut self, resp: Response, head_only: bool) {
        let _ = self.stream.set_write_timeout(Some(WRITE_TIME));
        let _ = write_response(&mut self.stream, &resp, head_only);
        linger(&mut self.stream, !self.consumed);
    }
}

/// Bytes of a body: those read with the head first, then the socket, against a deadline.
struct Source<'a> {
    stream: &'a mut TcpStream,
    pending: Vec<u8>,
    at: usize,
    deadline: Instant,
}

impl Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, BodyError> {
        if self.at < self.pending.len() {
            let n = buf.len().min(self.pending.len() - self.at);
            buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
            self.at += n;
            return Ok(n);
        }
        let left = self
            .deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(BodyError::TooSlow)?;
        let _ = self.stream.set_read_timeout(Some(left.min(BODY_IDLE)));
        match self.stream.read(buf) {
            Ok(0) => Err(BodyError::Broken),
            Ok(n) => Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                Err(BodyError::TooSlow)
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(0),
            Err(_) => Err(BodyError::Broken),
        }
    }

    /// Appends exactly `n` bytes to `out`.
    fn read_exact_into(&mut self, out: &mut Vec<u8>, n: u64) -> Result<(), BodyError> {
        let mut buf = [0u8; 64 * 1024];
        let mut left = n;
        while left > 0 {
            let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let got = self.read(&mut buf[..want])?;
            out.extend_from_slice(&buf[..got]);
            left -= got as u64;
        }
        Ok(())
    }

    /// One line (without its CRLF), at most `max` bytes.
    fn line(&mut self, max: usize) -> Result<Vec<u8>, BodyError> {
        let mut line = Vec::new();
        let mut b = [0u8; 1];
        loop {
            if self.read(&mut b)? == 0 {
                continue;
            }
            if b[0] == b'\n' {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if line.len() >= max {
                return Err(BodyError::Broken);
            }
            line.push(b[0]);
        }
    }
}

fn read_chunked(src: &mut Source, cap: u64) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    loop {
        let line = src.line(1024)?;
        let size = String::from_utf8_lossy(&line);
        let size = size.split(';').next().unwrap_or("").trim();
        let n = u64::from_str_radix(size, 16).map_err(|_| BodyError::Broken)?;
        if n == 0 {
            // Trailers, up to the empty line.
            for _ in 0..64 {
                if src.line(HEAD_BYTES)?.is_empty() {
                    return Ok(body);
                }
            }
            return Err(BodyError::Broken);
        }
        if body.len() as u64 + n > cap {
            return Err(BodyError::TooLarge);
        }
        src.read_exact_into(&mut body, n)?;
        if !src.line(2)?.is_empty() {
            return Err(BodyError::Broken);
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn write_response(w: &mut impl Write, resp: &Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (n, v) in &resp.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        resp.body.len()
    ));
    w.write_all(head.as_bytes())?;
    if !head_only {
        w.write_all(&resp.body)?;
    }
    w.flush()
}

/// Closes after an answer: no more writes, then the client's unread bytes are read and
/// dropped (at most 1 s and 16 MB), so closing does not reset the connection before the
/// client has read the answer.
fn linger(stream: &mut TcpStream, unread: bool) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    if !unread {
        return;
    }
    let until = Instant::now() + Duration::from_secs(1);
    let mut buf = [0u8; 64 * 1024];
    let mut total = 0usize;
    while total < 16 << 20 {
        let Some(left) = until.checked_duration_since(Instant::now()) else {
            break;
        };
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
}

/// A request head that could not be read: the status to answer (or none: the connection
/// is just closed) and why.
#[derive(Debug, PartialEq, Eq)]
pub struct HeadError(pub Option<u16>, pub &'static str);

/// Reads and parses a request head from `stream` within `HEAD_TIME`, at most `HEAD_BYTES`.
fn read_head(stream: &mut TcpStream) -> Result<Request, HeadError> {
    let deadline = Instant::now() + HEAD_TIME;
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    let mut scanned = 0usize;
    let end = loop {
        let from = scanned.saturating_sub(3);
        if let Some(i) = memchr::memmem::find(&buf[from..], b"\r\n\r\n") {
            break from + i + 4;
        }
        scanned = buf.len();
        if buf.len() > HEAD_BYTES {
            return Err(HeadError(Some(431), "the request head is too large"));
        }
        let Some(left) = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
        else {
            return Err(HeadError(Some(408), "the request head took too long"));
        };
        let _ = stream.set_read_timeout(Some(left));
        let want = chunk.len().min(HEAD_BYTES + 1 - buf.len().min(HEAD_BYTES));
        match stream.read(&mut chunk[..want]) {
            Ok(0) => return Err(HeadError(None, "closed")),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(HeadError(Some(408), "the request head took too long"));
            }
            Err(_) => return Err(HeadError(None, "broken")),
        }
    };
    if end > HEAD_BYTES {
        return Err(HeadError(Some(431), "the request head is too large"));
    }
    let pending = buf[end..].to_vec();
    let head = String::from_utf8_lossy(&buf[..end - 4]).into_owned();
    let stream = stream.try_clone().map_err(|_| HeadError(None, "broken"))?;
    parse_head(&head, stream, pending)
}

fn parse_head(head: &str, stream: TcpStream, pending: Vec<u8>) -> Result<Request, HeadError> {
    let bad = |why| HeadError(Some(400), why);
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or("");
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("a malformed request line"));
    };
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(HeadError(Some(505), "only HTTP/1.1 and 1.0 are served"));
    }
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(bad("a malformed method"));
    }
    let mut headers = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            return Err(bad("folded header lines are not accepted"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad("a malformed header line"));
        };
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(bad("a malformed header name"));
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let find = |n: &str| -> Vec<&str> {
        headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let lengths = find("Content-Length");
    let chunked = match find("Transfer-Encoding").as_slice() {
        [] => false,
        [te] if te.eq_ignore_ascii_case("chunked") => true,
        _ => {
            return Err(HeadError(
                Some(501),
                "only chunked transfer coding is served",
            ));
        }
    };
    let body = match (lengths.as_slice(), chunked) {
        (_, true) if !lengths.is_empty() => {
            return Err(bad("both Content-Length and Transfer-Encoding"));
        }
        (_, true) => BodyKind::Chunked,
        ([], false) => BodyKind::Length(0),
        ([n, rest @ ..], false) => {
            if rest.iter().any(|r| r != n) {
                return Err(bad("conflicting Content-Length headers"));
            }
            BodyKind::Length(
                n.parse::<u64>()
                    .map_err(|_| bad("a malformed Content-Length"))?,
            )
        }
    };
    let expect_continue = version == "HTTP/1.1"
        && find("Expect")
            .iter()
            .any(|e| e.eq_ignore_ascii_case("100-continue"));
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        stream,
        pending,
        body,
        expect_continue,
        consumed: body == BodyKind::Length(0),
    })
}

/// Connections open now, in all and per client address.
#[derive(Default)]
struct Open {
    total: usize,
    by_client: std::collections::HashMap<IpAddr, usize>,
}

/// A connection's place among the open ones, given back on drop.
struct Slot {
    open: Arc<Mutex<Open>>,
    client: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut o = self.open.lock().unwrap_or_else(|e| e.into_inner());
        o.total = o.total.saturating_sub(1);
        if let Some(n) = o.by_client.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                o.by_client.remove(&self.client);
            }
        }
    }
}

fn take_slot(open: &Arc<Mutex<Open>>, client: IpAddr) -> Option<Slot> {
    let mut o = open.lock().unwrap_or_else(|e| e.into_inner());
    let mine = o.by_client.get(&client).copied().unwrap_or(0);
    if o.total >= MAX_CONNECTIONS || mine >= MAX_PER_CLIENT {
        return None;
    }
    o.total += 1;
    *o.by_client.entry(client).or_insert(0) += 1;
    Some(Slot {
        open: open.clone(),
        client,
    })
}

/// A plain-text answer to a request that never reached the handler.
fn refuse(stream: &mut TcpStream, status: u16, why: &str) {
    let body = format!("{{\"error\": \"{why}\"}}").into_bytes();
    let resp = Response::new(status, "application/json; charset=utf-8", body)
        .header("Cache-Control", "no-store");
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let _ = write_response(stream, &resp, false);
    linger(stream, true);
}

/// Accepts connections forever; each request is read on its own thread (within the
/// limits above) and given to `handle`, which answers it.
pub fn serve(listener: TcpListener, handle: Arc<dyn Fn(Request, SocketAddr) + Send + Sync>) {
    let open: Arc<Mutex<Open>> = Default::default();
    for conn in listener.incoming() {
        let Ok(mut stream) = conn else {
            // Out of descriptors, or a connection reset before it was accepted.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let Ok(peer) = stream.peer_addr() else {
            continue;
        };
        let Some(slot) = take_slot(&open, peer.ip()) else {
            refuse(
                &mut stream,
                503,
                "too many connections at once; try again in a moment",
            );
            continue;
        };
        let handle = handle.clone();
        let _ = std::thread::Builder::new()
            .name("msglint-serve".into())
            .spawn(move || {
                let _slot = slot;
                let _ = stream.set_nodelay(true);
                match read_head(&mut stream) {
                    Ok(rq) => handle(rq, peer),
                    Err(HeadError(Some(status), why)) => refuse(&mut stream, status, why),
                    Err(HeadError(None, _)) => {}
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connected pair of sockets on loopback.
    fn pair() -> (TcpStream, TcpStream) {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let c = TcpStream::connect(l.local_addr().expect("addr")).expect("connect");
        let (s, _) = l.accept().expect("accept");
        (c, s)
    }

    #[test]
    fn heads_bodies_and_chunks() {
        let (mut c, mut s) = pair();
        c.write_all(
            b"POST /api/check?name=a.md HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        )
        .expect("send");
        let mut rq = read_head(&mut s).map_err(|e| e.1).expect("head");
        assert_eq!(
            (rq.method.as_str(), rq.target.as_str()),
            ("POST", "/api/check?name=a.md")
        );
        assert_eq!(rq.header("host"), Some("x"));
        assert_eq!(rq.read_body(100).expect("body"), b"hello");

        let (mut c, mut s) = pair();
        c.write_all(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n")
            .expect("send");
        let mut rq = read_head(&mut s).map_err(|e| e.1).expect("head");
        assert_eq!(rq.body_length(), None);
        assert_eq!(rq.read_body(100).expect("body"), b"hello world");

        let (mut c, mut s) = pair();
        c.write_all(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n")
            .expect("send");
        let mut rq = read_head(&mut s).map_err(|e| e.1).expect("head");
        assert_eq!(rq.read_body(100), Err(BodyError::TooLarge));

        let (mut c, mut s) = pair();
        c.write_all(b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            .expect("send");
        assert_eq!(read_head(&mut s).err().and_then(|e| e.0), Some(400));
    }

    #[test]
    fn a_head_over_the_cap_is_431_without_reading_it_all() {
        let (mut c, mut s) = pair();
        let writer = std::thread::spawn(move || {
            let big = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
            let _ = c.write_all(big.as_bytes());
        });
        assert_eq!(read_head(&mut s).err().and_then(|e| e.0), Some(431));
        drop(s);
        let _ = writer.join();
    }

    #[test]
    fn connections_are_limited_in_all_and_per_client() {
        let open: Arc<Mutex<Open>> = Default::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let mine: Vec<Slot> = (0..MAX_PER_CLIENT)
            .map_while(|_| take_slot(&open, a))
            .collect();
        assert_eq!(mine.len(), MAX_PER_CLIENT);
        assert!(take_slot(&open, a).is_none(), "one client's limit");
        let others: Vec<Slot> = (0..MAX_CONNECTIONS)
            .map_while(|_| take_slot(&open, b))
            .collect();
        assert_eq!(
            others.len(),
            MAX_CONNECTIONS - MAX_PER_CLIENT,
            "the total limit"
        );
        drop(mine);
        assert!(take_slot(&open, a).is_some(), "given back on drop");
    }

    #[test]
    fn responses_never_carry_a_header_line_break() {
        let r = Response::new(200, "text/plain", b"hi".to_vec())
            .header("X-A", "1\r\nSet-Cookie: x=1")
            .header("X-B", "2");
        let mut out = Vec::new();
        write_response(&mut out, &r, false).expect("write");
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("Set-Cookie"), "{text}");
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-B: 2\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"), "{text}");
    }
}
