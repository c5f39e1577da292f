"""French reporting read by structure (issue 16): each test is one class of construction, on
sentences written for it (none comes from a gold key or a corpus), with its negative cases."""

from __future__ import annotations

from collections.abc import Callable

from claimledger.model import Analysis, Claim
from conftest import claim_with

Analyse = Callable[[str], Analysis]


def _spoken(a: Analysis) -> list[Claim]:
    return [c for c in a.claims if c.source is not None]


def _speakers_are(analyse: Analyse, cases: dict[str, tuple[str, str]]) -> None:
    """Each sentence has a claim holding the content, credited to the speaker as written."""
    for text, (speaker, content) in cases.items():
        c = claim_with(analyse(text), content)
        assert c.source is not None and c.source.text == speaker, (text, c.source)


def _source_of(analyse: Analyse, text: str, content: str) -> str | None:
    """The source text of the claim holding `content` (None: the article's own)."""
    claim = claim_with(analyse(text), content)
    return claim.source.text if claim.source is not None else None


# -- an infinitive reports for its governor's subject ---------------------------------------------


def test_an_infinitive_reports_for_the_subject_of_its_governor(analyse: Analyse) -> None:
    cases = {
        "Le maire a refusé de commenter la fermeture de la piscine.": ("Le maire", "la fermeture"),
        "La directrice finit par reconnaître : « Nous avons perdu le contrat. »": (
            "La directrice",
            "Nous avons perdu le contrat",
        ),
        "Le porte-parole vient de confirmer que deux gardiens ont été blessés.": (
            "Le porte-parole",
            "deux gardiens ont été blessés",
        ),
        "Le syndicat a lancé une pétition pour dénoncer la fermeture du dépôt.": (
            "Le syndicat",
            "la fermeture du dépôt",
        ),
    }
    _speakers_are(analyse, cases)


def test_an_incise_governor_gives_its_infinitive_the_speaker_after_it(analyse: Analyse) -> None:
    # "finit par V X", "a tenu à V X" after a quotation or a clause: X speaks; a verb that shares
    # the clause's subject ("…, a refusé de critiquer le gouvernement") makes no speaker of its object
    cases = {
        "« Nous sommes dans le brouillard », finit par soupirer la juge.": (
            "la juge",
            "Nous sommes dans le brouillard",
        ),
        "Le chantier reprendra en mars, a tenu à préciser le maire.": ("le maire", "Le chantier reprendra"),
        "La séance a été levée par Marie T. « Rien n'est joué », vient d'ajouter l'entraîneur.": (
            "l'entraîneur",
            "Rien n'est joué",
        ),
    }
    _speakers_are(analyse, cases)
    wrong = {
        "Le ministre est arrivé à dix heures, a refusé de critiquer le gouvernement.": "gouvernement",
        "Imaginons que le maire soit battu, pourra-t-on reprocher sa défaite à ses adjoints ?": "défaite",
        "Le chanteur fait la moue, refuse d'en parler, juge que la polémique est close.": "juge",
    }
    for text, noun in wrong.items():
        a = analyse(text)
        assert not any(c.source is not None and noun in c.source.text for c in a.claims), text


def test_an_infinitive_with_nobody_to_report_for_is_no_claim(analyse: Analyse) -> None:
    for text in (
        "Il faut rappeler que le pont a été construit en 1962.",  # an expletive subject
        "Le ministre n'a pas voulu commenter la décision des juges.",  # a negated governor
        "Une autre hypothèse pourrait expliquer la baisse des ventes.",  # no one who can speak
    ):
        sources = [c.source.text for c in _spoken(analyse(text)) if c.source is not None]
        assert not any(s.startswith(("La hausse", "Les contrats")) for s in sources), (text, sources)


def test_a_reporting_governor_keeps_its_infinitive_as_content(analyse: Analyse) -> None:
    a = analyse("Les élus ont promis de dénoncer tout retard du chantier.")
    spoken = _spoken(a)
    assert len(spoken) == 1 and spoken[0].cue is not None and spoken[0].cue.lemma == "promettre"


def test_a_narrative_infinitive_continues_the_speaker(analyse: Analyse) -> None:
    a = analyse(
        "La présidente du club a annoncé que la saison reprendrait en mars. "
        "Et d'ajouter que les tarifs ne changeraient pas."
    )
    c = claim_with(a, "les tarifs ne changeraient pas")
    assert c.source is not None and c.source.text == "La présidente du club"


def test_a_first_person_infinitive_inside_a_quotation_is_the_quoted_speaker(analyse: Analyse) -> None:
    a = analyse("« Nous ne cesserons de réclamer une enquête », affirme la porte-parole des familles.")
    spoken = _spoken(a)
    assert len(spoken) == 1 and spoken[0].source is not None
    assert spoken[0].source.text.startswith("la porte-parole")


# -- a colon after a clause whose subject can speak -------------------------------------------------


def test_the_subject_of_a_clause_ending_in_a_colon_says_the_quotation(analyse: Analyse) -> None:
    a = analyse("Une riveraine du chantier s'agace devant les grilles : « On ne dort plus depuis juin. »")
    c = claim_with(a, "On ne dort plus depuis juin")
    assert c.source is not None and c.source.text == "Une riveraine du chantier"
    b = analyse("Le préfet ne cède pas : « La route restera fermée tout l'hiver. »")
    c = claim_with(b, "La route restera fermée")
    assert c.source is not None and c.source.text == "Le préfet"


def test_a_noun_phrase_lead_before_a_colon_says_a_quotation_of_several_sentences(analyse: Analyse) -> None:
    # a headline-style lead "X : « … ? … »": the question inside leaves the parse no subject
    cases = {
        "Marie Lenoir : « La réforme ? C'est une erreur historique »\nLe débat a repris mardi.": (
            "Marie Lenoir",
            "C'est une erreur historique",
        ),
        "Le maire de Brest : « Un échec. Le port ne rouvrira pas. »": (
            "Le maire de Brest",
            "Le port ne rouvrira",
        ),
        "Le vote a eu lieu.\nPaul Ferrand (LR) : « Ce texte ? Il est mort. »": (
            "Paul Ferrand",
            "Il est mort",
        ),
    }
    _speakers_are(analyse, cases)
    # a place is no speaker, and a name lead never hands its quotation to the speaker before
    assert not _spoken(analyse("Brest : « Un échec. Le port ne rouvrira pas. »"))
    a = analyse("« Le port fermera », a dit Marie Lenoir.\nKerbrat (PS) : « Ce texte ? Il est mort. »")
    c = claim_with(a, "Le port fermera")
    assert all(d.source is None or "Lenoir" not in d.source.text for d in a.claims if d is not c)


def test_a_quoted_title_belongs_to_the_noun_phrase_of_its_source(analyse: Analyse) -> None:
    a = analyse("Selon la réalisatrice de « Terre brûlée », le film sera diffusé en mai.")
    c = claim_with(a, "le film sera diffusé")
    assert c.source is not None and c.source.text == "la réalisatrice de « Terre brûlée »"


def test_a_colon_after_a_subject_that_cannot_speak_credits_nobody(analyse: Analyse) -> None:
    a = analyse("La séance a duré quatre heures : « Un vrai marathon, franchement épuisant. »")
    assert not _spoken(a)


# -- a quotation paragraph is a claim of its own -----------------------------------------------------


def test_a_quotation_paragraph_after_an_attributed_one_is_a_claim_of_the_same_speaker(
    analyse: Analyse,
) -> None:
    a = analyse(
        "« Nous fermerons le site en juin », explique la directrice, Anne Delorme.\n"
        "« Les commandes ont chuté de moitié. Nous n'avions plus le choix. »\n"
        "« Chaque salarié recevra une offre de reclassement. »"
    )
    spoken = _spoken(a)
    assert len(spoken) == 3
    first, second, third = spoken
    assert "Nous n'avions plus le choix" in second.text  # one paragraph, one claim
    for c in (second, third):
        assert c.cue is None and c.source is not None and c.source.text == first.source.text  # type: ignore[union-attr]


# -- status: the source's own words, and warnings of what is to come -----------------------------


def test_a_modal_or_conditional_in_a_named_sources_words_does_not_hedge_the_claim(analyse: Analyse) -> None:
    quoted = claim_with(
        analyse("« Il faudrait fermer le pont avant l'hiver », estime l'ingénieure."), "fermer le pont"
    )
    assert quoted.status == "stated"
    reported = claim_with(
        analyse("Le maire a précisé que la fête aurait lieu dimanche."), "la fête aurait lieu"
    )
    assert reported.status == "stated"  # a future in the past, not a hedge
    # in the writer's words ("selon X") the conditional is the writer's distance
    assert (
        claim_with(analyse("Selon le maire, la fête aurait lieu dimanche."), "la fête aurait lieu").status
        == "alleged"
    )
    # a hedge the source chose still counts
    hedged = claim_with(
        analyse("Les économistes estiment que la hausse des prix risque de freiner la reprise."),
        "freiner la reprise",
    )
    assert hedged.status == "speculative"


