"""Verb frames: a reporting verb, its speaker and what it reports.

Constructions read here (the lexicon decides which verbs report and how sure):
- subject, verb, content: "X a déclaré que C", "X affirme C", "X a dit : « C »", "X affirme avoir
  vu C" (infinitive), "X a estimé, dans un entretien, que C", "X a indiqué à l'AFP que C";
- inverted, after what it reports: "« C », affirme X", "C, a indiqué à l'AFP X", "C, a-t-il
  ajouté", "« C » explique X" (no comma), "C'est ce qu'affirment X" (C: the sentence before);
- an incise inside a quotation: "« C1, raconte X. C2 »" (C: the whole quotation), or inside the
  clause it reports: "Le texte, affirment les syndicats, sera voté" (C: the whole sentence);
- passive with an agent: "C a été confirmé par X", "Décrits comme C par X";
- coordination and adjuncts sharing the speaker: "X a affirmé C1 et salué C2", "…, ajoutant que
  C", "en soulignant que C", "Craignant que C, X a …";
- relatives: "X, qui a déclaré que C", "les hommes qu'il a qualifiés de « C »", "une analyse que
  partage X";
- comparison: "comme l'a rappelé X, C", "C, comme le montre le rapport";
- "a-t-on appris auprès de X": the source is X, not "on".
A negated cue ("X n'a pas affirmé que C") credits nobody: the article says X did not say it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...lexicon import Lexicon, fold, load_lexicon
from ..sources import PARTITIVES, names_people, speaker_like, surely_thing, trim_tokens
from ..state import DocState, QuoteSpan, text_of
from ..tokens import feats, is_finite
from .core import (
    CLOSING_MARKS,
    OPENING_MARKS,
    Context,
    Frame,
    char_end,
    char_start,
    content_end,
    first_word,
    frame_finder,
    is_inverted_pronoun,
    looks_like_source,
    negative_subject,
    np_left,
    np_right,
    quote_around,
    quote_ending,
    quote_starting,
    skip_insertions,
    with_location,
)


def _lex_of(doc: Doc) -> Lexicon:
    """The language's words (negation, clitics, complementizers…) for a helper handed a parse
    only: language knowledge lives in the data files (lexicon.py), never in lists here."""
    return load_lexicon(doc.lang_)


# a listed verb whose cue probability is below this share of the threshold is read in another
# sense; 0 never doubts the lexicon
VETO = 0.0  # "qu" when the tokenizer splits "qu’«" before a quotation mark


@dataclass
class Cue:
    cls: str
    lemma: str  # the lexicon entry: "affirmer", "se féliciter", "faire valoir"
    start: int  # token range, auxiliaries included ("a confirmé", "s'est félicité")
    end: int
    incise_only: bool
    learned: bool = False  # admitted by the cue model, not listed: its speaker must be one


# A construction that recognised the verb and decided it reports nothing here (a verb inside
# someone's quotation, an agentless passive): later constructions must not read it either.
SKIP = Frame("", "", (0, 0), None, (0, 0), False, construction="skip")


# -- the cue ---------------------------------------------------------------------------------------


_COMPARATIVES = ("plus", "moins", "aussi", "si", "autant")


def _verb_read_as_noun(v: Token) -> bool:
    """A reporting verb the tagger read as something else: 'Un message leur demande de…'
    ('demande' a noun with a subject), 'La Corée du Nord dément toujours l'envoi…' ('dément' an
    adverb) — a capitalised subject before it and an object or 'que' after it."""
    if v.pos_ == "NOUN" and v.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in v.children):
        return True
    if v.pos_ not in ("NOUN", "ADV", "ADJ") or v.i == 0 or v.i + 1 >= len(v.doc):
        return False
    prev, nxt = v.doc[v.i - 1], v.doc[v.i + 1]
    while nxt.pos_ == "ADV" and nxt.i + 1 < len(v.doc):
        nxt = v.doc[nxt.i + 1]
    if fold(prev.text) in ("se", "s'") and v.text.islower():
        return True  # a reflexive clitic stands before a verb only: "…, s'indigne son entourage"
    if (
        fold(prev.text) in ("et", "mais", "puis")
        and v.text.islower()
        and fold(nxt.text) in _lex_of(v.doc).complementizers
    ):
        # "… et dément fermement que C" (the tagger read the verb as the adjective), not a
        # comparison ("plus vif et critique que l'an passé")
        return not any(fold(t.text) in _COMPARATIVES for t in v.doc[max(0, v.i - 5) : v.i])
    if prev.text in (",", *CLOSING_MARKS) and v.text.islower() and nxt.pos_ == "ADP":
        # an incise with a setting before its speaker: "», note de son côté le voisin"
        after = _adjunct_end(v.doc, nxt.i, len(v.doc))
        if after > nxt.i and v.doc[after].pos_ in ("PROPN", "DET"):
            nxt = v.doc[after]
    if prev.text in (",", *CLOSING_MARKS) and v.text.islower() and nxt.pos_ in ("PROPN", "DET"):
        return True  # an incise: "…, raconte Mariika L., une artiste…" (the tagger said ADJ)
    return prev.pos_ == "PROPN" and (nxt.pos_ == "DET" or fold(nxt.text) in _lex_of(v.doc).complementizers)


def _has_reflexive(v: Token, floor: int) -> bool:
    """'se félicite', "s'est félicité", 'ne s'est pas indigné': a reflexive clitic before the verb."""
    j = v.i - 1
    while j >= floor and j >= v.i - 5:
        tok = v.doc[j]
        low = fold(tok.text)
        if low in ("se", "s'", "me", "m'", "te", "t'"):
            return True
        if not (tok.pos_ in ("AUX", "ADV", "PRON") or low in ("ne", "n'", "-t")):
            return False
        j -= 1
    return False


def _follows(v: Token, words: tuple[str, ...], sent: Span, lex: Lexicon) -> int | None:
    """Token index after `words` when they follow the verb ('met notamment en avant')."""
    doc = v.doc
    j = skip_insertions(doc, v.i + 1, sent.end, lex)
    for word in words:
        if j >= sent.end or word not in (fold(doc[j].text), fold(doc[j].lemma_)):
            return None
        j += 1
    return j


def _gerund_form(v: Token) -> bool:
    """'en pronostiquant': 'en' and an -ant form is a gerund, whatever the tagger said."""
    return v.i > 0 and fold(v.doc[v.i - 1].text) == "en" and fold(v.text).endswith("ant") and v.text.islower()


_CUE_WORD: dict[tuple[int, int, int], bool] = {}  # (lexicon, form, lemma) -> could start a cue


def _could_be_cue(v: Token, lex: Lexicon) -> bool:
    """Whether a form could start a cue, memoised on the form and lemma: the hot loop of the
    analyser runs over every token, and almost none reports."""
    key = (id(lex), v.lower, v.lemma)
    known = _CUE_WORD.get(key)
    if known is None:
        candidates = [fold(v.lemma_), *lex.lemma_candidates(fold(v.text))]
        known = _CUE_WORD[key] = any(lex.is_cue_word(c) for c in candidates)
    return known


def read_cue(v: Token, sent: Span, lex: Lexicon, st: DocState | None = None) -> Cue | None:
    """The cue a verb starts, if it reports: the lexicon's entry (which gives its class), or a
    verb the cue model scored as reporting (class "say": an unknown cue only says). The model may
    also doubt a listed verb used in another sense ("les termes évoquent des choses")."""
    if fold(v.lemma_) in lex.speculative_verbs and _clitic_after(v, lex) is not None:
        return None  # "semble-t-il", "paraît-il": the writer's hedge (a status mark), no report
    score = st.cue_scores.get(v.i) if st is not None else None
    learned = score is not None and st is not None and score >= st.cue_threshold
    if not _could_be_cue(v, lex):
        if _inverted_incise(v, lex, st):
            # "« … », argue-t-il", "a-t-il martelé": whatever the verb, the position reports;
            # "peut-on lire": the cue runs to the infinitive
            clitic = _clitic_after(v, lex)
            end = clitic + 1 if clitic is not None else v.i + 1
            if (
                clitic is not None
                and end < sent.end
                and v.doc[end].pos_ == "VERB"
                and _infinitive(v.doc[end])
            ):
                return Cue("say", fold(v.doc[end].lemma_), cue_start(v), end + 1, True, learned=True)
            return Cue("say", fold(v.lemma_), cue_start(v), v.i + 1, True, learned=True)
        if not learned or v.pos_ != "VERB":
            return None  # most tokens: no entry starts with this word
        return Cue("say", fold(v.lemma_), cue_start(v), v.i + 1, False, learned=True)
    if score is not None and st is not None and score < st.cue_threshold * VETO:
        return None
    lemma = fold(v.lemma_)
    candidates = [lemma, *lex.lemma_candidates(fold(v.text))]
    if (
        v.pos_ != "VERB"
        and not _verb_read_as_noun(v)
        and not _gerund_form(v)
        and not _inverted_incise(v, lex, st)
    ):
        return None
    for cand in candidates:
        for words in lex.not_cues.get(cand, ()):
            if _follows(v, words, sent, lex) is not None:
                return None  # "accuser réception", "poursuivre en justice"
    for cand in candidates:
        for table, incise in ((lex.verb_class, False), (lex.incise_class, True)):
            for words, entry in lex.multiword.get(cand, []):
                if entry in table:
                    after = _follows(v, words, sent, lex)
                    if after is not None:
                        return Cue(table[entry], entry, cue_start(v), after, incise)
            pronominal = lex.reflexive.get(cand)
            if pronominal is not None and pronominal in table and _has_reflexive(v, sent.start):
                return Cue(table[pronominal], pronominal, cue_start(v), v.i + 1, incise)
            if cand in table:
                return Cue(table[cand], cand, cue_start(v), v.i + 1, incise)
    if learned:
        return Cue("say", lemma, cue_start(v), v.i + 1, False, learned=True)
    return None


def _asks(clitic: Token, sent: Span, ctx: Context) -> bool:
    """Whether an inverted clitic outside any quotation belongs to a question (a "?" after it,
    outside quotations): "savaient-ils que … ?" asks, nobody reports."""
    if quote_around(ctx.st.quotes, clitic.idx) is not None:
        return False
    return _question_from(clitic.i, sent, ctx.st.quotes)


def _question_from(i: int, sent: Span, quotes: list[QuoteSpan]) -> bool:
    """Whether a "?" outside quotations follows token i in its sentence."""
    return any(t.text == "?" and quote_around(quotes, t.idx) is None for t in sent.doc[i : sent.end])


def _clitic_after(v: Token, lex: Lexicon) -> int | None:
    """The index of the subject clitic right after a verb ("argue-t-il", "dit-elle"), if any."""
    doc = v.doc
    k = v.i + 1
    if k < len(doc) and doc[k].text == "-t":
        k += 1
    return k if k < len(doc) and is_inverted_pronoun(doc[k], lex) else None


def _inverted_incise(v: Token, lex: Lexicon, st: DocState | None) -> bool:
    """A verb with its subject clitic after it ("argue-t-il", "a-t-elle martelé") right after a
    closing quotation mark (and its comma): the incise of a report, whatever the verb (an open
    class no list closes). A question ("Viendra-t-il ?") has no quotation before its verb."""
    doc = v.doc
    if not v.text.islower() or v.pos_ not in ("VERB", "ADJ", "NOUN", "AUX"):
        return False
    k = _clitic_after(v, lex)
    if k is not None:
        if v.pos_ == "AUX" and k + 1 < len(doc) and doc[k + 1].is_alpha and doc[k + 1].text.islower():
            return False  # "a-t-il martelé": the participle is the cue, not its auxiliary
        start = v.i  # "argue-t-il"
    else:
        j = v.i - 1  # "a-t-il martelé": the auxiliary before the clitic
        if j < 1 or not is_inverted_pronoun(doc[j], lex):
            return False
        j -= 1
        if j >= 1 and doc[j].text == "-t":
            j -= 1
        participle = "Part" in feats(v, "VerbForm") or fold(v.text).endswith(("é", "ée", "i", "u", "t", "s"))
        if doc[j].pos_ != "AUX" or not participle:
            return False
        start = j
    if start > 0 and fold(doc[start - 1].text) in ("se", "s'"):
        start -= 1  # "s'inquiète-t-elle"
    # right after a quotation ("« … », argue-t-il"), or inside one after a comma ("« C, se
    # souvient-il. D »"): after a mere comma, "semble-t-il" or "fussent-ils sociologues" are no
    # reports
    quotes = st.quotes if st is not None else []
    k = start - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
        placed = quote_around(quotes, v.idx) is not None or (k >= 0 and doc[k].text in CLOSING_MARKS)
    else:
        placed = k >= 0 and doc[k].text in CLOSING_MARKS
    # checked last, as the only scan beyond the verb: "« … » reste-t-il pertinent ?" asks
    return placed and not _question_from(v.i, v.sent, quotes)


