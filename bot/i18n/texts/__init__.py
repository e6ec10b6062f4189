"""Catalog fragments per feature: `<feature>_en.py` and `<feature>_zh.py`, each with TEXTS."""
