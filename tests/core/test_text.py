"""The shared text rules: one behaviour for every stage that splits sentences or joins hyphens."""
from __future__ import annotations

import pytest

from budgetarkiv.core.text import (
    canonical_heading,
    dehyphenate,
    hyphen_joint,
    join_wrapped,
    sentence_at,
    split_sentences,
    starts_item,
    strip_answer_mark,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der afsættes ca. 3,5 mio. kr. årligt. Indsatsen fortsætter.",
         ["Der afsættes ca. 3,5 mio. kr. årligt.", "Indsatsen fortsætter."]),
        ("Se bl.a. Tabel 2. Den viser udgifterne.", ["Se bl.a. Tabel 2.", "Den viser udgifterne."]),
        ("Hvad koster det? Hvem betaler?", ["Hvad koster det?", "Hvem betaler?"]),
        ("Udgiften er 400.000 kr. Det svarer til ét årsværk.",
         ["Udgiften er 400.000 kr.", "Det svarer til ét årsværk."]),
        ("Første afsnit uden punktum\n\nAndet afsnit.", ["Første afsnit uden punktum", "Andet afsnit."]),
        ("jf. nedenfor afsættes midler", ["jf. nedenfor afsættes midler"]),
        # an email's header lines are statements of their own, not the start of the greeting under them
        ("Date: 3 February 2031\nSubject: Evening opening of the harbour baths in the summer season\nDear Mr Ellis, "
         "thank you.", ["Date: 3 February 2031", "Subject: Evening opening of the harbour baths in the summer season",
                        "Dear Mr Ellis, thank you."]),
        ("Emne: Havnebadet\nHavnebadet er åbent.", ["Emne: Havnebadet", "Havnebadet er åbent."]),
        ("Vi har fået svar til: 3 personer.", ["Vi har fået svar til: 3 personer."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentence_at_gives_the_sentence_around_an_offset() -> None:
    text = "Indsatsen koster 4.600 kr. årligt. Den dækker fem årsværk."
    assert sentence_at(text, text.index("fem")) == "Den dækker fem årsværk."


@pytest.mark.parametrize(
    ("first", "second", "vocabulary", "expected"),
    [
        ("beskæftigel", "sesindsats", (), ""),  # Danish line-end hyphenation: one word
        ("kontrol", "vejledere", {"kontrol-vejledere"}, "-"),  # the document writes the compound with a hyphen
        ("kon", "trol", {"kontrol"}, ""),
        ("Beskæftigelses", "og", (), "- "),  # suspended compound
        ("EU", "Borgere", (), "-"),  # an uppercase continuation keeps its hyphen
    ],
)
def test_hyphen_joint(first: str, second: str, vocabulary: set[str], expected: str) -> None:
    assert hyphen_joint(first, second, vocabulary) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["herun-", "der"], "herunder"),
        (["AMU-kur-", "ser"], "AMU-kurser"),
        (["Beskæftigelses-", "og Integrationsforvaltningen"], "Beskæftigelses- og Integrationsforvaltningen"),
        (["2026–", "2029"], "2026–2029"),
        (["Udgifter i", "alt"], "Udgifter i alt"),
        (["", "  Service  ", ""], "Service"),
    ],
)
def test_join_wrapped(parts: list[str], expected: str) -> None:
    assert join_wrapped(parts) == expected


def test_dehyphenate_joins_running_text_and_keeps_other_line_breaks() -> None:
    text = "lokalt forankre-\nde indsatser\nog Beskæftigelses-\nog Integrationsudvalget"
    assert dehyphenate(text) == "lokalt forankrede indsatser\nog Beskæftigelses- og Integrationsudvalget"


def test_dehyphenate_bridges_one_blank_line() -> None:
    assert dehyphenate("beskæftigel-\n\nsesindsats") == "beskæftigelsesindsats"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Økonomi", "Økonomi"),
        ("  økonomi:  ", "Økonomi"),
        ("Forventet  effekt og opfølgning", "Forventet effekt og opfølgning"),
        ("Resumé", "Resume"),
        ("Økonomien er stram", None),
    ],
)
def test_canonical_heading(line: str, expected: str | None) -> None:
    assert canonical_heading(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ad 3: Der er afsat ca. 88 mio. kr.", "Der er afsat ca. 88 mio. kr."), ("Ad 12. Nej.", "Nej."),
     ("Svaret er ja.", "Svaret er ja.")],
)
def test_strip_answer_mark(text: str, expected: str) -> None:
    assert strip_answer_mark(text) == expected


# --- bullet and numbered items: each a sentence of its own ------------------------------------------


@pytest.mark.parametrize(("marker", "shown"), [("•", ""), ("-", ""), ("–", ""), ("*", ""), ("1)", "1) "),
                                               ("a)", "a) ")])
def test_each_item_of_a_list_is_a_sentence_of_its_own(marker, shown):
    """A bullet glyph is no part of the sentence; an item's number or letter is."""
    text = (f"Indsatsen skal nå tre mål:\n{marker} 60 pct. af deltagerne er i job efter et år\n"
            f"{marker} ventetiden falder til 20 dage\n{marker} mindst 300 borgere deltager")
    assert split_sentences(text) == ["Indsatsen skal nå tre mål:", f"{shown}60 pct. af deltagerne er i job efter et år",
                                     f"{shown}ventetiden falder til 20 dage", f"{shown}mindst 300 borgere deltager"]


def test_items_ending_in_a_full_stop_split_before_a_dash_bullet():
    text = "- Fraværet faldt til 8 pct. i 2025.\n- Ventetiden faldt til 20 dage."
    assert split_sentences(text) == ["Fraværet faldt til 8 pct. i 2025.", "Ventetiden faldt til 20 dage."]


def test_starts_item_reads_markers_not_wrapped_prose():
    assert starts_item("• Sprogmentorer på arbejdspladsen")
    assert starts_item("  – færre vikartimer")
    assert starts_item("2) Flere i job") and starts_item("b) flere i job")
    assert starts_item("1. Flere i job")
    assert not starts_item("1. januar 2025 starter forsøget")
    assert not starts_item("-hjælpere ansættes i teams")  # a suspended compound, no bullet
    assert not starts_item("2024 blev 14 pct. dækket")
