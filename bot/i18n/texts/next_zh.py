"""中文：下一步行动（/next、/today）。"""

TEXTS: dict[str, str] = {}
