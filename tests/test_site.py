"""The built docs site as a browser shows it: no reStructuredText, examples as code, links resolved.

Docstrings are Markdown in Google style, rendered by mkdocstrings. What goes wrong there does not
fail a build: a `:class:` role shows up literally, an `Example:` admonition turns a `>>>` session
into nested blockquotes, and an unresolved `[title][identifier]` stays on the page as text. These
tests build the site (about three seconds) and read its HTML for each.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|mod|exc|data|obj|const|ref|term|doc):`")
# autorefs leaves a reference it could not resolve as written: `[title][identifier]`.
UNRESOLVED = re.compile(r"\]\[[\w.]*\]")
HEADING = re.compile(r'<h[1-6] id="(icsdk[\w.]*)" class="doc doc-heading"')
# Pygments' prompt token: the session went through the pycon lexer, inside <pre>.
PROMPT = '<span class="gp">&gt;&gt;&gt; </span>'


@attrs.frozen
class Site:
    root: Path
    log: str

    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if p.name != "404.html")

    def name(self, page: Path) -> str:
        return str(page.relative_to(self.root))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site")
    # Not strict, so that every warning is collected and the pages are there to read.
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stderr
    return Site(root=out, log=run.stderr)


class Page(HTMLParser):
    """A page's text as read: code blocks left out, inline code kept in backticks."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.pre = 0
        self.code = 0
        self.quotes = 0
        self.deepest_quote = 0
        self.text: list[str] = []  # outside <pre>, inline code in backticks
        self.prose: list[str] = []  # outside <pre> and <code>
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.pre += 1
        elif tag == "code" and not self.pre:
            self.code += 1
            self.text.append("`")
        elif tag == "blockquote":
            self.quotes += 1
            self.deepest_quote = max(self.deepest_quote, self.quotes)
        elif tag in {"p", "li", "div", "td", "th", "h1", "h2", "h3", "h4", "br"}:
            self.text.append("\n")
            self.prose.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre -= 1
        elif tag == "code" and not self.pre:
            self.code -= 1
            self.text.append("`")
        elif tag == "blockquote":
            self.quotes -= 1

    def handle_data(self, data: str) -> None:
        if self.pre:
            return
        self.text.append(data)
        if not self.code:
            self.prose.append(data)

    def lines(self, what: list[str], pattern: re.Pattern[str]) -> list[str]:
        return [line.strip() for line in "".join(what).splitlines() if pattern.search(line)]


def own_docstring(path: str) -> str | None:
    """The docstring written on the object a heading documents; None for data and attributes."""
    parts = path.split(".")
    owner: object = importlib.import_module(parts[0])
    for index, name in enumerate(parts[1:], start=1):
        dotted = ".".join(parts[: index + 1])
        if not inspect.ismodule(owner):
            # The descriptor, not what it returns; an instance attribute has no class entry.
            owner = inspect.getattr_static(owner, name, None)
        elif importlib.util.find_spec(dotted) is not None:
            owner = importlib.import_module(dotted)
        else:
            owner = getattr(owner, name)  # icsdk loads its public names on first use
    for wrapper in ("__func__", "fget"):  # staticmethod or classmethod, property
        owner = getattr(owner, wrapper, owner)
    if inspect.isclass(owner):
        doc: object = vars(owner).get("__doc__")
        return doc if isinstance(doc, str) else None
    if inspect.isroutine(owner) or inspect.ismodule(owner):
        return owner.__doc__
    return None


def test_the_build_has_no_warnings(site: Site) -> None:
    unresolved = [line for line in site.log.splitlines() if "cross-reference" in line]
    assert not unresolved, "\n".join(unresolved)
    warnings = [line for line in site.log.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)


def test_no_page_shows_restructuredtext_roles(site: Site) -> None:
    found: dict[str, list[str]] = {}
    for page in site.pages():
        read = Page(page.read_text())
        if lines := read.lines(read.text, ROLE):
            found[site.name(page)] = lines
    assert not found, found


def test_no_page_shows_an_unresolved_cross_reference(site: Site) -> None:
    found: dict[str, list[str]] = {}
    for page in site.pages():
        read = Page(page.read_text())
        if lines := read.lines(read.prose, UNRESOLVED):
            found[site.name(page)] = lines
    assert not found, found


def test_no_doctest_session_is_shown_as_prose(site: Site) -> None:
    found: dict[str, tuple[list[str], str]] = {}
    for page in site.pages():
        read = Page(page.read_text())
        sessions = read.lines(read.text, re.compile(">>>"))
        if sessions or read.deepest_quote > 1:
            found[site.name(page)] = (sessions, f"blockquotes {read.deepest_quote} deep")
    assert not found, found


def test_every_example_is_highlighted_code(site: Site) -> None:
    """Each documented object whose docstring has a `>>>` session shows it as pycon code."""
    checked = 0
    missing: list[str] = []
    for page in (site.root / "reference").rglob("index.html"):
        html = page.read_text()
        headings = list(HEADING.finditer(html))
        assert headings, f"{site.name(page)} documents nothing"
        for heading, following in zip(headings, [*headings[1:], None], strict=True):
            doc = own_docstring(heading.group(1))
            if doc is None or ">>>" not in doc:
                continue
            checked += 1
            section = html[heading.end() : following.start() if following else len(html)]
            if PROMPT not in section:
                missing.append(f"{site.name(page)}: {heading.group(1)}")
    assert not missing, missing
    assert checked > 100


def test_the_errors_tree_draws_every_exception_under_its_parent() -> None:
    """The tree in the errors module's docstring (the top of the Errors page) is complete."""
    errors = importlib.import_module("icsdk._errors")
    icsdk = importlib.import_module("icsdk")
    doc = errors.__doc__ or ""
    tree = doc.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    parents: dict[str, str] = {}
    stack = [tree[0]]
    for line in tree[1:]:
        drawn = re.match(r"^((?:│   |    )*)[├└]── (\w+)", line)
        assert drawn, line
        depth = len(drawn.group(1)) // 4 + 1
        del stack[depth:]
        parents[drawn.group(2)] = stack[-1]
        stack.append(drawn.group(2))
    public = {
        name: cls
        for name in icsdk.__all__
        if inspect.isclass(cls := getattr(icsdk, name)) and issubclass(cls, Exception)
    }
    assert set(parents) | {tree[0]} == set(public)
    for name, parent in parents.items():
        assert public[parent] in public[name].__bases__, (name, parent)
