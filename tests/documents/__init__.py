"""Policy documents the tests write themselves, in standard 公文 layout, and the same text as
PDF (reportlab, a CID font with a Unicode map), DOCX (python-docx), GB18030 text and HTML.

Lines are kept under 30 characters, as GB/T 9704 prints 28 to a line, so that every format
carries the same lines and the reader's output can be compared across formats.
"""
from __future__ import annotations

import html
from pathlib import Path

DISTRICT_NOTICE = """武汉市洪山区人民政府文件

洪政规〔2025〕3号

武汉市洪山区人民政府关于支持
中小企业数字化转型的若干措施

各街道办事处，区政府各部门：
为加快中小企业数字化转型，
结合我区实际，制定如下措施。
一、支持设备上云。对企业购买
云服务的，按实际费用的30%给予
补贴，单个企业每年最高20万元。
二、支持融资。对企业贷款给予
贴息，贴息比例不超过贷款市场
报价利率的50%，期限不超过2年。
三、本措施自2025年3月1日起施行，
有效期至2027年12月31日。

武汉市洪山区人民政府
2025年2月10日
"""

PROVINCIAL_MEASURES = """江西省促进民营经济高质量发展若干措施

为进一步优化民营经济发展环境，
现提出以下措施。
一、降低经营成本。对年应纳税
所得额不超过300万元的小型微利
企业，减按25%计入应纳税所得额。
二、强化金融支持。省级财政
安排10亿元设立民营企业纾困
基金，对首贷企业给予1%的贴息。
三、本措施自印发之日起施行，
暂定三年有效期。

江西省人民政府办公厅
2024年6月18日
"""

COVER_NOTICE = """关于印发《咸安区科技创新
奖励办法》的通知

各乡镇人民政府，区直各单位：
现将《咸安区科技创新奖励办法》
印发给你们，请认真贯彻执行。

咸宁市咸安区人民政府办公室
2023年8月8日

咸安区科技创新奖励办法

第一条 为鼓励企业创新，
制定本办法。
第二条 对新认定的高新技术企业
给予一次性奖励10万元。
第三条 本办法自2023年9月1日
起施行。
"""

COMPILATION = """惠企政策汇编

关于进一步降低企业用电成本的通知
黄政发〔2024〕8号

各区人民政府，市直各部门：
对工业企业用电给予每千瓦时
0.05元的补贴，每户每年最高
50万元。

黄石市人民政府
2024年4月2日

关于支持外贸企业稳订单的通知
黄政办发〔2024〕12号

各区人民政府，市直各部门：
对参加境外展会的企业，
每个展位补贴1万元。

黄石市人民政府办公室
2024年5月6日
"""

OTHER_PROVINCE = """上海市人民政府办公厅文件

沪府办规〔2024〕6号

上海市人民政府办公厅印发《关于
支持人工智能企业发展的若干措施》
的通知

各区人民政府，市政府各委、办、局：
经市政府同意，现将《关于支持
人工智能企业发展的若干措施》
印发给你们，请认真按照执行。
对企业购买算力的，按合同金额
的20%给予补贴，最高500万元。

上海市人民政府办公厅
2024年3月15日
"""

DOCUMENTS = {"district_notice": DISTRICT_NOTICE, "provincial_measures": PROVINCIAL_MEASURES,
             "cover_notice": COVER_NOTICE, "compilation": COMPILATION, "other_province": OTHER_PROVINCE}


def write_txt(text: str, path: Path, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_pdf(text: str, path: Path, lines_per_page: int = 22) -> Path:
    """One text line per PDF line, 22 lines to a page as GB/T 9704 prints them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = text.split("\n")
    for start in range(0, len(lines), lines_per_page):
        pdf.setFont("STSong-Light", 14)
        y = 780
        for line in lines[start:start + lines_per_page]:
            pdf.drawString(60, y, line)
            y -= 30
        pdf.showPage()
    pdf.save()
    return path


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_html(text: str, path: Path) -> Path:
    """A web page: navigation, a script and a style around the document's paragraphs."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" if line else "<p></p>" for line in text.split("\n"))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策文件</title>
<style>p {{ margin: 0 }}</style><script>var tracker = "首页 导航 登录";</script></head>
<body><nav><a href="/">首页</a> | <a href="/zc">政策文件</a></nav>
<div class="article">{body}</div>
<footer>版权所有 网站地图</footer></body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


WRITERS = {"txt": write_txt, "pdf": write_pdf, "docx": write_docx, "html": write_html,
           "gb18030.txt": lambda text, path: write_txt(text, path, "gb18030")}
