# The Slack bot in HTTP mode: `docker build -t errcode-slack .` then see docs/slack.md ("Several replicas").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=3000

WORKDIR /src
# The package from this checkout (what pyproject.toml maps into ohos_errcode), with the Slack extra.
COPY pyproject.toml README.md ./
COPY src ./src
COPY catalog ./catalog
COPY cli ./cli
COPY server ./server
COPY slackbot ./slackbot
COPY mcpserver ./mcpserver
RUN pip install --no-cache-dir "./.[slack]" \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin errcode

WORKDIR /
USER 10001
EXPOSE 3000
# /healthz: 200 when serving (also while Redis is degraded), 503 while starting or draining.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=2)"]
# SIGTERM (docker stop, a rolling upgrade) drains: answers in flight go out, then exit 0.
STOPSIGNAL SIGTERM
CMD ["errcode", "slack", "--http", "--log-format", "json"]
