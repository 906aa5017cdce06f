"""添加文件 Add documents: upload policy files, see what the reader finds, confirm to add them.

The same path as `python -m data.ingest`: each file judged on its own, a preview from a real build,
and only on confirmation the files go into data/raw/ and the database is replaced in one rename.
The pages follow the new database file (dashboard/db.py keys its caches on the file).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from dashboard import db
from dashboard.i18n import TEXT, t
from data.reader.read import EXTENSIONS, MAX_FILE_BYTES

TEXT.update({
    "add.title": ("添加文件", "Add documents"),
    "add.intro": ("上传政策文件（.txt 任意常见中文编码、.pdf、.docx、.html），先预览识别出的政策、字段与条款，"
                  "确认后加入数据库；所有页面随即显示新政策。",
                  "Upload policy files (.txt in any common Chinese encoding, .pdf, .docx, .html): preview the "
                  "policies, fields and terms found, then confirm to add them; every page then shows them."),
    "add.files": ("选择文件（可多选）", "Choose files (several at once)"),
    "add.limit": (f"单个文件不超过 {MAX_FILE_BYTES // 2**20} MB。", f"At most {MAX_FILE_BYTES // 2**20} MB per file."),
    "add.preview": ("预览（尚未添加）", "Preview (nothing added yet)"),
    "add.confirm": ("确认添加", "Add these documents"),
    "add.done": ("已添加，数据库已重建。", "Added; the database was rebuilt."),
    "add.refused": ("有文件未被接受，原因见上；其余文件仍可添加。", "Some files were refused (reasons above); the others can still be added."),
    "add.nothing": ("没有可添加的文件。", "Nothing to add."),
})

st.title(t("add.title"))
st.write(t("add.intro"))
uploads = st.file_uploader(t("add.files"), type=[e.lstrip(".") for e in EXTENSIONS], accept_multiple_files=True,
                           help=t("add.limit"))


def _run(files: list[Path], dry_run: bool) -> tuple[int, str]:
    from data.ingest import ingest
    lines: list[str] = []
    rc = ingest(files, db=db.database_path(), dry_run=dry_run, log=lines.append)
    return rc, "\n".join(lines)


if uploads:
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        files = []
        for upload in uploads:
            path = Path(tmp) / Path(upload.name).name  # the name only: never a path from the browser
            path.write_bytes(upload.getvalue())
            files.append(path)
        rc, preview = _run(files, dry_run=True)
        st.subheader(t("add.preview"))
        st.code(preview, language=None)
        addable = "✓ " in preview
        if rc != 0:
            st.warning(t("add.refused"))
        if not addable:
            st.info(t("add.nothing"))
        elif st.button(t("add.confirm"), type="primary"):
            rc, report = _run(files, dry_run=False)
            st.code(report, language=None)
            st.cache_data.clear()
            st.success(t("add.done"))