def cue_start(v: Token) -> int:
    """Start the cue at its auxiliary when adjacent ("a confirmé", "a récemment confirmé")."""
    start = v.i
    auxes = [c for c in v.lefts if c.dep_.startswith("aux")]
    if auxes:
        first = min(a.i for a in auxes)
        between = v.doc[first + 1 : v.i]
        if all(t.pos_ in ("ADV", "AUX") and not t.text.startswith("-") for t in between):
            start = first
    return start


def _infinitive(v: Token) -> bool:
    """'question de relever le seuil', 'pourrait dire': an infinitive reports nothing yet."""
    return "Inf" in feats(v, "VerbForm")


def _adjectival(v: Token, lex: Lexicon) -> bool:
    """'de manière répétée', 'une alliance décrite comme…': a participle used as an adjective.
    With a marked agent it reports; with an unmarked "par X", only when it judges its noun
    ("le texte, considéré comme liberticide par plusieurs ONG"): "officialisée par des ventes"
    is no one's report."""
    return (
        v.dep_ in ("acl", "amod")
        and "Part" in feats(v, "VerbForm")
        and "Past" in feats(v, "Tense")
        and not misread_participle(v)
        and not any(c.dep_ == "obl:agent" for c in v.children)
        and not (_attribute(v, lex) is not None and _agents(v))
    )


def _by_par(c: Token) -> bool:
    return any(k.dep_ == "case" and fold(k.text) == "par" for k in c.children)


def _agents(v: Token) -> list[Token]:
    """A participle's agents: "par X" ("décrits comme des X par leur entourage", "considéré
    comme liberticide par plusieurs ONG"), whatever the parser called the phrase, or hung on
    the participle's own complement ("qualifié de « désastre » par l'opposition"); "comme des X"
    is an attribute, not an agent. Marked agents first."""
    found = [c for c in v.children if c.dep_ == "obl:agent" or (c.dep_.startswith("obl") and _by_par(c))]
    if not found:  # on the complement right after the participle, before any other phrase
        found = [
            k
            for c in v.children
            if v.i < c.i <= v.i + 4 and c.dep_ in ("obl:arg", "obl", "xcomp")
            for k in c.children
            if k.dep_ in ("nmod", "obl", "obl:mod")
            and _by_par(k)
            and k.right_edge.i == c.right_edge.i  # the last phrase of the complement
            and k.left_edge.i - c.i <= 3  # right after its head: "de « désastre » par X"
        ]
    found = [a for a in found if not any(fold(k.text) == "comme" for k in a.children)]
    return sorted(found, key=lambda a: (not _by_par(a), a.i))


def misread_participle(v: Token) -> bool:
    """A present form the tagger read as a past participle ("Marc Durand, président de
    l'association, salue « … »", "La préfecture avertit d'un risque"): an -er verb's participle
    ends in -é(e)(s), never in -e; an -ir verb's never in -it (averti, ouvert, tenu)."""
    lemma, form = fold(v.lemma_), fold(v.text)
    if lemma.endswith("ir") and form.endswith("it"):
        return True
    return lemma.endswith("er") and not form.endswith(("é", "ée", "és", "ées"))


def _present_participle(v: Token) -> bool:
    return ("Part" in feats(v, "VerbForm") and "Pres" in feats(v, "Tense")) or _gerund_form(v)


def _negated(v: Token, cue: Cue, lex: Lexicon) -> bool:
    """'n'a pas affirmé', 'ne dément jamais': a negation of the reporting verb itself ('ne … que'
    alone restricts and does not negate)."""
    doc = v.doc
    window = [fold(t.text) for t in doc[max(0, cue.start - 2) : min(len(doc), v.i + 4)]]
    if any(a in ("pas", "non") and b == "moins" for a, b in zip(window, window[1:], strict=False)):
        return False  # "n'en insiste pas moins": a litotes affirms
    before = {fold(t.text) for t in doc[max(0, cue.start - 2) : v.i]}
    if not before & lex.negation_particles:
        return False  # "dit ne pas être …": a negation after the verb belongs to its infinitive
    if set(window) & lex.strong_negations:
        return True
    return negative_subject(v, lex)  # "Personne ne croit que C": the subject is the negation


# -- the speaker -------------------------------------------------------------------------------------


