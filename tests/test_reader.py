"""The general reader on documents the tests write: the same policies, fields and terms from
plain text, GB18030, PDF, DOCX and HTML; and a clear refusal of what cannot be read."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from data.reader.documents import read_documents
from data.reader.model import SourceContext
from data.reader.read import MAX_FILE_BYTES, ReadError, read_file
from tests.documents import DOCUMENTS, WRITERS

FORMATS = ["txt", "gb18030.txt", "pdf", "docx", "html"]


def read(tmp_path, name: str, fmt: str):
    path = WRITERS[fmt](DOCUMENTS[name], tmp_path / f"{name}.{fmt}")
    return read_documents(path, SourceContext(path.name))


def fields(result) -> list[tuple]:
    """What must not depend on the format: kind, title, number, issuers, date, and the numbers in the text."""
    import re
    return [(a.kind, a.title, a.doc_number, tuple(a.issuers), a.issue_date and a.issue_date.iso(),
             tuple(re.findall(r"\d+(?:\.\d+)?%?", a.text))) for a in result.appearances]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_format_gives_what_the_plain_text_gives(tmp_path, name, fmt):
    assert fields(read(tmp_path, name, fmt)) == fields(read(tmp_path, name, "txt"))


def test_a_district_notice_with_its_header(tmp_path):
    (doc,) = read(tmp_path, "district_notice", "txt").appearances
    assert doc.title == "武汉市洪山区人民政府关于支持中小企业数字化转型的若干措施"
    assert doc.doc_number == "洪政规〔2025〕3号"
    assert doc.issuers == ["武汉市洪山区人民政府"]
    assert doc.issue_date.iso() == "2025-02-10"
    assert doc.line_start == 1  # the 发文机关标志 starts the document


def test_a_measures_text_without_a_header_is_one_document(tmp_path):
    (doc,) = read(tmp_path, "provincial_measures", "txt").appearances
    assert doc.title == "江西省促进民营经济高质量发展若干措施"
    assert doc.doc_number is None  # none is stated; none is guessed
    assert doc.issuers == ["江西省人民政府办公厅"] and doc.issue_date.iso() == "2024-06-18"


def test_a_cover_notice_carries_its_attachment(tmp_path):
    (doc,) = read(tmp_path, "cover_notice", "txt").appearances
    assert doc.title == "关于印发《咸安区科技创新奖励办法》的通知"
    assert "一次性奖励10万元" in doc.text  # the attachment is part of the notice, not a second policy


def test_a_two_document_compilation(tmp_path):
    docs = read(tmp_path, "compilation", "txt").appearances
    assert [(d.title, d.doc_number) for d in docs] == [
        ("关于进一步降低企业用电成本的通知", "黄政发〔2024〕8号"), ("关于支持外贸企业稳订单的通知", "黄政办发〔2024〕12号")]
    assert "每个展位补贴1万元" in docs[1].text and "每个展位" not in docs[0].text


def test_a_title_broken_before_its_kind_of_document(tmp_path):
    (doc,) = read(tmp_path, "other_province", "txt").appearances
    assert doc.title == "上海市人民政府办公厅印发《关于支持人工智能企业发展的若干措施》的通知"
    assert doc.doc_number == "沪府办规〔2024〕6号"


def read_lines(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_documents(path, SourceContext(path.name)).appearances


def test_a_document_printed_on_one_line_keeps_its_signature_and_date(tmp_path):
    # a web page that lost its line breaks: the 落款 and 成文日期 run into the text
    (doc,) = read_lines(tmp_path, "孝感市人民政府关于印发孝感市中小企业纾困资金管理办法的通知\n"
                        "各县（市、区）人民政府，市政府各部门：现将《孝感市中小企业纾困资金管理办法》印发给你们，请认真贯彻执行。"
                        "孝感市人民政府2024年5月8日（此件公开发布）孝感市中小企业纾困资金管理办法第一条 为缓解中小企业资金困难，"
                        "省财政厅2023年3月1日下达的专项资金按不超过50%的比例安排。第二条 单户企业支持金额最高100万元。\n")
    assert doc.title == "孝感市人民政府关于印发孝感市中小企业纾困资金管理办法的通知"
    assert doc.issuers == ["孝感市人民政府"] and doc.issue_date.iso() == "2024-05-08"


def test_a_date_inside_a_sentence_is_not_a_signature(tmp_path):
    (doc,) = read_lines(tmp_path, "关于做好2024年中小企业贷款贴息工作的通知\n各区财政局：\n"
                        "根据工作安排。省财政厅2023年3月1日下达的专项资金继续使用，贴息比例不超过50%。\n")
    assert doc.issue_date is None   # nothing closes the text with a date: none is guessed


def test_an_untitled_notice_with_a_signature_is_one_document(tmp_path):
    # a repost that dropped its title line: the signature over the date closes it
    (doc,) = read_lines(tmp_path, "根据《荆州市促进中小企业发展若干措施》，我局组织开展了2024年专精特新企业奖励资金申报工作。\n"
                        "经审核，拟对以下企业给予奖励，现予以公示。\n公示时间为2024年6月3日至6月9日。\n"
                        "附件：拟奖励企业名单\n荆州市经济和信息化局\n2024年6月3日\n")
    assert doc.title == "荆州市经济和信息化局公示（2024年6月3日）"
    assert doc.issuers == ["荆州市经济和信息化局"] and doc.issue_date.iso() == "2024-06-03"
    assert any("signature" in n for n in doc.notes)


def test_a_body_that_names_its_own_kind_is_a_policy_without_a_title(tmp_path):
    # a web page that starts with the body: no title, number, issuer or date, but clauses and 制定本意见
    (doc,) = read_lines(tmp_path, "为促进我县文化旅游产业发展，结合我县实际，制定本意见。\n一、景区建设\n"
                        "1.对新评为国家4A级旅游景区的，一次性奖励50万元。\n二、宣传推广\n"
                        "2.对年组织游客来通山旅游人数达到1万人次以上的旅行社，奖励2万元。\n")
    assert doc.title == "未载标题的意见（为促进我县文化旅游产业发展…）"
    assert doc.doc_number is None and doc.issuers == [] and doc.issue_date is None   # nothing is guessed
    assert any("first sentence" in n for n in doc.notes)
    # the same printed on one line, starting at its 主送机关: the clause numbers run into the text
    (doc,) = read_lines(tmp_path, "各县（市、区）人民政府，省政府直属各单位：为支持我省小微企业发展，提出如下意见："
                        "一、总体要求。（一）目标。到2027年培育小微企业1万家。二、支持措施。（二）对新升规企业奖励10万元。\n")
    assert doc.title == "未载标题的意见（为支持我省小微企业发展…）"


def test_a_text_with_no_title_and_no_signature_is_not_a_policy(tmp_path):
    assert read_lines(tmp_path, "会议纪要\n今天天气很好，大家讨论了午餐安排。\n张三\n2024年6月3日\n") == []


def test_pdf_pages_are_kept_in_the_provenance(tmp_path):
    path = WRITERS["pdf"](DOCUMENTS["compilation"] * 3, tmp_path / "long.pdf")
    result = read_documents(path, SourceContext(path.name))
    assert result.text.method == "pdf-text"
    assert {a.page for a in result.appearances} >= {1, 2}


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"   \n\n  ", "no text"),
    ("binary.txt", bytes(range(256)) * 40, "binary file"),
    ("image.png.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "binary file"),
    ("latin.txt", b"Just an English memo.\n", "no Chinese text"),
    ("scan.docx", b"PK\x03\x04 not really a zip", "damaged or not a Word"),
    ("broken.pdf", b"%PDF-1.4\n%broken", "damaged PDF|PDF with no pages"),
    ("notes.rtf", "{\\rtf1 政策}".encode(), "unknown file type .rtf"),
])
def test_files_that_cannot_be_read_are_refused_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=rf"^{name}: .*(?:{reason})") as refused:
        read_file(path)
    # the same reason as a code the interface words in both languages, its figures filled in
    from dashboard.i18n import TEXT
    zh, en = TEXT[f"refuse.{refused.value.reason}"]
    assert zh.format(**refused.value.facts) and en.format(**refused.value.facts)


def test_every_refusal_of_the_reader_is_worded_in_both_languages():
    import re
    from dashboard.i18n import TEXT
    source = (Path(__file__).parents[1] / "data" / "reader" / "read.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'ReadError\(f?"[^"]*"(?:\s*f"[^"]*")*,\s*"(\w+)"', source))
    assert len(codes) >= 14, codes
    assert not codes - {k.removeprefix("refuse.") for k in TEXT if k.startswith("refuse.")}
    assert all(re.search(r"[\u4e00-\u9fff]", TEXT[f"refuse.{c}"][0]) for c in codes)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ReadError, match="over the 25 MB limit"):
        read_file(path)


def test_a_password_protected_pdf_is_refused(tmp_path):
    import pypdf
    plain = WRITERS["pdf"](DOCUMENTS["district_notice"], tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    with pytest.raises(ReadError, match="password-protected PDF"):
        read_file(locked)


def test_utf16_and_bom_text_are_read(tmp_path):
    text = DOCUMENTS["district_notice"]
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read_file(path).lines[0] == "武汉市洪山区人民政府文件"


def test_a_docx_table_is_read_row_by_row(tmp_path):
    import docx
    document = docx.Document()
    document.add_paragraph("关于印发企业补贴标准的通知")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "补贴标准"
    table.cell(1, 0).text, table.cell(1, 1).text = "设备上云", "最高20万元"
    path = tmp_path / "table.docx"
    document.save(str(path))
    assert "设备上云\t最高20万元" in read_file(path).lines
    assert zipfile.is_zipfile(path)


@pytest.mark.skipif(not (__import__("shutil").which("tesseract") and __import__("shutil").which("pdftoppm")),
                    reason="tesseract or pdftoppm missing")
def test_a_scanned_pdf_is_read_by_ocr_and_marked_so(tmp_path):
    """An image-only page (a scan) has no text layer: OCR reads it, and the provenance says so."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 44, index=2)
    page = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(["关于支持企业上云的通知", "各区人民政府：", "按实际费用的30%给予补贴。",
                              "武汉市人民政府", "2025年2月10日"]):
        draw.text((80, 80 + i * 110), line, font=font, fill=0)
    path = tmp_path / "scan.pdf"
    page.save(path, "PDF", resolution=150)
    found = read_file(path)
    assert found.method == "pdf-ocr" and "OCR" in found.notes[0]
    text = "".join(found.lines)
    assert "关于支持企业上云的通知" in text and "30%" in text


