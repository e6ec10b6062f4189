"""Public entry point for free-text dates; the pure implementation lives in bot.domain.dates."""

from bot.domain.dates import parse_when, warm_up

__all__ = ["parse_when", "warm_up"]
