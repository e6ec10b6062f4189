"""Word lists and text folding for reading sales logs: names, channels, attitudes, dates, markers.

Plain data, compiled patterns and the small text helpers shared by :mod:`bot.domain.matching` and
:mod:`bot.domain.quicklog`. Patterns run on text already folded by :func:`fold` (lowercase, half-width).
"""

from __future__ import annotations

import re

from bot.domain.enums import Attitude, Channel


def words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list."""
    return tuple(text.split())


def _alt(text: str) -> str:
    return "|".join(sorted(text.split("|"), key=len, reverse=True))


def _en(text: str) -> str:
    return rf"(?<![a-z])(?:{_alt(text)})(?![a-z])"


# --- company and person names (matching) ---------------------------------------------------------
CN_SUFFIXES = words("股份有限公司 有限责任公司 有限公司 集团 分公司 总公司 公司")
EN_SUFFIXES = frozenset(
    words("inc ltd co corp corporation llc gmbh limited company plc ag sa bv pte pty group")
)
CITIES = words(
    "北京 上海 天津 重庆 深圳 广州 杭州 南京 苏州 成都 武汉 西安 厦门 青岛 宁波 长沙 郑州 合肥 "
    "东莞 佛山 无锡 济南 大连 沈阳 福州 昆明 香港 珠海 温州 常州"
)
INDUSTRY = words(
    "科技 物流 教育 电子 食品 贸易 实业 信息 技术 网络 软件 医疗 医药 制造 建设 工程 咨询 传媒 文化 "
    "能源 环保 生物 汽车 机械 材料 智能 数据 金融 投资 控股 国际 培训 学校 服饰 商贸 地产 餐饮 "
    "酒店 电器 通信 化工 家居 运输 快递 供应链"
)
TITLES = words("总经理 经理 总监 主管 主任 先生 女士 小姐 老师 老板 助理 部长 总 董")
EN_COMMON = frozenset(words("the new first general united national global great best american big one"))

_CJK = re.compile(r"[\u3400-\u9fff]")
_NON_WORD = re.compile(r"[\W_]+")
_PARENS = re.compile(r"[(（][^)）]*[)）]")
_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Lowercase and half-width the text, keeping its length so spans stay valid."""
    half = text.translate(_FULLWIDTH)
    low = half.lower()
    if len(low) == len(half):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in half)


def compact(text: str) -> str:
    """Drop whitespace and punctuation."""
    return _NON_WORD.sub("", text)


def has_cjk(text: str) -> bool:
    """True when the text holds a Chinese character."""
    return _CJK.search(text) is not None


def core_name(name: str) -> str:
    """The company name without legal suffixes (有限公司, Inc, Ltd, ...), lowercase."""
    text = _PARENS.sub(" ", fold(name)).strip()
    changed = True
    while changed:
        changed = False
        for suffix in CN_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text, changed = text[: -len(suffix)].strip(), True
        words = text.replace(",", " ").split()
        if len(words) > 1 and words[-1].strip(".&") in EN_SUFFIXES:
            text, changed = " ".join(words[:-1]), True
    return text.strip(" .,&-")


def strip_city(core: str) -> str:
    """The name without a leading city (北京远航物流 -> 远航物流)."""
    for city in CITIES:
        for prefix in (city + "市", city):
            if core.startswith(prefix) and len(core) - len(prefix) >= 2:
                return core[len(prefix) :]
    return core


def strip_title(name: str) -> tuple[str, bool]:
    """Remove a trailing Chinese title (经理, 总, 女士...) from a person name."""
    for title in TITLES:
        if name.endswith(title) and len(name) > len(title):
            return name[: -len(title)], True
    return name, False


# --- channels: the earliest verb in the message wins -----------------------------------------
# fmt: off
CHANNELS: tuple[tuple[Channel, str], ...] = (
    (Channel.VISIT, "上门|拜访|拜会|走访|登门|到访|见了|去了|面谈|见面|实地"),
    (Channel.PHONE, "电话|打给|致电|通话|来电|回电|语音通话"),
    (Channel.EMAIL, "邮件|邮箱|发邮件"),
    (Channel.MEETING, "开会|会议|展会|会上|研讨会|峰会|论坛|交流会|饭局|吃饭|视频"),
    (Channel.MESSAGE, "微信|发消息|发信息|短信|留言|私信|钉钉|企微|qq"),
    (Channel.PHONE, _en("spoke to|spoke with|talked to|talked with|had a call|phone call")),
    (Channel.VISIT, _en("visited|visit|visiting|went to|dropped by|stopped by|dropped in|on-site|onsite|in person")),
    (Channel.PHONE, _en("called|call|calling|rang|phoned|phone|dialed|voicemail|cold-called|cold called")),
    (Channel.EMAIL, _en("emailed|email|e-mailed|e-mail|mailed|wrote to")),
    (Channel.MEETING, _en("meeting|met|meet|conference|event|expo|trade show|summit|webinar|workshop|seminar|lunch|dinner")),
    (Channel.MESSAGE, _en("wechat|wechatted|messaged|message|texted|text|whatsapp|whatsapped|sms|slack|dm|dmed|pinged")),
)
# fmt: on
CHANNEL_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(CHANNELS)))

