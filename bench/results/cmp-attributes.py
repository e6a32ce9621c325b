#!/usr/bin/env python3
"""The figures the closing chapter quotes, as AsciiDoc attributes, from one committed report folder.

    bench/results/cmp-attributes.py                     # print them, from bench/results/vm
    bench/results/cmp-attributes.py bench/results/vm --write
                                                        # write bench/results/vm/comparison-attributes.adoc

The chapter (docs/src/docs/asciidoc/ch06-comparison.adoc) includes the written file, so after a
new run of ./bench/run.sh, bench/syscalls.sh --tool=perf, bench/alloc.sh or bench/jmh/run.sh,
rerunning this script with --write refreshes every figure its prose quotes. The prose around them
must still be reread: a figure can change sides.

Reads, from the folder: report.json (bench/run.sh), syscalls-perf.md and syscalls.md
(bench/syscalls.sh), alloc.md (bench/alloc.sh), loop-stall.md (bench/loop-stall.sh), and ../jmh/jmh.md (bench/jmh/run.sh); any of them
may be missing. A figure that is not there is written as "(to be measured)" for stage 05 and
"(not measured)" for the others, so the book still builds and says so.

Attribute names, with X a server key below and P a profile (baseline, pipelined, limited-conn,
json, upload):
  cmp-X-P-rps, -cpu, -p99, -rss  median req/s, req per server CPU-second, p99 latency, peak RSS
  cmp-X-P-rps-ne, -cpu-ne        ratio to the report's baseline peer (netty-epoll): the median of
                                 the per-round ratios, with "≈" when its range includes 1.00×
  cmp-X-P-rps-ne-range, -cpu-ne-range    that ratio's lowest and highest round, "1.37–2.44"
  cmp-X-P-p99-ne                 p99 over the peer's p99 (ratio of the medians)
  cmp-X-P-{rps,cpu,p99}-vs-Y     ratio of the medians, X over Y, for the pairs in PAIRS
  cmp-X-P-cpu-{floor,hel}-rounds X over the native floor or Helidon SE, round by round: the median ratio (lowest–highest)
  cmp-P-ranking-cpu              servers by req per CPU-s ratio, "≈" between neighbours whose
                                 ranges overlap: report.json's rankings, as report.md prints them
  cmp-P-lead-cpu                 the first of that ranking
  cmp-P-lead-stage               the stage (of stages 01-05) first in that ranking, and its figures:
  cmp-P-lead-stage-{rps,cpu,p99}-{ne,nu,jdk,hel,vx}   ratios of its medians to each peer's (-ne
                                 of rps and cpu: the per-round median, as above), and -p99 itself
  cmp-P-best-java-peer           the Java peer (JDK server, Netty, Helidon, Vert.x) with the most
                                 req per CPU-s, and cmp-P-s05-cpu-vs-best-java-peer: stage 05 over it
  cmp-X-sys-S, cmp-X-sys-strace-S        I/O system calls per request, shape S (baseline,
                                 pipelined), counted by perf and by strace
  cmp-X-alloc-S                  bytes allocated per request under load, shape S
  cmp-X-stall-p99-growth         loop-stall.md: /pipeline's p99 beside /json/50 clients over alone
  cmp-jmh-*                      a few JMH rows: see JMH_ROWS
  cmp-run-*                      when, where and how the report was taken
  cmp-soak-X-{verdict,requests,errors}, cmp-soak-X-S and -S-verdict   soak-SERVER.md (bench/soak.sh):
                                 S one of rss, heap, native, other, threads, fds: "first third → last third"
Python 3 standard library only.
"""
import argparse
import decimal
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent

