"""总览 Overview, rendered with AppTest on the real database."""


def test_overview_headline_numbers_default(open_page, q):
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    total = q("SELECT count(*) AS n FROM policies")[0]["n"]
    assert metrics["政策数"] == str(total)
    assert metrics["最新发文日期"] == "2026-05-19"  # 关于做好2026年小微企业金融服务工作的通知


def test_overview_filtered_to_district_level(open_page):
    at = open_page("overview", level="district")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["政策数"] == "1"   # 武昌区关于支持人工智能产业发展的若干措施
    assert metrics["覆盖地区"] == "1"
    newest = at.dataframe[0].value
    assert list(newest["标题"]) == ["武昌区关于支持人工智能产业发展的若干措施"]
    assert "000_a52cd0f27d184548.txt:758-760" in newest["来源"].iloc[0]


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
