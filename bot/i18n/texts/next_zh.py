"""中文：下一步行动（/next、/today）。"""

TEXTS: dict[str, str] = {
    # /next
    "next.none": "暂无待办的下一步行动。🎉 用 /log 记录电话或拜访时可以设置下一步。",
    "next.header": "<b>待办的下一步行动：{count} 项</b>",
    "next.header_overdue": "<b>待办的下一步行动：{count} 项</b> · ⚠️ 逾期 {overdue} 项",
    "next.header_more": "仅显示前 {shown} 项；完成或改期后可查看其余事项。",
    "next.item": "<b>{customer}</b>\n{title}\n📅 {due}",
    "next.item_overdue": "⚠️ <b>逾期</b> · <b>{customer}</b>\n{title}\n📅 {due}",
    "next.btn_done": "✅ 完成",
    "next.btn_reschedule": "📅 改期",
    "next.btn_reassign": "👤 转交",
    "next.btn_back": "↩️ 返回",
    "next.done": "✓ <s><b>{customer}</b> — {title}</s>",
    # reschedule
    "next.rs_ask": "📅 改到什么时候？请选择建议时间，或直接输入日期和时间，例如 <i>明天下午3点</i> 或 <i>下周二上午10点</i>。/cancel 取消。",
    "next.rs_tomorrow": "明天 · {when}",
    "next.rs_monday": "下周一 · {when}",
    "next.rs_week": "7天后 · {when}",
    "next.rs_unreadable": "没能把“{text}”识别为具体的日期和时间。请写明具体时间，例如 <i>明天下午3点</i>、<i>下周二上午10点</i>、<i>tomorrow 10am</i> 或 <i>fri 3pm</i>。/cancel 取消。",
    "next.rs_past": "{when} 已经过去了，请选择现在之后的时间。",
    "next.rs_media": "请用文字输入新的日期和时间（例如 <i>明天上午10点</i>），或选择建议时间。/cancel 取消。",
    "next.rs_done": "📅 已将 <b>{customer}</b> — {title} 改到 <b>{due}</b>。",
    "next.rs_cancelled": "已取消，下一步行动的时间保持不变。",
    # reassign
    "next.ra_nobody": "您的团队中没有可以转交的成员。",
    "next.reassigned": "👤 <b>{customer}</b> — {title}\n📅 {due}\n已转交给 <b>{owner}</b>。",
    # /today
    "next.today_empty": "<b>今天 {date}</b>\n今天没有到期的行动，也还没有拜访记录。☕ /next 查看全部待办；/log 记录拜访。",
    "next.today_header": "<b>今天 {date}</b>",
    "next.today_actions": "<b>下一步行动（{count}）</b>",
    "next.today_no_actions": "今天没有到期的行动。",
    "next.today_action": "• {time} <b>{customer}</b> — {title}",
    "next.today_action_overdue": "• ⚠️ {time} <b>{customer}</b> — {title}（逾期）",
    "next.today_visits": "<b>今日拜访（{count}）</b>",
    "next.today_no_visits": "今天还没有拜访记录。",
    "next.today_visit": "• {time} <b>{customer}</b> — {summary}",
    "next.today_more": "……另有 {count} 项",
}