# server name in the report -> attribute key
SERVERS = {
    "stage01-platform": "s01p",
    "stage01-virtual": "s01v",
    "stage02-nio-selector": "s02",
    "stage03-reuseport": "s03",
    "stage03-handoff": "s03h",
    "stage04-io-uring": "s04",
    "stage05-zero-copy-parser": "s05",
    "jdk-httpserver": "jdk",
    "netty-epoll": "ne",
    "netty-io_uring": "nu",
    "helidon-se": "hel",
    "vertx": "vx",
    "native-floor": "floor",
    "nginx": "nginx",
}
# the Java servers a developer would deploy instead of a stage: the "best Java peer" is the best of these
JAVA_PEERS = ["jdk", "ne", "nu", "hel", "vx"]
PROFILES = ["baseline", "pipelined", "limited-conn", "json", "upload"]
STAGES = ["s01p", "s01v", "s02", "s03", "s03h", "s04", "s05"]
# X over Y, ratio of the medians: each stage over the one before, and over the peers.
PAIRS = ([("s01v", "s01p"), ("s02", "s01v"), ("s03", "s02"), ("s03h", "s02"), ("s03h", "s03"), ("s04", "s03"),
          ("s05", "s04"), ("s05", "s01v"), ("s05", "s01p")]
         + [(s, peer) for s in STAGES for peer in ("nu", "jdk", "hel", "vx", "floor")]
         + [("nu", "jdk"), ("ne", "jdk"), ("hel", "jdk"), ("vx", "ne"), ("hel", "ne")])
SHAPES = ["baseline", "pipelined"]
# attribute suffix -> (benchmark, parameters) in jmh.md; each gives -ns and -bytes
JMH_ROWS = {
    "parse-s01": ("Bench01_ParseStage01.parse", "requests=arena"),
    "parse-s02": ("Bench01_ParseStage02.parse", "buffers=heap, requests=arena"),
    "parse-s05": ("Bench01_ParseStage05.parse", "requests=arena"),
    "json50-jackson": ("Bench02_JsonJackson.encode", "count=50"),
    "json50-writer": ("Bench02_JsonWriter.write", "count=50"),
}


def missing(key):
    return "(to be measured)" if key == "s05" else "(not measured)"


def fixed(v, places):
    """v with that many decimals, halves rounded up, as the load driver's Java formatting rounds them."""
    q = decimal.Decimal(1).scaleb(-places)
    return str(decimal.Decimal(v).quantize(q, rounding=decimal.ROUND_HALF_UP))


def ratio(r):
    return (fixed(r, 0) if r >= 10 else fixed(r, 2)) + "×"


def trim(v):
    """Three significant digits below 100, none above, trailing zeros dropped: Format.trim of the driver."""
    if abs(v) >= 100:
        s = fixed(v, 0)
    else:
        d = decimal.Decimal(v)
        s = fixed(v, max(0, 2 - d.adjusted()))
    return s.rstrip("0").rstrip(".") if "." in s else s


def micros(us):
    if us < 1000:
        return fixed(us, 0) + " µs"
    if us < 1_000_000:
        return trim(us / 1000) + " ms"
    return trim(us / 1_000_000) + " s"


def count(v):
    return f"{int(fixed(v, 0)):,}"


def key_of(server):
    if server in SERVERS:
        return SERVERS[server]
    if server.startswith("stage05"):
        return "s05"
    return None


