#!/usr/bin/env python3
"""What each stage cost in code: lines of Java per module, main and test, counted like cloc.

    bench/code-lines.py                       # print the table (Markdown)
    bench/code-lines.py --out bench/results   # also write code-lines.md and code-lines.adoc there

A line is "code" if it holds anything outside a comment (a line with code and a trailing comment
is code), "comment" if it holds only comment text (//, /* */, Javadoc), and "blank" otherwise.
String literals and text blocks are skipped over, so a "//" or "/*" inside one (a URL, a raw
request in a test) is not taken for a comment. Only *.java files are counted: no POMs, no
resources, no generated sources (target/ is skipped).

Each stage module holds only its technique and reuses the stages before it (stage 03 reuses stage
02's loop and parser, stage 04 stage 02's parser, stage 05 stage 04's ring), so a module's count is
what its technique added. Stage 04's io_uring binding (package uring) is counted apart from its
server. Python 3 standard library only; run it from anywhere.
"""
import argparse
import datetime
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (row label, module, path under src/<main|test>/java to include, path to exclude)
ROWS = [
    ("common", "common", "", None),
    ("conformance (the suite)", "conformance", "", None),
    ("stage01-blocking", "stage01-blocking", "", None),
    ("stage02-nio-selector", "stage02-nio-selector", "", None),
    ("stage03-reuseport-workers", "stage03-reuseport-workers", "", None),
    ("stage04-io-uring: server", "stage04-io-uring", "", "dev/httpcourse/stage04/uring"),
    ("stage04-io-uring: uring binding", "stage04-io-uring", "dev/httpcourse/stage04/uring", None),
    ("stage05-zero-copy-parser", "stage05-zero-copy-parser", "", None),
]

# The attribute names of the generated AsciiDoc (code-lines.adoc, tag "attributes").
KEYS = {
    "common": "common",
    "conformance (the suite)": "conformance",
    "stage01-blocking": "s01",
    "stage02-nio-selector": "s02",
    "stage03-reuseport-workers": "s03",
    "stage04-io-uring: server": "s04-server",
    "stage04-io-uring: uring binding": "s04-uring",
    "stage05-zero-copy-parser": "s05",
}


def classify(text):
    """Returns (code, comment, blank) line counts of one Java source."""
    code = comment = blank = 0
    state = "code"  # code | block | string | char | textblock
    line_code = line_comment = False

    def end_line():
        nonlocal code, comment, blank, line_code, line_comment
        if line_code:
            code += 1
        elif line_comment:
            comment += 1
        else:
            blank += 1
        line_code = line_comment = False

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "\n":
            end_line()
            if state in ("string", "char"):
                state = "code"  # unterminated: not valid Java; recover at the line's end
            i += 1
        elif state == "code":
            if c == "/" and nxt == "/":
                line_comment = True
                j = text.find("\n", i)
                i = n if j < 0 else j
            elif c == "/" and nxt == "*":
                line_comment = True
                state = "block"
                i += 2
            elif text.startswith('"""', i):
                line_code = True
                state = "textblock"
                i += 3
            else:
                if c == '"':
                    state = "string"
                elif c == "'":
                    state = "char"
                if not c.isspace():
                    line_code = True
                i += 1
        elif state == "block":
            if c == "*" and nxt == "/":
                line_comment = True
                state = "code"
                i += 2
            else:
                if not c.isspace():
                    line_comment = True
                i += 1
        else:  # inside a string, a char literal or a text block: code, whatever it says
            if not c.isspace():
                line_code = True
            if c == "\\" and nxt != "\n":
                i += 2
            elif state == "textblock" and text.startswith('"""', i):
                state = "code"
                i += 3
            elif (c == '"' and state == "string") or (c == "'" and state == "char"):
                state = "code"
                i += 1
            else:
                i += 1
    if text and not text.endswith("\n"):
        end_line()
    return code, comment, blank


