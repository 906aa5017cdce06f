"""A damaged source never passes silently: the build refuses it naming the file and the line, and
the previous database stays byte-identical (issue 12, points 5-7)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from data.pipeline.build import MAX_TERMS_PER_POLICY, BuildError, build
from data.reader.read import MAX_FILE_BYTES
from tests.conftest import BUILD_DAY, ROOT

NATIONAL, COMPILATION = "002_802860970c280f04.txt", "003_9b32ac1237c71b4b.txt"


@dataclass
class Corpus:
    raw: Path   # a copy of data/raw
    out: Path   # a copy of the session's database, rebuilt in place as `make db` does


@pytest.fixture
def rebuild(tmp_path, db_path) -> Corpus:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    out = tmp_path / "policies.duckdb"
    shutil.copy(db_path, out)
    return Corpus(raw, out)


@pytest.mark.parametrize("file", [NATIONAL, COMPILATION])
def test_a_source_cut_in_half_mid_line_is_refused(rebuild, file):
    path = rebuild.raw / file
    data = path.read_text(encoding="utf-8")
    half = data[: len(data) // 2]
    path.write_text(half[: half.rfind("\n") + 9], encoding="utf-8")  # stops 8 characters into a line
    before = rebuild.out.read_bytes()
    with pytest.raises(BuildError, match=rf"{file}:\d+: (?:the file changed and now|the contents list)"):
        build(rebuild.out, raw=rebuild.raw, log=lambda *_: None, today=BUILD_DAY)
    assert rebuild.out.read_bytes() == before


def test_the_same_cut_builds_when_the_drop_is_accepted(rebuild):
    path = rebuild.raw / NATIONAL
    data = path.read_text(encoding="utf-8")
    path.write_text(data[: data.index("\n", len(data) // 2) + 1], encoding="utf-8")
    build(rebuild.out, raw=rebuild.raw, log=lambda *_: None, today=BUILD_DAY, accept_drop=True)


def test_a_title_line_garbled_into_gbk_bytes_is_refused_at_its_line(rebuild):
    path = rebuild.raw / NATIONAL
    lines = path.read_bytes().split(b"\n")
    no = next(i for i, l in enumerate(lines) if "关于印发《普惠金融发展专项资金管理办法》的通知".encode() in l)
    lines[no] = "关于印发《普惠金融发展专项资金管理办法》的通知".encode("gbk")
    path.write_bytes(b"\n".join(lines))
    before = rebuild.out.read_bytes()
    with pytest.raises(BuildError, match=rf"{NATIONAL}:{no + 1}: damaged UTF-8 text"):
        build(rebuild.out, raw=rebuild.raw, log=lambda *_: None, today=BUILD_DAY)
    assert rebuild.out.read_bytes() == before


def test_a_contents_entry_whose_body_lost_its_title_is_named(rebuild):
    path = rebuild.raw / NATIONAL
    text = path.read_text(encoding="utf-8")
    title = "国务院关于推进普惠金融高质量发展的实施意见"
    first = text.index(title)
    body_at = text.index(title, first + 1)  # the body's title, not the contents entry
    path.write_text(text[:body_at] + "锟斤拷烫烫烫" + text[body_at + len(title):], encoding="utf-8")
    said: list[str] = []
    build(rebuild.out, raw=rebuild.raw, log=said.append, today=BUILD_DAY, accept_drop=True)
    warning = next(s for s in said if "no body of that title" in s)
    line = text[:first].count("\n") + 1
    assert f"{NATIONAL}:{line}" in warning and title in warning


def test_a_duplicate_source_id_names_the_line(tmp_path, rebuild):
    table = (ROOT / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()
    table.append(table[1].replace(table[1].split(",")[0], "another.txt", 1))
    (rebuild.raw / "another.txt").write_text((rebuild.raw / NATIONAL).read_text(encoding="utf-8"), encoding="utf-8")
    csv = tmp_path / "sources.csv"
    csv.write_text("\n".join(table) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"sources.csv:{len(table)}: source_id '\w+' is already used on line 2"):
        build(tmp_path / "x.duckdb", raw=rebuild.raw, sources_csv=csv, log=lambda *_: None)


def test_a_huge_document_is_refused_before_it_is_read(rebuild):
    with (rebuild.raw / "huge.txt").open("wb") as f:
        f.write("关于印发大文件的通知\n".encode())
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(BuildError, match=r"huge.txt: file is .* over the 25 MB limit"):
        build(rebuild.out, raw=rebuild.raw, log=lambda *_: None)


def test_a_policy_with_too_many_terms_is_refused(rebuild):
    clause = "对符合条件的企业给予补贴10万元。"
    text = "关于支持企业发展的通知\n各区人民政府：\n" + "\n".join(
        f"{i}. {clause}" for i in range(MAX_TERMS_PER_POLICY + 200)) + "\n某市人民政府\n2024年1月1日\n"
    (rebuild.raw / "many_terms.txt").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=rf"many_terms.txt:1: .*terms, over the limit of {MAX_TERMS_PER_POLICY:,}"):
        build(rebuild.out, raw=rebuild.raw, log=lambda *_: None)
