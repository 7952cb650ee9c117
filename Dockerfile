# The portal's image: one image for the web, worker and beat services of docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext: compilemessages below. psycopg2-binary brings its own libpq. Pango and DejaVu fonts: WeasyPrint's
# PDF digests (reports app), with Cyrillic and Kazakh letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The processes run as this unprivileged user; the code stays owned by root and read-only to it.
RUN groupadd --system portal \
    && useradd --system --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal

WORKDIR /app

# Requirements first, so code changes reuse the cached dependency layer. Only the runtime set
# (requirements.txt): tests and tooling live in requirements-dev.txt and stay out of the image. Every
# package is pinned with its hashes, so the image gets exactly the files CI tested.
COPY requirements.txt .
RUN pip install --require-hashes --no-deps -r requirements.txt

COPY . .

# Catalogues and static files are built into the image. The key below exists only for these two
# commands (it is not an ENV, so it is not in the image's environment); the real one comes at run time.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-a-secret-collectstatic-and-compilemessages \
        python manage.py compilemessages --ignore .venv --ignore node_modules \
    && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-a-secret-collectstatic-and-compilemessages \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/media-private \
    && chown portal:portal /app/media /app/media-private

USER portal

EXPOSE 8000

CMD ["gunicorn", "dialogue_platform.wsgi", "--config", "gunicorn.conf.py"]
