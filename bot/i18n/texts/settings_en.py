"""English texts of the personal and team sections of /settings (follow-up engine)."""

TEXTS: dict[str, str] = {
    "settings.me_title": "<b>Personal settings</b>",
    "settings.me_reminder": "⏰ Morning reminder: {time}",
    "settings.me_window": "🕗 Working window: {start}–{end} (quiet outside it)",
    "settings.me_days": "📅 Working days: {days}",
    "settings.me_lead": "🔔 Due reminders: {minutes} min before",
    "settings.me_lang_tz": "🌐 Language: {language} · Time zone: {tz}",
    "settings.day_names": "Mon Tue Wed Thu Fri Sat Sun",
    "settings.btn_reminder": "⏰ Reminder time",
    "settings.btn_window": "🕗 Working window",
    "settings.btn_days": "📅 Working days",
    "settings.btn_lead": "🔔 Due reminder lead",
    "settings.btn_lang": "🌐 Language",
    "settings.btn_tz": "🕒 Time zone",
    "settings.btn_back": "‹ Back",
    "settings.btn_done": "✔️ Done",
    "settings.btn_minutes": "{minutes} min",
    "settings.ask_reminder": ("⏰ Choose the time of your morning reminder, or type one (e.g. <code>8:45</code>). "
                              "It must lie inside your working window {start}–{end}. Now: {time}."),
    "settings.ask_window": ("🕗 Type your working window as start-end, e.g. <code>08:00-20:00</code> or "
                            "<code>9:00～18:30</code>. Nothing is sent outside it; a window such as "
                            "<code>22:00-06:00</code> runs over midnight. Now: {start}–{end}."),
    "settings.ask_days": "📅 Tap a day to switch it on or off (✅ = working day). At least one day stays on.",
    "settings.ask_lead": "🔔 How long before a next action should its reminder come? Now: {minutes} min.",
    "settings.tz_how": ("🕒 Your time zone is {tz} (now {now}). To change it, send /tz with the zone, "
                        "e.g. <code>/tz Asia/Shanghai</code> or <code>/tz Europe/Berlin</code>."),
    "settings.saved_reminder": "✅ Morning reminder set to {time}.",
    "settings.saved_window": "✅ Working window set to {start}–{end}.",
    "settings.reminder_moved": "✅ Working window set to {start}–{end}. Your morning reminder moved to {time} to lie inside it.",
    "settings.saved_cadence": "✅ Tier {tier}: follow up every {days} days.",
    "settings.use_buttons": "Please choose with the buttons above, or /cancel.",
    "settings.cancelled": "Cancelled. Your settings are unchanged.",
    "settings.text_only": "Please type the value or use the buttons above, or /cancel.",
    "settings.bad_time": "I can't read that time. Type it like <code>8:45</code> or <code>09:30</code>.",
    "settings.bad_window": ("I can't read that window. Type start and end, e.g. <code>08:00-20:00</code>, "
                            "<code>8:00～19:30</code> or <code>22:00-06:00</code>."),
    "settings.bad_window_same": "The window must start and end at different times.",
    "settings.bad_days_empty": "At least one working day must stay on.",
    "settings.bad_choice": "That choice is not available.",
    "settings.bad_cadence": "Type a number of days from {low} to {high}, e.g. <code>7</code>.",
    "settings.reminder_outside": ("{time} is outside your working window {start}–{end}. Choose a time inside it, "
                                  "or change the window first."),
    "settings.team_title": "<b>Team settings · {team}</b>",
    "settings.team_cadence": "Follow-up cadence: {tiers}",
    "settings.team_tier": "{tier} every {days} d",
    "settings.team_tier_default": "{tier} every {days} d (default)",
    "settings.team_escalation": "Escalation of overdue A/B customers: {state}",
    "settings.team_after": "After-meeting prompt: {minutes} min after the planned time",
    "settings.btn_cadence": "Cadence {tier}",
    "settings.btn_escalation_on": "Escalation: switch on",
    "settings.btn_escalation_off": "Escalation: switch off",
    "settings.btn_after": "⏱ After-meeting delay",
    "settings.btn_default": "Use the default ({days} days)",
    "settings.ask_cadence": ("Type how many days a tier {tier} customer may go without contact ({low}–{high}). "
                             "Now: {days} days{note}."),
    "settings.default_note": " (the default)",
    "settings.ask_after": ("⏱ How long after a planned visit, call or meeting should the bot ask how it went? "
                           "Now: {minutes} min."),
}
