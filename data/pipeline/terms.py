"""Quantitative terms of a policy, read clause by clause.

The policy's text is split into clauses (data/pipeline/clauses.py: 条/款/项, 一、 （一） 1. (1), list items,
with a stable clause id, heading, line span and the lead-in an item sits under). Inside a clause each sentence
(text between 。；) is scanned for numbers with a unit; numbers that are not terms — dates, years, article and
document numbers, phone numbers, titles 《…》, names such as 5G, ordinals — are masked out first.

Each term gets
- its **measure** (data/codebook/measures.csv), decided from the clause: the phrase that holds the number with
  the conditions (对…的企业) masked out, then the sentence's governing verb and object (给予…补贴, 减按, 按…的X%),
  then the clause's heading, its lead-in and the policy title;
- its **kind** (data/codebook/term_kinds.csv), the role of the number: a rate, amount or cap a firm receives, a
  reduced tax rate, a loan ceiling, an equity investment, an eligibility threshold, a share of a budget or fund,
  a fund size, a policy target, a fee or price ceiling, a duration, a count; and its **shape**: a point, a range
  (both ends in one term), a step of a tiered schedule (前2年…后3年…, 国家级…省级…) or a per-unit basis (每个展位,
  元/亩, 每人);
- its **citation** (source, line span, quote) and the clause id; the policy's effective period and standing
  (expired, superseded, draft) are joined in the database (view v_terms).
Only a firm-facing incentive kind may be a map's rate or cap or the comparison's best term (term_kinds.csv).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.pipeline import clauses as clause_split
from data.pipeline.clauses import text_with_lines  # noqa: F401  (re-exported: the reader's line joiner)
from data.reader.text import cn_to_int, title_key

CODEBOOK = Path(__file__).resolve().parents[1] / "codebook"
MEASURES = CODEBOOK / "measures.csv"
TERM_KINDS = CODEBOOK / "term_kinds.csv"
GENERIC = {"subsidy", "award", "other"}          # used only when nothing more specific is named
INCENTIVE = re.compile(r"补贴|补助|奖励|奖补|贴息|减免|免征|减征|减按|减半|返还|给予|资助|扶持|优惠|支持|降低|下调|减收|免收|"
                       r"退还|抵减|抵扣|扣除|摊销|缓缴|延缓|延期|贷款|担保|税率|征收率|费率|加分|分/|发放|消费券")
# Clauses whose numbers are not incentives: penalties, statistics of past results, tables.
NOT_INCENTIVE = re.compile(r"截至(?:目前|当前|[^，。；]{0,14}?[，,])|已支持|已累计|已推出|已建成|"
                           r"累计(?:发放|支持|减免|办理|为|帮助|完成|实现|服务|减税|降费|新增|培育)|"
                           r"再创新高|质押金额达|据了解|据介绍|有限公司申请|先生|女士|今年上半年|今年前\s*\d+\s*月|居全省第一|居全国|位居|惠及企业|"
                           r"\d{4}\s*年\s*\d{1,2}\s*[—\-–~至]\s*\d{1,2}\s*月[，,]|\t.*\t|"
                           # past facts: 2002年至2022年9月，全省有91家银行…参与; 全市共有; 在…取得积极成效的基础上;
                           # a quoted speaker (“我们这家饭店经营42年了”); 同比/较上年 with a past figure
                           r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?\s*[至到—\-–~]\s*\d{4}\s*年\s*\d{1,2}\s*月[，,][^。；]{0,8}?有|"
                           r"(?:全省|全市|全国|全区|全县|我省|我市)(?:共|已|累计)?有\s*[\d一二三四五六七八九十]|"
                           r"在[^，。；]{0,40}?取得[^，。；]{0,8}的基础上|“[^”。]{0,12}我们|"
                           r"^(?!.*(?:力争|推动|争取|目标|确保|到\s*\d{4}\s*年|给予|奖励|补贴|补助|奖补|的[，,])).*(?:同比|较上年同期|较去年同期)(?:分别)?(?:增长|增加|下降|提高|减少)")
# a short paragraph without punctuation that opens with a figure: a headline (8.6 万户企业获得首贷)
HEADLINE = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:户|家|个|项|条|人|笔)[^，,。；;：:]{2,24}$")
PENALTY = re.compile(r"罚款|罚金|没收|处罚|处以")
TARGET = re.compile(r"力争|到\s*\d{4}\s*年|目标|达到|突破|(?<!不)超过|扩大到|扩大至|扩至|新增|培育|总数|总量|覆盖|增长|提升至|提高到|"
                    r"全年|打造|建成|形成|实现")
TARGET_COUNT = re.compile(r"争取|创建|组织|遴选|建设|推动|带动|每年")   # counts of things a plan makes (not a measure)
CAP = re.compile(r"(?:最高|不超过|不高于|上限|封顶|最多|至多|单户)[^，,；;。]{0,12}$")
GRANT = re.compile(r"补贴(?!性)|补助|奖励|奖补|资助|贴息|扶持|支持|给予")
GRANT_VERB = re.compile(r"补贴(?!性)|补助|奖励|奖补|资助|贴息|扶持|给予")   # 支持工业协议: 支持 as "handle"
AT_MOST_AFTER = re.compile(r"^\s*(?:[（(]含[^）)]*[）)])?\s*(?:以内|以下|为限|封顶|及以下)")
# 不低于 contains 低于 and 不超过 contains 超过: the negated forms are matched first, the bare ones only unnegated.
AT_LEAST_BEFORE = re.compile(r"(?:不低于|不少于|至少|(?<!不)超过|(?<!不)高于|以上|≥|>=|达到|突破|(?<![超不])过|(?<![未不])满)\s*(?:[^，,；;。\d]{0,4}的)?\s*$"
                             r"|(?:达到|不低于|不少于)[^，,；;。\d]{0,12}$")
AT_LEAST_AFTER = re.compile(r"^\s*(?:[（(]含[^）)]*[）)])?\s*(?:[^\d，。；、,内在的]{0,4}?)(?:以上|及以上)")
AT_MOST_BEFORE = re.compile(r"(?:≤|<=|不超过|不高于|(?<!不)低于|以内|不足|(?<!不)少于|未满|不满|未逾)\s*$"
                            r"|按(?:照)?不超过[^，。；\d]{0,24}的\s*$")
CONDITION_NOUN = re.compile(r"营收|营业收入|收入|销售额|月销|所得额|职工|人数|员工|资产|裁员|减员|贷款金额|金额在|用电量|年纳税|"
                            r"纳税额|存贷比|用工|规模在|工程采购项目|采购项目|排名|天数|展位|注册资本|"
                            r"研发费用|研发投入|产值|营业额|产能|投资额|固定资产|设备投资|采购额|吞吐量|周转量|人次数")
BENEFICIARIES = ("中小微企业", "小微企业", "中小企业", "个体工商户", "小规模纳税人", "小型微利企业", "首贷户", "OPC",
                 "人工智能企业", "AI 企业", "AI企业", "高校毕业生", "科技型中小企业", "专精特新", "民营企业",
                 "制造业中小微企业", "创业投资企业", "困难企业", "参保企业", "外资研发中心", "退役士兵", "农民工",
                 "农村金融机构", "融资担保机构", "金融机构", "银行")

# Spans that hold digits but no term.
NOT_TERMS = re.compile(
    r"《[^《》]*》"                                          # titles
    r"|[〔\[（(]\s*\d{4}\s*[〕\]）)]\s*\d+\s*号"              # 〔2023〕37号
    r"|\d{4}\s*年\s*(?:第\s*\d+\s*号|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"  # 2023年第6号, dates
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:份|底|末|初|中旬|上旬|下旬)"
    r"|\d{4}\s*[—\-–~至到]\s*\d{4}\s*年|\d{4}\s*年(?:度|底|末|前|以来|起|内)?"   # years and year ranges
    r"|第\s*[\d一二三四五六七八九十百]+(?:\s+\d+)*(?:\s*[、,，和及至—\-]\s*[\d一二三四五六七八九十百]+)*\s*[条章款项批次届期号个年天位名轮]"
    r"|每月\s*\d{1,2}\s*日|\d+\s*年期|[一二三四五六七八九十百千]+[日天](?=[^，。；]{0,2}(?:招聘|行动|活动|攻坚|会战))|(?:报送|上报|提交|形成)(?:上)?半年|上一?个?自然[月年]"
    r"|[\d一二三四五六七八九十]+\s*个\s*方面|[\d一二三四五六七八九十]+\s*[项条]\s*(?:重点)?(?:任务|措施|举措|服务措施|政策措施|具体改革举措)"
    r"|[一二三四五六七八九十]+项(?=社保费|社会保险费|保险费)|“?[一二三四五六七八九十]+个\s*\d+\s*%”?"
    r"|(?:不再受|取消|暂停执行|不再执行)“[^”]*”"
    r"|(?P<dup>[一二两三四五六七八九十\d]+\s*个)\s*及(?=\s*(?P=dup)\s*以上)"                       # 每月10日前, 1年期 LPR
    r"|\d{3,4}-\d{7,8}|1\d{10}"                              # phone numbers
    r"|\d+\s*[GgKk](?![A-Za-z\u4e00-\u9fff])|\d+G\+|[A-Z]+\d+|\d+\+N|\d+\.\d+\.\d+"  # 5G, P4, 1+N, versions
    r"|“[^”]{0,12}[\d一二两三四五六七八九十百千万][^”]{0,12}”"  # quoted names: “301”, “两个毫不动摇”
    r"|\d+\s*[:：∶]\s*\d+(?:\s*[:：∶]\s*\d+)*"               # ratios 1:1.2:2
    r"|[一二两三四五六七八九十]+个(?=[^，。；、]{0,12}(?:目标|毫不动摇|原则|方面|统筹|结合|条件|类型|步骤|环节|阶段))"
    r"|(?<![\d一二三四五六七八九十])一个(?![\d工月季自])"              # the article 一个 (打造一个规范…的市场)
    r"|附件\s*\d+|\d+\s*条意见|\d+\s*项发展任务|\d+\s*条政策保障|[（(]共\s*\d+\s*项[）)]|[一二三四五六七八九十]+项(?=“)|近\s*[十二三四五\d]+\s*年来|每\s*[一二三四五\d]+\s*年开展|二次开发|二次创业|会同\s*\d+\s*家|[一二三四五六七八九十\d]+\s*届\s*[一二三四五六七八九十\d]+\s*次|[一二三四五六七八九十]+次全会"
    r"|等\s*\d+\s*个?\s*(?:部门|单位)(?=\s*(?:联合|共同|印发|发布|参加))"   # 工业和信息化部等6部门联合发布: the issuers
    r"|[（(]含\s*\d+(?:\.\d+)?\s*(?:%|成)?\s*[）)]|\d+\s*章\s*\d+\s*条|近\s*\d+(?:\.\d+)?\s*(?:万亿元|亿元|万元)"                      # 高于50%（含50%）: the bound restated
    # a list named by an earlier plan (“十四五”规划 102 项重大工程, 参与 102 项重大工程), a set an earlier policy
    # defined (原明确的 5 个特困行业), the count of the matters just quoted (“…核准”“…核定”4 个事项)
    r"|(?:(?<=规划)|(?<=纲要)|(?<=参与)|(?<=纳入)|(?<=列入))\s*\d+\s*项\s*重大(?:工程|项目)"
    r"|(?:原|上述|前述)(?:已)?(?:明确|确定|规定|列明)的\s*[\d一二两三四五六七八九十]+\s*[个项类家条]"
    r"|(?<=”)\s*[\d一二两三四五六七八九十]+\s*[个项]\s*事项"
)
# The old value of a change: 由9%下调至6%, 由财库〔2020〕46号文件规定的6%—10%提高至10%—20%, 3%征收率减按1%.
OLD_VALUE = re.compile(r"由[^，。；由]{0,20}?(?P<old>\d+(?:\.\d+)?\s*(?:%|元|万元|亿元|个工作日|工作日|天|日|年|个月)?"
                       r"(?:\s*[—\-–~至到]\s*\d+(?:\.\d+)?\s*%?)?(?:\s*/\s*[^\s，。；\d]{1,4})?)"
                       r"(?=\s*(?:阶段性)?(?:提高|下调|降低|调整|上调|调减|调增|缩短|延长|放宽|扩大|压缩|提|降|调)(?:至|到|为))"
                       r"|(?P<old2>\d+(?:\.\d+)?\s*%)(?=\s*(?:的)?(?:征收率|税率|费率|预征率)\s*减按)"
                       r"|适用\s*(?P<old3>\d+(?:\.\d+)?\s*%)(?=\s*(?:征收率|预征率)的[^。；]{0,30}减按)"
                       r"|(?P<old4>\d+(?:\.\d+)?\s*%)(?=\s*(?:以上|以下)?\s*(?:阶段性)?(?:提高|下调|降低|上调|扩大|提|降|调)(?:至|到|为))"
                       # 现行适用…比例75%的企业，…比例提高至100%: the rate now in force is the old value
                       r"|现行(?:适用)?[^，。；\d%]{0,20}?(?P<old5>\d+(?:\.\d+)?\s*%)(?=[^。；]{0,80}?(?:提高|下调|降低|上调|调整)(?:至|到|为))")
_NUM = r"\d+(?:\.\d+)?|\d+\.\s\d+"                            # "1. 85" is 1.85 with a PDF space
CN = r"[一二两三四五六七八九十百千]+"
RANGE_LO = rf"(?:(?P<lo>{_NUM})\s*(?:[—\-–~至到]|(?:万元|元|万|亿元|亿)\s*[—\-–~至到])\s*)?"
PATTERNS = [
    ("rate", re.compile(rf"(?P<n>{_NUM})\s*(?:%|％)\s*(?:[—\-–~至到]\s*(?P<n2>{_NUM})\s*%)?|(?P<n3>{_NUM})\s*%?\s*[—\-–~至到]\s*(?P<n4>{_NUM})\s*%")),
    ("rate", re.compile(rf"(?P<n>{_NUM})\s*个百分点")),
    ("rate", re.compile(rf"(?P<permille>{_NUM})\s*‰")),
    ("rate", re.compile(r"(?P<bp>\d+)\s*(?:BPs?|bps?|个基点)")),
    ("rate", re.compile(rf"百分之(?P<cn>{CN})")),
    ("rate", re.compile(rf"(?<=的)\s*(?P<fn>\d)\s*/\s*(?P<fd>\d{{1,2}})(?![\d/.])|(?P<cfd>{CN})分之(?P<cfn>{CN})")),
    ("rate", re.compile(r"(?P<half>减半)")),
    ("rate", re.compile(r"(?P<full>全额)(?=\s*(?:补贴|补助|资助|奖励|贴息|承担))")),
    ("rate", re.compile(rf"(?P<cheng>\d+(?:\.\d+)?|[一二三四五六七八九])\s*成(?![本立为果效功员])")),
    ("rate", re.compile(r"(?P<zhe>\d(?:\.\d)?|[一二三四五六七八九])\s*折(?![旧算叠])")),
    ("foreign", re.compile(rf"(?P<n>{_NUM})\s*(?P<u>万美元|亿美元|美元|万港元|万欧元)")),
    ("money", re.compile(rf"(?P<lo>{_NUM})\s*(?:万元|元|万|亿元)?\s*以上\s*[、，,]?\s*(?P<n>{_NUM})\s*(?P<u>亿元|万元|元|亿|万)\s*(?=以下)"
                        rf"|不低于\s*(?P<lo2>{_NUM})\s*(?:万元|元|万|亿元)?\s*[、，,]\s*不超过\s*(?P<n2>{_NUM})\s*(?P<u2>亿元|万元|元|亿|万)")),
    ("money", re.compile(rf"{RANGE_LO}(?P<n>{_NUM}|{CN})\s*(?P<u>万亿元|亿元|千万元|万元|元|亿|(?<=\d)千万|万)(?!\s*(?:家|户|人|个|名|项|件|次|座|所|条|台|套|亩|平方|吨|千|卡|企|笔|美元|港元|欧元|标准|架|张|间|块|辆|份|公里|米|瓦|P\b))"
                        rf"|(?<![\d一二两三四五六七八九十百千.])(?P<wanyi>万亿)(?=元|级|产业|规模|集群)")),
    ("duration", re.compile(rf"(?<![\d.])(?:(?P<lo>\d{{1,3}}|{CN})\s*[—\-–~至到或]\s*"
                            rf"|(?P<blo>\d{{1,3}}|{CN})\s*(?P<bu>个月|年)\s*(?:[（(]含[）)])?\s*以上\s*(?=[\d一二两三四五六七八九十]))?(?P<n>\d{{1,4}}|{CN})\s*(?P<u>个月|个自然月|个自然年|自然月|自然年|个工作日|工作日|年|天|日|周|小时|分钟|秒)(?![度底末期前])"
                            r"|(?P<season>一个季度|(?<![上下每前后])半年)(?!度)")),
    ("rank", re.compile(rf"前\s*(?P<n>\d{{1,3}}|{CN})\s*(?P<u>位|名|强)")),
    ("count", re.compile(rf"{RANGE_LO}(?P<n>{_NUM}|{CN})\s*(?P<u>(?:万|亿)?(?:家次|人次|户次|批次|家|户|人|名|个|项|件|所|座|场|条|套|台|笔|批|次|(?<=\d)类|岁|平方公里|平方米|亩|份|架|张|间|块|辆|公里|千瓦|兆瓦|(?<=\d)P(?![A-Za-z])|(?<=\d)部门|级(?=\s*以[上下]的?\s*(?:企业|单位|医院|机构|资质|公司))|分(?![钟之别类享配期批摊担解]))|万亿)")),
]
PROCEDURE = re.compile(r"^[^，。；]*?(?:内)?(?:办理|受理|审核|审查|答复|办结|完成|作出|报送|反馈|公示|告知|公告|审批|退库|到账|评估)")  # deadlines of a procedure
PROCEDURE_BEFORE = re.compile(r"(?:办理时间|办理时限|审核时间|评估时间|申请之日起|收到[^，。；]{0,8}之日起|审批时限)[^，。；]{0,10}$")
RELIEF_ACT = re.compile(r"支付|优惠|减免|免征|免收|减征|减按|减半|缓缴|缓交|延期|延长|退税|退(?:还|费|付)|返还|抵扣|抵免|补贴|补助|奖励|贴息|扣除")
DURATION_CONTEXT = re.compile(r"期限|不超过|连续|最长|为期|延长|延期|内|满|≤|期|每|以上|以内|试行|有效|免收|减免|缓缴|暂停|返还|"
                              r"缩短|前|后|起|长达|享受|补贴|补助|奖励|贴息|免征|减半|租金|分钟|秒|不少于|不低于|至少|近|时限|"
                              r"时间|合同|满|未满|工作日|压缩|办理|经过|努力|再用|暂定|给予|支持|资助|扶持|逾期|届满|任期|周期")
# "新增6个条款", "三个类型", "八个步骤", "一人公司": counted words that are not quantities of anything supported
NOT_COUNTED = re.compile(r"^\s*(?:条款|类型|步骤|方面|部门|章|举措|原则|环节|阶段|层次|渠道|机制|体系|公司|方向|重点|任务|板块|条件|"
                         r"百年|毫不动摇|纳税年度|个体工商户)")
MONEY_FACTOR = {"元": 0.0001, "万元": 1, "万": 1, "千万元": 1000, "千万": 1000, "亿元": 10_000, "亿": 10_000,
                "万亿元": 100_000_000}
DURATION_MONTHS = {"个月": 1, "年": 12, "个自然月": 1, "自然月": 1, "个自然年": 12, "自然年": 12}

# Kind rules: the words that say what role a number plays in its sentence.
BUDGET_SHARE = re.compile(r"^\s*(?:以上|及以上|左右)?\s*的?\s*(?:[^，。；]{0,6})?(?:资金|经费|预算|份额|专项资金|奖补资金|财政资金)"
                          r"|(?:资金|经费|预算总额|预算|份额|(?<!贷款)总额)[^，。；]{0,6}的\s*(?:比例)?\s*(?:不低于|不少于|达到|超过)?\s*$"
                          r"|预留[^，。；]{0,20}$|用于[^，。；]{0,10}$|专门面向[^，。；]{0,20}$")
FEE_CEILING = re.compile(r"(?:担保费率|费率|利率|收费|费用|资费|价格|服务费|手续费|保费|评审费|年化)[^，。；]{0,10}$|降至[^，。；]{0,4}$|LPR")
FUND_SIZE = re.compile(r"(?:安排|设立|统筹|筹集|投入|下达|整合|规模|总规模|总额|总量|资金池|专项资金|引导资金|额度|授信|消费券)"
                       r"[^，。；]{0,8}$|^\s*(?:以上|左右)?\s*(?:的)?\s*(?:专项资金|引导基金|产业基金|基金|资金池|再贷款|再贴现|专项额度|信贷额度|授信)")
LOAN = re.compile(r"贷款|授信|信贷|放款|融资额度|借款")
EQUITY = re.compile(r"股权投资|拨改投|参股|股比|投资入股|持股")
REDUCED_RATE = re.compile(r"(?:减按|税率|征收率|税负|应税所得率)[^，。；]{0,10}$")
TAX_WORD = re.compile(r"税|征收")
PER_UNIT = re.compile(r"(?P<u>每(?:个标准展位|个展位|个产品|个|家|户|人|名|亩|平方米|台|套|项|件|次|场|年|月|天|生|标准展位|展位|床位|辆|吨|千瓦时|间|块|张))"
                      r"[^，。；\d]{0,6}$|^\s*(?:/|／|每)\s*(?P<u2>平方米|立方米|千瓦时|千瓦|标准展位|[人个亩生户家年月天次台套件吨场间块张床瓦度](?:\s*/\s*[人年月天夜次])?)")
TIER = re.compile(r"(?P<t>前\s*[\d一二两三四五六七八九十]+\s*年|后\s*[\d一二两三四五六七八九十]+\s*年|第[一二三四五\d]+年|首年|次年|国家级|省级|市级|区级|县级|一等奖|二等奖|三等奖|"
                  r"一档|二档|三档|[一二三四五]星|AAA级|AA级|A级|高级技师|预备技师|[高中初]级工?|技师)[^，。；、]{0,12}$"
                  r"|(?P<r>(?:东部|中部|西部|东北|脱贫|欠发达)地区(?:和(?:东部|中部|西部|东北)地区)?"
                  r"|(?:\d+\s*个)?(?:脱贫|贫困|欠发达)(?:县|地区)|其他地区|其余地区)[^，。；、]{0,16}$")
POLICY_TARGET_SUBJECT = re.compile(r"覆盖率|占比|比重|增速|增长|提升|(?<!小)规模|总量|总数|达到|突破|力争|培育|新增|打造|建成|"
                                   r"(?<!不)超过|实现|扩大|扩至|年均|累计|普及率|渗透率|上云率|数字化率")


@dataclass
class Term:
    policy_id: str
    source_id: str
    line_start: int
    line_end: int
    quote: str
    measure: str
    value_kind: str
    value: float | None
    value_max: float | None
    unit: str
    unit_printed: str
    number_printed: str
    comparator: str | None
    basis: str | None
    beneficiary: str | None
    condition: str | None
    number_at: int = 0          # where the number starts in the quote (for highlighting)
    clause_id: str | None = None
    term_kind: str = "other"    # data/codebook/term_kinds.csv (axis kind)
    shape: str = "point"        # point / range / tiered / per_unit
    tier: str | None = None     # the step of a tiered schedule: 前2年, 国家级
    per_unit: str | None = None  # the denominator of a per-unit amount or rate: 每个标准展位, 亩, 人
    previous_value: float | None = None  # the old value of a change (由9%下调至6% → 9), context only
    lead_in: str | None = None  # the lead-in the clause sits under (对符合以下条件的…：)

    @property
    def term_id(self) -> str:
        key = f"{self.policy_id}|{self.source_id}|{self.line_start}|{self.number_at}|{self.number_printed}|{self.quote}"
        return "t" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1)
def measure_keywords() -> tuple[tuple[str, re.Pattern | None], ...]:
    table = pd.read_csv(MEASURES, dtype=str, keep_default_na=False)
    return tuple((r.slug, re.compile(r.keywords) if r.keywords else None) for r in table.itertuples())


@lru_cache(maxsize=1)
def term_kinds() -> pd.DataFrame:
    """The kind and shape vocabulary (data/codebook/term_kinds.csv)."""
    table = pd.read_csv(TERM_KINDS, dtype=str, keep_default_na=False)
    for col in ("firm_incentive", "map_rate", "map_cap"):
        table[col] = table[col].str.lower().eq("true")
    return table


# A condition on who qualifies, inside a sentence: 对年营收50万元以下的企业, 对符合条件的, 纳入…范围的.
CONDITION_SPAN = re.compile(r"对(?!应|外|接|标|比|象|照|口)[^。；]{0,120}?的(?=[，,])|对(?!应|外|接|标|比|象|照|口)(?:[^。；对]{0,80}?)的[^，。；]{0,12}?(?:企业|单位|机构|项目|个体|纳税人|主体|人员|高校毕业生|OPC|团队|园区|平台|展览|旅行社|部分|贷款|毕业生|院校)"
                            r"|纳入[^，。；]{0,20}范围的?|符合[^，。；]{0,20}条件的?")
# 200万以下项目, 100万元以下的部分, 500人（含）以下的企业: the number bounds who or what qualifies
CONDITION_AFTER = re.compile(r"\s*(?:[（(]含[^）)]*[）)])?\s*(?:以下|以上|及以下|及以上)的?[^，。；]{0,6}?"
                             r"(?:企业|项目|部分|单位|机构|纳税人|工程|采购|个体工商户|小微)")
STEP = re.compile(r"(?:每增加|每提高|每超过|每增长)\s*$")
# 以引进500个标准展位奖励6万元为标准: the base step of a per-unit award is the bound the award starts from
BASE_STEP = re.compile(r"以(?:引进|达到|完成|实现|新增|销售|招用)?\s*$")
BASE_STEP_AFTER = re.compile(r"^[^，。；]{0,30}?为(?:标准|基准|基数|起点)")
BASIS_SPAN = re.compile(r"按(?:照)?[^，。；按]{0,30}?的")     # 按实际促成贷款金额的: the base, not the subject


def _unbased(text: str) -> str:
    """The text without its bases (按实际促成贷款金额的), unless the base is itself an incentive (按各地实际贴息金额的
    50%给予补助 is a subsidy of interest subsidies)."""
    keep = r"贴息|补贴|补助|担保|保费|奖励|研发|无形资产|算力|数据|模型|租金|房租|社会保险|失业保险"
    return BASIS_SPAN.sub(lambda m: m.group(0) if re.search(keep, m.group(0)) else "", text)
GOVERNED = re.compile(r"^[^，。；]{0,16}?(?:给予|予以|提供)[^，。；]{0,16}?(?:贴息|补贴|补助|奖励|奖补|担保|资助|支持|返还|减免)"
                      r"|^[^，。；]{0,12}?(?:贴息|补贴|补助|奖励|奖补|返还)")
GOVERNING = re.compile(r"(?:给予|予以|提供|安排|按照?|减按|减半|免征|减征|免收|返还|贴息|奖励|补助|补贴|扣除|抵减|支持)")


def _specific(text: str) -> list[str]:
    return [slug for slug, kw in measure_keywords() if kw is not None and kw.search(text)
            and slug not in GENERIC and slug != "target"]


def classify_measure(phrase: str, clause: str, *, context: tuple[str, ...] = (), gate: bool = False,
                     window: str = "", after: str = "") -> str:
    """The measure of a number: the most specific keyword (in vocabulary order) of the phrase that holds it,
    then of its sentence with the conditions (对…的企业) masked out, then of the clause's heading, lead-in and
    the policy title (`context`); a goal when the sentence states one and no incentive; else a generic grant."""
    bare_phrase = _unbased(CONDITION_SPAN.sub("", phrase))
    # the subject comes before the number: a keyword after the number's phrase names another thing; a segment
    # that opens with 对 (对总投资2000万元以上的…项目，按规定给予…) starts the clause the number belongs to
    cut = clause.find(phrase) + len(phrase) if phrase and phrase in clause else len(clause)
    opens = [m.start() + 1 for m in re.finditer(r"[，,]对", clause[:cut])]
    head = clause[opens[-1]:cut] if opens else clause[:cut]
    bare_clause = _unbased(CONDITION_SPAN.sub("", head))
    # the verb and its object after the number: 按…的30%给予贴息, 给予最高20万元算力补贴
    verb = GOVERNED.search(after[:40]) if after else None
    verb = verb or GOVERNED.search(clause[cut:cut + 30])
    governed = verb.group(0) if verb else ""
    first = (bare_phrase, governed, bare_clause) if governed else (bare_phrase, governed, bare_clause, *context)
    order = (*context, bare_clause, bare_phrase) if gate else first
    for text in order:
        specific = _specific(text)
        if specific == ["tax_relief"] and not re.search(r"税|征收率|留抵|收费", text):
            # 减半/免征/减免 name no object: the object is the subject (职工基本医疗保险费…实行减半征收)
            subject = [m for m in _specific(bare_clause) if m != "tax_relief"]
            specific = subject or specific
        if specific and specific[0] == "tax_relief" and re.search(r"税务(?:证明)?事项|事项的办理|办税|纳税服务|证明材料", text) \
                and not re.search(r"减(?!少|轻)|免|抵|退|优惠|扣除", text):
            specific = []              # 税务证明事项, 办理程序: tax administration, not relief
        if specific == ["loan"] and "担保贷款" in clause:
            specific = ["guarantee"]    # 创业担保贷款…贷款期限不超过2年: the guaranteed loan
        if specific:
            return specific[0]
    if not gate and TARGET.search(clause) and not INCENTIVE.search(window or phrase):
        return "target"
    # a generic grant named by the verb and object (给予奖励) before a keyword inside a condition or a base;
    # then the keywords of the condition, of the rest of the sentence, and the generic words anywhere
    later = re.search(r"给予[^。；]{0,30}?(?:补贴|补助|奖励|奖补|贴息|资助|支持)", clause[cut:]) if gate else None
    if governed and not re.search(r"补贴|补助|奖励|奖补|资助|贴息|返还", governed):
        found = _specific(head) or _specific(phrase)
        if found:
            return found[0]     # 对研发费用500万元以上的项目，按8%比例给予最高500万元支持
    steps = [("generic", (governed, bare_phrase)), ("specific", context if governed and not gate else ()),
             ("generic", (later.group(0) if later else "",)), ("specific", (phrase, head)),
             ("generic", (phrase, head, *context)), ("specific", (clause,)), ("generic", (clause,))]
    for how, texts in steps:
        for text in texts:
            nouns = list(re.finditer(r"奖励|奖补|补贴(?!性)|补助|资助|资金支持", text)) if how == "generic" else []
            if how == "specific":
                found = _specific(text)
            elif nouns:         # 给予最高200万元的补贴: the noun names the grant, not 给予…万元
                found = ["award" if nouns[-1].group(0) in ("奖励", "奖补") else "subsidy"]
            else:
                found = [slug for slug, kw in measure_keywords() if kw is not None and kw.search(text)
                         and slug in GENERIC]
            if found:
                return found[0]
    return "other"


def _number(text: str) -> float | None:
    text = text.replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    value = cn_to_int(text)
    return float(value) if value is not None else None


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at 。；; ！？ and paragraph breaks."""
    out, start = [], 0
    for m in re.finditer(r"[。；;！？\n]", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _masked(text: str) -> str:
    text = NOT_TERMS.sub(lambda m: "□" * len(m.group(0)), text)
    return OLD_VALUE.sub(lambda m: _mask_group(m), text)


def _mask_group(m: re.Match) -> str:
    g = next(k for k in ("old", "old2", "old3", "old4", "old5") if m.group(k))
    a, b = m.span(g)
    s = m.group(0)
    return s[: a - m.start()] + "◇" * (b - a) + s[b - m.start():]


def _phrase(clause: str, at: int, end: int) -> str:
    """The comma-separated piece of the sentence that holds the number."""
    left = max(clause.rfind(c, 0, at) for c in "，,、（(：:") + 1
    rights = [i for i in (clause.find(c, end) for c in "，,、）)（(") if i != -1]
    return clause[left:min(rights) if rights else len(clause)]


AI_POLICY = re.compile(r"人工智能|AI|OPC|大模型|算力")


def terms_in(text: str, line_of: list[int], *, policy_id: str, source_id: str, ai_policy: bool = False,
             title: str = "") -> list[Term]:
    """Terms of every clause; in an AI policy, a clause that names a measure without a number
    ("在人才方面，…纳入武昌英才") is kept as a `statement`, so the comparison shows it."""
    out: list[Term] = []
    masked = _masked(text)
    heading_of: dict[str, str] = {}
    for clause in clause_split.split(text, line_of, policy_id=policy_id, source_id=source_id):
        context = tuple(c for c in (clause.heading, clause.lead_in, title) if c)
        heading_of[clause.clause_id] = clause.heading or ""
        # under 一、工作目标 every number is a goal, even in a sub-item with its own heading (融资环境进一步改善)
        goal_section = bool(re.search(r"目标", heading_of.get(clause.parent_id or "", "") + (clause.heading or "")))
        clause_terms: list[Term] = []
        if HEADLINE.match(clause.text):
            continue            # "8.6 万户企业获得首贷": a news headline's statistic, not a term
        for s0, s1 in sentences(text[clause.start:clause.end]):
            c0, c1 = clause.start + s0, clause.start + s1
            sentence, scan = text[c0:c1].strip(), masked[c0:c1]
            offset = c0 + (len(text[c0:c1]) - len(text[c0:c1].lstrip()))
            scan = scan.strip()
            clause_terms += _sentence_terms(sentence, scan, text, line_of, offset, clause, context,
                                            policy_id, source_id, ai_policy, masked, title, goal_section)
        _tiers(clause_terms)
        if "分档" in clause.text:
            _graded_steps(clause_terms)
        out += clause_terms
    for t in out:
        if t.value_max is not None:
            t.comparator = None     # 争取经过3到5年的努力: a range states both ends, whichever path made it
    _attach_conditions(out)
    return out


def _sentence_terms(sentence, scan, text, line_of, offset, clause, context, policy_id, source_id, ai_policy,
                    masked, title="", goal_section=False) -> list[Term]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(scan):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), kind, m))
    if NOT_INCENTIVE.search(sentence):
        return []
    penalty = bool(PENALTY.search(sentence))
    line_start, line_end = line_of[offset], line_of[min(offset + len(sentence), len(line_of)) - 1]
    lead = clause.lead_in
    if ai_policy and not found:
        if re.fullmatch(r"[^，,。；;：:]{0,24}", sentence) or re.match(r"[（(]?(?:牵头|配合|责任)(?:单位|部门)", sentence):
            return []           # a heading (一、强化智能算力供给) or the units in charge: no measure stated
        measure = classify_measure(sentence, sentence)
        if measure in GENERIC or measure in ("target", "period"):
            return []
        return [Term(policy_id, source_id, line_start, line_end, sentence, measure, "statement", None, None, "", "",
                     "", None, None, _beneficiary(sentence, lead), None, 0, clause.clause_id, "statement",
                     lead_in=lead)]
    out = []
    whole = " ".join(c for c in (clause.lead_in, clause.heading) if c)
    for start, end, kind, m in sorted(found, key=lambda f: f[0]):
        parsed = _term(kind, m, sentence, start, end, lead or "")
        if parsed is None:
            continue
        value_kind, value, value_max, unit, unit_printed, number_printed, comparator = parsed
        phrase = _phrase(sentence, start, end)
        inside = any(m.start() <= start < m.end() for m in CONDITION_SPAN.finditer(sentence))
        measure = classify_measure(phrase, sentence, context=context, gate=value_kind == "threshold" or inside,
                                   window=sentence[max(0, start - 24):end + 12], after=sentence[end:])
        kind_, shape, per_unit = _kind(value_kind, kind, sentence, phrase, start, end, unit_printed, comparator,
                                       measure, whole)
        look_back = LOOK_BACK.search(sentence[:start]) and (not sentence[:start].rstrip().endswith("近")
                                                             or LOOK_BACK_AFTER.match(sentence[end:end + 12]))
        tenure = comparator is not None and re.match(r"\s*(?:[（(]含[^）)]*[）)])?\s*(?:以上|以下)?(?:但[^，。；]{0,10})?的[，,]",
                                                     sentence[end:end + 16])
        if kind_ == "duration" and (QUALIFYING_AFTER.match(sentence[end:end + 24]) or look_back or tenure) \
                and not (BENEFIT_SPAN if not tenure else BENEFIT_TERM).search(sentence[max(0, start - 16):start]):
            # 自被注销登记之日起未逾3年的私募基金管理人, 最近3年因…受到处罚, 参加失业保险1年以上的企业职工, 实际经营期
            # 不足1年的，…: a time bound on who qualifies is a condition, not how long something lasts
            kind_ = value_kind = "threshold"
            if comparator is None and look_back:
                comparator = "≤"
            measure = classify_measure(phrase, sentence, context=context, gate=True,
                                       window=sentence[max(0, start - 24):end + 12], after=sentence[end:])
        if kind_ in ("incentive_rate", "reduced_rate") and measure != "tax_relief" and TAX_LEVIED.match(sentence[end:]):
            measure = "tax_relief"      # 减半征收物流企业…城镇土地使用税: a tax cut, whoever pays the tax
        if kind_ == "reduced_rate" and not re.search(r"税|征收|保障金|缴费", measure + sentence):
            pass
        elif kind_ == "reduced_rate" and measure not in ("tax_relief", "social_insurance", "utility"):
            measure = "tax_relief"      # 利息收入按90%计入收入总额: a tax rule, whatever the income is from
        if measure == "loan" and re.search(r"税前扣除|应纳税所得额|计入收入总额|免征|减按", sentence):
            measure = "tax_relief"      # 小额贷款公司…贷款损失准备金准予在税前扣除: a tax rule on lending income
        if kind_ == "count" and measure == "tax_relief" and not re.search(r"减(?!少|轻)|免|退|抵|优惠|扣除|缓缴", sentence):
            measure = "other"           # 11项证明材料采用调阅复用: paperwork, not relief
        if unit_printed == "分" and (kind_ == "other" or re.search(r"加分|扣分|计分|得分", sentence[max(0, start - 12):start])):
            kind_, measure = "other", "other"   # 绩效考核加0.5分/个，累计加分不超过1分: a score and its cap, not a grant
        if measure in ("loan", "guarantee") and kind_ in ("duration", "threshold", "loan_ceiling") \
                and re.search(r"(?:给予|予以|安排|进行|按)[^。；]{0,30}?贴息", sentence[end:]):
            measure = "loan_interest"   # 新增贷款（1000万元以内），按…30%给予贴息: a loan bound gates the subsidy
        if measure in ("equity", "guarantee", "other") and re.search(r"转贷|过桥", sentence) and not EQUITY.search(sentence) \
                and not re.search(r"风险补偿|担保", phrase):
            measure = "loan"            # 应急转贷纾困基金日使用费率: bridge money to repay a loan is lending, no stake
        if re.search(r"(?:本|上述)(?:公告|通知|办法|规定|政策|细则)所称[^，。；]{0,20}[，,]?\s*是指",
                     text[clause.start:clause.end]) \
                and re.search(r"税收优惠|税费优惠|税收政策|所得税|增值税", title) and measure not in ("tax_relief",):
            measure = "tax_relief"      # 本公告所称小额贷款，是指…10万元以下的贷款: the scope of the notice's tax relief
        if kind_ == "incentive_cap" and measure == "loan":
            kind_ = "loan_ceiling"      # 制造业企业最高不超过500万元 (of a loan): what a firm may borrow, not a grant
        if kind == "count" and QUOTA_RULE.search(sentence[max(0, start - 30):start]):
            kind_ = value_kind = "count"    # 每个细分行业…企业数量不超过5家, 各省每年自主确定1-3个示范区: how many are chosen
            measure = "other" if measure == "target" else measure
        if kind_ in ("count", "other") and STEP.search(sentence[max(0, start - 8):start]) \
                and re.match(r"[^，。；]{0,4}[，,][^，。；]{0,12}增加\s*\d", sentence[end:]):
            continue    # 比例每增加10%，额外奖励金额增加5万元: the step is the unit of the award (its per_unit)
        if measure == "award" and re.match(r"\s*(?:以上)?\s*的?\s*奖补资金(?:用于|开展|支持)", sentence[end:]):
            measure = "subsidy"     # 安排不低于80%的奖补资金开展中小企业数字化改造: money that pays for the works
        if kind_ == "duration" and SANCTION.search(sentence[max(sentence.rfind(c, 0, start) for c in "，,") + 1:start]):
            kind_, measure = "penalty", "other"     # 责令其暂停…6个月以上1年以下…服务: a sanction, not relief
        if penalty and kind_ not in ("duration", "threshold", "count"):
            kind_, measure = "penalty", "other"     # 处1万元以上5万元以下的罚款: never an incentive
        if kind_ in ("duration", "threshold") and measure != "tax_relief" and TAX_GRANT.search(sentence[end:]):
            measure = "tax_relief"  # 签订1年以上劳动合同…的，…扣减增值税: the condition takes the relief it gates
        if measure == "social_insurance" and kind_ in ("duration", "threshold"):
            grant = re.search(r"(?:申请|享受|给予|发放)([^，。；]{0,10}?(?:补贴|补助))", sentence)
            if grant and not _specific(grant[1]):
                measure = "subsidy"     # 参加失业保险1年以上的企业职工…可申请技能提升补贴: a grant, no contribution cut
        if measure == "rd_deduction" and not re.search(r"研发|研究开发|无形资产", sentence):
            measure = "tax_relief"      # 新购置的设备、器具…100%加计扣除: a super-deduction, not of R&D expenses
        if kind_ == "duration" and measure == "tax_relief" and re.search(r"备案|变更|调整", sentence) \
                and not RELIEF_ACT.search(sentence) and not re.search(r"减(?!少|轻)|免|退|抵", sentence):
            measure = "other"           # 核算方式满3年需要调整的…重新备案: a rule of the procedure, no tax is cut
        if kind_ == "duration" and (re.search(r"目标", clause.heading or "") and not re.search(r"过渡期|期限|保留期", sentence[:start])
                                    or re.search(r"力争|争取", sentence[:start])):
            measure = "target"  # 争取3年内…: the time to reach a goal
            if re.search(r"力争|争取", sentence[:start]):
                kind_ = "target"
        if kind_ == "duration" and measure == "target" \
                and re.search(r"(?:压减|压缩|缩短|减少)(?:到|至)\s*$|稳定在\s*$|(?:再|力争)?用\s*$|经过\s*$", sentence[max(0, start - 6):start]):
            kind_ = "target"    # 审查周期压减到16个月, 再用5到10年时间: the time a goal sets
        if kind_ in ("count", "threshold") and (
                any(b.start() < start < b.end() for b in EARLIER_POLICY.finditer(sentence))
                or LIST_MAKEUP.search(sentence[:start])):
            continue    # 在对…等5个特困行业实施…的基础上, 这次认定的12家…涵盖了3家: a past policy or a list's make-up
        if kind_ == "count" and SELECTION.search(sentence[max(0, start - 24):start]):
            measure = "other"   # 每省选取3-5所, 每项需求选择1-3家: a rule of selection, not a goal
        if kind_ == "threshold" and GOAL_SCOPE.search(sentence[:start]) \
                and re.search(r"\d+(?:\.\d+)?\s*%|全覆盖", sentence[end:end + 30]):
            kind_, measure = "target", "target"  # 确保对…投资1亿元以上的重大项目100%对接: the scope of a goal
        if measure == "subsidy" and (re.search(r"一次性(?:补助|补贴|奖励|奖补)", sentence)
                                     and re.search(r"前\s*[\d一二三四五六七八九十]+\s*(?:位|名|强)", sentence)
                                     or re.search(r"排名[^，。；]{0,20}?(?:给予|予以)[^，。；]{0,10}?(?:补助|补贴|奖励|奖补)|位序", sentence)):
            measure = "award"   # 全省前30位…给予50至100万元不等的一次性补助, 排名前3位…给予一定资金补助: a grant for a result
        if kind_ == "fee_ceiling" and goal_section and re.search(r"(?:降至|降到|下降到|控制在)\s*$", sentence[max(0, start - 6):start]):
            kind_ = "target"    # 工作目标: 担保费率降至1%以下 is a result the city sets itself, not a cap in a contract
        if kind_ == "target":
            measure = "target"  # 中小企业服务站扩大到600个, 上云覆盖率超过55%: a goal, whatever it counts
        if measure == "target" and kind_ == "other" and re.search(r"合同|上浮", sentence[max(0, start - 16):start]):
            measure = "other"   # 合同预付款比例提高到30%以上: a term of a contract, not a goal
        if measure == "target" and kind_ not in ("target", "threshold", "duration", "budget_share", "fund_size",
                                                 "reduced_rate"):
            kind_ = "target"
        if kind_ == "duration" and measure not in ("target", "other") \
                and (re.match(r"\s*(?:内|以内)", sentence[end:]) and PROCEDURE.match(sentence[end:])
                     or re.match(r"\s*(?:内|以内)[，,]\s*[^，。；]{0,24}?(?:备案|签订|申报|报告)", sentence[end:])
                     or PROCEDURE_BEFORE.search(sentence[:start])) \
                and not RELIEF_ACT.search(sentence):
            measure = "other"   # 自收到申请之日起10个工作日内办理完毕: the deadline of a procedure, nothing is granted
        if measure == "other" and kind_ == "other" and not INCENTIVE.search(sentence + whole) and not comparator:
            continue  # a number in a procedure (…5 个工作日内受理), not a term of support
        if measure in GENERIC and "加计" not in sentence and re.search(
                r"研发(?:费用|投入)[^，。；]{0,20}?[，,]\s*按\s*\d+(?:\.\d+)?\s*%|按[^，。；]{0,6}研发(?:费用|投入)[^，。；]{0,6}?\d+(?:\.\d+)?\s*%",
                sentence):
            measure = "rd_subsidy"  # 对研发费用500万元以上的项目，按8%比例给予最高500万元支持: a share of R&D spending
        quota = kind_ in ("threshold", "incentive_cap", "other") and re.match(
            r"\s*[^，。；\d]{0,4}额度内[^，。；]{0,6}?(?:借用|举借|借入|借款)", sentence[end:])
        if quota:
            kind_, measure = "loan_ceiling", "loan"     # 在不超过等值500万美元额度内自主借用外债: what a firm may borrow
        if value_kind == "threshold" and kind_ != "threshold":
            value_kind = "amount" if unit == "万元" else "rate" if unit == "%" else "count"
        if quota:
            value_kind = "cap"
        if kind_ == "threshold":
            value_kind = "threshold"
            if comparator is None and kind == "count" and BASE_STEP.search(sentence[max(0, start - 6):start]) \
                    and BASE_STEP_AFTER.search(sentence[end:]):
                comparator = "≥"        # the base step: the award is for N or more
        old = _previous(masked, text, offset, start, unit)
        out.append(Term(
            policy_id, source_id, line_start, line_end, sentence, measure, value_kind, value, value_max,
            unit, unit_printed, number_printed, comparator, _basis(sentence, start),
            _beneficiary(sentence, lead), None, start, clause.clause_id, kind_, shape, None, per_unit, old, lead))
    _quotas_and_scopes(out, sentence)
    # 满3年需要调整的，应当在满3年的次年…备案, 未满3年的，可继续享受至3年期满: a span named again as the point
    # it ends at is the same fact, one term
    seen, kept = set(), []
    for t in out:
        key = (t.value, t.value_max, t.unit)
        again = re.match(r"\s*(?:的)?\s*(?:次年|次月|期满|届满|之后)", sentence[t.number_at + len(t.number_printed):])
        if t.term_kind in ("duration", "threshold") and t.unit in ("月", "日", "工作日") and key in seen and again:
            continue
        if t.term_kind in ("duration", "threshold"):
            seen.add(key)
        kept.append(t)
    return kept


