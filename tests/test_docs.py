"""The README documents what a user and a maintainer need: every table, every URL parameter, the two commands."""
import re

from dashboard import params
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA = (ROOT / "data" / "schema.sql").read_text(encoding="utf-8")


def test_every_table_view_and_macro_is_in_the_readme():
    names = re.findall(r"CREATE (?:TABLE|VIEW|MACRO) (\w+)", SCHEMA)
    missing = [n for n in names if n not in README and n != "policy_status"]
    assert not missing, missing


def test_every_url_parameter_is_in_the_readme():
    names = [p.name for p in params.SHARED] + [p.name for ps in params.PAGES.values() for p in ps]
    missing = [n for n in names if f"`{n}`" not in README]
    assert not missing, missing


def test_the_two_setup_commands_and_ci():
    assert "make run" in README and "make test" in README
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            if line.strip() and not line.startswith(("#", "-r")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line.strip()), line
