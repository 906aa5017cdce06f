"""总览 Overview, rendered with AppTest on the real database."""


def test_overview_headline_numbers_default(open_page, q):
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    total = q("SELECT count(*) AS n FROM policies")[0]["n"]
    assert metrics["政策数"] == str(total)
    latest = q("SELECT max(issue_date) AS d FROM policies WHERE issue_date <= current_date")[0]["d"]
    assert metrics["最新发文日期"] == str(latest)


def test_overview_filtered_to_district_level(open_page):
    at = open_page("overview", level="district")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["政策数"] == "17"   # the corpus' 武昌区 AI measures and 16 register entries
    assert metrics["覆盖地区"] == "8"
    newest = at.dataframe[0].value
    wuchang = newest[newest["标题"] == "武昌区关于支持人工智能产业发展的若干措施"].iloc[0]
    assert "000_a52cd0f27d184548.txt:758-760" in wuchang["来源"] and wuchang["依据"] == "摘要"
    assert set(newest[newest["依据"] == "登记表条目"]["可信度"]) <= {"高", "中高", "中", "中低", "低"}


def test_overview_in_english(open_page):
    at = open_page("overview", lang="en")
    assert at.title[0].value == "Overview"
    assert "Policies" in {m.label for m in at.metric}


def test_hostile_parameters_are_ignored_with_a_notice(open_page):
    at = open_page("overview", level="national~<script>", region="999999", years="1900..3000", bogus="x")
    assert at.warning, "expected a visible notice"
    listed = at.code[0].value
    for key in ("level", "region", "years", "bogus"):
        assert key in listed
    # the page still renders with the defaults for what was ignored
    assert {m.label for m in at.metric} >= {"政策数"}


def test_tables_download_as_csv_with_bom_and_excel_with_a_sources_column(open_page):
    import io

    import pandas as pd
    at = open_page("overview", level="district")
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert {"下载 CSV（当前表格）", "下载 Excel（当前表格）", "下载全部数据"} <= set(labels)
    from dashboard.exports import csv_bytes, file_stem
    frame = pd.DataFrame({"标题": ["武昌区关于支持人工智能产业发展的若干措施"], "来源": ["000_a52cd0f27d184548.txt:758-760"]})
    data = csv_bytes(frame)
    assert data.startswith("\ufeff".encode("utf-8"))          # Excel reads UTF-8 Chinese with the BOM
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig").equals(frame)
    assert file_stem("newest_policies", {"level": "district", "topic": "tax~digital"}) == \
        "newest_policies_level-district_topic-tax~digital"
