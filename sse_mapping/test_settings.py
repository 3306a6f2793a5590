"""Settings for the test suite: the same as production, with test-friendly speed-ups.

With DATABASE_URL and REDIS_URL set the suite runs against PostgreSQL and Redis; the
tests marked `integration` then start a real Celery worker.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
)

# The settings read the environment as they are imported, so it is set first.
from sse_mapping.settings import *  # noqa: F403
from sse_mapping.settings import REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Files the suite stores (the demo's case-study photos among them) go to a folder of
# the run's own, shared with the workers it starts and removed when it ends.
if "SSE_TEST_MEDIA_ROOT" not in os.environ:
    os.environ["SSE_TEST_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="sse-test-media-")
    atexit.register(shutil.rmtree, os.environ["SSE_TEST_MEDIA_ROOT"], True)
MEDIA_ROOT = Path(os.environ["SSE_TEST_MEDIA_ROOT"])
# The test database is separate from the worker's view only by name; tasks the suite
# runs in-process stay eager unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") == "1"
TEST_REDIS_URL = REDIS_URL
if not REDIS_URL:
    # In memory, so that no run sees what an earlier one counted (the API's request
    # budgets); a test of the shared folder sets its own.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory, so that `pytest --reuse-db` keeps the migrated
    # database from one run to the next (`--create-db` makes it anew). A test
    # database need not survive a power cut: no fsync after each commit.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / "test-db.sqlite3")  # noqa: F405
    }
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA synchronous=OFF;"
    )
