"""Password reset by email, password change, and an administrator's set-password link."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent
from surveys.models import Notification

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., Any]


def _link(body: str) -> str:
    match = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", body)
    assert match, body
    return match.group(1)


def test_a_committee_member_resets_a_forgotten_password_by_email(
    client: Client, kh_committee: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    kh_committee.email = "member@example.org"
    kh_committee.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "MEMBER@example.org"}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert "\n" not in message.subject

    form = client.get(_link(message.body), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Quiet-river-2027", "new_password2": "Quiet-river-2027"},
        follow=True,
    )
    assert "Your new password is set" in done.content.decode()

    signed_in = client.post(
        reverse("login"),
        {"username": kh_committee.username, "password": "Quiet-river-2027"},
    )
    assert signed_in.status_code == 302
    assert SecurityEvent.objects.filter(
        user=kh_committee, kind=SecurityEvent.Kind.PASSWORD_CHANGED
    ).exists()


def test_a_reset_link_works_only_once(
    client: Client, kh_committee: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    kh_committee.email = "member@example.org"
    kh_committee.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "member@example.org"})
    link = _link(mail.outbox[0].body)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Quiet-river-2027", "new_password2": "Quiet-river-2027"},
    )

    again = Client().get(link, follow=True)

    assert "This link no longer works" in again.content.decode()


def test_the_reset_page_answers_the_same_for_an_unknown_address(
    client: Client, kh_committee: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    kh_committee.email = "member@example.org"
    kh_committee.save()

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("password_reset"), {"email": "member@example.org"})
        unknown = client.post(
            reverse("password_reset"), {"email": "nobody@example.org"}
        )

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_the_reset_page_does_the_same_work_for_any_address_and_mails_nothing_itself(
    client: Client, kh_committee: User
) -> None:
    """Finding the account and talking to the mail server are left to the worker:
    doing either in the request would make an address with an account answer slower
    than one without."""
    kh_committee.email = "member@example.org"
    kh_committee.save()

    for email in ("member@example.org", "nobody@example.org"):
        response = client.post(reverse("password_reset"), {"email": email})
        assert response.status_code == 302

    assert mail.outbox == []
    queued = list(Notification.objects.order_by("pk"))
    assert [(n.kind, n.recipients) for n in queued] == [
        (Notification.Kind.PASSWORD_REQUEST, ["member@example.org"]),
        (Notification.Kind.PASSWORD_REQUEST, ["nobody@example.org"]),
    ]
    # No link is written before the worker mails it.
    assert all(n.body == "http://testserver/" for n in queued)


def test_the_link_is_mailed_in_the_members_language(
    client: Client, kh_committee: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    from countries.preferences import profile_update

    kh_committee.email = "member@example.org"
    kh_committee.save()
    profile_update(user=kh_committee, language="th")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "member@example.org"})

    [message] = mail.outbox
    assert "Reset your password" not in message.subject
    assert _link(message.body)
    assert SecurityEvent.objects.filter(
        user=kh_committee, kind=SecurityEvent.Kind.PASSWORD_RESET_SENT
    ).exists()


def test_a_signed_in_user_changes_their_password(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)

    wrong = client.post(
        reverse("password_change"),
        {
            "old_password": "not-it",
            "new_password1": "Quiet-river-2027",
            "new_password2": "Quiet-river-2027",
        },
    )
    assert wrong.status_code == 200
    assert "Your old password was entered incorrectly" in wrong.content.decode()

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "demo-pass-2026",
            "new_password1": "Quiet-river-2027",
            "new_password2": "Quiet-river-2027",
        },
        follow=True,
    )
    assert "Your password is changed" in response.content.decode()
    kh_consultant.refresh_from_db()
    assert kh_consultant.check_password("Quiet-river-2027")


def test_an_administrator_sends_a_new_member_a_set_password_link(
    client: Client, reference_data: None, django_capture_on_commit_callbacks: OnCommit
) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "Admin-pass-2027")
    newcomer = User.objects.create_user("kh-new", "new@example.org")
    assert not newcomer.has_usable_password()
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "send_password_link", "_selected_action": [newcomer.pk]},
            follow=True,
        )

    assert "A set-password link was sent to 1 user." in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    assert "Set your password" in message.subject
    anonymous = Client()
    form = anonymous.get(_link(message.body), follow=True)
    anonymous.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Quiet-river-2027", "new_password2": "Quiet-river-2027"},
    )
    newcomer.refresh_from_db()
    assert newcomer.check_password("Quiet-river-2027")
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.PASSWORD_RESET_SENT)
    assert event.actor == admin and event.user == newcomer


def test_a_new_password_by_email_lifts_the_accounts_lockout(
    kh_committee: User, django_capture_on_commit_callbacks: OnCommit
) -> None:
    kh_committee.email = "member@example.org"
    kh_committee.save()
    for n in range(5):
        guesser = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        guesser.post(
            reverse("login"), {"username": "kh-committee", "password": "wrong-pass"}
        )
    owner = Client(REMOTE_ADDR="198.51.100.7")
    credentials = {"username": "kh-committee", "password": "demo-pass-2026"}
    assert owner.post(reverse("login"), credentials).status_code == 429

    with django_capture_on_commit_callbacks(execute=True):
        owner.post(reverse("password_reset"), {"email": "member@example.org"})
    form = owner.get(_link(mail.outbox[0].body), follow=True)
    owner.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Quiet-river-2027", "new_password2": "Quiet-river-2027"},
    )

    credentials["password"] = "Quiet-river-2027"
    assert owner.post(reverse("login"), credentials).status_code == 302