def test_a_warning_is_speculative_only_about_what_is_to_come(analyse: Analyse) -> None:
    ahead = claim_with(analyse("Le syndicat a averti que l'usine fermerait en juin."), "l'usine fermerait")
    assert ahead.status == "speculative"
    future = claim_with(
        analyse("L'agence alertait en mars que les réserves ne suffiront pas à l'été."),
        "les réserves ne suffiront pas",
    )
    assert future.status == "speculative" and not future.text.startswith("en mars")
    known = claim_with(
        analyse("Une voisine l'avait prévenu de la venue des huissiers."), "la venue des huissiers"
    )
    assert known.status == "stated"


# -- speakers the parse hides ---------------------------------------------------------------------


def test_a_present_read_as_a_participle_still_reports(analyse: Analyse) -> None:
    """An -er verb's participle ends in -é: "salue" after an apposition is the present tense."""
    c = claim_with(
        analyse("Lucie Marchal, présidente du comité, salue « des résultats encourageants »."),
        "des résultats encourageants",
    )
    assert c.source is not None and c.source.text.startswith("Lucie Marchal")
    assert c.source.entity == "person:lucie-marchal"


def test_pronouns_of_people_without_a_noun_speak(analyse: Analyse) -> None:
    for text, speaker in (
        ("D'autres plaidaient pour une réforme plus rapide.", "autres"),
        ("Certains jugent que la saison arrive trop tard.", "Certains"),
    ):
        c = claim_with(analyse(text), "r" if speaker == "autres" else "la saison arrive")
        assert c.source is not None and speaker in c.source.text, text


def test_a_gerund_under_an_incise_verb_takes_the_clause_subject(analyse: Analyse) -> None:
    c = claim_with(analyse("Elle poursuit en dénonçant « une réforme injuste »."), "une réforme injuste")
    assert c.source is not None and c.source.text == "Elle"


# -- the verb group as the parser splits it --------------------------------------------------------


def test_a_subject_hung_on_the_auxiliary_still_speaks(analyse: Analyse) -> None:
    """Adverbs between the auxiliary and the participle make the parser attach the subject to the
    auxiliary; the speaker is the same."""
    for text, speaker in {
        "Le comité de quartier a donc de nouveau annoncé qu'il saisirait le tribunal.": "Le comité",
        "La fédération a pourtant une fois encore affirmé que les comptes étaient sains.": "La fédération",
    }.items():
        c = claim_with(analyse(text), "saisirait" if "saisirait" in text else "les comptes")
        assert c.source is not None and c.source.text.startswith(speaker), (text, c.source)


def test_a_quoted_manner_adverb_does_not_hide_the_que_clause(analyse: Analyse) -> None:
    a = analyse("Le laboratoire avait contesté « vigoureusement » que ses essais aient été truqués.")
    c = claim_with(a, "ses essais aient été truqués")
    assert c.source is not None and c.source.text == "Le laboratoire" and c.status == "denied"


def test_a_quotation_opening_an_infinitive_complement_is_the_content(analyse: Analyse) -> None:
    a = analyse("L'entraîneur déclarait « ne rien regretter » de cette saison difficile.")
    c = claim_with(a, "ne rien regretter")
    assert c.source is not None and c.source.text == "L'entraîneur" and c.quote == "mixed"


def test_a_verb_of_showing_with_a_que_clause_reports_whoever_its_subject(analyse: Analyse) -> None:
    a = analyse("L'hebdomadaire a révélé que le directeur avait falsifié les factures.")
    c = claim_with(a, "le directeur avait falsifié")
    assert c.source is not None and c.source.text == "L'hebdomadaire"
    # with a noun object the same verb reports nothing: a country showing signs is no source
    assert not _spoken(analyse("Le pays montre des signes de reprise économique."))


def test_a_negation_hung_on_a_following_adverb_still_negates_the_governor(analyse: Analyse) -> None:
    text = "Le sénateur n'a pas encore réussi à prouver aux électeurs que sa réforme leur avait profité."
    assert not _spoken(analyse(text))


def test_an_inverted_speaker_after_an_adjunct_of_the_incise(analyse: Analyse) -> None:
    """Between an incise verb and its speaker: 'de son côté', 'à ce moment', 'en direct', 'à
    l'époque à la radio' — an adjunct ends where a determiner opens the speaker's noun phrase."""
    for text, speaker in {
        "« Rien n'est signé », a répondu de son côté la syndicaliste, jointe hier.": "la syndicaliste",
        "« C'est une plaisanterie », s'amuse d'ailleurs à ce moment le juge.": "le juge",
        "« Nous irons jusqu'au bout », martèle ainsi en direct la candidate écologiste.": "la candidate",
        "La route restera fermée, précisait à l'époque à la radio un porte-parole de la préfecture.": (
            "porte-parole"
        ),
    }.items():
        spoken = _spoken(analyse(text))
        assert len(spoken) == 1 and spoken[0].source is not None, text
        assert speaker in spoken[0].source.text, (text, spoken[0].source.text)


def test_a_verb_of_showing_in_the_passive_with_its_agent_reports(analyse: Analyse) -> None:
    a = analyse("L'affaire, dévoilée par un quotidien régional, a coûté son poste au trésorier.")
    c = claim_with(a, "L'affaire")
    assert c.source is not None and "quotidien" in c.source.text


def test_the_antecedent_of_a_relative_clause_speaks_for_the_verb_after_it(analyse: Analyse) -> None:
    """The parser may hang the main verb on the relative clause before it ('X qui nous a reçus
    assure'); the antecedent is still the speaker, and nothing inside the relative is."""
    a = analyse("Le gardien du stade qui nous a accompagnés assure que les grilles étaient ouvertes.")
    c = claim_with(a, "les grilles étaient ouvertes")
    assert c.source is not None and c.source.text == "Le gardien du stade"


def test_a_comparison_with_a_verb_of_showing_names_its_source_without_the_time(analyse: Analyse) -> None:
    a = analyse("Le trésorier a démissionné, comme l'a dévoilé La Dépêche jeudi.")
    c = claim_with(a, "Le trésorier a démissionné")
    assert c.source is not None and c.source.text == "La Dépêche"


def test_a_finite_verb_misread_as_a_participle_has_no_agent(analyse: Analyse) -> None:
    """'X conclut par une remarque': the 'par' phrase of an active verb is never its speaker."""
    a = analyse("L'arbitre conclut par une remarque sur la pelouse.")
    assert all(c.source is None or "remarque" not in c.source.text for c in a.claims)


def test_a_participle_never_takes_a_content_noun_as_its_speaker(analyse: Analyse) -> None:
    """'…, estimant que C' speaks for the subject of its clause only when that subject can speak;
    otherwise it goes on for the source already credited in the sentence."""
    a = analyse(
        "Selon la fédération des artisans, la hausse des loyers doit cesser, estimant que les ateliers "
        "ferment les uns après les autres."
    )
    c = claim_with(a, "les ateliers ferment")
    assert c.source is not None and "fédération" in c.source.text


def test_a_thing_that_shows_a_que_clause_is_no_speaker(analyse: Analyse) -> None:
    for text in (
        "La hausse des loyers montre que la ville attire de nouveaux habitants.",
        "Les contrats à terme montrent que les courtiers attendent une baisse des taux.",
    ):
        sources = [c.source.text for c in _spoken(analyse(text)) if c.source is not None]
        assert not any(s.startswith(("La hausse", "Les contrats")) for s in sources), (text, sources)


# -- who speaks: names, indefinite pronouns, quotations kept apart --------------------------------


def test_a_name_that_holds_a_preposition_stays_whole(analyse: Analyse) -> None:
    """'l'Organisation mondiale de la santé pour…': a preposition inside a recognised name is the
    name's, not the start of an adjunct that ends the speaker."""
    a = analyse(
        "« Aucun pays ne peut agir seul », a averti mardi la Fédération internationale pour les "
        "droits humains."
    )
    c = claim_with(a, "Aucun pays ne peut agir seul")
    assert c.source is not None and c.source.text.endswith("pour les droits humains")


def test_an_indefinite_pronoun_speaks_for_a_participle(analyse: Analyse) -> None:
    a = analyse("D'autres ont vivement défendu le ministre, estimant qu'il avait raison.")
    c = claim_with(a, "il avait raison")
    assert c.source is not None and c.source.text == "D'autres"


