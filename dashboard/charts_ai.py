"""The AI comparison's builders: pure functions from the entries to cells, marks and tables.

The entries (one per corpus clause and measure, one per register or curated row) come from
queries/ai/compared_entries.sql with their reference number [n] and "★ 最优" already decided by the database
(ai_entries in data/schema.sql: one rule for best with the map); `prepare` tidies them, `mark_agreement` adds the
agreement marks between a curated or register entry and the corpus clause of the same policy and measure;
`matrix_html` draws the matrix (every text from the data is escaped; a cell lists at most PER_CELL entries and says
how many more there are); `matrix_frame`, `differences_frame` and `long_frame` are the tables shown and downloaded.
`tr` is the page's text function (dashboard.i18n.t), so the builders need no Streamlit.
"""
from __future__ import annotations

import html
import math
from collections import namedtuple
from typing import Callable
from urllib.parse import urlparse

import pandas as pd

from dashboard.i18n import per_value

ORIGIN_COLOURS = {"curated": "#2e86c1", "register": "#7d3c98"}
TRUST_COLOURS = {"high": "#1e8449", "medium-high": "#148f77", "medium": "#b7950b", "medium-low": "#ca6f1e",
                 "low": "#c0392b", "official_summary": "#2e86c1"}


def esc(value) -> str:
    """Escaped text for HTML (element text and attribute values alike)."""
    return html.escape("" if _missing(value) else str(value), quote=True)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def num(value: float) -> str:
    """60.0 → 60, 0.2 → 0.2, 5000.0 → 5000."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def yuan(wan: float) -> str:
    """An amount in 万元 as yuan for English text: 50 → 500k, 5000 → 50m."""
    return f"{num(wan / 100)}m" if wan >= 100 else f"{num(wan * 10)}k"


def safe_url(url) -> str | None:
    """The URL when it is an http(s) address (the only kind turned into a link), else None."""
    if _missing(url):
        return None
    parsed = urlparse(str(url).strip())
    return str(url).strip() if parsed.scheme.lower() in ("http", "https") and parsed.netloc else None


def host(url) -> str:
    return urlparse(str(url)).netloc if safe_url(url) else ""


# Entries ----------------------------------------------------------------------------------

PER_CELL = 8        # entries listed in one cell of the matrix (best first); the detail table has them all
CURATED_ORIGINS = ("curated", "register")   # not extracted from a corpus text: shown with their trust and URL
LAPSED = ("draft", "superseded", "expired", "not_yet")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ai/compared_entries as the builders read them: lists as lists, conditions without repeats, and
    text as Python strings (Arrow-backed text converted once here: the builders read the entries row by row, several
    times a matrix; the values are the same, missing ones NaN)."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].astype(object)
    for col in ("others", "thresholds", "conditions"):
        out[col] = [list(v) if v is not None and not (isinstance(v, float) and math.isnan(v)) else []
                    for v in out[col].tolist()]
    out["conditions"] = [list(dict.fromkeys(str(c) for c in v)) for v in out.conditions]
    out["best"] = out.best.fillna(False).astype(bool)
    return out


def entries(frame: pd.DataFrame) -> list:
    """The frame's rows as named tuples, as itertuples(index=False) gives them, but read a column at a time:
    itertuples and to_dict step through Arrow-backed string columns element by element, which cost the AI page
    ~30 ms a change at 1M (README "Pages, session 17")."""
    row = namedtuple("Pandas", frame.columns, rename=True)
    return [row._make(r) for r in zip(*(frame[c].tolist() for c in frame.columns))]


def mark_agreement(frame: pd.DataFrame) -> pd.DataFrame:
    """Compare each curated entry about a corpus policy with the corpus clause(s) of that policy and measure.

    agreement: match (same rate and cap), partial (the curated row lacks a number the corpus states, and the
    numbers it has are equal), differs (anything else: a number differs, or the curated row states one the
    corpus does not). Both sides get the mark; `counterparts` lists the refs of the other side.
    """
    recs = entries(frame)
    agreement: list[str | None] = [None] * len(recs)
    counterparts: list[list[int]] = [[] for _ in recs]
    rank = {"match": 0, "partial": 1, "differs": 2}
    corpus: dict[tuple, list[int]] = {}     # the corpus clauses of each (policy, measure, region), in frame order
    for j, k in enumerate(recs):
        key = (k.policy_id, k.measure, k.region_code)
        if k.origin == "corpus" and not any(_missing(v) for v in key):
            corpus.setdefault(key, []).append(j)
    for i, cur in enumerate(recs):
        if cur.origin == "corpus" or _missing(cur.policy_id):
            continue
        peers = corpus.get((cur.policy_id, cur.measure, cur.region_code), [])
        if not peers:
            continue
        verdicts = {j: _compare(cur, recs[j]) for j in peers}
        agreement[i] = min(verdicts.values(), key=rank.get)
        counterparts[i] = [int(recs[j].ref) for j in peers]
        for j, v in verdicts.items():
            agreement[j] = v if agreement[j] is None else max(agreement[j], v, key=rank.get)
            counterparts[j] = counterparts[j] + [int(cur.ref)]
    return frame.assign(agreement=agreement, counterparts=counterparts)


def _compare(cur, peer) -> str:
    pairs = [(cur.rate, peer.rate), (cur.cap, peer.cap)]
    if all(_same(a, b) for a, b in pairs):
        return "match"
    if all(math.isnan(a) or _same(a, b) for a, b in pairs):
        return "partial"
    return "differs"


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (not math.isnan(a) and not math.isnan(b) and abs(a - b) < 1e-9)


def _cells(frame: pd.DataFrame) -> dict[tuple[str, str], list]:
    """The entries of each (measure, region) cell, in the frame's order."""
    cells: dict[tuple[str, str], list] = {}
    for e in entries(frame):
        cells.setdefault((e.measure, e.region_code), []).append(e)
    return cells


