"""全部中文文本，由各功能片段合并。键必须与 en.py 一致（有测试检查）。"""

from bot.i18n.texts import core_zh, log_zh, next_zh

TEXTS: dict[str, str] = {**core_zh.TEXTS, **log_zh.TEXTS, **next_zh.TEXTS}