def test_a_quoted_que_clause_stops_before_another_subjects_clause(analyse: Analyse) -> None:
    """'Si X ont jugé que « C », d'autres ont…': C is X's, what the others do is not."""
    a = analyse(
        "Si plusieurs élus ont jugé que « la loi ne changerait rien », d'autres ont vivement défendu "
        "le ministre, estimant qu'il avait raison."
    )
    first = claim_with(a, "la loi ne changerait rien")
    assert "défendu" not in first.text
    second = claim_with(a, "il avait raison")
    assert second.source is not None and second.source.text == "d'autres"


def test_a_participle_after_an_incise_is_not_the_quoted_subjects(analyse: Analyse) -> None:
    """'« … Il ne peut pas … », s'indigne X, en assurant que C': C is X's, never the quoted 'Il'."""
    a = analyse(
        "« C'est injuste de l'accuser. Il ne peut pas tout payer seul », s'indigne son avocate, en "
        "assurant « qu'il a déjà tout remboursé »."
    )
    for content in ("Il ne peut pas tout payer seul", "il a déjà tout remboursé"):
        c = claim_with(a, content)
        assert c.source is not None and c.source.text == "son avocate", (content, c.source)


def test_a_colon_lead_with_its_own_subject_does_not_carry_the_last_speaker(analyse: Analyse) -> None:
    """The subject of the clause before the colon says the quotation, even when the tagger misreads
    its surname; the speaker of the sentence before never does."""
    a = analyse(
        "« Le joueur a présenté ses excuses », a indiqué l'entraîneur. Jeudi soir, le président du "
        "club Benoist Apparu a voulu calmer le jeu : « Il n'y aura donc pas de sanction. »"
    )
    c = claim_with(a, "Il n'y aura donc pas de sanction")
    assert c.source is not None and "Apparu" in c.source.text


# -- a quotation paragraph: its introducer speaks, a speaker quoted inside it does not --------------


_INTRODUCED = (
    "« Le dossier est vide », a affirmé l'avocat. La séance a repris dans l'après-midi.\n"
    "Joint par téléphone, Paul Martin, ancien maire de la ville, s'est montré très remonté contre "
    "l'équipe:\n"
    "> « Ça me révolte ! Quand j'ai lu le rapport, je n'y croyais pas. Ils écrivent clairement que le "
    "pont risquait de céder. C'est la mairie qui a tout caché. »"
)


def test_a_quotation_paragraph_is_its_introducers_not_the_speaker_before(analyse: Analyse) -> None:
    a = analyse(_INTRODUCED)
    c = claim_with(a, "Ça me révolte")
    assert c.source is not None and c.source.text == "Paul Martin"


def test_a_report_quoted_inside_a_quotation_ends_with_its_sentence(analyse: Analyse) -> None:
    a = analyse(_INTRODUCED)
    nested = next(c for c in a.claims if c.text.startswith("le pont risquait"))
    assert nested.source is not None and nested.source.text == "Ils"
    assert "mairie" not in nested.text  # the next sentence of the quotation is not theirs


def test_a_colon_lead_about_a_thing_lets_the_protagonist_go_on(analyse: Analyse) -> None:
    """'… et la fatigue s'installe: « … »': the lead's subject is no speaker, the quotation is
    still the words of the person the passage follows (read on real articles: carrying was right
    there more often than not)."""
    a = analyse(
        "« J'ai accepté tous les horaires », raconte Karim, embauché comme magasinier en 2019.\n"
        "Les semaines passent, et la fatigue s'installe: « Je ne dormais plus. Je n'en pouvais plus. »"
    )
    c = claim_with(a, "Je ne dormais plus")
    assert c.source is not None and c.source.text == "Karim"


# -- "C, pour X." credits a judgement, not a beneficiary ----------------------------------------------


def test_a_judgement_ending_on_pour_a_speaker_is_theirs(analyse: Analyse) -> None:
    a = analyse("C'est une erreur de calcul, pour le syndicat.")
    c = claim_with(a, "C'est une erreur de calcul")
    assert c.source is not None and c.source.text == "le syndicat"
    b = analyse("« Tout a été fait pour casser la grève », une façon de faire taire « la colère », pour Léa.")
    c = claim_with(b, "Tout a été fait")
    assert c.source is not None and c.source.text == "Léa"


def test_pour_after_an_action_or_a_bare_phrase_credits_nobody(analyse: Analyse) -> None:
    for text in (
        "Il a acheté un cadeau, pour sa mère.",  # a verb of its own: a beneficiary
        "Une victoire importante, pour les Bleus.",  # nothing marks a judgement
    ):
        assert not _spoken(analyse(text)), text


def test_selon_right_after_its_verb_says_what_a_thing_depends_on_unless_a_source_follows(
    analyse: Analyse,
) -> None:
    for text in ("Le prix du ticket varie selon les horaires.", "Les horaires évoluent selon la météo."):
        assert not _spoken(analyse(text)), text
    credited = {
        "Le chômage a reculé selon l'Insee.": "l'Insee",
        "Le chômage a reculé, selon les syndicats.": "les syndicats",
        "Selon nos informations, le club va déménager.": "nos informations",
    }
    for text, speaker in credited.items():
        assert [c.source.text for c in _spoken(analyse(text)) if c.source] == [speaker], text


def test_a_noun_phrase_opened_by_an_interrogative_is_no_speaker(analyse: Analyse) -> None:
    for text in (
        "Le débat a repris mardi. De quelle réforme parle-t-on au juste ?",
        "Le débat a repris mardi. De quel projet parle-t-on vraiment ?",
    ):
        sources = [c.source.text for c in _spoken(analyse(text)) if c.source]
        assert not any(s.lower().startswith("quel") for s in sources), (text, sources)


def test_a_document_or_a_vague_source_can_be_an_inverted_speaker(analyse: Analyse) -> None:
    # "rapport" is vague in the plural ("des rapports") and a document with "le": both speak
    cases = {
        "Les accidents ont doublé en cinq ans, constate le rapport.": (
            "le rapport",
            "Les accidents ont doublé",
        ),
        "Les prix vont encore monter, estiment des experts.": ("des experts", "Les prix vont encore monter"),
    }
    _speakers_are(analyse, cases)


def test_a_title_the_tagger_reads_as_a_common_noun_is_an_inverted_speaker(analyse: Analyse) -> None:
    # "Télégramme", "Préfecture" capitalised after their determiner name an outlet or a body
    cases = {
        "« Le marché couvert rouvrira en mai », écrit Le Télégramme.": ("Le Télégramme", "Le marché couvert"),
        "La digue a cédé vers minuit, précise la Préfecture.": ("la Préfecture", "La digue a cédé"),
    }
    _speakers_are(analyse, cases)


def test_what_the_speaker_did_next_is_not_part_of_the_report(analyse: Analyse) -> None:
    c = claim_with(
        analyse(
            "La ministre a annoncé que les aides seraient doublées, avant de quitter la salle sous les huées."
        ),
        "les aides seraient doublées",
    )
    assert "quitter" not in c.text, c.text


def test_a_demonstrative_speaks_through_its_relative_clause_only(analyse: Analyse) -> None:
    c = claim_with(
        analyse("Celle qui dirige le chantier affirme que tout sera prêt en juin."), "tout sera prêt"
    )
    assert c.source is not None and c.source.text == "Celle qui dirige le chantier"
    # "celui-ci" stands for a thing as often as for someone: no source
    a = analyse("Le budget a été publié. Celui-ci prévoit que les dépenses baisseront.")
    assert not any(c.source is not None and "Celui" in c.source.text for c in a.claims)


def test_whom_a_verb_speaks_with_or_to_is_no_content(analyse: Analyse) -> None:
    for text in (
        "Le maire a longuement parlé avec les commerçants du marché.",
        "La ministre a répondu aux députés pendant une heure.",
    ):
        assert not _spoken(analyse(text)), text
    cases = {  # a content after the partner, or "à" calling for something, still reports
        "La ministre a répondu aux députés : « Le texte sera revu. »": ("La ministre", "Le texte sera revu"),
        "Le préfet a demandé aux habitants de quitter le quartier.": ("Le préfet", "quitter le quartier"),
        "Les cheminots appellent à la grève reconductible.": ("Les cheminots", "la grève reconductible"),
    }
    _speakers_are(analyse, cases)


# -- an inverted clitic after a quotation makes any verb an incise --------------------------------


