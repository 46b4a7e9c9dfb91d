#!/usr/bin/env python3
"""Keystroke → published diagnostics of `msglint lsp` on a 2,000-line Markdown file.

Builds the file from the demo's Markdown (fixtures/demo: blog, docs, decks, battlecards,
each section under its own heading) until it has 2,000 lines, puts it in a scratch
workspace beside a copy of the demo platform (as blog/long.md: an article), starts
`msglint lsp`, opens it, then types: each keystroke is one incremental `didChange` (one
character inserted at the end of a line, cycling through the file), and the time is taken
until the `publishDiagnostics` of that version arrives. Keystrokes are sent one after the
other (the next once the last one's diagnostics are in), so each time is the whole
round trip: the edit applied, the file extracted and checked, the cross-file steps, the
diagnostics placed in UTF-16 and written.

    bench/lsp.py [--msglint target/release/msglint] [--keys 300] [--lines 2000]

Prints the median, p90 and max (and the server's CPU time per keystroke, which a busy
machine disturbs less than the wall time), and exits 1 when the median is 20 ms or more.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def demo_markdown(lines: int) -> str:
    parts = []
    for sub in ["blog", "docs", "decks", "battlecards"]:
        for p in sorted((ROOT / "fixtures/demo" / sub).glob("*.md")):
            text = p.read_text(encoding="utf-8")
            if text.startswith("---"):
                # Front matter only once, at the top of a real file.
                text = text.split("---", 2)[2]
            parts.append(text.strip("\n"))
    out, n, i = [], 0, 0
    while n < lines:
        chunk = f"## Section {i + 1}\n\n" + parts[i % len(parts)] + "\n\n"
        out.append(chunk)
        n += chunk.count("\n")
        i += 1
    text = "".join(out)
    return "\n".join(text.split("\n")[:lines]) + "\n"


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class Client:
    def __init__(self, cmd, cwd):
        self.p = subprocess.Popen(
            cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise SystemExit("msglint lsp closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m.get("result")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, version):
        while True:
            m = self.read()
            if (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            ):
                return m["params"]["diagnostics"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--msglint", default=str(ROOT / "target/release/msglint"))
    ap.add_argument("--keys", type=int, default=300)
    ap.add_argument("--lines", type=int, default=2000)
    args = ap.parse_args()
    text = demo_markdown(args.lines)
    work = Path(tempfile.mkdtemp(prefix="msglint-lsp-bench-"))
    try:
        (work / "blog").mkdir()
        shutil.copy(ROOT / "fixtures/demo/msglint.yaml", work / "msglint.yaml")
        doc = work / "blog/long.md"
        doc.write_text(text, encoding="utf-8")
        uri = doc.as_uri()
        c = Client([str(Path(args.msglint).resolve()), "lsp"], work)
        c.request("initialize", {"processId": os.getpid(), "rootUri": work.as_uri(), "capabilities": {}})
        c.notify("initialized", {})
        t = time.perf_counter()
        c.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        first = c.diagnostics(uri, 1)
        opened = (time.perf_counter() - t) * 1000
        lines = text.split("\n")
        times = []
        cpu_before = cpu_seconds(c.p.pid)
        version = 1
        for k in range(args.keys):
            line = (k * 37) % (len(lines) - 1)
            # Type at the end of the line (lines grow by one character per visit).
            col = len(lines[line].encode("utf-16-le")) // 2
            lines[line] += "x"
            version += 1
            t = time.perf_counter()
            c.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": line, "character": col},
                                "end": {"line": line, "character": col},
                            },
                            "text": "x",
                        }
                    ],
                },
            )
            d = c.diagnostics(uri, version)
            times.append((time.perf_counter() - t) * 1000)
        cpu = (cpu_seconds(c.p.pid) - cpu_before) * 1000 / max(1, len(times))
        c.request("shutdown", None)
        c.notify("exit", None)
        c.p.wait(timeout=10)
        times.sort()
        median = statistics.median(times)
        p90 = times[int(len(times) * 0.9) - 1]
        print(
            f"msglint lsp: {args.lines}-line Markdown ({len(text.encode())} bytes), "
            f"{len(first)} diagnostics on open ({opened:.1f} ms)"
        )
        print(
            f"keystroke → published diagnostics, {len(times)} keystrokes: "
            f"median {median:.2f} ms, p90 {p90:.2f} ms, max {times[-1]:.2f} ms "
            f"({len(d)} diagnostics each); server CPU {cpu:.2f} ms per keystroke"
        )
        if median >= 20:
            print("FAIL: the median is not under 20 ms", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
