"""The follow-up engine: the tick that decides what is due, and the outbox that delivers it to Telegram."""