def test_any_verb_with_an_inverted_clitic_after_a_quotation_reports(analyse: Analyse) -> None:
    """The incise is a position, not a word list: 'argue-t-il', 'a-t-elle tempêté' report
    whichever verb stands there."""
    for text, speaker in (
        ("« Les organisateurs devront renoncer au défilé », argue-t-il.", "il"),
        ("« Nous sommes prêts à tout », a-t-elle tempêté.", "elle"),
        ("« Et que va-t-il se passer pour les salaires ? », s'inquiète-t-elle.", "elle"),
        ("« Ça a été deux mois compliqués, se remémore-t-il. J'ai été mis en arrêt. »", "il"),
    ):
        spoken = _spoken(analyse(text))
        assert len(spoken) == 1 and spoken[0].source is not None, text
        assert spoken[0].source.text == speaker and spoken[0].cue is not None, text
        assert spoken[0].cue.text not in ("a", "-t"), text  # the verb, not its auxiliary


def test_an_inverted_clitic_away_from_a_quotation_is_no_incise(analyse: Analyse) -> None:
    """Questions, hedges and concessives invert their clitic too: only a quotation just before
    makes the verb an incise."""
    for text in (
        "Viendra-t-il ? Personne ne le sait.",
        "Pourquoi a-t-elle refusé le poste ?",
        "Il est venu, semble-t-il, avec sa femme et ses deux enfants.",
        "« Il faut tout changer », semble-t-il.",  # the writer's hedge after a quotation
        "Le concept de « genre » reste-t-il pertinent pour les petites communes ?",
        "Comment un végétarien peut-il prétendre manger sainement s'il mange du faux poulet ?",
        "Ce modèle reste-t-il pertinent pour les petites communes ?",
        "Les élèves, fussent-ils brillants, échouent parfois à cet examen.",
    ):
        assert not _spoken(analyse(text)), text


def test_what_on_notes_on_a_site_is_not_its_source(analyse: Analyse) -> None:
    """'On note sur ces deux sites X': X is what was noted; only an inverted '-on lire dans X'
    credits the document read."""
    sources = [c.source.text for c in _spoken(analyse("On note sur ces deux sites une photo du maire."))]
    assert not any("sites" in s or "photo" in s for s in sources), sources


def test_on_in_an_incise_credits_the_document_it_read_or_nobody(analyse: Analyse) -> None:
    a = analyse("« Nous fermerons trois écoles », peut-on lire dans le communiqué.")
    c = claim_with(a, "Nous fermerons trois écoles")
    assert c.source is not None and c.source.text == "le communiqué"
    b = analyse("« Nous fermerons trois écoles », murmure-t-on au ministère.")
    assert not _spoken(b)


def test_a_colon_after_a_person_noun_subject_credits_it_whatever_the_verb_tag(analyse: Analyse) -> None:
    """'Le procureur adjoint, X, abonde : « … »' with the verb read as an adjective: the noun of a
    person who opens the clause speaks; 'La séance, longue et tendue : « … »' names nobody."""
    a = analyse(
        "Il a parlé hier. Le procureur adjoint, Loïc Pageot, abonde : « C'est un scénario de violence. »"
    )
    c = claim_with(a, "C'est un scénario de violence")
    assert c.source is not None and c.source.text.startswith("Le procureur adjoint")
    b = analyse("Il a parlé hier. La séance, longue et tendue : « Un vrai marathon. »")
    assert not _spoken(b)


def test_a_foreign_name_the_tagger_cannot_read_is_a_speaker(analyse: Analyse) -> None:
    """'The Boston Globe' tagged word by word as foreign (X): still a name that speaks."""
    a = analyse(
        "Le chantier a pris du retard.\n"
        "“Les retards du chantier sont inacceptables”, souligne The Boston Globe dans son éditorial."
    )
    c = claim_with(a, "Les retards du chantier sont inacceptables")
    assert c.source is not None and c.source.text == "The Boston Globe"


def test_a_wish_with_an_infinitive_is_a_claim_a_wish_with_a_noun_is_not(analyse: Analyse) -> None:
    """gold-v1: wishes are claims ("souhaite que C", "souhaite régler C"); "souhaite la
    bienvenue" is a greeting."""
    a = analyse("Le lycéen a supprimé son message et souhaite désormais régler l'affaire à l'amiable.")
    c = claim_with(a, "régler l'affaire")
    assert c.source is not None and c.source.text == "Le lycéen" and c.status == "speculative"
    assert not _spoken(analyse("Le maire souhaite la bienvenue aux nouveaux habitants du quartier."))


def test_an_incise_inside_a_quotation_makes_its_speaker_the_one_who_goes_on(analyse: Analyse) -> None:
    """'« A, salue X. B. »' then a quotation on its own: X is the quotation's speaker, not a
    speaker quoted inside it, so X goes on speaking."""
    a = analyse(
        "« Le dossier est vide », avait estimé un expert plus tôt.\n"
        "« Bienvenue dans cette soirée électorale, salue sur RTL Paul Durand. Je recevrai tout à "
        "l'heure deux ministres. » Le studio s'anime. « C'est une soirée historique. »"
    )
    c = claim_with(a, "C'est une soirée historique")
    assert c.source is not None and c.source.text == "Paul Durand"


def test_a_markdown_line_break_after_the_colon_keeps_the_introducer(analyse: Analyse) -> None:
    """Pages turned into text often end a line with a backslash (a Markdown hard break): ":\\" is
    still a colon ending the introducer."""
    a = analyse(_INTRODUCED.replace("contre l'équipe:\n", "contre l'équipe :\\\n"))
    c = claim_with(a, "Ça me révolte")
    assert c.source is not None and c.source.text == "Paul Martin"


def test_a_verb_whose_content_would_start_past_its_sentence_reports_nothing_and_never_crashes(
    analyse: Analyse,
) -> None:
    """Inside a quotation of several sentences, a verb whose complement ends its written sentence
    ("… dont elle répond aux besoins du secteur privé. Il est…") has no content there: no claim of
    it, and no reversed span (it raised an IndexError on a real article)."""
    a = analyse(
        "Le ministre lance un avertissement : « La réussite du projet dépendra de la façon dont elle "
        "répond aux besoins du secteur privé. Il est prévu que les règles soient appliquées par les "
        "entreprises. Leur engagement est donc essentiel. »"
    )
    assert all(c.start < c.end for c in a.claims)
    assert not any(c.cue is not None and c.cue.lemma == "répondre" for c in a.claims)


# -- an incise between commas inside the clause it reports -----------------------------------------


def test_an_incise_inside_a_clause_credits_its_inverted_speaker_not_the_noun_before_it(
    analyse: Analyse,
) -> None:
    cases = {
        "Le tramway, affirment les riverains, restera fermé tout l'été.": ("les riverains", "restera fermé"),
        "La hausse des loyers, a expliqué jeudi la préfète de région, tient à la pénurie.": (
            "la préfète de région",
            "tient à la pénurie",
        ),
        "Si le club recrute, c'est surtout, soutient son entraîneur, parce que la saison est longue.": (
            "son entraîneur",
            "la saison est longue",
        ),
    }
    _speakers_are(analyse, cases)


def test_a_reporting_verb_after_an_incise_goes_on_with_the_clause_and_reports_nothing_itself(
    analyse: Analyse,
) -> None:
    # the verb after the incise is the interrupted clause's own: its object is no inverted speaker,
    # and a name quoted inside the subject is no quotation it reports
    cases = {
        "Cette réforme, expliquent les syndicats, révèle le mépris du gouvernement.": (
            "les syndicats",
            "révèle le mépris",
        ),
        "Le « plan vélo », assurent les cyclistes, montre une vraie volonté politique.": (
            "les cyclistes",
            "montre une vraie volonté",
        ),
    }
    for text, (speaker, content) in cases.items():
        spoken = _spoken(analyse(text))
        assert [c.source.text for c in spoken if c.source is not None] == [speaker], text
        assert content in spoken[0].text, (text, spoken[0].text)


def test_a_first_person_verb_between_commas_is_no_incise_of_its_addressee(analyse: Analyse) -> None:
    # "le recteur" is asked and says nothing; the parents ask
    a = analyse("Nous, parents d'élèves, demandons au recteur, Paul Martin, de rouvrir la classe.")
    sources = [c.source.text for c in _spoken(a) if c.source is not None]
    assert sources and not any("Paul Martin" in s or "recteur" in s for s in sources), sources


# -- speakers with no noun of their own, and a date before the speaker ------------------------------


def test_one_of_a_group_or_another_person_after_an_incise_is_the_speaker(analyse: Analyse) -> None:
    cases = {
        "« La grève continuera », a prévenu un autre.": "un autre",
        "« Le chantier a pris trois mois de retard », déplore un des ouvriers.": "un des ouvriers",
        "« Personne ne nous a consultés », a protesté le 3 avril la présidente de l'association.": (
            "la présidente de l'association"
        ),
    }
    for text, speaker in cases.items():
        spoken = _spoken(analyse(text))
        assert spoken and spoken[0].source is not None and spoken[0].source.text == speaker, (text, spoken)


