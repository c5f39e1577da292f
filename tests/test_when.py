"""An event has a when (issue 18): an undated article is placed in time by the days it names, and
one that names none (an essay, a portrait) reports no story with another article. The articles
are written here."""

from __future__ import annotations

from pathlib import Path

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.link.when import When, same_days, together, when_of
from claimledger.store.ledger import Ledger

WINDOW = 10


def test_an_article_is_placed_by_the_days_it_names() -> None:
    fr = when_of(
        "La digue a cédé dans la nuit de mardi, et le 1er février 2023 l'eau est entrée.", "fr", None
    )
    assert fr.weekday and (2023, 2, 1) in fr.days
    en = when_of("The bridge closed on March 3rd and reopened on Friday.", "en", None)
    assert en.weekday and (0, 3, 3) in en.days
    essay = when_of("Le télétravail change notre rapport au bureau, et personne ne le regrette.", "fr", None)
    assert not essay.placed
    # a number before a word that is no month is no day; "Lundi matin" in a compound is no weekday
    assert not when_of("Les 12 marsupiaux du zoo-lundi sont arrivés.", "fr", None).placed


def test_only_the_lead_says_when() -> None:
    """A report tells when in its first sentences; a day an essay names further on is a reference
    ("depuis les attentats du 13 novembre"), not the day of its own event."""
    essay = (
        "Peut-on encore débattre sereinement de la sécurité ? La question revient sans cesse dans "
        "les tribunes, les colloques et les conversations de comptoir. "
    ) * 6 + "Depuis les attentats du 13 novembre, et chaque lundi sur les plateaux, le ton a changé."
    assert not when_of(essay, "fr", None).placed
    assert when_of(essay[-90:], "fr", None).placed


def test_a_title_is_part_of_the_lead_when_the_text_does_not_open_with_it() -> None:
    body = "La préfecture a ouvert un centre d'accueil pour les habitants évacués de la vallée."
    assert not when_of(body, "fr", None).placed
    placed = when_of(body, "fr", None, title="Crue de l'Aa : évacuations dans la nuit de mardi")
    assert placed.weekday and not placed.days


def test_what_looks_like_a_day_and_is_none() -> None:
    # a count after a day is no year; a day the calendar does not have is none
    assert when_of("Le 12 mars, 1500 manifestants ont défilé.", "fr", None).days == {(0, 3, 12)}
    assert when_of("Le 12 mars 2024, la crue.", "fr", None).days == {(2024, 3, 12)}
    assert not when_of("Rendez-vous le 31 février.", "fr", None).days
    # English months are capitalised: the modal "may" and the verb "march" name no day
    assert not when_of("They may 3 times a week; protesters march 5 miles.", "en", None).days
    assert when_of("On May 3, 2024, the polls closed.", "en", None).days == {(2024, 5, 3)}
    # "le monde d'hier" names no recent day; "Hier, la crue" does
    assert not when_of("La nostalgie du monde d'hier.", "fr", None).placed
    assert when_of("Hier, la crue a emporté le pont.", "fr", None).weekday


def test_a_publication_date_places_an_article_whatever_its_text_names() -> None:
    w = when_of("Le 14 juillet 1789, la Bastille est prise.", "fr", "2024-03-05")
    assert w.days == frozenset({(2024, 3, 5)}) and w.placed


def test_named_days_keep_articles_apart_only_when_all_are_far() -> None:
    flood_2 = When(frozenset({(0, 1, 2)}), True)
    flood_6 = When(frozenset({(2024, 1, 6)}), True)
    june = When(frozenset({(0, 6, 14)}), False)
    new_year = When(frozenset({(0, 12, 31)}), False)
    weekdays_only = When(frozenset(), True)
    assert together(flood_2, flood_6, WINDOW)
    assert not together(flood_2, june, WINDOW)
    assert together(flood_2, new_year, WINDOW)  # no year given: 31 December is near 2 January
    assert not together(When(frozenset({(2023, 1, 2)})), flood_6, WINDOW)  # a year apart
    assert together(flood_2, weekdays_only, WINDOW)  # nothing says they are apart
    assert not together(flood_2, When(), WINDOW)  # not placed: no evidence of one event
    assert together(flood_2, None, WINDOW)  # linked before articles were placed: unknown


