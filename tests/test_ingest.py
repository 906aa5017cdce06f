"""python -m data.ingest: new documents in, each judged on its own, nothing lost or overwritten."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from data.ingest import ingest
from tests.conftest import APP, BUILD_DAY, ROOT
from tests.documents import DOCUMENTS, WRITERS


@pytest.fixture
def corpus(tmp_path, db_path):
    """A copy of data/raw and data/sources.csv, and a copy of the session's database."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    sources = tmp_path / "sources.csv"
    shutil.copy(ROOT / "data" / "sources.csv", sources)
    db = tmp_path / "policies.duckdb"
    shutil.copy(db_path, db)
    return raw, sources, db


def run(files, corpus, **kw):
    raw, sources, db = corpus
    out: list[str] = []
    rc = ingest([Path(f) for f in files], db=db, raw=raw, sources_csv=sources, today=BUILD_DAY, log=out.append, **kw)
    return rc, "\n".join(out)


def policies(db: Path, **where) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("SELECT p.*, s.file FROM policies p JOIN policy_sources ps USING (policy_id) "
                          "JOIN sources s USING (source_id) WHERE p.title = $title", where)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()


def test_a_district_notice_as_pdf_is_added_and_previewed(tmp_path, corpus):
    raw, sources, db = corpus
    pdf = WRITERS["pdf"](DOCUMENTS["district_notice"], tmp_path / "洪山区数字化措施.pdf")
    verdicts = []
    rc, out = run([pdf], corpus, verdicts=verdicts)
    assert rc == 0, out
    (v,) = verdicts   # what the 添加文件 page shows, from the same build
    assert v.accepted and v.read_as[0] == "pdf-text" and v.source_id in out
    (shown,) = v.policies.to_dict("records")
    assert shown["doc_number"] == "洪政规〔2025〕3号" and shown["level"] == "district" and shown["terms"] > 0
    assert "洪政规〔2025〕3号" in out and "武汉市洪山区人民政府" in out and "terms" in out
    (row,) = policies(db, title="武汉市洪山区人民政府关于支持中小企业数字化转型的若干措施")
    assert row["doc_number"] == "洪政规〔2025〕3号" and row["file"] == "洪山区数字化措施.pdf"
    assert row["level"] == "district" and row["region_code"] == "420111"
    assert (raw / "洪山区数字化措施.pdf").exists()
    assert "洪山区数字化措施.pdf" in sources.read_text(encoding="utf-8")


def test_the_same_content_twice_changes_nothing(tmp_path, corpus):
    raw, sources, db = corpus
    text = WRITERS["txt"](DOCUMENTS["compilation"], tmp_path / "黄石汇编.txt")
    assert run([text], corpus)[0] == 0
    before = (db.read_bytes(), sources.read_text(encoding="utf-8"), sorted(p.name for p in raw.iterdir()))
    copy = tmp_path / "另一个名字.txt"
    shutil.copy(text, copy)
    rc, out = run([copy], corpus)
    assert rc == 0 and "already in data/raw as 黄石汇编.txt" in out
    assert (db.read_bytes(), sources.read_text(encoding="utf-8"), sorted(p.name for p in raw.iterdir())) == before


