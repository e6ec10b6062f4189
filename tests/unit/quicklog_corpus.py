"""Realistic one-message sales logs with what read_quick_log should make of them.

Frozen now: Wednesday 2026-11-25 10:00 Asia/Shanghai. So 明天 = Thu 11-26, 周五/fri = 11-27,
下周一/next monday = 11-30, 下周二/next tuesday = 12-01, 下周三 = 12-02.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.enums import Attitude, Channel
from bot.domain.matching import CustomerRef

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A 2026 datetime in Shanghai time."""
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


CUSTOMERS: tuple[CustomerRef, ...] = (
    CustomerRef(1, "华星科技有限公司", "IT2026001", ("王经理", "李娜")),
    CustomerRef(2, "北京远航物流", "LG2026001", ("赵总", "刘洋")),
    CustomerRef(3, "上海明德教育", "ED2026001", ("陈老师", "周敏")),
    CustomerRef(4, "深圳云帆电子", "IT2026002", ("黄志强", "孙经理")),
    CustomerRef(5, "杭州绿源食品", "FD2026001", ("吴总", "郑丽")),
    CustomerRef(6, "华兴科技", "IT2026003", ("张伟",)),
    CustomerRef(7, "Acme Corp", "MF2026001", ("John Smith", "Zhang Wei")),
    CustomerRef(8, "Globex", "MF2026002", ("Hank Scorpio",)),
    CustomerRef(9, "Initech", "IT2026004", ("Bill Lumbergh", "Peter Gibbons")),
    CustomerRef(10, "Northwind Traders", "RT2026001", ("Nancy Davolio",)),
    CustomerRef(11, "Contoso Ltd", "IT2026005", ("Megan Bowen",)),
    CustomerRef(12, "Northwind Health", "MD2026001", ("Andrew Fuller",)),
)


@dataclass(frozen=True)
class Case:
    text: str
    customer: int | None  # expected top match id; None = no known customer
    channel: Channel | None
    summary: str  # the exact summary, or a required substring when exact=False
    next_action: str | None
    due: datetime | None
    attitude: Attitude | None = None
    contact_time: datetime | None = None  # None = NOW
    query: str | None = None  # expected customer_query when it matters
    exact: bool = True


V, P, E, M, W = Channel.VISIT, Channel.PHONE, Channel.EMAIL, Channel.MEETING, Channel.MESSAGE
POS, HES, REJ = Attitude.POSITIVE, Attitude.HESITANT, Attitude.REJECTED

