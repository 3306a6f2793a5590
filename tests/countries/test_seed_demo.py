import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from countries.models import AdminArea, Membership

pytestmark = pytest.mark.django_db


USERNAMES = [
    f"{code}-{role}"
    for code in ("kh", "kg", "mn", "th", "vn")
    for role in ("consultant", "committee")
] + ["staff", "admin"]


def test_seed_demo_creates_one_login_per_role_and_country() -> None:
    call_command("seed_demo", "--quiet-logins")
    users = get_user_model().objects
    for username in USERNAMES:
        user = users.get(username=username)
        assert user.check_password("demo-pass-2026")
    assert Membership.objects.get(user__username="th-committee").country_id == "TH"
    assert Membership.objects.get(user__username="staff").country_id is None
    assert users.get(username="admin").is_superuser


def test_seed_demo_twice_changes_nothing() -> None:
    call_command("seed_demo", "--quiet-logins")
    counts = (
        get_user_model().objects.count(),
        Membership.objects.count(),
        AdminArea.objects.count(),
    )
    call_command("seed_demo", "--quiet-logins")
    assert counts == (
        get_user_model().objects.count(),
        Membership.objects.count(),
        AdminArea.objects.count(),
    )


def test_demo_password_comes_from_the_environment(settings: object) -> None:
    settings.DEMO_PASSWORD = "another-demo-password"  # type: ignore[attr-defined]
    call_command("seed_demo", "--quiet-logins")
    user = get_user_model().objects.get(username="kh-consultant")
    assert user.check_password("another-demo-password")
    assert not user.check_password("demo-pass-2026")