def test_time_is_strong_evidence_only_when_precise() -> None:
    """Days with their year a few days apart, or one day both name, say "the same week"; a weekday,
    or days of May with no year, fit a week of every year (linking then asks for closer words)."""
    crash = When(frozenset({(2024, 1, 4)}), False)
    assert same_days(crash, When(frozenset({(0, 1, 4)}), True), WINDOW)  # "jeudi 4 janvier"
    assert same_days(crash, When(frozenset({(2024, 1, 6)}), True), WINDOW)
    assert not same_days(crash, When(frozenset({(2023, 1, 4)}), True), WINDOW)
    assert not same_days(crash, When(frozenset(), True), WINDOW)
    may_18, may_26 = When(frozenset({(0, 5, 18)}), False), When(frozenset({(0, 5, 26)}), False)
    assert together(may_18, may_26, WINDOW) and not same_days(may_18, may_26, WINDOW)


REPORT_1 = (
    "Un glissement de terrain coupe la route de Saint-Gervais. Un glissement de terrain a coupé "
    "jeudi 12 mars la route départementale entre Saint-Gervais et Les Contamines, en Haute-Savoie. "
    "Des tonnes de boue et de rochers ont recouvert la chaussée sur près de deux cents mètres, a "
    "indiqué la préfecture. Aucun véhicule n'a été touché. Les habitants des Contamines doivent "
    "emprunter une déviation par Megève, selon le conseil départemental."
)
REPORT_2 = (
    "Haute-Savoie : la route des Contamines fermée plusieurs semaines. La route départementale entre "
    "Saint-Gervais et Les Contamines, coupée jeudi par un glissement de terrain, restera fermée "
    "plusieurs semaines, a annoncé vendredi 13 mars le conseil départemental de Haute-Savoie. Les "
    "géologues redoutent de nouveaux mouvements de boue et de rochers sur la chaussée. Une déviation "
    "par Megève est en place, a précisé la préfecture."
)
EARLIER = (
    "Saint-Gervais : un glissement de terrain ferme la route des Contamines. Un glissement de terrain "
    "a fermé le 3 novembre la route départementale entre Saint-Gervais et Les Contamines, en "
    "Haute-Savoie. De la boue et des rochers ont recouvert la chaussée, a indiqué la préfecture. "
    "Une déviation par Megève a été mise en place, selon le conseil départemental."
)
ESSAY = (
    "Montagne : vivre avec les glissements de terrain. En Haute-Savoie, les glissements de terrain "
    "font partie de la vie des vallées, de Saint-Gervais aux Contamines. Les géologues rappellent que "
    "le réchauffement fragilise les pentes, et que la boue et les rochers menacent de plus en plus "
    "la chaussée des routes départementales, selon le conseil départemental. La préfecture prévoit "
    "des déviations par Megève."
)


def test_undated_articles_join_only_when_their_days_can_be_one_event(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    """Without publication dates: two reports naming days of one week are one story; a report of
    a landslide months earlier at the same place, and an essay on landslides there that names no
    day, are stories of their own, however many words they share."""
    ledger = Ledger(str(tmp_path / "ledger.db"))
    ids = {}
    for name, text in (
        ("report-1", REPORT_1),
        ("earlier", EARLIER),
        ("essay", ESSAY),
        ("report-2", REPORT_2),
    ):
        a = analyzer.analyse_one(prepare_text(text, lang="fr"))
        assert a.article.published is None
        ledger.add(a, a.article.id)
        ids[a.article.id] = name
    Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang))).link_pending()
    reader = LinkReader(ledger)
    groups = []
    for story in reader.stories():
        rep = reader.report(story.id)
        assert rep is not None
        groups.append(sorted(ids[ref.id] for ref in rep.story.articles))
    assert sorted(groups) == [["earlier"], ["essay"], ["report-1", "report-2"]]