def test_a_long_notice_with_page_footers_stays_one_document(tmp_path):
    """Eight pages of 28-character lines with "— N —" footers, as GB/T 9704 prints a notice."""
    head, tail = DOCUMENTS["district_notice"].split("三、本措施")
    clauses = "".join(f"{n}、支持企业开展第{n}项工作，对符合\n条件的企业给予一次性奖励5万元。\n" for n in "四五六七八九十" * 8)
    lines = (head + clauses + "三、本措施" + tail).split("\n")
    paged = [line for i in range(0, len(lines), 20) for line in lines[i:i + 20] + [f"— {i // 20 + 1} —"]]
    path = WRITERS["pdf"]("\n".join(paged), tmp_path / "long.pdf")
    (doc,) = read_documents(path, SourceContext(path.name)).appearances
    assert (doc.title, doc.doc_number, doc.issue_date.iso()) == (
        "武汉市洪山区人民政府关于支持中小企业数字化转型的若干措施", "洪政规〔2025〕3号", "2025-02-10")
    assert doc.page == 1 and "— 3 —" not in doc.text


def test_a_gazette_issue_resolves_its_relative_issuers_by_its_masthead(tmp_path):
    (doc,) = read_lines(tmp_path, "宜昌市人民政府主办 2024年第6期\n市人民政府关于支持中小企业专精特新发展的通知\n"
                        "各县市区人民政府：\n对新认定的专精特新企业给予一次性奖励20万元。\n"
                        "市人民政府\n2024年6月3日\n")
    assert doc.issuers == ["市人民政府"]
    result = read_documents(tmp_path / "page.txt", SourceContext("page.txt"))
    assert result.context.home == "420500"      # 宜昌: the masthead's body, so 市人民政府 is 宜昌市人民政府


