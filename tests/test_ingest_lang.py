"""Language identification: English told from the rest, the main European languages named."""

from __future__ import annotations

import pytest

from newsdiff.core.text.lang import detect, is_english


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The council said it would review the leases of its own properties before the summer.", "en"),
        ("Il consiglio ha detto che rivedrà i contratti delle proprie proprietà prima dell'estate.", "it"),
        ("El ayuntamiento dijo que revisará los contratos de sus propios locales antes del verano.", "es"),
        ("Le conseil a déclaré qu'il réexaminerait les baux de ses propres locaux avant l'été.", "fr"),
        ("Der Stadtrat sagte, er werde die Mietverträge seiner eigenen Gebäude vor dem Sommer prüfen.", "de"),
        ("Совет заявил, что пересмотрит договоры аренды своих помещений до лета этого года.", "ru"),
        ("Рада заявила, що перегляне договори оренди своїх приміщень до літа цього року.", "uk"),
        ("東京で大きな地震が発生しました。気象庁によると、マグニチュードは七・六でした。", "ja"),
    ],
)
def test_languages(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_too_little_text_is_unknown_not_a_guess() -> None:
    assert detect("Home News Sport") is None
    assert detect("") is None
    assert not is_english("Kansas City Chiefs Patrick Mahomes Travis Kelce Las Vegas Allegiant Stadium")


def test_english_with_foreign_names_is_english() -> None:
    text = ("Prime Minister Narendra Modi said on Wednesday that Chandrayaan-3 had landed near the south pole "
            "of the moon, and that the Indian Space Research Organisation would publish its data.")
    assert is_english(text)
