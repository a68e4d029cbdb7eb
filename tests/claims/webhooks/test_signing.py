"""Signatures that receivers can check with the documented helper."""

import pytest

from claims.webhooks.signing import sign, verify

# RFC 4231, test case 2.
KEY, DATA = "Jefe", b"what do ya want for nothing?"
DIGEST = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"


def test_signature_is_hmac_sha256_of_the_raw_body():
    assert sign(KEY, DATA) == f"sha256={DIGEST}"


def test_verify_accepts_the_right_signature():
    assert verify(KEY, DATA, f"sha256={DIGEST}")
    assert verify(KEY, DATA, f"  sha256={DIGEST}\n")  # header values may carry stray whitespace


@pytest.mark.parametrize(
    ("secret", "body", "header"),
    [
        ("Jefe", DATA + b" ", f"sha256={DIGEST}"),  # body changed
        ("jefe", DATA, f"sha256={DIGEST}"),  # wrong secret
        ("Jefe", DATA, DIGEST),  # no scheme prefix
        ("Jefe", DATA, f"sha1={DIGEST}"),
        ("Jefe", DATA, f"sha256={DIGEST[:-1]}0"),
        ("Jefe", DATA, ""),
        ("Jefe", DATA, None),
        ("", DATA, sign("", DATA)),  # an empty secret never verifies
    ],
)
def test_verify_refuses_anything_else(secret, body, header):
    assert not verify(secret, body, header)
