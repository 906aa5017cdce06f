"""Notes on how a policy was read: Chinese in the Chinese interface, English in the English one."""
from __future__ import annotations

import pickle
import re
import shutil
import string

import pytest

from data.pipeline import curated
from data.reader.notes import NOTES, Note, note
from tests.conftest import ROOT

# what may stay Latin inside a Chinese note: links and file citations, two tools' names (acronyms such as OPC,
# AFPBB or the register's ids WH-D-002 are not English words)
LATIN_ALLOWED = re.compile(r"https?://\S+|[\w/.-]+\.(?:csv|txt|pdf|docx)(?::\d+)?|OpenCC|tesseract")
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_note_has_both_languages_with_the_same_values():
    for code, (zh, en) in NOTES.items():
        assert re.search(r"[\u4e00-\u9fff\uff1a]", zh), code   # Chinese, or a full-width colon
        # the two renderings may spell a list their own way (listed / listed_en, fields / fields_zh)
        strip = lambda names: {n.removesuffix("_en").removesuffix("_zh") for n in names}
        assert strip(placeholders(zh)) == strip(placeholders(en)), code


def test_a_note_keeps_its_chinese_through_the_worker_processes_pickling():
    made = note("listed_twice", line=34)
    back = pickle.loads(pickle.dumps(made))
    assert isinstance(back, Note) and back == "listed twice in the contents (also line 34)"
    assert back.zh == "目录中列出两次（另见第 34 行）"


def test_the_database_holds_every_note_in_chinese(q):
    rows = q("SELECT policy_id, notes, notes_zh, issue_date_note, issue_date_note_zh FROM policies")
    noted = [r for r in rows if r["notes"]]
    assert len(noted) >= 80                                  # 86 on the shipped corpus and register
    for r in rows:
        assert bool(r["notes"]) == bool(r["notes_zh"]) and bool(r["issue_date_note"]) == bool(r["issue_date_note_zh"])
        for zh in (r["notes_zh"], r["issue_date_note_zh"]):
            latin = [w for w in ENGLISH_WORD.findall(LATIN_ALLOWED.sub("", zh or "")) if len(w) > 1]
            assert not latin, (r["policy_id"], latin, zh)


def test_known_notes_read_in_chinese(q):
    zh = "\n".join(r["notes_zh"] for r in q("SELECT notes_zh FROM policies WHERE notes_zh IS NOT NULL"))
    assert "已被《关于进一步完善研发费用税前加计扣除政策的公告》废止" in zh       # a superseded policy
    assert "列于《鄂州市支持中小企业政策清单（一）》（鄂州市经济和信息化局，2020-07）" in zh
    assert "WH-D-002：试行；" in zh                                            # the register's status note


def test_a_register_row_without_its_chinese_notes_names_file_and_line(tmp_path, monkeypatch):
    copy = tmp_path / "curated"
    shutil.copytree(ROOT / "data" / "curated", copy)
    path = copy / "wuhan_policy_register_zh.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("4,")), encoding="utf-8")
    monkeypatch.setattr(curated, "CURATED", copy)
    with pytest.raises(curated.CuratedError, match=r"wuhan_policy_register_zh.csv: no row for "
                                                   r"data/curated/wuhan_policy_register.csv:4 \(WH-D-003\)"):
        curated.register_appearances()


def test_the_detail_shows_the_notes_in_the_interface_language(open_page, q):
    pid = q("SELECT policy_id FROM policies WHERE notes LIKE 'superseded: repealed by%'")[0]["policy_id"]
    zh = "\n".join(m.value for m in open_page("explorer", policy=pid).markdown)
    assert "**备注**：已被《" in zh and "superseded" not in zh
    en = "\n".join(m.value for m in open_page("explorer", lang="en", policy=pid).markdown)
    assert "**Notes**: superseded\\: repealed by 《" in en      # md() escapes the colon
