"""The offline demo: a seeded database, the fake Telegram and a terminal chat (`crm-bot demo`)."""

from bot.demo.seed import DemoTeam, DemoUser, seed_demo

__all__ = ["DemoTeam", "DemoUser", "seed_demo"]
