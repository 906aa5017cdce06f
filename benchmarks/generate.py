"""python -m benchmarks.generate --policies N --out PATH: a realistic synthetic policy database.

What `make bench` times beyond the 193 policies of the corpus. The policies go through the real
`data.pipeline.load.write_database` (schema, indexes, sort order and aggregates are the real ones):

- region and level: every region of geo/gazetteer.csv (whatever rows it holds), the country issuing
  national policies, provinces provincial, prefectures municipal, districts and zones district ones;
  within a level a few regions issue many policies and most issue a few (Zipf), Hubei's more;
- issue dates 1990-2026, more each year; to the day, month or year (some undated); effective periods
  from the issue date, half with an end 1-5 years later (so some expired, some not yet in force);
- a primary topic from the codebook (data/codebook/topics.csv) and up to two more;
- titles from a region, an action and a topic phrase; texts of 6-12 sentences drawn from topic
  sentences, generic sentences and sentences of the shipped corpus, so that the bigram index has
  realistic postings; about five quantified terms each, their clause inside the text;
- one synthetic source file per hundred policies (a compilation), a few citation links.

Seeded: the same N gives the same database.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from data.pipeline import load
from data.pipeline.classify import load_topics
from data.reader.model import Appearance
from data.reader.normalize import Policy
from data.reader.text import PartialDate
from geo.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
BUILD_DAY = date(2026, 11, 24)
POLICIES_PER_SOURCE = 100
LEVEL_OF = {"country": "national", "province": "provincial", "prefecture": "municipal", "district": "district",
            "zone": "district"}
LEVEL_SHARE = {"national": 0.06, "provincial": 0.18, "municipal": 0.36, "district": 0.40}

AGENCIES = {
    "national": ["国务院", "国务院办公厅", "财政部", "工业和信息化部", "国家税务总局", "中国人民银行", "科学技术部",
                 "国家发展和改革委员会", "人力资源和社会保障部", "商务部", "国家金融监督管理总局", "国家市场监督管理总局"],
    "local": ["人民政府", "人民政府办公厅", "财政局", "经济和信息化局", "科学技术局", "发展和改革委员会",
              "人力资源和社会保障局", "商务局", "地方金融管理局", "市场监督管理局", "税务局", "中小企业服务中心"],
}
DOC_KINDS = ["若干措施", "实施意见", "实施方案", "通知", "管理办法", "实施细则", "行动计划", "若干政策", "工作方案", "指导意见"]
ACTIONS = ["进一步支持", "加快推进", "促进", "大力支持", "持续优化", "全面推动", "加大力度支持", "着力推动", "深入实施",
           "切实做好"]
TOPIC_PHRASES = {
    "finance": ["中小微企业融资", "普惠金融发展", "政府性融资担保体系建设", "首贷续贷", "科技金融", "供应链金融"],
    "tax": ["减税降费", "中小企业税费减免", "研发费用加计扣除", "增值税留抵退税", "降低企业税费负担"],
    "innovation": ["专精特新中小企业高质量发展", "科技创新", "知识产权保护和运用", "科技成果转化", "高新技术企业培育"],
    "digital": ["人工智能产业发展", "中小企业数字化转型", "算力基础设施建设", "大模型创新应用", "数字经济高质量发展"],
    "talent": ["稳就业", "高校毕业生就业创业", "高技能人才队伍建设", "引进培育创新人才", "职业技能提升"],
    "business_env": ["优化营商环境", "市场准入便利化", "民营经济发展壮大", "涉企服务", "公平竞争审查"],
    "trade": ["外贸稳规模优结构", "跨境电商发展", "利用外资", "出口信用保险", "服务贸易创新发展"],
    "industry": ["制造业高质量发展", "产业集群培育", "技术改造", "先进制造业", "产业链供应链稳定"],
    "relief": ["中小企业纾困解难", "降低企业生产经营成本", "受困市场主体恢复发展", "减免房屋租金", "降低用能成本"],
    "legal": ["中小企业合法权益保护", "清理拖欠企业账款", "规范涉企行政执法", "企业信用修复", "知识产权维权援助"],
    "other": ["中小企业服务体系建设", "企业家队伍建设", "社会组织参与企业服务", "统计监测", "政策宣传解读"],
}
TOPIC_SENTENCES = {
    "finance": ["鼓励银行业金融机构加大对{who}的信贷投放，提高首贷、信用贷和中长期贷款比重",
                "发挥政府性融资担保机构增信作用，降低{who}融资担保费率",
                "支持符合条件的{who}通过债券市场、资本市场直接融资",
                "建立中小企业融资风险补偿机制，对金融机构发放的贷款损失给予分担",
                "推广知识产权质押融资和应收账款融资，拓宽{who}融资渠道",
                "对符合条件的{who}给予贷款贴息和融资担保费补助"],
    "tax": ["全面落实国家出台的各项减税降费政策，确保{who}应享尽享",
            "对符合条件的小型微利企业减按规定税率缴纳企业所得税",
            "优化纳税服务，推行税费事项网上办、掌上办",
            "落实研发费用税前加计扣除政策，激励{who}加大研发投入",
            "清理规范涉企收费，坚决制止各类乱收费、乱罚款、乱摊派"],
    "innovation": ["支持{who}建设研发机构，开展关键核心技术攻关",
                   "建立专精特新中小企业梯度培育体系，推动一批企业成长为专精特新小巨人",
                   "鼓励高校、科研院所向{who}开放科研设施和仪器设备",
                   "加强知识产权创造、保护和运用，推动科技成果转化和产业化",
                   "实施科技型中小企业评价，对入库企业给予精准支持"],
    "digital": ["支持{who}开展数字化转型，上云用数赋智",
                "统筹建设算力基础设施，为{who}提供普惠算力服务",
                "鼓励大模型企业开放应用场景，推动人工智能与实体经济深度融合",
                "培育一批数字化转型服务商，为中小企业提供低成本解决方案",
                "建设高质量数据集和语料库，推动数据要素市场化配置"],
    "talent": ["鼓励{who}吸纳高校毕业生和就业困难人员就业",
               "实施高技能人才培养计划，支持企业开展职业技能培训",
               "对引进的高层次人才在住房、子女入学等方面给予保障",
               "落实失业保险稳岗返还政策，支持企业稳定就业岗位",
               "搭建校企合作平台，推动产教融合和人才供需对接"],
    "business_env": ["深化放管服改革，持续优化办事流程，压缩审批时限",
                     "全面实施市场准入负面清单制度，破除各类隐性壁垒",
                     "建立政企沟通机制，及时回应和解决{who}反映的问题",
                     "推行涉企事项一网通办，实现企业开办全程网上办理",
                     "加强公平竞争审查，保障各类市场主体平等使用生产要素"],
    "trade": ["支持{who}参加境内外展会，开拓国际市场",
              "扩大出口信用保险覆盖面，降低外贸企业收汇风险",
              "推动跨境电商综合试验区建设，培育外贸新业态新模式",
              "优化外商投资服务，保障外资企业国民待遇",
              "提升通关便利化水平，压缩货物整体通关时间"],
    "industry": ["实施新一轮技术改造升级工程，推动传统产业转型升级",
                 "培育壮大先进制造业集群，提升产业链供应链韧性",
                 "支持{who}融入龙头企业供应链，促进大中小企业融通发展",
                 "推动绿色制造，支持企业开展节能降碳改造",
                 "建设一批小微企业创业创新基地和标准厂房"],
    "relief": ["对受影响较大的{who}给予阶段性房屋租金减免",
               "降低企业用水用电用气成本，落实阶段性缓缴政策",
               "开展降本减负专项行动，切实减轻{who}负担",
               "对暂时遇到困难的企业不盲目抽贷、断贷、压贷",
               "阶段性缓缴社会保险费，缓解企业资金压力"],
    "legal": ["依法保护{who}和企业家合法权益，营造良好法治环境",
              "建立防范和化解拖欠中小企业账款长效机制",
              "规范行政执法行为，推行包容审慎监管",
              "畅通中小企业维权渠道，加强涉企纠纷多元化解",
              "健全企业信用修复机制，帮助失信企业重塑信用"],
    "other": ["完善中小企业公共服务体系，为{who}提供政策咨询等服务",
              "加强政策宣传解读，提高政策知晓度和惠及面",
              "建立中小企业运行监测制度，及时掌握发展情况",
              "各级各部门要加强组织领导，明确责任分工",
              "鼓励行业协会商会为企业提供信息、培训等服务"],
}
# Who a sentence addresses, with weights: the broad words are common, the narrow ones rare (so that a word's
# share of policies is near the shipped corpus's, e.g. 专精特新 17 %, 人工智能 13 %, 贷款贴息 5 %, 担保 18 %).
WHO = ["中小企业", "小微企业", "民营企业", "个体工商户", "专精特新企业", "科技型中小企业", "外贸企业", "制造业企业",
       "人工智能企业", "初创企业", "市场主体", "各类企业", "相关企业", "经营主体"]
WHO_W = [20, 14, 8, 6, 1, 3, 3, 5, 1, 4, 10, 8, 8, 9]
# What a "培育 … n 家" target counts.
TARGET_OF = ["专精特新中小企业", "创新型中小企业", "高新技术企业", "规模以上工业企业", "科技型中小企业", "小微企业"]
GENERIC = ["本措施自印发之日起施行", "各地各部门要结合实际抓好贯彻落实", "具体申报程序另行通知",
           "本办法由{region}财政局会同有关部门负责解释", "资金从中小企业发展专项资金中列支", "同一企业同一项目不重复享受支持",
           "对弄虚作假骗取资金的，依法追回并纳入信用记录", "各有关单位要加强资金监管，提高资金使用效益",
           "{region}人民政府将定期对政策落实情况开展督促检查", "以前规定与本措施不一致的，以本措施为准"]
# (measure, value_kind, unit, template with {n}, unit_printed, comparator, basis, draw of the value)
TERMS = [
    ("award", "amount", "万元", "对首次认定的{who}，一次性奖励{n}万元", "万元", None, None, lambda r: r.choice([10, 20, 30, 50, 100])),
    ("award", "cap", "万元", "对年营业收入首次突破规模的{who}，给予最高{n}万元奖励", "万元", "≤", None, lambda r: r.choice([50, 100, 200, 500])),
    ("loan_interest", "rate", "%", "对{who}新增贷款按实际支付利息的{n}%给予贴息", "%", None, "实际支付利息", lambda r: r.choice([30, 50, 60, 100])),
    ("guarantee", "rate", "%", "政府性融资担保机构对{who}的担保费率降至{n}%以下", "%", "≤", "担保额", lambda r: r.choice([0.5, 1, 1.5])),
    ("compute", "rate", "%", "对使用普惠算力的{who}，按算力服务费用的{n}%给予补贴", "%", None, "算力服务费用", lambda r: r.choice([20, 30, 40, 50])),
    ("compute", "cap", "万元", "算力补贴每家企业每年最高不超过{n}万元", "万元", "≤", None, lambda r: r.choice([100, 200, 300, 500])),
    ("rd_subsidy", "rate", "%", "按企业上年度研发投入增量的{n}%给予补助", "%", None, "研发投入增量", lambda r: r.choice([5, 10, 15, 20])),
    ("rd_deduction", "rate", "%", "企业开展研发活动发生的研发费用，按实际发生额的{n}%在税前加计扣除", "%", None, "研发费用", lambda r: r.choice([75, 100, 120])),
    ("tax_relief", "rate", "%", "对小型微利企业年应纳税所得额减按{n}%计入应纳税所得额", "%", None, "应纳税所得额", lambda r: r.choice([12.5, 25, 50])),
    ("rent", "duration", "月", "对承租国有房屋的{who}减免{n}个月租金", "个月", None, None, lambda r: r.choice([3, 6])),
    ("social_insurance", "duration", "月", "阶段性缓缴养老保险单位缴费{n}个月", "个月", None, None, lambda r: r.choice([3, 6, 12])),
    ("talent", "amount", "万元", "对引进的顶尖人才团队给予{n}万元项目资助", "万元", None, None, lambda r: r.choice([100, 500, 1000])),
    ("voucher", "cap", "万元", "每家企业每年申领创新券最高{n}万元", "万元", "≤", None, lambda r: r.choice([10, 20, 50])),
    ("scenario", "cap", "万元", "对入选的人工智能应用场景项目，给予最高{n}万元奖励", "万元", "≤", None, lambda r: r.choice([50, 100, 200])),
    ("subsidy", "rate", "%", "按设备购置额的{n}%给予技术改造补助", "%", None, "设备购置额", lambda r: r.choice([5, 8, 10, 15])),
    ("utility", "rate", "%", "{who}用电价格在现行基础上降低{n}%", "%", None, "用电价格", lambda r: r.choice([5, 10])),
    ("target", "count", "家", "力争到{y}年培育{what}{n}家", "家", None, None, lambda r: r.choice([100, 300, 500, 1000])),
    ("loan", "amount", "万元", "单户小微企业信用贷款额度最高可达{n}万元", "万元", "≤", None, lambda r: r.choice([300, 500, 1000])),
    ("period", "duration", "月", "本政策有效期{n}个月", "个月", None, None, lambda r: r.choice([12, 24, 36])),
]


# The topics whose policies state each measure (by TERMS' measure); a measure not listed is stated by any policy.
# A policy's terms are drawn from the measures of its own topics and the general ones, as a real text would.
TERM_TOPICS = {
    "loan_interest": {"finance", "relief"}, "guarantee": {"finance"}, "loan": {"finance"},
    "compute": {"digital"}, "scenario": {"digital"}, "voucher": {"innovation", "digital"},
    "rd_subsidy": {"innovation", "tax"}, "rd_deduction": {"tax", "innovation"}, "tax_relief": {"tax", "relief"},
    "rent": {"relief", "business_env"}, "social_insurance": {"relief", "talent"}, "talent": {"talent"},
    "subsidy": {"industry", "digital"}, "utility": {"relief", "industry"}, "target": {"innovation", "industry", "other"},
}


def term_pool(topics: list[str]) -> list:
    """The TERMS a policy of these topics can state."""
    return [t for t in TERMS if t[0] not in TERM_TOPICS or TERM_TOPICS[t[0]] & set(topics)]


def corpus_sentences() -> list[str]:
    """Sentences of the shipped corpus (15-70 characters, mostly Chinese): the vocabulary of real policies."""
    found: set[str] = set()
    for path in sorted(RAW.glob("*.txt")):
        text = re.sub(r"\n(?=[\u4e00-\u9fff])", "", path.read_text(encoding="utf-8"))   # re-join wrapped lines
        for s in re.split(r"[。；！？\n]", text):
            s = s.strip(" \t　-*#·•")
            cjk = len(re.findall(r"[\u4e00-\u9fff]", s))
            if 15 <= len(s) <= 70 and cjk >= 0.8 * len(s) and "\t" not in s:
                found.add(s)
    return sorted(found)


def region_table(rng: np.random.Generator) -> pd.DataFrame:
    """Issuing regions with each one's share of its level's policies (Zipf over a seeded order; Hubei first)."""
    gaz = load_gazetteer()
    gaz = gaz[gaz.level.isin(LEVEL_OF)].assign(policy_level=lambda g: g.level.map(LEVEL_OF)).reset_index(drop=True)
    weights = np.zeros(len(gaz))
    for level, rows in gaz.groupby("policy_level").groups.items():
        rows = np.array(list(rows))
        order = rng.permutation(len(rows))
        w = 1.0 / (1 + order) ** 0.8
        hubei = gaz.loc[rows, "code"].str.startswith("42").to_numpy()
        w = np.where(hubei, w * 3 + w.max() * 0.2, w)       # the project's home region is well covered
        weights[rows] = LEVEL_SHARE[level] * w / w.sum()
    present = weights.sum()
    return gaz.assign(weight=weights / present)


def issue_years(rng: np.random.Generator, n: int) -> np.ndarray:
    """1990-2026 with about 9% more policies each year than the year before."""
    years = np.arange(1990, 2027)
    w = 1.09 ** (years - 1990)
    return rng.choice(years, size=n, p=w / w.sum())


def partial(year: int, month: int, day: int, precision: str) -> PartialDate:
    if precision == "year":
        return PartialDate(year)
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, day)


def generate(n: int, seed: int = 13):
    """(meta, file_to_id, policies, terms frame) for write_database."""
    rng = np.random.default_rng(seed + n)
    r = random.Random(seed + n)
    regions = region_table(rng)
    picks = rng.choice(len(regions), size=n, p=regions.weight.to_numpy())
    years = issue_years(rng, n)
    months = rng.integers(1, 13, size=n)
    days = rng.integers(1, 29, size=n)
    precision = rng.choice(["day", "month", "year", "none"], size=n, p=[0.84, 0.09, 0.04, 0.03])
    topics = load_topics().slug.tolist()
    topic_w = np.array([14, 12, 13, 10, 9, 10, 6, 11, 8, 4, 3], dtype=float)[:len(topics)]
    primary = rng.choice(len(topics), size=n, p=topic_w / topic_w.sum())
    corpus = corpus_sentences()
    names = regions.name.to_numpy()
    shorts = regions.short_name.to_numpy()
    codes = regions.code.to_numpy()
    levels = regions.policy_level.to_numpy()

    meta, file_to_id = {}, {}
    n_sources = (n + POLICIES_PER_SOURCE - 1) // POLICIES_PER_SOURCE
    for s in range(n_sources):
        sid, file = f"gen_{s:06d}", f"gen/{s:06d}.txt"
        file_to_id[file] = sid
        meta[file] = {"source_id": sid, "file": file, "title": f"合成政策汇编第{s + 1}册", "title_en": f"Synthetic compilation {s + 1}",
                      "publisher": "benchmarks.generate", "publication_date": "2026-11", "kind": "synthetic compilation",
                      "layout": "one policy after another", "policy_part": "all", "n_lines": 0,
                      "sha256": hashlib.sha256(file.encode()).hexdigest()}
    lines_used = [0] * n_sources

    policies: list[Policy] = []
    term_cols: dict[str, list] = {k: [] for k in ("term_id", "policy_id", "source_id", "line_start", "line_end", "quote",
                                                  "number_at", "measure", "value_kind", "value", "value_max", "unit",
                                                  "unit_printed", "number_printed", "comparator", "basis",
                                                  "beneficiary", "condition", "term_kind", "shape")}
    kind_of = {"rate": "incentive_rate", "cap": "incentive_cap", "amount": "incentive_amount",   # term_kinds.csv
               "threshold": "threshold", "duration": "duration", "count": "count"}
    for i in range(n):
        g = picks[i]
        level, region, short = levels[g], names[g], shorts[g]
        topic = topics[primary[i]]
        year = int(years[i])
        who = r.choices(WHO, WHO_W)[0]
        agency = r.choice(AGENCIES["national"]) if level == "national" else region + r.choice(AGENCIES["local"])
        title = (("" if level == "national" else region) + f"关于{r.choice(ACTIONS)}{r.choice(TOPIC_PHRASES[topic])}的"
                 + r.choice(DOC_KINDS))
        if r.random() < 0.15:
            title = f"{year}年" + title
        doc_number = (f"{short[0] if level != 'national' else '国'}{r.choice(['政发', '政办发', '财发', '经信发', '发'])}"
                      f"〔{year}〕{r.randint(1, 120)}号") if r.random() < 0.8 else None
        prec = precision[i]
        issued = None if prec == "none" else partial(year, int(months[i]), int(days[i]), prec)
        eff_from = eff_to = None
        if issued and r.random() < 0.7:
            eff_from = issued if r.random() < 0.6 else PartialDate(year + int(months[i] == 12), int(months[i]) % 12 + 1, 1)
            if r.random() < 0.5:
                eff_to = PartialDate(year + r.randint(1, 5), 12, 31)
        extra = r.sample([t for t in topics if t != topic], k=r.choice([0, 1, 1, 2]))
        sentences = [s.format(who=r.choices(WHO, WHO_W)[0], region=region) for s in r.sample(TOPIC_SENTENCES[topic], 3)]
        sentences += [s.format(who=r.choices(WHO, WHO_W)[0], region=region) for x in extra for s in r.sample(TOPIC_SENTENCES[x], 1)]
        sentences += r.sample(corpus, r.randint(2, 5)) if corpus else []
        sentences += [s.format(region=region) for s in r.sample(GENERIC, 2)]
        r.shuffle(sentences)
        pid = hashlib.sha1(f"{seed}:{n}:{i}".encode()).hexdigest()[:16]
        src = i // POLICIES_PER_SOURCE
        line0 = lines_used[src] + 1
        term_sentences = []
        pool = term_pool([topic, *extra])
        for spec in r.sample(pool, min(len(pool), r.choice([3, 4, 5, 5, 6, 7]))):
            measure, kind, unit, template, unit_printed, comparator, basis, draw = spec
            value = draw(r)
            printed = f"{value:g}"
            quote = template.format(who=who, n=printed, y=year + 3, what=r.choice(TARGET_OF))
            term_sentences.append((quote, spec, value, printed))
        at = 1 + len(sentences) // 2
        text_sentences = sentences[:at] + [q for q, *_ in term_sentences] + sentences[at:]
        text = "。".join(text_sentences) + "。"
        for k, (quote, spec, value, printed) in enumerate(term_sentences):
            measure, kind, unit, template, unit_printed, comparator, basis, draw = spec
            line = line0 + 1 + at + k
            number_printed = printed + unit_printed
            term_cols["term_id"].append(f"{pid}-{k}")
            for col, v in (("policy_id", pid), ("source_id", f"gen_{src:06d}"), ("line_start", line), ("line_end", line),
                           ("quote", quote), ("number_at", quote.find(printed)), ("measure", measure),
                           ("value_kind", kind), ("value", float(value)), ("value_max", None), ("unit", unit),
                           ("unit_printed", unit_printed), ("number_printed", number_printed),
                           ("comparator", comparator), ("basis", basis), ("beneficiary", who), ("condition", None),
                           ("term_kind", kind_of.get(kind, "other")), ("shape", "point")):
                term_cols[col].append(v)
        n_lines = 1 + len(text_sentences)
        lines_used[src] += n_lines
        kind = "full_text" if r.random() < 0.85 else "summary"
        app = Appearance(source_file=f"gen/{src:06d}.txt", kind=kind, line_start=line0, line_end=line0 + n_lines - 1,
                         title=title, printed_title=title, doc_number=doc_number, issuers=[agency], text=text)
        p = Policy(policy_id=pid, appearances=[app], title=title, doc_number=doc_number, issuers=[agency],
                   region_code=codes[g], level=level, issue_date=issued, effective_from=eff_from, effective_to=eff_to,
                   text=text, text_kind=kind, text_source=app)
        p.topics = [(topic, 3.0, r.choice(TOPIC_PHRASES[topic]))] + [(x, 1.0, r.choice(TOPIC_PHRASES[x])) for x in extra]
        if i > 10 and r.random() < 0.02:   # a list entry citing an earlier document
            app.cites.append(policies[r.randrange(i)].appearances[0])
        policies.append(p)
    for file, m in meta.items():
        m["n_lines"] = max(1, lines_used[int(m["source_id"][4:])])
    return meta, file_to_id, policies, pd.DataFrame(term_cols)


def write(n: int, out: Path, seed: int = 13, log=print) -> dict:
    """Generate n policies into the database `out` through the real loader; returns counts and seconds."""
    start = time.perf_counter()
    meta, file_to_id, policies, terms = generate(n, seed)
    generated = time.perf_counter() - start
    out.parent.mkdir(parents=True, exist_ok=True)
    for old in (out, out.with_name(out.name + ".wal")):
        old.unlink(missing_ok=True)
    counts = load.write_database(out, meta=meta, file_to_id=file_to_id, policies=policies, today=BUILD_DAY,
                                 terms=terms, curated=None)
    total = time.perf_counter() - start
    log(f"{n:,} policies, {counts['terms']:,} terms → {out} in {total:.1f} s (generating {generated:.1f} s, "
        f"loading {total - generated:.1f} s), {out.stat().st_size / 2**20:,.0f} MiB")
    return {**counts, "generate_s": generated, "build_s": total}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    write(args.policies, args.out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