def report_attributes(path, out):
    report = json.loads(path.read_text(encoding="utf-8"))
    machine, settings = report["machine"], report["settings"]
    runs = report.get("runs", [])
    out["cmp-run-date"] = report["timestamp"]
    out["cmp-run-machine"] = (f"{machine['cpuModel']}, {machine['cores']} cores, "
                              f"Linux {machine['kernel'].split('-')[0]}, JDK {machine['jdk'].split()[-1].split('+')[0]}")
    out["cmp-run-commit"] = machine.get("gitCommit") or "unknown"
    out["cmp-run-command"] = settings["command"]
    out["cmp-run-busy"] = f"{sum(1 for r in runs if r.get('busy'))} of {len(runs)}"
    out["cmp-run-peer"] = settings["baselinePeer"]
    summaries = {}
    for s in report["summaries"]:
        k = key_of(s["server"])
        if k and s.get("status") == "OK":
            summaries[(k, s["profile"])] = s
    ratios = {}
    for r in report["ratios"]:
        k = key_of(r["server"])
        if k:
            ratios[(k, r["profile"])] = r
    keys = list(dict.fromkeys(SERVERS.values()))
    for k in keys:
        for p in PROFILES:
            s = summaries.get((k, p))
            r = ratios.get((k, p))
            peer = summaries.get(("ne", p))
            base = f"cmp-{k}-{p}"
            if s is None:
                for suffix in ("rps", "cpu", "p99", "rss", "rps-ne", "rps-ne-range", "cpu-ne", "cpu-ne-range", "p99-ne"):
                    out[f"{base}-{suffix}"] = missing(k)
                continue
            out[f"{base}-rps"] = count(s["requestsPerSecond"])
            out[f"{base}-cpu"] = count(s["requestsPerCpuSecond"]) if s.get("requestsPerCpuSecond") else missing(k)
            out[f"{base}-p99"] = micros(s["p99Micros"])
            out[f"{base}-rss"] = (fixed(s["peakRssBytes"] / (1024 * 1024), 0) + " MiB") if s.get("peakRssBytes") else missing(k)
            for fig, sig in (("requestsPerSecond", "significant"), ("requestsPerCpuSecond", "cpuSignificant")):
                name = "rps" if fig == "requestsPerSecond" else "cpu"
                spread = r.get(fig) if r else None
                if not spread:
                    out[f"{base}-{name}-ne"] = missing(k)
                    out[f"{base}-{name}-ne-range"] = missing(k)
                    continue
                mark = "" if r.get(sig) or k == "ne" else "≈"
                out[f"{base}-{name}-ne"] = mark + ratio(spread["median"])
                out[f"{base}-{name}-ne-range"] = f"{spread['min']:.2f}–{spread['max']:.2f}"
            out[f"{base}-p99-ne"] = ratio(s["p99Micros"] / peer["p99Micros"]) if peer else missing(k)
    for x, y in PAIRS:
        for p in PROFILES:
            a, b = summaries.get((x, p)), summaries.get((y, p))
            for name, fig in (("rps", "requestsPerSecond"), ("cpu", "requestsPerCpuSecond"), ("p99", "p99Micros")):
                attr = f"cmp-{x}-{p}-{name}-vs-{y}"
                if a and b and a.get(fig) and b.get(fig):
                    out[attr] = ratio(a[fig] / b[fig])
                else:
                    out[attr] = missing("s05" if "s05" in (x, y) else x)
    # Against the native floor and Helidon SE, also round by round, as the load driver pairs them
    # (Report.ratiosTo): the median of the rounds' ratios with their range, as every ratio to netty-epoll.
    ratios_to = report.get("ratiosTo", {})
    for peer_server, peer in (("native-floor", "floor"), ("helidon-se", "hel")):
        by_stage = {(key_of(r["server"]), r["profile"]): r.get("requestsPerCpuSecond")
                    for r in ratios_to.get(peer_server, [])}
        profiles = ("baseline", "pipelined", "limited-conn") if peer == "floor" else PROFILES
        for x in STAGES:
            for p in profiles:
                spread = by_stage.get((x, p))
                attr = f"cmp-{x}-{p}-cpu-{peer}-rounds"
                if spread:
                    out[attr] = f"{ratio(spread['median'])} ({spread['min']:.2f}–{spread['max']:.2f})"
                else:
                    out[attr] = missing(x)
    if "rankings" not in report:
        sys.exit(f"cmp-attributes.py: {path} has no rankings (it was written before reports had them); "
                 f"add them with ./bench/run.sh --render {path}")
    # The load driver ranks (Report.rankingGroups): groups the rounds tell apart, best first, and
    # within a group servers whose ranges overlap. Only quoted here, so the rule is not written twice.
    rankings = {r["profile"]: r["requestsPerCpuSecond"] for r in report["rankings"]}
    for p in PROFILES:
        groups = rankings.get(p, [])
        ranked = [server for group in groups for server in group]
        out[f"cmp-{p}-ranking-cpu"] = " > ".join(" ≈ ".join(group) for group in groups) or "(not measured)"
        out[f"cmp-{p}-lead-cpu"] = ranked[0] if ranked else "(not measured)"
        stages = [server for server in ranked if key_of(server) in STAGES and (key_of(server), p) in summaries]
        lead = f"cmp-{p}-lead-stage"
        if not stages:
            out[lead] = "(not measured)"
            continue
        k = key_of(stages[0])
        out[lead] = stages[0]
        s = summaries[(k, p)]
        out[f"{lead}-p99"] = out[f"cmp-{k}-{p}-p99"]
        for name, fig in (("rps", "requestsPerSecond"), ("cpu", "requestsPerCpuSecond"), ("p99", "p99Micros")):
            for peer in ("ne", "nu", "jdk", "hel", "vx"):
                other = summaries.get((peer, p))
                if name != "p99" and peer == "ne":
                    out[f"{lead}-{name}-ne"] = out[f"cmp-{k}-{p}-{name}-ne"]
                elif other and s.get(fig) and other.get(fig):
                    out[f"{lead}-{name}-{peer}"] = ratio(s[fig] / other[fig])
                else:
                    out[f"{lead}-{name}-{peer}"] = "(not measured)"


