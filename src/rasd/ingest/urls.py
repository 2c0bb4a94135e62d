"""Fetching http(s) URLs with retries and exponential backoff (stdlib only, no extra dependency).

Transient failures (connection refused or reset, timeouts, HTTP 408/429/5xx) are retried; permanent
ones (other 4xx, a bad scheme) are not. After the last attempt a :class:`~rasd.errors.FetchError`
(an InputError with the network exit code) names the URL and the reason.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from rasd import __version__
from rasd.errors import FetchError

log = logging.getLogger("rasd.ingest")

USER_AGENT = f"rasd/{__version__} (+https://github.com/rasd-project/rasd)"
MAX_BYTES = 50 * 1024 * 1024
"""Responses larger than this are refused (a news page or feed is far smaller)."""

RETRIES = 3
"""Extra attempts after the first (module defaults, so tests and long-running watchers can tune them)."""
BACKOFF = 0.5
"""Seconds before the first retry; doubled before each next one."""
TIMEOUT = 20.0

_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of an HTTP response and what the server said it is."""

    url: str
    """The final URL after redirects."""
    data: bytes
    content_type: str
    charset: str | None = None


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    retries: int | None = None,
    backoff: float | None = None,
    timeout: float | None = None,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``; ``retries`` extra attempts after the first, sleeping backoff, 2×backoff, 4×backoff..."""
    if not is_url(url):
        raise FetchError(url, "not an http(s) URL")
    retries = RETRIES if retries is None else retries
    backoff = BACKOFF if backoff is None else backoff
    timeout = TIMEOUT if timeout is None else timeout
    last = "unknown error"
    for attempt in range(retries + 1):
        if attempt:
            delay = backoff * (2 ** (attempt - 1))
            log.info("%s: %s; retrying in %.1fs (%d/%d)", url, last, delay, attempt, retries)
            time.sleep(delay)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
                data = response.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise FetchError(url, f"response larger than {max_bytes} bytes; refused")
                headers = response.headers
                return Fetched(
                    url=response.geturl() or url,
                    data=data,
                    content_type=(headers.get_content_type() or "").lower(),
                    charset=headers.get_content_charset(),
                )
        except urllib.error.HTTPError as err:
            last = f"HTTP {err.code} {err.reason}"
            if err.code not in _RETRY_STATUS:
                raise FetchError(url, f"unreachable: {last}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as err:
            reason = getattr(err, "reason", err)
            last = f"{type(reason).__name__}: {reason}" if not isinstance(reason, str) else reason
        except ValueError as err:  # malformed URL (e.g. bad port)
            raise FetchError(url, f"bad URL: {err}") from None
    raise FetchError(url, f"unreachable after {retries + 1} attempts: {last}")


__all__ = ["Fetched", "fetch", "is_url", "USER_AGENT"]
