"""数据来源 Data sources page."""


def test_sources_page_lists_the_five_documents_with_counts(open_page, q):
    at = open_page("sources")
    table = at.dataframe[0].value
    assert len(table) == 5
    monthly = table[table["文件"] == "000_a52cd0f27d184548.txt"].iloc[0]
    expected = q("SELECT count(DISTINCT policy_id) AS n FROM policy_sources WHERE source_id = 'monthly_2026_05'")[0]["n"]
    assert monthly["政策数"] == expected == 25


def test_sources_page_shows_curated_trust(open_page):
    at = open_page("sources", lang="en")
    curated = at.dataframe[-1].value
    assert set(curated["Trust"]) >= {"second-hand summary of an official text", "low", "medium"}
    assert curated["Rows"].sum() == 65
    register = at.dataframe[-2].value
    assert register["Rows"].sum() == 40
