"""Attribution on real sentences (most from the France Info corpus, a few written here and marked)."""

from __future__ import annotations

from collections.abc import Callable

from claimledger.model import Analysis
from conftest import claim_with

Analyse = Callable[[str], Analysis]


def test_inverted_named_speaker_after_quote(analyse: Analyse) -> None:
    a = analyse(
        "\"La possibilité d'une trêve n'a jamais été aussi proche, la possibilité de la paix n'a "
        'jamais été aussi proche depuis le début de la guerre", affirme Joshua L. Zarka, lundi 19 mai.'
    )
    claim = claim_with(a, "La possibilité d'une trêve")
    assert claim.source is not None and claim.source.text == "Joshua L. Zarka"
    assert claim.source.kind == "person"
    assert claim.cue is not None and claim.cue.lemma == "affirmer"
    assert claim.quote == "direct"
    assert not claim.text.startswith('"')


def test_inverted_pronoun_resolves_to_last_named_person(analyse: Analyse) -> None:
    a = analyse(
        "Le Premier ministre israélien Benyamin Netanyahou a indiqué qu'il allait autoriser l'entrée "
        "d'une quantité de base de nourriture. Israël \"agira pour empêcher le Hamas de s'emparer de "
        'cette aide humanitaire ", a-t-il ajouté.'
    )
    claim = claim_with(a, "agira pour empêcher le Hamas")
    assert claim.source is not None and claim.source.text == "il"
    assert claim.source.kind == "person"
    assert claim.source.entity is not None and claim.source.entity.startswith("person:")
    assert claim.cue is not None and claim.cue.lemma == "ajouter"
    assert claim.quote == "mixed"


def test_pour_x_introduces_a_quote(analyse: Analyse) -> None:
    a = analyse(
        "Pour Joshua L. Zarka, \"ce qu'il faut vraiment, c'est terminer cette horreur. Et pour terminer "
        'cette horreur, nous devons nous débarrasser de cette organisation terroriste".'
    )
    claim = claim_with(a, "terminer cette horreur")
    assert claim.source is not None and claim.source.text == "Joshua L. Zarka"
    assert claim.cue is not None and claim.cue.lemma == "pour"
    assert claim.quote == "direct"


def test_pour_without_a_source_is_not_attribution(analyse: Analyse) -> None:
    # written here
    a = analyse("Pour la première fois, le gouvernement a présenté un budget en équilibre.")
    assert all(c.cue is None or c.cue.lemma != "pour" for c in a.claims)


def test_selon_at_sentence_end(analyse: Analyse) -> None:
    a = analyse(
        "L'armée israélienne a annoncé dimanche 18 mai de \" vastes opérations terrestres le nord et le sud "
        'de la bande de Gaza ", où au moins 50 Palestiniens, dont des enfants, ont été tués dans de '
        "nouveaux bombardements, selon les secours."
    )
    claim = next(c for c in a.claims if c.cue and c.cue.lemma == "selon")
    assert claim.source is not None and claim.source.text == "les secours"
    assert claim.source.kind == "organization"
    assert "au moins 50 Palestiniens" in claim.text
    q = next(q for q in a.quantities if q.value == 50)
    assert q.bound == "at_least" and q.counted == "palestinien"
    # the date is not a figure
    assert not any(q.value == 18 for q in a.quantities)


def test_dapres_with_journalistic_conditional(analyse: Analyse) -> None:
    a = analyse(
        "D'abord, l'inflexible nouveau chef du Hamas à Gaza aurait été tué d'après le ministre de la "
        "Défense israélien."
    )
    claim = claim_with(a, "aurait été tué")
    assert claim.source is not None and claim.source.text.startswith("le ministre de la Défense")
    assert claim.source.kind == "person"
    assert claim.status == "alleged"


def test_incise_with_feminine_pronoun(analyse: Analyse) -> None:
    a = analyse(
        "\" C'est comme les 3 singes : on se cache les yeux, on se bouche les oreilles et on ferme la "
        'bouche ", dénonce-t-elle.'
    )
    claim = claim_with(a, "les 3 singes")
    assert claim.source is not None and claim.source.text == "elle"
    assert claim.cue is not None and claim.cue.lemma == "dénoncer"
    assert claim.quote == "direct"


