# Production image: the locked dependencies, static files collected at build time, a non-root user.
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=portal.settings.production
WORKDIR /app

COPY requirements.lock ./
RUN python -m pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
# Settings are read at build time; these values exist only for collectstatic and are never used to serve.
# The offline pages (the 503 page per language, for nginx when no application server answers) need the catalogues.
RUN export DJANGO_SECRET_KEY=build-only-build-only-build-only-build-only-build-only \
    DATABASE_URL=postgres://build@localhost/build \
 && python manage.py collectstatic --noinput -v 0 \
 && python manage.py compile_catalogues \
 && python manage.py write_offline_pages \
 && useradd --system --uid 1000 --home /app portal \
 && mkdir -p /app/var/media && chown -R portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "5", "--max-requests", "1200", \
     "--max-requests-jitter", "50", "--access-logfile", "-", "--access-logformat", "%(t)s \"%(m)s %(U)s\" %(s)s %(b)s %(M)sms"]
