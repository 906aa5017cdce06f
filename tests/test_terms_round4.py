"""Issue 9, round 4 of the independent term check: each rule read on a real clause of the five sources
(the source file's prefix is given after each clause)."""
from data.pipeline.terms import terms_in


def read(text: str, title: str = "") -> list:
    """The terms of one clause, read as a policy text of its own."""
    return [t for t in terms_in(text, [1] * len(text), policy_id="p", source_id="s", title=title)
            if t.value_kind != "statement"]


def only(terms, printed: str):
    found = [t for t in terms if t.number_printed.replace(" ", "") == printed]
    assert len(found) == 1, (printed, [(t.number_printed, t.term_kind) for t in terms])
    return found[0]


# --- 1. a time bound on who qualifies is a threshold; how long a benefit lasts stays a duration ---

def test_a_look_back_on_who_may_hold_a_role_is_a_threshold_at_most():
    struck = only(read("（二）因本条例第十四条第一款第三项所列情形被注销登记，自被注销登记之日起未逾3年的私募基金管理人，"
                       "或者为该私募基金管理人的控股股东、实际控制人、普通合伙人。"), "3年")                         # 001
    recent = only(read("（二）最近3年因重大违法违规行为被金融管理部门处以行政处罚。"), "3年")                           # 001
    for t in (struck, recent):
        assert (t.term_kind, t.value, t.unit, t.comparator) == ("threshold", 36.0, "月", "≤")


def test_a_tenure_that_decides_who_qualifies_is_a_threshold_at_least():
    notice = read("四、本公告所称农户，是指长期（一年以上）居住在乡镇（不包括城关镇）行政管理区域内的住户，还包括长期居住在"
                  "城关镇所辖行政村范围内的住户和户口不在本地而在本地居住一年以上的住户，国有农场的职工和农村个体工商户。"
                  "位于乡镇（不包括城关镇）行政管理区域内和在城关镇所辖行政村范围内的国有经济的机关、团体、学校、企事业单位的"
                  "集体户；有本地户口，但举家外出谋生一年以上的住户，无论是否保留承包耕地均不属于农户。",
                  title="关于延续实施小额贷款公司有关税收优惠政策的公告")                                       # 002
    away = [t for t in notice if "举家外出" in t.quote][0]
    assert (away.term_kind, away.value, away.comparator, away.measure) == ("threshold", 12.0, "≥", "tax_relief")
    insured = only(read("参加失业保险1年以上的企业职工或领取失业保险金人员取得职业资格证书或职业技能等级证书的，"
                        "可申请技能提升补贴，每人每年享受补贴次数最多不超过三次。"), "1年")                         # 002
    assert (insured.term_kind, insured.value, insured.comparator, insured.measure) == ("threshold", 12.0, "≥", "subsidy")


def test_a_tenure_stated_as_who_the_rule_is_for_is_a_threshold_and_its_end_point_is_not_restated():
    short = only(read("纳税人的实际经营期不足 1 年的，应当按月换算其减免税限额。"), "1年")                               # 002
    assert (short.term_kind, short.value, short.comparator) == ("threshold", 12.0, "≤")
    carry = read("六、纳税人在2027年12月31日享受本公告规定的税收优惠政策未满3年的，可继续享受至3年期满为止。")          # 002
    assert [(t.term_kind, t.value, t.comparator) for t in carry] == [("threshold", 36.0, "≤")]


def test_how_long_a_loan_or_deferral_lasts_stays_a_duration():
    loan = only(read("个人创业担保贷款额度不超过 30 万元，贷款期限不超过 3 年。"), "3年")                              # 002
    deferral = only(read("对中小微企业、以单位方式参保的个体工商户缓缴 3 个月职工医保单位缴费，缓缴期间免收滞纳金。"),
                    "3个月")                                                                                 # 002
    assert (loan.term_kind, deferral.term_kind) == ("duration", "duration")


# --- 2. a schedule "A…N1，B…N2" is tiered whatever its steps are ---

def test_a_schedule_by_vehicle_class_is_tiered():
    terms = read("疫情结束到2020年底，在原优惠政策基础上，对二类ETC货车给予应交通行费22%的优惠，"
                 "对三类ETC货车给予应交通行费14%的优惠。")                                                     # 003
    assert [(t.value, t.shape, t.tier) for t in terms] == [(22.0, "tiered", "二类ETC货车"), (14.0, "tiered", "三类ETC货车")]


def test_a_schedule_by_borrower_type_tiers_each_step_with_its_own_label_and_beneficiary():
    terms = read("对符合条件的个体工商户额度不超过 20 万元、期限不超过 3 年，小微企业额度不超过 300 万元、期限不超过 2 年的"
                 "创业担保贷款，给予 37个脱贫县最高 4%、其他地区最高 3%贴息，贴息资金由各级财政按比例分担。")         # 003
    three, two = only(terms, "3年"), only(terms, "2年")
    assert (three.term_kind, three.shape, three.tier, three.beneficiary) == ("duration", "tiered", "个体工商户", "个体工商户")
    assert (two.term_kind, two.shape, two.tier, two.beneficiary) == ("duration", "tiered", "小微企业", "小微企业")
    assert "个体工商户" not in (two.condition or "")       # a step's condition does not name its sibling
    assert {(t.term_kind, t.tier) for t in terms if t.unit == "万元"} == {("loan_ceiling", "个体工商户"),
                                                                         ("loan_ceiling", "小微企业")}
    assert not [t for t in terms if t.number_printed == "37个"]    # part of the step's name 37个脱贫县


