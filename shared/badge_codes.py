"""What a badge's QR code or barcode says, and whether to believe it. Pure: no I/O.

Three payloads are accepted:

- a bare access code, ``A3K9M2X1`` (the Code128 barcode, or a person typing it);
- ``{conference_slug}:{access_code}``, unsigned (badges printed by earlier systems, and a kiosk offline);
- our signed payload ``DS1.{conference_slug}.{access_code}.{signature}``, the signature being
  Ed25519 over ``DS1.{conference_slug}.{access_code}`` (base64url, no padding), so that a kiosk
  can tell a real badge from a forged one even for an attendee registered after its last sync.

Each badge has exactly one accepted spelling. The signature is read only in its canonical form:
86 characters of the base64url alphabet, no padding, and re-encoding the 64 bytes gives the same
text (the last character carries 4 unused bits, so 15 other characters would decode to the same
signature; a lenient decoder also takes ``+`` and ``/``). Codes are ASCII only: ``str.upper``
would turn ``ß`` into ``SS`` and ``ı`` into ``I``, making a badge out of something that is not one.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MAX_PAYLOAD_LENGTH = 200
SIGNED_PREFIX = "DS1"
ACCESS_CODE = re.compile(r"^[A-Z0-9]{8}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class BadgeCodeError(ValueError):
    """A payload that is not a badge of this conference; ``reason`` is a stable scan reason code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class BadgeCode:
    access_code: str
    signed: bool  # True only when the signature was verified


SIGNATURE_TEXT = re.compile(r"^[A-Za-z0-9_-]{86}$")  # 64 bytes of Ed25519 signature, base64url without padding


def _encode_signature(signature: bytes) -> str:
    return base64.urlsafe_b64encode(signature).decode().rstrip("=")


def _decode_signature(text: str) -> bytes | None:
    """The signature bytes, or None unless ``text`` is exactly their canonical encoding."""
    if not SIGNATURE_TEXT.match(text):
        return None
    signature = base64.urlsafe_b64decode(text + "==")
    return signature if _encode_signature(signature) == text else None


def sign(conference_slug: str, access_code: str, private_key: bytes) -> str:
    """The signed payload for a badge."""
    message = f"{SIGNED_PREFIX}.{conference_slug}.{access_code}"
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(message.encode())
    return f"{message}.{_encode_signature(signature)}"


def parse(payload: str, *, conference_slug: str, public_key: bytes | None = None,
          public_keys: tuple[bytes, ...] = ()) -> BadgeCode:
    """Read a scanned payload for a station of ``conference_slug``.

    Raises BadgeCodeError with reason ``malformed`` (too long, control characters, not a badge),
    ``wrong_conference`` or ``invalid_signature``. Without ``public_key`` a signed payload cannot
    be verified and is refused as ``invalid_signature`` rather than trusted. ``public_keys``: more
    keys to accept (the current and the previous one, after a key rotation).
    """
    text = payload.strip()
    if len(text) > MAX_PAYLOAD_LENGTH:
        raise BadgeCodeError("malformed", f"Not a badge: {len(text)} characters is too long.")
    if not text:
        raise BadgeCodeError("malformed", "Not a badge: the scan was empty.")
    if any(not ch.isprintable() for ch in text):
        raise BadgeCodeError("malformed", "Not a badge: the scan contains control characters.")

    if text.startswith(SIGNED_PREFIX + "."):
        parts = text.split(".")
        if len(parts) != 4:
            raise BadgeCodeError("malformed", "Not a badge: damaged signed code.")
        _, slug, code, signature_text = parts
        if slug != conference_slug:
            raise BadgeCodeError("wrong_conference", f"This badge is for another conference ({slug}).")
        if not ACCESS_CODE.match(code):
            raise BadgeCodeError("malformed", "Not a badge: damaged signed code.")
        keys = ((public_key,) if public_key else ()) + tuple(public_keys)
        if not keys:
            raise BadgeCodeError("invalid_signature", "Cannot verify this badge: the station has no conference key.")
        message = f"{SIGNED_PREFIX}.{slug}.{code}".encode()
        signature = _decode_signature(signature_text)
        if signature is not None:
            for key in keys:
                try:
                    Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
                    return BadgeCode(access_code=code, signed=True)
                except (InvalidSignature, ValueError):
                    continue
        raise BadgeCodeError("invalid_signature", "Forged or damaged badge: the signature does not match.")

    if not text.isascii():
        raise BadgeCodeError("malformed", "Not a badge code.")
    if ":" in text:
        slug, _, code = text.partition(":")
        if not SLUG.match(slug) or not ACCESS_CODE.match(code.upper()):
            raise BadgeCodeError("malformed", "Not a badge code.")
        if slug != conference_slug:
            raise BadgeCodeError("wrong_conference", f"This badge is for another conference ({slug}).")
        return BadgeCode(access_code=code.upper(), signed=False)

    code = text.upper()
    if not ACCESS_CODE.match(code):
        raise BadgeCodeError("malformed", "Not a badge code.")
    return BadgeCode(access_code=code, signed=False)


def is_well_formed(payload: str, *, conference_slug: str) -> bool:
    """Whether ``payload`` is spelled as a badge of this conference, in one of its three forms; a
    signature's shape is checked, not the signature. The keyboard wedge asks this of keys that arrived
    in pieces: they are one scan when together they make a badge, and none of them alone does."""
    text = payload.strip()
    if len(text) > MAX_PAYLOAD_LENGTH or not text.isascii():
        return False
    if text.startswith(SIGNED_PREFIX + "."):
        parts = text.split(".")
        return (len(parts) == 4 and parts[1] == conference_slug and ACCESS_CODE.match(parts[2]) is not None
                and _decode_signature(parts[3]) is not None)
    slug, colon, code = text.rpartition(":")
    if colon and slug != conference_slug:
        return False
    return ACCESS_CODE.match(code.upper()) is not None