# Texts of an entry --------------------------------------------------------------------------

def value_text(e, lang: str) -> str:
    """60% · 上限50万元 (zh) / 60% · cap ¥500k (en); a statement says that no figure is stated."""
    parts = []
    if not math.isnan(e.rate):
        parts.append(f"{num(e.rate)}–{num(e.rate_max)}%" if not math.isnan(e.rate_max) else f"{num(e.rate)}%")
    if not math.isnan(e.cap):
        parts.append(f"上限{num(e.cap)}万元" if lang == "zh" else f"cap ¥{yuan(e.cap)}")
    if not math.isnan(e.amount):
        parts.append(f"金额{num(e.amount)}万元" if lang == "zh" else f"amount ¥{yuan(e.amount)}")
    parts += list(e.others)
    if not parts:
        return "（未给出数值）" if lang == "zh" else "(no figure stated)"
    return " · ".join(parts)


def condition_text(e, lang: str) -> str:
    """The conditions as stated; a corpus threshold not already in them; the basis and beneficiary of a clause."""
    parts = list(e.conditions)
    for th in e.thresholds:
        number = th.lstrip("≤≥=<>").strip()
        if not any(number.replace(" ", "") in c.replace(" ", "") for c in parts):
            parts.append(("门槛 " if lang == "zh" else "threshold ") + th)
    if not _missing(e.basis):
        parts.append(("按" if lang == "zh" else "basis: ") + str(e.basis))
    if not _missing(e.beneficiary):
        parts.append(("对象：" if lang == "zh" else "for: ") + str(e.beneficiary))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def source_text(e, tr: Callable[[str], str]) -> str:
    """file:lines of the policy's appearance (and the clause's own line), or the curated row's URL."""
    if e.origin == "corpus":
        return corpus_source(e.source, e.lines, tr)
    if e.origin == "register":
        return f"{e.source} · {e.source_url}"
    return str(e.source_url)


