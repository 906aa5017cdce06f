"""python -m benchmarks.compare BEFORE.json AFTER.json [--datasets 100k,1000k]: two `make bench` results side by side.

Prints markdown tables (the README's "Scale" section is made with it): per dataset, the file, build and memory
figures, every query (before, after, the after run's hand-written floor and ratio), the searches and the pages.
A dataset missing from one file shows "—".
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def cell(value, fmt="{:,.0f}") -> str:
    return "—" if value is None else fmt.format(value)


def table(before: dict, after: dict, label: str) -> list[str]:
    b, a = before or {}, after or {}
    out = [f"#### {label}", "", "| | before | after |", "|---|---:|---:|"]
    for key, name, fmt in (("policies", "policies", "{:,}"), ("terms", "terms", "{:,}"),
                           ("db_mib", "database file, MiB", "{:,.1f}"),
                           ("bare_mib", "same data without indexes, MiB", "{:,.1f}"),
                           ("build_s", "build, s", "{:,.1f}"), ("build_peak_rss_mib", "build peak RSS, MiB", "{:,.0f}"),
                           ("server_peak_rss_mib", "server (AppTest, every page) peak RSS, MiB", "{:,.0f}")):
        out.append(f"| {name} | {cell(b.get(key), fmt)} | {cell(a.get(key), fmt)} |")
    out += ["", "| query | before ms | after ms | floor ms | after ÷ floor | rows shown |", "|---|---:|---:|---:|---:|---:|"]
    names = list(dict.fromkeys(list(b.get("queries", {})) + list(a.get("queries", {}))))
    for name in names:
        qb, qa = b.get("queries", {}).get(name, {}), a.get("queries", {}).get(name, {})
        out.append(f"| {name} | {cell(qb.get('ms'), '{:,.1f}')} | {cell(qa.get('ms'), '{:,.1f}')} | "
                   f"{cell(qa.get('floor_ms'), '{:,.1f}')} | {cell(qa.get('ratio'), '{:.1f}')} | "
                   f"{cell(qa.get('rows', qb.get('rows')), '{:,}')} |")
    out += ["", "| search (explorer/search_policies) | before ms | after ms | matches listed |", "|---|---:|---:|---:|"]
    for q in dict.fromkeys(list(b.get("search", {})) + list(a.get("search", {}))):
        sb, sa = b.get("search", {}).get(q, {}), a.get("search", {}).get(q, {})
        out.append(f"| {q} | {cell(sb.get('ms'))} | {cell(sa.get('ms'))} | {cell(sa.get('rows', sb.get('rows')), '{:,}')} |")
    if "pages" in b or "pages" in a:
        out += ["", "| page (AppTest), ms before → after | first render | rerun after a change | "
                    "same, every cache cleared | cached rerun |", "|---|---:|---:|---:|---:|"]
        for page in dict.fromkeys(list(b.get("pages", {})) + list(a.get("pages", {}))):
            pb, pa = b.get("pages", {}).get(page, {}), a.get("pages", {}).get(page, {})
            out.append(f"| {page} | " + " | ".join(f"{cell(pb.get(k))} → {cell(pa.get(k))}" for k in
                                                   ("first_ms", "rerun_new_ms", "rerun_ms", "rerun_hit_ms")) + " |")
    return out + [""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare")
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--datasets", default="", help="comma-separated (default: every dataset in either file)")
    args = parser.parse_args(argv)
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    names = [d for d in args.datasets.split(",") if d] or list(dict.fromkeys(list(before["datasets"]) + list(after["datasets"])))
    print(f"before: {before['name']} ({before['when']}); after: {after['name']} ({after['when']}); {after['machine']}\n")
    for name in names:
        print("\n".join(table(before["datasets"].get(name), after["datasets"].get(name), name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