def best_peer_attributes(path, out):
    """The best Java peer per CPU-second on each profile, and stage 05 over it (ratio of the medians)."""
    report = json.loads(path.read_text(encoding="utf-8"))
    summaries = {(key_of(s["server"]), s["profile"]): s for s in report["summaries"]
                 if key_of(s["server"]) and s.get("status") == "OK"}
    for p in PROFILES:
        peers = [(summaries[(k, p)]["requestsPerCpuSecond"], k) for k in JAVA_PEERS
                 if (k, p) in summaries and summaries[(k, p)].get("requestsPerCpuSecond")]
        s05 = summaries.get(("s05", p))
        if not peers or not s05:
            out[f"cmp-{p}-best-java-peer"] = "(not measured)"
            out[f"cmp-{p}-s05-cpu-vs-best-java-peer"] = "(not measured)"
            continue
        best, k = max(peers)
        name = next(n for n, key in SERVERS.items() if key == k)
        out[f"cmp-{p}-best-java-peer"] = name
        out[f"cmp-{p}-s05-cpu-vs-best-java-peer"] = ratio(s05["requestsPerCpuSecond"] / best)


def markdown_rows(path):
    """The rows of the first Markdown table in a file, as dicts by header."""
    header, rows = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            if header:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: "):
            rows.append(dict(zip(header, cells)))
    return rows


def syscall_attributes(folder, out):
    for tool, suffix in (("syscalls-perf.md", "sys"), ("syscalls.md", "sys-strace")):
        path = folder / tool
        found = {}
        if path.is_file():
            for row in markdown_rows(path):
                k = key_of(row["server"])
                if k:
                    found[(k, row["shape"])] = row["I/O"]
        for k in dict.fromkeys(SERVERS.values()):
            for shape in SHAPES:
                out[f"cmp-{k}-{suffix}-{shape}"] = found.get((k, shape), missing(k))


def alloc_attributes(folder, out):
    path = folder / "alloc.md"
    found = {}
    if path.is_file():
        for row in markdown_rows(path):
            k = key_of(row["server"])
            if k:
                # the server's own threads where the table has them (JFR's and jcmd's threads apart)
                found[(k, row["profile"])] = row.get("of which the server's own threads",
                                                     row["bytes allocated per request"])
    for k in STAGES:
        for shape in SHAPES:
            out[f"cmp-{k}-alloc-{shape}"] = found.get((k, shape), missing(k))


def stall_attributes(folder, out):
    path = folder / "loop-stall.md"
    found = {}
    if path.is_file():
        for row in markdown_rows(path):
            k = key_of(row["server"])
            if k:
                found[k] = row["p99 beside / alone"]
    for k in STAGES:
        out[f"cmp-{k}-stall-p99-growth"] = found.get(k, missing(k))


