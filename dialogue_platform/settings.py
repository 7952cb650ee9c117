"""Settings for the Dialogue Platform portal.

One module, read from the environment (django-environ). Every deployment differs only by its
environment, so this file shows every knob; README.md lists them. Local defaults are safe and need
nothing installed: SQLite, console email, Celery tasks run eagerly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_INSECURE_DEV_KEY = "django-insecure-dev-only-key-never-use-in-production-0123456789"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    # Fail at start-up rather than run production with a guessable key.
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute base for links in e-mails and calendar files, which are read outside a request.
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Content in three languages (docs/translations.md): before the admin, as modeltranslation requires.
    "modeltranslation",
    "dialogue_platform.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    # Second factor (TOTP apps and recovery codes) for the secretariat: docs/security.md.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "django_filters",
    # The beat schedule lives in the database, so the secretariat edits it in the administration.
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Ours, in import order (STYLE.md section 0): each may import only those above it.
    "core",
    "participants",
    "notifications",
    "recommendations",
    "meetings",
    "submissions",
    "reports",
    "api",
    # The composition root: site pages, seed_demo, health check.
    "dialogue_platform",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A repeated request for an unchanged page gets 304 and no body (ETag and Last-Modified; core.pagecache).
    "django.middleware.http.ConditionalGetMiddleware",
    # Pages answered to a signed-in person are Cache-Control: private, so no shared cache can pass them on.
    "core.pagecache.PrivateForSignedInMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, so that the refusal reads in it.
    "dialogue_platform.middleware.RejectNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends idle sessions, then keeps a secretariat session that has not passed the second factor on its pages.
    "participants.middleware.IdleSessionMiddleware",
    "participants.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in django-simple-history's history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dialogue_platform.urls"
WSGI_APPLICATION = "dialogue_platform.wsgi.application"
ASGI_APPLICATION = "dialogue_platform.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica of PostgreSQL for the pages anonymous visitors read (core.dbrouter; docs/scaling.md). Off when
# unset: everything reads from DATABASE_URL.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    # Tests run against the primary's test database through this alias instead of creating a second one.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.dbrouter.PublicReadReplicaRouter"]
# A page whose data changed this recently is read from the primary: the replica may not have the change yet.
REPLICA_MAX_LAG_SECONDS = env.float("DJANGO_REPLICA_MAX_LAG_SECONDS", default=10.0)
# SQLite (make run, small installs): a write transaction takes the write lock when it begins (IMMEDIATE), so two
# simultaneous posts queue behind each other for up to `timeout` seconds instead of one failing with "database is
# locked" when both try to upgrade a read lock; WAL lets pages read while a write is under way.
SQLITE_OPTIONS: dict[str, Any] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "participants.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "participants.backends.SecretariatPermissionBackend",
]
LOGIN_URL = "participants:login"
# After sign-in (and any second step), each person lands on their role's home page (dialogue_platform.home),
# unless the sign-in link carried a ?next= page.
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# Reset e-mails one client address may ask for, and one account may receive (django-ratelimit rates). Past the
# account's limit the answer is unchanged and nothing is sent; past the address's, the form says so (429).
PASSWORD_RESET_RATE_PER_IP = env.str("DJANGO_PASSWORD_RESET_RATE_PER_IP", default="10/h")
PASSWORD_RESET_RATE_PER_ACCOUNT = env.str("DJANGO_PASSWORD_RESET_RATE_PER_ACCOUNT", default="3/h")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: lock an (account, client address) pair after repeated failures, so one attacker cannot lock
# a colleague out from another office (docs/security.md says why the pair and not the account). The account is
# the normalised e-mail (sign-in ignores case), the address the one every per-address limit uses.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("DJANGO_AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "participants.backends.axes_username"
AXES_CLIENT_IP_CALLABLE = "participants.backends.axes_client_ip"  # core.ratelimit.client_ip, checked
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"

# Sessions end after this long without a request: shorter for the secretariat, whose account can change
# everything (docs/security.md). Sign-in cookies still expire after SESSION_COOKIE_AGE (Django's two weeks) at most.
SESSION_IDLE_SECONDS_SECRETARIAT = env.int("DJANGO_SESSION_IDLE_MINUTES_SECRETARIAT", default=120) * 60
SESSION_IDLE_SECONDS = env.int("DJANGO_SESSION_IDLE_MINUTES", default=8 * 60) * 60
# Second factor: the issuer name authenticator apps show beside the code; codes are 6 digits every 30 s.
OTP_TOTP_ISSUER = "Dialogue Platform"

# NGO onboarding: colleague invitation links expire after this many days; applications accepted
# from one IP address per hour (a public form, so a flood of fake NGOs must be cheap to stop).
ORG_INVITATION_DAYS = env.int("DJANGO_ORG_INVITATION_DAYS", default=7)
ORG_APPLICATIONS_PER_HOUR = env.int("DJANGO_ORG_APPLICATIONS_PER_HOUR", default=5)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Content people write (meeting titles, minutes, road maps...) is stored in each of LANGUAGES by
# django-modeltranslation (title_kk, title_ru, title_en). Where a page's language has no text, the first of these
# that has some is shown, marked with its language (core.multilingual, docs/translations.md).
CONTENT_FALLBACK_LANGUAGES = {
    "kk": ("ru", "en"),
    "ru": ("en", "kk"),
    "en": ("ru", "kk"),
}
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ru", "en", "kk"), **CONTENT_FALLBACK_LANGUAGES}
# Minutes are published only when these translations are there (and up to date): Kazakh, the state language,
# and Russian, the official one. Empty: publish in whatever language the minutes have.
MINUTES_REQUIRED_LANGUAGES = env.list("DJANGO_MINUTES_REQUIRED_LANGUAGES", default=["kk", "ru"])
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
# One date and one date-time format per language (20.06.2027 in kk and ru, 20 June 2027 in en): core/formats/.
FORMAT_MODULE_PATH = ["core.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Participants-only documents: outside MEDIA_ROOT so that only permission-checked views serve them.
PRIVATE_MEDIA_ROOT = Path(env.str("DJANGO_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "media-private")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files locally so no collectstatic is needed.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded and generated files on S3-compatible object storage (django-storages), so that several web hosts and
# workers share them (docs/scaling.md). Credentials come from the standard AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY variables (boto3 reads them). Off when the bucket is unset: files stay on local disk.
MEDIA_S3_BUCKET = env.str("DJANGO_MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    _s3 = {
        "bucket_name": MEDIA_S3_BUCKET,
        "endpoint_url": env.str("DJANGO_MEDIA_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("DJANGO_MEDIA_S3_REGION", default="") or None,
        # Never public: every file is fetched through the portal's views or a signed, expiring link.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "media"}}
    # Participants-only files (core.uploads.PrivateStorage): a prefix of their own, never served directly.
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "private"}}
# Upload limit for documents and submissions, in megabytes.
UPLOAD_MAX_MB = env.int("DJANGO_UPLOAD_MAX_MB", default=20)
# A ZIP-based upload (DOCX, XLSX, PPTX, ODT) whose members unpack to more than this is refused unread (zip bombs).
UPLOAD_MAX_UNPACKED_MB = env.int("DJANGO_UPLOAD_MAX_UNPACKED_MB", default=300)
# Imports of recommendations (core.uploads checks them too): file size, data rows, and the time one task may run.
IMPORT_MAX_MB = env.int("DJANGO_IMPORT_MAX_MB", default=50)
IMPORT_MAX_ROWS = env.int("DJANGO_IMPORT_MAX_ROWS", default=200_000)
IMPORT_TIME_LIMIT = env.int("DJANGO_IMPORT_TIME_LIMIT_SECONDS", default=30 * 60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Meeting notices (meetings/notices.py) --------------------------------------------------
# Defaults of the per-meeting lead times; the secretariat changes them per meeting in its meeting form.
MEETINGS_INVITATION_LEAD_DAYS = 21
MEETINGS_REMINDER_PENDING_DAYS = 7
MEETINGS_REMINDER_ACCEPTED_DAYS = 1
MEETINGS_MINUTES_OVERDUE_DAYS = (3, 7)
# NGO submissions: how many a person, and one address, may send (django-ratelimit, e.g. "20/h").
SUBMISSIONS_RATE_PER_USER = env.str("DJANGO_SUBMISSIONS_RATE_PER_USER", default="20/h")
SUBMISSIONS_RATE_PER_IP = env.str("DJANGO_SUBMISSIONS_RATE_PER_IP", default="60/h")

# --- E-mail ---------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Dialogue Platform <noreply@dialogue-platform.kz>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Dialogue Platform] "

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker the portal still works on one machine: tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# django-environ returns a None default as it is; its annotation allows only a string.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)  # type: ignore[arg-type]
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# A task is acknowledged after it ran, so a worker killed mid-task leaves it for another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Periodic tasks are rows edited in the administration, created by data migrations: due notices and the
# quarterly digest (notifications/0002), the annual report (reports/0003), the open data files (api/0002).
# Not CELERY_BEAT_SCHEDULE: beat would write its entries over the secretariat's edits at every start.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
if not CELERY_BROKER_URL:
    # In-process broker for eager mode. With a host in the URL: kombu warns "No hostname was supplied" without one.
    CELERY_BROKER_URL = "memory://localhost/"
# --- Notifications (docs/notifications.md) --------------------------------------------------
# A delivery left in "sending" this long belonged to a worker that died; it is sent again. Must exceed
# CELERY_TASK_TIME_LIMIT, or a slow but living task could be overtaken and its message sent twice.
NOTIFICATIONS_SENDING_TIMEOUT = env.int("NOTIFICATIONS_SENDING_TIMEOUT_SECONDS", default=10 * 60)
if NOTIFICATIONS_SENDING_TIMEOUT <= CELERY_TASK_TIME_LIMIT and not env.bool("NOTIFICATIONS_ALLOW_SHORT_TIMEOUT", default=False):
    raise ImproperlyConfigured("NOTIFICATIONS_SENDING_TIMEOUT_SECONDS must exceed the Celery task time limit (300 s).")
# First retry after a temporary SMTP failure; each further one waits twice as long (capped at 30 minutes).
NOTIFICATIONS_RETRY_BASE = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=60)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=6)
# Celery queue of the e-mail tasks: a dedicated worker (`celery worker -Q notices`) keeps a big fan-out from delaying
# other tasks. The live-worker tests use their own queue so that no other worker takes their tasks.
NOTIFICATIONS_QUEUE = env.str("NOTIFICATIONS_QUEUE", default="celery")
# Tasks that build files (digests, the annual report, the open data files) run for minutes and use memory: a queue
# of their own lets a separate worker (`celery worker -Q bulk --concurrency 1`) take them, so they never delay a
# notice (docs/scaling.md). The default keeps everything on the one queue a single worker consumes.
TASKS_BULK_QUEUE = env.str("CELERY_BULK_QUEUE", default="celery")
CELERY_TASK_ROUTES = {
    "reports.tasks.*": {"queue": TASKS_BULK_QUEUE},
    "api.tasks.*": {"queue": TASKS_BULK_QUEUE},
}
# Celery queue of the import tasks (checks and imports of recommendation files); a worker must consume it.
RECOMMENDATIONS_IMPORT_QUEUE = env.str("RECOMMENDATIONS_IMPORT_QUEUE", default="celery")
NOTIFICATIONS_SMTP_TIMEOUT = 30

# --- Cache ----------------------------------------------------------------------------------
# Rate limits (django-ratelimit: onboarding, NGO submissions) count in this cache: set CACHE_URL to Redis when several
# processes serve the site, or each process keeps its own counters.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# The cache is never a dependency of a page or a write (docs/operations.md): with Redis down, django-redis answers
# every read as a miss and drops every write, and logs each failure, so pages render from the database, feeds are
# built afresh, and rate limits fail open (RATELIMIT_FAIL_OPEN) instead of losing a submission. Short socket timeouts
# keep a Redis that hangs, rather than refuses, from holding each request for long.
REDIS_CACHE_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"]["OPTIONS"] = {**REDIS_CACHE_OPTIONS, **CACHES["default"].get("OPTIONS", {})}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "dialogue_platform.cache"
RATELIMIT_USE_CACHE = "default"
# Public pages rendered for anonymous visitors are kept this many seconds in the cache (core.pagecache), and
# dropped at once when their data changes. Off (0) by default with the in-process cache: each process would
# keep its own copies and hear only of its own changes. On (60 s) with a shared cache such as Redis.
_SHARED_CACHE = not any(name in CACHES["default"]["BACKEND"] for name in ("locmem", "dummy"))
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=60 if _SHARED_CACHE else 0)
RATELIMIT_FAIL_OPEN = True
# One answer to "which address is this client" for every per-address limit (onboarding, submissions; the API
# reads the same hop through NUM_PROXIES).
RATELIMIT_IP_META_KEY = "core.ratelimit.client_ip"

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "dialogue_platform.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers and the container health check probe over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
# Behind our reverse proxy: it sets X-Forwarded-Proto and appends the client's address to X-Forwarded-For.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    # Only behind a proxy that sets this header itself; otherwise clients could forge HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Permissions-Policy (django-permissions-policy): the portal uses no camera, microphone, location, payment or
# sensors; deny them to every frame, so injected or third-party content cannot ask for them either.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
        "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]

# Content-Security-Policy (django-csp 4): no inline scripts or styles anywhere, all assets local.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Open data API (api app, docs/api.md) ----------------------------------------------------
REST_FRAMEWORK = {
    # Public reads need no identity; writes (progress updates) authenticate with a personal API token only,
    # never a session cookie, so no CSRF surface is opened for scripts.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StableCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousApiThrottle", "api.throttling.TokenApiThrottle"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Rate limits key on the client's address: trust one X-Forwarded-For hop only behind our own proxy, else a
    # client could pick a new address per request and never be limited.
    "NUM_PROXIES": 1 if BEHIND_PROXY else 0,
}
# Requests per hour per client address (anonymous) or per token (focal points); counted in the default cache.
API_ANON_RATE = env.str("DJANGO_API_ANON_RATE", default="3600/hour")
API_TOKEN_RATE = env.str("DJANGO_API_TOKEN_RATE", default="1200/hour")
SPECTACULAR_SETTINGS = {
    "TITLE": "Dialogue Platform on the Human Dimension — open data API",
    "DESCRIPTION": "Published meetings, minutes, human-rights recommendations, road maps and their progress. "
    "Read-only and public; focal points submit progress updates with a personal token. See /open-data/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "recommendations.models.Action.Status",
        "RecommendationStatusEnum": "recommendations.models.Recommendation.Status",
        # A report document's language ("" = not stated) and a text's original language share kk/ru/en: one name.
        "LanguageEnum": "reports.models.ReportDocument.Language",
        "OriginalLanguageEnum": [code for code, _name in LANGUAGES],
    },
    # Swagger UI and Redoc are served from drf-spectacular-sidecar's copies through whitenoise: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The administration never writes past the services (core.admin, docs/security.md): no "revert to this version".
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