def test_a_number_that_opens_a_run_on_line_is_the_documents_own(tmp_path):
    from data.reader.text import leading_number
    assert leading_number("　桂政发〔2006〕17 号　　各市、县人民政府，区直各委、办、厅、局：　近年来") == "桂政发〔2006〕17号"
    assert leading_number("（新政发〔1994〕103号）伊犁哈萨克自治州，各州、市、县（市）人民政府：") == "新政发〔1994〕103号"
    assert leading_number("国办发〔2023〕7号文件要求，各地要…") is None        # a number the sentence cites
    assert leading_number("（工信部联企业〔2023〕196号）以及《关于…的指导意见》") is None
    (doc,) = read_lines(tmp_path, "荆门市人民政府关于促进中小企业发展的通知\n"
                        "　荆政发〔2024〕3号　各县市区人民政府：　为促进中小企业发展，对新认定的专精特新企业奖励20万元。"
                        "荆门市人民政府　2024年3月1日\n")
    assert doc.doc_number == "荆政发〔2024〕3号"


def test_a_law_database_record_header_fills_what_the_text_leaves_out(tmp_path):
    (doc,) = read_lines(tmp_path, "【发布文号】鄂政发[1995]12号\n【发布日期】1995-03-08\n【生效日期】1995-04-01\n"
                        "【失效日期】-----------\n【所属类别】地方法规\n自治区人民政府关于\n印发扶持乡镇企业若干规定的通知\n"
                        "各州、市、县人民政府：\n现将《扶持乡镇企业若干规定》印发给你们，请认真贯彻执行。\n")
    assert doc.doc_number == "鄂政发〔1995〕12号"
    assert doc.issue_date.iso() == "1995-03-08" and doc.effective_from.iso() == "1995-04-01"
    assert doc.effective_to is None                          # '-----------': left empty
    assert any("record header" in n for n in doc.notes)


def test_a_web_heading_with_its_number_and_brackets_is_cleaned_to_the_title():
    from data.reader.text import clean_title
    assert clean_title("京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》") == \
        "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知"
    assert clean_title("《中华人民共和国中小企业促进法》实施办法") == "《中华人民共和国中小企业促进法》实施办法"


def test_a_draft_presented_by_a_signed_consultation_notice(tmp_path):
    (doc,) = read_lines(tmp_path, "为促进襄阳市中小企业发展，我局起草了《关于支持襄阳市中小企业专精特新发展的若干措施（征求意见稿）》，"
                        "现公开征求意见。\n公开征求意见时间：2025年3月1日-3月31日\n襄阳市经济和信息化局\n2025年3月1日\n"
                        "关于支持襄阳市中小企业专精特新发展的\n若干措施\n（征求意见稿）\n"
                        "一、对新认定的国家级专精特新“小巨人”企业奖励50万元。\n二、对省级专精特新企业奖励10万元。\n")
    assert doc.title == "关于支持襄阳市中小企业专精特新发展的若干措施（征求意见稿）"   # a draft says so: never in force
    assert doc.issuers == ["襄阳市经济和信息化局"] and doc.issue_date.iso() == "2025-03-01"