# -- who stands left of the verb: objects, clitics and relative clauses ------------------------------


def test_an_object_between_a_governor_and_its_infinitive_is_who_would_report(analyse: Analyse) -> None:
    # the ministry prevented the soldiers from denouncing: it denounced nothing
    a = analyse("La préfecture aurait empêché des agents de signaler les fraudes du marché.")
    assert not any(c.source is not None and c.source.text == "La préfecture" for c in a.claims)
    # a purpose keeps the subject: he took the floor to tell his detention
    b = analyse("Le détenu a pris la parole pour dénoncer ses conditions de détention.")
    c = claim_with(b, "ses conditions de détention")
    assert c.source is not None and c.source.text == "Le détenu"


def test_an_object_clitic_before_the_verb_is_not_part_of_the_speaker(analyse: Analyse) -> None:
    for text, speaker in (
        ("La voisine m'a expliqué que la boulangerie fermerait en juin.", "La voisine"),
        ("Le guide nous a assuré que le sentier était praticable.", "Le guide"),
        ("Son adjoint, quant à lui, affirme que le budget est tenu.", "Son adjoint, quant à lui"),
    ):
        spoken = _spoken(analyse(text))
        assert spoken and spoken[0].source is not None and spoken[0].source.text == speaker, (text, spoken)


def test_a_relative_clause_before_the_verb_leaves_the_antecedent_as_speaker(analyse: Analyse) -> None:
    a = analyse(
        "Joint par téléphone, un cadre de la mutuelle qui a demandé à garder l'anonymat confirme "
        "la fermeture de l'agence."
    )
    c = claim_with(a, "la fermeture de l'agence")
    assert c.source is not None and c.source.text == "un cadre de la mutuelle", c.source
    # a subordinate clause inside the relative keeps its own subject
    b = analyse(
        "C'est le maire, l'homme qui a rougi quand Paul a prononcé le mot « fraude », qui a porté plainte."
    )
    assert not any(c.source is not None and c.source.text.startswith("l'homme") for c in b.claims)


def test_a_verb_reporting_through_a_relative_needs_a_speaker_not_a_thing(analyse: Analyse) -> None:
    # "présenter" reports in "une analyse que présente X" only when X can speak
    a = analyse(
        "L'historien a longuement parlé de l'île. Avant de vanter les atouts que présentait la position"
        " du pays : « Sans la mer, nous aurions été envahis. »"
    )
    assert not any(c.source is not None and "position" in c.source.text for c in a.claims)
    # nor does a verb inside the quotation that follows govern the infinitive before it
    b = analyse(
        "Le guide a parlé du port. Avant de vanter les avantages que présentait la situation de la"
        " ville : « Sans la mer, nous serions pauvres. »"
    )
    assert all(c.cue is None or c.cue.text for c in b.claims), [c.cue for c in b.claims]
    assert not any(c.source is not None and c.source.text == "nous" for c in b.claims)
    c = claim_with(analyse("C'est une analyse que partage la ministre."), "une analyse")
    assert c.source is not None and c.source.text == "la ministre"


def test_a_relative_clause_before_the_verb_does_not_make_it_an_incise(analyse: Analyse) -> None:
    # "que nous avons lu" is no clause the verb reports: the object after the verb is no speaker
    a = analyse(
        "Le rapport des inspecteurs, publié mardi et que nous avons lu, révèle la vétusté des locaux."
    )
    assert not any(c.source is not None and "vétusté" in c.source.text for c in a.claims)


# -- a negation after the verb, and a subordinate report before the main clause ---------------------


def test_a_negated_infinitive_after_a_verb_of_saying_is_a_denial_not_a_negated_report(
    analyse: Analyse,
) -> None:
    c = claim_with(analyse("Le transporteur dit ne pas être responsable du retard."), "responsable du retard")
    assert c.source is not None and c.source.text == "Le transporteur"
    assert c.text.startswith("ne pas"), c.text  # the negation stays in what was said
    assert c.status == "denied"
    # the report itself negated: the carrier said nothing
    d = analyse("Le transporteur n'a pas dit qu'il était responsable du retard.")
    assert not any(x.source is not None and x.source.text == "Le transporteur" for x in d.claims)


def test_a_report_in_a_subordinate_clause_ends_where_the_main_clause_begins(analyse: Analyse) -> None:
    a = analyse(
        "Si la direction affirme que l'usine restera ouverte, "
        "les ouvriers estiment qu'elle fermera avant l'été."
    )
    c = claim_with(a, "l'usine restera ouverte")
    assert c.source is not None and c.source.text == "la direction"
    assert "ouvriers" not in c.text, c.text
    other = claim_with(a, "fermera avant l'été")
    assert other.source is not None and other.source.text == "les ouvriers", other.source


def test_a_participle_qualifying_a_noun_makes_no_speaker_of_it(analyse: Analyse) -> None:
    # the shortcut is what was noted, not who noted it
    a = analyse("Le débat a tourné court, un raccourci paresseux souvent relevé sur ce blog.")
    assert not any(c.source is not None and "raccourci" in c.source.text for c in a.claims)
    # a finite verb the tagger reads as a participle still reports
    b = analyse("La salle était « pleine à craquer », écrit Le Monde en 2019.")
    assert any(c.source is not None and c.source.text == "Le Monde" for c in b.claims)


def test_a_quotation_opening_the_complement_is_what_was_said_unless_it_gives_a_name(
    analyse: Analyse,
) -> None:
    for text, speaker in (
        ("Le rapporteur a jugé « disproportionnée » la sanction infligée au club.", "Le rapporteur"),
        ("Dénonçant « un scrutin truqué », l'opposante a quitté la salle.", "l'opposante"),
    ):
        spoken = _spoken(analyse(text))
        assert spoken and spoken[0].source is not None and spoken[0].source.text == speaker, (text, spoken)
    # a verb of naming gives a name: nobody claims "pacte vert"
    a = analyse("Le ministre présente ce qu'il appelle « pacte vert » pour les communes.")
    assert not any(c.cue is not None and c.cue.lemma == "appeler" for c in a.claims)


def test_a_negative_subject_reports_nothing(analyse: Analyse) -> None:
    for text in (
        "Personne ne croit que le stade sera prêt à temps.",
        "Aucun ingénieur ne pense que la digue cédera cet hiver.",
        "Nul ne conteste que le viaduc est fragile.",
    ):
        assert not _spoken(analyse(text)), text  # nobody said it, and nobody denied it
    # inside the content, the negative subject is what was said
    c = claim_with(analyse("Le maire croit que personne ne viendra au stade."), "personne ne viendra")
    assert c.source is not None and c.source.text == "Le maire"


def test_whoever_discloses_something_reports_it_and_states_it(analyse: Analyse) -> None:
    """A verb of disclosure reports for a newspaper or a minister as for a report; only a
    document shows, and so confirms. A thing that "reveals" discloses nothing."""
    _speakers_are(
        analyse,
        {
            "Le quotidien La Croix révèle l'existence d'un second rapport.": (
                "Le quotidien La Croix",
                "l'existence d'un second rapport",
            ),
            "Le Figaro dévoile les noms des candidats retenus.": ("Le Figaro", "les noms des candidats"),
        },
    )
    newspaper = claim_with(analyse("Le Figaro dévoile les noms des candidats retenus."), "les noms")
    study = claim_with(analyse("Une étude publiée jeudi révèle une hausse des allergies."), "une hausse")
    assert (newspaper.status, study.status) == ("stated", "confirmed")
    for text in (
        "Cette affaire révèle les failles du système de contrôle.",
        "La Russie montre des signes de fatigue économique.",
    ):
        assert not _spoken(analyse(text)), text


def test_two_agents_of_one_subject_are_two_sources(analyse: Analyse) -> None:
    """'C, confirmé par X, est contesté par Y': X confirms and Y disputes the same C; an
    incise that repeats the speaker of a quotation stays one claim."""
    a = analyse("La mort du chef rebelle, pourtant confirmée par l'armée, est contestée par ses partisans.")
    said = {(c.source.text, c.status) for c in a.claims if c.source is not None and "La mort" in c.text}
    assert said == {("l'armée", "confirmed"), ("ses partisans", "denied")}
    b = analyse("« Le pont tiendra, assure l'ingénieure. Nous l'avons vérifié », insiste-t-elle.")
    assert len([c for c in b.claims if c.source is not None]) == 1


