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
        # a vague plural keeps its words and gets no number (issue 16; gold-v1: value null)
        ("Des milliers de conteneurs ont été livrés.", "vague", None, None, None, "conteneur"),
        ("Quinze mille personnes ont défilé à Paris.", "exact", 15000, None, None, "personne"),
        ("Entre 3 000 et 5 000 soldats seraient arrivés.", "range", 4000, 3000, 5000, "soldat"),
    ],
)
def test_bounds(
    analyse: Analyse,
    sentence: str,
    bound: str,
    value: float | None,
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


# -- written here for issue 8: the figure classes of French news --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "bound", "value", "low", "high"),
    [
        ("La mairie a versé 87.500 euros aux sinistrés.", "87.500 euros", "exact", 87500, None, None),
        ("Le club compte 1.250 adhérents.", "1.250", "exact", 1250, None, None),
        ("La moitié des lycées ont fermé.", "La moitié", "exact", 0.5, None, None),
        ("Environ un tiers des votants se sont abstenus.", "Environ un tiers", "about", 0.333333, None, None),
        ("Les trois quarts des récoltes sont perdus.", "trois quarts", "exact", 0.75, None, None),
        ("Il risque un à deux ans de prison.", "un à deux ans", "range", 1.5, 1, 2),
        ("Quatre ou cinq maisons ont brûlé.", "Quatre ou cinq", "range", 4.5, 4, 5),
        ("Le PIB a reculé de moins 2 ou 3 % selon les estimations.", "moins 2 ou 3 %", "range", -2.5, -3, -2),
        ("Le chantier a coûté plusieurs milliards.", "plusieurs milliards", "vague", None, None, None),
        ("Il faudra, disons, trois semaines.", "trois semaines", "exact", 3, None, None),
        ("Le prix tourne autour de 4 euros le litre.", "autour de 4 euros", "about", 4, None, None),
    ],
)
def test_figure_classes(
    analyse: Analyse,
    sentence: str,
    text: str,
    bound: str,
    value: float | None,
    low: float | None,
    high: float | None,
) -> None:
    q = only(analyse(sentence))
    assert q.text == text
    assert (q.bound, q.low, q.high) == (bound, low, high)
    assert q.value is None if value is None else q.value == pytest.approx(value)


def test_ranks_and_pairs_are_not_figures(analyse: Analyse) -> None:
    a = analyse(
        "Le numéro deux du parti a démissionné. Le film entre dans le top 10 du box-office. "
        "Les supporteurs des deux côtés du stade ont chanté."
    )
    assert a.quantities == []


def test_both_is_not_a_count(analyse: Analyse) -> None:
    a = analyse("Les maires, tous deux réélus, ont signé. Ces deux villes ont voté contre.")
    assert {q.kind for q in a.quantities} <= {"determiner"}


def test_a_conversion_in_parentheses_is_as_approximate_as_its_figure(analyse: Analyse) -> None:
    a = analyse("Le club a payé environ 40.000 dollars (36.000 euros) pour le transfert.")
    assert [(q.text, q.bound, q.value) for q in a.quantities] == [
        ("environ 40.000 dollars", "about", 40000),
        ("36.000 euros", "about", 36000),
    ]


def test_not_a_vague_scale_without_its_determiner(analyse: Analyse) -> None:
    a = analyse("Les milliards promis ne sont jamais arrivés.")
    assert a.quantities == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Le match est diffusé sur France 2, puis sur France 4 après le journal.",
        "À la clôture, le S&P 500 reculait légèrement et le CAC 40 progressait.",
        "Le texte a été adopté grâce à l'article 49 de la Constitution.",
    ],
)
def test_a_number_after_its_noun_is_a_name_not_a_figure(analyse: Analyse, sentence: str) -> None:
    assert analyse(sentence).quantities == []


def test_a_count_before_its_noun_is_still_a_figure(analyse: Analyse) -> None:
    q = only(analyse("Sur France 2, le ministre a annoncé que 400 gendarmes seraient mobilisés."))
    assert (q.value, q.counted) == (400, "gendarme")


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # the modal is not the event: what could happen is the sending
        ("Selon l'état-major, jusqu'à 2 000 réservistes pourraient être rappelés d'ici l'été.", "rappeler"),
        # a copula with a place: being there
        ("Au moins 300 pompiers sont toujours sur place, selon la préfecture.", "être"),
        ("Au total, 25 manifestants ont été arrêtés devant la mairie.", "arrêter"),
    ],
)
def test_the_event_a_figure_counts(analyse: Analyse, sentence: str, event: str) -> None:
    q = next(q for q in analyse(sentence).quantities if q.kind == "count")
    assert q.event == event


def test_the_source_is_not_the_event(analyse: Analyse) -> None:
    """A parser may hang the clause under "selon la préfecture": the source still is no event."""
    q = only(analyse("D'après la préfecture, au moins 300 pompiers sont toujours sur place."))
    assert q.event != "préfecture"


def test_times_of_day_are_not_figures_but_durations_are(analyse: Analyse) -> None:
    for text in (
        "Les secours sont arrivés peu avant 21 heures devant la mairie.",
        "L'accord a été conclu vers 3 h 15 après une nuit de discussions.",
        "Le conseil municipal se réunira à 19 h.",
    ):
        assert analyse(text).quantities == [], text
    assert only(analyse("Le suspect a passé 36 heures en garde à vue.")).value == 36
    assert only(analyse("Après 48 heures de grève, les conducteurs ont repris le travail.")).value == 48


def test_a_spelled_number_with_a_capital_inside_a_sentence_is_a_name(analyse: Analyse) -> None:
    assert analyse("Le sommet des Vingt-Sept s'est achevé sans accord.").quantities == []
    assert only(analyse("Vingt-sept élèves ont été évacués.")).value == 27


def test_a_range_that_repeats_its_unit(analyse: Analyse) -> None:
    q = only(analyse("Les candidats sont âgés de 20 ans à 40 ans."))
    assert (q.bound, q.low, q.high) == ("range", 20, 40)
