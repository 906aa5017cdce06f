"""添加文件 Add documents: upload policy files, see what the reader finds, confirm to add them.

The same path as `python -m data.ingest`: each file judged on its own, a preview from a real build,
and only on confirmation the files go into data/raw/ and the database is replaced in one rename.
The pages follow the new database file (dashboard/db.py keys its caches on the file).
What the files add is shown from the ingest's verdicts, in the interface language; the English log
of the CLI is kept behind an expander for whoever reports a problem.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import db
from dashboard.controls import NO_VALUE
from dashboard.i18n import TEXT, lang, t
from data.reader.read import EXTENSIONS, MAX_FILE_BYTES

TEXT.update({
    "add.title": ("添加文件", "Add documents"),
    "add.intro": ("上传政策文件（.txt 任意常见中文编码、.pdf、.docx、.html），先预览识别出的政策、字段与条款，"
                  "确认后加入数据库；所有页面随即显示新政策。",
                  "Upload policy files (.txt in any common Chinese encoding, .pdf, .docx, .html): preview the "
                  "policies, fields and terms found, then confirm to add them; every page then shows them."),
    "add.files": ("选择文件（可多选）", "Choose files (several at once)"),
    "add.limit": (f"单个文件不超过 {MAX_FILE_BYTES // 2**20} MB。", f"At most {MAX_FILE_BYTES // 2**20} MB per file."),
    "add.browse": ("选择文件", "Browse files"),
    "add.limit_short": (f"单个文件不超过 {MAX_FILE_BYTES // 2**20} MB · TXT、PDF、DOCX、HTML",
                        f"{MAX_FILE_BYTES // 2**20} MB per file · TXT, PDF, DOCX, HTML"),
    "add.preview": ("预览（尚未添加）", "Preview (nothing added yet)"),
    "add.result": ("已添加的内容", "What was added"),
    "add.confirm": ("确认添加", "Add these documents"),
    "add.done": ("已添加，数据库已重建。", "Added; the database was rebuilt."),
    "add.refused": ("有文件未被接受，原因见上；其余文件仍可添加。", "Some files were refused (reasons above); the others can still be added."),
    "add.nothing": ("没有可添加的文件。", "Nothing to add."),
    "add.accepted": ("✓ {name} → data/raw/{stored}（来源 {source}；读取方式 {method}，版式 {layout}）：{n} 条政策",
                     "✓ {name} → data/raw/{stored} (source {source}; read as {method}, layout {layout}): {n} policies"),
    "add.line": ("{mark} {name}：{reason}", "{mark} {name}: {reason}"),
    "add.col.empty": ("未写明", "Not stated"),
    "add.col.merged": ("已与之合并", "Merged with"),
    "add.log": ("英文处理记录（报告问题时可附上）", "Processing log (attach it when reporting a problem)"),
    "add.layout.documents": ("公文", "documents"),
    "add.layout.field list": ("字段列表", "field list"),
    "add.layout.newsletter": ("简报", "newsletter"),
    "add.layout.paged compilation": ("分页汇编", "paged compilation"),
})

PREVIEW_COLUMNS = ["title", "doc_number", "issuers", "level", "region", "issue_date", "effective_from",
                   "effective_to", "terms", "empty", "merged_with"]

st.title(t("add.title"))
st.write(t("add.intro"))
uploads = st.file_uploader(t("add.files"), type=[e.lstrip(".") for e in EXTENSIONS], accept_multiple_files=True,
                           help=t("add.limit"))
if lang() == "zh":
    # Streamlit 1.67 prints the drop zone's button and limit in English and cannot be told otherwise;
    # the same words in Chinese replace them (the English stays for screen readers' aria labels).
    st.html("""<style>
    [data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p,
    [data-testid=stFileUploaderDropzoneInstructions] span { font-size: 0; }
    [data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p::after {
        content: "%s"; font-size: 0.875rem; }
    [data-testid=stFileUploaderDropzoneInstructions] span::after { content: "%s"; font-size: 0.875rem; }
    </style>""" % (t("add.browse"), t("add.limit_short")))


def _run(files: list[Path], dry_run: bool):
    from data.ingest import ingest
    lines: list[str] = []
    verdicts: list = []
    rc = ingest(files, db=db.database_path(), dry_run=dry_run, log=lines.append, verdicts=verdicts)
    return rc, verdicts, "\n".join(lines)


def _refusal(v) -> str:
    key = f"refuse.{v.code}" if f"refuse.{v.code}" in TEXT else "refuse.unreadable"
    try:
        return t(key).format(**v.facts)
    except (KeyError, IndexError):   # a reason whose figures are missing still says what happened
        return t("refuse.unreadable")


def _policy_table(rows: pd.DataFrame) -> pd.DataFrame:
    shown = rows.reindex(columns=PREVIEW_COLUMNS).copy()
    shown["level"] = [t(f"level.{v}") if isinstance(v, str) and f"level.{v}" in TEXT else (v or "")
                      for v in shown["level"]]
    shown["empty"] = ["、".join(t(f"col.{c}") for c in cols) for cols in shown["empty"]]
    for col in ("issue_date", "effective_from", "effective_to"):
        shown[col] = [str(v)[:10] if pd.notna(v) else "" for v in shown[col]]
    labels = {c: t(f"col.{c}") for c in PREVIEW_COLUMNS if f"col.{c}" in TEXT}
    labels.update({"empty": t("add.col.empty"), "merged_with": t("add.col.merged")})
    return shown.rename(columns=labels)


def show(verdicts: list, log: str) -> None:
    for v in verdicts:
        name = Path(v.path).name
        if v.accepted and v.policies is not None:
            layout = f"add.layout.{v.read_as[1]}"
            st.markdown(t("add.accepted").format(name=name, stored=v.stored_as, source=v.source_id, method=v.read_as[0],
                                                 layout=t(layout) if layout in TEXT else v.read_as[1],
                                                 n=len(v.policies)))
            st.dataframe(_policy_table(v.policies), hide_index=True, width="stretch", placeholder=NO_VALUE)
        elif v.already:
            st.info(t("add.line").format(mark="=", name=name, reason=_refusal(v)))
        else:
            st.error(t("add.line").format(mark="✗", name=name, reason=_refusal(v)))
    with st.expander(t("add.log")):
        st.code(log, language=None)


if uploads:
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        files = []
        for upload in uploads:
            path = Path(tmp) / Path(upload.name).name  # the name only: never a path from the browser
            path.write_bytes(upload.getvalue())
            files.append(path)
        rc, verdicts, log = _run(files, dry_run=True)
        st.subheader(t("add.preview"))
        show(verdicts, log)
        if rc != 0:
            st.warning(t("add.refused"))
        if not any(v.accepted for v in verdicts):
            st.info(t("add.nothing"))
        elif st.button(t("add.confirm"), type="primary"):
            rc, verdicts, log = _run(files, dry_run=False)
            st.subheader(t("add.result"))
            show(verdicts, log)
            db.clear_results()
            st.success(t("add.done"))
