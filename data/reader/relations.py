"""Which policy repeals or replaces which: "《X》（…号）同时废止", "原《X》停止执行", "X 不再执行".

A later version that repeals an earlier one supersedes it. Only repeals the text states count,
and only of a policy the database holds (matched by its document number, else by its title).
"""
from __future__ import annotations

import re

from data.reader.text import normalize_doc_number, title_key

# A sentence that repeals: the clause before 废止 / 停止执行 / 不再执行 names what is repealed.
REPEAL = re.compile(r"[^。；]*?(?:同时|予以|即行|一并)?(?:废止|停止执行|不再执行)")
NAMED = re.compile(r"《(?P<title>[^《》]{4,80})》\s*(?:[（(](?P<number>[^（）()]{2,40}?号)[）)])?")


def repealed_names(text: str) -> list[tuple[str, str | None]]:
    """(title, number) of each document the text says is repealed."""
    out = []
    for sentence in REPEAL.finditer(text):
        clause = sentence[0]
        if re.search(r"(?:修改|废止)和?(?:废止)?(?:部分)?(?:规章|文件|规定)的决定", clause):
            continue  # a decision that revises other texts names them, it is not itself their successor
        for m in NAMED.finditer(clause):
            number = normalize_doc_number(m["number"]) if m["number"] else None
            out.append((m["title"], number))
    return out


def supersessions(policies) -> list[tuple[str, str]]:
    """(newer policy id, repealed policy id) for every repeal a policy's own text states."""
    by_number = {p.doc_number: p for p in policies if p.doc_number}
    by_title = {title_key(p.title): p for p in policies}
    pairs = set()
    for p in policies:
        if p.text_kind != "full_text" or not p.text:
            continue
        for title, number in repealed_names(p.text):
            old = by_number.get(number) if number else None
            old = old or by_title.get(title_key(title))
            if old is not None and old.policy_id != p.policy_id:
                pairs.add((p.policy_id, old.policy_id))
    return sorted(pairs)