def test_a_file_with_the_name_of_another_is_stored_beside_it(tmp_path, corpus):
    raw = corpus[0]
    clash = tmp_path / "004_827677e9b4f7e973.txt"
    WRITERS["txt"](DOCUMENTS["cover_notice"], clash)
    original = (raw / clash.name).read_bytes()
    assert run([clash], corpus)[0] == 0
    assert (raw / clash.name).read_bytes() == original
    assert (raw / "004_827677e9b4f7e973_2.txt").read_bytes() == clash.read_bytes()


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "file is empty"),
    ("photo.pdf", b"%PDF-1.4 not a pdf", "damaged PDF|PDF with no pages"),
    ("memo.txt", "会议纪要\n今天天气很好，大家讨论了午餐安排。\n".encode(), "0 policies found"),
    ("table.xlsx", b"PK\x03\x04", "unknown file type .xlsx"),
])
def test_a_refused_file_adds_nothing_and_leaves_the_database_byte_identical(tmp_path, corpus, name, content, reason):
    raw, sources, db = corpus
    before = (db.read_bytes(), sources.read_text(encoding="utf-8"), sorted(p.name for p in raw.iterdir()))
    bad = tmp_path / name
    bad.write_bytes(content)
    verdicts = []
    rc, out = run([bad], corpus, verdicts=verdicts)
    assert rc == 1
    assert name in out and __import__("re").search(reason, out), out
    # the page words the same refusal from its code, in Chinese first
    from dashboard.i18n import TEXT
    (v,) = verdicts
    assert not v.accepted and f"refuse.{v.code}" in TEXT and v.code != "unreadable"
    assert TEXT[f"refuse.{v.code}"][0].format(**v.facts)
    assert (db.read_bytes(), sources.read_text(encoding="utf-8"), sorted(p.name for p in raw.iterdir())) == before


def test_several_files_are_judged_each_on_its_own(tmp_path, corpus):
    good = WRITERS["docx"](DOCUMENTS["provincial_measures"], tmp_path / "江西措施.docx")
    bad = tmp_path / "空.txt"
    bad.write_bytes(b"")
    rc, out = run([good, bad], corpus)
    assert rc == 1 and "空.txt: file is empty" in out
    assert policies(corpus[2], title="江西省促进民营经济高质量发展若干措施")


def test_dry_run_changes_nothing(tmp_path, corpus):
    raw, sources, db = corpus
    before = (db.read_bytes(), sources.read_text(encoding="utf-8"), sorted(p.name for p in raw.iterdir()))
    html = WRITERS["html"](DOCUMENTS["district_notice"], tmp_path / "page.html")
    rc, out = run([html], corpus, dry_run=True)
    assert rc == 0 and "洪政规〔2025〕3号" in out and "dry run" in out
    assert (db.read_bytes(), sources.read_text(encoding="utf-8"), sorted(p.name for p in raw.iterdir())) == before


def test_a_document_printed_in_the_corpus_merges_with_it(tmp_path, corpus):
    """The 武汉 work plan sent again as GB18030 text under another name is the same content, so it is
    already there; re-typed (a changed line), it is a second appearance of the same policy."""
    source = (ROOT / "data" / "raw" / "004_827677e9b4f7e973.txt").read_text(encoding="utf-8")
    retyped = tmp_path / "武政办2024-30.txt"
    retyped.write_bytes(source.replace("请认真组织实施", "请认真贯彻实施").encode("gb18030"))
    rc, out = run([retyped], corpus)
    assert rc == 0 and "merged with the policy already in 004_827677e9b4f7e973.txt" in out
    rows = policies(corpus[2], title="市人民政府办公厅关于印发市十五届人大三次会议1号议案办理工作方案的通知")
    assert {r["file"] for r in rows} == {"004_827677e9b4f7e973.txt", "武政办2024-30.txt"}


def test_the_explorer_finds_an_ingested_policy(tmp_path, corpus, monkeypatch, request):
    from streamlit.testing.v1 import AppTest
    db = corpus[2]
    run([WRITERS["gb18030.txt"](DOCUMENTS["compilation"], tmp_path / "黄石.txt")], corpus)
    monkeypatch.setenv("SME_POLICY_DB", str(db))
    request.addfinalizer(lambda: __import__("dashboard.db").db.clear_results())  # other tests read the session's database
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["q"] = "外贸企业稳订单"
    at.run()
    at.switch_page("app_pages/explorer.py")
    at.query_params["q"] = "外贸企业稳订单"
    at.run()
    shown = " ".join(str(e.value) for e in at.dataframe) + " ".join(m.value for m in at.markdown)
    assert "关于支持外贸企业稳订单的通知" in shown


def test_the_add_documents_page_opens_in_both_languages(open_page):
    zh = open_page("add")
    assert zh.title[0].value == "添加文件"
    assert "确认后加入数据库" in " ".join(m.value for m in zh.markdown)
    en = open_page("add", lang="en")
    assert en.title[0].value == "Add documents"