# --- attitudes: checked REJECTED, then HESITANT, then POSITIVE -------------------------------
# fmt: off
ATTITUDES: tuple[tuple[Attitude, re.Pattern[str]], ...] = (
    (Attitude.REJECTED, re.compile(
        "拒绝|不需要|没兴趣|不感兴趣|没有兴趣|不考虑|不合作|不采购|选了别家|选择了竞品|没有需求|暂不需要|没有意向|没意向|无意向|"
        + _en("declined|rejected|not interested|no interest|turned us down|turned down|passed on|said no|"
              "went with a competitor|chose a competitor|no need|not a fit"))),
    (Attitude.HESITANT, re.compile(
        "顾虑|犹豫|考虑|再看看|再想想|观望|不确定|担心|嫌贵|太贵|偏高|疑虑|纠结|不满意|没决定|拿不定|"
        + _en("concern|concerns|concerned|hesitant|hesitating|hesitates|not sure|unsure|on the fence|"
              "think about it|thinking about it|think it over|worried|too expensive|pushback|pushed back|"
              "undecided|not convinced|not happy|needs time|need time"))),
    (Attitude.POSITIVE, re.compile(
        "积极|感兴趣|很满意|满意|认可|很喜欢|喜欢|意向|有兴趣|同意|好评|愿意|期待|很好|不错|"
        + _en("liked|loved|likes|loves|interested|keen|excited|happy|positive|impressed|enthusiastic|"
              "on board|agreed|great feedback|good feedback|wants to proceed|ready to buy"))),
)
# fmt: on
NEGATION = re.compile(
    r"(?:不|没|没有|无|毫无|不太|没太|not|no|n't|never|without)\s*(?:very|really|that|so|太|很)?\s*$"
)

# --- clauses and next-action markers ---------------------------------------------------------
CLAUSE_SEP = re.compile(r"[，,。；;！!？?\n…]+|\.(?=\s|$)|\s+-\s+")
STRONG_MARKER = re.compile(
    r"下一步|接下来|然后|(?<![a-z])(?:and then|then|next steps?|next:|todo:|to-do:)(?![a-z])"
)
LEAD_MARKERS = re.compile(
    r"^(?:下一步|接下来|然后|计划|准备|打算|需要|要|约好|约了|约|and then|then|next steps?|next|todo|to-do|"
    r"will|plan to|planning to|going to|need to|needs to|i'll|we'll|i will|we will|should|to)(?:\s*[:：]\s*|\s+|(?=[^a-z])|$)",
    re.IGNORECASE,
)
VAGUE_ACTION = re.compile(r"再说|待定|看情况|再议|(?<![a-z])(?:tbd|to be decided|we'll see)(?![a-z])")
WEAK_MARKERS = re.compile(r"计划|准备|打算|约好|约了|(?<![大合节签预公契])约(?![定束])")
EDGE_LEAD = re.compile(
    r"^(?:[\s:：、,，]+|之前|以前|之后|以后|前|后|(?:before|by|on|at|until|due|around)(?![a-z]))+"
)
EDGE_TAIL = re.compile(r"(?:[\s:：、,，]+|在|于|(?<![a-z])(?:before|by|on|at|until|due|around|the|in|for))+$")

