"""Quantitative terms: specific clauses of each source, and the rule that no number is invented."""
import re

import pytest


def terms_of(q, title: str) -> list[dict]:
    return q("""SELECT t.*, s.file FROM terms t JOIN policies p USING (policy_id) JOIN sources s USING (source_id)
                WHERE p.title = $t ORDER BY t.line_start, t.number_at""", t=title)


def one(rows, **match) -> dict:
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, [(r["measure"], r["value_kind"], r["value"]) for r in rows])
    return found[0]


def test_wuchang_ai_measures(q):
    rows = terms_of(q, "武昌区关于支持人工智能产业发展的若干措施")
    rate = one(rows, measure="model_rd", value_kind="rate")
    assert (rate["value"], rate["unit"], rate["basis"]) == (30.0, "%", "成本")
    cap = one(rows, measure="model_rd", value_kind="cap")
    assert (cap["value"], cap["unit"], cap["unit_printed"], cap["comparator"]) == (100.0, "万元", "万", "≤")
    compute = one(rows, measure="compute", value_kind="rate")
    assert (compute["value"], compute["comparator"]) == (60.0, "≤")
    assert compute["condition"] == "单企业年营收≤50 万"
    threshold = one(rows, measure="compute", value_kind="threshold")
    assert (threshold["value"], threshold["unit"], threshold["comparator"]) == (50.0, "万元", "≤")
    talent = one(rows, measure="talent", value_kind="statement")
    assert "纳入武昌英才" in talent["quote"] and talent["value"] is None
    assert {(r["file"], r["line_start"]) for r in rows} == {("000_a52cd0f27d184548.txt", 760)}


def test_hubei_opc_measures(q):
    rows = terms_of(q, "湖北省支持人工智能OPC发展若干措施（试行）")
    assert one(rows, measure="startup", value_kind="cap")["value"] == 50.0
    assert one(rows, measure="compute", value_kind="cap")["value"] == 10.0      # 最高 10 万元算力券
    assert one(rows, measure="compute", value_kind="amount")["value"] == 2000.0  # 2000 万元算力支持
    assert one(rows, measure="loan_interest", value_kind="amount")["value"] == 500.0


def test_small_business_relief_rates_and_thresholds(q):
    rows = terms_of(q, "关于加力助企解难推动中小企业稳健发展的若干措施")
    vat = one(rows, measure="tax_relief", value_kind="threshold")
    assert (vat["value"], vat["unit"], vat["comparator"], vat["beneficiary"]) == (10.0, "万元", "≤", "小规模纳税人")
    assert one(rows, value_kind="rate", number_printed="减半")["value"] == 50.0
    assert sorted(r["value"] for r in rows if r["measure"] == "loan_interest" and r["value_kind"] == "rate") == [1.0, 1.5]
    period = one(rows, measure="loan_interest", value_kind="duration")
    assert (period["value"], period["unit"], period["unit_printed"], period["comparator"]) == (24.0, "月", "年", "≤")


def test_ezhou_rent_relief_months_and_half_rate(q):
    rows = terms_of(q, "阶段性减免市场主体房屋租金政策")
    assert [(r["measure"], r["value_kind"], r["value"]) for r in rows] == [
        ("rent", "duration", 3.0), ("rent", "rate", 50.0), ("rent", "duration", 6.0)]
    assert rows[0]["quote"] == "对承租国有资产类经营用房的中小微企业免收3个月租金，再减半征收6个月房租"


def test_hubei_first_loan_interest_subsidy_basis(q):
    rows = terms_of(q, "省人民政府办公厅印发关于进一步激发市场活力稳住经济增长若干措施的通知")
    rate = [r for r in rows if r["measure"] == "loan_interest" and r["value"] == 50.0 and r["line_start"] == 5746]
    assert rate and rate[0]["basis"] == "各地实际贴息金额"


