"""A careful HTTP client for the open-data service: standard library only (urllib), TLS verified.

Every request has a timeout, waits its turn under a rate limit, is retried with backoff on 429,
5xx and connection errors (honouring Retry-After, capped), and is cut off past a size limit. Only
URLs on allowed hosts are fetched, and a redirect to another host is not followed.
"""
from __future__ import annotations

import email.utils
import http.client
import os
import random
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from jbz import __version__
from jbz.untrusted import printable

#: The official SRU endpoint of KOOP (officielebekendmakingen).
OFFICIAL_SRU_URL = "https://repository.overheid.nl/sru"
#: Hosts the official records point their downloads at; always fetched over https.
OFFICIAL_HOSTS = frozenset({"repository.overheid.nl", "zoek.officielebekendmakingen.nl",
                            "officielebekendmakingen.nl"})
USER_AGENT = f"jbz/{__version__} (JBZ-Raad letters for offline reading; Python urllib)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The run cannot go on (no network, the service refuses, a diagnostic); the message says why."""


class DownloadFailed(Exception):
    """One URL could not be fetched; the message is the reason a skipped letter gets."""


@dataclass(slots=True, frozen=True)
class Settings:
    """How the client behaves; every value can be set through the environment (see `from_env`)."""

    #: Requests per second at most (JBZ_FETCH_RATE; 0 = no limit).
    rate: float = 2.0
    #: Seconds to wait for a connection or for the next bytes of an answer (JBZ_FETCH_TIMEOUT).
    timeout: float = 30.0
    #: Retries of a request after a 429, a 5xx or a connection error (JBZ_FETCH_RETRIES).
    retries: int = 4
    #: Seconds before the first retry, doubled for each next one (JBZ_FETCH_BACKOFF).
    backoff: float = 1.0
    #: The longest wait a Retry-After header may ask for, in seconds (JBZ_FETCH_RETRY_AFTER_MAX).
    retry_after_max: float = 60.0
    #: The largest answer accepted, in bytes (JBZ_FETCH_MAX_BYTES).
    max_bytes: int = 100 * 1024 * 1024

    @classmethod
    def from_env(cls, environ=os.environ) -> "Settings":
        """Return the defaults, overridden by JBZ_FETCH_* variables; raise FetchError on a bad value."""
        names = {"rate": ("JBZ_FETCH_RATE", float), "timeout": ("JBZ_FETCH_TIMEOUT", float),
                 "retries": ("JBZ_FETCH_RETRIES", int), "backoff": ("JBZ_FETCH_BACKOFF", float),
                 "retry_after_max": ("JBZ_FETCH_RETRY_AFTER_MAX", float), "max_bytes": ("JBZ_FETCH_MAX_BYTES", int)}
        values = {}
        for attr, (var, kind) in names.items():
            if environ.get(var, "").strip():
                try:
                    values[attr] = kind(environ[var])
                except ValueError:
                    raise FetchError(f"{var}={environ[var]!r} is not a {kind.__name__}") from None
                if values[attr] < 0 or (attr in ("timeout", "max_bytes") and values[attr] == 0):
                    raise FetchError(f"{var}={environ[var]!r} must be a positive number")
        return cls(**values)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same host (and never from https down to http)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if new.hostname != old.hostname or new.port != old.port or (old.scheme == "https" and new.scheme != "https"):
            raise DownloadFailed(f"redirected to another host ({new.hostname or newurl}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Client:
    """Fetches URLs from allowed hosts under the Settings; one per run."""

    def __init__(self, settings: Settings, allowed: set[tuple[str, int | None]]) -> None:
        self.settings = settings
        #: (host, port) pairs besides the official hosts: the SRU URL's own host.
        self.allowed = allowed
        self.requests = 0
        self._next_slot = 0.0
        https = urllib.request.HTTPSHandler(context=ssl.create_default_context())
        self._opener = urllib.request.build_opener(https, _SameHostRedirects())

    @classmethod
    def for_service(cls, sru_url: str, settings: Settings) -> "Client":
        """Return a client that may fetch from the SRU URL's host and the official hosts."""
        parts = urllib.parse.urlsplit(sru_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"the SRU URL '{sru_url}' is not an http(s) URL")
        return cls(settings, {(parts.hostname, parts.port)})

    def checked_url(self, url: str) -> str:
        """Return `url` if it may be fetched (official hosts over https); raise DownloadFailed if not."""
        parts = urllib.parse.urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
            raise DownloadFailed(f"not a plain http(s) URL: {url[:200]!r}")
        if parts.hostname in OFFICIAL_HOSTS and parts.port in (None, 443):
            return parts._replace(scheme="https", netloc=parts.hostname).geturl()
        if (parts.hostname, parts.port) in self.allowed:
            return parts.geturl()
        raise DownloadFailed(f"download URL on host {parts.hostname!r}, which is not the service's; refused")

    def get(self, url: str) -> bytes:
        """Return the body of `url`, retrying what may pass; raise DownloadFailed with the last reason."""
        url = self.checked_url(url)
        attempt = 0
        while True:
            try:
                return self._get_once(url)
            except _Retryable as exc:
                if attempt >= self.settings.retries:
                    raise DownloadFailed(f"{exc} (after {attempt + 1} tries)") from None
                time.sleep(self._wait(attempt, exc.retry_after))
                attempt += 1

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.settings.retry_after_max)
        # Jitter, so many clients that failed together do not come back together.
        delay = self.settings.backoff * (2 ** attempt) * random.uniform(0.8, 1.2)
        return min(delay, max(self.settings.retry_after_max, self.settings.backoff))

    def _take_turn(self) -> None:
        if self.settings.rate <= 0:
            return
        now = time.monotonic()
        if now < self._next_slot:
            time.sleep(self._next_slot - now)
        self._next_slot = max(now, self._next_slot) + 1.0 / self.settings.rate

    def _get_once(self, url: str) -> bytes:
        self._take_turn()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        try:
            with self._opener.open(request, timeout=self.settings.timeout) as response:
                return self._body(response)
        except urllib.error.HTTPError as exc:
            retry_after = _retry_after(exc.headers.get("Retry-After")) if exc.headers else None
            exc.close()
            if exc.code in _RETRY_STATUS:
                raise _Retryable(f"HTTP {exc.code} {printable(str(exc.reason), 100)}", retry_after) from None
            raise DownloadFailed(f"HTTP {exc.code} {printable(str(exc.reason), 100)}") from None
        except DownloadFailed:
            raise
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise DownloadFailed(f"the server's TLS certificate does not verify ({reason.verify_message})") from None
            if isinstance(reason, DownloadFailed):
                raise reason from None
            raise _Retryable(f"cannot connect: {printable(str(getattr(reason, 'strerror', None) or reason), 200)}") from None
        except (TimeoutError, socket.timeout):
            raise _Retryable(f"no answer within {self.settings.timeout:g} s") from None
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            raise _Retryable(f"connection broken ({type(exc).__name__})") from None

    def _body(self, response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length")
        expected = int(declared) if declared and declared.strip().isdigit() else None
        if expected is not None and expected > cap:
            raise DownloadFailed(f"the answer is {expected} bytes, over the limit of {cap}")
        chunks, size = [], 0
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise DownloadFailed(f"the answer is over the limit of {cap} bytes; cut off")
            chunks.append(chunk)
        if expected is not None and size < expected:
            raise _Retryable(f"the answer ended after {size} of its {expected} bytes")
        return b"".join(chunks)


class _Retryable(Exception):
    """A failure that may pass: a 429 or 5xx, a timeout, a broken connection."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    """Return the seconds a Retry-After header asks to wait (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
