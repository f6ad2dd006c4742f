# Embassy CMS: one image for the web replicas and the release step (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext compiles the translations below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies in their own layer: rebuilt only when pyproject.toml changes, not on every code edit.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Compiled translations and hashed, compressed static files are part of the image. Neither step
# reads the database; the key below exists only for this build step.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py compilemessages --ignore=.venv -v 0 \
    && DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --no-input -v 0

# An unprivileged user owns only the media directory (the shared volume is mounted there).
RUN useradd --system --uid 10001 --no-create-home --home-dir /app embassy \
    && mkdir -p /app/media \
    && chown embassy:embassy /app/media
USER embassy

ENV DJANGO_MEDIA_ROOT=/app/media
EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "embassy.wsgi"]
