"""全部中文文本，由各功能片段合并。键必须与 en.py 一致（有测试检查）。"""

from bot.i18n.texts import (
                         complaint_zh,
                         contract_zh,
                         core_zh,
                         customer_zh,
                         deal_zh,
                         followup_zh,
                         log_zh,
                         newcust_zh,
                         next_zh,
                         settings_zh,
                         sheets_zh,
)

TEXTS: dict[str, str] = {**core_zh.TEXTS, **log_zh.TEXTS, **next_zh.TEXTS,
                         **customer_zh.TEXTS, **newcust_zh.TEXTS, **sheets_zh.TEXTS,
                         **deal_zh.TEXTS, **contract_zh.TEXTS, **complaint_zh.TEXTS,
                         **settings_zh.TEXTS, **followup_zh.TEXTS}
