"""One test per construction of reporting the analyser reads (issue 8). Every sentence here was
written for these tests; none comes from the dev gold or the corpus."""

from __future__ import annotations

from collections.abc import Callable

from claimledger.model import Analysis, Claim
from conftest import claim_with

Analyse = Callable[[str], Analysis]


def _by_source(a: Analysis, fragment: str) -> list[Claim]:
    return [c for c in a.claims if c.source is not None and fragment in c.source.text]


# -- quotations -----------------------------------------------------------------------------------


def test_incise_inside_a_quote_credits_the_whole_quotation(analyse: Analyse) -> None:
    a = analyse(
        "« Nous avons fermé la départementale à midi, précise la capitaine L. Les riverains doivent "
        "rester chez eux jusqu'à demain. »"
    )
    claim = claim_with(a, "Nous avons fermé la départementale")
    assert claim.source is not None and claim.source.text.startswith("la capitaine L.")
    assert "Les riverains" not in claim.source.text
    assert claim.cue is not None and claim.cue.lemma == "préciser"
    assert "Les riverains doivent rester chez eux" in claim.text  # the quote goes on after the incise
    assert claim.quote == "direct"


def test_incise_speaker_with_apposition(analyse: Analyse) -> None:
    a = analyse(
        "« Le toit a cédé en pleine nuit, raconte Odile Marchand, une boulangère du quartier. Nous "
        "avons tout perdu. »"
    )
    claim = claim_with(a, "Le toit a cédé")
    assert claim.source is not None and claim.source.text == "Odile Marchand"
    assert claim.source.kind == "person"


def test_quote_followed_by_verb_without_comma(analyse: Analyse) -> None:
    a = analyse("« La passerelle restera fermée tout l'hiver » annonce le maire de Villeneuve.")
    claim = claim_with(a, "La passerelle restera fermée")
    assert claim.source is not None and claim.source.text == "le maire de Villeneuve"
    assert claim.source.kind == "person"
    assert claim.quote == "direct"


def test_speaker_carried_to_the_next_quotation(analyse: Analyse) -> None:
    a = analyse(
        "« Les stocks de vaccins sont suffisants pour tout le département », assure la pharmacienne "
        "Claire Dumont. « Nous recevons une livraison chaque semaine depuis janvier. »"
    )
    carried = claim_with(a, "Nous recevons une livraison")
    assert carried.source is not None and carried.source.text.endswith("Claire Dumont")
    assert carried.source.entity == "person:claire-dumont"
    assert carried.quote == "direct"


def test_interview_answers_keep_their_speaker_but_not_forever(analyse: Analyse) -> None:
    text = (
        "« Le chantier a pris deux ans de retard », reconnaît l'architecte Paul Veyron.\n"
        "« Les fondations étaient plus fragiles que prévu. »\n"
        "La mairie a voté un budget supplémentaire en mars.\n"
        "Le conseil municipal se réunira en juin.\n"
        "L'opposition a quitté la séance.\n"
        "« Nous attendons des comptes détaillés. »"
    )
    a = analyse(text)
    assert claim_with(a, "Les fondations étaient plus fragiles").source is not None
    late = claim_with(a, "Nous attendons des comptes détaillés")
    assert late.source is None  # three sentences later, no speaker is carried over


def test_straight_quotes_and_no_paragraph_breaks(analyse: Analyse) -> None:
    a = analyse(
        "Le procès s'est ouvert lundi. \"Je n'ai jamais touché à cet argent\", a déclaré le prévenu "
        "devant la cour. L'avocate de la partie civile a répliqué que les virements étaient \"documentés "
        'jour après jour". Le verdict est attendu vendredi.'
    )
    denied = claim_with(a, "Je n'ai jamais touché à cet argent")
    assert denied.source is not None and denied.source.text == "le prévenu"
    assert denied.quote == "direct"
    replied = claim_with(a, "les virements étaient")
    assert replied.source is not None and replied.source.text == "L'avocate de la partie civile"
    assert replied.cue is not None and replied.cue.lemma == "répliquer"
    assert replied.quote == "mixed"