def test_a_participle_of_judging_with_an_attribute_credits_its_agent(analyse: Analyse) -> None:
    """'jugée inacceptable par les syndicats': the unions judge it so ("être jugé par le
    tribunal", with no attribute, is to be tried, and credits nobody)."""
    _speakers_are(
        analyse,
        {
            "La réforme, jugée inacceptable par les syndicats, sera votée jeudi.": (
                "les syndicats",
                "inacceptable",
            ),
            "Le tracé a été jugé irréaliste par plusieurs urbanistes.": (
                "plusieurs urbanistes",
                "irréaliste",
            ),
            "Le décret, considéré comme liberticide par plusieurs ONG, passe en commission.": (
                "plusieurs ONG",
                "comme liberticide",
            ),
            # a quoted attribute (the parser reads it as an object) and one after "de"
            "Ces chiffres, jugés « fantaisistes » par l'opposition, ont déclenché un débat.": (
                "l'opposition",
                "fantaisistes",
            ),
            "Le banquier, qualifié de « voyou » par la presse, a refusé de répondre.": (
                "la presse",
                "voyou",
            ),
        },
    )
    assert not _spoken(analyse("Le maire a été jugé par le tribunal correctionnel de Rennes."))


def test_a_verb_of_calling_reports_only_what_it_calls_for(analyse: Analyse) -> None:
    """'appelle à la grève', 'a appelé les habitants à évacuer' report a call; 'a appelé la
    police' is a telephone call and 'on appelle ça X' a name: neither reports anything."""
    _speakers_are(
        analyse,
        {
            "Le syndicat appelle à la grève jeudi.": ("Le syndicat", "la grève"),
            "Le maire a appelé les habitants à évacuer.": ("Le maire", "évacuer"),
            "Les lycéens appellent à nouveau à des blocus.": ("Les lycéens", "des blocus"),
            "Le préfet a appelé les automobilistes « à la plus grande prudence ».": (
                "Le préfet",
                "la plus grande prudence",
            ),
        },
    )
    for text in (
        "Le voisin a appelé la police vers minuit.",
        "Dans le quartier, on appelle ça le « marché du dimanche ».",
        "Le gardien a appelé les pompiers, qui sont arrivés à trois heures.",
        'L\'économiste a appelé ce phénomène "retour à la normale" dans un livre.',
        "C'est ce que le jargon à la mode appelle la résilience.",
    ):
        assert not _spoken(analyse(text)), text


def test_the_antecedent_of_qui_after_an_incise_is_the_speaker_not_the_verb(analyse: Analyse) -> None:
    """'« C », note le voisin, qui affirme que D': when the tagger reads the incise verb as a
    noun, the antecedent of "qui" is still "le voisin" (a determiner after a noun opens another
    noun phrase), never "note le voisin"."""
    a = analyse(
        "« La porte était déjà ouverte », note le voisin, qui affirme que la police est arrivée tard."
    )
    c = claim_with(a, "la police est arrivée tard")
    assert c.source is not None and c.source.text == "le voisin", c.source


def test_a_setting_between_the_verb_and_a_colon_is_not_the_content(analyse: Analyse) -> None:
    """'affirmait au lendemain de la crue : « C »', 'a expliqué dans un communiqué publié lundi :
    « C »': the phrase before the colon says when or where; the content is what the colon opens."""
    _speakers_are(
        analyse,
        {
            "Le préfet affirmait au lendemain de la crue : « Il faut revoir le système d'alerte. »": (
                "Le préfet",
                "Il faut revoir le système d'alerte",
            ),
            "Le maire a expliqué dans un communiqué publié lundi : « La piscine rouvrira en mai. »": (
                "Le maire",
                "La piscine rouvrira en mai",
            ),
        },
    )
    for text in (
        "Le préfet affirmait au lendemain de la crue : « Il faut revoir le système d'alerte. »",
        "Le maire a expliqué dans un communiqué publié lundi : « La piscine rouvrira en mai. »",
    ):
        (c,) = _spoken(analyse(text))
        assert not c.text.startswith(("de la crue", "dans un communiqué")), c.text
    # an infinitive before the colon is the content's own start, not a setting to skip
    (c,) = _spoken(
        analyse("La mairie a expliqué à la presse avoir fermé le parc : « Les arbres menaçaient. »")
    )
    assert "avoir fermé le parc" in c.text, c.text


def test_an_incise_verb_read_as_a_noun_still_reports_past_a_setting(analyse: Analyse) -> None:
    """'« C », note de son côté le gardien': "note" read as a noun, "de son côté" between it
    and its inverted speaker; the speaker is still "le gardien"."""
    _speakers_are(
        analyse,
        {
            "« Le portail était fermé à clé », note de son côté le gardien.": ("le gardien", "Le portail"),
            "« Personne n'a rien vu », note pour sa part la commerçante.": ("la commerçante", "Personne"),
        },
    )


def test_a_content_keeps_the_negation_before_its_pronoun(analyse: Analyse) -> None:
    """'estime ne rien avoir à se reprocher': the content starts at "ne"; "rien avoir à se
    reprocher" would say the opposite."""
    for text, start in {
        "Mis en cause par un rapport, le directeur estime ne rien avoir à se reprocher.": "ne rien avoir",
        "La sénatrice assure n'avoir jamais reçu ce courrier.": "n'avoir jamais reçu",
    }.items():
        c = claim_with(analyse(text), start.split()[-1])
        assert c.text.startswith(start), (text, c.text)


def test_an_incise_then_a_colon_credits_both_the_clause_and_the_quotation(analyse: Analyse) -> None:
    """'C, a expliqué X : « Q »': X said C and goes on with Q; two claims of one speaker. With
    no clause before the incise ('Bref, résume X : « Q »') the quotation is the one content.
    An agent before the colon gives the quotation too ("une analyse confirmée par X : « Q »")."""
    a = analyse(
        "Il faut d'abord renforcer les digues, a expliqué jeudi le préfet, Marc Olivier : « La mer "
        "gagne du terrain chaque hiver. »"
    )
    first = claim_with(a, "renforcer les digues")
    second = claim_with(a, "La mer gagne du terrain")
    assert first is not second
    assert first.source is not None and second.source is not None
    assert first.source.text == second.source.text == "le préfet"
    (only,) = _spoken(analyse("Bref, résume la chroniqueuse : « Rien ne va plus dans cette maison. »"))
    assert only.text.startswith("Rien ne va plus")
    b = analyse(
        "Le devis a doublé, une hausse confirmée par Paul Roux, du syndicat des artisans : « Les prix "
        "des matériaux ont explosé depuis le printemps. »"
    )
    quoted = claim_with(b, "Les prix des matériaux")
    assert quoted.source is not None and quoted.source.text.startswith("Paul Roux"), quoted.source


def test_a_participle_on_a_noun_with_a_complement_reports_the_whole_noun_phrase(analyse: Analyse) -> None:
    """'la réforme des retraites, dénoncée par X': the parser hangs the participle on the
    complement ("retraites"); what X denounces is the whole phrase, not its complement."""
    a = analyse(
        "La réforme des bourses, dénoncée par plusieurs syndicats comme une attaque contre les "
        "étudiants, entre en vigueur lundi."
    )
    c = claim_with(a, "bourses")
    assert c.source is not None and c.source.text == "plusieurs syndicats"
    assert c.text.startswith("La réforme"), c.text


def test_an_agent_hung_on_the_participles_complement_is_its_source(analyse: Analyse) -> None:
    """'a été accusé de « mensonge » par l'opposition': the parser hangs "par l'opposition" on
    the complement ("mensonge"), not on the participle; the agent is still who accuses."""
    a = analyse("Le directeur a été accusé de « favoritisme » par les syndicats.")
    said = [c for c in a.claims if c.source is not None]
    assert [c.source.text for c in said if c.source is not None] == ["les syndicats"], said


def test_saying_oneself_in_a_state_reports_that_state(analyse: Analyse) -> None:
    """'se dit scandalisé par X', 'se déclare opposé à Y': a verb of saying with a past
    participle its subject declares of itself reports that state, as with an adjective ('se dit
    favorable à')."""
    _speakers_are(
        analyse,
        {
            "La pharmacienne se dit indignée par la fermeture du dispensaire.": (
                "La pharmacienne",
                "indignée par la fermeture",
            ),
            "Le conseil régional se déclare opposé au tracé de la ligne.": (
                "Le conseil régional",
                "opposé au tracé",
            ),
            "L'avocate se dit « totalement sidérée » par le verdict.": ("L'avocate", "sidérée"),
        },
    )


def test_a_speaker_after_a_participial_clause_of_contact_is_the_subject(analyse: Analyse) -> None:
    """'Joint par téléphone, X, ancienne élue, se dit…': the clause in front says how the writer
    reached the speaker; the name after its comma is who speaks, though the parser hangs it on
    the clause's agent."""
    cases = {
        "Joint par téléphone, Marc Lefèvre, ancien directeur du port, affirme que les comptes "
        "étaient faux.": ("Lefèvre", "les comptes étaient faux"),
        "Contacté par nos soins, Paul Vasseur, ancien maire, se dit scandalisé par la vente du terrain.": (
            "Vasseur",
            "scandalisé",
        ),
    }
    for text, (name, content) in cases.items():
        c = claim_with(analyse(text), content)
        assert c.source is not None and name in c.source.text, (text, c.source)
        assert "par" not in c.source.text.split(), c.source


