"""Two-factor sign-in in real Chromium: staff set up an authenticator app on first
sign-in, add a security key (Chromium's virtual authenticator), then sign in with each."""

import base64
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _required_for_staff(settings: Any) -> None:
    settings.MFA_REQUIRED_ROLES = ["staff", "admin"]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def code_from_secret(secret: str) -> str:
    key = base64.b32decode(
        secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)
    )
    return f"{TOTP(key).token():06d}"


def sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("demo-pass-2026")
    page.get_by_role("button", name="Log in").click()


def sign_out(page: Page) -> None:
    page.get_by_test_id("whoami").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=f"var/screenshots/{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"var/screenshots/{name}-390.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def test_staff_set_up_an_app_and_a_key_then_sign_in_with_each(
    live_server: Any, context: BrowserContext, staff: User
) -> None:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )

    # First sign-in: the role requires a second factor before anything else.
    sign_in(page, live_server.url)
    expect(page.get_by_test_id("mfa-required")).to_be_visible()
    shot(page, "two-factor-required")
    page.goto(f"{live_server.url}/countries/")
    expect(page.get_by_test_id("mfa-required")).to_be_visible()

    page.get_by_test_id("add-app").click()
    expect(page.get_by_test_id("totp-qr").locator("svg")).to_be_visible()
    shot(page, "two-factor-app")
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Code").fill("123")
    page.get_by_role("button", name="Confirm and turn on").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    page.get_by_label("Code").fill(code_from_secret(secret))
    page.get_by_role("button", name="Confirm and turn on").click()

    # Recovery codes are offered at once, shown only this time.
    page.get_by_test_id("make-codes").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    shot(page, "two-factor-recovery")
    page.get_by_role("link", name="I have kept them").click()

    page.get_by_test_id("add-key").click()
    page.get_by_role("button", name="Add my security key").click()
    page.wait_for_url(re.compile(r"/accounts/two-factor/$"), timeout=15000)
    expect(page.get_by_test_id("factor-key")).to_have_count(1)
    expect(page.get_by_test_id("factor-app")).to_have_count(1)
    shot(page, "two-factor-setup")

    # Signing in again: the security key.
    sign_out(page)
    sign_in(page, live_server.url)
    expect(page.get_by_test_id("verify-key")).to_be_visible()
    shot(page, "two-factor-verify")
    page.get_by_role("button", name="Use my security key").click()
    page.wait_for_url(re.compile(r"/countries/$"))
    expect(page.get_by_test_id("verify-key")).to_have_count(0)

    # And the authenticator app (its last code may not be used twice).
    sign_out(page)
    TOTPDevice.objects.filter(user=staff).update(last_t=-1)
    sign_in(page, live_server.url)
    page.get_by_label("Code").fill(code_from_secret(secret))
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.wait_for_url(re.compile(r"/countries/$"))
    expect(page.get_by_test_id("verify-code")).to_have_count(0)

    # Staff read what happened: the second factors added and used.
    page.get_by_test_id("nav-security-events").click()
    expect(page.get_by_test_id("security-events")).to_contain_text(
        "Second factor added"
    )
    page.get_by_label("Second factor checked").check()
    page.get_by_role("button", name="Filter").click()
    # Once with the security key, once with the app.
    expect(page.locator("[data-kind]")).to_have_count(2)
    expect(page.get_by_test_id("security-events")).to_contain_text("security key")
    shot(page, "security-events")