def _subject(v: Token, sent: Span, ctx: Context, start: int) -> tuple[int, int] | None:
    """The speaker on the left of the verb, an inverted clitic, or the antecedent of 'qui'."""
    doc, lex = ctx.doc, ctx.lex
    for tok in doc[max(sent.start, start - 3) : min(v.i + 3, sent.end)]:
        if is_inverted_pronoun(tok, lex) and not _asks(tok, sent, ctx):
            return (tok.i, tok.i + 1)  # "a-t-il ajouté"; "Quelle urgence avait-elle à…?" asks
    # the parser may hang the subject on an auxiliary that adverbs keep apart from its
    # participle ("L'équipe a donc à nouveau annoncé"): the auxiliary's subject is the verb's
    auxiliaries = [a for a in v.children if a.dep_.startswith("aux")]
    if _participle_under_auxiliary(v):
        auxiliaries.append(v.head)  # "X a donc de nouveau annoncé": the auxiliary read as the verb
    dependents = [*v.children, *(g for a in auxiliaries for g in a.children)]
    subjects = [
        c
        for c in dependents
        if c.dep_ in ("nsubj", "expl:subj")
        and fold(c.text) not in ("qui", "que", "qu'")
        # a phrase under a preposition is no subject ("devant un tweet … Ryan Cohen répondait")
        and not any(k.dep_ == "case" and fold(k.text) not in ("de", "d'", "du", "des") for k in c.children)
    ]
    left = [s for s in subjects if s.i < v.i]
    marks = [c.i for c in v.children if c.dep_ == "mark" and c.i < v.i]
    if marks and any(s.i > max(marks) for s in left):
        # "l'homme qui a rougi quand Paul a prononcé le mot": the subject of a subordinate verb
        # follows its conjunction, whatever else the parser hung on it
        left = [s for s in left if s.i > max(marks)]
    if len(left) > 1:
        near = max(s.i for s in left)
        first_subject = min(s.i for s in left)
        relative = any(
            "Rel" in feats(t, "PronType") or fold(t.text) in ("qui", "dont") for t in doc[first_subject:near]
        )  # "Celui qui sera bientôt le chef … considère": the clause between is a relative
        if (
            not relative
            and not any(c.dep_ == "case" for c in doc[near].children)
            and _clause_between(doc, first_subject, near)
        ):
            # "…que la réforme est juste, les syndicats la jugent": a clause between two
            # 'subjects' the parser hung on one verb; its own is the nearer one
            left = [s for s in left if s.i == near]
    if left:
        first = min(s.i for s in left)
        begin = max(min(s.left_edge.i for s in left), _clause_start(doc, first, sent.start))
        end = max(s.right_edge.i for s in left) + 1
        # "Celui qui sera élu estime…": the relative is all that names the speaker
        named_by_relative = any(fold(s.text) in ctx.lex.demonstratives for s in left)
        if not named_by_relative:
            for s in left:
                for c in s.rights:
                    parenthetical = (
                        c.dep_ == "acl" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
                    )
                    if (c.dep_ == "acl:relcl" or parenthetical) and c.i > s.i:
                        end = min(end, c.left_edge.i)  # "Le ministre, cité par l'agence Belga, a…"
        end = min(end, start)
        while (
            end > begin + 1
            and doc[end - 1].pos_ == "PRON"
            and fold(doc[end - 1].text) in ctx.lex.object_clitics
            and doc[end - 2].pos_ != "ADP"  # "quant à lui": a stressed pronoun, the subject's own
        ):
            end -= 1  # "La dame m'a expliqué": the clitic is the verb's object
        begin = _after_embedded_clause(doc, begin, end)
        antecedent = _relative_around(v, begin)
        if antecedent is not None:
            return antecedent
        if named_by_relative:
            return (begin, end)
        for t in doc[begin:end]:  # "Luis Montenegro, un avocat … qui a refusé …": not the relative
            if t.i > first and ("Rel" in feats(t, "PronType") or fold(t.text) in ("qui", "dont")):
                end = t.i
                break
        return (begin, end)
    rel = [c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass") and fold(c.text) == "qui"]
    if rel and rel[0].i > sent.start:
        # the antecedent is the noun phrase right before "qui" ("…, mais aussi de protéger le
        # gouvernement, qui craignait": the government), whatever the parser hung it on
        end = rel[0].i
        while end > sent.start and doc[end - 1].text == ",":
            end -= 1
        if end > sent.start and doc[end - 1].text == ")":  # "L'article (archivé ici), qui …"
            opening = next((t.i for t in reversed(doc[sent.start : end - 1]) if t.text == "("), None)
            if opening is not None:
                end = opening
        begin = end
        # a determiner right after a noun opens another noun phrase: "», note le voisin, qui…"
        # (an incise verb the tagger read as a noun) names "le voisin", not "note le voisin"
        while (
            begin > sent.start
            and not (doc[begin].pos_ == "DET" and doc[begin - 1].pos_ == "NOUN")
            and (
                doc[begin - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
                or (doc[begin - 1].pos_ == "X" and doc[begin - 1].text[:1].isupper())
                or (doc[begin - 1].pos_ == "ADP" and fold(doc[begin - 1].text) in ("de", "d'", "du", "des"))
                or (
                    doc[begin - 1].text in (".", "-")
                    and begin - 1 > sent.start
                    and doc[begin - 2].pos_ == "PROPN"
                )
            )
        ):
            begin -= 1
        while begin < end and doc[begin].pos_ in ("ADP", "ADJ") and doc[begin].pos_ != "DET":
            begin += 1
        if begin > sent.start and doc[begin - 1].pos_ == "ADP":
            # "en raison d'un projet qui…": the noun of a prepositional locution is no antecedent
            de = [t.i for t in doc[begin:end] if fold(t.text) in ("de", "d'", "du", "des")]
            if de and de[0] + 1 < end:
                begin = de[0] + 1 if fold(doc[de[0]].text) in ("de", "d'") else de[0]
        if begin < end and any(t.pos_ in ("NOUN", "PROPN", "X") for t in doc[begin:end]):
            return _agreeing_antecedent(v, doc, begin, end, sent.start)
    return _after_relative_clause(v, sent)


def _number(v: Token) -> str | None:
    """The grammatical number a finite verb (or its finite auxiliary) shows, when the tagger and
    the ending agree (a third person plural ends in -nt; the tagger read "accusent" as singular)."""
    for t in (v, *(a for a in v.children if a.dep_.startswith("aux"))):
        if is_finite(t) and feats(t, "Number") and "3" in feats(t, "Person"):
            number = feats(t, "Number")[0]
            plural_form = fold(t.text).endswith("nt")
            return number if (number == "Plur") == plural_form else None
    return None


def _noun_number(t: Token) -> str | None:
    """A noun's number; a name the tagger gave none is singular after a singular article
    ("au Cameroun", "du Brésil"), unknown otherwise ("les Pays-Bas", a bare name)."""
    if feats(t, "Number"):
        return feats(t, "Number")[0]
    if t.pos_ == "PROPN" and t.i > 0 and fold(t.doc[t.i - 1].text) in ("au", "du", "le", "la", "l'"):
        return "Sing"
    return None


def _agreeing_antecedent(v: Token, doc: Doc, begin: int, end: int, floor: int) -> tuple[int, int] | None:
    """'des ouvriers d'une usine en Pologne qui dénonçaient C': "qui" agrees with its antecedent,
    and a verb in the plural does not report for a country in the singular. The phrase stands
    when its first noun agrees ("des employés d'un entrepôt de Lyon"); else the nearest noun
    before "qui" that agrees is the antecedent ("des ouvriers"); none agreeing is no speaker."""
    number = _number(v)
    nouns = [t for t in doc[begin:end] if t.pos_ in ("NOUN", "PROPN") and _noun_number(t)]
    if number is None or not nouns or number in (_noun_number(nouns[-1]), _noun_number(nouns[0])):
        return (begin, end)
    k = end - 1
    while k >= max(floor, begin - 12) and (
        k >= begin or (doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP") and doc[k].text != ",")
    ):
        if doc[k].pos_ == "NOUN" and feats(doc[k], "Number") == [number]:
            start = k
            while start > floor and doc[start - 1].pos_ in ("DET", "NUM", "ADJ"):
                start -= 1
            stop = k + 1
            while stop < end and doc[stop].pos_ == "ADJ":
                stop += 1
            return (start, stop)
        k -= 1
    return None


def _relative_around(v: Token, begin: int) -> tuple[int, int] | None:
    """'Un employé qui a souhaité protéger son anonymat confirme C': the parser hung the main verb
    under the relative clause and read the relative's object as its subject; the speaker is the
    relative's antecedent (unless a comma makes the verb an incise: "…qui l'a reçu, assure-t-il")."""
    doc = v.doc
    if v.dep_ not in ("advcl", "xcomp", "ccomp", "dep", "parataxis", "conj") or _subordinated(v):
        return None  # "…qui a rougi quand Paul a prononcé le mot": a clause of its own, with its subject
    if doc[begin].pos_ == "PRON":
        return None  # "…dont elle regrette les choix": the pronoun is the relative's own subject
    for anc in v.ancestors:
        if anc.dep_ != "acl:relcl" or anc.i > v.i:
            continue
        rel_start, noun = anc.left_edge.i, anc.head
        if rel_start >= begin or noun.pos_ not in ("NOUN", "PROPN") or noun.i >= rel_start:
            return None
        if any(t.is_punct for t in doc[rel_start : v.i]):
            return None
        return (noun.left_edge.i, rel_start) if noun.left_edge.i < rel_start else None
    return None


def _after_relative_clause(v: Token, sent: Span) -> tuple[int, int] | None:
    """'L'agent de la mairie qui nous a reçus assure que C': the parser may hang the main verb on
    the relative clause it follows; its subject is then the relative's antecedent."""
    relcl = v.head
    if relcl.i == v.i or relcl.dep_ != "acl:relcl" or v.i < relcl.i or not is_finite(v):
        return None
    if any(c.dep_.startswith("nsubj") for c in v.children) or v.dep_ not in ("xcomp", "conj", "dep", "ccomp"):
        return None
    if any(t.text == "," or t.is_punct for t in v.doc[relcl.right_edge.i : v.i]):
        return None  # '…qui nous a reçus, assure-t-elle': an incise, not the main verb
    noun, rel_start = relcl.head, relcl.left_edge.i
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i >= rel_start:
        return None
    begin = max(noun.left_edge.i, sent.start)
    return (begin, rel_start) if begin < rel_start else None


def _participle_under_auxiliary(v: Token) -> bool:
    """A past participle the parser hung as a complement of its own auxiliary, a finite verb a
    few adverbs before it: the two are one verb group."""
    head = v.head
    if v.dep_ != "xcomp" or "Part" not in feats(v, "VerbForm") or "Past" not in feats(v, "Tense"):
        return False
    if not is_finite(head) or not 0 < v.i - head.i <= 5:
        return False
    return all(t.pos_ in ("ADV", "ADP", "ADJ") for t in v.doc[head.i + 1 : v.i])


def _after_embedded_clause(doc: Doc, start: int, end: int) -> int:
    """A subject never holds a finite verb of its own: when the parser swallowed one ("que ces
    affirmations sont des rumeurs, des vidéos montrent"), keep what follows the last break."""
    finite = [
        t.i for t in doc[start:end] if is_finite(t) and t.dep_ != "acl:relcl" and t.head.dep_ != "acl:relcl"
    ]
    if not finite:
        return start
    complementizers = _lex_of(doc).complementizers
    for j in range(end - 1, finite[-1], -1):
        tok = doc[j]
        if tok.text in (",", ";") or fold(tok.text) in complementizers:
            return j + 1
    return start


def _clause_start(doc: Doc, head: int, floor: int) -> int:
    """First token after the last clause break (comma, que, conjunction) before a subject head."""
    j = head
    complementizers = _lex_of(doc).complementizers
    while j > floor:
        prev = doc[j - 1]
        if prev.text in (",", ";", ":") or prev.pos_ == "SCONJ" or fold(prev.text) in complementizers:
            break
        j -= 1
    return j


def _governing_subject(v: Token, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """Speaker of a participle, gerund or coordinated verb: the subject of the clause it hangs on
    ("…, ajoutant que", "en soulignant que", "Craignant que C, les avocats ont…", "a dit … et
    salué …")."""
    head = v.head
    if v.dep_ == "conj" and not any(c.dep_ == "cc" for c in v.children) and _in_subordinate(head, v):
        # "Le rapport, publié mardi et que Le Parisien a pu consulter, révèle…": no conjunction
        # joins the verb to a clause opened by "que"; the parser made it one, the sentence did not
        return None
    for _ in range(3):
        if head.i == v.i or head.i < sent.start or head.i >= sent.end:
            return None
        if any(fold(c.text) == "qui" and c.dep_.startswith("nsubj") for c in head.children):
            return None  # "…les soldats qui choisissent de se rendre, promettant…": not the relative's
        if head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            found = _subject(head, sent, ctx, cue_start(head))
            if found is not None and _quoted_apart(ctx, v.idx, ctx.doc[found[0]].idx):
                return None  # "« … Il ne peut pas … », s'indigne X, en assurant": not the quoted "Il"
            if found is not None:
                return found
        if head.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or head.head.i == head.i:
            return None
        head = head.head
    return None


def _in_subordinate(t: Token, v: Token) -> bool:
    """Whether t lies in a clause a subordinating conjunction opens, up to v's level ("et que Le
    Parisien a pu consulter")."""
    for _ in range(4):
        if _subordinated(t):
            return True
        if t.head.i == t.i or t.head.i == v.i or t.dep_ not in ("xcomp", "conj", "ccomp"):
            return False
        t = t.head
    return False


def _quoted_apart(ctx: Context, a: int, b: int) -> bool:
    """Whether two characters lie in different quotations (or one in a quotation, one outside):
    words quoted speak for the quotation's speaker, never for the writer's sentence around it."""
    return quote_around(ctx.st.quotes, a) != quote_around(ctx.st.quotes, b)


def _speaker_after(v_end: int, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """The speaker of an inverted verb: after adverbs, a time ("samedi") and an addressee or
    channel ("à l'AFP", "dans un communiqué"), a noun phrase."""
    doc, lex = ctx.doc, ctx.lex
    k = skip_insertions(doc, v_end, sent.end, lex)
    for _ in range(6):
        if k >= sent.end:
            return None
        tok = doc[k]
        low = fold(tok.text)
        if (
            tok.pos_ == "DET"
            and k + 2 < sent.end
            and _date_number(doc[k + 1])
            and fold(doc[k + 2].text) in lex.report_time_words
        ):
            k += 2  # "a déclaré le 12 mars le ministre": a date, then the speaker
            continue
        if low in lex.report_time_words or _date_number(tok) or tok.text == "," or tok.pos_ == "ADV":
            k += 1  # "se félicite alors, auprès du ministère, Didier Jaffre"
            continue
        if tok.pos_ == "ADP" and (low in ctx.lex.addressee_prepositions or low in ("du", "des", "de", "d'")):
            end = _pp_end(tok, sent)
            nxt = doc[end] if end < sent.end else None
            if end > k + 1 and nxt is not None and nxt.pos_ in ("DET", "PROPN", "NOUN"):
                k = end
                continue
        if tok.pos_ == "ADP":
            end = _adjunct_end(doc, k, sent.end)
            if end > k + 1 and doc[end].pos_ == "DET":
                k = end  # "ironise d'ailleurs à un moment le présentateur"
                continue
        break
    if k < sent.end and doc[k].pos_ == "ADV":
        k += 1
    if k >= sent.end or is_inverted_pronoun(doc[k], lex):
        return None
    tok = doc[k]
    # the tagger reads unknown first names as X ("Joshua L. Zarka"); "un des joueurs", "l'une
    # d'elles": a pronoun with the group it is taken from
    partitive = tok.pos_ == "PRON" and k + 2 < sent.end and fold(doc[k + 1].text) in ("des", "de", "d'")
    if not (
        tok.pos_ in ("DET", "PROPN", "NOUN") or (tok.pos_ == "X" and tok.text[:1].isupper()) or partitive
    ):
        return None
    end = with_location(doc, k, np_right(doc, k, sent.end), sent.end, lex)
    while end > k + 1 and fold(doc[end - 1].text) in lex.report_time_words:
        end -= 1  # "comme l'a révélé Le Parisien mardi": when, not who
    if not any(t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "X" and t.text[:1].isupper()) for t in doc[k:end]):
        if not (end > k + 1 and speaker_like(doc, k, end, lex, ctx.st)):
            return None  # "…, a écrit un autre": a determiner and a word for people, and no noun
    if not looks_like_source(doc[k:end], ctx):
        return None  # "…, demande le retrait de sa signature": an object, not a speaker
    return (k, end)


def _date_number(tok: Token) -> bool:
    """'a déclaré le 12 …': a number of a date, not 'un' of "un autre" or "un des joueurs"."""
    return tok.like_num and tok.pos_ not in ("DET", "PRON")


def _adjunct_end(doc: Doc, k: int, end: int) -> int:
    """End of an adjunct opened by the preposition at k in an incise ('de son côté', 'à un
    moment', 'en plateau', 'à l'époque au Monde'): it runs over nouns, adjectives, adverbs and
    their prepositions, and stops at a determiner right after a noun, which opens a new noun
    phrase (the inverted speaker); k itself when no such boundary comes."""
    j = k
    for _ in range(10):
        if j >= end:
            return k
        tok = doc[j]
        if tok.pos_ == "DET" and j > k and doc[j - 1].pos_ in ("NOUN", "PROPN", "ADV", "ADJ"):
            return j
        if tok.pos_ not in ("ADP", "DET", "NOUN", "PROPN", "ADJ", "ADV") or tok.text == ",":
            return k
        j += 1
    return k


def _pp_end(adp: Token, sent: Span) -> int:
    """End of a prepositional phrase: its noun and what modifies it, without an apposition the
    parser hung on it ("à l'AFP Patrick Meiffren": the PP is "à l'AFP")."""
    obj = adp.head if adp.head.i > adp.i else None
    if obj is None or obj.i >= sent.end:
        return np_right(adp.doc, adp.i + 1, sent.end)
    end = obj.i + 1
    for c in obj.rights:
        if c.dep_ in ("appos", "acl", "acl:relcl", "punct", "conj", "cc"):
            break
        end = c.right_edge.i + 1
    return min(end, sent.end)


def _from_source(
    v: Token, source: tuple[int, int] | None, ctx: Context, sent: Span
) -> tuple[int, int] | None:
    """'a-t-on appris auprès de la préfecture': 'on' is the newsroom, the source follows 'auprès de'."""
    doc = ctx.doc
    if source is not None and fold(doc[source[0]].text).split("-")[-1] != "on":
        return source
    for i in range(v.i + 1, sent.end):
        for phrase in ctx.lex.prepositions_from:
            words = phrase.split()
            if all(i + n < sent.end and fold(doc[i + n].text) == w for n, w in enumerate(words)):
                start = i + len(words)
                end = np_right(doc, start, sent.end)
                if end > start:
                    return (start, end)
    # "« … », peut-on lire dans le communiqué": the document read is the source, for an inverted
    # "-on" only ("On note sur ces deux sites X": X is what was noted, not who)
    if source is None or not doc[source[0]].text.startswith("-"):
        return source
    for i in range(v.i + 1, sent.end):
        if fold(doc[i].text) in ctx.lex.prepositions_read and i + 1 < sent.end:
            end = np_right(doc, i + 1, sent.end)
            nouns = [t for t in doc[i + 1 : end] if t.pos_ == "NOUN"]
            if nouns and ctx.lex.source_kind_of_noun(fold(nouns[0].lemma_)) == "document":
                return (i + 1, end)
    return source


# -- the content -----------------------------------------------------------------------------------


def _skip_time(doc: Doc, j: int, end: int, lex: Lexicon) -> int:
    """'a annoncé mardi l'arrestation', 'a indiqué ce mercredi que', 'lundi 1er janvier': the time
    of the report, not what is reported."""
    k = j
    while k < end:
        tok = doc[k]
        low = fold(tok.text)
        nxt = fold(doc[k + 1].text) if k + 1 < end else ""
        manner = next(
            (
                p
                for p in lex.report_manner_phrases
                if p[0] == low and tuple(fold(t.text) for t in doc[k : k + len(p)]) == p
            ),
            None,
        )
        if manner is not None:
            k += len(manner)  # "a nié de manière répétée l'envoi"
        elif low in lex.report_time_words and tok.pos_ != "DET":
            k += 1
        elif (tok.pos_ in ("DET", "ADP") or tok.like_num) and nxt in lex.report_time_words:
            k += 2  # "ce mercredi", "1 janvier", "en novembre"
        else:
            break
    if k > j and k < end and doc[k].text == ",":
        k += 1
    return k


def _skip_adjuncts(doc: Doc, j: int, end: int) -> int:
    """'a estimé, dans un entretien, que', 'a déclaré aux journalistes que': step over an
    addressee or setting between the verb and its 'que'."""
    lex = _lex_of(doc)
    k = j + 1 if j < end and doc[j].text == "," else j
    if k < end and doc[k].text in OPENING_MARKS:
        # a quoted manner adverb: 'avait démenti « catégoriquement » que'
        close = next((t.i for t in doc[k + 1 : min(end, k + 5)] if t.text in CLOSING_MARKS), None)
        if (
            close is not None
            and close > k + 1
            and all(t.pos_ == "ADV" for t in doc[k + 1 : close])
            and close + 1 < end
            and fold(doc[close + 1].text) in lex.complementizers
        ):
            return close + 1
    if k < end and doc[k].pos_ == "ADP" and fold(doc[k].text) in lex.addressee_prepositions:
        stop = k + 1
        while (
            stop < end
            and doc[stop].text not in (",", ":")
            and fold(doc[stop].text) not in lex.complementizers
        ):
            stop += 1
            if stop - k > 12:
                return j
        if stop < end and doc[stop].text == ":" and not any(_setting_ends(t, lex) for t in doc[k + 1 : stop]):
            return stop  # 'a déclaré devant la presse : « … »' ('a expliqué à Libé avoir …' : no)
        if stop < end and doc[stop].text == ",":
            stop += 1
        if stop < end and fold(doc[stop].text) in lex.complementizers:
            return stop
    if k < end and doc[k].pos_ == "ADP":
        # 'affirmait au lendemain de la crue : « … »': a setting up to a colon, which opens the
        # content (no clause of its own in between)
        for stop in range(k + 1, min(end, k + 13)):
            t = doc[stop]
            if t.text == ":":
                return stop
            if t.text in (",", ";") or t.text in OPENING_MARKS or _setting_ends(t, lex):
                break
    return j


def _setting_ends(t: Token, lex: Lexicon) -> bool:
    """Where a setting between a verb and a colon cannot run on: a finite verb or an infinitive
    (a clause, or the content, of its own: 'a expliqué à Libé avoir retiré…'), a complementizer,
    or a determiner right after a noun, which opens the verb's object ('déclare par exemple la
    chose suivante :', 'disait avec feu ce vers :')."""
    if is_finite(t) or (t.pos_ in ("VERB", "AUX") and "Inf" in feats(t, "VerbForm")):
        return True
    if fold(t.text) in lex.complementizers:
        return True
    return t.pos_ == "DET" and t.i > 0 and t.doc[t.i - 1].pos_ == "NOUN"


def _skip_parenthetical(doc: Doc, j: int, end: int) -> int:
    """'avait dénoncé, une fois encore, ces liens': a short insertion between commas, no verb;
    'dénonçait (chez les autres) le journalisme': one in brackets."""
    if j < end and doc[j].text == "(":
        close = next((k for k in range(j + 1, min(end, j + 12)) if doc[k].text == ")"), None)
        return close + 1 if close is not None and close + 1 < end else j
    if j >= end or doc[j].text != ",":
        return j
    complementizers = _lex_of(doc).complementizers
    for k in range(j + 1, min(end, j + 8)):
        if doc[k].text == ",":
            return k + 1 if k + 1 < end else j
        if (
            doc[k].pos_ in ("VERB", "AUX")
            or fold(doc[k].text) in complementizers
            or doc[k].text in OPENING_MARKS
        ):
            return j
    return j


def _forward(v: Token, cue: Cue, sent: Span, ctx: Context) -> tuple[tuple[int, int], bool] | None:
    """The content of a verb with its speaker on the left (`_forward_span`), never empty or
    reversed: when the written sentence ends before anything the content could start with ("…
    dont elle répond aux besoins du secteur. Il est…" inside a quotation: the adjuncts skipped
    reach the full stop), the verb reports nothing in its sentence."""
    found = _forward_span(v, cue, sent, ctx)
    if found is None:
        return None
    (start, end), _ = found
    return found if end > start else None


def _forward_span(v: Token, cue: Cue, sent: Span, ctx: Context) -> tuple[tuple[int, int], bool] | None:
    """Where the content of a verb with its speaker on the left begins: after 'que', a colon, an
    opening quotation mark, an infinitive or an object; (char range, forward)."""
    doc, lex, quotes = ctx.doc, ctx.lex, ctx.st.quotes
    j = skip_insertions(doc, cue.end, sent.end, lex)
    j = _skip_adjuncts(doc, j, sent.end)
    j = _skip_parenthetical(doc, j, sent.end)
    j = _skip_time(doc, j, sent.end, lex)
    if j >= sent.end:
        return None
    nxt = doc[j]
    end_char = min(content_end(sent), _sentence_stop(doc, cue.end, sent))
    partner = _partner_end(nxt, sent, ctx)
    if partner is not None:
        # "a parlé avec les riverains", "a répondu aux journalistes": whom one speaks to is no
        # content; a colon or a quotation after it may still give one
        if partner >= sent.end or not (doc[partner].text == ":" or doc[partner].text in OPENING_MARKS):
            return None
        j, nxt = partner, doc[partner]
    low = fold(nxt.text)
    if nxt.text in OPENING_MARKS and j + 1 < sent.end and fold(doc[j + 1].text) in ctx.lex.complementizers:
        j, low = j + 1, fold(doc[j + 1].text)  # 'ont montré « qu'une activation …'
    if low in ctx.lex.complementizers and j + 1 < sent.end:
        if doc[j + 1].text in ("’", "'") and j + 2 < sent.end:
            j += 1
        return (char_start(doc, j + 1), _quoted_clause_end(doc, j + 1, sent, ctx, end_char)), True
    required = lex.requires_complement.get(cue.lemma)
    if required == "que":
        return None
    if nxt.text == ":" and j + 1 >= sent.end:
        # "Bref, résume la chroniqueuse :" and the quotation as the next paragraph
        after = quotation_after(ctx, sent)
        return ((after.inner_start, after.inner_end), False) if after is not None else None
    if nxt.text == ":" and j + 1 < sent.end:
        q = quote_starting(quotes, doc[j + 1].idx)
        if q is not None and q.end <= sent.end_char + 1 and q.inner_end >= end_char - 2:
            return (q.inner_start, q.inner_end), False
        return (char_start(doc, j + 1), end_char), True
    if nxt.text in OPENING_MARKS:
        q = quote_starting(quotes, nxt.idx, slack=0)
        if q is not None and q.inner_end >= end_char - 2:
            return (q.inner_start, q.inner_end), False
        k = j + 1  # past clitics and negation: « ne rien regretter », « se dire surpris »
        while k < sent.end and doc[k].pos_ in ("ADV", "PRON", "PART") and doc[k].text not in CLOSING_MARKS:
            k += 1
        inner = doc[k] if k < sent.end else None
        named = inner is not None and inner.pos_ in ("NOUN", "DET") and cue.lemma in lex.naming_verbs
        if (
            q is not None
            and inner is not None
            and not named
            and (
                (inner.pos_ in ("VERB", "AUX") and (_infinitive(inner) or _state_participle(inner, v)))
                or inner.pos_ in ("ADJ", "NOUN", "DET")
            )
        ):
            # a quotation opening the complement, the sentence going on after it: 'déclarait
            # « ne rien regretter » de cette période', 'juge « excessif » le moratoire' are mixed
            # quotes from the mark on; 'appelle « communisme primitif »' gives a name
            return (nxt.idx, end_char), True
    if nxt.pos_ in ("VERB", "AUX") and "Inf" in feats(nxt, "VerbForm"):
        if required == "clause" and any(c.dep_ == "aux:tense" for c in v.children):
            # "ont souhaité répondre à la question": a wish in the past tense is an act done,
            # "souhaite régler l'affaire" one still held
            return None
        return (_negation_before(doc, cue.end, j), end_char), True  # 'affirme avoir vu', 'dit être'
    if (
        low in ("de", "d'")
        and j + 1 < sent.end
        and doc[j + 1].pos_ in ("VERB", "AUX")
        and "Inf" in feats(doc[j + 1], "VerbForm")
    ):
        return (doc[j + 1].idx, end_char), True  # 'a promis de revenir'
    if required == "clause":
        return None  # "souhaite régler l'affaire" is a wish; "souhaite la bienvenue" is not
    if required == "addressee" and low not in ("de", "d'", "du", "des"):  # ("PwC" read as ADP)
        return _told_after_addressee(doc, j, sent, ctx, end_char)
    if required == "call" and not _calls_for(v, lex, quotes):
        return None  # "a appelé la police": a call made, nothing called for
    if _state_participle(nxt, v):
        return (nxt.idx, end_char), True  # 'se dit scandalisé par la décision', 'se déclare opposé à'
    if not nxt.is_punct and nxt.pos_ in ("DET", "NOUN", "PROPN", "ADP", "NUM", "PRON", "ADJ", "ADV"):
        # from a negation the adverbs skipped: 'estime ne rien avoir à se reprocher' (never 'rien
        # avoir…', which says the opposite)
        return (_negation_before(doc, cue.end, j), end_char), True
    return None


def _told_after_addressee(
    doc: Doc, j: int, sent: Span, ctx: Context, end_char: int
) -> tuple[tuple[int, int], bool] | None:
    """'a prévenu les riverains que C', 'a averti les élus de ne pas voter', 'a informé les
    salariés de la fermeture': what a verb of telling someone tells follows its object; with
    nothing after it ("a prévenu la direction avant son départ") it tells nothing written."""
    for k in range(j + 1, sent.end):
        tok = doc[k]
        low = fold(tok.text)
        if low in ctx.lex.complementizers and k + 1 < sent.end:
            return (char_start(doc, k + 1), _quoted_clause_end(doc, k + 1, sent, ctx, end_char)), True
        if low in ("de", "d'", "du", "des") and k + 1 < sent.end:
            if _infinitive_after(doc, k, sent) or _told_noun(doc, k, sent, ctx):
                return (tok.idx if low in ("du", "des") else doc[k + 1].idx, end_char), True
            return None
        if tok.is_punct or is_finite(tok) or tok.pos_ in ("ADP", "VERB", "AUX"):
            return None
    return None


def _infinitive_after(doc: Doc, k: int, sent: Span) -> bool:
    """'de ne pas ouvrir': an infinitive after "de", past a negation."""
    j = k + 1
    while j < sent.end and (doc[j].pos_ == "ADV" or fold(doc[j].text) in ("ne", "n'")):
        j += 1
    return j < sent.end and _infinitive(doc[j])


def _told_noun(doc: Doc, k: int, sent: Span, ctx: Context) -> bool:
    """Whether the noun after "de" is what is told ("a informé les parents de la fermeture")
    rather than the object's own complement ("le maire de Lyon", "le ministre de l'Intérieur",
    "les parents des élèves"): a common noun, in lower case, that names no people."""
    noun = next((t for t in doc[k + 1 : min(sent.end, k + 5)] if t.pos_ in ("NOUN", "PROPN")), None)
    return (
        noun is not None
        and noun.pos_ == "NOUN"
        and noun.text[:1].islower()
        and not names_people(noun, ctx.lex)
    )


def _state_participle(t: Token, v: Token) -> bool:
    """A past participle the verb of saying attributes to its own subject, a state of mind it
    declares ('se dit scandalisé', 'se déclare opposé', 'se dit « profondément choquée »'): its
    complement, as an adjective would be ('se dit favorable à')."""
    return (
        t.pos_ == "VERB"
        and t.head.i == v.i
        and "Part" in feats(t, "VerbForm")
        and "Past" in feats(t, "Tense")
        and any(c.dep_.startswith("expl") or fold(c.text) in ("se", "s'") for c in v.children)
    )


def _calls_for(v: Token, lex: Lexicon, quotes: list[QuoteSpan]) -> bool:
    """Whether a verb of calling names what it calls for: a phrase or an infinitive marked by a
    call preposition, on the verb ("appelle à la grève") or on its object ("appelle les habitants
    à évacuer", "ses adhérents à la grève")."""
    return any(
        t.i > v.i  # "ce que le langage à la mode appelle X": the subject's own
        and t.dep_ in ("case", "mark")
        and fold(t.text) in lex.call_prepositions
        and _in_clause_of(t, v)
        and not any(c.dep_ == "fixed" for c in t.children)  # "à nouveau" calls for nothing
        # 'a appelé ce phénomène "retour à la moyenne"' gives a name; '« à la prudence »' calls
        and not (_quoted_after(quotes, v, t) and v.doc[t.i - 1].text not in OPENING_MARKS)
        for t in v.subtree
    )


def _quoted_after(quotes: list[QuoteSpan], v: Token, t: Token) -> bool:
    """Whether token t lies in a quotation that opens after the verb."""
    q = quote_around(quotes, t.idx)
    return q is not None and q.start > v.idx


def _in_clause_of(t: Token, v: Token) -> bool:
    """Whether a preposition's phrase belongs to the verb's own clause: between the phrase's head
    (a noun, or the infinitive called for) and the verb stands no other verb ("a appelé la
    police, qui est arrivée à minuit": "à minuit" is the relative's)."""
    head = t.head
    if head.i == v.i:
        return True
    head = head.head
    while head.i != v.i:
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            return False
        head = head.head
    return True


def _partner_end(prep: Token, sent: Span, ctx: Context) -> int | None:
    """Where a complement naming whom the verb speaks with or to ends, when the content would
    open with one ("avec les riverains", "aux journalistes"). "à" names a partner only before
    someone who speaks: "appelle à la grève" calls for something."""
    lex, doc = ctx.lex, ctx.doc
    word = fold(prep.text)
    if prep.pos_ != "ADP" or word not in lex.partner_prepositions:
        return None
    end = np_right(doc, prep.i + 1, sent.end)
    noun = prep.head
    if prep.dep_ == "case" and noun.i > prep.i:
        end = min(end, noun.right_edge.i + 1)  # "reproche à X ses larmes": X alone
    if end <= prep.i + 1:
        return None
    # the noun itself, not one in its complement: "au procès de X" is a place, not a partner
    noun_end = next((t.i for t in doc[prep.i + 1 : end] if fold(t.text) in lex.genitive), end)
    if word in lex.partner_if_speaker and not speaker_like(doc, prep.i + 1, noun_end, lex, ctx.st):
        return None
    while end < sent.end and doc[end].is_space:
        end += 1
    if end < sent.end:
        after = doc[end]
        # what follows must not be the content's own start: "a demandé aux élus de partir", "a
        # expliqué à Libé avoir…", "demande au témoin si…", "parlé aux riverains de la fermeture"
        if not (after.is_punct or (after.pos_ == "ADP" and fold(after.text) not in lex.genitive)):
            return None
        opens_content = ctx.lex.complementizers | ctx.lex.question_subordinators
        if any(_infinitive(t) or fold(t.text) in opens_content for t in doc[end : sent.end]):
            return None  # "a demandé aux membres présents sur place de quitter…", "au recteur, X, de…"
    return end


def _negation_before(doc: Doc, start: int, j: int) -> int:
    """Char where an infinitive content starts: at its negation when one stands between the verb
    and the infinitive ('dit ne pas être': the content is 'ne pas être …', never 'être …')."""
    particles = _lex_of(doc).negation_particles
    neg = next((t for t in doc[start:j] if fold(t.text) in particles), None)
    return neg.idx if neg is not None else doc[j].idx


def _sentence_stop(doc: Doc, k: int, sent: Span) -> int:
    """Where the written sentence holding token k ends: the segmenter keeps a quotation of several
    sentences in one span, but "Ils écrivent que C. Y a-t-il eu … ?" reports only C."""
    for t in doc[k : sent.end - 1]:
        if t.text in (".", "!", "?", "…") and doc[t.i + 1].text[:1].isupper() and t.i > k:
            return char_end(doc, t.i - 1)
    return sent.end_char


def _quoted_clause_end(doc: Doc, k: int, sent: Span, ctx: Context, end_char: int) -> int:
    """A que-clause that is a quotation ends with it when a clause of its own subject follows
    ("ont jugé que « C », d'autres ont défendu…"): the parser often hangs that clause on the
    quoted verb, and the report would swallow what another speaker does."""
    if doc[k].text not in OPENING_MARKS:
        return end_char
    q = quote_starting(ctx.st.quotes, doc[k].idx, slack=0)
    if q is None or q.end >= end_char:
        return end_char
    after = [t for t in doc[sent.start : sent.end] if t.idx >= q.end and not t.is_space]
    if len(after) < 3 or after[0].text != ",":
        return end_char
    for t in after[1:]:
        own_subject = t.dep_.startswith("nsubj") and t.head.i > t.i and t.head.idx >= q.end
        if own_subject and "Rel" not in feats(t, "PronType"):
            return q.end
        if t.pos_ in ("VERB", "AUX") or t.text in OPENING_MARKS:
            break
    return end_char


def quotation_after(ctx: Context, sent: Span) -> QuoteSpan | None:
    """The quotation that opens the next paragraph, when the sentence ends the paragraph on a
    colon (a block quotation, "> « … »" in a page turned into text)."""
    text = ctx.st.text
    lead = text[sent.start_char : sent.end_char].rstrip().rstrip("\\").rstrip()  # "…:\" (see below)
    if not lead.endswith(":"):
        return None
    colon = sent.start_char + len(lead)
    for q in ctx.st.quotes:
        if q.start >= colon:
            between = text[colon : q.start]
            # a backslash ending a line is a Markdown line break left by the page's converter
            return q if "\n" in between and not between.strip(" \t\n>\\") else None
    return None


def _colon_quotation(v: Token, cue: Cue, sent: Span, ctx: Context) -> bool:
    """'X poursuit : « … »': a colon right after the verb group, then a quotation."""
    doc = ctx.doc
    j = skip_insertions(doc, cue.end, sent.end, ctx.lex)
    if j >= sent.end or doc[j].text != ":":
        return False
    if j + 1 >= sent.end:
        return quotation_after(ctx, sent) is not None
    return quote_starting(ctx.st.quotes, doc[j + 1].idx) is not None


def _noun_phrase_after(cue: Cue, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """The noun phrase right after a verb group ("résume la chroniqueuse")."""
    doc = ctx.doc
    k = skip_insertions(doc, cue.end, sent.end, ctx.lex)
    if k >= sent.end or doc[k].pos_ not in ("DET", "PROPN", "NOUN"):
        return None
    end = np_right(doc, k, sent.end)
    return (k, end) if end > k else None


def _quotation_after_speaker(source: tuple[int, int], sent: Span, ctx: Context) -> tuple[int, int] | None:
    """An inverted speaker followed by a colon and a quotation (in the sentence, or as the next
    paragraph): that quotation is what the speaker says."""
    doc = ctx.doc
    k = source[1]
    if k >= sent.end or doc[k].text != ":":
        return None
    if k + 1 >= sent.end or all(t.is_space for t in doc[k + 1 : sent.end]):
        q = quotation_after(ctx, sent)
    else:
        q = quote_starting(ctx.st.quotes, doc[k + 1].idx)
    return (q.inner_start, q.inner_end) if q is not None else None


def _clause_before(sent: Span, before: Token, cue: Cue, ctx: Context) -> bool:
    """Whether an incise follows a clause of its own ("C, a expliqué X : « Q »"): C is what the
    incise reports, and the quotation after the colon is the speaker's next words (the chain
    credits it), not a replacement for C ("Bref, résume X : « Q »" has no clause before)."""
    span = _backward(sent, before, cue, ctx)
    if span is None:
        return False
    inside = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return inside is not None and any(is_finite(t) for t in inside)


def _backward(sent: Span, before: Token, cue: Cue, ctx: Context) -> tuple[int, int] | None:
    """Content of an inverted verb: the quotation or the clause before it."""
    doc, quotes = ctx.doc, ctx.st.quotes
    s = sent.start
    while s < cue.start and (doc[s].is_space or doc[s].is_punct and doc[s].text not in OPENING_MARKS):
        s += 1
    q = quote_ending(quotes, before.idx + (1 if before.text == "," else 0), slack=3)
    if q is not None and q.start >= sent.start_char:
        lead = ctx.st.text[sent.start_char : q.start].strip()
        if not lead or lead.endswith((":", ".", "!", "?")):
            # the quotation is all of it, or follows a label or a sentence the segmenter left in
            # ("… d'Alexandre T. « C », finit par…": an initial is no sentence end to it)
            return (q.inner_start, q.inner_end)
    if s < before.i:
        return (char_start(doc, s), char_end(doc, before.i - 1) if before.text == "," else before.idx)
    return None


def _previous_sentence(sent: Span) -> tuple[int, int] | None:
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    s, e = prev.start, prev.end
    while s < e and (doc[s].is_space or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_space or doc[e - 1].text in (".", "!", "?", "…")):
        e -= 1
    if e <= s:
        return None
    return (doc[s].idx, char_end(doc, e - 1))


# -- the finder --------------------------------------------------------------------------------------


@frame_finder
def verb_frames(sent: Span, ctx: Context) -> list[Frame]:
    doc, lex = ctx.doc, ctx.lex
    out: list[Frame] = []
    for v in sent:
        cue = read_cue(v, sent, lex, ctx.st)
        if cue is None or _infinitive(v) or _adjectival(v, lex) or _middle_voice(v, cue, sent, ctx):
            continue
        if _negated(v, cue, lex):
            # "X n'a pas affirmé que C": X is not the source of C; kept only as a mark on the
            # sentence ("n'a pas confirmé" leaves C unconfirmed)
            out.append(
                Frame(
                    cue.cls,
                    cue.lemma,
                    (cue.start, cue.end),
                    None,
                    (sent.start_char, sent.end_char),
                    False,
                    negated=True,
                    construction="negated",
                    verb=v.i,
                )
            )
            continue
        frame = (
            _incise_in_quote(v, cue, sent, ctx)
            or _passive(v, cue, sent, ctx)
            or _comparison(v, cue, sent, ctx)
            or _relative_object(v, cue, sent, ctx)
            or _active(v, cue, sent, ctx)
        )
        if frame is None or frame is SKIP:
            continue
        frame.conditional = any("Cnd" in feats(t, "Mood") for t in doc[cue.start : v.i + 1])
        frame.verb = v.i
        frame.uncertain = cue.learned
        out.append(frame)
    return out


def passive_reflexive(v: Token, lex: Lexicon, floor: int) -> bool:
    """'se sont vu « ordonner … »', 's'est fait traiter de': a reflexive that makes a passive of
    what follows; its subject is the one told."""
    return fold(v.lemma_) in lex.passive_reflexives and _has_reflexive(v, floor)


def _middle_voice(v: Token, cue: Cue, sent: Span, ctx: Context) -> bool:
    """'Les circonstances se précisent dans les auditions', 'la tendance se confirme': the
    reflexive of a verb of saying (not a pronominal entry of the lexicon, such as "s'indigner")
    with nothing said after it; or a reflexive passive ('se sont vu « ordonner … »')."""
    lex = ctx.lex
    if cue.lemma.startswith(("se ", "s'")) or not _has_reflexive(v, sent.start):
        return False
    if passive_reflexive(v, lex, sent.start):
        return True
    doc = v.doc
    before = _before_verb_group(v, cue, sent, ctx)
    if _clitic_after(v, lex) is not None or (
        before >= sent.start and (doc[before].text == "," or doc[before].text in CLOSING_MARKS)
    ):
        return False  # an incise ("», s'inquiète-t-elle", "…, se félicite le maire"): said before
    j = skip_insertions(doc, cue.end, sent.end, lex)
    if j >= sent.end or (doc[j].is_punct and doc[j].text not in (":", *OPENING_MARKS)):
        return True
    return doc[j].pos_ == "ADP" and fold(doc[j].text) not in lex.reflexive_content_prepositions


def _before_verb_group(v: Token, cue: Cue, sent: Span, ctx: Context) -> int:
    """Index of the token before the whole verb group ("a-t-il ainsi", "s'est", "ne … pas")."""
    doc = ctx.doc
    k = cue.start
    while k > sent.start and (
        doc[k - 1].pos_ in ("AUX", "ADV")
        or doc[k - 1].text == "-t"
        or is_inverted_pronoun(doc[k - 1], ctx.lex)
        or (
            fold(doc[k - 1].text) in ctx.lex.object_clitics
            # the tagger may read the clitic as an article ("comme le rapporte X"); an article
            # straight before a verb determines no noun
            and (doc[k - 1].pos_ == "PRON" or (doc[k - 1].pos_ == "DET" and doc[k].pos_ in ("VERB", "AUX")))
            and doc[k - 1].i < v.i
        )
    ):
        k -= 1
    return k - 1


def _nested_speaker(v: Token, q: QuoteSpan, ctx: Context) -> bool:
    """A report inside a quotation, by someone the quoted speaker names ("« La dame m'a
    expliqué que l'aide n'existait plus »"): a subject of the third person, inside the
    quotation, a person. "Je pense que", "nous dénonçons" are the quoted speaker's own."""
    doc = ctx.doc
    for c in v.children:
        if c.dep_ != "nsubj" or c.i > v.i or not (q.inner_start <= c.idx < q.inner_end):
            continue
        if fold(c.text) in ctx.lex.quoted_self or fold(c.text) in (
            "qui",
            "que",
            "qu'",
            "ce",
            "c'",
            "cela",
            "ça",
        ):
            return False
        if fold(c.text) in ctx.lex.pronoun_kinds:
            return True  # "il m'a dit que"
        if ctx.st.entity_in(doc[c.left_edge.i].idx, c.idx + len(c.text), ("person",)):
            return True
        # people only: a document the speaker cites ("« Le rapport confirme que… »") is the
        # speaker's evidence, not a second source
        return c.pos_ == "NOUN" and names_people(c, ctx.lex)
    return False


def _writers_own_clause(v: Token, q: QuoteSpan, sent: Span, ctx: Context) -> bool:
    """Whether the verb a quotation opens on is the writer's main clause: not reported by
    someone else ("Selon Paul, la direction « reconnaît … »", "Le maire « dénonce … », raille
    son opposant", "Les salariés disent que leur patron « annonce … »")."""
    doc = ctx.doc
    if v.head.i != v.i and not (v.dep_ == "conj" and v.head.head.i == v.head.i):
        return False
    prefix = " " + fold(text_of(doc)[sent.start_char : q.start]).replace("’", "'") + " "
    if any(f" {p} " in prefix for p in (*ctx.lex.prepositions_anywhere, *ctx.lex.prepositions_initial)):
        return False  # the lexicon's phrases are folded
    after = [t for t in sent if t.idx >= q.end]
    return not any(
        t.text == "," and any(is_finite(u) for u in after[k + 1 : k + 4]) for k, t in enumerate(after)
    )


def _incise_in_quote(v: Token, cue: Cue, sent: Span, ctx: Context) -> Frame | None:
    """'« Nous avons fermé la route, précise la capitaine L. Restez chez vous. »'"""
    q = quote_around(ctx.st.quotes, v.idx)
    if q is None:
        return None
    doc = ctx.doc
    b = _before_verb_group(v, cue, sent, ctx)
    if (
        b >= sent.start
        and doc[b].idx == q.start
        and not cue.incise_only
        and _writers_own_clause(v, q, sent, ctx)
        and any(
            c.dep_ == "nsubj" and c.i < b and speaker_like(doc, c.left_edge.i, c.i + 1, ctx.lex, ctx.st)
            for c in v.children
        )
    ):
        # 'Le syndicat « appelle les salariés à cesser le travail »': the quotation opens on the
        # verb, its subject stands outside; the writer quotes the subject's own words for what it
        # does (a mixed quotation), read as the active verb it is
        return None
    if b < sent.start or doc[b].text not in (",", "—", "–"):
        return None if _nested_speaker(v, q, ctx) else SKIP
    inner = sent.end
    while inner > v.i and doc[inner - 1].idx >= q.end - 1:
        inner -= 1
    speaker = _subject(v, sent, ctx, cue.start)
    if speaker is None or speaker[0] < cue.start:
        speaker = _speaker_after(cue.end, doc[sent.start : inner], ctx)
    if speaker is None:
        return SKIP
    return Frame(
        cue.cls,
        cue.lemma,
        (cue.start, cue.end),
        speaker,
        (q.inner_start, q.inner_end),
        False,
        construction="incise-in-quote",
    )


def _passive(v: Token, cue: Cue, sent: Span, ctx: Context) -> Frame | None:
    """'a été confirmée par des responsables', 'Décrits comme « passionnés » par leur entourage'."""
    doc = ctx.doc
    agents = _agents(v)
    attribute = _attribute(v, ctx.lex)
    is_passive = any(c.dep_ == "aux:pass" for c in v.children)
    bare_participle = (
        "Part" in feats(v, "VerbForm")
        and "Past" in feats(v, "Tense")
        and not any(c.dep_.startswith("aux") for c in v.children)
        # a "participle" with an active subject is a finite verb the tagger misread ("Le
        # pompier conclut par une précision"): its "par" phrase is no agent
        and not any(c.dep_ == "nsubj" and c.i < v.i for c in v.children)
        and not misread_participle(v)
    )
    if not is_passive and not (bare_participle and agents):
        return None
    if (cue.lemma in ctx.lex.no_passive and attribute is None) or cue.incise_only:
        # "être jugé par la Cour": tried, not judged to be ("jugé exagéré par X" is: X judges);
        # "les fédérations interrogées par l'institut": asked, not asking (an incise-only verb
        # reports in an incise alone)
        return SKIP
    if not agents:
        return SKIP  # "est signalé" with no agent credits nobody
    agent = agents[0]
    start, end = agent.left_edge.i, agent.right_edge.i + 1
    for c in agent.rights:
        if c.dep_ in ("acl:relcl", "acl", "appos") or c.pos_ == "ADP":
            end = min(end, c.left_edge.i)
    while start < end and fold(doc[start].text) == "par":
        start += 1
    end = min(end, np_right(doc, start, end))
    while end > start + 1 and fold(doc[end - 1].text) in ctx.lex.report_time_words:
        end -= 1  # "annoncée par le syndicat mardi": when, not who
    subjects = [c for c in v.children if c.dep_ in ("nsubj:pass", "nsubj") and fold(c.text) not in ("qui",)]
    if attribute is not None and cue.end <= attribute.left_edge.i and attribute.i < agent.i:
        # "la réforme, jugée inacceptable par les syndicats", "a été jugé irréaliste par X":
        # what they say of it is the attribute
        c_start, c_end = cue.end, agent.left_edge.i
    elif subjects:
        subj = subjects[0]
        c_start, c_end = subj.left_edge.i, subj.i + 1
        for c in subj.rights:
            if c.dep_ not in ("acl:relcl", "punct"):
                c_end = max(c_end, c.right_edge.i + 1)
            else:
                break
    elif is_passive:
        c_start, c_end = sent.start, cue.start
    elif v.dep_ in ("acl", "amod") and v.head.pos_ in ("NOUN", "PROPN", "PRON") and v.head.i < v.i:
        # "la mort du chef, annoncée par l'armée": what was announced is the noun phrase the
        # participle qualifies, never its speaker; the parser may hang it on the noun's own
        # complement ("la réforme des retraites, dénoncée par X"): the whole phrase was
        head = v.head
        while head.dep_ == "nmod" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
            head = head.head
        c_start, c_end = head.left_edge.i, v.left_edge.i
    else:  # a participial clause: what the participle says, without its agent
        c_start, c_end = cue.end, agent.left_edge.i
    c_start, c_end = trim_tokens(doc, c_start, c_end)
    if c_start >= c_end:
        return SKIP  # an agent and nothing reported: no other reading of this participle
    return Frame(
        cue.cls,
        cue.lemma,
        (cue.start, cue.end),
        (start, end),
        (char_start(doc, c_start), char_end(doc, c_end - 1)),
        False,
        construction="passive",
    )


def _attribute(v: Token, lex: Lexicon) -> Token | None:
    """What a participle of judging or naming says its subject is, right after it: "jugée
    inacceptable", "décrit comme fragile" (an adjective, or a phrase after "comme"). A "de"
    phrase is no attribute: "accusé d'espionnage" is a charge against the subject, "reconnu de
    trois façons" a manner."""
    for c in v.children:
        if c.i <= v.i or c.i > v.i + 3:
            continue
        if c.dep_ == "xcomp" or (c.dep_ in ("advmod", "obj") and c.pos_ == "ADJ"):
            # (the parser hangs an adjective attribute as an adverb, "jugée inacceptable", or
            # as an object when it is quoted, "jugés « inacceptables »")
            return c
        if c.dep_ in ("obl:arg", "obl") and any(
            k.dep_ == "case" and fold(k.text) in lex.comparison_words for k in c.children
        ):
            return c
    return None


def _comparison(v: Token, cue: Cue, sent: Span, ctx: Context) -> Frame | None:
    """'Comme l'a rappelé le préfet, C' / 'C, comme le montre le rapport' / 'Comme décrit sur la
    page de l'ONU, C': the speaker is in the comparison clause, C is the main clause."""
    doc, lex = ctx.doc, ctx.lex
    k = _before_verb_group(v, cue, sent, ctx)
    if k < sent.start or fold(doc[k].text) not in lex.comparison_words:
        return None
    comme = k
    speaker = _subject(v, sent, ctx, cue.start)
    if speaker is None or speaker[0] < comme:
        speaker = _speaker_after(cue.end, sent, ctx)
    if speaker is None:  # "comme décrit sur la page de X": the place of the words is the source
        j = cue.end
        if j < sent.end and doc[j].pos_ == "ADP":
            end = np_right(doc, j + 1, sent.end)
            speaker = (j + 1, end) if end > j + 1 else None
    if speaker is None:
        return None
    clause_end = max(speaker[1], cue.end)
    while clause_end < sent.end and doc[clause_end].text != ",":
        clause_end += 1
    if comme == first_word(sent) and clause_end + 1 < sent.end:
        content = (char_start(doc, clause_end + 1), content_end(sent))
    else:
        s = first_word(sent)
        e = comme
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if e <= s:
            return None
        content = (char_start(doc, s), char_end(doc, e - 1))
    return Frame(cue.cls, cue.lemma, (comme, cue.end), speaker, content, False, construction="comparison")


def _object_relative(v: Token, lex: Lexicon) -> bool:
    """A relative clause whose pronoun is the verb's object ("un point de vue que contestent
    des chercheurs", "la version qu'a livrée la préfecture"): any verb of saying reports its
    antecedent so, with no clause of its own to report."""
    return (
        v.dep_ == "acl:relcl"
        and any(fold(c.text) in lex.complementizers and c.i < v.i for c in v.children)
        and not any(c.dep_ in ("ccomp", "xcomp") for c in v.children)
    )


def _relative_object(v: Token, cue: Cue, sent: Span, ctx: Context) -> Frame | None:
    """'les hommes du Hamas, qu'il a qualifiés de « libérateurs »', 'une analyse que partage X':
    the relative pronoun is what is reported; the content runs from its antecedent."""
    doc = ctx.doc
    if cue.lemma not in ctx.lex.relative_verbs and (cue.learned or not _object_relative(v, ctx.lex)):
        return None
    speaker = _subject(v, sent, ctx, cue.start)
    k = _before_verb_group(v, cue, sent, ctx)
    if speaker is not None and speaker[0] < cue.start:
        k = speaker[0] - 1  # "qu'il a qualifiés": the pronoun stands before the subject
    rel = doc[k] if k >= sent.start else None
    after_noun = rel is not None and rel.i > sent.start and doc[rel.i - 1].pos_ in ("NOUN", "PROPN", "PUNCT")
    if (
        rel is None
        or fold(rel.text) not in ctx.lex.complementizers
        or not ("Rel" in feats(rel, "PronType") or after_noun)
    ):
        return SKIP if ctx.lex.requires_complement.get(cue.lemma) == "relative" else None
    if speaker is None or speaker[0] < rel.i and speaker[0] >= cue.start:
        speaker = _speaker_after(cue.end, sent, ctx)  # "une analyse que partage X"
    if speaker is None:
        return None
    if surely_thing(doc, *speaker, ctx.lex, ctx.st):
        return SKIP  # "les atouts que présentait la position du pays": a thing has them, nobody says
    a = rel.i
    while a > sent.start and doc[a - 1].text == ",":
        a -= 1
    start = a
    while start > sent.start and (
        doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
        or (doc[start - 1].pos_ == "ADP" and fold(doc[start - 1].text) in ("de", "d'", "du", "des"))
    ):
        start -= 1
    while start < a and doc[start].pos_ == "ADP":
        start += 1
    if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:a]):
        return None
    if cue.lemma not in ctx.lex.relative_verbs and (
        ctx.lex.requires_complement.get(cue.lemma) == "addressee"
        or speaker_like(doc, start, a, ctx.lex, ctx.st)
    ):
        return None  # "les riverains que la mairie a prévenus": whom it told, not what it said
    end = max(v.right_edge.i + 1, cue.end)
    start, end = trim_tokens(doc, start, min(end, sent.end))
    if start >= end:
        return None
    return Frame(
        cue.cls,
        cue.lemma,
        (cue.start, cue.end),
        speaker,
        (char_start(doc, start), char_end(doc, end - 1)),
        False,
        construction="relative",
        phrase=True,  # "C : un point de vue que contestent X": the sentence is still the writer's
    )


def _bare_past_participle(v: Token) -> bool:
    """'un raccourci souvent relevé sur ce blog': a past participle with no auxiliary, nor one it
    shares by coordination, is passive or adjectival; the noun before it is what was reported
    (the passive frame reads 'relevé par X'), never who reported."""
    doc = v.doc
    k = v.i - 1
    while k >= 0 and doc[k].pos_ == "ADV":
        k -= 1
    # the tagger reads many finite forms as participles ("conclut", "écrit", "déplore"): only a
    # dependent participle right after the noun phrase it qualifies counts
    return (
        "Part" in feats(v, "VerbForm")
        and v.dep_ in ("acl", "advcl", "amod")
        and not _present_participle(v)
        and not misread_participle(v)
        and not any(c.dep_.startswith("aux") for c in v.children)
        and not _participle_under_auxiliary(v)
        and k >= 0
        and doc[k].pos_ in ("NOUN", "PROPN", "ADJ")
    )


def _active(v: Token, cue: Cue, sent: Span, ctx: Context) -> Frame | None:
    doc, lex = ctx.doc, ctx.lex
    if _bare_past_participle(v) and not _inverted_incise(v, lex, ctx.st):
        return None
    if _passive_headline(v):
        return None
    source = _subject(v, sent, ctx, cue.start)
    clitic = source is not None and is_inverted_pronoun(doc[source[0]], lex)  # "a-t-il ajouté"
    left_subject = (
        source is not None
        and source[0] < cue.start
        and not clitic
        and not _clause_between(doc, source[0], cue.start)
    )
    b = _before_verb_group(v, cue, sent, ctx)
    before = doc[b] if b >= sent.start else None
    participle = _present_participle(v)
    after_quote = before is not None and after_quotation(before, sent, ctx)
    # after a comma the speaker follows the verb only when no subject precedes it:
    # "Le secrétaire…, Lloyd Austin, a confirmé" has its subject on the left
    inverted = (
        not participle
        and before is not None
        and (
            after_quote
            or (before.text == "," and not left_subject and _reports_before(doc, sent, before.i, ctx))
        )
    )
    if not participle and not clitic and not after_quote and before is not None and before.text == ",":
        mid = _mid_incise(cue, sent, ctx)
        if mid is not None:
            whole = (char_start(doc, first_word(sent)), content_end(sent))
            at = (cue.start, cue.end)
            return Frame(cue.cls, cue.lemma, at, mid, whole, False, construction="incise-mid")
    cleft = _cleft(before, sent, ctx)
    if (inverted or cleft) and not clitic:
        after = _speaker_after(cue.end, sent, ctx)
        # after a quotation the speaker follows the verb, whatever the parser hung on its left
        if after is not None and (not left_subject or cleft or after_quote):
            source = after
    if not left_subject and not clitic and not participle:
        # "Bref, résume la chroniqueuse : « … »" (the parser may read the speaker as an object)
        after = source if source is not None and source[0] > cue.start else _noun_phrase_after(cue, sent, ctx)
        quoted = _quotation_after_speaker(after, sent, ctx) if after is not None else None
        if (
            after is not None
            and quoted is not None
            and not (inverted and before is not None and _clause_before(sent, before, cue, ctx))
            and speaker_like(doc, after[0], after[1], lex, ctx.st)
        ):
            return Frame(
                cue.cls, cue.lemma, (cue.start, cue.end), after, quoted, False, construction="inverted-colon"
            )
    right_speaker = source is not None and (clitic or source[0] > cue.start)
    parsed_right = right_speaker and not clitic and not participle
    if cue.incise_only and not (inverted and right_speaker) and not _colon_quotation(v, cue, sent, ctx):
        return None  # "lance une offensive" is no report; "lance : « … »" and "…, lance X" are
    if source is None:
        source = _speaker_left(v, cue, sent, ctx, participle)
        if source == _NO_SPEAKER:
            return None
    source = _from_source(v, source, ctx, sent)
    if (
        cue.learned
        and cue.incise_only
        and source is not None
        and fold(doc[source[0]].text).split("-")[-1] == "on"
    ):
        return None  # an unlisted verb with "on" and no document read: nobody in particular
    if lex.requires_complement.get(cue.lemma) == "from" and (source is None or source[0] < v.i):
        return None
    if cleft and source is not None:
        content = _previous_sentence(sent)
        if content is not None:
            return Frame(
                cue.cls,
                cue.lemma,
                (cue.start, cue.end),
                source,
                content,
                False,
                construction="cleft",
                writer_voice=True,
            )
    if inverted and before is not None and right_speaker:
        back = _backward(sent, before, cue, ctx)
        if back is not None:
            return Frame(
                cue.cls, cue.lemma, (cue.start, cue.end), source, back, False, construction="inverted"
            )
    forward = _forward(v, cue, sent, ctx)
    if forward is None:
        return None
    if parsed_right and source is not None and source[0] > cue.start:
        # a subject on the right that is not an incise: "Reste à savoir ce que dira X" — no content
        return None
    (c_start, c_end), fwd = forward
    if source is not None and source[0] >= cue.end and c_start <= doc[source[0]].idx and source[1] < sent.end:
        # "Et ajoute Paul Martin que C": what is said follows the speaker
        if _opens_content(doc[source[1]], lex):
            c_start = char_start(doc, source[1] + 1)
    embedded = participle or (v.dep_ == "advcl" and _subordinated(v)) or v.dep_ == "acl:relcl"
    if embedded and doc[v.right_edge.i].idx >= c_start:
        # "condamnant l'attaque du Hamas, très vite, il a…", "Si X a annoncé C, elles ont…",
        # "Le groupe, qui a revendiqué C, menace…": the content of a participle, a subordinate
        # or a relative clause ends with that clause
        c_end = min(c_end, char_end(doc, v.right_edge.i))
    elif _subordinated(v) and not any(
        fold(c.text) in lex.comparison_words for c in v.children if c.dep_ == "mark"
    ):  # "comme je l'expliquais, C": a comparison reports what follows
        c_end = min(c_end, _main_clause_after(doc, c_start, sent, ctx))
    cls = cue.cls
    if cls == "say" and fwd and _self_denial(doc, cue, c_start):
        cls = "deny"  # "X dit ne pas être à l'origine des menaces": X rejects it
    frame = Frame(cls, cue.lemma, (cue.start, cue.end), source, (c_start, c_end), fwd, construction="active")
    # "… », explique-t-elle. Et critique le style du ministre.": a sentence that opens on "Et" and
    # the verb, with no subject, goes on with the speaker the article was quoting
    frame.carried = source is None and _opens_on_and(cue, sent, ctx)
    return frame


def _opens_content(tok: Token, lex: Lexicon) -> bool:
    """Whether what is said starts after this token: "que" or a colon ("Et ajoute X que C")."""
    return fold(tok.text) in lex.complementizers or tok.text == ":"


def _opens_on_and(cue: Cue, sent: Span, ctx: Context) -> bool:
    """Whether the sentence is 'Et' (or 'Puis') and the verb group, adverbs aside."""
    words = [t for t in ctx.doc[sent.start : cue.start] if not t.is_space and t.pos_ != "ADV"]
    return len(words) == 1 and fold(words[0].text) in ("et", "puis")


def _passive_headline(v: Token) -> bool:
    """'Au procès X, le lanceur d'alerte accusé « de trahison »': a past participle with no
    auxiliary cannot have an active subject; the parser's subject is who is accused. Only the
    forms no finite verb shares (an -er verb's -é, -ée, -és, -ées; "dit", "écrit" are both)."""
    return (
        "Part" in feats(v, "VerbForm")
        and "Past" in feats(v, "Tense")
        and not any(c.dep_.startswith("aux") for c in v.children)
        and fold(v.lemma_).endswith("er")
        and fold(v.text).endswith(("é", "ée", "és", "ées"))
        and any(c.dep_ == "nsubj" and c.i < v.i for c in v.children)
    )


def _self_denial(doc: Doc, cue: Cue, c_start: int) -> bool:
    """A verb of saying whose content is a negated infinitive: the speaker says of itself that it
    did not do or is not what it is charged with ('affirme n'avoir jamais signé')."""
    first = next((t for t in doc[cue.end :] if t.idx >= c_start), None)
    if first is None or fold(first.text) not in _lex_of(doc).negation_particles:
        return False
    return any(_infinitive(t) for t in doc[first.i + 1 : min(first.i + 5, len(doc))])


def _mid_incise(cue: Cue, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """The speaker of an incise between commas inside a clause ("Le texte, affirment les
    syndicats, sera voté", "c'est, soutient X, parce que…"): verb, inverted speaker and a comma,
    then the interrupted clause goes on with a finite verb. The noun phrase before the incise is
    what is reported on, never its speaker (the parser reads it as the verb's subject)."""
    doc = ctx.doc
    verb = doc[cue.end - 1]
    if verb.dep_ == "conj" or any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
        return None  # "il marche …, salue les voisins", "nous demandons à X": a verb with its own subject
    speaker = _speaker_after(cue.end, sent, ctx)
    if speaker is None or not speaker_like(doc, *speaker, ctx.lex, ctx.st):
        return None  # "…, établit des connexions entre ces mouvements, …": an object
    if any(t.pos_ == "ADP" for t in doc[cue.end : speaker[0]]):
        return None  # "nous, collectifs, demandons à Mme X, …": an addressee, not an inverted speaker
    k = speaker[1]
    while k < sent.end and (fold(doc[k].text) in ctx.lex.report_time_words or doc[k].like_num):
        k += 1  # "…, a expliqué le ministre mardi, …"
    if k >= sent.end - 1 or doc[k].text != "," or quote_around(ctx.st.quotes, doc[k].idx) is not None:
        return None
    rest = doc[k + 1 : sent.end]
    if "Rel" in feats(rest[0], "PronType") or fold(rest[0].text) in ("qui", "dont", "où"):
        return None  # "…, affirme X, qui ajoute que…": a relative on the speaker; the clause ended
    if not any(is_finite(t) and quote_around(ctx.st.quotes, t.idx) is None for t in rest):
        return None  # "…, explique X, président du club.": an apposition, not the clause going on
    if not any(t.is_alpha for t in doc[sent.start : cue.start]):
        return None
    return speaker


def _main_clause_after(doc: Doc, c_start: int, sent: Span, ctx: Context) -> int:
    """'Si X affirme que C, il appelle à…' with the main clause parsed inside C: the subordinate
    content ends at the comma after which a subject and a finite verb open the main clause."""
    for tok in doc[sent.start : sent.end]:
        if tok.idx >= c_start and tok.text == ":":
            break  # "se résume à : bah, nous…": what the colon introduces is the content
        if tok.idx < c_start or tok.text != "," or quote_around(ctx.st.quotes, tok.idx) is not None:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if nxt is None or not (fold(nxt.text) in ctx.lex.pronoun_kinds or nxt.pos_ in ("DET", "PROPN")):
            continue
        if any(
            is_finite(t) and t.dep_ not in ("acl:relcl",) for t in doc[tok.i + 2 : min(tok.i + 7, sent.end)]
        ):
            return doc[tok.i - 1].idx + len(doc[tok.i - 1].text)
    return sent.end_char


def _reports_before(doc: Doc, sent: Span, comma: int, ctx: Context) -> bool:
    """'C, a indiqué X' reports C only when C is a clause: "À Cannes, sur la terrasse, la
    réalisatrice, élégante, confie…" has no verb before the comma, so its verb is not inverted, nor
    has "Le récit, publié mardi et que nous avons lu, révèle…" (a relative's verb is no clause),
    nor "Le texte, disent les syndicats, révèle…" (an incise is no clause either: the verb after
    it goes on with the interrupted clause)."""
    before = doc[sent.start : comma]
    return any(
        is_finite(t) and not _in_relative(t) and not _incise_to(doc, t, comma, ctx) for t in before
    ) or any(t.text in CLOSING_MARKS and not _quoted_name(doc, t.i, sent, ctx) for t in before)


def after_quotation(before: Token, sent: Span, ctx: Context) -> bool:
    """Whether the token before a verb group closes a quotation, or is the comma after one ("« C »,
    dit X"): not a name quoted in the noun phrase that opens the sentence."""
    doc = before.doc
    return before.text in CLOSING_MARKS or (
        before.text == ","
        and before.i > sent.start
        and doc[before.i - 1].text in CLOSING_MARKS
        and not _quoted_name(doc, before.i - 1, sent, ctx)
    )


def _incise_to(doc: Doc, verb: Token, comma: int, ctx: Context) -> bool:
    """Whether a finite verb opens an incise that runs to the comma: right after a comma, its
    inverted speaker up to that comma ("…, disent les élus,"), not a copula's predicate ("…, sont
    originaires de X,")."""
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.pos_ != "VERB" or comma <= verb.i + 1:
        return False  # a copula or an auxiliary opens no incise
    return speaker_like(doc, verb.i + 1, comma, ctx.lex, ctx.st)


def _quoted_name(doc: Doc, close: int, sent: Span, ctx: Context) -> bool:
    """Whether the quotation closing at token `close` names something in the noun phrase that
    opens the sentence ("La « Beurette voilée », expliquent X, révèle…"): it is no quotation an
    inverted verb reports."""
    q = quote_around(ctx.st.quotes, doc[close].idx - 1)
    if q is None:
        return False
    opening = next((t for t in doc[sent.start : close] if t.idx >= q.start), None)
    if opening is None or opening.i == sent.start:
        return False
    head = doc[sent.start : opening.i]
    return head[-1].pos_ == "DET" and all(t.pos_ in ("DET", "ADJ", "NOUN") for t in head)


def _in_relative(t: Token) -> bool:
    """Whether a finite verb (or auxiliary) heads a relative clause."""
    verb = t.head if t.dep_.startswith("aux") else t
    relative = any("Rel" in feats(c, "PronType") for c in verb.children if c.i < verb.i)
    # "publié par X et que Libération a consulté": a "que" clause coordinated with a participle
    # that qualifies a noun is a relative too, though the parser marked "que" as a conjunction
    coordinated = (
        verb.dep_ == "conj"
        and verb.head.dep_ in ("acl", "acl:relcl", "amod")
        and any(fold(c.text) in ("que", "qu'") for c in verb.children if c.i < verb.i)
    )
    return verb.dep_ == "acl:relcl" or relative or coordinated


def _opening_clause_speaker(cue: Cue, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """'Après avoir affirmé que C, la semaine dernière, Recep Tayyip Erdogan l'a comparé…': a
    non-finite clause opening the sentence has the subject of the main clause, the noun phrase
    before the first finite verb after it (found by position when the parse is lost)."""
    doc = ctx.doc
    comma = next((t.i for t in doc[cue.end : sent.end] if t.text == ","), None)
    if comma is None or any(t.text == "," for t in doc[sent.start : cue.start]):
        return None
    for tok in doc[comma + 1 : sent.end]:
        if tok.pos_ not in ("VERB", "AUX") or "Ind" not in feats(tok, "Mood"):
            continue
        if quote_around(ctx.st.quotes, tok.idx) is not None:
            return None
        k = tok.i
        while k > comma + 1 and (
            doc[k - 1].pos_ in ("AUX", "ADV") or fold(doc[k - 1].text) in ctx.lex.object_clitics
        ):
            k -= 1
        left = np_left(doc, k, comma + 1)
        return (left, k) if left < k else None
    return None


def _clause_between(doc: Doc, start: int, end: int) -> bool:
    """A finite verb of the main line between a 'subject' and its verb: the parser hung a whole
    clause on the verb ("« C » est le premier problème, souligne X")."""
    return any(
        is_finite(t)
        and t.dep_ not in ("acl:relcl", "acl")
        and t.head.dep_ not in ("acl:relcl", "acl")
        and not _subordinated(t.head if t.dep_.startswith("aux") else t)  # "…, et que nous avons lu,"
        for t in doc[start:end]
    )


def _speaker_left(v: Token, cue: Cue, sent: Span, ctx: Context, participle: bool) -> tuple[int, int] | None:
    """A speaker the parser did not attach: the clause a participle, gerund or bare coordinated
    participle hangs on ("…, ajoutant que", "a dénoncé X et nié Y"), or the noun phrase opening
    the verb's clause ("Bien que Pyongyang ait nié…")."""
    auxes = [c for c in v.children if c.dep_.startswith("aux")]
    non_finite = participle or _gerund(v) or any("Inf" in feats(a, "VerbForm") for a in auxes)
    if not auxes and "Part" in feats(v, "VerbForm") and v.i > 0 and fold(ctx.doc[v.i - 1].text) == "et":
        # "a affirmé que C et salué X": "salué" shares the "a" (and the speaker) of "a affirmé"
        for t in reversed(ctx.doc[sent.start : v.i]):
            if (
                t.pos_ == "VERB"
                and read_cue(t, sent, ctx.lex, ctx.st) is not None
                and any(c.dep_.startswith("aux") for c in t.children)
            ):
                return None
    if non_finite or (v.dep_ == "conj" and not auxes):
        # "a annoncé C, en pronostiquant…", "Elle poursuit en dénonçant C": the subject of the
        # clause it hangs on; when the parse hides it, the speaker of the frame before (None)
        governing = _governing_subject(v, sent, ctx)
        if governing is not None and non_finite and not speaker_like(ctx.doc, *governing, ctx.lex, ctx.st):
            governing = None  # "Toute aide doit venir de l'Etat, estimant que…": no one to speak
        if governing is None and non_finite:
            return _opening_clause_speaker(cue, sent, ctx)  # None: inherited from the frame before
        if governing is None:
            # "Contacté par nos soins, X, ancien maire, se dit…": the parser coordinated the
            # verb with the participle in front; its subject is the name before it
            return _fronted_subject(cue, sent, ctx)
        return governing
    left = np_left(ctx.doc, cue.start, sent.start)
    if left < cue.start:
        return (left, cue.start)
    standing = _pronoun_subject(cue, sent, ctx)
    if standing is not None:
        return standing
    if v.dep_ == "conj":
        return _governing_subject(v, sent, ctx)
    if cue.start > sent.start and fold(ctx.doc[cue.start - 1].text) in ("et", "mais", "puis"):
        # "X défend la police et dément fermement que C", the parse lost: the verb coordinated
        # with the main clause shares its subject
        root = sent.root
        if root.i < v.i and root.pos_ in ("VERB", "AUX") and is_finite(root):
            return _subject(root, sent, ctx, cue_start(root))
        if _opens_on_and(cue, sent, ctx):
            # "Et ajoute Paul Martin que C", "Et ajoute le président : C": a speaker after the
            # verb, then what is said; "Et critique le style du ministre.": the speaker before
            after = _speaker_after(cue.end, sent, ctx)
            return (
                after
                if after is not None and after[1] < sent.end and _opens_content(ctx.doc[after[1]], ctx.lex)
                else None
            )
    return _fronted_subject(cue, sent, ctx) or _NO_SPEAKER


def _pronoun_subject(cue: Cue, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """'D'autres ont soutenu X', the parse lost: a word for people with no noun ("d'autres",
    "certains"), its article aside, opening the clause right before the verb group."""
    doc = ctx.doc
    k = cue.start
    if k <= sent.start or fold(doc[k - 1].text) not in ctx.lex.pronoun_kinds:
        return None
    start = k - 1
    while (
        start > sent.start
        and doc[start - 1].pos_ in ("DET", "ADP")
        and fold(doc[start - 1].text) in PARTITIVES
    ):
        start -= 1
    opener = doc[start - 1] if start > sent.start else None
    if opener is not None and not (opener.is_punct or opener.pos_ in ("CCONJ", "ADV")):
        return None
    return (start, k)


def _fronted_subject(cue: Cue, sent: Span, ctx: Context) -> tuple[int, int] | None:
    """'Eric Goldman, professeur de droit qui a étudié X, explique que…': the noun phrase opening
    the sentence, then appositions and relative clauses, then the verb after a comma."""
    doc = ctx.doc
    k = cue.start
    while k > sent.start and (doc[k - 1].pos_ in ("AUX", "ADV") or "Yes" in feats(doc[k - 1], "Reflex")):
        k -= 1  # "X, ancien maire, a aussi…", "X, ancien maire, se dit…"
    if k <= sent.start or doc[k - 1].text != ",":
        return None
    start = first_word(sent)
    participle = "Part" in feats(doc[start], "VerbForm") and "Past" in feats(doc[start], "Tense")
    if participle or (start + 1 < k and fold(doc[start + 1].text) == "par"):  # ("Joint" read as a name)
        # "Contacté par notre journal, Paul Martin, ancien maire, se dit…": the participial
        # clause in front says how the speaker was reached; the speaker follows its comma
        comma = next((t.i for t in doc[start:k] if t.text == ","), k)
        start = comma + 1
    end = np_right(doc, start, k)
    while end < k and "Part" in feats(doc[end], "VerbForm") and not list(doc[end].children):
        end += 1  # "Le récit du premier secouriste intervenu, …": a bare participle qualifies it
    if end >= k or doc[end].text != "," or not any(t.pos_ in ("PROPN", "NOUN") for t in doc[start:end]):
        return None
    between = doc[end:k]
    relative_seen = False
    for t in between:
        if "Rel" in feats(t, "PronType") or fold(t.text) in ("qui", "dont", "où", "que", "qu'"):
            relative_seen = True  # ("…, publié mardi et que X a pu consulter, révèle")
        if is_finite(t) and not relative_seen:
            return None  # a clause of its own before the comma: not an apposition
    return (start, end)


_NO_SPEAKER = (-1, -1)  # a verb with no speaker anywhere: no frame (unlike None, "inherited")


def _subordinated(v: Token) -> bool:
    """A verb opened by a subordinating conjunction ("si", "quand", "bien que", "lorsque")."""
    return any(c.dep_ == "mark" and c.pos_ == "SCONJ" and c.i < v.i for c in v.children)


def _gerund(v: Token) -> bool:
    """'en soulignant que': 'en' before a present participle."""
    return _present_participle(v) and v.i > 0 and fold(v.doc[v.i - 1].text) == "en"


def _cleft(before: Token | None, sent: Span, ctx: Context) -> bool:
    """ "C'est ce qu'affirment des publications": what is reported is the sentence before."""
    if before is None or fold(before.text) not in ctx.lex.complementizers or before.i == 0:
        return False
    doc = ctx.doc
    if fold(doc[before.i - 1].text) != "ce":
        return False
    opening = " ".join(fold(t.text) for t in doc[first_word(sent) : before.i - 1])
    return opening in (
        "c' est",
        "c'est",
        "voilà",
        "c' est en tout cas",
        "c' est du moins",
        "c' est en effet",
        "c' est aussi",
    )