# 未逾3年的私募基金管理人, 一年以上的住户: a time span that names who qualifies (not 期限不超过2年的贷款)
QUOTA_RULE = re.compile(r"(?:每(?:个|家|类|省|市|县|区)[^，。；\d]{0,16}(?:数量|名额|家数|个数)[^，。；\d]{0,4}"
                        r"|各(?:省|市|地|区|县|州)[^，。；\d]{0,8}(?:确定|推荐|选择|遴选|选取|申报|组织))\s*$")
QUALIFYING_AFTER = re.compile(r"\s*(?:[（(]含[^）)]*[）)])?\s*(?:以上|以下|以内|之内|内)?的\s*[^，。；\d]{0,12}?"
                              r"(?:住户|农户|职工|人员|劳动者|毕业生|管理人|(?<!的)企业(?!所得税)|个体工商户|股东|董事|公司)"
                              # 登记失业半年以上人员, 离校2年内未就业高校毕业生
                              r"|\s*(?:以上|以下)\s*(?:人员|职工|劳动者|毕业生|失业人员)|\s*内\s*未就业")
# 最近3年因重大违法违规行为…, 近3年还应未发生…, 自…之日起未逾3年: a look-back on who qualifies (at most N)
LOOK_BACK = re.compile(r"最近\s*$|(?<![最接])近\s*$(?=)|未逾\s*$")
LOOK_BACK_AFTER = re.compile(r"\s*(?:内|来)?\s*[^，。；\d]{0,4}?(?:未|无|没有|因|受到|被|发生|存在)")
BENEFIT_SPAN = re.compile(r"期限|免征|减征|减半|免收|补贴|补助|享受|给予|缓缴|延期|延长|持续|连续")
# the number cuts a levy of a named tax: 减半征收…城镇土地使用税, 50%减征…房产税
TAX_LEVIED = re.compile(r"\s*(?:的)?(?:幅度)?(?:减征|征收|征)[^，。；、]{0,30}?税(?!务)")
BENEFIT_TERM = re.compile(r"期限|免征|减征|减半|免收|补贴|补助|缓缴|延期|延长")   # 连续缴费满12个月的，…: tenure, not a term
SANCTION = re.compile(r"责令|吊销|(?:取消|暂停)[^，。；]{0,12}资格")
TAX_GRANT = re.compile(r"(?:扣减|减免|免征|减征|抵减|抵扣|减按)[^。；]{0,30}?(?:增值税|所得税|税费|消费税|印花税)")


