"""How a delivery is signed, and how a receiver checks it (README § Webhooks shows the same in a few
lines of Python).

    Shortlist-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body, keyed by the secret>

The timestamp is signed with the body, so a captured request cannot be replayed later than the
receiver's tolerance; `v1` names the scheme, so a second one can be added beside it one day.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Shortlist-Signature"
EVENT_ID_HEADER = "Shortlist-Event-Id"
EVENT_HEADER = "Shortlist-Event"
TOLERANCE = 300  # seconds a receiver should accept between the signature's time and its clock


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The header's value for `body`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(
    secret: str, header: str, body: bytes, now: float | None = None, tolerance: int = TOLERANCE
) -> bool:
    """Whether `header` signs `body` with `secret` within `tolerance` seconds of `now`."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(parts.get("v1", ""), signature(secret, timestamp, body))
