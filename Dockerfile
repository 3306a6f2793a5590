FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_BUILD_CONSTRAINT=/app/build-constraints.txt
# WeasyPrint's system libraries and fonts for Khmer, Thai, Mongolian and Vietnamese;
# pg_dump and pg_restore (bookworm's 15, as the compose database) for manage.py backup;
# gettext to compile the translations.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-noto-core postgresql-client curl gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt build-constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DEBUG=true python manage.py collectstatic --noinput -v0 \
 && DEBUG=true python manage.py compilemessages -v0 -i staticfiles

RUN useradd --create-home app && mkdir -p /app/var && chown app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "sse_mapping.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "3", "--worker-class", "gthread", "--threads", "4", "--timeout", "60"]
