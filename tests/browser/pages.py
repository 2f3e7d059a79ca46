"""Opens the platform's e-mail-link pages in a real headless Chromium (Debian's, driven by
Playwright) and reports what a person on a phone or a desktop would meet.

    pages.py <plan.json> <screenshot folder>

The plan is a list of pages: {"name", "url", "submit": optional {"button": text,
"fill": {css: value}, "files": {css: path}}}. For each page, at 320, 390 and 1280 px wide:
the status, `lang="fr"`, no script, no horizontal overflow, every field labelled, every
button, link and choice at least 44 px tall, text contrast of at least 4.5:1 (3:1 for large
text), every form posting to its own origin; a screenshot at 390 and 1280 px. With `submit`,
the form is filled and the button clicked at 390 px, and the answer page checked the same
way. Prints one JSON report per page on stdout: {"name", "problems": [...], "after": text
of the answer page}. Exits 0; the test that runs it judges the reports.
"""

import json
import os
import sys
from playwright.sync_api import sync_playwright

WIDTHS = (320, 390, 1280)
SHOTS = (390, 1280)

# Runs in the page: everything measured on the rendered layout.
AUDIT = r"""
() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.getAttribute('lang') !== 'fr') problems.push('lang is ' + doc.getAttribute('lang'));
  if (document.querySelectorAll('script').length) problems.push('the page has a script');
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) if (a.startsWith('on')) problems.push('inline handler ' + a + ' on ' + el.tagName);
  }
  if (doc.scrollWidth > window.innerWidth) problems.push('horizontal overflow: ' + doc.scrollWidth + ' px in ' + window.innerWidth);
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > window.innerWidth + 0.5) problems.push(el.tagName + ' runs off the screen (right at ' + Math.round(r.right) + ')');
  }
  for (const f of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
    const labelled = (f.id && document.querySelector('label[for="' + f.id + '"]')) || f.closest('label') || f.getAttribute('aria-label');
    if (!labelled) problems.push('field ' + (f.name || f.tagName) + ' has no label');
  }
  const targets = document.querySelectorAll('button, a[href], input[type=submit], input[type=text], input[type=email], label.choice, input[type=file], textarea, select');
  for (const t of targets) {
    const r = t.getBoundingClientRect();
    if (r.height < 44 && !(t.tagName === 'A' && t.closest('p, li, footer'))) problems.push('tap target ' + t.tagName + ' "' + t.textContent.trim().slice(0, 30) + '" is ' + Math.round(r.height) + ' px tall');
  }
  for (const form of document.forms) {
    if (form.method !== 'post') problems.push('a form uses ' + form.method);
    if (new URL(form.action).origin !== location.origin) problems.push('a form posts to ' + form.action);
    if (!form.querySelector("button:not([type=button]):not([type=reset]), input[type=submit]")) problems.push('a form has no submit button');
  }
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const s = getComputedStyle(el);
    const [l1, l2] = [lum(rgb(s.color).slice(0, 3)), lum(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push('contrast ' + ratio.toFixed(2) + ' on ' + el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"');
  }
  return problems;
}
"""


def audit(page, width, label):
    page.set_viewport_size({"width": width, "height": 900})
    return [f"{label} at {width} px: {p}" for p in page.evaluate(AUDIT)]


def visit(browser, spec, folder):
    problems = []
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 900})
    page = context.new_page()
    response = page.goto(spec["url"])
    status = response.status if response else 0
    if status != 200:
        problems.append(f"the page answers {status}")
    for width in WIDTHS:
        problems += audit(page, width, spec["name"])
        if width in SHOTS:
            page.screenshot(path=os.path.join(folder, f"{spec['name']}-{width}.png"), full_page=True)
    after = None
    submit = spec.get("submit")
    if submit:
        page.set_viewport_size({"width": 390, "height": 900})
        for css, value in submit.get("fill", {}).items():
            page.fill(css, value)
        for css, value in submit.get("check", {}).items():
            page.check(css)
        for css, path in submit.get("files", {}).items():
            page.set_input_files(css, path)
        with page.expect_navigation() as nav:
            page.get_by_role("button", name=submit["button"]).click()
        answer = nav.value
        if answer is None or answer.request.method != "POST":
            problems.append("the button did not POST")
        elif answer.status >= 400:
            problems.append(f"the form's answer is {answer.status}")
        for width in WIDTHS:
            problems += audit(page, width, spec["name"] + " (answer)")
            if width in SHOTS:
                page.screenshot(path=os.path.join(folder, f"{spec['name']}-answer-{width}.png"), full_page=True)
        after = page.inner_text("body")
    context.close()
    return {"name": spec["name"], "problems": problems, "after": after}


def main():
    plan = json.load(open(sys.argv[1], encoding="utf-8"))
    folder = sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        # The flags keep Chromium off the network it cannot reach (see the README).
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        for spec in plan:
            try:
                report = visit(browser, spec, folder)
            except Exception as e:  # a page that cannot be driven is a problem to report
                report = {"name": spec["name"], "problems": [f"{type(e).__name__}: {e}"], "after": None}
            print(json.dumps(report, ensure_ascii=False), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