def test_a_schedule_by_firm_size_and_by_city_type_is_tiered():
    refund = read("中小微企业按不超过企业及其职工上年度实际缴纳失业保险费的 60%返还，大型企业按不超过 30%返还。")     # 002
    assert [(t.value, t.tier) for t in refund] == [(60.0, "中小微企业"), (30.0, "大型企业")]
    assert only(refund, "30%").beneficiary == "大型企业"
    funds = read("其中，省会城市、计划单列市、兵团奖补资金总额不超过1.5亿元，其他地级市、直辖市所辖区县奖补资金总额不超过1亿元。")  # 002
    assert [(t.term_kind, t.shape, t.tier) for t in funds] == [
        ("fund_size", "tiered", "省会城市、计划单列市、兵团"), ("fund_size", "tiered", "其他地级市、直辖市所辖区县")]


# --- 3. a rule of how many are chosen is a count; 4. a sanction is a penalty ---

def test_a_rule_of_how_many_are_chosen_is_a_count():
    cap = only(read("原则上每个细分行业能效“领跑者”企业数量不超过5家。"), "5家")                                    # 002
    assert (cap.term_kind, cap.comparator) == ("count", "≤")
    chosen = only(read("各省每年自主确定 1-3 个示范区，示范区可为市（地、州、盟）、县（市、区、旗）、国家级新区。"), "1-3个")  # 002
    assert (chosen.term_kind, chosen.shape, chosen.value, chosen.value_max) == ("count", "range", 1.0, 3.0)
    assert chosen.measure != "target"
    paired = only(read("鼓励各地组织1-3家工业企业与基础电信企业深度对接合作，利用5G改造工业互联网内网。"), "1-3家")  # 001
    assert paired.term_kind == "count"


def test_a_suspension_ordered_as_a_sanction_is_a_penalty():
    ban = read("属于定点医药机构的，责令其暂停相关责任部门 6 个月以上 1 年以下涉及社会保险基金使用的社会保险服务，"
               "直至由社会保险经办机构解除服务协议。")                                                         # 002
    assert [(t.term_kind, t.shape, t.measure, t.value, t.value_max) for t in ban] == [("penalty", "range", "other", 6.0, 12.0)]


# --- 5. the measure is what the clause gives; 6. one fact stated twice is one term ---

def test_the_measure_follows_what_the_money_or_the_condition_gives():
    retrofit = only(read("应按照“企业出一点、服务商让一点、政府补一点”的原则，安排不低于 80% 的奖补资金开展中小企业数字化改造工作。"),
                    "80%")                                                                                  # 002
    assert retrofit.measure == "subsidy"
    transfer = only(read("省财政统筹按各地新增发放创业担保贷款额度的 1%给予奖补。"), "1%")                          # 003
    assert transfer.measure == "guarantee"
    hire = read("二、自 2023 年 1 月 1 日至 2027 年 12 月 31 日，企业招用自主就业退役士兵，与其签订 1 年以上期限劳动合同并依法"
                "缴纳社会保险费的，自签订劳动合同并缴纳社会保险当月起，在3年内按实际招用人数予以定额依次扣减增值税、"
                "城市维护建设税、教育费附加、地方教育附加和企业所得税优惠。")                                  # 002
    assert {t.measure for t in hire} == {"tax_relief"}
    equipment = only(read("一、高新技术企业在 2022 年 10 月 1 日至 2022 年 12 月 31 日期间新购置的设备、器具，允许当年一次性全额在计算"
                          "应纳税所得额时扣除，并允许在税前实行 100%加计扣除。"), "100%")                        # 003
    assert equipment.measure == "tax_relief"


def test_a_lock_in_of_a_tax_procedure_is_stated_once_and_is_not_relief():
    terms = read("创投企业选择一种核算方式满 3 年需要调整的，应当在满 3 年的次年 1 月 31 日前，重新向主管税务机关备案。")  # 002
    assert [(t.term_kind, t.value, t.comparator, t.measure) for t in terms] == [("duration", 36.0, "≥", "other")]


# --- earlier rounds, still held ---

def test_the_step_of_a_per_unit_award_is_its_unit_not_a_term():
    terms = read("对世界和全国 500 强企业、国内行业领军企业展出展位数占总展位数的比例在20%以上的展览，给予 10 万元的额外奖励；"
                 "比例每增加 10%，额外奖励金额增加 5 万元。")                                                    # 003
    assert [(t.term_kind, t.value) for t in terms if t.unit == "%"] == [("threshold", 20.0)]
    assert not [t for t in terms if t.number_printed.replace(" ", "") == "10%"]
    extra = only(terms, "5万元")
    assert (extra.shape, extra.per_unit.replace(" ", "")) == ("per_unit", "每增加10%")


def test_the_number_of_issuing_or_taking_part_bodies_is_not_a_term():
    issued = read("工业和信息化部等6部门联合发布《新能源汽车废旧动力电池回收和综合利用管理暂行办法》。")           # 000
    joined = read("最高人民法院、最高人民检察院、共青团中央、全国妇联、中国残联等 31 个单位参加，根据职责分工落实本意见。")  # 002
    assert issued == [] and joined == []
