"""中文：记录跟进。"""

TEXTS: dict[str, str] = {}
