"""What the reader and the build say about how a policy was read, in Chinese and in English.

One place for every note: a note is made from its code and values here, never written out at the place that
makes it, so that the Chinese interface shows Chinese notes (`policies.notes_zh`) and the English one English
(`policies.notes`). A Note is its English text (what `notes` has always held) carrying its Chinese rendering.
"""
from __future__ import annotations

# code: (Chinese, English); {names} are filled in by `note`
NOTES: dict[str, tuple[str, str]] = {
    "contents_vs_body": ("目录印作《{listed}》，正文印作《{body}》", "contents list prints 《{listed}》; the body prints 《{body}》"),
    "contents_title": ("目录所印标题为《{listed}》", "contents list prints the title as 《{listed}》"),
    "promulgation_history": ("公布与修订经过：{history}", "promulgation history: {history}"),
    "year_from_issue": ("生效日期未写年份，取自简报的出版日期", "effective date: year taken from the newsletter's issue date"),
    "listed_in": ("列于《{where}》{listed}", "listed in {where}{listed_en}"),
    "digest": ("“一图读懂”式图解文字，并非文件全文", "一图读懂 digest (infographic text), not the full document"),
    "region_from_part": ("地区取自其在汇编中所在的部分", "region from the part of the compilation it is printed in"),
    "issues": ("印发《{inner}》", "issues 《{inner}》"),
    "news_report": ("新闻报道，标题为《{headline}》", "news report headed 《{headline}》"),
    "record_header": ("{fields_zh}取自正文上方的记录信息（【发布文号】…）",
                      "{fields} taken from the record header above the text (【发布文号】…)"),
    "dates_disagree": ("各来源的发文日期不一致：{dates}", "sources disagree on the issue date: {dates}"),
    "traditional": ("原文为繁体字，已按简体读取（OpenCC 繁转简），引文亦已转换",
                    "printed in traditional characters; read as simplified (OpenCC t2s): quotes are converted"),
    "ocr_pages": ("第 {pages} 页经文字识别（tesseract 简体中文）读取，数字请与原件核对",
                  "pages {pages} read by OCR (tesseract chi_sim): check numbers against the original"),
    "title_from_signature": ("未找到标题行，标题由落款机关和日期拟成", "no title line found; title made from its signature and date"),
    "title_from_sentence": ("未找到标题行，标题取自首句", "no title line found; title made from its first sentence"),
    "title_from_text": ("未找到标题行，标题取自正文", "no title line found; title taken from the text"),
    "listed_twice": ("目录中列出两次（另见第 {line} 行）", "listed twice in the contents (also line {line})"),
    "headless_notice": ("印发时未印通知标题；通知从第 {line} 行开始",
                        "printed without its notice title; the notice starts at line {line}"),
    "promulgated_by": ("以{decree}（{number}）公布", "promulgated by {decree} {number}"),
    "superseded_by": ("已被《{newer}》废止", "superseded: repealed by 《{newer}》"),
    "doc_number_from": ("文号 {number} 来自 {where}", "document number {number} from {where}"),
    "other_date": ("{where} 记发文日期 {date}", "{where} gives the issue date {date}"),
    # issue-date notes (`policies.issue_date_note`)
    "date_year_from_issue": ("年份取自简报的出版日期", "year taken from the newsletter's issue date"),
    "date_from_register": ("日期来自登记表 {register_id}", "date from register entry {register_id}"),
    "date_from": ("日期来自 {where}", "date from {where}"),
    "register_note": ("{register_id}：{text_zh}", "{register_id}: {text_en}"),   # the register's own words
}

# names of policy fields as `record_header` lists them
FIELDS_ZH = {"title": "标题", "doc_number": "文号", "issue_date": "发文日期", "issuers": "发文机关"}


class Note(str):
    """A note's English text, with its Chinese rendering in `.zh`."""

    zh: str

    def __new__(cls, en: str, zh: str) -> "Note":
        made = super().__new__(cls, en)
        made.zh = zh
        return made

    def __reduce__(self):   # the build reads documents in worker processes: keep `.zh` across pickling
        return Note, (str(self), self.zh)


def note(code: str, **values) -> Note:
    zh, en = NOTES[code]
    return Note(en.format(**values), zh.format(**values))


def chinese(n: str) -> str:
    """A note in Chinese: its rendering, or the text itself for a note made before there were renderings."""
    return getattr(n, "zh", n)
