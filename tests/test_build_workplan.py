"""The Wuhan work plan (004_…): one document, the notice (lines 1–18) and its 工作方案 (19–414), with the
抄送 / 印发 colophon (389–394) printed in the middle of section 四 (一).

Every value asserted here was read in data/raw/004_827677e9b4f7e973.txt; line numbers are 1-based.
"""
import re
from datetime import date

import pytest

WORKPLAN = "wuhan_workplan_2024"


def workplan(q) -> dict:
    rows = q("SELECT * FROM policies WHERE doc_number = '武政办〔2024〕30号'")
    assert len(rows) == 1
    return rows[0]


def test_workplan_notice(q):
    """3 武政办〔2024〕30 号; 5 市人民政府办公厅关于印发市十五届人大 / 7 三次会议 1 号议案办理工作方案的通知;
    16 武汉市人民政府办公厅; 18 2024 年 3 月 27 日."""
    p = workplan(q)
    assert re.sub(r"\s+", "", p["title"]) == "市人民政府办公厅关于印发市十五届人大三次会议1号议案办理工作方案的通知"
    assert (p["issue_date"], p["issue_date_precision"]) == (date(2024, 3, 27), "day")
    assert (p["level"], p["region_code"]) == ("municipal", "420100")
    assert p["issuers"] == ["武汉市人民政府办公厅"]
    assert p["text_kind"] == "full_text"
    rows = q("SELECT * FROM policy_sources WHERE source_id = $s", s=WORKPLAN)
    assert [(r["policy_id"], r["kind"], r["line_end"]) for r in rows] == [(p["policy_id"], "full_text", 414)]
    assert rows[0]["line_start"] <= 5
    # the attached 工作方案 is part of this document, not a policy of its own
    assert q("SELECT title FROM policies WHERE replace(title, ' ', '') = '市十五届人大三次会议1号议案办理工作方案'") == []
    assert "特制订本方案" in p["text"]                                      # 25
    assert p["text"].rstrip().endswith("争取支持和指导。")                  # 414


def test_workplan_text_has_no_cc_colophon(q):
    text = workplan(q)["text"]
    for colophon in ("抄送", "武汉警备区", "各人民团体", "市政协办公厅", "各新闻单位", "各部属驻汉企业", "3 月 27 日印发"):
        assert colophon not in text, colophon


def test_workplan_sentence_rejoined_across_the_colophon(q):
    text = re.sub(r"\s+", "", workplan(q)["text"])
    assert "成立市十五届人大三次会议1号议案办理工作领导小组(以下简称领导小组)" in text