def test_a_clitic_read_as_an_article_still_opens_a_comparison(analyse: Analyse) -> None:
    """'C, comme le rapporte X': the tagger may read the clitic "le" as an article; an article
    straight before a verb determines no noun, and the comparison still credits X with C."""
    a = analyse(
        "Les ventes de voitures ont reculé de 5 % en mars, comme le rapporte le quotidien économique."
    )
    c = claim_with(a, "Les ventes de voitures")
    assert c.source is not None and c.source.text == "le quotidien économique"
    assert "rapporte" not in c.text


def test_a_relative_clause_reports_only_within_itself(analyse: Analyse) -> None:
    """'Les pompiers, qui réclamaient C, ont reçu…': what the relative clause reports ends with
    the clause; the main clause is the writer's."""
    c = claim_with(
        analyse("Les pompiers, qui réclamaient des renforts, ont finalement reçu deux camions."), "renforts"
    )
    assert c.source is not None and c.source.text == "Les pompiers"
    assert "camions" not in c.text


def test_an_object_relative_of_any_verb_of_saying_reports_its_antecedent(analyse: Analyse) -> None:
    """'C : une tendance que dénoncent X': the relative pronoun is what X reports, whatever the
    verb (not only verbs of naming); the sentence stays the writer's own claim as well."""
    a = analyse("Les loyers ont encore augmenté : une tendance que dénoncent les associations de locataires.")
    said = claim_with(a, "une tendance")
    assert said.source is not None and said.source.text == "les associations de locataires"
    assert said.text.startswith("une tendance") and "Les loyers" not in said.text
    told = analyse("Les riverains que la mairie a prévenus hier ont quitté leurs maisons.")
    assert not [c for c in told.claims if c.source is not None]  # whom it told, not what
    assert any(c.source is None and "Les loyers ont encore augmenté" in c.text for c in a.claims)


def test_a_governor_whose_negation_asserts_reports_through_its_infinitive(analyse: Analyse) -> None:
    """'n'hésitent pas à qualifier', 'ne manque pas de rappeler': the negation of a verb of
    restraint says the subject does report ('n'a pas voulu commenter' still reports nothing).
    A participle after a passive clause may be the agent's: nobody is credited rather than the
    wrong one."""
    _speakers_are(
        analyse,
        {
            "Les éleveurs n'hésitent pas à qualifier la décision de « provocation ».": (
                "Les éleveurs",
                "provocation",
            ),
            "L'avocat ne manque pas de rappeler que son client a toujours nié les faits.": (
                "L'avocat",
                "son client a toujours nié",
            ),
        },
    )
    misparsed = analyse(
        "Le syndicat critique la réforme, ne manquant pas de rappeler que les salaires stagnent."
    )
    assert not [c for c in misparsed.claims if c.source is not None and "critique" in c.source.text]
    refused = analyse("L'avocat n'a pas voulu rappeler que son client avait avoué.")
    assert not [c for c in refused.claims if c.source is not None and "avocat" in c.source.text]
    passive = analyse(
        "L'entraîneur est critiqué par les supporters, n'hésitant pas à le traiter d'« incapable »."
    )
    assert not [c for c in passive.claims if c.source is not None and "entraîneur" in c.source.text]


def test_a_verb_of_telling_someone_tells_what_follows_its_object(analyse: Analyse) -> None:
    """'a prévenu les riverains que C': the object of a verb of telling someone is whom it tells,
    what it tells follows ("que", "de"); with nothing after the object it tells nothing written."""
    _speakers_are(
        analyse,
        {
            "Le syndic a prévenu les copropriétaires que l'ascenseur serait arrêté.": (
                "Le syndic",
                "l'ascenseur serait arrêté",
            ),
            "La directrice a informé les parents de la fermeture de la cantine.": (
                "La directrice",
                "la fermeture de la cantine",
            ),
        },
    )
    told = claim_with(
        analyse("Le syndic a prévenu les copropriétaires que l'ascenseur serait arrêté."), "ascenseur"
    )
    assert "copropriétaires" not in told.text
    for text in (
        "Le comptable a pris soin de prévenir la banque avant son départ.",
        "La directrice a prévenu le maire de Lyon hier soir.",  # "de Lyon" is the mayor's
        "L'association a informé les parents des élèves lundi.",
    ):
        nothing = analyse(text)
        assert not [c for c in nothing.claims if c.source is not None], (text, nothing.claims)


def test_a_present_form_of_an_ir_verb_is_no_participle(analyse: Analyse) -> None:
    """'La préfecture avertit d'un risque': the tagger may read "avertit" as a participle and
    "d'un risque" as its agent; an -ir verb's participle never ends in -it, so the subject warns."""
    c = claim_with(analyse("La préfecture avertit d'un risque d'avalanche dans les Alpes."), "avalanche")
    assert c.source is not None and c.source.text == "La préfecture", c.source


def test_qui_reports_for_the_antecedent_it_agrees_with(analyse: Analyse) -> None:
    """'des ouvriers d'une usine en Pologne qui dénonçaient C': a verb in the plural reports for
    the plural noun, not for the country in the singular the parser hung "qui" on; a phrase whose
    first noun agrees stays whole."""
    a = analyse(
        "Le reporter a rencontré des mineurs d'une carrière du groupe en Bolivie qui dénonçaient "
        "des retenues sur salaire."
    )
    c = claim_with(a, "des retenues sur salaire")
    assert c.source is not None and c.source.text == "des mineurs", c.source
    whole = claim_with(
        analyse(
            "Les élus ont reçu des caissières d'un magasin de Brest qui dénonçaient des horaires intenables."
        ),
        "des horaires intenables",
    )
    assert whole.source is not None and whole.source.text == "des caissières d'un magasin de Brest", (
        whole.source
    )
    # the tagger reads "accusent" as singular: the number counts only when the -nt ending agrees
    mistagged = claim_with(
        analyse("Le maire est visé par des habitants qui l'accusent de favoritisme."), "favoritisme"
    )
    assert mistagged.source is not None and mistagged.source.text == "des habitants", mistagged.source


def test_a_relative_coordinated_with_a_participle_keeps_the_subject(analyse: Analyse) -> None:
    """'Le rapport, publié mardi et que X a pu consulter, révèle C': the name inside the relative
    is no speaker; the noun phrase the relative qualifies is."""
    a = analyse(
        "Le bilan de l'audit, achevé lundi et que Le Courrier a pu consulter, révèle de lourdes pertes."
    )
    said = [c for c in a.claims if c.source is not None]
    assert said and all("Courrier" not in c.source.text for c in said if c.source is not None), said
    assert any(c.source is not None and c.source.text == "Le bilan de l'audit" for c in said)


def test_a_document_the_lexicon_does_not_list_shows_by_its_meaning(analyse: Analyse) -> None:
    """'Le récit d'une infirmière révèle C': a verb of evidence reports when a document shows; the
    lexicon's documents are a sample of an open class, and the cue model's document part reads
    "récit" or "procès-verbal" as one by the lemma's meaning. A meeting, which shows no one
    anything, stays no source."""
    shown = claim_with(
        analyse("Le récit d'une infirmière révèle que les soins ont tardé."), "les soins ont tardé"
    )
    assert shown.source is not None and shown.source.text == "Le récit d'une infirmière"
    assert shown.source.kind == "document" and shown.status == "confirmed"
    minutes = claim_with(
        analyse("Le procès-verbal du conseil indique que la maire a voté contre."), "la maire a voté contre"
    )
    assert minutes.source is not None and minutes.source.kind == "document", minutes.source
    for text in (
        "La réunion montre des signes de tension.",
        "Cette hypothèse montre que le virus circulait déjà.",
    ):
        assert not [c for c in analyse(text).claims if c.source is not None], text


def test_a_verb_coordinated_with_the_main_clause_shares_its_subject(analyse: Analyse) -> None:
    """'X défend la police et dément fermement que C': the tagger may read "dément" as the
    adjective; a word of a listed verb after "et" and before "que" is the verb, and it shares
    the main clause's subject."""
    c = claim_with(
        analyse("La directrice défend ses équipes et dément fermement qu'elles aient falsifié les relevés."),
        "falsifié les relevés",
    )
    assert c.source is not None and c.source.text == "La directrice"
    assert c.status == "denied"
    compared = analyse("Le débat fut plus vif et critique que l'an passé.")  # a comparison
    assert not [k for k in compared.claims if k.source is not None]


