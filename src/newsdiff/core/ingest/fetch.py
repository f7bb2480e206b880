"""Polite HTTP fetching: one client, bounded per-host concurrency with a delay, conditional
requests, retries with backoff, a size cap, and errors returned as text (never raised).

The one seam to the network: everything that downloads goes through ``fetch_one``/``fetch_many``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdiff.core.ingest.urls import host_of
from newsdiff.version import __version__

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"newsdiff/{__version__} (+https://github.com/newsdiff/newsdiff; terminal news reader)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How politely and patiently to fetch."""

    timeout: float = 10.0  # seconds to connect and between bytes
    retries: int = 2  # extra tries after a timeout or a 5xx answer
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    per_host: int = 2  # requests at once to one host
    host_delay: float = 0.5  # seconds between the start of two requests to one host
    workers: int = 8  # requests at once in all
    max_bytes: int = 5 * 1024 * 1024  # bodies are cut here
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one request gave: a body, 'not modified', or an error in words."""

    url: str
    final_url: str
    status: int | None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    truncated: bool = False


class _HostGate:
    """At most ``per_host`` requests at once to a host, starts at least ``delay`` apart."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host, self.delay = per_host, delay
        self.lock = threading.Lock()
        self.slots: dict[str, threading.Semaphore] = {}
        self.next_start: dict[str, float] = {}

    def enter(self, host: str) -> threading.Semaphore:
        with self.lock:
            slot = self.slots.setdefault(host, threading.Semaphore(self.per_host))
        slot.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start.get(host, 0.0))
            self.next_start[host] = start + self.delay
        if start > now:
            time.sleep(start - now)
        return slot


def _client(options: FetchOptions) -> httpx.Client:
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(options.timeout), follow_redirects=True, max_redirects=options.max_redirects,
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


def _once(client: httpx.Client, url: str, options: FetchOptions, validators: Validators) -> FetchResult:
    headers = {}
    if validators[0]:
        headers["If-None-Match"] = validators[0]
    if validators[1]:
        headers["If-Modified-Since"] = validators[1]
    with client.stream("GET", url, headers=headers) as response:
        final = str(response.url)
        if response.status_code == 304:
            return FetchResult(url, final, 304, not_modified=True, etag=validators[0], last_modified=validators[1])
        if response.status_code >= 400:
            return FetchResult(url, final, response.status_code, error=f"HTTP {response.status_code}")
        chunks, size, truncated = [], 0, False
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > options.max_bytes:
                truncated = True
                break
        body = b"".join(chunks)[:options.max_bytes]
        return FetchResult(url, final, response.status_code, body, response.headers.get("etag"),
                           response.headers.get("last-modified"), truncated=truncated)


def _error_text(err: Exception, options: FetchOptions) -> str:
    import httpx

    if isinstance(err, httpx.TimeoutException):
        return f"timed out after {options.timeout:g} s"
    if isinstance(err, httpx.ConnectError):
        text = str(err).lower()
        if "refused" in text:
            return "connection refused"
        if "name" in text or "resolve" in text or "nodename" in text:
            return "host not found"
        return f"cannot connect ({err})"
    if isinstance(err, httpx.TooManyRedirects):
        return f"more than {options.max_redirects} redirects"
    if isinstance(err, httpx.HTTPError):
        return f"{type(err).__name__}: {err}"
    return str(err)


Validators = tuple[str | None, str | None]  # (ETag, Last-Modified) from the previous fetch


def fetch_one(url: str, options: FetchOptions | None = None, validators: Validators = (None, None),
              client: httpx.Client | None = None, gate: _HostGate | None = None) -> FetchResult:
    """GET ``url`` politely; network problems come back as ``FetchResult.error``, never raised."""
    import httpx

    options = options or FetchOptions()
    own = client is None
    client = client or _client(options)
    try:
        for attempt in range(options.retries + 1):
            slot = gate.enter(host_of(url)) if gate else None
            try:
                result = _once(client, url, options, validators)
            except httpx.TimeoutException as err:
                result = FetchResult(url, url, None, error=_error_text(err, options))
            except (httpx.HTTPError, OSError, ValueError) as err:
                return FetchResult(url, url, None, error=_error_text(err, options))
            finally:
                if slot:
                    slot.release()
            retry = result.error and (result.status is None or result.status >= 500)
            if not retry or attempt == options.retries:
                return result
            time.sleep(options.backoff * (2 ** attempt))
        return result
    finally:
        if own:
            client.close()


def _round_robin(urls: list[str]) -> list[int]:
    """Indices of ``urls`` taking one per host in turn, so that workers waiting on one busy host's
    politeness delay never hold up requests to the others (no head-of-line blocking)."""
    queues: dict[str, list[int]] = {}
    for i, url in enumerate(urls):
        queues.setdefault(host_of(url), []).append(i)
    order: list[int] = []
    lanes = [list(reversed(q)) for q in queues.values()]
    while lanes:
        for lane in lanes:
            order.append(lane.pop())
        lanes = [lane for lane in lanes if lane]
    return order


def fetch_many(requests: Iterable[tuple[str, tuple[str | None, str | None]]], options: FetchOptions | None = None,
               on_done: Callable[[FetchResult], None] | None = None) -> list[FetchResult]:
    """Fetch (url, validators) pairs concurrently, politely per host; results in input order.

    ``on_done`` is called in the calling thread as each request finishes (for progress and storing).
    """
    options = options or FetchOptions()
    gate = _HostGate(options.per_host, options.host_delay)
    items = list(requests)
    results: list[FetchResult | None] = [None] * len(items)
    with _client(options) as client, ThreadPoolExecutor(max_workers=options.workers) as pool:
        futures = {pool.submit(fetch_one, items[i][0], options, items[i][1], client, gate): i
                   for i in _round_robin([url for url, _ in items])}
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if on_done:
                on_done(result)
    return [r for r in results if r is not None]
