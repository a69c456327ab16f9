"""One HTTP POST of a delivery, with the standard library (urllib): a bounded time, no redirects
followed (a redirect could point anywhere, the subscription's URL is what staff approved), and the
answer reduced to a status code or a one-line error."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Answer:
    status: int | None  # the receiver's HTTP status; None when no answer came
    error: str  # "" for a 2xx

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        """No answer, a timeout, a server error, 408 or 429 may pass; any other refusal would recur."""
        return self.status is None or self.status in (408, 429) or self.status >= 500


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


_opener = urllib.request.build_opener(_NoRedirects())


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(64 * 1024)  # the body is not used; read a little so the connection ends cleanly
            return Answer(response.status, "")
    except urllib.error.HTTPError as error:
        status = error.code
        what = "redirects are not followed" if 300 <= status < 400 else (error.reason or "")
        return Answer(status, f"HTTP {status} {what}".strip()[:500])
    except TimeoutError:
        return Answer(None, f"no answer within {timeout:g} s")
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return Answer(None, f"no answer within {timeout:g} s")
        return Answer(None, f"could not connect: {reason}"[:500])
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset, or a malformed answer
        return Answer(None, f"{error.__class__.__name__}: {error}"[:500])