def jmh_attributes(folder, out):
    path = folder.parent / "jmh" / "jmh.md"
    found = {}
    if path.is_file():
        for row in markdown_rows(path):
            found[(row["Benchmark"], row["Parameters"])] = row
    for name, key in JMH_ROWS.items():
        row = found.get(key)
        which = "s05" if "s05" in name or "writer" in name else name
        ns = re.sub(r"\s*±.*", "", row["ns/op"]) if row else None
        out[f"cmp-jmh-{name}-ns"] = ns if row else missing(which)
        out[f"cmp-jmh-{name}-bytes"] = row["B/op"] if row else missing(which)


# series of a soak report's verdict table -> attribute suffix
SOAK_SERIES = {"RSS": "rss", "heap after full GC": "heap", "native (NMT, outside the heap)": "native",
               "off-heap (NMT Other)": "other", "threads": "threads", "file descriptors": "fds"}


def soak_attributes(folder, out):
    """soak-SERVER.md: per series the change from the first third to the last and the verdict, and the load."""
    for server, k in SERVERS.items():
        path = folder / f"soak-{server}.md"
        base = f"cmp-soak-{k}"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^\*\*(\w+)\*\*.*?([\d,]+) well-behaved requests, ([\d,]+) errors", text, re.M)
        out[f"{base}-verdict"] = m.group(1).lower() if m else "(not measured)"
        out[f"{base}-requests"] = m.group(2) if m else "(not measured)"
        out[f"{base}-errors"] = m.group(3) if m else "(not measured)"
        section = text.split("## Verdict", 1)[1] if "## Verdict" in text else ""
        for row in markdown_rows_of(section):
            suffix = SOAK_SERIES.get(row.get("series"))
            if suffix:
                first = re.sub(r"\s*\(#.*\)", "", row["first third"])
                last = re.sub(r"\s*\(#.*\)", "", row["last third"])
                out[f"{base}-{suffix}"] = f"{first} → {last}"
                out[f"{base}-{suffix}-verdict"] = row["verdict"]


def markdown_rows_of(text):
    """The rows of the first Markdown table in a text, as dicts by header."""
    header, rows = None, []
    for line in text.splitlines():
        if not line.startswith("|"):
            if header:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: "):
            rows.append(dict(zip(header, cells)))
    return rows


def render(folder):
    out = {}
    report = folder / "report.json"
    if not report.is_file():
        sys.exit(f"cmp-attributes.py: {report}: no such file; give the folder of a report (bench/results/vm)")
    report_attributes(report, out)
    best_peer_attributes(report, out)
    syscall_attributes(folder, out)
    alloc_attributes(folder, out)
    stall_attributes(folder, out)
    jmh_attributes(folder, out)
    soak_attributes(folder, out)
    lines = ["// Generated by bench/results/cmp-attributes.py from the files beside it; do not edit, rerun:",
             f"//   bench/results/cmp-attributes.py {folder.relative_to(HERE.parent.parent) if folder.is_relative_to(HERE.parent.parent) else folder} --write",
             "// The closing chapter (ch06-comparison.adoc) includes it; a missing attribute fails the book's build."]
    lines += [f":{k}: {v}" for k, v in out.items()]
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description="AsciiDoc attributes of the closing chapter, from a report folder.")
    p.add_argument("folder", nargs="?", default=str(HERE / "vm"),
                   help="the report folder: report.json, and alloc.md, syscalls*.md beside it (default: bench/results/vm)")
    p.add_argument("--write", action="store_true", help="write FOLDER/comparison-attributes.adoc instead of printing")
    a = p.parse_args()
    folder = pathlib.Path(a.folder).resolve()
    text = render(folder)
    if a.write:
        target = folder / "comparison-attributes.adoc"
        target.write_text(text, encoding="utf-8")
        print(f"Written: {target} ({text.count(chr(10)) - 3} attributes)", file=sys.stderr)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
