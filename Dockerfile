# The CRM bot: slim Python, a non-root user, CJK fonts for charts, migrations then the bot.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PTB_TIMEDELTA=true \
    DATABASE_URL=sqlite+aiosqlite:////data/crm.db

RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk tzdata \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 crm \
 && mkdir -p /data && chown crm:crm /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
RUN pip install .

USER crm
VOLUME ["/data"]
# Only used in webhook mode (WEBHOOK_URL set); polling needs no open port.
EXPOSE 8443

# Healthy when the configuration loads and the database answers at the newest schema.
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s --retries=3 CMD ["crm-bot", "check"]

# Migrations first (idempotent), then the bot; `run` migrates again on start, which is a no-op.
CMD ["sh", "-c", "crm-bot migrate && exec crm-bot run"]
