"""The README stays true to the site: it links every guide page the site has."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_links_every_guide_page() -> None:
    nav = (
        (ROOT / "mkdocs.yml")
        .read_text()
        .split("\nnav:\n", 1)[1]
        .split("\nmarkdown_extensions:", 1)[0]
    )
    pages = re.findall(r":\s+([\w./-]+\.md)$", nav, flags=re.MULTILINE)
    guides = [
        page for page in pages if "/" not in page and page not in ("index.md", "changelog.md")
    ]
    assert len(guides) >= 15
    readme = (ROOT / "README.md").read_text()
    missing = [page for page in guides if f"(docs/{page})" not in readme]
    assert not missing, f"README does not link: {missing}"
    for linked in re.findall(r"\]\((docs/[\w./-]+\.md)\)", readme):
        assert (ROOT / linked).is_file(), linked
