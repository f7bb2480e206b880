"""Extraction speed: text-dump pages/s and HTML pages/s on one core (median of repeats).

    python bench/extract.py [--repeats 5] [--pages 40]

Pages are generated here, deterministically: text dumps of about 5 KB (menus, captions,
"Read more" links, related stories, a footer around eight to twenty paragraphs) and HTML pages
of about 60 KB (head with meta, JSON-LD, scripts and styles, navigation, the article, asides,
footer), the sizes of real news pages. The bundled demo corpus is timed too when present.
Each timing runs the whole ingest path (decode, sanitise, detect, clean, segment, language).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newsdiff.core.clean import article_from_bytes

_VOCABULARY = (
    "port union minister talks strike ships workers government budget said would could after before during "
    "officials agency report million percent week month council police city river storm company shares "
    "market court judge election vote plan rail defence energy prices"
)
_WORDS = tuple(_VOCABULARY.split())
_NAV = ["Home", "World", "Business", "Politics", "Sport", "Culture", "Science", "Opinion", "Video", "Sign in"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 30))]
    text = " ".join(words)
    if rng.random() < 0.3:
        text = f"“{text.capitalize()},” said {rng.choice(['Ana Ribeiro', 'Tomas Eld', 'the minister'])}"
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def text_page(rng: random.Random) -> bytes:
    """A page text dump with chrome around the article."""
    lines = ["THE DAILY EXAMPLE", *_NAV, "", "Dock strike halts port as talks collapse", "",
             "By Ana Ribeiro", "March 9, 2026", "", "Cranes stand idle. Photograph: Tomas Eld/Example", ""]
    for k, para in enumerate(_paragraphs(rng, rng.randint(8, 20))):
        lines += [para, ""]
        if k == 3:
            lines += ["Read more: Port volumes hit record", ""]
    lines += ["Related stories", *(s.rstrip(".") for s in (_sentence(rng) for _ in range(5))),
              "Sign up to our newsletter", "© 2026 Daily Example. All rights reserved."]
    return "\n".join(lines).encode()


def html_page(rng: random.Random) -> bytes:
    """An HTML page of realistic size (scripts, styles, navigation, asides, footer)."""
    script = "<script>" + "var x=" + "1+" * 8000 + "1;" + "</script>"
    style = "<style>" + ".c{color:red;margin:0}" * 800 + "</style>"
    nav = "<nav><ul>" + "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in _NAV * 8) + "</ul></nav>"
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(rng, rng.randint(8, 20)))
    aside = "<aside><h2>Most read</h2><ul>" + "".join(
        f'<li><a href="/s{k}">{_sentence(rng)}</a></li>' for k in range(15)) + "</ul></aside>"
    footer = "<footer>" + "".join(f'<div class="f"><a href="/f{k}">Link {k}</a></div>' for k in range(300)) \
        + "</footer>"
    head = ('<head><meta charset="utf-8"><title>Dock strike halts port | Daily Example</title>'
            '<meta property="og:title" content="Dock strike halts port as talks collapse">'
            '<meta property="og:site_name" content="Daily Example">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Dock strike halts port",'
            ' "author": {"name": "Ana Ribeiro"}, "datePublished": "2026-03-09T10:00:00Z"}</script>'
            + script + style + "</head>")
    page = (f"<!DOCTYPE html><html lang='en'>{head}<body>{nav}<main><article><h1>Dock strike halts port</h1>"
            f"<p class='byline'>By Ana Ribeiro</p>{body}</article>{aside}</main>{footer}{script}</body></html>")
    return page.encode()


def pages_per_second(pages: list[bytes], repeats: int) -> float:
    """Median over repeats of pages cleaned per second."""
    article_from_bytes(pages[0])  # warm-up: imports (trafilatura for HTML) are not part of the figure
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for page in pages:
            article_from_bytes(page)
        rates.append(len(pages) / (time.perf_counter() - start))
    return statistics.median(rates)


def _corpus(suffix: str) -> list[bytes]:
    root = Path(__file__).resolve().parents[1] / "src" / "newsdiff" / "demo" / "corpus"
    return [p.read_bytes() for p in sorted(root.glob(f"*{suffix}"))] if root.exists() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", type=int, default=40)
    ns = parser.parse_args()
    rng = random.Random(7)
    suites: list[tuple[str, Callable[[random.Random], bytes], str]] = [
        ("text", text_page, ".txt"), ("HTML", html_page, ".html")]
    for label, make, suffix in suites:
        pages = [make(rng) for _ in range(ns.pages)]
        size = statistics.mean(len(p) for p in pages) / 1024
        rate = pages_per_second(pages, ns.repeats)
        print(f"{label} pages/s: {rate:.0f} (synthetic, {len(pages)} pages of ~{size:.0f} KB, "
              f"median of {ns.repeats})")
        demo = _corpus(suffix)
        if demo:
            rate = pages_per_second(demo, ns.repeats)
            print(f"{label} pages/s: {rate:.0f} (demo corpus, {len(demo)} pages)")


if __name__ == "__main__":
    main()
