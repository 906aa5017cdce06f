"""Clauses: the outline of a policy text (条/款/项, 一、 （一） 1. (1), list items), lead-ins carried to items,
stable ids, and every term in its clause."""
from data.pipeline.clauses import split, text_with_lines

NATIONAL = "002_802860970c280f04.txt"
COMPILATION = "003_9b32ac1237c71b4b.txt"


def clauses_at(q, file: str, first: int, last: int) -> list[dict]:
    return q("""SELECT c.* FROM clauses c JOIN sources s USING (source_id)
                WHERE s.file = $f AND c.line_start BETWEEN $a AND $b ORDER BY c.line_start""", f=file, a=first, b=last)


def test_article_lead_in_is_carried_to_its_items(q):
    """第二十三条 对符合以下条件的农村金融机构，可享受奖补支持：- （一）… - （四）…"""
    rows = clauses_at(q, NATIONAL, 1288, 1299)
    by_line = {r["line_start"]: r for r in rows}
    article = by_line[1294]
    assert article["marker"] == "第二十三条" and article["style"] == "article"
    assert article["heading"] == "农村金融机构定向费用奖补政策"          # the chapter's title (第四章)
    items = [by_line[n] for n in (1296, 1297, 1298, 1299)]
    assert [i["path"].split("/")[-1] for i in items] == ["（一）", "（二）", "（三）", "（四）"]
    assert all(i["parent_id"] == article["clause_id"] for i in items)
    assert all(i["lead_in"] == "第二十三条 对符合以下条件的农村金融机构，可享受奖补支持：" for i in items)
    assert by_line[1288]["style"] == "chapter" and by_line[1288]["depth"] == 0   # 章 above 条, whatever came first


def test_item_terms_carry_the_lead_in_condition(q):
    rows = q("""SELECT t.* FROM terms t JOIN sources s USING (source_id)
                WHERE s.file = $f AND t.line_start IN (1297, 1298) ORDER BY t.line_start""", f=NATIONAL)
    assert [(r["value"], r["term_kind"], r["comparator"]) for r in rows] == [(50.0, "threshold", "≥"),
                                                                            (70.0, "threshold", "≥")]
    assert all(r["lead_in"].startswith("第二十三条 对符合以下条件的农村金融机构") for r in rows)
    assert all(r["clause_id"].endswith(("第二十三条/（二）", "第二十三条/（三）")) for r in rows)


def test_numbered_section_heading(q):
    """六、支持会展业加快恢复。2022 年 8 月至 12 月，对在我省举办…"""
    [six] = [r for r in clauses_at(q, COMPILATION, 5816, 5816) if r["marker"] == "六、"]
    assert six["heading"] == "支持会展业加快恢复" and six["line_end"] >= 5830
    terms = q("SELECT DISTINCT clause_id FROM terms WHERE clause_id = $c", c=six["clause_id"])
    assert terms, "the clause's terms point to it"


def test_every_term_sits_inside_its_clause(q):
    rows = q("""SELECT t.term_id, t.line_start, t.line_end, c.line_start AS c0, c.line_end AS c1, c.policy_id,
                       t.policy_id AS term_policy
                FROM terms t LEFT JOIN clauses c USING (clause_id)""")
    assert len(rows) > 500
    for r in rows:
        assert r["c0"] is not None, r
        assert r["policy_id"] == r["term_policy"] and r["c0"] <= r["line_start"] <= r["line_end"] <= r["c1"], r


def test_clause_ids_do_not_depend_on_line_numbers():
    lines = ["第一条 为了支持中小企业，制定本办法。", "", "第二条 对符合以下条件的企业给予补贴：",
             "- （一）年营业收入不超过 500 万元；", "- （二）从业人数不超过 50 人。", "第三条 本办法自发布之日起施行。"]
    ids = [c.clause_id for c in split(*text_with_lines(lines, 1, len(lines)), policy_id="p1", source_id="s")]
    shifted = ["", "", ""] + lines
    again = [c.clause_id for c in split(*text_with_lines(shifted, 1, len(shifted)), policy_id="p1", source_id="s")]
    assert ids == again == ["p1:第一条", "p1:第二条", "p1:第二条/（一）", "p1:第二条/（二）", "p1:第三条"]


def test_outline_styles_nest_in_the_order_they_appear():
    lines = ["一、总体要求", "（一）支持范围。对企业给予奖励：", "1. 首次认定的给予 10 万元；", "2. 再次认定的给予 5 万元。",
             "（二）资金管理。按规定使用。", "二、保障措施", "加强组织领导。"]
    clauses = split(*text_with_lines(lines, 1, len(lines)), policy_id="p", source_id="s")
    paths = [c.path for c in clauses]
    assert paths == ["一、", "一、/（一）", "一、/（一）/1.", "一、/（一）/2.", "一、/（二）", "二、", "二、/¶1"]
    one, two = clauses[2], clauses[3]
    assert one.lead_in == two.lead_in == "（一）支持范围。对企业给予奖励："
    assert one.heading == "支持范围" and clauses[4].heading == "资金管理" and clauses[6].heading == "保障措施"
    assert clauses[4].lead_in is None
