"""English texts of the follow-up engine (reminders, nudges, escalations)."""

TEXTS: dict[str, str] = {
    "followup.morning_title": "☀️ <b>Your day, {date}</b>\nYesterday you logged {logs} contacts · cadence kept for {rate}% "
                              "of your customers",
    "followup.m_late": "⚠️ Overdue: {title} — {customer} ({when})",
    "followup.m_today": "🕘 {time} {title} — {customer}",
    "followup.m_cadence": "⏳ {customer} · {tier}: no contact for {days} days (cadence {cadence} days)",
    "followup.m_complaint": "❗ Open complaint: {customer} — {content}",
    "followup.m_milestone": "📄 {kind} due {due}: {deal} — {customer}",
    "followup.m_nothing": "Nothing overdue and nothing planned today. A good day to call a C-tier customer.",
    "followup.m_continued": "☀️ <b>(continued)</b>",
    "followup.btn_log": "📝 {name}", "followup.btn_reschedule": "⏰ Reschedule", "followup.btn_snooze": "💤 Snooze",
    "followup.btn_complaint": "❗ {name}", "followup.btn_contract": "📄 {name}",
    "followup.btn_nudge": "👉 Nudge rep", "followup.btn_reassign": "🔁 Reassign",
    "followup.kind_delivery": "Delivery", "followup.kind_acceptance": "Acceptance",
    "followup.kind_invoice": "Invoice", "followup.kind_payment": "Payment",
    "followup.due": "⏰ Coming up {when}: {title} — {customer}",
    "followup.due_missed": "⏰ {title} — {customer} was planned for {when}. How did it go? Log it, or reschedule.",
    "followup.after": "🤝 How did it go with {customer}? ({title}, {when}) Log it within 24 hours.",
    "followup.milestone": "📄 Tomorrow: {kind} of “{deal}” — {customer} (due {due})",
    "followup.complaint": "❗ The complaint of {customer} has been open for {days} days: {content}",
    "followup.away_title": "📬 <b>While I was away</b> ({count}):",
    "followup.cadence": "⏳ {customer} is overdue for contact ({tier}).",
    "followup.escalate_rep": "🔔 {customer} (tier {tier}) has been overdue on cadence for {days} days. Please get in "
                             "touch today.",
    "followup.escalate_manager": "🚨 {rep}'s customer {customer} (tier {tier}) has been overdue on cadence for {days} "
                                 "days.",
    "followup.review_title": "📊 <b>Monday stage review</b>: {count} deals not confirmed for 14 days. Open each and "
                             "move it or confirm its stage.",
    "followup.review_line": "• {title} — {customer}: {stage} {probability}%",
    "followup.snooze_ask_reason": "💤 Snooze {customer}: why? (e.g. “on holiday until the 15th”)",
    "followup.snooze_ask_until": "Until when? (e.g. <code>next Monday</code>, <code>12月15日</code>)",
    "followup.snooze_bad_until": "I can't use that date: it must be a day after today, within 6 months. E.g. "
                                 "<code>next Monday</code> or <code>2027-01-15</code>.",
    "followup.snoozed": "💤 {customer} is snoozed until {until}. No nudges about them until then.",
    "followup.nudged": "👉 {rep} was nudged about {customer}.",
    "followup.nudge_message": "👉 {manager} asks you to follow up {customer} today (overdue on cadence).",
    "followup.nudge_failed": "{rep} could not be reached (they may have blocked the bot).",
    "followup.team_title": "👥 <b>Your team</b> ({count}):",
    "followup.team_line": "• {name} · {role} · {customers} customers",
    "followup.team_left": "• <s>{name}</s> · {role} · left · {customers} customers",
    "followup.team_unreachable": "• {name} · {role} · ⛔ blocked the bot since {since}: no reminders reach them · "
                                 "{customers} customers",
    "followup.btn_snooze_1w": "1 week", "followup.btn_snooze_2w": "2 weeks", "followup.btn_snooze_1m": "1 month",
}
