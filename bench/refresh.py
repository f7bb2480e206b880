"""Refresh speed: 50 feeds x 20 articles served over loopback, cold and warm (all 304).

    python bench/refresh.py [--feeds 50] [--articles 20] [--runs 3]

Each feed is its own outlet: one server per feed on its own loopback address (127.0.0.2,
127.0.0.3, ...; Linux routes all of 127/8 to lo), so per-host politeness applies per outlet as it
would on the web. Prints median wall and CPU time of a cold refresh (every feed and article
fetched, cleaned and stored) and of a warm one (every feed answers 304), with the default
politeness (2 requests at once per host, 0.5 s between starts to one host) and with no delay.
With the default politeness a cold refresh waits on purpose: compare its wall time with its CPU
time and with the no-delay run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.httpserver import Route, Server, article_page, rss

from newsdiff.core.ingest import FetchOptions
from newsdiff.core.library import Library, add_feed
from newsdiff.core.pipeline import refresh

PARAS = ["Officials at the port of Velmora said on Monday that talks would resume after the strike.",
         "The union said its members wanted written guarantees on night shifts before returning.",
         "Shipping agents said the backlog of vessels would take about a week to clear."]


def serve(feeds: int, articles: int) -> list[Server]:
    servers = []
    for f in range(feeds):
        server = Server(host=f"127.0.0.{2 + f % 250}")
        links = []
        for a in range(articles):
            path = f"/a{a}"
            page = article_page(f"Story {f}-{a} from feed {f}", [f"{p} ({f}/{a})" for p in PARAS])
            server.routes[path] = Route(page)
            links.append((f"Story {f}-{a}", path))
        server.routes["/feed.xml"] = Route(rss(f"Feed {f}", links), content_type="application/rss+xml",
                                           etag=f'"{f}"')
        servers.append(server)
    return servers


def one(servers: list[Server], options: FetchOptions) -> tuple[float, float, float, float, int]:
    library = Library(Path(tempfile.mkdtemp()) / "lib.sqlite3")
    for server in servers:
        add_feed(library, server.url("/feed.xml"))
    t, c = time.perf_counter(), time.process_time()
    cold = refresh(library, options)
    cold_wall, cold_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    refresh(library, options)
    warm_wall, warm_cpu = time.perf_counter() - t, time.process_time() - c
    return cold_wall, cold_cpu, warm_wall, warm_cpu, cold.new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    ns = parser.parse_args()
    servers = serve(ns.feeds, ns.articles)
    try:
        for label, options in (("delay 0", FetchOptions(host_delay=0.0, per_host=8)),
                               ("default politeness", FetchOptions())):
            runs = [one(servers, options) for _ in range(ns.runs)]
            med = [statistics.median(r[k] for r in runs) for k in range(4)]
            print(f"{label}: cold {med[0]:.1f} s wall ({med[1]:.1f} s CPU) for {runs[0][4]} articles; "
                  f"warm (all 304) {med[2]:.2f} s wall ({med[3]:.2f} s CPU)")
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