def count(module, kind, include, exclude):
    base = ROOT / module / "src" / kind / "java"
    files = sorted((base / include).rglob("*.java")) if (base / include).is_dir() else []
    if exclude:
        files = [f for f in files if not str(f.relative_to(base)).startswith(exclude + "/")]
    total = [len(files), 0, 0, 0]
    for f in files:
        c, m, b = classify(f.read_text(encoding="utf-8"))
        total[1] += c
        total[2] += m
        total[3] += b
    return total  # files, code, comment, blank


def commit():
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", *[r[1] for r in ROWS]],
                               capture_output=True, text=True, check=True).stdout.strip()
        return out + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def measure():
    rows = []
    for label, module, include, exclude in ROWS:
        main = count(module, "main", include, exclude)
        test = count(module, "test", include, exclude)
        rows.append((label, main, test))
    return rows


def fmt(n):
    return f"{n:,}"


def markdown(rows, stamp):
    out = ["# Lines of Java per module", "",
           f"Counted by `bench/code-lines.py` at commit {stamp}. Code: lines with anything outside a comment; "
           "comment: lines of comment only (Javadoc included); blank lines left out. "
           "Stage 04's io_uring binding (package `uring`) is counted apart from its server.", "",
           "| module | main files | main code | main comment | main, all lines | test files | test code | test, all lines |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, m, t in rows:
        out.append(f"| {label} | {m[0]} | {fmt(m[1])} | {fmt(m[2])} | {fmt(sum(m[1:]))} "
                   f"| {t[0]} | {fmt(t[1])} | {fmt(sum(t[1:]))} |")
    return "\n".join(out) + "\n"


def asciidoc(rows, stamp):
    out = ["// Generated by bench/code-lines.py: do not edit; rerun it (bench/code-lines.py --out bench/results).",
           "// tag::attributes[]"]
    for label, m, t in rows:
        key = KEYS[label]
        out.append(f":loc-{key}-main: {fmt(m[1])}")
        out.append(f":loc-{key}-main-comment: {fmt(m[2])}")
        out.append(f":loc-{key}-main-all: {fmt(sum(m[1:]))}")
        out.append(f":loc-{key}-test: {fmt(t[1])}")
        out.append(f":loc-{key}-files: {m[0]}")
    s04 = next(r for r in rows if KEYS[r[0]] == "s04-server")
    uring = next(r for r in rows if KEYS[r[0]] == "s04-uring")
    out.append(f":loc-s04-main: {fmt(s04[1][1] + uring[1][1])}")
    out.append(f":loc-s04-test: {fmt(s04[2][1] + uring[2][1])}")
    out.append(f":loc-commit: {stamp}")
    out.append("// end::attributes[]")
    out.append("// tag::table[]")
    out.append("[cols=\"4,1,2,2,2,1,2,2\",options=header]")
    out.append(f".Lines of Java per module (`bench/code-lines.py`, commit {stamp})")
    out.append("|===")
    out.append("| module | main files | main code | main comment | main, all lines | test files | test code | test, all lines")
    for label, m, t in rows:
        out.append(f"| {label} | {m[0]} | {fmt(m[1])} | {fmt(m[2])} | {fmt(sum(m[1:]))} "
                   f"| {t[0]} | {fmt(t[1])} | {fmt(sum(t[1:]))}")
    out.append("|===")
    out.append("// end::table[]")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description="Lines of Java per stage module, main and test (code, comment).")
    p.add_argument("--out", metavar="DIR", help="also write code-lines.md and code-lines.adoc into DIR")
    a = p.parse_args()
    rows = measure()
    stamp = commit()
    md = markdown(rows, stamp)
    sys.stdout.write(md)
    if a.out:
        d = pathlib.Path(a.out)
        if not d.is_dir():
            sys.exit(f"code-lines.py: --out {a.out}: no such folder")
        (d / "code-lines.md").write_text(md, encoding="utf-8")
        (d / "code-lines.adoc").write_text(asciidoc(rows, stamp), encoding="utf-8")
        print(f"Written: {d / 'code-lines.md'} and code-lines.adoc", file=sys.stderr)


if __name__ == "__main__":
    main()
