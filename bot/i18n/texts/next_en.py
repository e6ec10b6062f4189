"""English texts for next actions (/next, /today)."""

TEXTS: dict[str, str] = {
    # /next
    "next.none": "No open next steps. 🎉 Log a call or visit with /log and set the next one there.",
    "next.header": "<b>Your open next steps: {count}</b>",
    "next.header_overdue": "<b>Your open next steps: {count}</b> · ⚠️ {overdue} overdue",
    "next.header_more": "Showing the first {shown}; finish or move those to see the rest.",
    "next.item": "<b>{customer}</b>\n{title}\n📅 {due}",
    "next.item_overdue": "⚠️ <b>overdue</b> · <b>{customer}</b>\n{title}\n📅 {due}",
    "next.btn_done": "✅ Done",
    "next.btn_reschedule": "📅 Reschedule",
    "next.btn_reassign": "👤 Reassign",
    "next.btn_back": "↩️ Back",
    "next.done": "✓ <s><b>{customer}</b> — {title}</s>",
    # reschedule
    "next.rs_ask": "📅 When should it happen instead? Pick a suggestion or type a day and time, e.g. <i>tomorrow 10am</i> or <i>fri 3pm</i>. /cancel to stop.",
    "next.rs_tomorrow": "Tomorrow · {when}",
    "next.rs_monday": "Next Monday · {when}",
    "next.rs_week": "In 7 days · {when}",
    "next.rs_unreadable": "I couldn't read “{text}” as a day and time. Please give a concrete one, e.g. <i>明天下午3点</i>, <i>下周二上午10点</i>, <i>tomorrow 10am</i> or <i>fri 3pm</i>. /cancel to stop.",
    "next.rs_past": "{when} is already in the past. Please pick a time from now on.",
    "next.rs_media": "Please type the new day and time as text (e.g. <i>tomorrow 10am</i>) or pick a suggestion. /cancel to stop.",
    "next.rs_done": "📅 Moved <b>{customer}</b> — {title} to <b>{due}</b>.",
    "next.rs_cancelled": "Cancelled; the next step keeps its date.",
    # reassign
    "next.ra_nobody": "There is nobody in your team to hand it to.",
    "next.reassigned": "👤 <b>{customer}</b> — {title}\n📅 {due}\nNow with <b>{owner}</b>.",
    # /today
    "next.today_empty": "<b>Today, {date}</b>\nNothing due and no visits logged yet. ☕ /next shows everything open; /log records a visit.",
    "next.today_header": "<b>Today, {date}</b>",
    "next.today_actions": "<b>Next steps ({count})</b>",
    "next.today_no_actions": "Nothing due today.",
    "next.today_action": "• {time} <b>{customer}</b> — {title}",
    "next.today_action_overdue": "• ⚠️ {time} <b>{customer}</b> — {title} (overdue)",
    "next.today_visits": "<b>Visits logged ({count})</b>",
    "next.today_no_visits": "No visits logged yet.",
    "next.today_visit": "• {time} <b>{customer}</b> — {summary}",
    "next.today_more": "… and {count} more",
}
