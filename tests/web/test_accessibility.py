"""The console's pages in chromium: text contrast (WCAG AA), a label for every field, no sideways scrolling
on a tablet held upright. Pages added later can be added to PAGES."""

from __future__ import annotations

import pytest

from server.users.models import Role
from tests.web.conftest import CONFERENCE_A

pytestmark = pytest.mark.browser

# Each text's colour against the first opaque background behind it, as the browser computed them.
CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0.99) return c;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll("body *")) {
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join("");
    const style = getComputedStyle(el);
    if (!text || style.visibility === "hidden" || style.display === "none" || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(style.color)), lum(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName.toLowerCase()} "${text.slice(0, 40)}": ${ratio.toFixed(2)}:1`);
  }
  return low;
}"""

UNLABELLED = """() => [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute("aria-label"))
  .map(el => el.name || el.id || el.outerHTML.slice(0, 60))"""

PAGES = ["/", f"/conferences/{CONFERENCE_A}/dashboard", "/conferences/not-yours/dashboard", "/conferences/new",
         f"/conferences/{CONFERENCE_A}/settings", f"/conferences/{CONFERENCE_A}/products",
         f"/conferences/{CONFERENCE_A}/vouchers"]


def _check(page) -> None:
    assert page.evaluate(CONTRAST) == [], page.url
    assert page.evaluate(UNLABELLED) == [], page.url
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways: {width}"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 768, "height": 1024}],
                         ids=["laptop", "tablet"])
def test_pages_are_readable_labelled_and_fit(new_page, make_console_user, viewport):
    page = new_page(viewport=viewport)
    page.goto("/sign-in")
    _check(page)
    credentials = make_console_user(Role.OWNER, CONFERENCE_A)
    page.get_by_label("Email").fill(credentials.email)
    page.get_by_label("Password").fill("a wrong password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()
    _check(page)  # the error message too
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    for path in PAGES:
        page.goto(path)
        _check(page)
