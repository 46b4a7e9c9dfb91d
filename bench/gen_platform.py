#!/usr/bin/env python3
"""Platforms for the benchmarks: the 20 term rules (and textlint's prh dictionary with the
same 20 rules), and platforms of N terms for the scaling curve.

    python3 bench/gen_platform.py OUTDIR

writes OUTDIR/terms20.yaml, OUTDIR/prh.yml, OUTDIR/.textlintrc.json and
OUTDIR/terms{10,100,1000,10000}.yaml. The scaling platforms hold the 20 real rules (10
only for the smallest) and then made-up terms (pronounceable nonsense, two words each, so
they rarely match): a large real platform is mostly terms a given file never uses.
"""
import json
import os
import random
import sys

TERMS = [
    ("email", "e-mail"), ("website", "web site"), ("open source", "opensource"),
    ("database", "data base"), ("filename", "file name"), ("username", "user name"),
    ("checkbox", "check box"), ("dropdown", "drop-down"), ("real time", "realtime"),
    ("plugin", "plug-in"), ("log in to", "login to"), ("sign up for", "signup for"),
    ("add-on", "addon"), ("on-premises", "on-premise"), ("use", "utilize"),
    ("allowlist", "whitelist"), ("denylist", "blacklist"), ("main branch", "master branch"),
    ("command line", "commandline"), ("internet", "world wide web"),
]

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def platform(n):
    rng = random.Random(13)
    cons, vow = "bcdfghjklmnprstvz", "aeiou"
    def word():
        return "".join(rng.choice(cons) + rng.choice(vow) for _ in range(rng.randint(2, 4)))
    lines = ["version: 1", "company: {name: Acme}", "terms:"]
    real = TERMS[: min(n, len(TERMS))]
    seen = set()
    for use, avoid in real:
        lines.append(f"  - {{use: \"{use}\", avoid: [\"{avoid}\"]}}")
    for _ in range(n - len(real)):
        while True:
            a, b = word(), word()
            if (a, b) not in seen:
                seen.add((a, b))
                break
        lines.append(f"  - {{use: \"{a} {b}\", avoid: [\"{a}{b}\"]}}")
    return "\n".join(lines) + "\n"


with open(os.path.join(out, "terms20.yaml"), "w") as f:
    f.write(platform(20))
for n in (10, 100, 1000, 10000):
    with open(os.path.join(out, f"terms{n}.yaml"), "w") as f:
        f.write(platform(n))
with open(os.path.join(out, "prh.yml"), "w") as f:
    f.write("version: 1\nrules:\n")
    for use, avoid in TERMS:
        # A regular expression (prh escapes a plain string's "-", which its "u" flag rejects).
        f.write(f"  - expected: {json.dumps(use)}\n    pattern: \"/{avoid}/i\"\n")
with open(os.path.join(out, ".textlintrc.json"), "w") as f:
    json.dump({"rules": {"prh": {"rulePaths": [os.path.join(out, "prh.yml")]}}}, f)
