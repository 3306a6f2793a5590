"""Imports of the template (XLSX or CSV) and of KoboToolbox / ODK Central CSV exports."""

from surveys.imports.files import import_files_expire, import_report_path
from surveys.imports.services import (
    import_confirm,
    import_decisions_save,
    import_job_get,
    import_job_list,
    import_progress,
    import_run,
    import_start,
)

__all__ = [
    "import_confirm",
    "import_decisions_save",
    "import_files_expire",
    "import_job_get",
    "import_job_list",
    "import_progress",
    "import_report_path",
    "import_run",
    "import_start",
]
