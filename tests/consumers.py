#!/usr/bin/env python3
"""Feeds msglint's output to real consumers. Usage: consumers.py FORMAT FILE [EXPECTED_COUNT]

sarif       sarif-tools (Microsoft's SARIF SDK for Python) loads it and counts results
junit       junitparser parses it and counts failures
gitlab      the Code Quality report's required keys, unique fingerprints
checkstyle  xml.etree parses it and counts <error>
schema      jsonschema validates YAML FILE against schema/msglint.schema.json
vale        PyYAML loads every rule of the style directory FILE; checks Vale's keys
Prints the count; exits 1 with a reason on any problem.
"""
import json
import os
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    expected = int(sys.argv[3]) if len(sys.argv) > 3 else None
    if fmt == "sarif":
        from sarif import loader
        data = loader.load_sarif_file(path)
        n = data.get_result_count()
        for rec in data.get_records():
            if not rec.get("Location") or not rec.get("Line"):
                fail(f"result without location: {rec}")
    elif fmt == "junit":
        from junitparser import JUnitXml
        xml = JUnitXml.fromfile(path)
        n = sum(1 for suite in xml for case in suite if not case.is_passed)
    elif fmt == "gitlab":
        issues = json.load(open(path, encoding="utf-8"))
        for i in issues:
            for key in ("description", "check_name", "fingerprint", "severity", "location"):
                if key not in i:
                    fail(f"missing {key}: {i}")
            if i["severity"] not in ("info", "minor", "major", "critical", "blocker"):
                fail(f"bad severity {i['severity']}")
            if "path" not in i["location"] or "begin" not in i["location"].get("lines", {}):
                fail(f"bad location {i['location']}")
        if len({i["fingerprint"] for i in issues}) != len(issues):
            fail("fingerprints are not unique")
        n = len(issues)
    elif fmt == "checkstyle":
        import xml.etree.ElementTree as ET
        root = ET.parse(path).getroot()
        if root.tag != "checkstyle":
            fail("root is not <checkstyle>")
        n = len(root.findall("./file/error"))
    elif fmt == "schema":
        import jsonschema
        import yaml
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        schema = json.load(open(os.path.join(here, "schema", "msglint.schema.json"), encoding="utf-8"))
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        # YAML dates arrive as datetime.date: the schema wants strings.
        def stringify(o):
            if isinstance(o, dict):
                return {k: stringify(v) for k, v in o.items()}
            if isinstance(o, list):
                return [stringify(v) for v in o]
            return o.isoformat() if hasattr(o, "isoformat") else o
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(stringify(doc)))
        if errors:
            fail("; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
        n = 0
    elif fmt == "vale":
        import yaml
        n = 0
        for name in sorted(os.listdir(path)):
            rule = yaml.safe_load(open(os.path.join(path, name), encoding="utf-8"))
            for key in ("extends", "message", "level", "swap"):
                if key not in rule:
                    fail(f"{name}: missing {key}")
            if rule["level"] not in ("suggestion", "warning", "error"):
                fail(f"{name}: bad level")
            n += len(rule["swap"] or {})
    else:
        fail(f"unknown format {fmt}")
    print(n)
    if expected is not None and n != expected:
        fail(f"expected {expected}, the consumer counted {n}")


if __name__ == "__main__":
    main()