EARLIER_POLICY = re.compile(r"在(?:对)?[^。；]{2,60}?(?:实施|出台|执行)[^。；]{0,40}?的基础上")
LIST_MAKEUP = re.compile(r"(?:这次|本次|此次|首批)(?:认定|评选|公布|确定|遴选)的[^。；]{0,40}?(?:涵盖|包括|含)了?[^。；]{0,30}$"
                         r"|(?:这次|本次|此次)(?:认定|评选|公布|确定|遴选)的\s*$")
SELECTION = re.compile(r"每(?:省|市|县|区|项|个|家|类)[^，。；\d]{0,6}(?:选择|选取|遴选|推荐)\s*$")
GOAL_SCOPE = re.compile(r"确保(?:对)?[^，。；]{0,30}$")
QUOTA_BEFORE = re.compile(r"(?:遴选|评选|征集|选择|选取|择优|认定|确定)[^，。；\d]{0,4}$")
QUOTA_AWARD = re.compile(r"^[^。；]{0,40}?[，,]\s*(?:并)?(?:对)?每(?:个|家|项|户|名)[^，。；]{0,10}?(?:奖补|奖励|补助|补贴|资助|给予)"
                         r"|^[^，。；]{0,40}?(?:予以|给予)(?P<v>支持|奖励|奖补|补助|补贴)")
