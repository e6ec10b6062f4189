"""Every English text, merged from the feature fragments. Keys must match zh.py (a test checks)."""

from bot.i18n.texts import (
                         complaint_en,
                         contract_en,
                         core_en,
                         customer_en,
                         deal_en,
                         followup_en,
                         log_en,
                         newcust_en,
                         next_en,
                         settings_en,
                         sheets_en,
)

TEXTS: dict[str, str] = {**core_en.TEXTS, **log_en.TEXTS, **next_en.TEXTS,
                         **customer_en.TEXTS, **newcust_en.TEXTS, **sheets_en.TEXTS,
                         **deal_en.TEXTS, **contract_en.TEXTS, **complaint_en.TEXTS,
                         **settings_en.TEXTS, **followup_en.TEXTS}
