"""Map assets come from packages and are served like every static file; base tiles
only when configured."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

COLLECT = """
import os, sys, tempfile, django
django.setup()
from django.conf import settings
settings.STATIC_ROOT = tempfile.mkdtemp()
# The manifest step is what refuses a missing file; compressing is only slower.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
from django.contrib.staticfiles.storage import staticfiles_storage as s
for name in sys.argv[1:]:
    print(s.url(name))
"""

SETTINGS = """
import django
django.setup()
from django.conf import settings
print(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"])
"""


def _python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MAP_TILES") and k not in {"DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "sse_mapping.settings",
            "SECRET_KEY": "map-assets-test-" + "k" * 40,
            "DEBUG": "false",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_leaflet_is_collected_from_its_package_with_hashed_names() -> None:
    result = _python(
        COLLECT,
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet-markercluster/MarkerCluster.Default.css",
    )
    assert result.returncode == 0, result.stderr
    urls = result.stdout.split()
    assert len(urls) == 3
    assert all(url.startswith("/static/leaflet") for url in urls)
    assert all(re.search(r"\.[0-9a-f]{12}\.(js|css)$", url) for url in urls), urls


def test_without_a_tile_url_no_image_host_is_allowed() -> None:
    result = _python(SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[\"'self'\", 'data:']"


def test_a_tile_url_allows_its_host_and_needs_an_attribution() -> None:
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    allowed = _python(
        SETTINGS, MAP_TILES_URL=url, MAP_TILES_ATTRIBUTION="© Example contributors"
    )
    assert allowed.returncode == 0, allowed.stderr
    assert "https://tiles.example.org" in allowed.stdout
    refused = _python(SETTINGS, MAP_TILES_URL=url)
    assert refused.returncode != 0
    assert "MAP_TILES_ATTRIBUTION" in refused.stderr
