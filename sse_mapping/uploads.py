"""Request bodies limited before Django reads them.

The proxy refuses larger bodies first (`client_max_body_size` in
docs/deploy-nginx.conf); this is the same limit for a server reached without it, and
for bodies sent in chunks, whose size is known only while reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _too_large_message() -> str:
    return _(
        "The request is larger than the %(max)d MB the platform accepts. Split the "
        "file into smaller ones."
    ) % {"max": settings.MAX_REQUEST_BODY_BYTES // 1024 // 1024}


def too_large_response(request: HttpRequest) -> HttpResponse:
    message = _too_large_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "400.html", {"exception": message}, status=413)


class BodySizeMiddleware:
    """Answer 413 to a request that says it is larger than MAX_REQUEST_BODY_BYTES,
    before a byte of it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            return too_large_response(request)
        return self.get_response(request)


class BodySizeUploadHandler(FileUploadHandler):
    """Stop reading an upload sent in chunks once it passes the limit."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MAX_REQUEST_BODY_BYTES:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None