def corpus_source(source: str, lines: str, tr: Callable[[str], str]) -> str:
    """000_….txt:758-760 (条款在第760行): the policy's span in the file, and the clause's line within it."""
    if not lines or str(source).endswith(f":{lines}") or str(source).endswith(f":{lines}-{lines}"):
        return str(source)
    return f"{source} ({tr('ai.clause_line').format(n=lines)})"


def agreement_text(e, tr: Callable[[str], str]) -> str:
    if _missing(e.agreement):
        return ""
    refs = " ".join(f"[{r}]" for r in e.counterparts)
    side = "corpus" if e.origin == "corpus" else "curated"
    return f"{tr(f'ai.agree.{e.agreement}.{side}')} {refs}"


# The matrix -------------------------------------------------------------------------------

CSS = """
<style>
.ai-wrap{overflow-x:auto;}
table.ai-matrix{border-collapse:collapse;width:100%;min-width:900px;font-size:12px;line-height:1.3;table-layout:fixed;}
table.ai-matrix th,table.ai-matrix td{border:1px solid #d5d8dc;padding:4px;vertical-align:top;text-align:left;}
table.ai-matrix thead th{background:#f4f6f7;font-size:14px;}
table.ai-matrix thead th.ref,table.ai-matrix td.ref{background:#eef4f9;}
table.ai-matrix th.measure{width:6.5em;background:#f4f6f7;font-size:13px;}
table.ai-matrix .tag{font-weight:normal;font-size:11px;color:#5d6d7e;}
.ai-e{border-left:4px solid #95a5a6;padding:2px 5px;margin:0 0 4px 0;background:#fff;border-radius:3px;}
.ai-e.corpus{border-left-color:#7f8c8d;}
.ai-e.curated{border-left-color:#2e86c1;}
.ai-e.register{border-left-color:#7d3c98;}
.ai-more{color:#566573;font-size:11px;font-style:italic;}
.ai-e.best{background:#fdebd0;box-shadow:0 0 0 2px #f39c12 inset;}
.ai-v{font-weight:700;font-size:13px;color:#17202a;}
.ai-ref{font-weight:400;color:#808b96;font-size:11px;}
.ai-m{color:#1b4f72;font-size:11px;}
.ai-c{color:#34495e;font-size:11px;}
.ai-q{color:#7b7d7d;font-size:11px;font-style:italic;}
.ai-s{color:#566573;font-size:10.5px;word-break:break-all;margin-top:1px;}
.ai-s a{color:#1f618d;}
.ai-badge{display:inline-block;padding:0 3px;border-radius:3px;color:#fff;font-size:10.5px;margin-right:3px;}
.ai-best{display:inline-block;padding:0 4px;border-radius:3px;background:#e67e22;color:#fff;font-size:11px;}
.ai-flag{color:#a04000;font-size:11px;font-weight:700;}
.ai-flag.match{color:#1e8449;}
.ai-none{color:#aab7b8;}
</style>
"""


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def entry_html(e, tr: Callable[[str], str], lang: str, measure_label: str = "") -> str:
    kind = e.origin if e.origin in CURATED_ORIGINS else "corpus"
    quote = "" if _missing(e.quote) else str(e.quote)
    cond = condition_text(e, lang)
    tip = f"{tr('col.quote')}: {quote}\n{tr('ai.condition')}: {cond or '—'}\n{tr('col.sources')}: {source_text(e, tr)}"
    if kind != "corpus":
        tip += f"\n{tr('trust')}: {trust_text(e.trust, tr)}" + ("" if _missing(e.source_title) else f"\n{e.source_title}")
    parts = [f'<div class="ai-e {kind}{" best" if e.best else ""}" data-ref="{int(e.ref)}"'
             + (f' data-trust="{esc(e.trust)}"' if kind != "corpus" else "") + f' title="{esc(tip)}">',
             f'<div class="ai-v"><span class="ai-ref">[{int(e.ref)}]</span> {esc(value_text(e, lang))}'
             + (f' <span class="ai-best">★ {esc(tr("best_term"))}</span>' if e.best else "") + "</div>"]
    if not _missing(e.measure_printed) and str(e.measure_printed) != measure_label:
        parts.append(f'<div class="ai-m">{esc(e.measure_printed)}</div>')
    if cond:
        parts.append(f'<div class="ai-c">{esc(tr("ai.condition"))}{"：" if lang == "zh" else ": "}{esc(_clip(cond, 48))}</div>')
    if quote:
        parts.append(f'<div class="ai-q">“{esc(_clip(quote, 40))}”</div>')
    if kind == "corpus":
        parts.append(f'<div class="ai-s"><span class="ai-badge" style="background:#7f8c8d">'
                     f'{esc(tr("ai.origin.corpus"))}</span>{esc(e.source)}</div>')
    else:
        colour = TRUST_COLOURS.get(str(e.trust), "#7f8c8d")
        url = safe_url(e.source_url)
        link = (f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(host(url))}</a>'
                if url else esc(e.source_url))
        cited = f" · {esc(e.source)}" if kind == "register" else ""
        parts.append(f'<div class="ai-s"><span class="ai-badge" style="background:{ORIGIN_COLOURS[kind]}">'
                     f'{esc(tr(f"ai.origin.{kind}"))}</span><span class="ai-badge" style="background:{colour}">'
                     f'{esc(trust_text(e.trust, tr))}</span>{link}{cited}</div>')
    standing = getattr(e, "standing", None)
    if not _missing(standing) and standing in LAPSED:
        parts.append(f'<div class="ai-flag">{esc(tr(f"ai.standing.{standing}"))}</div>')
    flag = agreement_text(e, tr)
    if flag:
        parts.append(f'<div class="ai-flag {esc(e.agreement)}">{esc(flag)}</div>')
    parts.append("</div>")
    return "".join(parts)


