import pytest

from server.conferences.service import new_badge_key_pair
from shared.badge_codes import BadgeCodeError, parse, sign

PRIVATE, PUBLIC = new_badge_key_pair()


@pytest.mark.parametrize("payload", ["A3K9M2X1", "a3k9m2x1", "  A3K9M2X1\n", "pycon:A3K9M2X1"])
def test_bare_and_reference_payloads(payload):
    badge = parse(payload, conference_slug="pycon", public_key=PUBLIC)
    assert badge.access_code == "A3K9M2X1" and badge.signed is False


def test_signed_payload_round_trip_and_forgery():
    payload = sign("pycon", "A3K9M2X1", PRIVATE)
    assert parse(payload, conference_slug="pycon", public_key=PUBLIC).signed is True
    tampered = payload.replace("A3K9M2X1", "A3K9M2X2")
    with pytest.raises(BadgeCodeError) as error:
        parse(tampered, conference_slug="pycon", public_key=PUBLIC)
    assert error.value.reason == "invalid_signature"
    other_private, _ = new_badge_key_pair()
    with pytest.raises(BadgeCodeError, match="signature does not match"):
        parse(sign("pycon", "A3K9M2X1", other_private), conference_slug="pycon", public_key=PUBLIC)


@pytest.mark.parametrize(("payload", "reason"), [
    ("other-conf:A3K9M2X1", "wrong_conference"),
    (sign("other-conf", "A3K9M2X1", PRIVATE), "wrong_conference"),
    ("X" * 500, "malformed"),
    ("A3K9\x00M2X1", "malformed"),
    ("", "malformed"),
    ("https://example.org/", "malformed"),
    ("DS1.pycon.A3K9M2X1", "malformed"),
    ("pycon:short", "malformed"),
])
def test_what_is_refused_and_why(payload, reason):
    with pytest.raises(BadgeCodeError) as error:
        parse(payload, conference_slug="pycon", public_key=PUBLIC)
    assert error.value.reason == reason and error.value.message


# Printable ASCII, plus characters that str.upper() or a lenient decoder would turn into valid ones.
ALTERNATIVES = [chr(c) for c in range(0x20, 0x7F)] + ["ß", "ı", "ſ", "Ａ", "٣", "\u00a0", "é"]


def test_every_one_character_change_of_a_signed_badge_is_refused():
    payload = sign("pycon-2027", "A3K9M2X1", PRIVATE)
    assert len(payload) == 110 and parse(payload, conference_slug="pycon-2027", public_key=PUBLIC).signed
    accepted, tried = [], 0
    for position, original in enumerate(payload):
        for replacement in ALTERNATIVES:
            if replacement == original:
                continue
            changed = payload[:position] + replacement + payload[position + 1:]
            tried += 1
            try:
                parse(changed, conference_slug="pycon-2027", public_key=PUBLIC)
            except BadgeCodeError:
                continue
            accepted.append((position, replacement))
    assert tried == 110 * (len(ALTERNATIVES) - 1)  # 10,340 printable ASCII changes and 770 others
    assert accepted == []


@pytest.mark.parametrize("padding", ["=", "=="])
def test_a_padded_signature_is_refused(padding):
    with pytest.raises(BadgeCodeError) as error:
        parse(sign("pycon", "A3K9M2X1", PRIVATE) + padding, conference_slug="pycon", public_key=PUBLIC)
    assert error.value.reason == "invalid_signature"


@pytest.mark.parametrize("payload", ["ABCDEFß", "ABCDEFGı", "pycon:ABCDEFß", "ABCDEFGſ", "ＡBCDEFGH"])
def test_bare_codes_are_ascii_only(payload):
    with pytest.raises(BadgeCodeError) as error:
        parse(payload, conference_slug="pycon", public_key=PUBLIC)
    assert error.value.reason == "malformed"


def test_well_formed_is_what_a_scan_in_pieces_must_add_up_to():
    from shared.badge_codes import is_well_formed

    signed = sign("pycon", "A3K9M2X1", PRIVATE)
    for payload in ("A3K9M2X1", "a3k9m2x1", "pycon:A3K9M2X1", signed):
        assert is_well_formed(payload, conference_slug="pycon"), payload
    for payload in ("A3K9M2X", "3K9M2X1", "ycon:A3K9M2X1", "other:A3K9M2X1", signed[:-1], signed[1:],
                    sign("other", "A3K9M2X1", PRIVATE), "A3K9M2X1é"):
        assert not is_well_formed(payload, conference_slug="pycon"), payload
