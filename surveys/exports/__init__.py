"""Exports of a country's entities: CSV, XLSX, GeoJSON and JSON-LD, as job rows."""

from surveys.exports.services import (
    ExportGone,
    ExportRefused,
    export_expire,
    export_file,
    export_filters_clean,
    export_job_get,
    export_job_list,
    export_request,
    export_run,
    filters_described,
)

__all__ = [
    "ExportGone",
    "ExportRefused",
    "export_expire",
    "export_file",
    "export_filters_clean",
    "export_job_get",
    "export_job_list",
    "export_request",
    "export_run",
    "filters_described",
]