def matrix_html(frame: pd.DataFrame, columns: list[str], references: list[str], rows: list[str],
                region_labels: dict[str, str], measure_labels: dict[str, str], tr: Callable[[str], str],
                lang: str) -> str:
    """The matrix: measures (rows) × regions (columns, references first), every entry with value, condition,
    quote (full text on hover), source and marks."""
    by_cell = _cells(frame)
    counts = (dict(zip(frame.region_code, frame.region_n)) if "region_n" in frame
              else frame.region_code.value_counts().to_dict())
    head = [f'<th class="measure">{esc(tr("measure"))}</th>']
    for code in columns:
        n = int(counts.get(code, 0))
        tag = tr("ai.reference") if code in references else ""
        head.append(f'<th class="{"ref" if code in references else ""}" data-region="{esc(code)}">'
                    f'{esc(region_labels.get(code, code))}<br><span class="tag">{esc(tag)}'
                    f'{" · " if tag else ""}{esc(tr("ai.n_entries").format(n=n))}</span></th>')
    body = []
    for m in rows:
        cells = [f'<th class="measure" data-measure="{esc(m)}">{esc(measure_labels.get(m, m))}</th>']
        for code in columns:
            cell = by_cell.get((m, code), [])
            inner = ("".join(entry_html(e, tr, lang, measure_labels.get(m, m)) for e in cell)
                     or '<span class="ai-none">—</span>')
            more = int(cell[0].cell_n) - len(cell) if cell and "cell_n" in cell[0]._fields else 0
            if more > 0:
                inner += f'<div class="ai-more">{esc(tr("ai.more").format(n=more))}</div>'
            cells.append(f'<td class="{"ref" if code in references else ""}" data-region="{esc(code)}">{inner}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (CSS + '<div class="ai-wrap"><table class="ai-matrix"><thead><tr>' + "".join(head)
            + "</tr></thead><tbody>" + "".join(body) + "</tbody></table></div>")


# Tables ------------------------------------------------------------------------------------

def trust_text(trust, tr: Callable[[str], str]) -> str:
    """A curated or register row's trust mark in words (中高, official summary …), as the other pages show it."""
    if _missing(trust):
        return ""
    try:
        return tr(f"trust.{trust}")
    except KeyError:
        return str(trust)


def origin_label(e, tr) -> str:
    return tr(f"ai.origin.{e.origin}")