def test_the_il_of_a_reflexive_verb_is_a_subject_not_an_impersonal(analyse: Analyse) -> None:
    """'il s'est évertué à dire que C': the parser marks this "il" as impersonal, as in "il faut
    rappeler que C"; a reflexive verb that is not impersonal has a real subject."""
    a = analyse("Le chauffeur a été entendu mardi. Mais il s'est évertué à dire qu'il « n'avait rien bu ».")
    c = claim_with(a, "rien bu")
    assert c.source is not None and c.source.text == "il"
    for text in (
        "Il faut rappeler que le chantier a pris deux ans de retard.",
        "Il s'agit de rappeler que la loi interdit ces pratiques.",  # reflexive, and impersonal
    ):
        assert not [k for k in analyse(text).claims if k.source is not None], text


def test_a_sentence_opening_on_et_and_a_verb_goes_on_with_the_speaker_just_before(analyse: Analyse) -> None:
    """'« … », a assuré la ministre. Et critique X.': a sentence of "Et" and a verb with no
    subject goes on with the speaker of the sentence just before; two sentences later, with
    nobody."""
    near = analyse("« Les comptes sont justes », a assuré la trésorière. Et critique vivement les auditeurs.")
    c = claim_with(near, "les auditeurs")
    assert c.source is not None and c.source.text == "la trésorière"
    own = claim_with(
        analyse(
            "« Les comptes sont justes », a assuré la trésorière. Et ajoute Paul Morel que rien ne manque."
        ),
        "rien ne manque",
    )
    assert own.source is not None and own.source.text == "Paul Morel" and own.text == "rien ne manque"
    far = analyse(
        "« Les comptes sont justes », a assuré la trésorière. La séance a été levée. Le vote aura lieu "
        "mardi. Et critique vivement les auditeurs."
    )
    assert not [k for k in far.claims if k.source is not None and "auditeurs" in k.text]


def test_a_quotation_opening_on_the_verb_is_the_subjects_mixed_quotation(analyse: Analyse) -> None:
    """'Le syndicat « appelle les salariés à cesser le travail »': the quotation opens on the verb
    and its subject stands outside it; the subject reports, as it would without the marks. A
    thing as the subject ('le moteur « a lâché deux fois »') reports nothing."""
    _speakers_are(
        analyse,
        {
            "La fédération « appelle tous les licenciés à boycotter le tournoi » dès samedi.": (
                "La fédération",
                "boycotter le tournoi",
            ),
            "La rectrice « regrette vivement que le concours ait été annulé ».": (
                "La rectrice",
                "le concours ait été annulé",
            ),
        },
    )
    for text in (
        "Le vent « annonce la tempête » sur la côte.",  # a thing reports nothing
        "Le maire « dénonce une cabale », raille son opposant.",  # the opponent's words
        "Selon Paul, la direction « reconnaît enfin ses torts ».",  # Paul's
    ):
        a = analyse(text)
        assert not [
            c
            for c in a.claims
            if c.source is not None and c.source.text in ("Le vent", "Le maire", "la direction")
        ], text


def test_a_speaker_named_with_a_quoted_noun_keeps_it(analyse: Analyse) -> None:
    """'« … », rappelait un « zadiste » de Nantes': a quoted noun right after its article is the
    speaker's noun, marks and all, not the end of the phrase."""
    a = analyse("« Nous resterons jusqu'au bout », lançait un « faucheur volontaire » de Rennes.")
    c = claim_with(a, "Nous resterons jusqu'au bout")
    assert c.source is not None and c.source.text == "un « faucheur volontaire » de Rennes", c.source


def test_an_insertion_in_brackets_after_the_verb_is_skipped(analyse: Analyse) -> None:
    """'dénonçait (chez ses rivaux) le culte du chiffre': what is reported follows the bracket,
    as it follows an insertion between commas."""
    c = claim_with(
        analyse("L'éditorialiste dénonçait (chez ses rivaux) le culte du chiffre."), "le culte du chiffre"
    )
    assert c.source is not None and c.source.text == "L'éditorialiste"
    assert c.text == "le culte du chiffre"


def test_the_il_of_a_bare_passive_introducing_a_quotation_is_nobody(analyse: Analyse) -> None:
    """'Concernant la violence, il est simplement notifié :' then a quotation: the "il" of a
    passive with nothing after the participle is impersonal, no speaker; 'il est toujours surpris
    de l'attitude du club :' is someone's."""
    text = (
        "Sur le forum, les modérateurs sont discrets. Concernant les insultes, il est simplement "
        "notifié :\n« Les menaces sont interdites. Les moqueries aussi. »\n"
    )
    assert _source_of(analyse, text, "Les menaces sont interdites") is None
    someone = (
        "Le joueur a été transféré en janvier. Il est toujours surpris de l'attitude du club :\n"
        "« Personne ne m'a prévenu. Je l'ai appris par la presse. »\n"
    )
    assert _source_of(analyse, someone, "Personne ne m'a prévenu") == "Il"


def test_a_quotation_set_as_a_subhead_is_nobodys_next_words(analyse: Analyse) -> None:
    """A short quotation alone on its line with no full stop is a subhead the desk chose for the
    next paragraphs, not the last speaker going on; an answer that ends as a sentence does is."""
    text = (
        "« Le chantier reprendra en mars », a assuré la présidente du syndicat mixte.\n"
        "« Nous ne lâcherons rien »\n"
        "La grève des agents dure depuis trois semaines. Les négociations reprennent lundi.\n"
    )
    assert _source_of(analyse, text, "Nous ne lâcherons rien") is None
    answer = (
        "« Le chantier reprendra en mars », a assuré la présidente du syndicat mixte.\n"
        "« Nous ne lâcherons rien. Les agents ont notre soutien. »\n"
    )
    assert _source_of(analyse, answer, "Nous ne lâcherons rien") == "la présidente du syndicat mixte"


def test_the_middle_voice_of_a_verb_of_saying_reports_nothing(analyse: Analyse) -> None:
    """'Les contours du projet se précisent dans les documents', 'la tendance se confirme': the
    reflexive of a verb of saying with nothing said after it means that something becomes clear;
    'se sont vu « ordonner … »' is a passive: they were told. A reflexive that declares a state
    ('se dit en colère contre X') still reports."""
    for text in (
        "Les détails du plan se précisent dans les courriers échangés lundi.",
        "La hausse des prix se confirme dans les derniers relevés.",
        "Les surveillants se sont vu « interdire de parler aux familles ».",
    ):
        assert not [c for c in analyse(text).claims if c.source is not None], text
    c = claim_with(analyse("La mère de l'élève se dit en colère contre le rectorat."), "en colère")
    assert c.source is not None and c.source.text == "La mère de l'élève"


def test_a_past_participle_without_auxiliary_has_no_active_subject(analyse: Analyse) -> None:
    """'Au procès X, le comptable accusé « de fraude »' (a headline): with no auxiliary, the
    noun before the participle is who is accused, never the accuser."""
    a = analyse("Au procès Dexia, le lanceur d'alerte accusé « de sabotage »")
    assert not [c for c in a.claims if c.source is not None], a.claims


def test_a_copular_introducer_names_who_says_the_quotation_after_its_colon(analyse: Analyse) -> None:
    """'Le médecin interrogé, qui a vingt ans de métier, est formel : « … »': the subject of the
    copula says the quotation, not the speaker of the sentence before."""
    text = (
        "Les vigiles affirment avoir suivi les consignes.\n"
        "Pourtant le pharmacien interrogé, qui a trente ans de métier, est formel : « Personne "
        "n'a appelé les secours. »\n"
    )
    c = claim_with(analyse(text), "Personne n'a appelé les secours")
    assert c.source is not None and "pharmacien" in c.source.text, c.source
    # the parser may lose the subject altogether: the noun phrase opening the clause names her
    lost = text.replace("le pharmacien interrogé", "la pharmacienne interrogée").replace("formel", "formelle")
    c = claim_with(analyse(lost), "Personne n'a appelé les secours")
    assert c.source is not None and c.source.text == "la pharmacienne", c.source


def test_a_word_for_people_with_no_noun_opening_the_clause_is_its_subject(analyse: Analyse) -> None:
    """'D'autres ont ouvertement soutenu X': the parser may read "d'" as a conjunction and
    "autres" as an adjective, leaving the verb with no subject; a word for people with no noun,
    its article aside, right before the verb group, is the subject."""
    c = claim_with(analyse("D'autres ont ouvertement soutenu la directrice."), "la directrice")
    assert c.source is not None and c.source.text == "D'autres" and c.source.kind == "group", c.source
