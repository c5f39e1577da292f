"""A story is one event (issue 18): articles sharing famous actors, a country or a word are not one
story for it, two reports of one event are; contradictions only within one proposition. The
articles are written here, in the style of wire copy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.match import _Features, _pairs, headline
from claimledger.link.read import LinkReader
from claimledger.link.records import ClaimRecord
from claimledger.link.terms import profile
from claimledger.link.update import _opposed
from claimledger.model import Analysis
from claimledger.store.ledger import Ledger
from linked import one_story

DEBATE_1 = (
    "2016-09-27",
    "en",
    "Clinton and Trump clash over trade in first debate. Hillary Clinton and Donald Trump faced each "
    "other on Monday night at Hofstra University in Hempstead, New York, in the first of three "
    "presidential debates. The moderator, Lester Holt, asked both candidates about trade deals and "
    "jobs. Trump said the trade agreements signed by previous administrations had cost millions of "
    "manufacturing jobs. Clinton said her opponent had rooted for the housing crisis. About 84 million "
    "viewers watched the Hofstra debate, according to Nielsen, a record for a presidential debate.",
)
DEBATE_2 = (
    "2016-09-27",
    "en",
    "Record audience for the Hofstra debate. Nielsen said on Tuesday that 84 million people watched "
    "Monday's presidential debate at Hofstra University, the largest audience in the history of "
    "televised debates. Moderator Lester Holt was criticised by Trump supporters, who said he "
    "interrupted the Republican nominee more often. Clinton's campaign said the debate at Hofstra had "
    "shown that Trump was not prepared. Trump told reporters in the spin room that the microphone "
    "had been faulty.",
)
TAX_RETURNS = (
    "2016-10-02",
    "en",
    "Trump may have paid no federal income tax for years. Donald Trump declared a loss of $916 "
    "million on his 1995 income tax returns, The New York Times reported on Saturday, after three "
    "pages of the returns were mailed anonymously to the newspaper. The loss could have allowed him "
    "to avoid paying federal income taxes for up to 18 years, tax experts said. The Trump campaign "
    "did not deny the figures and said the candidate knows the complex tax code better than anyone. "
    "Clinton's campaign called the revelation a colossal failure.",
)
RALLY = (
    "2016-09-29",
    "en",
    "Clinton courts young voters in Iowa. Hillary Clinton urged students at a rally in Des Moines on "
    "Thursday to register to vote before the Iowa deadline. She said the state could decide the "
    "election. Her campaign said 40 volunteers would knock on doors across Polk County over the "
    "weekend. Trump is due to hold his own rally in Council Bluffs next week, his campaign said.",
)
TAXIS = (
    "2016-10-01",
    "fr",
    "Les taxis bloquent le périphérique contre les VTC. Des centaines de taxis ont bloqué samedi le "
    "périphérique parisien pour protester contre la concurrence des VTC. Les chauffeurs de taxi "
    "réclament un contrôle plus strict des plateformes, a indiqué l'intersyndicale des taxis. Selon "
    "la préfecture de police, 1 200 taxis ont participé à l'opération escargot. Le ministre des "
    "Transports a promis de recevoir les représentants des taxis lundi.",
)
ARTICLES = {"debate-1": DEBATE_1, "debate-2": DEBATE_2, "tax": TAX_RETURNS, "rally": RALLY, "taxis": TAXIS}


def _analyse(
    analyzer: Analyzer, dated: bool, articles: dict[str, tuple[str, str, str]] = ARTICLES
) -> dict[str, Analysis]:
    out = {}
    for name, (day, lang, text) in articles.items():
        a = analyzer.analyse_one(prepare_text(text, lang=lang))
        a.article.published = day if dated else None
        out[name] = a
    return out


def _stories(
    analyzer: Analyzer, folder: Path, dated: bool, articles: dict[str, tuple[str, str, str]] = ARTICLES
) -> dict[str, str]:
    """Article name -> story id, the articles linked in the order written."""
    ledger = Ledger(str(folder / "ledger.db"))
    analyses = _analyse(analyzer, dated, articles)
    for a in analyses.values():
        ledger.add(a, a.article.id)
    Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang))).link_pending()
    reader = LinkReader(ledger)
    story_of = {}
    for story in reader.stories():
        rep = reader.report(story.id)
        assert rep is not None
        for ref in rep.story.articles:
            story_of[ref.id] = story.id
    return {name: story_of[a.article.id] for name, a in analyses.items()}


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_famous_actors_and_a_shared_word_do_not_make_one_event(
    analyzer: Analyzer, tmp_path: Path, dated: bool
) -> None:
    story = _stories(analyzer, tmp_path, dated)
    assert story["debate-1"] == story["debate-2"]  # two reports of the Hofstra debate
    others = [story[n] for n in ("debate-1", "tax", "rally", "taxis")]
    assert len(set(others)) == len(others), story  # Trump, Clinton or "tax(i)" are not an event


STRIKE_1 = (
    "2025-06-03",
    "fr",
    "Grève des aiguilleurs : vols annulés à Marseille. Les compagnies aériennes ont annulé mardi un "
    "vol sur trois à l'aéroport de Marseille-Provence en raison d'une grève des contrôleurs aériens. "
    "Des milliers de passagers ont vu leur vol retardé ou annulé, et les files d'attente se sont "
    "allongées dans les terminaux. Les passagers dont le vol a été annulé peuvent demander une "
    "indemnisation à leur compagnie, rappelle une association de consommateurs.",
)
STRIKE_2 = (
    "2025-06-04",
    "fr",
    "Marseille-Provence : deuxième journée de perturbations. Les compagnies aériennes ont de nouveau "
    "annulé mercredi de nombreux vols à l'aéroport de Marseille-Provence, où la grève des contrôleurs "
    "aériens se poursuit. Les passagers sont invités à vérifier l'état de leur vol avant de se rendre "
    "à l'aéroport. Les retards atteignaient deux heures en fin de matinée.",
)
COMPENSATION = (
    "2025-06-04",
    "fr",
    "Retards de vols : l'indemnisation des passagers pourrait baisser. Un projet de règlement de la "
    "Commission européenne prévoit de relever de trois à cinq heures le retard à partir duquel les "
    "compagnies aériennes doivent indemniser leurs passagers. L'association UFC-Que Choisir dénonce "
    "un recul pour les passagers, dont les vols sont de plus en plus souvent retardés ou annulés. Les "
    "compagnies aériennes jugent le seuil actuel trop coûteux.",
)

BRIEF = (
    "2025-06-04",
    "fr",
    "Vols annulés, vols retardés : les passagers excédés. Les compagnies aériennes ont encore annulé "
    "des vols mercredi, et les passagers dont le vol a été retardé de plusieurs heures réclament une "
    "indemnisation. Les associations de consommateurs conseillent de garder ses cartes d'embarquement.",
)


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_articles_naming_nothing_in_common_are_two_events(
    analyzer: Analyzer, tmp_path: Path, dated: bool
) -> None:
    """The strike at one airport and a draft rule on compensation share the words of air travel
    (their term profiles are as close as the two strike reports'), but name no place, person or
    organisation in common: two events. The two strike reports name the airport: one."""
    articles = {"strike-1": STRIKE_1, "strike-2": STRIKE_2, "compensation": COMPENSATION, "brief": BRIEF}
    story = _stories(analyzer, tmp_path, dated, articles)
    assert story["strike-1"] == story["strike-2"]
    assert story["compensation"] not in {story["strike-1"], story["strike-2"]}, story
    # a brief that names nothing is joined by its words, but cannot glue the two events together
    assert story["brief"] in {story["strike-1"], story["compensation"]}, story


FLOOD_1 = (
    "Crues : le Morbihan en vigilance rouge. Météo-France a placé mardi le Morbihan en vigilance rouge "
    "pour les crues de l'Oust et de la Vilaine. À Redon, la Vilaine a dépassé 5 mètres dans la nuit, "
    "selon la préfecture. Le Finistère, les Côtes-d'Armor et l'Ille-et-Vilaine restent en vigilance "
    "orange. Une centaine de personnes ont été évacuées à Malestroit, a indiqué le maire."
)
FLOOD_2 = (
    "Inondations : Redon et Malestroit évacuent. La crue de la Vilaine a contraint une centaine "
    "d'habitants de Malestroit à quitter leur logement, a annoncé mardi le maire de la commune. Le "
    "département du Morbihan est passé en alerte rouge aux inondations mardi après-midi. "
    "L'Ille-et-Vilaine, les Côtes-d'Armor et le Finistère sont toujours concernés par une vigilance "
    "orange, précise Météo-France. La préfecture redoute une nouvelle montée des eaux à Redon jeudi."
)


def test_the_same_statement_in_other_words_is_one_proposition(analyzer: Analyzer, tmp_path: Path) -> None:
    """The places a claim names are its arguments ("le Finistère, les Côtes-d'Armor…" in any
    order), and figures of different things ("une centaine de personnes" / "une centaine
    d'habitants") are no evidence against one statement; another statement about the same
    place ("à Redon") stays apart."""
    flood = [("2025-01-21", analyzer.analyse_one(prepare_text(t, lang="fr"))) for t in (FLOOD_1, FLOOD_2)]
    rep = one_story(analyzer, tmp_path, flood)
    prop_of = {c.text: rep.proposition_of.get(c.key) for c in rep.claims}

    def together(one: str, other: str) -> bool:
        (a,) = [p for t, p in prop_of.items() if one in t]
        (b,) = [p for t, p in prop_of.items() if other in t]
        return a is not None and a == b

    assert together("Le Finistère, les Côtes-d'Armor", "L'Ille-et-Vilaine, les Côtes-d'Armor")
    assert together("Une centaine de personnes", "une centaine d'habitants")
    assert not together("la Vilaine a dépassé 5 mètres", "montée des eaux à Redon")


def test_a_claim_names_its_places_for_matching(analyzer: Analyzer) -> None:
    """Where a statement happens is one of its arguments: the places a claim names are compared
    with the people, organisations and countries it names."""
    from claimledger.link.records import from_analysis

    rec = from_analysis(analyzer.analyse_one(prepare_text(FLOOD_1, lang="fr")))
    (malestroit,) = [c for c in rec.claims if "Malestroit" in c.text]
    (orange,) = [c for c in rec.claims if "vigilance orange" in c.text]
    assert "place:malestroit" in malestroit.entities
    assert {"place:finistere", "place:cotes-d-armor", "place:ille-et-vilaine"} <= orange.entities


RESTART_1 = (
    "La centrale de Flamanville redémarre\nL'EDF a annoncé jeudi le redémarrage du réacteur 3 de la "
    "centrale de Flamanville, dans la Manche, après cinq mois d'arrêt. « Le nucléaire est une énergie "
    "d'avenir », a affirmé le ministre de l'Industrie, Paul Girard, en visite sur le site. Le réacteur "
    "doit atteindre sa pleine puissance en mars, selon l'EDF."
)
RESTART_2 = (
    "Flamanville : le réacteur 3 relancé\nLe réacteur 3 de la centrale de Flamanville a redémarré jeudi "
    "après cinq mois d'arrêt, a indiqué l'EDF. « Le nucléaire me fait peur depuis toujours », a confié "
    "une habitante de Flamanville, Jeanne Leroy. Selon l'EDF, le réacteur atteindra sa pleine "
    "puissance en mars."
)


def test_claims_sharing_one_word_are_one_theme_not_one_statement(analyzer: Analyzer, tmp_path: Path) -> None:
    """A minister's "le nucléaire est une énergie d'avenir" and a resident's "le nucléaire me fait
    peur" share one word, and short claims on one theme have close vectors: two statements. The
    same statement reworded shares more ("le redémarrage du réacteur 3" / "le réacteur 3 a
    redémarré"; "atteindre sa pleine puissance en mars")."""
    texts = (RESTART_1, RESTART_2)
    rep = one_story(
        analyzer, tmp_path, [("2025-02-06", analyzer.analyse_one(prepare_text(t, lang="fr"))) for t in texts]
    )
    prop_of = {c.text: rep.proposition_of.get(c.key) for c in rep.claims}

    def together(one: str, other: str) -> bool:
        (a,) = [p for t, p in prop_of.items() if one in t]
        (b,) = [p for t, p in prop_of.items() if other in t]
        return a is not None and a == b

    assert not together("énergie d'avenir", "me fait peur")
    assert together("le redémarrage du réacteur 3", "a redémarré jeudi")
    assert together("doit atteindre sa pleine puissance", "atteindra sa pleine puissance")


LAYOFFS_1 = (
    "Lorient : l'usine Nordex sous tension. L'usine Nordex de Lorient a licencié quarante salariés de son "
    "atelier de pales le mois dernier. La direction de Nordex a démenti avoir licencié des salariés de "
    "l'usine de Lorient et a évoqué des départs volontaires. Les syndicats ont appelé à un rassemblement "
    "devant l'usine jeudi."
)
LAYOFFS_2 = (
    "Nordex : rassemblement devant l'usine de Lorient. Quarante salariés de l'atelier de pales de l'usine "
    "Nordex de Lorient ont été licenciés, affirme la CGT. Les salariés se sont rassemblés jeudi devant "
    "l'usine, à l'appel des syndicats."
)


def test_a_denial_is_contradicted_by_another_voice_not_by_the_article_reporting_it(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    """An article that states the layoffs and then reports the company's denial presents a
    dispute: its narration is not a second source against the denial. The union saying so in
    another article is."""
    texts = (LAYOFFS_1, LAYOFFS_2)
    rep = one_story(
        analyzer, tmp_path, [("2025-03-13", analyzer.analyse_one(prepare_text(t, lang="fr"))) for t in texts]
    )
    pairs = [(k.affirmed, k.denied) for k in rep.contradictions]
    assert pairs, [(c.who, c.status, c.text) for c in rep.claims]
    assert all(d.who is not None and "Nordex" in d.who for _, d in pairs)
    assert any(a.who == "la CGT" for a, _ in pairs)
    assert all(a.article_id != d.article_id for a, d in pairs)  # not the first article's narration


MATERNITY_1 = (
    "Manifestation contre la fermeture de la maternité de Vire. Entre 1 200 et 1 500 personnes ont "
    "défilé samedi à Vire contre la fermeture de la maternité, selon la police. Les organisateurs ont "
    "compté 5 000 manifestants. Les accouchements ont baissé de 12 % en cinq ans et de 30 % depuis 2010 "
    "à la maternité de Vire."
)
MATERNITY_2 = (
    "Vire : la maternité défendue dans la rue. Samedi, 5 000 personnes ont manifesté à Vire pour "
    "défendre la maternité, selon les organisateurs, contre 1 300 selon la police. Les accouchements "
    "ont baissé de 12 % en cinq ans et de 30 % depuis 2010 à la maternité de Vire."
)
COUNT_1 = (
    "Manifestation contre la fermeture de la maternité de Vire. Selon la police, 1 200 personnes ont "
    "manifesté samedi à Vire contre la fermeture de la maternité."
)
COUNT_2 = (
    "Vire : la maternité défendue dans la rue. Selon les organisateurs, 5 000 personnes ont manifesté "
    "samedi à Vire contre la fermeture de la maternité."
)


def test_figures_of_one_sentence_are_different_measures_not_a_conflict(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    """Two reports repeat one sentence with two figures ("baissé de 12 % en cinq ans et de 30 %
    depuis 2010"): each report's copy is the article's own voice, but a claim that gives both
    figures disputes neither; they measure two things. The police's count against the
    organisers' is a conflict."""

    def conflicts(folder: Path, texts: tuple[str, str]) -> list[tuple[str, str]]:
        folder.mkdir()
        dated = [("2025-03-15", analyzer.analyse_one(prepare_text(t, lang="fr"))) for t in texts]
        rep = one_story(analyzer, folder, dated)
        return [(p.text, q.text) for s in rep.series for p, q in s.conflicts]

    found = conflicts(tmp_path / "repeated", (MATERNITY_1, MATERNITY_2))
    assert not any("%" in a or "%" in b for a, b in found), found
    assert {frozenset(p) for p in conflicts(tmp_path / "counts", (COUNT_1, COUNT_2))} == {
        frozenset({"1 200", "5 000"})
    }


DEBATE_ESSAY = (
    "Le télétravail divise les entreprises\nPour la sociologue Anne Roux, le télétravail isole les "
    "salariés les plus jeunes de leurs collègues. Le directeur des ressources humaines de Lactalis, "
    "Marc Petit, estime au contraire que le télétravail rend les salariés plus autonomes. Selon une "
    "enquête de l'Insee, le télétravail concerne un salarié sur cinq.\nLe télétravail isole les "
    "salariés les plus jeunes de leurs collègues.\nLes syndicats réclament un accord sur le droit à la "
    "déconnexion."
)


def test_within_one_article_only_a_repeat_is_one_statement(analyzer: Analyzer, tmp_path: Path) -> None:
    """An article comes back to its subject in every paragraph: the sociologist, the manager who
    says the contrary and the statistics office all speak of "le télétravail" and "les salariés",
    three statements. The sociologist's words set again as a pull quote are one."""
    rep = one_story(
        analyzer, tmp_path, [("2025-03-20", analyzer.analyse_one(prepare_text(DEBATE_ESSAY, lang="fr")))]
    )
    by_source = {c.who: rep.proposition_of.get(c.key) for c in rep.claims if c.who}
    roux = next(p for who, p in by_source.items() if "Anne Roux" in who)
    petit = next(p for who, p in by_source.items() if "Marc Petit" in who)
    (pull,) = [rep.proposition_of.get(c.key) for c in rep.claims if c.who is None and "isole" in c.text]
    assert roux is not None and roux == pull
    insee = next(p for who, p in by_source.items() if "Insee" in who)
    assert petit != roux and insee != roux


def _claim(article: str, start: int, text: str, status: str, source: str | None) -> ClaimRecord:
    kind = "organisation" if source else None
    return ClaimRecord(article, f"c{start}", text, status, "indirect", source, kind, None, None, None)


def test_a_denial_is_opposed_by_another_voice_in_another_utterance() -> None:
    """The rule itself, on claims written here: within one article, neither the article's own
    narration nor a second reading of the same words opposes a denial; another source's other
    utterance does, and so does any claim of another article."""
    denial = _claim("a1", 300, "avoir licencié des salariés", "denied", "la direction")
    union = _claim("a1", 120, "quarante salariés ont été licenciés", "stated", "la CGT")
    narration = _claim("a1", 40, "l'usine a licencié quarante salariés", "stated", None)
    around = _claim("a1", 280, "la direction a démenti avoir licencié des salariés", "stated", "le journal")
    elsewhere = _claim("a2", 40, "l'usine a licencié quarante salariés", "stated", None)

    def opposed(a: ClaimRecord, b: ClaimRecord) -> bool:
        return _opposed(a, b, a.source_key, b.source_key)

    assert opposed(union, denial) and opposed(denial, union)
    assert not opposed(narration, denial)
    assert not opposed(around, denial)  # overlapping spans: one sentence read twice
    assert opposed(elsewhere, denial)
    assert not opposed(union, _claim("a2", 0, "quarante salariés ont été licenciés", "stated", "Le Monde"))


SCOOTERS_ASK = (
    "Trottinettes : la mairie de Paris consulte les habitants\nLa mairie de Paris organise dimanche une "
    "consultation sur les trottinettes en libre-service. « Les trottinettes électriques sont-elles "
    "dangereuses pour les piétons ? », s'interroge l'association Paris en selle. Les opérateurs "
    "affirment que leurs engins sont bridés à 20 km/h."
)
SCOOTERS_SAY = (
    "Paris vote sur les trottinettes en libre-service\nLes Parisiens votent dimanche sur l'avenir des "
    "trottinettes en libre-service. Les trottinettes électriques sont dangereuses pour les piétons, "
    "affirme l'association Rue de l'Avenir. Les opérateurs assurent que leurs engins sont bridés à "
    "20 km/h."
)


def test_a_question_states_nothing_to_be_one_statement_with(analyzer: Analyzer, tmp_path: Path) -> None:
    """ "Les trottinettes sont-elles dangereuses ?" asks what another association asserts, in the
    same words: it is no second appearance of the assertion (a verdict on one is no verdict on
    the other). The operators' repeated statement is one proposition."""
    texts = (SCOOTERS_ASK, SCOOTERS_SAY)
    rep = one_story(
        analyzer, tmp_path, [("2023-03-30", analyzer.analyse_one(prepare_text(t, lang="fr"))) for t in texts]
    )
    (asked,) = [c for c in rep.claims if c.text.rstrip().endswith("?")]
    assert asked.question and rep.proposition_of.get(asked.key) is None
    bridled = {rep.proposition_of.get(c.key) for c in rep.claims if "bridés" in c.text}
    assert len(bridled) == 1 and None not in bridled


def test_a_content_followed_by_a_question_mark_asks() -> None:
    from claimledger.link.records import asks

    text = "« Faut-il fermer la ligne ? », demande le maire. La ligne fermera en mai. Fermera-t-elle ?"
    assert asks(text, text.index(" ?"))  # before the space and the mark
    assert not asks(text, text.index(". La"))  # a statement
    assert asks(text, len(text) - 1)  # the mark itself ends the content
    assert not asks(text, text.index(" en mai") + len(" en mai"))


def _in_article(start: int, text: str, title: str) -> ClaimRecord:
    # each claim its own voice: one voice's claims are never one proposition, whatever the gate
    c = _claim("a1", start, text, "stated", f"la source {start}")
    c.title, c.terms = title, profile(text, "fr")
    return c


def test_within_one_article_a_fragment_or_a_theme_is_not_the_statement_said_again() -> None:
    """The rule itself, on claims written here: a headline is one statement with the claim that
    tells most of it, not with a body claim on its theme; a pull quote repeats a statement, but a
    fragment of two rare words found again in a longer claim repeats nothing."""
    title = "Haute-Savoie : un glissement de terrain coupe la route des Contamines"
    told = _in_article(
        120, "un glissement de terrain a coupé jeudi la route des Contamines, en Haute-Savoie", title
    )
    theme = _in_article(
        400, "les glissements de terrain menacent chaque hiver les villages de Haute-Savoie", title
    )
    head = _in_article(0, "un glissement de terrain coupe la route des Contamines", title)
    quote = "la montagne bouge sous nos pieds et personne ne surveille les versants"
    said = _in_article(600, f"« {quote} », a alerté le maire des Contamines", title)
    pulled = _in_article(900, quote, title)
    fragment = _in_article(1200, "les versants des Contamines", title)
    claims = [head, told, theme, said, pulled, fragment]
    f = _Features(claims, np.zeros((len(claims), 4), dtype=np.float32))
    index = {id(c): i for i, c in enumerate(claims)}

    def one(a: ClaimRecord, b: ClaimRecord) -> bool:
        return f.one_utterance(index[id(a)], index[id(b)])

    assert headline(head) and not headline(told)
    assert one(head, told) and not one(head, theme)
    assert one(said, pulled)  # a pull quote
    assert not one(fragment, said) and not one(fragment, pulled)
    # a body claim whose words are nearly all the headline's repeats a part of it (a quotation
    # the headline takes up): one statement, by either path
    long_title = "un glissement de terrain coupe la route des Contamines et isole les chalets de Megève"
    long_head = _in_article(0, long_title, long_title)
    chalets = _in_article(300, "les chalets de Megève isolés", long_title)
    g = _Features([*claims, long_head, chalets], np.zeros((len(claims) + 2, 4), dtype=np.float32))
    n = len(claims) + 2
    assert headline(long_head) and g.one_utterance(n - 2, n - 1)
    # the matrix path gates as the pair-by-pair one does
    for i in range(n):
        for j in range(n):
            if i != j:
                assert g.one(i, j) == pytest.approx(_pairs(g, np.array([i]), np.array([j]))[0]), (i, j)