SCOPE = re.compile(r"(?:扩至|扩大到|扩大至|扩展至|扩展到|扩围至|扩容至)\s*$")
SCOPE_UNIT = re.compile(r"^\s*(?:领域|行业|类|品种|门类|险种|范围|方向)")


def _quotas_and_scopes(terms: list[Term], sentence: str) -> None:
    """Counts a rule sets now, not goals: 每年遴选10个左右…平台，每个一次性奖补50万元 (how many the programme
    awards: the award's measure); 再贷款支持扩至14个领域 (the scope of an instrument: its measure)."""
    for t in terms:
        if t.value_kind != "count" or t.term_kind not in ("target", "count"):
            continue
        before, after = sentence[:t.number_at], sentence[t.number_at + len(t.number_printed):]
        quota = QUOTA_AWARD.search(after) if QUOTA_BEFORE.search(before) else None
        if quota:
            grant = next((g for g in terms if g.number_at > t.number_at and g.term_kind.startswith("incentive")), None)
            t.term_kind = "count"
            t.measure = grant.measure if grant else "subsidy" if quota["v"] in ("支持", "补助", "补贴") else "award"
        elif SCOPE.search(before) and SCOPE_UNIT.search(after) and not re.search(r"力争|争取|目标|到\s*\d{4}\s*年|推动", sentence):
            found = _specific(before)
            t.term_kind, t.measure = "count", found[0] if found else "other"
    # 最高50万元创业扶持、2000万元算力支持、最高10万元算力券: in a list of per-firm caps, a bare sum more than ten
    # times every cap beside it is the programme's budget for that line
    for t in terms:
        if t.term_kind != "incentive_amount" or t.comparator or t.unit != "万元" or t.value is None:
            continue
        siblings = [c for c in terms if c.term_kind == "incentive_cap" and c.unit == "万元" and c.value
                    and re.fullmatch(r"[^，,。；]*、[^，,。；]*", sentence[min(c.number_at, t.number_at):
                                                                       max(c.number_at, t.number_at)])]
        if siblings and t.value > 10 * max(c.value for c in siblings):
            t.term_kind = "fund_size"


