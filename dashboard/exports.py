"""Downloads of exactly what a table shows: CSV (UTF-8 with BOM, so Excel reads Chinese) and Excel.

File names carry the filters (policies_level-national_topic-tax.csv), and every table keeps its
sources column, so a downloaded row can be traced back to the source document and lines.
"""
from __future__ import annotations

import io
import re
from typing import Callable

import pandas as pd
import streamlit as st

from dashboard.i18n import t


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _plain(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and arrays (issuers) as '; '-joined text: a spreadsheet cell holds one value."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            out[col] = out[col].map(lambda v: "; ".join(map(str, list(v))) if v is not None else "")
    return out


def file_stem(name: str, filters: dict[str, str]) -> str:
    """policies + the non-default filters, safe for any file system."""
    parts = [name] + [f"{k}-{v}" for k, v in sorted(filters.items())]
    return re.sub(r"[^\w.\-~]+", "_", "_".join(parts))[:150]


def download_buttons(frame: pd.DataFrame, name: str, filters: dict[str, str],
                     full: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, key: str = "") -> None:
    """CSV and Excel of the table as shown, and optionally the full data beside them."""
    stem = file_stem(name, filters)
    shown = _plain(frame)
    cols = st.columns(3 if full is not None else 2)
    cols[0].download_button(t("download_csv"), csv_bytes(shown), f"{stem}.csv", "text/csv",
                            key=f"csv.{key or name}", on_click="ignore")
    # Excel is built when clicked: openpyxl takes ~0.5 s for 500 rows, too much for every rerun.
    cols[1].download_button(t("download_xlsx"), lambda: xlsx_bytes(frame), f"{stem}.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            key=f"xlsx.{key or name}", on_click="ignore")
    if full is not None:
        # A callable is run when the button is clicked, not on every rerun (the full data can be large).
        data = (lambda: csv_bytes(_plain(full()))) if callable(full) else csv_bytes(_plain(full))
        cols[2].download_button(t("download_full"), data, f"{name}_full.csv", "text/csv",
                                key=f"full.{key or name}", on_click="ignore")
