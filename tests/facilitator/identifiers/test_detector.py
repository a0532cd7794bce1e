"""Tests the identifier detector on crafted cases: each kind, its span, and what is not one."""

from __future__ import annotations

import pytest

from facilitator.identifiers import Kind, detect, redact


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.excerpt(text)) for f in detect(text)]


@pytest.mark.parametrize(
    ("text", "kind", "excerpt"),
    [
        ("Annas dotter ringde", "name", "Annas"),
        ("Kalles pappa kom", "name", "Kalles"),
        ("Björns fru ringde", "name", "Björns"),
        ("vi ringde Bjorn igen", "name", "Bjorn"),
        ("Asa kom sent", "name", "Asa"),
        ("Bjo\u0308rn kom", "name", "Bjo\u0308rn"),
        ("Vi mötte \u0410nna i går", "name", "\u0410nna"),
        ("vi såg A n n a där", "name", "A n n a"),
        ("med eriks pappa", "name", "eriks"),
        ("We met Rose yesterday", "name", "Rose"),
        ("Rose said no", "name", "Rose"),
        ("mormor Rut vill hem", "name", "Rut"),
        ("dr okafor agreed", "name", "okafor"),
        ("Hon heter Kerttu och bor ensam", "name", "Kerttu"),
        ("pnr 19 45 03 12 12 34 här", "personal_number", "19 45 03 12 12 34"),
        ("nr 450372-1234", "personal_number", "450372-1234"),
        (
            "nitton fyrtiofem noll tre tolv tolv trettiofyra",
            "personal_number",
            "nitton fyrtiofem noll tre tolv tolv trettiofyra",
        ),
        ("ring 070-123 45 67", "phone", "070-123 45 67"),
        ("ring ０７０１２３４５６７ nu", "phone", "０７０１２３４５６７"),
        ("call +44 20 7946 0958 now", "phone", "+44 20 7946 0958"),
        ("mejla anna snabel-a gmail punkt com", "email", "anna snabel-a gmail punkt com"),
        ("mail lena(at)hotmail(dot)se", "email", "lena(at)hotmail(dot)se"),
        ("mail ａｎｎａ＠ｇｍａｉｌ．ｃｏｍ", "email", "ａｎｎａ＠ｇｍａｉｌ．ｃｏｍ"),
        ("see www.example.org", "url", "www.example.org"),
        ("bor på Storgatan 12 B", "address", "Storgatan 12 B"),
        ("lives at 12 High Street", "address", "12 High Street"),
        ("found at 57.7826, 14.1618", "address", "57.7826, 14.1618"),
        ("bor i 553 21 Jönköping", "postcode", "553 21"),
        ("lives in SW1A 1AA", "postcode", "SW1A 1AA"),
        ("den 3 maj", "date", "3 maj"),
        ("on 2026-11-26", "date", "2026-11-26"),
        ("bilen ABC 123 stod där", "vehicle", "ABC 123"),
        ("bankgiro 5050-1055", "account", "5050-1055"),
        ("NHS number 943 476 5919", "number", "943 476 5919"),
        ("en 103-åring på avdelningen", "rare_detail", "103-åring"),
        ("den enda med ALS i Ydre", "rare_detail", "Ydre"),
    ],
)
def test_each_kind_is_found_with_its_original_span(text: str, kind: str, excerpt: str) -> None:
    assert (kind, excerpt) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hans mamma kom sent.",
        "Han sa att det var bra.",
        "Per vecka har vi en timme.",
        "Bo hemma så länge som möjligt.",
        "Ring 1177 eller 112 på natten.",
        "Giftinformation nås på 113 13.",
        "Vi började 2019 och slutade 2023.",
        "Klockan 14.30 startar vi, kl 9 slutar vi.",
        "Vi var 12 personer och 45 minuter räckte inte.",
        "What is best for Esther?",
        "Det som är bäst för Ester är en plan.",
        "The promised 24/7 staffing does not exist.",
        "We will meet again in May.",
        "Hope was the word that came up most often.",
        "Se 1177.se för mer information.",
        "Väntan gick från 14 till 9 dagar.",
        "A patient aged 84 lives at home.",
    ],
)
def test_ordinary_text_has_no_findings(text: str) -> None:
    assert detect(text) == (), found(text)


def test_redaction_uses_the_placeholder_of_each_language() -> None:
    text = "Anna ringde från 070-123 45 67"
    assert redact(text, "sv") == "[namn] ringde från [telefon]"
    assert redact(text, "en") == "[name] ringde från [phone]"


def test_kept_findings_stay_and_others_go() -> None:
    text = "Rose and Anna met on 3 May"
    assert redact(text, "en", keep=["rose"]) == "Rose and [name] met on [date]"


def test_overlapping_findings_become_one_of_the_strongest_kind() -> None:
    text = "pnr 19450312-1234"
    assert [f.kind for f in detect(text)] == [Kind.PERSONAL_NUMBER]
