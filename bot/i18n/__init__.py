"""Texts in Chinese and English, and locale-aware formatting. Every message is HTML."""

from bot.i18n.catalog import LANGUAGES, Raw, t, t_plain
from bot.i18n.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_month,
    format_number,
    format_time,
)

__all__ = ["LANGUAGES", "Raw", "format_date", "format_datetime", "format_money", "format_month", "format_number",
           "format_time", "t", "t_plain"]