# fmt: off
CHINESE: tuple[Case, ...] = (
    Case("拜访了华星科技，客户对报价有顾虑，下周二上午10点发补充报价",
         1, V, "拜访了华星科技，客户对报价有顾虑", "发补充报价", at(12, 1, 10), HES, query="华星科技"),
    Case("上门拜访北京远航物流，赵总对方案很满意，明天下午2点发合同",
         2, V, "上门拜访北京远航物流，赵总对方案很满意", "发合同", at(11, 26, 14), POS, query="北京远航物流"),
    Case("给明德教育的陈老师打了电话，她对课程体系感兴趣，周五下午3点回电确认时间",
         3, P, "给明德教育的陈老师打了电话，她对课程体系感兴趣", "回电确认时间", at(11, 27, 15), POS),
    Case("云帆电子孙经理微信说暂时不需要，下个月再说",
         4, W, "云帆电子孙经理微信说暂时不需要，下个月再说", None, None, REJ),
    Case("和绿源食品吴总开会，讨论了年度供货协议，下一步：12月8日下午3点前发合同初稿",
         5, M, "和绿源食品吴总开会，讨论了年度供货协议", "发合同初稿", at(12, 8, 15), None),
    Case("昨天下午拜访了华星科技，王经理很认可我们的方案",
         1, V, "昨天下午拜访了华星科技，王经理很认可我们的方案", None, None, POS, contact_time=at(11, 24, 14)),
    Case("致电远航物流刘洋，对价格有疑虑，五天后跟进",
         2, P, "致电远航物流刘洋，对价格有疑虑", "跟进", at(11, 30), HES),
    Case("发邮件给上海明德教育周敏，附上报价单，下周一上午9点电话确认",
         3, E, "发邮件给上海明德教育周敏，附上报价单", "电话确认", at(11, 30), None),
    Case("电话联系杭州绿源食品郑丽，对新品很感兴趣，今晚8点发产品目录",
         5, P, "电话联系杭州绿源食品郑丽，对新品很感兴趣", "发产品目录", at(11, 25, 20), POS),
    Case("拜访了天宇建设，客户对智能仓储方案有兴趣，下周三上午10点再去一趟",
         None, V, "拜访了天宇建设，客户对智能仓储方案有兴趣", "再去一趟", at(12, 2, 10), POS, query="天宇建设"),
    Case("华星科技李娜来电，询问售后条款，明天上午10点回复",
         1, P, "华星科技李娜来电，询问售后条款", "回复", at(11, 26, 10), None),
    Case("去了云帆电子，黄志强拒绝了我们的报价",
         4, V, "去了云帆电子，黄志强拒绝了我们的报价", None, None, REJ),
    Case("上周五在展会上见了远航物流的赵总，对冷链方案感兴趣，下周二下午3点上门演示",
         2, M, "上周五在展会上见了远航物流的赵总，对冷链方案感兴趣", "上门演示", at(12, 1, 15), POS, contact_time=at(11, 20)),
    Case("微信跟明德教育周敏确认了试听安排，她很满意，12月8日上午9点安排试听",
         3, W, "微信跟明德教育周敏确认了试听安排，她很满意", "安排试听", at(12, 8), POS),
    Case("和华星科技王经理通话半小时，客户还在犹豫，后天下午4点再打电话",
         1, P, "和华星科技王经理通话半小时，客户还在犹豫", "再打电话", at(11, 27, 16), HES),
    Case("绿源食品吴总明确说不感兴趣，暂停跟进",
         5, None, "绿源食品吴总明确说不感兴趣，暂停跟进", None, None, REJ),
    Case("今天上午拜访深圳云帆电子，演示了新版系统，客户认可，下周五前给出报价",
         4, V, "今天上午拜访深圳云帆电子，演示了新版系统，客户认可", "给出报价", at(12, 4), POS, contact_time=at(11, 25)),
    Case("打给远航物流，没人接，明天上午再打",
         2, P, "打给远航物流，没人接", "再打", at(11, 26), None),
    Case("参加行业峰会遇到明德教育陈老师，聊了合作意向，计划下周二发资料",
         3, M, "参加行业峰会遇到明德教育陈老师，聊了合作意向", "发资料", at(12, 1), POS, query="明德教育"),
    Case("云帆电子黄志强发来微信，说预算要到明年才批，先观望",
         4, W, "云帆电子黄志强发来微信，说预算要到明年才批，先观望", None, None, HES),
    Case("视频会议和华兴科技张伟过了技术方案，对接口有顾虑，12月3日下午2点再开会",
         6, M, "视频会议和华兴科技张伟过了技术方案，对接口有顾虑", "再开会", at(12, 3, 14), HES),
)
ENGLISH: tuple[Case, ...] = (
    Case("called Acme, they liked the demo, send quote fri 3pm",
         7, P, "called Acme, they liked the demo", "send quote", at(11, 27, 15), POS, query="Acme"),
    Case("Visited Globex HQ, Hank is interested in the premium plan. Next: send pricing by next monday 9am",
         8, V, "Visited Globex HQ, Hank is interested in the premium plan", "send pricing", at(11, 30), POS),
    Case("Emailed Initech the proposal, Bill has concerns about the timeline, follow up tomorrow 10am",
         9, E, "Emailed Initech the proposal, Bill has concerns about the timeline", "follow up", at(11, 26, 10),
         HES),
    Case("Met Northwind Traders at the expo, Nancy was keen on a pilot, then schedule a demo next tuesday at 2pm",
         10, M, "Met Northwind Traders at the expo, Nancy was keen on a pilot", "schedule a demo", at(12, 1, 14),
         POS),
    Case("Phoned Contoso, Megan said they are not interested this year",
         11, P, "Phoned Contoso, Megan said they are not interested this year", None, None, REJ),
    Case("quick call with Zhang Wei from Acme, pricing is too expensive for them, in 4 days send revised offer",
         7, P, "quick call with Zhang Wei from Acme, pricing is too expensive for them", "send revised offer",
         at(11, 29), HES),
    Case("Dropped by Initech office, Peter loved the new dashboard, send contract tomorrow 5pm",
         9, V, "Dropped by Initech office, Peter loved the new dashboard", "send contract", at(11, 26, 17), POS),
    Case("WhatsApp with Hank Scorpio from Globex, he wants to proceed, prepare PO draft by fri",
         8, W, "WhatsApp with Hank Scorpio from Globex, he wants to proceed", "prepare PO draft", at(11, 27),
         POS),
    Case("yesterday called Contoso, Megan asked for a case study, email it on dec 8 at 3pm",
         11, P, "yesterday called Contoso, Megan asked for a case study", "email it", at(12, 8, 15), None,
         contact_time=at(11, 24)),
    Case("Sent Acme an email with the spec sheet, John is hesitant about budget, call him next monday 9am",
         7, E, "Sent Acme an email with the spec sheet, John is hesitant about budget", "call him", at(11, 30),
         HES),
    Case("Video meeting with Initech and their CFO, they declined the upgrade",
         9, M, "Video meeting with Initech and their CFO, they declined the upgrade", None, None, REJ),
    Case("Texted Megan at Contoso to confirm the workshop, she is excited, then book the room for next wednesday 10am",
         11, W, "Texted Megan at Contoso to confirm the workshop, she is excited", "book the room", at(12, 2, 10),
         POS),
    Case("Met Acme at the trade show, they liked our booth, follow up in 2 weeks",
         7, M, "Met Acme at the trade show, they liked our booth", "follow up", at(12, 9), POS),
    Case("Called Globex twice, no answer, try again tomorrow at 11am",
         8, P, "Called Globex twice, no answer", "try again", at(11, 26, 11), None),
    Case("Visited Wayne Enterprises, they are interested in fleet tracking, send brochure fri 10am",
         None, V, "Visited Wayne Enterprises, they are interested in fleet tracking", "send brochure",
         at(11, 27, 10), POS, query="Wayne Enterprises"),
    Case("emailed Northwind Traders the updated quote, Nancy said not sure yet, check back next monday",
         10, E, "emailed Northwind Traders the updated quote, Nancy said not sure yet", "check back", at(11, 30),
         HES),
    Case("Lunch with Peter Gibbons from Initech yesterday, he is happy with the rollout",
         9, M, "he is happy with the rollout", None, None, POS, contact_time=at(11, 24), exact=False),
    Case("Left a voicemail for Hank at Globex; call again thursday 4pm",
         8, P, "Left a voicemail for Hank at Globex", "call again", at(11, 26, 16), None),
)
MIXED: tuple[Case, ...] = (
    Case("拜访了Acme，John对demo很满意，下周二上午10点send quote",
         7, V, "拜访了Acme，John对demo很满意", "send quote", at(12, 1, 10), POS),
    Case("called 华星科技 王经理, 对价格有顾虑, follow up 明天下午3点",
         1, P, "called 华星科技 王经理, 对价格有顾虑", "follow up", at(11, 26, 15), HES),
    Case("和Globex的Hank开了视频会议，他们感兴趣，fri 3pm发报价",
         8, M, "和Globex的Hank开了视频会议，他们感兴趣", "发报价", at(11, 27, 15), POS),
    Case("微信联系了Contoso的Megan，她说再考虑，next monday 9am 再跟进",
         11, W, "微信联系了Contoso的Megan，她说再考虑", "再跟进", at(11, 30), HES),
)
# fmt: on

CASES: tuple[Case, ...] = CHINESE + ENGLISH + MIXED

NOT_LOGS: tuple[str, ...] = (
    "hello", "谢谢", "?", "🙂", "", "   ", "ok", "好的", "收到", "/start", "明天天气怎么样",
    "<b>hi</b>", "👍👍👍", "what's up", "x" * 5000,
)  # fmt: skip
