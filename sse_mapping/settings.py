"""Settings, entirely from the environment (see README.md and .env.example)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured
from xstatic.pkg import bootstrap as xstatic_bootstrap
from xstatic.pkg import leaflet as xstatic_leaflet
from xstatic.pkg import leaflet_markercluster as xstatic_leaflet_markercluster

from countries.languages import LANGUAGES as PLATFORM_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key only when DEBUG is on: production refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = (
        "django-insecure-development-only-key-never-use-in-production-0123456789"
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "countries",
    "surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session and the user are read, after the static files (its page
    # needs the style sheet while the database is down).
    "sse_mapping.database_down.DatabaseDownMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language saved at sign-in into the cookie; the user's calendar; the API's
    # Accept-Language before any cookie.
    "countries.preferences.PreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sse_mapping.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "countries.context_processors.navigation",
            ],
            "builtins": [
                "countries.templatetags.calendar",
                "countries.templatetags.languages",
            ],
        },
    },
]
# Form fields (a filter form's dozen selects, an entity's hundred inputs) drawn by
# Django's own Jinja2 widget templates: the same markup, several times faster to
# render than through the template language.
FORM_RENDERER = "django.forms.renderers.Jinja2"

WSGI_APPLICATION = "sse_mapping.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write the same file: WAL lets readers go on while
    # one writes, and a writer waits (up to `timeout` seconds) for the lock instead of
    # failing with "database is locked"; IMMEDIATE takes the write lock when the
    # transaction starts, so two writers never deadlock upgrading a read.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sessions live in the database, never in the cache: Redis down logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Accounts and sign-in security (README, Configuration).
# Brute-force protection: an address is locked after repeated failures whatever the
# usernames tried (password spraying), and a username whatever the addresses.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# A success forgives only that username's failures from that address (the handler).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "accounts.throttling.AccountLockoutHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many proxies (nginx, a load balancer) stand before the application: each adds
# the address it was reached from to X-Forwarded-For. 0 means clients connect directly.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# Axes reads the client's address through this rather than django-ipware, which would
# believe the leftmost X-Forwarded-For entry, the one a client can make up.
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_ip"
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
INSTALLED_APPS += ["accounts"]
# Uploads: refused above this size before they are read (the proxy refuses them first:
# docs/deploy-nginx.conf). Form fields other than files stay small.
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_MB", default=25) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "sse_mapping.uploads.BodySizeUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "sse_mapping.uploads.BodySizeMiddleware",
)
# Second factors (django-otp): authenticator apps, security keys, recovery codes.
# Roles listed here must sign in with one; with DEBUG the demo logins need none.
MFA_REQUIRED_ROLES = env.list(
    "MFA_REQUIRED_ROLES", default=[] if DEBUG else ["staff", "admin"]
)
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]
_AUTH = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH + 1 : _AUTH + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
]
OTP_TOTP_ISSUER = "SSE Mapping"
OTP_WEBAUTHN_RP_NAME = "SSE Mapping Platform"
# The relying party is the site's own host unless set (a key made for one host
# works on no other).
OTP_WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default="")
OTP_WEBAUTHN_HELPER_CLASS = "accounts.webauthn.SiteWebAuthnHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# The helper above answers the relying party and origin from the request's host.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E010", "otp_webauthn.E030"]
# The API schema and its documentation page: for signed-in users only, or for anyone.
API_DOCS_SIGNED_IN_ONLY = env.bool("API_DOCS_SIGNED_IN_ONLY", default=not DEBUG)

LANGUAGE_CODE = "en"
LANGUAGES = list(PLATFORM_LANGUAGES)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers grouped as the active language groups them (1,234 · 1 234 · 1.234).
USE_THOUSAND_SEPARATOR = True
# Django's own formats for each language, with a few corrections of ours.
FORMAT_MODULE_PATH = ["sse_mapping.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
    ("leaflet", xstatic_leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic_leaflet_markercluster.BASE_DIR),
]
STATICFILES_FINDERS = [
    "sse_mapping.staticfinders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Exports and report files are private: never under STATIC or a public MEDIA URL.
PRIVATE_FILES_ROOT = Path(env.str("PRIVATE_FILES_ROOT", default=str(BASE_DIR / "var")))
MEDIA_ROOT = PRIVATE_FILES_ROOT / "media"

# Email: console unless SMTP is configured.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="SSE Mapping <noreply@sse-mapping.local>"
)

# Security: everything below is what `check --deploy` asks for in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Map base tiles: none by default, so maps draw outlines on a plain background and
# work offline. A tile URL template such as https://tile.example.org/{z}/{x}/{y}.png
# with the attribution its licence asks for; its host is added to the CSP's img-src.
MAP_TILES_URL = env.str("MAP_TILES_URL", default="")
MAP_TILES_ATTRIBUTION = env.str("MAP_TILES_ATTRIBUTION", default="")
if MAP_TILES_URL and not MAP_TILES_ATTRIBUTION:
    raise ImproperlyConfigured("MAP_TILES_URL needs MAP_TILES_ATTRIBUTION.")
MAP_TILES_ORIGINS = (
    ["/".join(MAP_TILES_URL.split("/")[:3]).replace("{s}", "*")]
    if MAP_TILES_URL
    else []
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MAP_TILES_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": ["'none'"],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
    }
}

# Celery. With REDIS_URL, Redis is the broker and the cache. Without it (the default
# mode) the broker is kombu's filesystem transport: message files under
# CELERY_BROKER_FOLDER, read by the worker `make run` starts next to the web server,
# and the cache is a folder of files (CACHE_FOLDER). No
# job runs inside a web request in either mode (test settings make tasks eager).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_TASK_HARD_TIME_LIMIT = env.int("CELERY_TASK_HARD_TIME_LIMIT", default=1800)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=1500)
CELERY_TASK_ALWAYS_EAGER = False
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Falls back to this process's memory while Redis is down: the API's request
    # budgets live here, and no request may fail for them.
    CACHES = {
        "default": {
            "BACKEND": "sse_mapping.cache.RedisCacheWithLocalFallback",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_FOLDER = Path(
        env.str("CELERY_BROKER_FOLDER", default=str(BASE_DIR / "var" / "broker"))
    )
    # Files every process reads: an import commit's progress, written by the worker,
    # is what the web server's page shows; the API's request budgets count across
    # the server's processes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str(
                "CACHE_FOLDER", default=str(BASE_DIR / "var" / "cache")
            ),
            # Culled past this many files: enough that a running import's progress
            # is not among the culled.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sse_mapping.exceptions.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SSE Mapping Platform API",
    "DESCRIPTION": "Findings of the national SSE mapping studies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-pass-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
    },
}

CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "surveys.exports.tasks.run_export": {"queue": "exports"},
    "surveys.imports.tasks.run_import": {"queue": "exports"},
    "surveys.reports.tasks.compile_report": {"queue": "reports"},
    "surveys.releases.tasks.accept_release": {"queue": "reports"},
}
CELERY_TASK_TIME_LIMIT = CELERY_TASK_HARD_TIME_LIMIT
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_MAX_TASKS_PER_CHILD", default=50)
# No result backend: the code reads a job's outcome from its row, never from Celery,
# and a backend that is down would hold every request that sends a task.
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that cannot reach the broker gives up at once (the outbox sends it later)
# rather than retrying while the user waits.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
if REDIS_URL:
    # Longer than the hard limit, or Redis would hand a running job to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "visibility_timeout": CELERY_TASK_HARD_TIME_LIMIT + 600,
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
        # Sending a task: one quick retry, not two seconds of them, while the user
        # waits (the worker's own reconnecting is not bound by this).
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
    }
else:
    for _folder in ("queue", "control"):
        (CELERY_BROKER_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "daily-review-digest": {
        "task": "surveys.review.tasks.send_review_digest",
        "schedule": crontab(
            hour=env.int("REVIEW_DIGEST_HOUR_UTC", default=1), minute=0
        ),
    },
}

# REST API v1: personal tokens for scripts, the session (with CSRF) for the
# browser; per-user budgets for writes and for the costly entity list.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "countries.authentication.ApiTokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "api_write": env.str("API_WRITE_RATE", default="120/minute"),
    "api_costly": env.str("API_COSTLY_RATE", default="120/minute"),
    "public": env.str("PUBLIC_RATE", default="300/minute"),
}
# Seconds a browser or a proxy may keep a public directory page or file.
PUBLIC_MAX_AGE = env.int("PUBLIC_MAX_AGE", default=300)
SPECTACULAR_SETTINGS["SCHEMA_PATH_PREFIX"] = r"/api/v1"
SPECTACULAR_SETTINGS["COMPONENT_SPLIT_REQUEST"] = True
# One schema name per code list, however many fields use it.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    f"{name}Enum": f"countries.vocabularies.{name}"
    for name in (
        "Role",
        "SseType",
        "CoopMemberType",
        "OrgLevel",
        "RegistrationStatus",
        "ActivityStatus",
        "UrbanRural",
        "GeoPrecision",
        "Sex",
        "SurplusRule",
        "Scale",
        "AssetLock",
        "Visibility",
        "TargetGroup",
        "PrioritySector",
        "WorkflowState",
        "Classification",
        "Rating",
        "EvidenceType",
        "ModerationFlag",
        "SourceKind",
        "Treatment",
        "CapacityGapCategory",
        "Constituency",
        "Currency",
        "InstrumentKind",
        "InstrumentStatus",
        "InstitutionKind",
        "SupportKind",
        "Actor",
    )
}

# Expired export files and old import uploads removed daily; export, import and report
# jobs a dead worker left behind sent again.
CELERY_BEAT_SCHEDULE["expire-exports"] = {
    "task": "surveys.exports.tasks.expire_exports",
    "schedule": crontab(hour=2, minute=30),
}
CELERY_BEAT_SCHEDULE["expire-import-files"] = {
    "task": "surveys.imports.tasks.expire_import_files",
    "schedule": crontab(hour=2, minute=40),
}
# Every minute: unsent job requests and notifications sent to the broker, and jobs
# whose worker died (no heartbeat for JOB_STALE_SECONDS) taken up again.
CELERY_BEAT_SCHEDULE["resume-jobs"] = {
    "task": "surveys.jobs.tasks.resume_jobs",
    "schedule": 60.0,
}
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=90)
# A mail that fails is tried again, waiting twice as long each time (1 minute, then 2,
# 4, ... up to 2 hours); after this many attempts it is marked failed for staff to see.
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=8)
SPECTACULAR_SETTINGS["DESCRIPTION"] = """
Findings of the national SSE mapping studies, with the same rules as the pages.

