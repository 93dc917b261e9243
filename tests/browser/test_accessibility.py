"""axe-core on the kinds of page a reader meets, in the light and the dark scheme: no violation of
any impact (issue 21: "axe still reports 0 violations in both schemes")."""

from __future__ import annotations

import pytest

from tests.helpers import READER_PAGES, REPORT, open_context

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # make test installs it; conftest reports the missing browser stack
    Axe = None

PAGES = READER_PAGES


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violation(served, browser, name, scheme):
    context, _ = open_context(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served.url(PAGES[name]))
    response = Axe().run(page).response
    context.close()
    counts = {}
    for violation in response["violations"]:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
    REPORT.setdefault("axe", {})[f"{name} ({scheme})"] = {
        "violations by impact": counts or "none",
        "rules passed": len(response["passes"]),
    }
    found = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:5])
        for violation in response["violations"]
    ]
    assert found == []