def _beneficiary(sentence: str, lead: str | None) -> str | None:
    return next((b for b in BENEFICIARIES if b in sentence), None) or \
        (next((b for b in BENEFICIARIES if b in lead), None) if lead else None)


def _previous(masked: str, text: str, offset: int, start: int, unit: str = "") -> float | None:
    """The old value masked just before a new one (由9%下调至6%): its first number."""
    window = masked[max(0, offset + start - 40):offset + start]
    k = window.rfind("◇")
    base = max(0, offset + start - 40)
    if (k == -1 or re.search(r"[，。；]", window[k:])) \
            and re.search(r"(?:提高|下调|降低|上调|调整)(?:至|到|为)\s*$", window) and "◇" in masked[offset:offset + start]:
        window, base = masked[offset:offset + start], offset   # 现行适用75%的企业，…提高至100%
        k = window.rfind("◇")
    elif k == -1 or re.search(r"[，。；]", window[k:]):
        return None
    j = k
    while j > 0 and window[j - 1] == "◇":
        j -= 1
    m = re.search(r"(\d+(?:\.\d+)?)\s*(万亿元|亿元|万元|元|个月|年)?", text[base + j:base + k + 3])
    if not m:
        return None
    factor = MONEY_FACTOR.get(m[2] or "", 1) if unit == "万元" else 12 if unit == "月" and m[2] == "年" else 1
    return round(float(m[1]) * factor, 8)


def _term(kind: str, m: re.Match, clause: str, start: int, end: int, lead: str):
    """(value_kind, value, value_max, unit, unit_printed, number_printed, comparator) or None."""
    phrase_start = max(clause.rfind(c, 0, start) for c in "，,、（(：:") + 1
    before, after = clause[max(phrase_start, start - 14):start], clause[end:end + 10]
    printed = m.group(0).strip()
    groups = m.groupdict()
    comparator = _comparator(before, after)
    if comparator is None and re.search(r"按(?:照)?(?:最高)?不超过[^，。；\d]{0,30}的\s*$", clause[phrase_start:start]):
        comparator = "≤"        # 按不超过企业及其职工上年度实际缴纳失业保险费的 60%返还
    if comparator is None and re.search(r"排名前\s*$|前\s*$", before) and re.search(r"排名|排序|位次", clause[:start]):
        comparator = "≤"        # 排名前50%: at most
    if comparator is None and re.search(r"(?<!不)超过[^，。；\d]{0,16}$", clause[phrase_start:start]) \
            and re.match(r"\s*(?:[（(]含[^）)]*[）)])?\s*的部分", clause[end:end + 10]):
        comparator = "≥"        # 超过合同约定最大需量105%的部分
    condition = _is_condition(clause, start, end, before, comparator, lead)
    if kind == "rate":
        if groups.get("half"):
            return "rate", 50.0, None, "%", "减半", "减半", None
        if groups.get("full"):       # 省财政全额补贴设备购置费用: 100 %
            return "rate", 100.0, None, "%", "全额", "全额", None
        if groups.get("cn"):
            return "rate", _number(m["cn"]), None, "%", "百分之", printed, comparator
        if groups.get("fd") or groups.get("cfd"):
            num, den = (_number(m["fn"]), _number(m["fd"])) if groups.get("fd") else (_number(m["cfn"]), _number(m["cfd"]))
            if not num or not den or num >= den:
                return None
            return ("threshold" if condition else "rate"), round(num / den * 100, 2), None, "%", "分数", printed, comparator
        if groups.get("permille"):
            return "rate", _number(m["permille"]) / 10, None, "%", "‰", printed, comparator
        if groups.get("bp"):
            return "rate", _number(m["bp"]) / 100, None, "%", "BP", printed, comparator
        if groups.get("cheng"):      # 2 成 = 20 %
            return ("threshold" if condition else "rate"), _number(m["cheng"]) * 10, None, "%", "成", printed, comparator
        if groups.get("zhe"):        # 9 折 = a 10 % discount
            return "rate", round((10 - _number(m["zhe"])) * 10, 6), None, "%", "折", printed, None
        lo = _number(m["n"] or m["n3"])
        hi = groups.get("n2") or groups.get("n4")
        unit_printed = "个百分点" if "百分点" in printed else "%"
        value_kind = "threshold" if condition else "rate"
        return value_kind, lo, _number(hi) if hi else None, "%", unit_printed, printed, comparator
    if kind == "money":
        if groups.get("wanyi"):
            if comparator is None and (re.search(r"超\s*$", before) or clause[end:end + 1] == "级"):
                comparator = "≥"    # 产值超万亿元, 万亿级产业集群: at least a trillion
            return ("threshold" if condition else "amount", 100_000_000.0, None, "万元", "万亿元", printed, comparator)
        if groups.get("n2"):       # 不低于 100 万元、不超过 1000 万元: one range
            groups = {**groups, "n": groups["n2"], "lo": groups["lo2"], "u": groups["u2"]}
        value = _number(groups["n"])
        if value is None or (not groups["n"][0].isdigit() and "元" not in groups["u"]) \
                or ("元" not in groups["u"] and re.search(r"(?:量|数)\s*$", before)):
            return None     # 百万市场主体: a Chinese numeral without 元 is not an amount
        lo = _number(groups["lo"]) if groups.get("lo") else None
        factor = MONEY_FACTOR[groups["u"]]
        if condition:
            value_kind = "threshold"    # 年营收≤50万, 应纳税所得额不超过300万元: who qualifies
        elif comparator == "≤" or CAP.search(before):
            value_kind, comparator = "cap", "≤"
        else:
            value_kind = "amount"
        low, high = (lo, value) if lo is not None else (value, None)
        if lo is not None:
            comparator = None   # a range states both ends: 10 万元以上 30 万元以下
        return (value_kind, round(low * factor, 6), round(high * factor, 6) if high is not None else None,
                "万元", groups["u"], printed, comparator)
    if kind == "duration":
        if groups.get("season"):
            months = 3.0 if m["season"] == "一个季度" else 6.0
            return "duration", months, None, "月", m["season"], printed, comparator
        value = _number(m["n"])
        wide = clause[phrase_start:start] + clause[end:end + 8]
        if value is None or (m["u"] not in ("个月", "分钟", "秒", "小时", "个工作日", "工作日", "个自然月", "个自然年")
                             and not DURATION_CONTEXT.search(wide)):
            return None
        unit = "月" if m["u"] in DURATION_MONTHS else "工作日" if m["u"].endswith("工作日") else m["u"]
        factor = DURATION_MONTHS.get(m["u"], 1)
        lo = _number(groups["lo"]) if groups.get("lo") else None
        if groups.get("blo"):      # 6个月以上12个月以内, 6 个月以上 1 年以下: one band
            lo = _number(groups["blo"]) * DURATION_MONTHS.get(groups["bu"], 1) / factor
            comparator = None
        low, high = (lo * factor, value * factor) if lo is not None else (value * factor, None)
        if comparator is None and lo is None and re.match(r"\s*(?:[（(][^）)]{0,12}[）)])?\s*(?:之|以)?内(?!\s*不(?:能|得|再))", clause[end:end + 16]):
            comparator = "≤"    # 自收到申请之日起10个工作日内, 3年内: at most
        if comparator is None and re.search(r"提前\s*$", before):
            comparator = "≥"    # 提前30日向工会说明情况: a notice period is at least N days
        return "duration", low, high, unit, m["u"], printed, comparator
    if kind == "foreign":
        value = _number(m["n"])
        factor = {"亿美元": 10_000, "美元": 0.0001}.get(m["u"], 1)
        unit = "万" + m["u"].lstrip("万亿") if m["u"] != "美元" else "万美元"
        value_kind = "threshold" if condition else "cap" if comparator == "≤" or CAP.search(before) else "amount"
        return value_kind, round(value * factor, 6), None, unit, m["u"], printed, comparator
    if kind == "rank":
        value = _number(m["n"])
        return None if value is None else ("threshold", value, None, m["u"], m["u"], printed, "≤")
    if kind == "count":
        if m["u"] == "万亿":
            return None
        value = _number(m["n"])
        arabic = m["n"][0].isdigit()
        # a count in Chinese numerals stated as a rule: 一式两份, 成员数量为七名
        stated = not arabic and re.search(r"一式\s*$|(?:数量|人数|名额|人员)(?:为|是|不少于|不超过)?\s*$|由\s*$", before)
        if value is None or m["n"] == "一" or (arabic and re.match(r"\s*条款", after)) or (not arabic and not stated and (m["u"] in ("条", "批") or NOT_COUNTED.match(after)
                                                               or not (TARGET.search(clause) or comparator))) \
                or (arabic and m["u"] == "批") \
                or not (arabic or stated or TARGET.search(clause) or CONDITION_NOUN.search(before) or comparator
                        or INCENTIVE.search(clause)):
            return None
        unit = m["u"]
        scale = 10_000 if unit.startswith("万") else 100_000_000 if unit.startswith("亿") else 1
        lo = _number(groups["lo"]) if groups.get("lo") else None
        low, high = (lo, value) if lo is not None else (value, None)
        value_kind = "threshold" if condition else "count"
        return value_kind, low * scale, high * scale if high is not None else None, unit.lstrip("万亿"), unit, printed, comparator
    return None