**Authentication.** Scripts send a personal token, made on the *API tokens* page
(`/account/tokens/`): `Authorization: Token <key>`. In the browser the session works
too; writes then need the `X-CSRFToken` header.

**Scope.** Every answer holds only the caller's countries: another country's record
answers 404, exactly like one that does not exist. A record the caller can see but
their role may not change answers 403.

**Errors** are JSON: `{"detail": "…", "errors": {"field": ["…"]}}`, with the same
messages as the pages. Text anywhere in a body is valid Unicode without NUL
characters, which no database stores; names and titles are one line.

**Concurrent edits.** Every record has a `version` (also its `ETag`). Send the version
you read (`version` in the body or `If-Match`); if someone saved the record since, the
change is refused with 409 and `current` holds the record as saved now.

**Workflow.** `POST …/{id}/submit/`, `…/decide/` and `…/reopen/` move a record through
review and answer its new state.

**Paging.** Entities page by cursor (`next`/`previous` links, newest change first);
other lists by page number. `page_size` goes up to 200. Writes and the entity list
have a per-user budget; beyond it the answer is 429 with `Retry-After`.
"""
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(  # type: ignore[attr-defined]
    {
        "ReportKindEnum": "surveys.models.Report.Kind",
        "ImportKindEnum": "surveys.models.ImportJob.Kind",
        "JobStatusEnum": "surveys.models.jobs.JobStatus",
    }
)