def test_anonymous_source_in_a_ministry(analyse: Analyse) -> None:
    a = analyse(
        "Une source au ministère ukrainien de la Défense a rapporté que les soldats nord-coréens "
        "entraînaient leurs homologues russes à l'utilisation de ballons."
    )
    claim = claim_with(a, "les soldats nord-coréens entraînaient")
    assert claim.source is not None and claim.source.kind == "anonymous"
    assert claim.source.entity == "country:UA"
    assert claim.quote == "indirect"
    assert claim.status == "stated"


def test_denial_verb_and_negated_confirmation(analyse: Analyse) -> None:
    # written here. A negated cue credits nobody: the Pentagon does not claim the delivery, the
    # article reports it as unconfirmed.
    a = analyse(
        "Le Kremlin a démenti toute présence de soldats étrangers sur son sol. "
        "Le Pentagone n'a pas confirmé que des missiles avaient été livrés."
    )
    denied = claim_with(a, "toute présence de soldats étrangers")
    assert denied.status == "denied"
    unconfirmed = claim_with(a, "des missiles avaient été livrés")
    assert unconfirmed.source is None
    assert unconfirmed.status == "alleged"


def test_named_source_conditional_is_theirs_article_conditional_is_allegation(analyse: Analyse) -> None:
    """gold-v1: a conditional inside a named source's own words does not by itself make the claim
    speculative (the writer has not distanced herself); the article's own conditional alleges."""
    a = analyse(
        "Mark Rutte, secrétaire général de l'OTAN, a noté que cette situation constituerait une escalade "
        "significative du conflit.\nDes soldats auraient déjà fui leurs positions."
    )
    assert claim_with(a, "constituerait une escalade").status == "stated"
    fled = claim_with(a, "auraient déjà fui")
    assert fled.status == "alleged" and fled.source is None


def test_document_source_with_request(analyse: Analyse) -> None:
    a = analyse(
        "Un message en coréen et en russe leur demande de « ne pas mourir inutilement sur un sol "
        "étranger » et leur offre refuge et nourriture en Ukraine."
    )
    claim = claim_with(a, "ne pas mourir inutilement")
    assert claim.source is not None and claim.source.kind == "document"
    assert claim.quote == "mixed"


def test_plain_indicative_sentence_is_stated_by_the_article(analyse: Analyse) -> None:
    a = analyse("L’Ukraine encourage ces soldats à se rendre plutôt que de combattre.")
    assert len(a.claims) == 1
    claim = a.claims[0]
    assert claim.source is None and claim.cue is None
    assert claim.status == "stated" and claim.quote == "none"
    assert claim.text == "L’Ukraine encourage ces soldats à se rendre plutôt que de combattre"


def test_agentless_passive_and_infinitives_credit_nobody(analyse: Analyse) -> None:
    a = analyse(
        "Vers 5 heures, le départ d'une embarcation est signalé au CROSS Griz-Nez. "
        "Il est question de relever le seuil d'indemnisation en cas de retard d'un vol."
    )
    assert all(c.source is None for c in a.claims), [(c.source, c.text) for c in a.claims]


def test_institution_naming_a_person_and_organisation_naming_a_city(analyse: Analyse) -> None:
    # from the corpus (Biden article, Orly article)
    a = analyse(
        "Les services de Joe Biden assurent que le cancer semble être hormono-dépendant. "
        "Dimanche, 130 vols environ ont été annulés, selon Aéroports de Paris."
    )
    services = claim_with(a, "hormono-dépendant")
    assert services.source is not None and services.source.kind == "organization"
    assert services.source.entity == "person:joe-biden"
    adp = claim_with(a, "130 vols")
    assert adp.source is not None and adp.source.text.startswith("Aéroports de Paris")
    assert adp.source.kind == "organization" and adp.source.entity != "country:FR"
