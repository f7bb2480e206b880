"""Feeds and fetching against a real local HTTP server: formats, 304s, failures, caps, the bar scenario."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newsdiff.core.feeds import export_opml, import_opml, parse_feed
from newsdiff.core.ingest import FetchOptions, fetch_many, fetch_one, normalise_url
from newsdiff.core.library import Library, add_feed
from newsdiff.core.pipeline import refresh
from newsdiff.errors import NewsdiffError
from tests.httpserver import PARAS, Route, Server, article_page, rss

FAST = FetchOptions(timeout=1.0, retries=1, backoff=0.01, host_delay=0.0, per_host=4)


def test_urls_lose_tracking_parameters_and_fragments() -> None:
    assert normalise_url("HTTPS://Example.COM:443/a?utm_source=x&id=3&fbclid=y#top") == "https://example.com/a?id=3"
    assert normalise_url("../b?x=1", "http://h.test/news/a/") == "http://h.test/news/b?x=1"


@pytest.mark.parametrize("kind", ["rss2", "rss1", "atom", "json"])
def test_every_feed_format_parses_with_absolute_links(kind: str) -> None:
    base = "http://feeds.test/news/feed"
    docs = {
        "rss2": rss("Wire", [("A", "/story/1?utm_medium=rss"), ("B", "story/2")]),
        "rss1": b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
            xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>Wire</title><link>x</link>
            <description>d</description></channel><item rdf:about="/story/1"><title>A</title>
            <link>/story/1?utm_medium=rss</link></item><item rdf:about="story/2"><title>B</title>
            <link>story/2</link></item></rdf:RDF>""",
        "atom": b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>Wire</title><entry><title>A</title><link href="/story/1?utm_medium=rss"/>
            <updated>2026-03-09T10:00:00Z</updated></entry><entry><title>B</title><link href="story/2"/>
            <updated>2026-03-09T10:00:00Z</updated></entry></feed>""",
        "json": json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [
            {"id": "1", "url": "/story/1?utm_medium=rss", "title": "A"},
            {"id": "2", "url": "story/2", "title": "B"}]}).encode(),
    }
    feed = parse_feed(docs[kind], base)
    assert [e.link for e in feed.entries] == ["http://feeds.test/story/1", "http://feeds.test/news/story/2"]
    assert [e.title for e in feed.entries] == ["A", "B"]


def test_non_utf8_feed_and_malformed_xml() -> None:
    latin = ("<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>Caf\xe9</title>"
             "<item><title>Caf\xe9 news</title><link>http://h.test/a</link></item></channel></rss>").encode("latin-1")
    assert parse_feed(latin, "http://h.test/feed").entries[0].title == "Café news"
    with pytest.raises(NewsdiffError, match="not a feed"):
        parse_feed(b"<html><body>this is a web page, not a feed</body></html>", "http://h.test/x")


def test_opml_import_of_a_device_or_binary_file_is_refused_without_reading_it_whole() -> None:
    """``feed import /dev/urandom`` read forever (Path.read_bytes); now it reads up to the page cap."""
    done = subprocess.run(["newsdiff", "feed", "import", "/dev/urandom"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr == "newsdiff: /dev/urandom: binary file, not an OPML list of feeds\n"
    with pytest.raises(NewsdiffError, match="larger than 8 MB"):
        import_opml(b"<opml>" + b" " * (8 * 2**20) + b"</opml>")


def test_opml_round_trip_and_entity_bombs_refused() -> None:
    text = export_opml([("http://a.test/feed", "A & B"), ("http://b.test/rss", None)])
    assert import_opml(text.encode()) == [("http://a.test/feed", "A & B"), ("http://b.test/rss", "http://b.test/rss")]
    with pytest.raises(NewsdiffError, match="DTD"):
        import_opml(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml/>')


def test_fetch_handles_304_redirects_gzip_caps_and_failures(server: Server) -> None:
    server.routes["/a"] = Route(b"hello" * 100, etag='"v1"', gzip=True)
    server.routes["/moved"] = Route(status=301, location="/a")
    server.routes["/huge"] = Route(b"x" * 300_000)
    server.routes["/boom"] = Route(b"error", status=500)
    server.routes["/slow"] = Route(b"late", delay=2.0)
    first = fetch_one(server.url("/a"), FAST)
    assert first.body == b"hello" * 100 and first.etag == '"v1"'
    again = fetch_one(server.url("/a"), FAST, (first.etag, None))
    assert again.not_modified and again.body is None
    assert fetch_one(server.url("/moved"), FAST).final_url == server.url("/a")
    capped = fetch_one(server.url("/huge"), FetchOptions(max_bytes=100_000, timeout=1.0))
    assert capped.truncated and len(capped.body or b"") == 100_000
    boom = fetch_one(server.url("/boom"), FAST)
    assert boom.error == "HTTP 500" and server.hits["/boom"] == 2  # retried once
    assert fetch_one(server.url("/missing"), FAST).error == "HTTP 404"
    assert fetch_one(server.url("/slow"), FAST).error == "timed out after 1 s"
    dead = Server()
    dead_url = dead.url("/x")
    dead.stop()
    assert fetch_one(dead_url, FAST).error == "connection refused"


def test_fetch_many_keeps_order_and_per_host_bound(server: Server) -> None:
    for k in range(6):
        server.routes[f"/p{k}"] = Route(f"page {k}".encode(), delay=0.05)
    results = fetch_many([(server.url(f"/p{k}"), (None, None)) for k in range(6)], FAST)
    assert [r.body for r in results] == [f"page {k}".encode() for k in range(6)]


def _serve_bar_scenario(server: Server) -> list[str]:
    titles = ["Dockers strike at Velmora", "Cranes idle as talks fail", "Fuel tankers wait offshore"]
    links = []
    for k, title in enumerate(titles):
        server.routes[f"/news/{k}"] = Route(article_page(title, [f"{p} ({title})" for p in PARAS]))
        links.append((title, f"/news/{k}?utm_source=rss"))
    links.append(("Gone", "/news/dead"))
    server.routes["/feed.xml"] = Route(rss("Test Wire", links), content_type="application/rss+xml", etag='"f1"')
    return titles


def test_refresh_stores_each_live_article_once_and_reports_the_dead_link(server: Server, tmp_path: Path) -> None:
    titles = _serve_bar_scenario(server)
    library = Library(tmp_path / "lib.sqlite3")
    add_feed(library, server.url("/feed.xml"))
    report = refresh(library, FAST)
    assert report.new == 3 and report.failed == 1
    assert any("/news/dead" in url and "404" in reason for url, reason in report.problems)
    assert sorted(s.article.title for s in library.articles()) == sorted(titles)
    assert all("utm_source" not in (s.article.url or "") for s in library.articles())
    second = refresh(library, FAST)
    assert second.new == 0 and second.feeds_unchanged == 1 and library.count() == 3
    assert server.conditional_hits == 1, "an unchanged feed costs one 304"
    server.stop()
    third = refresh(library, FAST)
    assert third.problems and "connection refused" in third.problems[0][1]
    assert library.count() == 3


@pytest.mark.skipif(shutil.which("newsdiff") is None, reason="newsdiff is not installed")
def test_the_bar_through_the_command_line(server: Server, isolated_home: Path) -> None:
    titles = _serve_bar_scenario(server)

    def nd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["newsdiff", *args], capture_output=True, text=True, timeout=120)

    assert nd("feed", "add", server.url("/feed.xml")).returncode == 0
    first = nd("refresh")
    assert "/news/dead" in first.stderr and "HTTP 404" in first.stderr and "Traceback" not in first.stderr
    listed = json.loads(nd("list", "--json").stdout)["articles"]
    assert sorted(a["title"] for a in listed) == sorted(titles)
    assert "0 new" in nd("refresh").stdout
    server.stop()
    down = nd("refresh")
    assert down.returncode == 1 and "connection refused" in down.stderr and "Traceback" not in down.stderr
    assert len(json.loads(nd("list", "--json").stdout)["articles"]) == 3


def test_add_url_stores_a_single_page_and_readding_updates(server: Server, tmp_path: Path) -> None:
    from newsdiff.core.pipeline import add_url

    server.routes["/one"] = Route(article_page("Port reopens", PARAS))
    library = Library(tmp_path / "lib.sqlite3")
    first = add_url(library, server.url("/one?utm_campaign=x"), FAST)
    assert first.status == "new" and library.get(first.id).article.url == server.url("/one")  # type: ignore[union-attr]
    server.routes["/one"] = Route(article_page("Port reopens", [*PARAS, "A correction was added later today."]))
    again = add_url(library, server.url("/one"), FAST)
    assert again.id == first.id and again.status == "updated" and library.count() == 1
    assert len(library.versions(first.id)) == 1
    with pytest.raises(NewsdiffError, match="404"):
        add_url(library, server.url("/nothing"), FAST)
    server.routes["/feed.xml"] = Route(rss("Port news", [("Port reopens", server.url("/one"))]), content_type="application/rss+xml")
    with pytest.raises(NewsdiffError, match=r"an RSS or Atom feed, not an article page: `newsdiff feed add URL`"):
        add_url(library, server.url("/feed.xml"), FAST)  # a feed's address given as an article's
    assert library.count() == 1


def test_requests_are_interleaved_by_host_so_one_slow_host_does_not_block_the_rest() -> None:
    from newsdiff.core.ingest.fetch import _round_robin

    urls = [f"http://a.test/{i}" for i in range(3)] + ["http://b.test/0", "http://c.test/0", "http://b.test/1"]
    order = _round_robin(urls)
    assert sorted(order) == list(range(len(urls)))
    assert [urls[i].split("/")[2] for i in order] == ["a.test", "b.test", "c.test", "a.test", "b.test", "a.test"]