def test_initials_and_titles_do_not_end_sentences(analyse: Analyse) -> None:
    a = analyse(
        "Selon Mme Girard, M. Dupont a signé le contrat en mars. Le Dr Benoît et J.-P. Martin affirment "
        "que le document était incomplet. Thomas B. a confirmé qu'il avait reçu une copie."
    )
    selon = next(c for c in a.claims if c.cue and c.cue.lemma == "selon")
    assert selon.source is not None and selon.source.text == "Mme Girard"
    assert "M. Dupont a signé le contrat" in selon.text
    doctors = claim_with(a, "le document était incomplet")
    assert doctors.source is not None and "Dr Benoît" in doctors.source.text
    thomas = claim_with(a, "il avait reçu une copie")
    assert thomas.source is not None and thomas.source.text == "Thomas B."
    assert thomas.status == "confirmed"


def test_a_sentence_may_open_with_a_figure_but_not_after_an_abbreviation(analyse: Analyse) -> None:
    a = analyse(
        "Le maire affirme que la route restera fermée. 40 % des habitants contournent le village. "
        "L'avocat invoque l'art. 12 du règlement et la p. 3 du rapport. La ferme couvre l'équivalent "
        "de… 210 terrains de football."
    )
    mayor = claim_with(a, "la route restera fermée")
    assert "40 %" not in mayor.text  # the mayor did not say what the next sentence says
    assert any(c.text.startswith("40 % des habitants") and c.source is None for c in a.claims)
    assert any("l'art. 12 du règlement et la p. 3 du rapport" in c.text for c in a.claims)
    assert any("de… 210 terrains" in c.text for c in a.claims)  # a suspension, no sentence end


# -- verbs of thought, fear and wish --------------------------------------------------------------


def test_thought_fear_and_wish_verbs_with_their_status(analyse: Analyse) -> None:
    a = analyse(
        "Les pêcheurs craignent que la saison soit perdue. Le maire pense que le port rouvrira en mai. "
        "La préfète espère que les quotas seront relevés. Les élus jugent que la décision est injuste. "
        "L'association souhaite que l'enquête soit rendue publique."
    )
    assert claim_with(a, "la saison soit perdue").status == "speculative"
    assert claim_with(a, "le port rouvrira en mai").status == "stated"
    assert claim_with(a, "les quotas seront relevés").status == "speculative"
    assert claim_with(a, "la décision est injuste").status == "stated"
    assert claim_with(a, "l'enquête soit rendue publique").status == "speculative"
    for claim in a.claims:
        assert claim.source is not None


def test_warning_is_speculative(analyse: Analyse) -> None:
    a = analyse("Les hydrologues alertent que la nappe phréatique sera à sec avant l'été.")
    claim = claim_with(a, "la nappe phréatique sera à sec")
    assert claim.status == "speculative" and claim.source is not None


# -- prepositions and nouns ------------------------------------------------------------------------


def test_prepositional_sources(analyse: Analyse) -> None:
    a = analyse(
        "Selon une source à la préfecture, le pont sera démoli cet été.\n"
        "Le suspect a été interpellé à son domicile, a-t-on appris auprès du parquet de Lyon.\n"
        "De source policière, trois véhicules ont été incendiés.\n"
        "Aux yeux de la juge, le dossier reste fragile.\n"
        "Pour la direction de l'usine, la grève est illégale."
    )
    source = claim_with(a, "le pont sera démoli")
    assert source.source is not None and source.source.text == "une source à la préfecture"
    assert source.source.kind == "anonymous"
    learnt = claim_with(a, "Le suspect a été interpellé")
    assert learnt.source is not None and "parquet de Lyon" in learnt.source.text
    police = claim_with(a, "trois véhicules ont été incendiés")
    assert police.source is not None and "policière" in police.source.text
    judge = claim_with(a, "le dossier reste fragile")
    assert judge.source is not None and judge.source.text == "la juge"
    direction = claim_with(a, "la grève est illégale")
    assert direction.source is not None and direction.source.text == "la direction de l'usine"


def test_cited_by_is_a_channel_not_the_source(analyse: Analyse) -> None:
    a = analyse("Le ministre, cité par l'agence Belga, a assuré que les frontières resteraient ouvertes.")
    claim = claim_with(a, "les frontières resteraient ouvertes")
    assert claim.source is not None and claim.source.text.startswith("Le ministre")
    assert "Belga" not in claim.source.text