def _is_condition(sentence: str, start: int, end: int, before: str, comparator: str | None, lead: str) -> bool:
    """A bound on who or what qualifies (营收, 职工人数, 对…的项目, an item under 对符合以下条件的…), not on
    the support itself."""
    if GRANT.search(before) or re.search(r"(?:预算总额|资金|经费|份额)[^，。；]{0,6}的\s*$", before) \
            or re.search(r"每[^，。；]{0,8}为\s*$", before):
        return False            # 每个标准展位为 9 平方米: a definition, not a condition
    # inside 对…的企业/项目 (对年营收50万元以下的企业), or an item's own bound under a conditions lead-in
    if re.match(r"\s*(?:的)?部分", sentence[end:end + 4]) and re.search(r"(?:余下|剩余|其余)的\s*$", before):
        return False            # 对余下的20%部分给予奖励: the share the award covers
    if re.search(r"(?:清单|目录|名单)中的\s*$", before):
        return False            # “首违不罚”事项清单中的14个事项: the size of a list
    if re.match(r"\s*(?:以上|及以上)?\s*(?:用于|专门面向)", sentence[end:end + 10]):
        return False            # 经费60%以上用于一线职工培训: a share of a fund, not a bound on who qualifies
    if re.search(r"(?:推动|覆盖|为|向|帮助|服务|带动|引导|组织|支持)\s*$", before) and re.match(r"\s*(?:以上|及以上)", sentence[end:end + 6]):
        return False            # 推动300家以上企业开展贯标, 为10万家以上企业增信: how many a plan reaches
    if re.search(r"(?<!不)超过[^，。；\d]{0,16}$", before) and re.match(r"\s*(?:[（(]含[^）)]*[）)])?\s*的部分", sentence[end:end + 10]):
        return True             # 超过年度利润总额12%的部分, 超过合同约定最大需量105%的部分: the part a rule applies to
    if re.search(r"已(?:享受|获得|纳入)[^，。；]{0,30}$", sentence[:start]) and re.match(r"\s*的[^，。；]{0,10}(?:企业|纳税人|单位|个体工商户)", sentence[end:end + 14]):
        return True             # 已享受延缓缴纳税费50%的制造业中型企业: who qualifies
    for m in CONDITION_SPAN.finditer(sentence):
        if m.start() <= start < m.end():
            return True
    if comparator in ("≤", "≥") and CONDITION_NOUN.search(before) \
            and not re.search(r"力争|到\s*\d{4}\s*年|目标|打造|培育", sentence[:start]):
        return True
    if comparator and re.search(r"(?:以下|下列|如下)条件|是指|所称", lead) and not GRANT.search(sentence[:start]):
        return True
    if comparator and re.search(r"是指|所称|符合[^，。；]{0,20}$", sentence[:start]):
        return True
    goal = re.search(r"力争|到\s*\d{4}\s*年|(?<!控制)(?<!年度)目标(?!不动产|企业|公司|资产|客户|群体)|打造|培育|覆盖", sentence[:start])
    if CONDITION_AFTER.match(sentence[end:end + 24]) and not goal:
        return True
    if comparator and not goal and re.search(r"原则上[^，。；\d]{0,16}$", sentence[:start]) \
            and not GRANT.search(sentence[:start]) and not EQUITY.search(before):
        return True             # 评估净值原则上不低于8亿元, 民营企业股权占比原则上不低于35%: a requirement on who applies
    cond = re.match(r"[^，。；]{0,14}?的(?=[，,][^，。；]*?(?:按|给予|予以|可|免征|减|享受|返还|缴纳|不得|应|不再))", sentence[end:end + 40])
    applies = re.match(r"[^，。；]{0,14}?的[，,]\s*(?:可|方可|均可)(?:申请|享受)", sentence[end:end + 30])
    if comparator and cond and not goal and (not CAP.search(before) or applies) \
            and not re.search(r"补贴|补助|奖励|奖补|资助|贴息|支持|资金|费用", cond.group(0)):
        return True             # 残疾人就业比例在1%以下的，按…90%缴纳: a "…的，" clause states who the rule is for
    if re.match(r"\s*(?:的)?(?:征收率|预征率|税率)的", sentence[end:end + 8]):
        return True             # 适用3%预征率的预缴增值税项目: the rate names the scope of the relief
    if re.search(r"(?:不足|未满|不满|(?<!不)低于|(?<!不)高于)\s*$", before) and re.match(r"[^，。；]{0,6}的", sentence[end:end + 8]):
        return True
    if comparator and re.match(r"\s*(?:[（(]含[）)])?\s*(?:以上|以下)?[，,]\s*但(?:未|不)", sentence[end:end + 12]):
        return True             # 就业比例达到1%（含）以上，但未达到…规定比例的: one end of a band
    return bool(re.search(r"(?:(?<!不)高于|(?<!不)低于|以下的|以上的|(?<!不)超过)[^，。；]{0,2}$", before) and comparator
                and re.search(r"的[^，。；\d]{0,6}(?:企业|单位|项目|部分|机构)", sentence[start:start + 24]))


