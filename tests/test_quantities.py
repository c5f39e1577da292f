"""Figures and their hedges on real sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimledger.model import Analysis, Quantity

Analyse = Callable[[str], Analysis]


def only(a: Analysis) -> Quantity:
    assert len(a.quantities) == 1, [q.text for q in a.quantities]
    return a.quantities[0]


@pytest.mark.parametrize(
    ("sentence", "bound", "value", "low", "high", "counted"),
    [
        (
            "Les États-Unis confirment la présence d'environ 3 000 soldats formés.",
            "about",
            3000,
            None,
            None,
            "soldat",
        ),
        (
            "Il pourrait envoyer jusqu’à 15 000 tunneliers en Ukraine.",
            "up_to",
            15000,
            None,
            15000,
            "tunnelier",
        ),
        ("Au moins 50 Palestiniens ont été tués.", "at_least", 50, 50, None, "palestinien"),
        ("Plus de 200 personnes ont été évacuées.", "more_than", 200, 200, None, "personne"),
        ("Moins de 10 navires ont franchi le détroit.", "less_than", 10, None, 10, "navire"),
        (
            "Plus d’une douzaine de ces soldats ont déjà quitté leurs positions.",
            "more_than",
            12,
            12,
            None,
            "soldat",
        ),
        ("Une douzaine de manifestants ont été interpellés.", "about", 12, None, None, "manifestant"),
        ("Des milliers de conteneurs ont été livrés.", "vague", 2000, 2000, None, "conteneur"),
        ("Quinze mille personnes ont défilé à Paris.", "exact", 15000, None, None, "personne"),
        ("Entre 3 000 et 5 000 soldats seraient arrivés.", "range", 4000, 3000, 5000, "soldat"),
    ],
)
def test_bounds(
    analyse: Analyse,
    sentence: str,
    bound: str,
    value: float,
    low: float | None,
    high: float | None,
    counted: str,
) -> None:
    q = only(analyse(sentence))
    assert (q.bound, q.value, q.low, q.high, q.counted) == (bound, value, low, high, counted)


def test_units_and_scales(analyse: Analyse) -> None:
    a = analyse(
        "Le candidat est crédité de 29,1% des suffrages. L'armée bloque l'aide vitale pour les 2,4 millions "
        "de Palestiniens de la bande de Gaza, à près de 40 kilomètres de la frontière."
    )
    by_text = {q.text: q for q in a.quantities}
    assert by_text["29,1%"].unit == "%" and by_text["29,1%"].value == 29.1
    million = next(q for q in a.quantities if q.value == 2_400_000)
    assert million.counted == "palestinien"
    km = next(q for q in a.quantities if q.unit == "km")
    assert (km.bound, km.value) == ("about", 40)


def test_dates_and_years_are_not_figures(analyse: Analyse) -> None:
    a = analyse("Depuis le 2 mars 2025, l'armée bloque l'entrée de l'aide. Le scrutin aura lieu le 1er juin.")
    assert a.quantities == []


def test_offsets_point_at_the_text(analyse: Analyse) -> None:
    text = "Selon les renseignements, au moins 3 000 soldats sont déjà sur le terrain russe."
    a = analyse(text)
    for q in a.quantities:
        assert text[q.start : q.end] == q.text
