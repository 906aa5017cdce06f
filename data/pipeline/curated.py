"""Curated AI-support terms (data/curated/): region codes, measures and trust marks, citations kept."""
from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from data.pipeline.terms import classify_measure
from data.reader.text import title_key
from geo.gazetteer import resolve_region

CURATED = Path(__file__).resolve().parents[1] / "curated"
LEVELS = {"provincial", "municipal", "district", "zone"}


class CuratedError(ValueError):
    """A curated row the build cannot place: unknown region, missing citation."""


def _trust_by_host() -> dict[str, str]:
    table = pd.read_csv(CURATED / "source_trust.csv", dtype=str, keep_default_na=False)
    return dict(zip(table.host, table.trust))


def _number(value) -> float | None:
    return None if pd.isna(value) else float(value)


def load_curated(policy_ids_by_title: dict[str, str]) -> pd.DataFrame:
    """Both curated tables as rows of `curated_terms`; raises CuratedError naming the file and row."""
    trust = _trust_by_host()
    rows = []
    for dataset, url_column in (("district_ai_terms", "source_url"), ("peer_ai_terms", "official_url")):
        table = pd.read_csv(CURATED / f"{dataset}.csv", dtype=str, keep_default_na=False)
        for i, r in enumerate(table.to_dict("records"), start=2):  # row 1 is the header
            where = f"data/curated/{dataset}.csv:{i}"
            code = resolve_region(r["region"])
            if code is None:
                raise CuratedError(f"{where}: unknown region {r['region']!r} (add it to geo/gazetteer.csv)")
            url = r[url_column].strip()
            if not url.startswith(("http://", "https://")):
                raise CuratedError(f"{where}: no source URL")
            if dataset == "district_ai_terms":
                host = urlparse(url).hostname or ""
                mark = trust.get(host)
                if mark is None:
                    raise CuratedError(f"{where}: host {host} has no trust rating in data/curated/source_trust.csv")
                source_title = r["source_title"]
            else:
                mark = "official_summary"
                source_title = f"{r['via']} (summary of the official text at the URL)"
            head = r["measure"].split("(")[0]  # 场景应用奖励(大模型首试首用): the head names the measure
            measure = classify_measure(head, r["measure"] + r["quote"])
            rows.append({
                "curated_id": "c" + hashlib.sha1(f"{dataset}|{i}|{r['quote']}".encode()).hexdigest()[:10],
                "dataset": dataset, "region_code": code, "level": r["level"], "policy_title": r["policy_title"],
                "doc_number": r.get("doc_number") or None, "issuer": r["issuer"] or None,
                "issue_date": r["issue_date"] or None, "measure": measure, "measure_printed": r["measure"],
                "rate_pct": _number(r["rate_pct"] or None), "cap_wan": _number(r["cap_wan_yuan"] or None),
                "condition": r["condition"] or None, "quote": r["quote"], "source_url": url,
                "source_title": source_title, "trust": mark,
                "policy_id": policy_ids_by_title.get(title_key(r["policy_title"])),
            })
    return pd.DataFrame(rows)
