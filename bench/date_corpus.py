"""Shared phrase corpus for tests/unit/test_dates.py and bench/bench_dates.py.

Each case is (phrase, now key, prefer, expected local "YYYY-MM-DD HH:MM" or None).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")

NOWS: dict[str, datetime] = {
    "wed": datetime(2026, 11, 25, 10, 0, tzinfo=SH),  # Wednesday morning (the examples)
    "fri": datetime(2026, 11, 27, 18, 0, tzinfo=SH),  # Friday evening: "周五" today has passed
    "yearend": datetime(2026, 12, 28, 16, 0, tzinfo=SH),  # Monday, the year rolls over
    "eom": datetime(2026, 10, 31, 8, 0, tzinfo=SH),  # Saturday the 31st, before 09:00
    "ny": datetime(2026, 3, 7, 23, 30, tzinfo=NY),  # Saturday night, DST starts at 02:00
    "utc": datetime(2026, 2, 27, 23, 50, tzinfo=UTC),  # Friday, end of a 28-day February
}

F, P = "future", "past"
Case = tuple[str, str, str, str | None]

CASES: list[Case] = [
    # --- the examples
    ("明天下午2点", "wed", F, "2026-11-26 14:00"),
    ("后天上午10点", "wed", F, "2026-11-27 10:00"),
    ("下周三", "wed", F, "2026-12-02 09:00"),
    ("五天后", "wed", F, "2026-11-30 09:00"),
    ("今晚7点", "wed", F, "2026-11-25 19:00"),
    ("12月8日下午3点", "wed", F, "2026-12-08 15:00"),
    ("next monday 9am", "wed", F, "2026-11-30 09:00"),
    ("tomorrow 10am", "wed", F, "2026-11-26 10:00"),
    ("in 4 days", "wed", F, "2026-11-29 09:00"),
    ("friday 2pm", "wed", F, "2026-11-27 14:00"),
    ("昨天上午10点", "wed", P, "2026-11-24 10:00"),
    ("尽快", "wed", F, None),
    # --- a bare hour after a day or a time of day is that hour, not 09:00 (review finding)
    ("明天下午3", "wed", F, "2026-11-26 15:00"),
    ("tomorrow afternoon 3", "wed", F, "2026-11-26 15:00"),
    ("tomorrow 10", "wed", F, "2026-11-26 10:00"),
    ("tonight 8", "wed", F, "2026-11-25 20:00"),
    ("今晚8", "wed", F, "2026-11-25 20:00"),
    ("20", "wed", F, None),
    ("12月8日前", "wed", F, None),  # dateparser's "8 days ago" is refused, not returned in the past
    # --- Chinese days and times
    ("明天下午3点", "wed", F, "2026-11-26 15:00"),
    ("下周二", "wed", F, "2026-12-01 09:00"),
    ("两天后", "wed", F, "2026-11-27 09:00"),
    ("今晚8点", "wed", F, "2026-11-25 20:00"),
    ("昨天下午4点", "wed", P, "2026-11-24 16:00"),
    ("下下周一", "wed", F, "2026-12-07 09:00"),
    ("下下个星期一", "wed", F, "2026-12-07 09:00"),
    ("半小时后", "wed", F, "2026-11-25 10:30"),
    ("两周后", "wed", F, "2026-12-09 09:00"),
    ("3点15分", "wed", F, "2026-11-25 15:15"),
    ("上午10点半", "wed", F, "2026-11-25 10:30"),
    ("中午12点", "wed", F, "2026-11-25 12:00"),
    ("晚上8点", "wed", F, "2026-11-25 20:00"),
    ("下午3点", "wed", F, "2026-11-25 15:00"),
    ("周五", "wed", F, "2026-11-27 09:00"),
    ("星期三", "wed", F, "2026-12-02 09:00"),  # today, but 09:00 has passed
    ("周三下午3点", "wed", F, "2026-11-25 15:00"),  # today, still ahead
    ("礼拜天", "wed", F, "2026-11-29 09:00"),
    ("下礼拜一", "wed", F, "2026-11-30 09:00"),
    ("下个星期三", "wed", F, "2026-12-02 09:00"),
    ("这周五", "wed", F, "2026-11-27 09:00"),
    ("本周一", "wed", F, "2026-11-23 09:00"),
    ("下周", "wed", F, "2026-11-30 09:00"),
    ("下周二下午三点", "wed", F, "2026-12-01 15:00"),
    ("月底", "wed", F, "2026-11-30 09:00"),
    ("月底下午5点", "wed", F, "2026-11-30 17:00"),
    ("下月初", "wed", F, "2026-12-01 09:00"),
    ("下个月5号", "wed", F, "2026-12-05 09:00"),
    ("下月10日下午2点", "wed", F, "2026-12-10 14:00"),
    ("8号", "wed", F, "2026-12-08 09:00"),
    ("明早", "wed", F, "2026-11-26 09:00"),
    ("明晚", "wed", F, "2026-11-26 19:00"),
    ("明晚8点", "wed", F, "2026-11-26 20:00"),
    ("大后天", "wed", F, "2026-11-28 09:00"),
    ("前天", "wed", P, "2026-11-23 09:00"),
    ("十天后", "wed", F, "2026-12-05 09:00"),
    ("两个小时后", "wed", F, "2026-11-25 12:00"),
    ("一个半小时后", "wed", F, "2026-11-25 11:30"),
    ("30分钟后", "wed", F, "2026-11-25 10:30"),
    ("3个月后", "wed", F, "2027-02-25 09:00"),
    ("十二月八日", "wed", F, "2026-12-08 09:00"),
    ("2027年1月3日", "wed", F, "2027-01-03 09:00"),
    ("12月8号晚上8点半", "wed", F, "2026-12-08 20:30"),
    ("2026年12月8日 15:00", "wed", F, "2026-12-08 15:00"),
    ("12月8日", "wed", P, "2025-12-08 09:00"),
    ("周五", "wed", P, "2026-11-20 09:00"),
    ("  明天下午３点！", "wed", F, "2026-11-26 15:00"),  # full-width digits, punctuation
    ("明天下午３：３０", "wed", F, "2026-11-26 15:30"),  # full-width colon
    ("约明天 3点", "wed", F, "2026-11-26 15:00"),  # bare 3点 = business hours
    ("下周的周三", "wed", F, "2026-12-02 09:00"),
    ("二〇二七年一月三日", "wed", F, "2027-01-03 09:00"),
    ("凌晨2点", "wed", F, "2026-11-26 02:00"),
    # --- English
    ("yesterday 4pm", "wed", P, "2026-11-24 16:00"),
    ("in 2 hours", "wed", F, "2026-11-25 12:00"),
    ("3pm", "wed", F, "2026-11-25 15:00"),
    ("15:30", "wed", F, "2026-11-25 15:30"),
    ("3:30pm", "wed", F, "2026-11-25 15:30"),
    ("10am", "wed", F, "2026-11-26 10:00"),  # exactly now is not "ahead"
    ("9am", "wed", F, "2026-11-26 09:00"),
    ("in an hour", "wed", F, "2026-11-25 11:00"),
    ("in half an hour", "wed", F, "2026-11-25 10:30"),
    ("in 30 minutes", "wed", F, "2026-11-25 10:30"),
    ("in 2 weeks", "wed", F, "2026-12-09 09:00"),
    ("2 days later", "wed", F, "2026-11-27 09:00"),
    ("3 days ago", "wed", P, "2026-11-22 09:00"),
    ("the day after tomorrow", "wed", F, "2026-11-27 09:00"),
    ("tonight", "wed", F, "2026-11-25 19:00"),
    ("tonight at 8", "wed", F, "2026-11-25 20:00"),
    ("tomorrow morning", "wed", F, "2026-11-26 09:00"),
    ("tomorrow noon", "wed", F, "2026-11-26 12:00"),
    ("this afternoon", "wed", F, "2026-11-25 14:00"),
    ("fri 3pm", "wed", F, "2026-11-27 15:00"),
    ("next week", "wed", F, "2026-11-30 09:00"),
    ("friday next week", "wed", F, "2026-12-04 09:00"),
    ("next week fri", "wed", F, "2026-12-04 09:00"),
    ("coming friday", "wed", F, "2026-11-27 09:00"),
    ("8am tomorrow", "wed", F, "2026-11-26 08:00"),
    ("tomorrow at 3", "wed", F, "2026-11-26 15:00"),
    ("a week from now", "wed", F, "2026-12-02 09:00"),
    ("now", "wed", P, "2026-11-25 10:00"),
    ("last friday", "wed", P, "2026-11-20 09:00"),
    ("end of month", "wed", F, "2026-11-30 09:00"),
    ("early next month", "wed", F, "2026-12-01 09:00"),
    ("beginning of next month", "wed", F, "2026-12-01 09:00"),
    ("Dec 8", "wed", F, "2026-12-08 09:00"),
    ("8 Dec", "wed", F, "2026-12-08 09:00"),
    ("December 8th", "wed", F, "2026-12-08 09:00"),
    ("Tuesday, Dec 8", "wed", F, "2026-12-08 09:00"),
    ("December 8, 2026 at 3:00 PM", "wed", F, "2026-12-08 15:00"),
    ("2026-12-08", "wed", F, "2026-12-08 09:00"),
    ("12-08", "wed", F, "2026-12-08 09:00"),
    ("in 1h", "wed", F, "2026-11-25 11:00"),
    ("monday 15h", "wed", F, "2026-11-30 15:00"),
    # --- left to the dateparser fallback
    ("2026-12-08T15:30", "wed", F, "2026-12-08 15:30"),
    ("Thu, 03 Dec 2026 14:00:00 +0000", "wed", F, "2026-12-03 22:00"),  # converted to now's zone
    ("3pm EST", "wed", F, "2026-11-26 04:00"),
    ("8 in the morning", "wed", F, "2026-11-26 08:00"),
    ("last week", "wed", P, None),  # a week is not a day
    # --- vague, ambiguous, garbage
    ("8.12.2026", "wed", F, None),
    ("12/8", "wed", F, None),
    ("近期", "wed", F, None),
    ("下次", "wed", F, None),
    ("改天吧", "wed", F, None),
    ("有空再说", "wed", F, None),
    ("回头联系", "wed", F, None),
    ("soon", "wed", F, None),
    ("asap", "wed", F, None),
    ("later", "wed", F, None),
    ("sometime next week", "wed", F, None),
    ("someday", "wed", F, None),
    ("下个月", "wed", F, None),  # a month is not a day
    ("hello", "wed", F, None),
    ("客户说再联系", "wed", F, None),
    ("😀", "wed", F, None),
    ("25点", "wed", F, None),
    ("明天后天", "wed", F, None),  # two answers: refuse rather than guess
    ("2月30日", "wed", F, None),
    # --- Friday evening: today's weekday counts only if the time is still ahead
    ("周五", "fri", F, "2026-12-04 09:00"),
    ("周五晚上8点", "fri", F, "2026-11-27 20:00"),
    ("friday 5pm", "fri", F, "2026-12-04 17:00"),
    ("friday 7pm", "fri", F, "2026-11-27 19:00"),
    ("下午3点", "fri", F, "2026-11-28 15:00"),
    ("这周五", "fri", F, "2026-11-27 09:00"),
    ("周五", "fri", P, "2026-11-27 09:00"),
    ("周五晚上8点", "fri", P, "2026-11-20 20:00"),
    ("周一", "fri", F, "2026-11-30 09:00"),
    # --- year end
    ("1月3日", "yearend", F, "2027-01-03 09:00"),
    ("jan 3", "yearend", F, "2027-01-03 09:00"),
    ("1月3日", "yearend", P, "2026-01-03 09:00"),
    ("12月8日", "yearend", F, "2027-12-08 09:00"),
    ("2026-12-08", "yearend", F, "2026-12-08 09:00"),  # a year is honoured as given
    ("下周一", "yearend", F, "2027-01-04 09:00"),
    ("下下周一", "yearend", F, "2027-01-11 09:00"),
    ("下月初", "yearend", F, "2027-01-01 09:00"),
    ("下个月5号", "yearend", F, "2027-01-05 09:00"),
    ("2号", "yearend", F, "2027-01-02 09:00"),
    ("in 5 days", "yearend", F, "2027-01-02 09:00"),
    ("月底", "yearend", F, "2026-12-31 09:00"),
    ("周日", "yearend", F, "2027-01-03 09:00"),
    # --- the 31st
    ("月底", "eom", F, "2026-10-31 09:00"),
    ("月底下午5点", "eom", F, "2026-10-31 17:00"),
    ("end of the month", "eom", F, "2026-10-31 09:00"),
    ("下月底", "eom", F, "2026-11-30 09:00"),
    ("31号", "eom", F, "2026-10-31 09:00"),
    ("月初", "eom", F, "2026-11-01 09:00"),
    ("4个月后", "eom", F, "2027-02-28 09:00"),
    ("下个月31号", "eom", F, None),
    ("周六", "eom", F, "2026-10-31 09:00"),
    ("周六上午7点", "eom", F, "2026-11-07 07:00"),
    # --- New York across the DST switch; UTC at the end of February
    ("in 3 hours", "ny", F, "2026-03-08 03:30"),
    ("明天上午10点", "ny", F, "2026-03-08 10:00"),
    ("tomorrow 10am", "ny", F, "2026-03-08 10:00"),
    ("下周一", "ny", F, "2026-03-09 09:00"),
    ("friday 2pm", "ny", F, "2026-03-13 14:00"),
    ("yesterday 4pm", "ny", P, "2026-03-06 16:00"),
    ("月底", "utc", F, "2026-02-28 09:00"),
    ("in 20 minutes", "utc", F, "2026-02-28 00:10"),
    ("后天", "utc", F, "2026-03-01 09:00"),
    ("2月29日", "utc", F, "2028-02-29 09:00"),
    ("2月29日", "utc", P, "2024-02-29 09:00"),
    ("30号", "utc", F, "2026-03-30 09:00"),
]
