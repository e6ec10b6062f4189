"""English texts. Keys must match zh.py (a test checks)."""

TEXTS: dict[str, str] = {
    # access
    "access.refused": "Sorry, this is a private sales CRM. Ask your manager for an invite link.",
    "access.invite_invalid": "This invite link is invalid, expired or already used. Ask your manager for a new one.",
    "access.welcome_admin": "Welcome, {name}! You are an <b>admin</b>. Invite your team with /invite rep or /invite manager.",
    "access.welcome_invited": "Welcome, {name}! You joined as <b>{role}</b>{team}. Type /help to see what you can do.",
    "access.welcome_back": "Welcome back, {name}. Type /help to see your commands.",
    "access.team_suffix": " in team <b>{team}</b>",
    "access.inactive": "Your account is deactivated. Ask an admin if this is a mistake.",
    # roles
    "role.rep": "rep",
    "role.manager": "manager",
    "role.admin": "admin",
    # invite
    "invite.usage": "Usage: <code>/invite rep|manager [team]</code>",
    "invite.created": "Invite for a <b>{role}</b>{team}. Send this one-time link to the person (valid until {expires}):\n{link}",
    "error.not_allowed": "You are not allowed to do that.",
    # help
    "help.header": "<b>What you can do</b> ({role}):",
    "help.footer": "You can also just write what happened, e.g. <i>called Acme, they liked the demo, send quote fri 3pm</i>.",
    "cmd.log": "log a call, visit, email or meeting",
    "cmd.next": "your open next steps, overdue first",
    "cmd.today": "today's actions and visits",
    "cmd.find": "find a customer and log against it",
    "find.usage": "Usage: <code>/find name, code, contact, phone or pinyin initials</code>, e.g. <code>/find hxkj</code>",
    "find.none": "No customer matches “{query}”. Add one with /new, or just log it: <i>visited {query}, send quote tomorrow 10am</i>.",
    "find.results": "Customers matching “{query}” — tap one to open its card:",
    "find.log_button": "📝 {name} · {code}",
    "cmd.invite": "invite a rep or manager",
    "cmd.help": "what you can do",
    "cmd.lang": "switch language 中文 / English",
    "cmd.tz": "set your time zone",
    "cmd.cancel": "cancel what you are doing",
    "cmd.start": "start",
    # language and time zone
    "lang.choose": "Choose your language:",
    "lang.set": "Language set to English.",
    "lang.invalid": "Please choose 中文 or English.",
    "tz.current": "Your time zone is <b>{tz}</b> (now {now}). Send <code>/tz Area/City</code> to change it, e.g. <code>/tz Asia/Shanghai</code> or <code>/tz Europe/London</code>.",
    "tz.set": "Time zone set to <b>{tz}</b>. Your local time is now {now}.",
    "tz.invalid": "I don't know the time zone “{value}”. Use a name like <code>Asia/Shanghai</code>, <code>Asia/Singapore</code> or <code>Europe/London</code>.",
    # generic
    "unknown.command": "I don't know the command {command}. Type /help to see what you can do.",
    "unknown.text": "I couldn't read that as a log. Try /log, or write e.g. <i>visited Acme, send quote tomorrow 10am</i>. /help lists everything.",
    "error.generic": "Something went wrong.",
    "error.internal": "Sorry, something went wrong on our side and nothing was saved. Please try again. (error id: <code>{error_id}</code>)",
    "error.customer_not_found": "That customer is not one of yours, or no longer exists.",
    "error.expired": "This action has expired.",
}