def matrix_frame(frame: pd.DataFrame, columns: list[str], rows: list[str], region_labels: dict[str, str],
                 measure_labels: dict[str, str], tr: Callable[[str], str], lang: str) -> pd.DataFrame:
    """The matrix as plain text (for CSV / Excel): one cell lists its entries with value, condition, origin,
    trust and marks; the sources column lists every entry's source of the row."""
    by_cell = _cells(frame)
    out = []
    for m in rows:
        row = {tr("measure"): measure_labels.get(m, m)}
        sources = []
        for code in columns:
            lines = []
            for e in by_cell.get((m, code), []):
                bits = [f"[{int(e.ref)}] {value_text(e, lang)}"]
                cond = condition_text(e, lang)
                if cond:
                    bits.append(cond)
                bits.append(origin_label(e, tr) + (f" ({tr('trust')}: {trust_text(e.trust, tr)})" if e.origin != "corpus" else ""))
                if e.best:
                    bits.append("★ " + tr("best_term"))
                if agreement_text(e, tr):
                    bits.append(agreement_text(e, tr))
                lines.append(" | ".join(bits))
                sources.append(f"[{int(e.ref)}] {source_text(e, tr)}")
            row[region_labels.get(code, code)] = "\n".join(lines) or "—"
        row[tr("col.sources")] = "\n".join(sources)
        out.append(row)
    return pd.DataFrame(out)


def differences_frame(frame: pd.DataFrame, region_labels: dict[str, str], measure_labels: dict[str, str],
                      tr: Callable[[str], str], lang: str) -> pd.DataFrame:
    """Each curated entry about a corpus clause beside that clause: both readings, both quotes, both sources."""
    refs = {e.ref: e for e in entries(frame)}
    out = []
    for e in refs.values():
        if e.origin == "corpus" or _missing(e.agreement):
            continue
        for r in e.counterparts:
            k = refs[r]
            out.append({
                tr("col.region"): region_labels.get(e.region_code, e.region_code),
                tr("col.measure"): measure_labels.get(e.measure, e.measure),
                tr("ai.verdict"): tr(f"ai.agree.{e.agreement}.curated"),
                tr("ai.corpus_reading"): f"[{r}] {value_text(k, lang)}"
                + (f"；{condition_text(k, lang)}" if condition_text(k, lang) else ""),
                tr("ai.corpus_quote"): k.quote,
                tr("ai.curated_reading"): f"[{int(e.ref)}] {value_text(e, lang)}",
                tr("ai.curated_quote"): e.quote,
                tr("trust"): trust_text(e.trust, tr),
                tr("col.sources"): f"{source_text(k, tr)}; {e.source_url}",
            })
    return pd.DataFrame(out)


def long_frame(long: pd.DataFrame, region_labels: dict[str, str], measure_labels: dict[str, str],
               tr: Callable[[str], str]) -> pd.DataFrame:
    """A page of the compared numbers (ai/compared_terms: one row per number, with its entry's [n] and lines)."""
    cols = ["#", "col.region", "col.measure", "ai.kind", "col.value", "col.unit", "ai.condition", "col.quote",
            "col.sources", "ai.source_title", "ai.link", "ai.origin", "trust", "col.policy", "col.doc_number"]
    if long.empty:
        return pd.DataFrame(columns=[c if c == "#" else tr(c) for c in cols])
    return pd.DataFrame({
        "#": long.ref.astype(int).values,
        tr("col.region"): per_value(long.region_code, lambda c: region_labels.get(c, c)),
        tr("col.measure"): per_value(long.measure, lambda m: measure_labels.get(m, m)),
        tr("ai.kind"): per_value(long.value_kind, lambda k: tr(f"ai.kind.{k}")),
        tr("col.value"): long.value.values,
        tr("col.unit"): long.unit.values,
        tr("ai.condition"): long.condition.values,
        tr("col.quote"): long.quote.values,
        tr("col.sources"): [corpus_source(s, lines, tr) if o == "corpus" else s
                            for s, o, lines in zip(long.source.tolist(), long.origin.tolist(), long.lines.tolist())],
        tr("ai.source_title"): long.source_title.values,
        tr("ai.link"): [safe_url(u) for u in long.source_url.tolist()],
        tr("ai.origin"): per_value(long.origin, lambda o: tr(f"ai.origin.{o}")),
        tr("trust"): per_value(long.trust, lambda v: trust_text(v, tr)),
        tr("col.policy"): long.policy_title.values,
        tr("col.doc_number"): long.doc_number.values,
    })