# --- date phrases (candidates for parse_when) ------------------------------------------------
DATE_TOKEN = re.compile(
    r"\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?|\d+(?:[:./-]\d+)*(?:st|nd|rd|th)?|[a-z]+(?:'[a-z]+)?|[\u3400-\u9fff]|\S"
)
DATE_CHARS = frozenset(
    "今明后昨前大天日号周星期礼上下本这个月底末初点时分半刻钟早晚午凌晨清傍夜中间以之的在于约左右年零〇一二两三四五六七八九十"
)
DATE_WORDS = frozenset(
    words(
        "today tonight tomorrow tmr tmrw yesterday eod eow eom weekend noon midday lunchtime morning afternoon "
        "evening night am pm o'clock oclock next this coming last in within on at by the of a an and end "
        "week weeks month months day days hour hours hr hrs min mins minute minutes later from now after ago "
        "before half early beginning start following one two three four five six seven eight nine ten eleven "
        "twelve fifteen twenty thirty mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri "
        "friday sat saturday sun sunday"
    )
)
# a space after a Chinese word and before a date phrase ends a clause: "客户有顾虑 下周二发报价"
CJK_SPACE = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?<![{''.join(sorted(DATE_CHARS))}])\s+(?=[今明后下本这周星礼上大前昨\d])"
)
MONTH_WORDS = frozenset(
    words(
        "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
        "oct october nov november dec december"
    )
)
STRONG_DATE = re.compile(
    r"[今明昨]|[前后]天|周[一二三四五六日天末1-7]|[下这本上]+个?(?:周|星期|礼拜|月)|星期|礼拜|[上下中]午|早上|早晨|晚上|"
    r"凌晨|傍晚|清晨|个?(?:天|周|星期|礼拜|月|小时|分钟)[后前]|月[底末初]|\d\s*[点时号日月]|[一二两三四五六七八九十][点时号日]|"
    r"\d\s*[ap]\.?m|\d:\d\d|\d{4}-\d|\d{1,2}-\d{1,2}$|(?<![a-z])(?:today|tonight|tomorrow|tmrw?|yesterday|weekend|noon|"
    r"midday|morning|afternoon|evening|night|eod|eom|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|weeks?|months?|days?|"
    r"hours?|minutes?|mins?)(?![a-z])|\d(?:st|nd|rd|th)(?![a-z])|(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
PAST_DATE = re.compile(
    r"昨|前天|上周|上个?星期|上个?礼拜|上个?月|(?:天|周|星期|个月|小时|分钟)前|刚才|刚刚|今早|今天|早上|上午|"
    r"(?<![a-z])(?:yesterday|last|ago|earlier|this morning|today|just now)(?![a-z])"
)

# --- the words after a channel verb that name an unknown customer ----------------------------
CN_OBJECT = re.compile(
    r"(?:上门拜访了?|拜访了?|走访了?|拜会了?|到访了?|见了|去了|致电|打给|联系了?|电话联系了?|微信联系了?|给|和|跟|与|同)"
    r"\s*([^\s，,。；;：:！!？?、]{2,16})"
)
CN_OBJECT_STOP = re.compile(
    r"的|打|通|开会|发|沟通|聊|谈|见面|客户|那边|一趟|一次|老板|说|对|表示|反馈|介绍|演示|讨论|签|电话|视频|会议|"
    r"邮件|微信|关于|就|了解|负责人|采购|今天|昨天|上午|下午|晚上|他们|对方|我们|他|她"
)
EN_OBJECT = re.compile(
    r"(?<![a-z])(?:called|call with|call to|rang|phoned|visited|visit to|visit at|emailed|email to|mailed|met with|"
    r"met|meeting with|meeting at|messaged|texted|pinged|whatsapped|wechatted|spoke with|spoke to|talked to|"
    r"talked with|went to|dropped by|stopped by|demo for|demo with|from|at|with)\s+([a-z0-9&'.\- ]{2,60})",
    re.IGNORECASE,
)
EN_OBJECT_STOP = frozenset(
    words(
        "they them he she him her we us i it its was were is are said and about re regarding for but who on "
        "today yesterday this last to back again the a an their his our my your that there after before in "
        "during morning afternoon evening week"
    )
)
_WORD = re.compile(r"[A-Za-z0-9&'.\-]+")


def _en_name(tail: str, capitals: bool) -> tuple[int, int] | None:
    """The first words of `tail` that can name a company: capitalised ones, else up to three."""
    span = None
    for k, w in enumerate(_WORD.finditer(tail)):
        word = w.group().strip(".'")
        capital = bool(word) and (word[0].isupper() or word == "&")
        if k >= (4 if capitals else 3) or not word or word.lower() in EN_OBJECT_STOP or capitals > capital:
            break
        span = (span[0] if span else w.start(), w.end())
    return span


def object_fragment(text: str) -> tuple[int, str] | None:
    """Where the words after a channel verb name a customer: (position, fragment), or None."""
    found: list[tuple[int, str]] = []
    for m in CN_OBJECT.finditer(text):
        stop = CN_OBJECT_STOP.search(m.group(1))
        if stop is None or stop.start() >= 2:
            found.append((m.start(1), m.group(1)[: stop.start() if stop else None]))
            break
    english: list[tuple[int, str, bool]] = []
    pos = 0
    while (hit := EN_OBJECT.search(text, pos)) is not None and len(english) < 4:
        pos = hit.start(1)  # overlapping: "with Sarah from Stark" also yields "from Stark"
        capitals, via = hit.group(1)[:1].isupper(), hit.group(0).split(None, 1)[0].lower() in ("from", "at")
        span = (
            _en_name(hit.group(1), capitals)
            if capitals or not (via or hit.group(0)[:4].lower() == "with")
            else None
        )
        if span is not None:
            english.append((hit.start(1) + span[0], hit.group(1)[span[0] : span[1]].strip("."), via))
    if english:  # "met with Sarah from Stark Industries": the company, not the first name
        lone = " " not in english[0][1] and any(via for *_, via in english[1:])
        found.append(next((e for e in english if e[2]), english[0])[:2] if lone else english[0][:2])
    return min(found) if found else None
