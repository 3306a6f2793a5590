from collections.abc import Iterable
from typing import Any

from django.contrib.staticfiles import finders


class FileSystemFinder(finders.FileSystemFinder):
    """STATICFILES_DIRS, less the files a package ships that name a file it lacks."""

    # The packaged marker-cluster script names a source map its package lacks, which
    # the manifest storage refuses; only the package's stylesheets are used.
    ignored = ["leaflet.markercluster.js"]

    def list(self, ignore_patterns: Iterable[str] | None) -> Any:
        return super().list([*(ignore_patterns or []), *self.ignored])
