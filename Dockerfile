# The adapt service image: the API (`adapt serve`, the default command) and the job worker
# (`adapt worker`) run from it; docker-compose.yml wires them to PostgreSQL and Redis.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user; its folders for state and models become the volumes' owners.
RUN groupadd --system --gid 10001 adapt \
    && useradd --system --uid 10001 --gid adapt --create-home --home-dir /home/adapt adapt \
    && mkdir -p /data /models \
    && chown adapt:adapt /data /models

WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY service ./service
RUN pip install '.[postgres]'
# Language data lives beside the code, not in the package: point the settings at it.
COPY locales ./locales
COPY glossaries ./glossaries

ENV ADAPT_DATA_DIR=/data \
    ADAPT_PACKAGES_DIR=/models \
    ADAPT_LOCALES_DIR=/app/locales \
    ADAPT_GLOSSARIES_DIR=/app/glossaries

USER adapt
EXPOSE 8000
CMD ["adapt", "serve", "--host", "0.0.0.0", "--port", "8000"]