def test_two_layer_attribution_keeps_the_speaker(analyse: Analyse) -> None:
    a = analyse("Les négociations reprendront jeudi, a dit le porte-parole du gouvernement, selon l'AFP.")
    claims = [c for c in a.claims if c.source is not None]
    assert [c.source.text for c in claims if c.source] == ["le porte-parole du gouvernement"]
    assert "Les négociations reprendront jeudi" in claims[0].text


def test_an_analysis_shared_by_someone(analyse: Analyse) -> None:
    a = analyse("La hausse des loyers va ralentir. C'est une analyse que partage la fédération des agences.")
    claim = next(c for c in a.claims if c.cue and c.cue.lemma == "partager")
    assert claim.source is not None and "la fédération des agences" in claim.source.text


def test_reporting_nouns(analyse: Analyse) -> None:
    a = analyse(
        "La principale crainte des viticulteurs est que la grêle détruise les vignes.\n"
        "Les abeilles désertent les vergers. Telle est la conclusion d'une équipe de chercheurs suisses."
    )
    fear = claim_with(a, "la grêle détruise les vignes")
    assert fear.source is not None and "viticulteurs" in fear.source.text
    assert fear.status == "speculative"
    conclusion = claim_with(a, "Les abeilles désertent les vergers")
    assert conclusion.source is not None and "chercheurs" in conclusion.source.text


def test_cleft_points_to_the_sentence_before(analyse: Analyse) -> None:
    a = analyse(
        "Le vaccin protégerait aussi les enfants. C'est ce qu'affirment des messages viraux sur Facebook."
    )
    claim = claim_with(a, "Le vaccin protégerait aussi les enfants")
    assert claim.source is not None and claim.source.text.startswith("des messages viraux")
    assert claim.status == "alleged"  # the writer's own conditional, reported without commitment


def test_comparison_clause(analyse: Analyse) -> None:
    a = analyse("Comme l'a rappelé la ministre, la vaccination reste gratuite pour les seniors.")
    claim = claim_with(a, "la vaccination reste gratuite")
    assert claim.source is not None and claim.source.text == "la ministre"
    assert claim.cue is not None and claim.cue.lemma == "rappeler"


def test_colon_after_a_noun_that_names_the_origin(analyse: Analyse) -> None:
    a = analyse("Le bilan est sans appel : « Un habitant sur trois vit sous le seuil de pauvreté. »")
    claim = claim_with(a, "Un habitant sur trois")
    assert claim.source is not None and claim.source.text == "Le bilan"
    assert claim.source.kind == "document"


def test_document_opening_the_sentence(analyse: Analyse) -> None:
    a = analyse(
        "Dans son rapport annuel, l'Observatoire des prix note une hausse de 4 %.\n"
        "Dans les prévisions de Météo-France, la tempête touchera la Bretagne dès lundi."
    )
    note = claim_with(a, "une hausse de 4 %")
    assert note.source is not None and note.source.text == "l'Observatoire des prix"  # the verb's speaker
    storm = claim_with(a, "la tempête touchera la Bretagne")
    assert storm.source is not None and "Météo-France" in storm.source.text


# -- several reports in one sentence ----------------------------------------------------------------


def test_one_subject_two_reporting_verbs(analyse: Analyse) -> None:
    a = analyse("La maire a affirmé que la piscine rouvrirait en juin et salué le travail des agents.")
    first = claim_with(a, "la piscine rouvrirait en juin")
    second = claim_with(a, "le travail des agents")
    assert first is not second
    assert "salué" not in first.text
    assert second.source is not None and second.source.text == "La maire"
    assert second.cue is not None and second.cue.lemma == "saluer"


def test_participle_and_gerund_inherit_the_speaker(analyse: Analyse) -> None:
    a = analyse(
        "Le directeur a annoncé la fermeture du site, ajoutant que les salariés seraient reclassés.\n"
        "« Nous tiendrons nos engagements », a déclaré la ministre, en soulignant que le fonds était prêt."
    )
    added = claim_with(a, "les salariés seraient reclassés")
    assert added.source is not None and added.source.text == "Le directeur"
    announced = claim_with(a, "la fermeture du site")
    assert "ajoutant" not in announced.text
    stressed = claim_with(a, "le fonds était prêt")
    assert stressed.source is not None and stressed.source.text == "la ministre"


