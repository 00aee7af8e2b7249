"""Render the follow-up's indicators charts (issue 17) of the demo's closed IC to PNG.

    export DATABASE_URL=sqlite:////tmp/renders.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo
    .venv/bin/python docs/renders/make_indicators_render.py

The same server-side SVG the IC's « Suivi à N+1 et N+2 » page shows, drawn in Debian's
Chromium (Playwright) and screenshotted into ``indicators.png``.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dla_ic.settings")

import django  # noqa: E402

django.setup()

from django.utils.html import escape  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from cycle.models import Project  # noqa: E402
from demo.followup import FOLLOWUP_IC  # noqa: E402
from followup import selectors  # noqa: E402

STYLE = """body { font-family: sans-serif; margin: 16px; width: 1100px; color: #212529; }
h1 { font-size: 18px; } figure { display: inline-block; width: 340px; margin: 0 12px 0 0;
vertical-align: top; } figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
.stats-bar { fill: #0d6efd; } .stats-label, .stats-value { font-size: 12px; fill: #212529; }"""


def main() -> None:
    project = Project.objects.get(title=FOLLOWUP_IC)
    charts = selectors.project_indicators(selectors.project_questionnaires(project))["charts"]
    figures = "".join(
        f"<figure><figcaption>{escape(label)}</figcaption>{svg}</figure>" for label, svg in charts
    )
    html = (f"<!doctype html><meta charset='utf-8'><style>{STYLE}</style>"
            f"<h1>Effets : évolution entre N et N+2 · {escape(project.title)}</h1>{figures}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1140, "height": 200})
        page.set_content(html)
        page.screenshot(path=str(HERE / "indicators.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
