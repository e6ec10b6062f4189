"""中文文本。键必须与 en.py 一致（有测试检查）。"""

TEXTS: dict[str, str] = {
    # access
    "access.refused": "抱歉，这是内部销售 CRM。请向您的经理索取邀请链接。",
    "access.invite_invalid": "该邀请链接无效、已过期或已被使用。请向经理索取新的链接。",
    "access.welcome_admin": "欢迎，{name}！您是<b>管理员</b>。用 /invite rep 或 /invite manager 邀请团队成员。",
    "access.welcome_invited": "欢迎，{name}！您已作为<b>{role}</b>加入{team}。输入 /help 查看可用功能。",
    "access.welcome_back": "欢迎回来，{name}。输入 /help 查看您的命令。",
    "access.team_suffix": "团队<b>{team}</b>",
    "access.inactive": "您的账号已停用。如有误，请联系管理员。",
    # roles
    "role.rep": "销售人员",
    "role.manager": "销售经理",
    "role.admin": "管理员",
    # invite
    "invite.usage": "用法：<code>/invite rep|manager [团队]</code>",
    "invite.created": "已创建<b>{role}</b>邀请{team}。请把这个一次性链接发给对方（有效期至 {expires}）：\n{link}",
    "error.not_allowed": "您没有权限执行此操作。",
    # help
    "help.header": "<b>您可以使用</b>（{role}）：",
    "help.footer": "也可以直接写下发生了什么，例如：<i>拜访了华星科技，客户对报价有顾虑，下周二上午10点发补充报价</i>。",
    "cmd.log": "记录电话、拜访、邮件或会议",
    "cmd.next": "待办的下一步行动（逾期优先）",
    "cmd.today": "今天的行动和拜访",
    "cmd.find": "查找客户并记录跟进",
    "find.usage": "用法：<code>/find 名称、编号、联系人、电话或拼音首字母</code>，例如 <code>/find hxkj</code>",
    "find.none": "没有找到与“{query}”匹配的客户。可用 /new 新建客户，或直接记录，例如：<i>拜访了{query}，明天上午10点发报价</i>。",
    "find.results": "与“{query}”匹配的客户——点选查看客户卡片：",
    "find.log_button": "📝 {name} · {code}",
    "cmd.invite": "邀请销售人员或经理",
    "cmd.help": "查看可用功能",
    "cmd.lang": "切换语言 中文 / English",
    "cmd.tz": "设置时区",
    "cmd.cancel": "取消当前操作",
    "cmd.start": "开始",
    # language and time zone
    "lang.choose": "请选择语言：",
    "lang.set": "语言已切换为中文。",
    "lang.invalid": "请选择 中文 或 English。",
    "tz.current": "您的时区是 <b>{tz}</b>（当前 {now}）。发送 <code>/tz 地区/城市</code> 修改，例如 <code>/tz Asia/Shanghai</code>。",
    "tz.set": "时区已设为 <b>{tz}</b>，您的当地时间是 {now}。",
    "tz.invalid": "无法识别时区“{value}”。请使用如 <code>Asia/Shanghai</code>、<code>Asia/Singapore</code> 或 <code>Europe/London</code> 的名称。",
    # generic
    "unknown.command": "没有 {command} 这个命令。输入 /help 查看可用功能。",
    "unknown.text": "没能把这条消息识别为跟进记录。请用 /log，或直接写，例如：<i>拜访了华星科技，明天上午10点发报价</i>。/help 查看全部功能。",
    "error.generic": "出错了。",
    "error.internal": "抱歉，系统出错，本次操作未保存，请重试。（错误编号：<code>{error_id}</code>）",
    "error.customer_not_found": "该客户不属于您，或已不存在。",
    "error.expired": "此操作已过期。",
}
