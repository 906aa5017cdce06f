"""The interface's words are defined once: a page that redefined a shared key (col.kind) would change the
label on every page that runs after it in the same server process."""
import re
from collections import defaultdict
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard"
ENTRY = re.compile(r'^\s*"([\w. ]+)":\s*\(', re.M)   # "key": ("中文", "English"), in TEXT = {…} or TEXT.update({…})


def test_every_interface_key_is_defined_in_one_place():
    places = defaultdict(list)
    for path in sorted(DASHBOARD.rglob("*.py")):
        for key in ENTRY.findall(path.read_text(encoding="utf-8")):
            places[key].append(path.relative_to(DASHBOARD).as_posix())
    assert len(places) > 300
    twice = {k: v for k, v in places.items() if len(v) > 1}
    assert not twice, twice


def test_the_map_and_the_explorer_keep_their_own_column_names(open_page):
    open_page("map", layer="wuhan", region="420106")
    open_page("explorer")
    from dashboard.i18n import TEXT
    assert TEXT["col.kind"][0] == "类型" and TEXT["col.term_kind"][0] == "数值类型"
