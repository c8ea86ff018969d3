"""Time-based one-time passwords (RFC 6238), the mandatory second factor, and the enrolment QR code."""

from __future__ import annotations

import hmac
from datetime import datetime
from io import BytesIO

import pyotp
import qrcode
from qrcode.image.svg import SvgPathImage

ISSUER = "OpenPIU"
# Codes of the previous and next 30-second step are accepted too: clocks of phones drift.
WINDOW = 1


def new_secret() -> str:
    """A fresh random base32 secret (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, *, username: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an SVG document (drawn on the server: no script, no inline style)."""
    image = qrcode.make(uri, image_factory=SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # Drop the XML declaration so the SVG can sit inside an HTML page.
    return svg[svg.index("<svg") :]


def accepted_step(secret: str, code: str, *, now: datetime, last_step: int | None) -> int | None:
    """The time step ``code`` is valid for, or None.

    A step at or before ``last_step`` is refused: each code works once (RFC 6238 §5.2).
    """
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def code_at(secret: str, when: datetime) -> str:
    """The code valid at ``when`` (for tests, the demo and the CLI's enrolment check)."""
    return pyotp.TOTP(secret).at(when)
