"""Entity normalisation: one entity per real thing."""

from __future__ import annotations

from collections.abc import Callable

from claimledger.model import Analysis

Analyse = Callable[[str], Analysis]


def ids_of(a: Analysis, text: str) -> set[str]:
    return {e.id for e in a.entities for m in e.mentions if m.text == text}


def test_capital_as_actor_versus_place(analyse: Analyse) -> None:
    a = analyse("Moscou a démenti ces informations. Le sommet se tiendra à Moscou en juin.")
    ids = ids_of(a, "Moscou")
    assert ids == {"country:RU", "place:moscou"}


def test_demonyms_join_their_country(analyse: Analyse) -> None:
    a = analyse(
        "Les soldats nord-coréens sont en Russie. La Corée du Nord dément. Les autorités russes se taisent."
    )
    assert ids_of(a, "nord-coréens") == ids_of(a, "Corée du Nord") == {"country:KP"}
    assert ids_of(a, "russes") == ids_of(a, "Russie") == {"country:RU"}


def test_short_name_joins_full_name(analyse: Analyse) -> None:
    a = analyse(
        "Vladimir Poutine a reçu Kim Jong-un au Kremlin. Selon Poutine, la coopération militaire "
        "va s'intensifier."
    )
    putin = [e for e in a.entities if e.type == "person" and "Poutine" in e.name]
    assert len(putin) == 1 and putin[0].name == "Vladimir Poutine"
    selon = next(c for c in a.claims if c.cue and c.cue.lemma == "selon")
    assert selon.source is not None and selon.source.entity == putin[0].id


def test_all_caps_subhead_is_not_an_entity(analyse: Analyse) -> None:
    a = analyse(
        "LES SIGNES DE DÉSESPOIR\nDes indications suggèrent que la Corée du Nord évacue les familles."
    )
    assert all("SIGNES" not in m.text for e in a.entities for m in e.mentions)
    assert all(not c.text.startswith("LES SIGNES") for c in a.claims)


def test_source_kinds_on_sentences_written_here(analyse) -> None:  # type: ignore[no-untyped-def]
    a = analyse(
        "Israël a annoncé une trêve de quatre jours. Les États-Unis confirment la présence de soldats. "
        "Le réalisateur américain espère gagner la Palme. La fédération des taxis demande un moratoire. "
        "Les spectateurs ont salué la performance."
    )
    kinds = {c.source.text: c.source.kind for c in a.claims if c.source is not None}
    assert kinds == {
        "Israël": "country",
        "Les États-Unis": "country",
        "Le réalisateur américain": "person",
        "La fédération des taxis": "organization",
        "Les spectateurs": "group",
    }
    director = next(c for c in a.claims if c.source is not None and c.source.text.startswith("Le réal"))
    assert director.source is not None and director.source.entity == "country:US"  # mentioned, not him


def test_fragments_are_never_sources(analyse) -> None:  # type: ignore[no-untyped-def]
    # written here: the parser may hand over a clause fragment as the subject of "craignait"
    a = analyse(
        "Les documents montrent que le rapport visait à rassurer les élus, mais aussi à protéger le "
        "ministère, qui craignait que le scandale ne soit révélé."
    )
    for c in a.claims:
        if c.source is not None:
            assert not c.source.text.lower().startswith(("mais", "et ", "à ", "de protéger"))


def test_no_name_spans_a_paragraph_break(analyse: Analyse) -> None:
    """The recogniser may run a heading and the line break after it into one name ("Grève\\n\\n");
    the heading is not a person, and no name spans a paragraph break."""
    a = analyse(
        "Récit\n\nJeanne, étudiante, responsable des Jeunes communistes de Rennes, connaît bien le préfet."
    )
    assert not any("\n" in m.text for e in a.entities for m in e.mentions)
    b = analyse("Rennes\n\nJeanne, étudiante à Rennes, connaît bien le préfet.")
    assert not any("\n" in m.text for e in b.entities for m in e.mentions)


def test_a_country_inside_a_hyphenated_name_is_that_name(analyse: Analyse) -> None:
    a = analyse(
        "Un orage a frappé Brest. Météo-France a placé le Morbihan en vigilance rouge. L'Agence "
        "France-Presse a interrogé des témoins. La guerre Russie-Ukraine entre dans sa troisième "
        "année, a rappelé la France."
    )
    france = [m.start for e in a.entities if e.id == "country:FR" for m in e.mentions]
    assert france == [a.article.text.rindex("France")]  # the country named on its own, only
    assert ids_of(a, "Russie") == {"country:RU"} and ids_of(a, "Ukraine") == {"country:UA"}


def test_a_kind_of_place_and_its_name_are_one_place(analyse: Analyse) -> None:
    a = analyse(
        "La préfecture a évacué le camping. Le département du Morbihan est en vigilance rouge. Le "
        "Morbihan attend 40 millimètres de pluie. La région Bretagne débloque un fonds d'urgence, "
        "a précisé l'État."
    )
    places = {e.id for e in a.entities if e.type == "place"}
    assert "place:morbihan" in places and not any("departement" in p for p in places)
    assert {m.text for e in a.entities if e.id == "place:morbihan" for m in e.mentions} >= {"Morbihan"}
    assert not any(p in ("place:etat", "place:region") for p in places)  # a kind alone names no place
