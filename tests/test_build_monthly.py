"""The SME association monthly (000_…): contents, the 热点聚焦 full text, the 新规新政 summaries."""
from datetime import date

from tests.conftest import policy_by_title, provenance

MONTHLY = "monthly_2026_05"


def test_wuchang_ai_measures_summary(q):
    p = policy_by_title(q, "武昌区关于支持人工智能产业发展的若干措施")
    assert p["issue_date"] == date(2026, 5, 7)
    assert p["issue_date_precision"] == "day"
    assert "year" in p["issue_date_note"]  # the summary says only 5 月 7 日
    assert p["level"] == "district"
    assert p["region_code"] == "420106"
    assert p["issuers"] == ["武昌区人民政府"]
    assert p["primary_topic"] == "digital"
    assert "按成本 30% 补助，最高 100 万" in p["text"]
    rows = provenance(q, p["policy_id"])
    assert {(r["kind"], r["line_start"], r["line_end"]) for r in rows
            if r["source_id"] == "monthly_2026_05"} == {("toc", 93, 93), ("summary", 758, 760)}


def test_hubei_opc_measures_title_without_pdf_spaces(q):
    p = policy_by_title(q, "湖北省支持人工智能OPC发展若干措施（试行）")
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    assert p["issue_date"] == date(2026, 5, 11)
    rows = provenance(q, p["policy_id"])
    assert [r["printed_title"] for r in rows if r["kind"] == "toc"] == ["湖北省支持人工智能 OPC 发展若干措施（试行）"]


def test_private_economy_measures_full_text_with_promulgation(q):
    p = policy_by_title(q, "湖北省民营经济发展促进办法")
    # the text printed is the 2026 revision: its decree and date, with the history kept in notes
    assert p["doc_number"] == "湖北省人民政府令第439号"
    assert p["issue_date"] == date(2026, 4, 13)
    assert p["effective_from"] == date(2026, 5, 20)
    assert "2024年2月7日湖北省人民政府令第432号公布" in p["notes"]
    assert (p["level"], p["text_kind"]) == ("provincial", "full_text")
    assert p["text"].rstrip().endswith("本办法自 2026 年 5 月 20 日起施行。")
    kinds = {r["kind"]: (r["line_start"], r["line_end"]) for r in provenance(q, p["policy_id"])}
    assert kinds == {"toc": (43, 43), "full_text": (401, 656)}


def test_summary_with_effective_date_only(q):
    p = policy_by_title(q, "中华人民共和国民营经济促进法")
    assert p["issue_date"] is None  # the summary states only when it takes effect
    assert p["effective_from"] == date(2025, 5, 20)
    assert p["level"] == "national"
    assert p["primary_topic"] == "legal"


def test_contents_misprint_is_one_policy(q):
    """The contents list prints 生物医学…, the body 生物学…: one policy, two appearances."""
    rows = q("SELECT policy_id FROM policies WHERE title LIKE '%新技术临床研究和临床转化应用管理条例'")
    assert len(rows) == 1
    kinds = sorted(r["kind"] for r in provenance(q, rows[0]["policy_id"]))
    assert kinds == ["summary", "toc"]


def test_every_contents_title_has_its_summary(q):
    rows = q("""
        SELECT ps.policy_id, list(ps.kind ORDER BY ps.kind) AS kinds FROM policy_sources ps
        WHERE ps.source_id = $s GROUP BY ps.policy_id""", s=MONTHLY)
    assert len(rows) == 25
    assert all(r["kinds"] in (["summary", "toc"], ["full_text", "toc"]) for r in rows)


def test_month_only_issue_date(q):
    p = policy_by_title(q, "2026年优化营商环境工作要点")
    assert (p["issue_date"], p["issue_date_precision"]) == (date(2026, 4, 1), "month")
    assert p["issuers"] == ["国务院办公厅"]


def test_no_issuer_invented_from_a_document_kind(q):
    p = policy_by_title(q, "船舶载运锂电池安全技术要求")
    assert p["issuers"] == []  # "交通运输行业标准《…》" names a kind of standard, not an issuer