def test_wuhan_work_plan_targets(q):
    rows = terms_of(q, "市人民政府办公厅关于印发市十五届人大三次会议1号议案办理工作方案的通知")
    targets = {(r["number_printed"], r["value"], r["unit"]) for r in rows if r["measure"] == "target"}
    assert ("225 万家", 2_250_000.0, "家") in targets
    assert ("1. 85 万家", 18_500.0, "家") in targets           # "1. 85" is 1.85 with a PDF space
    assert ("600 个", 600.0, "个") in targets                   # 中小企业服务站扩大到 600 个
    loans = one(rows, number_printed="700 亿元")
    assert (loans["value"], loans["unit"]) == (7_000_000.0, "万元")


def test_no_number_is_invented(q):
    """Each row's number is printed in its quote, where number_at says, and its value is that number."""
    rows = q("SELECT * FROM terms WHERE value_kind <> 'statement'")
    assert len(rows) > 400
    for r in rows:
        quote, printed = r["quote"], r["number_printed"]
        assert quote[r["number_at"]:r["number_at"] + len(printed)] == printed, r
        numbers = [float(n.replace(" ", "")) for n in re.findall(r"\d+(?:\.\s?\d+)?", printed)]
        if not numbers:  # Chinese numerals (三个月, 十万元, 减半) are checked by the clause tests above
            continue
        scale = expected_scale(r)
        assert r["value"] == pytest.approx(numbers[0] * scale), r
        if len(numbers) > 1:  # a range keeps both ends
            assert r["value_max"] == pytest.approx(numbers[1] * scale), r


def expected_scale(r) -> float:
    """How the printed unit turns into the normalised one: 万元 for money, months for years, counts ×万/亿."""
    unit = r["unit_printed"]
    if unit in ("BP", "‰", "成"):  # 50个基点 = 0.5%, 0.5‰ = 0.05%, 2 成 = 20%
        return {"BP": 0.01, "‰": 0.1, "成": 10.0}[unit]
    if unit == "折":                # 9 折 = a 10 % discount
        return (10 - float(r["number_printed"].rstrip("折"))) * 10 / float(r["number_printed"].rstrip("折"))
    if unit.endswith("美元"):       # foreign money is not converted: 500 万美元 stays 500 (unit 万美元)
        return {"亿美元": 1e4, "美元": 1e-4}.get(unit, 1.0)
    if r["value_kind"] == "rate":
        return 1.0
    if r["unit"] == "万元":
        return {"万亿元": 1e8, "亿元": 1e4, "亿": 1e4, "元": 1e-4}.get(unit, 1.0)
    if r["value_kind"] == "duration":
        return 12.0 if unit == "年" else 1.0
    return 1e4 if unit.startswith("万") else 1e8 if unit.startswith("亿") else 1.0


def test_years_dates_and_article_numbers_are_not_terms(q):
    rows = q("SELECT number_printed, quote FROM terms WHERE value_kind <> 'statement'")
    for r in rows:
        assert not re.fullmatch(r"(19|20)\d\d\s*年?", r["number_printed"]), r
        assert not re.search(r"第\s*$", r["quote"][:0] or ""), r
    # a fine is kept as a penalty, never as an incentive (处1万元以上5万元以下的罚款)
    fines = q("SELECT term_kind FROM terms WHERE quote LIKE '%罚款%' AND value_kind NOT IN ('duration', 'threshold')")
    assert fines and {r["term_kind"] for r in fines} == {"penalty"}


def test_curated_rows_keep_citation_and_trust(q):
    rows = q("SELECT * FROM curated_terms")
    assert len(rows) == 65
    assert all(r["source_url"].startswith("http") and r["trust"] for r in rows)
    wuchang = q("""SELECT * FROM curated_terms WHERE region_code = '420106' AND measure = 'compute'""")
    assert [(r["rate_pct"], r["cap_wan"], r["trust"]) for r in wuchang] == [(60.0, 50.0, "official_summary")]
    assert "单个企业每年最高50万元" in wuchang[0]["quote"]
    # the corpus says something else for the same measure: both are kept
    assert wuchang[0]["policy_id"] == q("SELECT policy_id FROM policies WHERE title LIKE '武昌区关于支持人工智能%'")[0]["policy_id"]