def test_opening_infinitive_clause_has_the_main_subject(analyse: Analyse) -> None:
    a = analyse(
        "Après avoir affirmé que le budget était équilibré, le trésorier a présenté les comptes à "
        "l'assemblée."
    )
    claim = claim_with(a, "le budget était équilibré")
    assert claim.source is not None and claim.source.text == "le trésorier"
    assert "présenté les comptes" not in claim.text


def test_subject_with_apposition_and_relative_clause(analyse: Analyse) -> None:
    a = analyse(
        "Nadia Ferhat, sociologue à l'université de Nantes qui étudie les quartiers populaires, "
        "explique que les associations manquent de bénévoles."
    )
    claim = claim_with(a, "les associations manquent de bénévoles")
    assert claim.source is not None and claim.source.text.startswith("Nadia Ferhat")
    assert "qui étudie" not in claim.source.text and claim.source.kind == "person"


# -- boundaries ---------------------------------------------------------------------------------------


def test_content_stops_at_the_writers_clause(analyse: Analyse) -> None:
    a = analyse(
        "Le directeur de la clinique a nié toute négligence, tandis que des experts estiment que "
        "l'accident aurait pu être évité."
    )
    denial = claim_with(a, "toute négligence")
    assert denial.status == "denied"
    assert "tandis que" not in denial.text and "experts" not in denial.text
    experts = claim_with(a, "l'accident aurait pu être évité")
    assert experts.source is not None and experts.source.text == "des experts"
    assert experts.status == "speculative"


def test_time_of_the_report_is_not_content(analyse: Analyse) -> None:
    a = analyse(
        "Le club a annoncé mardi le départ de son entraîneur. "
        "La ligue a indiqué ce jeudi que le match serait rejoué."
    )
    assert claim_with(a, "le départ de son entraîneur").text.startswith("le départ")
    assert claim_with(a, "le match serait rejoué").text.startswith("le match")


def test_a_negated_cue_credits_nobody(analyse: Analyse) -> None:
    a = analyse("Non, les pompiers n'ont jamais affirmé que l'incendie était criminel.")
    claim = claim_with(a, "l'incendie était criminel")
    assert claim.source is None
    assert claim.status == "stated"


def test_a_litotes_is_not_a_negation(analyse: Analyse) -> None:
    a = analyse("Le syndicat n'en dénonce pas moins la suppression de quarante postes.")
    claim = claim_with(a, "la suppression de quarante postes")
    assert claim.source is not None and claim.source.text == "Le syndicat"


def test_selon_after_a_figure_credits_the_figure_only(analyse: Analyse) -> None:
    a = analyse(
        "Cette liste pourrait devancer un parti crédité de 18 % des intentions de vote selon un sondage Ifop."
    )
    sourced = next(c for c in a.claims if c.cue and c.cue.lemma == "selon")
    assert sourced.source is not None and sourced.source.text == "un sondage Ifop"
    assert "18 %" in sourced.text and "Cette liste" not in sourced.text
    plain = next(c for c in a.claims if c.source is None)
    assert plain.status == "speculative"  # the sentence itself stays the article's hypothesis


def test_selon_after_a_clause_credits_the_clause(analyse: Analyse) -> None:
    a = analyse("La réforme pourrait coûter 40 millions d'euros selon la Cour des comptes.")
    sourced = next(c for c in a.claims if c.cue and c.cue.lemma == "selon")
    assert sourced.text.startswith("La réforme pourrait coûter")
    assert sourced.status == "speculative"
    assert all(c.source is not None for c in a.claims)


def test_a_partys_own_video_is_shown_by_that_party(analyse: Analyse) -> None:
    a = analyse(
        "Une vidéo de l'armée israélienne montre des tunnels sous l'hôpital. "
        "Un message en arabe et en anglais appelle les habitants à partir."
    )
    video = next(c for c in a.claims if c.source and "vidéo" in c.source.text)
    assert video.shown_by == "country:IL" and video.status == "stated"
    assert all(c.shown_by is None for c in a.claims if c.source and "message" in c.source.text)