def _kind(value_kind, kind, sentence, phrase, start, end, unit_printed, comparator, measure, whole):
    """(term_kind, shape, per_unit) of a number from its role in the sentence."""
    before = sentence[max(0, start - 24):start]
    after = sentence[end:end + 14]
    near = phrase
    shape, per_unit = "point", None
    pu = PER_UNIT.search(before) or PER_UNIT.match(after)
    if pu:
        per_unit = (pu.group("u") or pu.group("u2") or "").strip()
        if value_kind in ("amount", "cap", "rate") and not re.fullmatch(r"每(?:个|家|户|年|月|个企业|家企业)|[家户年月]",
                                                                         per_unit):
            shape = "per_unit"
    step = re.search(r"(?P<u>每(?:增加|提高|增长|超过)[^，。；]{0,16})[，,][^，。；]{0,12}增加\s*$", sentence[:start])
    if step and value_kind in ("amount", "rate"):
        shape, per_unit = "per_unit", step.group("u").strip()   # 每增加500个标准展位，奖励金额增加3万元
    if value_kind == "duration":
        if re.match(r"\s*的[^，。；]{0,8}(?:失业保险金|工资|平均工资|最低工资|租金|房租)", after):
            # 返还标准可按不超过6个月的当地月人均失业保险金…确定: months multiply an amount (its cap)
            return ("incentive_cap" if comparator == "≤" else "incentive_amount"), "per_unit", \
                ("每名参保职工" if "参保职工" in sentence else per_unit)
        return "duration", shape, per_unit
    if value_kind == "threshold":
        return "threshold", shape, per_unit
    if re.search(r"目标", whole) and not GRANT.search(sentence) and value_kind in ("rate", "amount", "count"):
        return "target", shape, per_unit     # 主要目标: …抽检合格率在 97% 以上
    if STEP.search(before[-8:]):
        # 每增加500个标准展位，奖励金额增加3万元: the unit of a per-unit award, not a bound on who qualifies
        return ("count" if kind == "count" else "other"), "per_unit", STEP.search(before[-8:]).group(0).strip()
    if kind == "count" and BASE_STEP.search(before[-6:]) and BASE_STEP_AFTER.search(sentence[end:]):
        return "threshold", "point", None
    if kind == "count" and unit_printed == "分" and re.search(r"加|扣|计|得", before[-4:]):
        return "other", ("per_unit" if re.match(r"\s*/\s*个", after) else shape), ("个" if re.match(r"\s*/\s*个", after) else per_unit)
    if kind == "count" and re.search(r"每(?:个)?[^，。；\d]{1,6}为\s*$", before[-10:]) and re.match(r"\s*[（(]?", after) \
            and unit_printed in ("平方米", "平方公里", "亩", "公里"):
        return "other", shape, None           # 每个标准展位为9平方米: the size of a unit, not a count
    if kind == "count" and re.search(r"每(?:省|市|县|区|个城市|个省份?)[^，。；\d]{0,4}(?:选择|选取|遴选)\s*$", before):
        return "count", shape, per_unit       # 每省选取3-5所高校: a rule of selection, not a goal
    if kind == "count" and re.search(r"每(?!年|季|月|天|周|省|市|县|区|个城市)[^，。；\d]{1,8}(?:选择|确定|推荐|遴选|选取)\s*$", before):
        return "count", shape, per_unit       # 每项需求选择1-3家“揭榜”企业: a rule of the procedure
    if kind == "count":
        if unit_printed == "岁":
            return "threshold", shape, per_unit   # 16-24 岁失业青年: an age that qualifies
        if unit_printed == "级":
            return "threshold", shape, per_unit   # 三级以上企业: a level that qualifies
        if unit_printed == "份":
            return "count", shape, per_unit       # 一式两份: copies a procedure asks for
        if re.search(r"(?:推动|覆盖|为|向|帮助|服务|带动|引导)\s*$", before[-4:]) and re.match(r"\s*(?:以上|及以上)", after):
            return "target", shape, per_unit      # 为10万家以上企业增信授信: how many a plan reaches
        if re.search(r"(?:等|共|涵盖|包括|原有|清单中的|目录中的|名单中的|(?:围绕|聚焦|依托|对照|参与)[^，。；\d]{0,6})\s*$", before[-10:]) \
                or re.match(r"\s*(?:社保费|社会保险|保险费)", after):
            return "count", shape, per_unit       # 等5个特困行业, 围绕我市8条重点产业链, 缓缴三项社保费: a set that exists
        if comparator == "≤" and re.search(r"不超过|最多|以内|以下", before[-6:] + after[:4]):
            return "threshold", shape, per_unit   # 累计次数不超过3次: a limit on the beneficiary
        if re.match(r"\s*(?:项|条|个)?\s*(?:任务|措施|举措|方面|事项)", after) or re.search(r"为\s*$", before) \
                or not re.search(r"每年[^，。；\d]{0,8}$", before) \
                and re.search(r"(?:评选出|确定了|认定了?|公布了?|发布了?)(?:首批)?\s*$|根据[^，。；]{0,12}规划\s*$", before):
            return "count", shape, per_unit       # 8个方面22项任务: counts of work items
        if (POLICY_TARGET_SUBJECT.search(sentence) or TARGET.search(sentence) or TARGET_COUNT.search(sentence)) \
                and not GRANT_VERB.search(phrase) and not re.search(r"(?:确定|认定|公布|命名)了\s*$", before):
            return "target", shape, per_unit
        if comparator:
            return "threshold", shape, per_unit   # 由两个以上汉字组成: a requirement
        return "count", shape, per_unit
    grant_here = GRANT.search(near) or re.search(r"给予|予以|补助|补贴|奖励|奖补|资助|贴息|返还|减免|免征|减征|扣除|摊销|抵减|抵扣",
                                                 sentence[max(0, start - 30):end + 12]) \
        or re.search(r"准予[^，。；]{0,16}扣除|税前扣除", sentence[end:end + 40])
    if value_kind == "rate":
        if re.search(r"排名前\s*$|前\s*$", before[-4:]) and re.search(r"排名|排序|位次", sentence[:start]):
            return "threshold", shape, per_unit   # 综合评估全国排名前50%的国家高新区
        if re.search(r"(?:省|市|中央|省级|市级)财政[^，。；]{0,6}按(?:照)?[^，。；]{0,10}(?:地方政府|各地|市县|市州|下级)[^，。；]{0,12}的\s*$", before + "") \
                or re.search(r"(?:采购|预留)(?:的)?(?:比例|份额)[^，。；\d]{0,6}$|资金占比[^，。；\d]{0,6}$|(?:经费|资金)\s*$", before[-12:]):
            return "budget_share", shape, per_unit   # 省财政按地方政府实际补贴额的50%, 政府采购比例不低于30%
        if re.match(r"\s*(?:的)?(?:比例)?\s*计入(?:当期)?(?:收入总额|应纳税所得额|收入)", after):
            return "reduced_rate", shape, per_unit   # 利息收入…按90%计入收入总额: the taxable share
        if re.search(r"(?:对接|覆盖|尽调|授信|通达|合格|准确|达标|普及|渗透|办结|满意|完成)率\s*$", before[-8:]) and not grant_here:
            return "target", shape, per_unit      # 对接率100%: a goal of the service
        if BUDGET_SHARE.search(before[-16:]) or BUDGET_SHARE.match(after) and not re.search(r"补贴|补助|奖励|给予", before[-8:]) \
                or re.search(r"(?:财政|政府|各级)[^，。；]{0,12}(?:承担|分担|负担)\s*$", before) \
                or re.search(r"对(?:各地|市县|市州|地方)[^，。；]{0,30}(?:财政投入|投入)", sentence[:start]) \
                or re.search(r"按(?:照)?各地[^，。；]{0,20}的\s*$", before) \
                or re.search(r"(?:省|市|中央|县|区)(?:级)?财政(?:资金)?(?:统筹)?对(?:各地|各市|市县|市州|各市州|各区|区县|县市区|地方|下级)", sentence[:start]) \
                and re.match(r"\s*的?比例?\s*(?:予以|给予)|\s*(?:补助|奖补|奖励)", after) \
                or re.match(r"\s*(?:以上|及以上)?\s*用于", after):
            return "budget_share", shape, per_unit
        if re.search(r"外资(?:股比|持股|比例)", near):
            return "threshold", shape, per_unit   # 外资股比不超过50%: a bound on who may run the business, no stake
        if EQUITY.search(near):
            return "equity_investment", shape, per_unit
        if re.search(r"首付|预付款|保证金比例", near):
            return "other", shape, per_unit   # 首付…2成以内: a ratio in the terms of a loan contract, not a fee
        if LOAN.search(sentence) and re.search(r"额度", before[-24:]) and comparator == "≤":
            return "loan_ceiling", shape, per_unit   # 最高不超过…额度上限之和的110%
        if re.search(r"(?:养老|失业|工伤|医疗|生育)?保险(?:单位)?(?:缴费)?费率(?:阶段性)?(?:降低|下调|降)(?:至|到|为)\s*$"
                     r"|(?:降低|下调)(?:养老|失业|工伤|医疗|生育)?保险(?:单位)?(?:缴费)?费率(?:至|到|为)\s*$", before[-20:]):
            return "reduced_rate", shape, per_unit   # 降低失业保险费率至1%: the premium rate a firm pays
        if FEE_CEILING.search(before[-14:]) and re.search(r"(?:下调|降低|下降|减免|减少)\s*$", before[-4:]) \
                and not re.search(r"LPR|基点|BP", near):
            if re.search(r"推动|力争|争取", sentence[:start]):
                return "target", shape, per_unit      # 推动…平均资费降低15%左右: a goal
            return "incentive_rate", shape, per_unit  # 收费标准降低20%, 按基准价下调10%: the share a firm is relieved of
        if FEE_CEILING.search(before[-14:]) or re.search(r"LPR|基点|BP", near):
            if not re.search(r"补贴|补助|贴息|奖补|返还|减免|减半|扣除|加计", before[-10:]) \
                    and not re.match(r"\s*(?:的)?(?:比例)?\s*(?:给予|予以)?[^，。；]{0,6}(?:补贴|补助|奖励|奖补|资助|返还|贴息)", after):
                return "fee_ceiling", shape, per_unit
        # 按20%缴税, 在5%至12%之间自主调整…住房公积金缴存比例: the rate a firm pays
        rate_word_after = re.match(r"\s*(?:的)?\s*[^，。；\d]{0,6}?(?:税率|征收率|预征率)|\s*(?:的(?:标准|比例))?\s*缴(?:纳|存|税)"
                                   r"|\s*之间[，,]?[^，。；]{0,20}缴(?:存|费)比例", sentence[end:end + 40])
        if (REDUCED_RATE.search(before[-10:]) or rate_word_after
                or TAX_WORD.search(before) and re.search(r"(?:下调|降低|调减)(?:至|到|为)\s*$", before)) \
                and re.search(r"税|征收|保障金|缴费|缴存|公积金", near + after + before + (rate_word_after[0] if rate_word_after else "")) \
                and not re.search(
                r"扣除|摊销|加计|返还|退", near + after):
            return "reduced_rate", shape, per_unit
        if re.search(r"(?:可)?上浮\s*$", before) and re.search(r"标准|限额|定额", sentence[:start]):
            return "other", shape, per_unit   # 限额标准最高可上浮20%: how far a province may raise a quota
        if re.search(r"(?:可)?相应提高\s*$", before) and re.search(r"补贴标准|补助标准", sentence[:start]):
            return "incentive_rate", shape, per_unit   # 培训补贴标准可相应提高20%: a raised subsidy
        if re.match(r"\s*(?:的)?(?:比例)?\s*核(?:增|定)[^，。；]{0,10}(?:绩效工资|工资总量|工资总额)", after):
            return "other", shape, per_unit   # 按…40%的比例核增单位绩效工资总量: a payroll rule of a public body, no grant
        if re.search(r"(?:合同|预付款|付款)[^，。；\d]{0,8}比例[^，。；\d]{0,6}$", before):
            return "other", shape, per_unit   # 将合同预付款比例提高到30%以上: a term of a contract
        if not grant_here and POLICY_TARGET_SUBJECT.search(near):
            return "target", shape, per_unit
        if grant_here or INCENTIVE.search(near) or measure not in ("target", "other"):
            if measure == "target":
                return "target", shape, per_unit
            return "incentive_rate", shape, per_unit
        return "other", shape, per_unit
    # money
    if EQUITY.search(near) or measure == "equity":
        return ("fund_size" if re.search(r"基金|资金", after[:14]) or re.search(r"规模", before[-10:])
                else "equity_investment"), shape, per_unit
    if LOAN.search(sentence) and re.search(r"额度[^，。；]{0,6}$", before[-10:]) or \
            LOAN.search(before[-8:]) and value_kind == "cap":
        return "loan_ceiling", shape, per_unit   # 小微企业额度不超过300万元…的创业担保贷款; 新增贷款（1000万元以内）
    if FUND_SIZE.search(before[-12:]) or FUND_SIZE.match(after) or re.search(r"^\s*(?:的)?[^，。；]{0,8}(?:基金|资金池|专项资金)", after):
        if not re.search(r"给予[^，。；]{0,8}$|最高[^，。；]{0,4}$", before[-10:]) or re.search(r"基金|资金池|额度", after):
            fund = re.search(r"基金|资金池|消费券", before + near)
            return ("target" if POLICY_TARGET_SUBJECT.search(near) and not grant_here and not fund else "fund_size"), \
                shape, per_unit
    if re.search(r"价格(?:由[^，。；]{0,24}?)?(?:下调|降低|降)(?:为|至|到)\s*$", sentence[max(0, start - 40):start]):
        return "fee_ceiling", shape, per_unit   # 天然气价格由2.48元/立方米下调为2.23元/立方米: the price a firm pays
    if LOAN.search(near) and not re.search(r"贴息|补贴|补助|奖励|奖补|担保费", near):
        if value_kind == "cap":
            return "loan_ceiling", shape, per_unit
        return ("target" if POLICY_TARGET_SUBJECT.search(sentence) or not grant_here else "loan_ceiling"), shape, per_unit
    if FEE_CEILING.search(before[-10:]) and comparator == "≤" and not grant_here:
        return "fee_ceiling", shape, per_unit
    if not grant_here and POLICY_TARGET_SUBJECT.search(near):
        return "target", shape, per_unit
    if value_kind == "cap" or re.search(r"限额标准(?:为|是)[^，。；\d]{0,8}$", before):
        return "incentive_cap", shape, per_unit
    if grant_here or INCENTIVE.search(near + whole) \
            or re.search(r"(?:定额|补贴|补助|奖励|扣减|扣除)标准(?:为|是)[^，。；\d]{0,8}$", before):
        return "incentive_amount", shape, per_unit   # 定额标准为每人每年6000元: the relief per hire
    return "other", shape, per_unit


def _tiers(terms: list[Term]) -> None:
    """Steps of a tiered schedule in one clause: 前2年80%、后3年50%; 国家级30万元、省级10万元."""
    by_sentence: dict[tuple[int, str], list[Term]] = {}
    for t in terms:
        if t.value_kind in ("rate", "amount", "cap", "count"):
            by_sentence.setdefault((t.line_start, t.quote), []).append(t)
    for group in by_sentence.values():
        labelled = []
        for t in group:
            m = TIER.search(t.quote[max(0, t.number_at - 24):t.number_at])
            labelled.append((t, re.sub(r"\s+", "", m.group("t") or m.group("r")) if m else None))
        names = {label for _, label in labelled if label}
        if len(names) >= 2:
            for t, label in labelled:
                if label:
                    t.tier, t.shape = label, "tiered"
        _respectively(group, terms)
        _size_classes(group)
    whole: dict[tuple[int, str], list[Term]] = {}
    for t in terms:
        whole.setdefault((t.line_start, t.quote), []).append(t)
    for group in whole.values():
        _subject_steps(group)
    _region_steps(terms)
    _regional_exceptions(terms)
    for t in terms:
        if t.shape == "point" and t.value_max is not None:
            t.shape = "range"
    # 给予37个脱贫县最高4%…贴息: a count inside a step's name is part of the name, not a term
    terms[:] = [t for t in terms if not (t.term_kind == "count" and any(
        u is not t and u.tier and u.quote == t.quote and 0 <= t.number_at - u.quote.find(u.tier) < len(u.tier)
        for u in terms))]


# 对二类ETC货车给予…22%的优惠，对三类ETC货车给予…14%的优惠; 中小微企业按…60%返还，大型企业按不超过30%返还;
# 省会城市…奖补资金总额不超过1.5亿元，其他地级市…不超过1亿元: each comma segment opens with whom its step is for
STEP_SUBJECT = re.compile(r"^\s*(?:其中[：:，,]?\s*)?(?:对(?:符合条件的)?)?"
                          r"(?P<l>(?!最高|不超过|不低于|按|给予|每|其中|同时|并|对|可|其他(?:的)?[，,]|在|自|从|经)"
                          r"[^，,。；：:\d]{2,24}?)(?=给予|按|额度|期限|奖补资金|资金总额|补贴|补助|奖励|可|享受|减免|最高|不超过)")
STEP_KINDS = ("incentive_amount", "incentive_rate", "incentive_cap", "reduced_rate", "fee_ceiling", "budget_share",
              "fund_size", "loan_ceiling", "duration", "penalty")


def _subject_steps(group: list[Term]) -> None:
    """A schedule "A…N1，B…N2" whose steps are named by their subjects (vehicle classes, borrower types, firm
    sizes, city types): two or more comma segments in a row, each opening with its own subject and holding one
    number of the same kind and unit, after the same verb (给予, 按, 额度); each number is a step named by its
    subject. A loan-size bound read as a condition in one step and as a ceiling in the next is a ceiling in both."""
    if not group:
        return
    quote = group[0].quote
    cuts = [0] + [m.end() for m in re.finditer(r"[，,]", quote)] + [len(quote) + 1]
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        m = STEP_SUBJECT.match(quote[a:b - 1])
        if m:
            segments.append((a, b, re.sub(r"\s+", "", m["l"]), quote[a + m.end("l"):a + m.end("l") + 2]))
    if len(segments) < 2:
        return
    family = lambda t: "loan_ceiling" if t.term_kind in ("threshold", "loan_ceiling") and LOAN.search(quote) \
        and t.unit == "万元" else t.term_kind
    by_key: dict[tuple, list[tuple[Term, tuple]]] = {}
    for t in group:
        if t.tier or family(t) not in STEP_KINDS:
            continue
        seg = next((g for g in segments if g[0] <= t.number_at < g[1]), None)
        if seg:
            by_key.setdefault((family(t), t.unit), []).append((t, seg))
    for (kind, _), steps in by_key.items():
        segs = [g for _, g in steps]
        if len(steps) < 2 or len(set(segs)) != len(segs) or len({g[2] for g in segs}) != len(segs) \
                or len({g[3] for g in segs}) != 1:
            continue
        order = [segments.index(g) for g in segs]
        if order != list(range(order[0], order[0] + len(order))):
            continue        # the steps follow each other
        for t, (_, _, label, _) in steps:
            t.tier, t.shape = label, "tiered"
            if kind == "loan_ceiling" and t.term_kind == "threshold":
                t.term_kind, t.value_kind, t.comparator = "loan_ceiling", "cap", t.comparator or "≤"
            own = next((b for b in BENEFICIARIES if b in label), None)
            if own or re.search(r"企业|工商户|纳税人|机构|人员", label):
                t.beneficiary = own or label


REGION = re.compile(r"(?P<r>[^，。；、的为]{1,8}?地区)(?:所在的?(?P<s>[^，。；的]{1,10}?)(?:内|范围内)?(?=的))?")
OTHER_REGION = re.compile(r"(?:其他|其余)地区[^，。；\d]{0,8}$")


