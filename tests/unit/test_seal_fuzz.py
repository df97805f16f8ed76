"""QR payloads are input from outside (a scan, a pasted text): random and mutated ones never crash
verification and are never taken for genuine."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.signing import SigningKey

from desktop_app.documents import seal

KEY = SigningKey(b"\x07" * 32)
KNOWN = seal.KnownKey(KEY.verify_key, {"kk": "Көксу", "ru": "Коксу"}, "TEST-0000-0000-0000")
GOOD = seal.sign({"office": "KRG-ABAY-KOKSU", "reg_no": "KRG-ABAY-KOKSU-2026-000001",
                  "name": "Әбдірахманов Нұрлан", "kind": "residence_certificate"}, KEY)


def lookup(code: str):
    return KNOWN if code == "KRG-ABAY-KOKSU" else None


def test_the_genuine_payload_is_genuine():
    assert seal.verify(GOOD, lookup).verdict == seal.Verdict.GENUINE


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_random_text_is_never_genuine(text):
    assert seal.verify(text, lookup).verdict != seal.Verdict.GENUINE


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(GOOD) - 1),
       st.characters(blacklist_categories=("Cs",)))
def test_one_changed_character_is_never_genuine(position, char):
    if GOOD[position] == char:
        return
    mutated = GOOD[:position] + char + GOOD[position + 1:]
    check = seal.verify(mutated, lookup)
    # never genuine with other facts (base64 may ignore a changed padding bit of the signature,
    # or strip() a changed edge: then the facts are still exactly the signed ones)
    if check.verdict == seal.Verdict.GENUINE:
        assert check.facts == seal.verify(GOOD, lookup).facts


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=len(GOOD) - 1))
def test_truncated_payloads_are_never_genuine(cut):
    assert seal.verify(GOOD[:cut], lookup).verdict != seal.Verdict.GENUINE