# The matrix on a slide ----------------------------------------------------------------------

SLIDE_ENTRIES = 3   # entries shown per cell on a slide; the rest as '+n'
SLIDE_ROWS = 5      # measures per slide: a longer matrix goes on several slides
CURATED_MARK = "†"  # after a curated (not corpus) entry; the slide's legend says so


def slide_table(frame: pd.DataFrame, columns: list[str], references: list[str], rows: list[str],
                region_labels: dict[str, str], measure_labels: dict[str, str], tr: Callable[[str], str],
                lang: str) -> pd.DataFrame:
    """The matrix sized for a slide: one row per measure, one column per region (references marked), each cell
    its entries as '[n] value ★' lines (curated ones marked †), '—' where there is none."""
    by_cell = _cells(frame)
    mark = "（{}）" if lang == "zh" else " ({})"
    names = {c: region_labels.get(c, c) + (mark.format(tr("present.reference")) if c in references else "") for c in columns}
    out = []
    for m in rows:
        row = {tr("measure"): measure_labels.get(m, m)}
        for code in columns:
            entries = by_cell.get((m, code), [])
            lines = [f"[{int(e.ref)}] {value_text(e, lang)}" + (" ★" if e.best else "")
                     + ("" if e.origin == "corpus" else CURATED_MARK)
                     for e in entries[:SLIDE_ENTRIES]]
            if len(entries) > SLIDE_ENTRIES:
                lines.append(f"+{len(entries) - SLIDE_ENTRIES}")
            row[names[code]] = "\n".join(lines) or "—"
        out.append(row)
    return pd.DataFrame(out, columns=[tr("measure")] + list(names.values()))


def table_figure(table: pd.DataFrame, title: str, subtitle: str, width: int = 1600, height: int = 900):
    """The slide table as a plotly table (the matrix's image): header row, measures down the left, best cells
    shaded; rows and type shrink so that every measure fits on one 16:9 page."""
    import plotly.graph_objects as go

    from dashboard.charts import FONT

    cols = list(table.columns)
    cells = [[esc(v).replace("\n", "<br>") for v in table[c]] for c in cols]
    fill = [["#f4f6f7"] * len(table)] + [["#fdebd0" if "★" in str(v) else "white" for v in table[c]]
                                         for c in cols[1:]]
    lines = max([str(v).count("\n") + 1 for c in cols[1:] for v in table[c]] or [1])
    top, bottom, header = 100, 80, 40
    row = max(24, min(12 + 22 * lines, (height - top - bottom - header) // max(len(table), 1) - 1))
    size = max(10, min(16, int((row - 8) / lines / 1.35)))
    fig = go.Figure(go.Table(
        columnwidth=[1.1] + [2] * (len(cols) - 1),
        header={"values": [f"<b>{esc(c)}</b>" for c in cols], "fill_color": "#dfe6ee", "align": "left",
                "font": {"size": 15, "family": FONT, "color": "#17202a"}, "height": header},
        cells={"values": cells, "fill_color": fill, "align": "left", "height": row,
               "font": {"size": size, "family": FONT, "color": "#17202a"}, "line_color": "#d5d8dc"}))
    fig.update_layout(
        title={"text": f"{esc(title)}<br><sup>{esc(subtitle)}</sup>", "x": 0.01, "font": {"size": 24}},
        font={"family": FONT}, width=width, height=height, margin={"l": 20, "r": 20, "t": top, "b": bottom - 40},
        paper_bgcolor="white")
    return fig