def _region_steps(terms: list[Term]) -> None:
    """中高风险地区…减免6个月租金，其他地区减免3个月租金: a schedule by region, each step named by its region."""
    by_sentence: dict[tuple[int, str], list[Term]] = {}
    for t in terms:
        by_sentence.setdefault((t.line_start, t.quote), []).append(t)
    for group in by_sentence.values():
        for i, t in enumerate(group):
            if t.tier or not OTHER_REGION.search(t.quote[:t.number_at]):
                continue
            first = [u for u in group[:i] if u.unit == t.unit and not u.tier
                     and not OTHER_REGION.search(u.quote[:u.number_at])]
            named = REGION.search(first[-1].quote[:first[-1].number_at]) if first else None
            if not named or re.match(r"(?:其他|其余)", named["r"]):
                continue
            region = named["r"] + (f"所在{named['s']}" if named["s"] else "")
            first[-1].tier, first[-1].shape = region, "tiered"
            t.tier, t.shape = "其他地区", "tiered"


def _graded_steps(terms: list[Term]) -> None:
    """分档减缴: …比例达到1%（含）以上…的，按…50%缴纳；…比例在1%以下的，按…90%缴纳: in a clause that says its
    schedule is graded, each sentence with its own condition and one rate of the same kind is a step, named by
    that condition."""
    steps = []
    for t in terms:
        if t.tier or t.value_kind not in ("rate", "amount") or t.term_kind in ("threshold", "duration"):
            continue
        gates = [u for u in terms if u.quote == t.quote and u.value_kind == "threshold" and u.number_at < t.number_at]
        cond = re.search(r"([^：:；。]{2,80}?)的[，,][^，。；]{0,30}$", t.quote[:t.number_at])
        if gates and cond:
            steps.append((t, re.sub(r"\s+", "", cond[1])))
    if len(steps) >= 2 and len({t.quote for t, _ in steps}) == len(steps) \
            and len({(t.term_kind, t.measure, t.unit) for t, _ in steps}) == 1 and len({c for _, c in steps}) == len(steps):
        for t, label in steps:
            t.tier, t.shape = label, "tiered"


EXCEPTION_REGION = re.compile(r"(?:东部|中部|西部|东北|中西部)(?:省份|地区|省市)")


def _regional_exceptions(terms: list[Term]) -> None:
    """…比例达到1/3，东部省份…比例达到35%: a national goal with a regional exception; the exception is a step
    named by its region."""
    for t in terms:
        if t.term_kind != "target" or t.tier:
            continue
        seg = t.quote[:t.number_at]
        seg = seg[max(seg.rfind("，"), seg.rfind(","), seg.rfind("；")) + 1:]
        region = EXCEPTION_REGION.match(seg.strip())
        national = [u for u in terms if u.quote == t.quote and u.line_start == t.line_start and u.number_at < t.number_at
                    and u.term_kind == "target" and u.unit == t.unit and not u.tier]
        if region and national:
            t.tier, t.shape = region.group(0), "tiered"


SIZE_CLASS = re.compile(r"^\s*(?:以上|左右)?\s*(?P<c>[^、，,。；和及的]{0,12}?(?:(?<!不)超?过|达到|突破)\s*[\d千百万亿.]+\s*(?:亿元|万元|亿|万)"
                        r"|(?:国家级|省级|市级|区级|县级)|[\d千百]+\s*亿(?:元)?级)")


def _size_classes(group: list[Term]) -> None:
    """3年打造1家营业收入过1500亿元、5家营业收入过300亿元…的龙头企业, 20个国家级…平台、100个以上省级…平台: goals
    set per size class or level are the steps of a schedule, each named by its class."""
    counts = sorted((t for t in group if t.value_kind == "count" and t.term_kind in ("target", "count")
                     and t.shape == "point"), key=lambda t: t.number_at)
    quote = group[0].quote if group else ""
    labelled = []
    for t in counts:
        m = SIZE_CLASS.match(quote[t.number_at + len(t.number_printed):])
        labelled.append((t, re.sub(r"\s+", "", m["c"]) if m else None))
    runs, run = [], []
    for t, label in labelled:
        if label and run and re.fullmatch(r"[^，。；]{0,30}[、和及]\s*",
                                          quote[run[-1][0].number_at + len(run[-1][0].number_printed):t.number_at]):
            run.append((t, label))
            continue
        runs.append(run)
        run = [(t, label)] if label else []
    runs.append(run)
    for run in runs:
        if len(run) >= 2 and len({label for _, label in run}) == len(run):
            for t, label in run:
                t.tier, t.shape = label, "tiered"


def _respectively(group: list[Term], clause_terms: list[Term]) -> None:
    """对国家级…和单项冠军…分别给予50万元、100万元; 首次超过1000亿元、500亿元…分别给予1000万元、500万元…:
    the amounts after 分别 are the steps of a schedule, each named by the matching item before 分别."""
    quote = group[0].quote
    k = quote.find("分别")
    steps = sorted((t for t in group if t.number_at > k), key=lambda t: t.number_at) if k != -1 else []
    # the steps are the list right after 分别 (50万元、100万元和200万元), not later numbers of the sentence
    chain = steps[:1]
    for t in steps[1:]:
        gap = quote[chain[-1].number_at + len(chain[-1].number_printed):t.number_at]
        if not re.fullmatch(r"\s*[、和及或]\s*", gap):
            break
        chain.append(t)
    steps = chain
    if len(steps) < 2:
        return
    gates = [t for t in clause_terms if t.quote == quote and t.value_kind == "threshold" and t.number_at < k]
    for a, b in zip(gates, gates[1:]):
        if b.comparator is None and a.comparator and re.fullmatch(r"[^，。；]{0,8}[、和及]\s*",
                                                                    quote[a.number_at + len(a.number_printed):b.number_at]):
            b.comparator = a.comparator
    if len(gates) == len(steps):
        labels = [(g.comparator or "") + g.number_printed.replace(" ", "") for g in gates]
    else:
        head = re.sub(r"[（(][^）)]*[）)]", "", quote[:k])
        head = head[head.rfind("对") + 1:] if "对" in head else head[max(head.rfind("，"), 0):]
        items = [i.strip("，, ") for i in re.split(r"[、和及与]", head) if i.strip("，, ")]
        region = re.match(r".(部地区)", items[-1]) if items else None
        if region:           # 东、中、西部地区…: 东部地区, 中部地区, 西部地区
            items = [i + region[1] if len(i) == 1 else i[:i.find("地区") + 2] for i in items]
        if len(items) >= 2 and len(items[-1]) > max(len(i) for i in items[:-1]) + 4:
            # 初级工（5级）、中级工（4级）、高级工（3级）职业资格证书…的: the last step is named by its own label,
            # not by the lead-in text that follows it (with its own bracket, as the text prints it)
            own = re.search(re.escape(items[-1][:len(items[-2])]) + r"\s*[（(][^）)]{0,8}[）)]", quote[:k])
            items[-1] = re.sub(r"\s+", "", own.group(0)) if own else items[-1]
        labels = [i[-12:] for i in items] if len(items) == len(steps) else [f"第{n}档" for n in range(1, len(steps) + 1)]
    # a bound before the list holds for every step: 分别不少于500家、400家和300家
    for a, b in zip(steps, steps[1:]):
        if b.comparator is None and a.comparator and re.fullmatch(r"\s*[、和及]\s*",
                                                                    quote[a.number_at + len(a.number_printed):b.number_at]):
            b.comparator = a.comparator
    for t, label in zip(steps, labels):
        if t.term_kind in ("incentive_amount", "incentive_rate", "incentive_cap", "reduced_rate", "target",
                           "fee_ceiling", "budget_share", "loan_ceiling", "threshold", "penalty"):
            t.tier, t.shape = label, "tiered"


def _comparator(before: str, after: str) -> str | None:
    own = re.match(r"\s*(?:[（(]含[^）)]*[）)])?\s*(?P<b>以上|及以上|以下|及以下|以内)", after)
    if own:
        return "≥" if own["b"].endswith("上") else "≤"
    if AT_LEAST_BEFORE.search(before) or AT_LEAST_AFTER.match(after) \
            and not re.match(r"\s*[^\d，。；、,]{0,3}级\s*及以上", after):
        return "≥"      # 5个省部级及以上实验室: 及以上 widens the level, not the count
    if AT_MOST_BEFORE.search(before) or AT_MOST_AFTER.match(after) or CAP.search(before):
        return "≤"
    return None


def _basis(clause: str, at: int) -> str | None:
    """'按成本 30%' → 成本; '按实际贴息金额的 50%' → 实际贴息金额."""
    if re.search(r"(?:LPR|贷款市场报价利率)\s*[+＋加]\s*$", clause[max(0, at - 24):at]):
        return "LPR"
    spread = re.search(r"(?:高出|高于|低于)([^，。；\d]{2,30}?)\s*$", clause[max(0, at - 40):at])
    if spread and re.match(r"\s*\d+(?:\.\d+)?\s*个百分点", clause[at:at + 12]):
        return spread[1].strip()    # 高出…自身各项贷款不良率年度目标3个百分点: the spread keeps its benchmark
    m = re.search(r"按(?:照)?([^，,；。按%\d（()]{1,20}?)的?\s*$", clause[max(0, at - 24):at])
    basis = m[1].strip() if m else ""
    basis = re.sub(r"^(?:不超过|不高于|最高|最多)", "", basis).strip()
    return basis if basis and not re.search(r"不超过|不高于|最高|以上|以下", basis) else None


def _attach_conditions(terms: list[Term]) -> None:
    """Give every term of a clause the thresholds stated in that clause and in its lead-in."""
    by_clause: dict[str | None, list[Term]] = {}
    for t in terms:
        by_clause.setdefault(t.clause_id, []).append(t)
    lead_conditions: dict[str, list[str]] = {}
    for group in by_clause.values():
        for t in group:
            if t.value_kind == "threshold" and t.lead_in:
                lead_conditions.setdefault(t.lead_in, []).append(_condition_phrase(t))
    for group in by_clause.values():
        conditions = [t for t in group if t.value_kind == "threshold"]
        for t in group:
            parts = [_condition_phrase(c) for c in conditions if c is not t and c.quote == t.quote]
            if t.tier:          # a step's condition names its own step, not a sibling's (个体工商户… for 小微企业)
                siblings = {u.tier for u in group if u.tier and u.tier != t.tier and u.quote == t.quote}
                parts = [p for p in parts if t.tier in p or not any(s in p for s in siblings)]
            if t.lead_in and t.value_kind != "threshold":
                head = t.lead_in.rstrip("：:")
                if re.search(r"对|符合|条件|满足", head):
                    parts.append(head)
            if parts:
                t.condition = "；".join(dict.fromkeys(parts))


def _condition_phrase(t: Term) -> str:
    at = t.number_at
    return _phrase(t.quote, at, at + len(t.number_printed))


LIST_FIELDS_WITHOUT_TERMS = ("政策名称", "执行机关")  # names and agencies, not terms (执行时间 can state one)


def policy_terms(policy, lines_of: dict[str, list[str]], source_id_of: dict[str, str]) -> list[Term]:
    """Terms of one policy, read from the source lines of its text (full text, else summary or entry)."""
    text, line_of, source_id = policy_text(policy, lines_of, source_id_of)
    if text is None:
        return []
    return terms_in(text, line_of, policy_id=policy.policy_id, source_id=source_id,
                    ai_policy=bool(AI_POLICY.search(policy.title)), title=policy.title)


def policy_text(policy, lines_of, source_id_of):
    """(text, line of each character, source id) of the policy's text source, or (None, None, None)."""
    app = policy.text_source
    if app is None or app.text_lines is None:
        return None, None, None
    start, end = app.text_lines
    skip = (lambda raw: raw.strip().startswith(LIST_FIELDS_WITHOUT_TERMS)) if app.kind == "list_entry" else None
    text, line_of = text_with_lines(lines_of[app.source_file], start, end, skip=skip)
    return text, line_of, source_id_of[app.source_file]


def policy_clauses(policy, lines_of, source_id_of) -> list[clause_split.Clause]:
    """The clauses of one policy (the same split its terms are read from)."""
    text, line_of, source_id = policy_text(policy, lines_of, source_id_of)
    if text is None:
        return []
    return clause_split.split(text, line_of, policy_id=policy.policy_id, source_id=source_id)


def terms_frame(terms: list[Term]) -> pd.DataFrame:
    rows = [{"term_id": t.term_id, **t.__dict__} for t in terms]
    frame = pd.DataFrame(rows)
    return frame.drop_duplicates("term_id") if len(frame) else frame


def clauses_frame(clauses: list[clause_split.Clause]) -> pd.DataFrame:
    rows = [{k: v for k, v in c.__dict__.items() if k not in ("start", "end")} for c in clauses]
    frame = pd.DataFrame(rows)
    return frame.drop_duplicates("clause_id") if len(frame) else frame
