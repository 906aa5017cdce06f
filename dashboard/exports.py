"""Downloads of exactly what a table shows: CSV (UTF-8 with BOM, so Excel reads Chinese) and Excel.

File names carry the filters (policies_level-national_topic-tax.csv), and every table keeps its
sources column, so a downloaded row can be traced back to the source document and lines. In Excel,
numbers are numbers and full dates are dates (a date stated only to the month or year stays text, as
shown). The "full data" download has the interface language's column headers and the filters in its name.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Callable

import pandas as pd
import streamlit as st

from dashboard.i18n import TEXT, lang, t

TEXT.update({
    "full.policy_id": ("政策编号", "Policy id"),
    "full.region_code": ("地区代码", "Region code"),
    "full.issue_date_precision": ("发文日期精度", "Issue date precision"),
    "full.issue_date_note": ("日期说明", "Date note"),
    "full.effective_from_precision": ("施行日期精度", "Effective from precision"),
    "full.effective_to_precision": ("截止日期精度", "Effective to precision"),
    "full.topics": ("全部主题", "All topics"),
    "full.text_kind": ("文本类型", "Text kind"),
    "full.list_category": ("清单类别", "List category"),
    "full.beneficiaries": ("支持对象", "Beneficiaries"),
    "full.execution_period": ("执行时间", "Execution period"),
    "full.executing_agency": ("执行机关", "Executing agency"),
    "full.notes": ("备注", "Notes"),
    "full.terms": ("量化条款数", "Quantified terms"),
    "full.text": ("正文或摘要", "Text or summary"),
    "full.status_mark": ("登记表标注", "Register mark"),
})
# full-data column → interface key of its header
FULL_HEADERS = {
    "policy_id": "full.policy_id", "title": "col.title", "doc_number": "col.doc_number", "issuers": "col.issuers",
    "level": "col.level", "region_code": "full.region_code", "region": "col.region", "issue_date": "col.issue_date",
    "issue_date_precision": "full.issue_date_precision", "issue_date_note": "full.issue_date_note",
    "effective_from": "col.effective_from", "effective_from_precision": "full.effective_from_precision",
    "effective_to": "col.effective_to", "effective_to_precision": "full.effective_to_precision",
    "status_now": "col.status", "primary_topic": "col.topic", "topics": "full.topics", "text_kind": "full.text_kind",
    "list_category": "full.list_category", "beneficiaries": "full.beneficiaries",
    "execution_period": "full.execution_period", "executing_agency": "full.executing_agency", "notes": "full.notes",
    "terms": "full.terms", "sources": "col.sources", "text": "full.text", "evidence_kind": "col.evidence",
    "trust": "col.trust", "official_url": "col.official_url", "status_mark": "full.status_mark",
}
# coded values shown with their label: column → the interface key prefix of its values
FULL_VALUES = {"level": "level.", "status_now": "status.", "evidence_kind": "kind.", "text_kind": "kind.",
               "trust": "trust.", "status_mark": "status."}
# columns of codes that look like numbers (420106): kept as text
CODE_HEADERS = ("col.code", "full.region_code", "full.policy_id", "col.doc_number", "col.lines")
NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format="YYYY-MM-DD",
                        datetime_format="YYYY-MM-DD") as writer:
        typed(_plain(frame)).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and arrays (issuers) as '; '-joined text: a spreadsheet cell holds one value."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            out[col] = out[col].map(lambda v: "; ".join(map(str, list(v))) if v is not None else "")
    return out


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns that hold only numbers (1,000 · 60) or only full dates (2023-05-01) as real numbers and
    dates, blanks as empty cells; anything else (2023-05, a code, "2023-05-01 (施行)") stays text."""
    out = frame.copy()
    codes = {t(k) for k in CODE_HEADERS}
    for col in out.columns:
        values = out[col]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)) or col in codes:
            continue
        present = values[values.map(lambda v: v is not None and not (isinstance(v, float) and pd.isna(v))
                                    and str(v).strip() != "")]
        if present.empty:
            continue
        if present.map(lambda v: isinstance(v, (dt.date, pd.Timestamp))).all():
            out[col] = pd.to_datetime(values, errors="coerce")
            continue
        text = present.astype(str).str.strip()
        if text.map(lambda v: bool(NUMBER.fullmatch(v))).all() and not text.str.match(r"0\d").any():
            out[col] = values.map(lambda v: float(str(v).replace(",", "")) if str(v).strip() not in ("", "None", "nan")
                                  and v is not None else None)
        elif text.map(lambda v: bool(FULL_DATE.fullmatch(v))).all():
            out[col] = pd.to_datetime(values.map(lambda v: str(v).strip() if v is not None else ""),
                                      errors="coerce", format="%Y-%m-%d")
    return out


def full_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The full data with coded values labelled and the headers in the interface language."""
    out = _plain(frame)
    for col in [c for c in out.columns if f"{c}_zh" in out.columns]:   # notes: the interface language's rendering
        if lang() == "zh":
            out[col] = out[f"{col}_zh"]
        out = out.drop(columns=f"{col}_zh")
    for col, prefix in FULL_VALUES.items():
        if col in out:
            out[col] = out[col].map(lambda v: t(prefix + v) if isinstance(v, str) and prefix + v in TEXT else v)
    return out.rename(columns={c: t(k) for c, k in FULL_HEADERS.items() if c in out.columns})


def file_stem(name: str, filters: dict[str, str]) -> str:
    """policies + the non-default filters, safe for any file system."""
    parts = [name] + [f"{k}-{v}" for k, v in sorted(filters.items())]
    return re.sub(r"[^\w.\-~]+", "_", "_".join(parts))[:150]


def download_buttons(frame: pd.DataFrame, name: str, filters: dict[str, str],
                     full: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, key: str = "") -> None:
    """CSV and Excel of the table as shown, and optionally the full data beside them."""
    stem = file_stem(name, filters)
    cols = st.columns(3 if full is not None else 2)
    # Both files are built when clicked: openpyxl takes ~0.5 s for 500 rows, the CSV a few ms of every run.
    cols[0].download_button(t("download_csv"), lambda: csv_bytes(_plain(frame)), f"{stem}.csv", "text/csv",
                            key=f"csv.{key or name}", on_click="ignore")
    cols[1].download_button(t("download_xlsx"), lambda: xlsx_bytes(frame), f"{stem}.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            key=f"xlsx.{key or name}", on_click="ignore")
    if full is not None:
        # A callable is run when the button is clicked, not on every rerun (the full data can be large).
        data = (lambda: csv_bytes(full_frame(full()))) if callable(full) else csv_bytes(full_frame(full))
        cols[2].download_button(t("download_full"), data, f"{file_stem(name + '_full', filters)}.csv",
                                "text/csv", key=f"full.{key or name}", on_click="ignore")
