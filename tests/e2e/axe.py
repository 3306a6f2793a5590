"""axe-core (from the npm registry, see package.json) run in the page under test."""

from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import Page

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# What WCAG 2.2 AA asks, and axe's best practices (landmarks, one main, headings).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page: Page, within: str = "document") -> list[dict[str, Any]]:
    """The serious and critical violations axe-core finds in the page as it is now, or
    in the part of it the CSS selector `within` picks.

    The platform's Content-Security-Policy forbids inline scripts, so the page's
    browser context is opened with `bypass_csp=True` to let the test add axe's.
    """
    if not AXE_SCRIPT.exists():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `make install` (npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "([within, tags]) => axe.run(within === 'document' ? document : within,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [within, AXE_TAGS],
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Each violation's rule, what it asks and the elements that break it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_no_serious_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe_violations(violations)}"
