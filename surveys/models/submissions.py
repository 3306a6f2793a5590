"""Create forms already sent, so that a second click does not make a second record."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """One create form one user sent, kept for a day.

    `token` is made of the form's key (a hidden input drawn when the form was shown)
    and of what was posted: a second click sends the same token, while the same page
    sent again with other values (after going back) is a new submission.
    `result_url` is where the first one led, empty while it is being saved.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "token"], name="form_submission_once_per_user"
            )
        ]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.token[:8]}"
