"""How sure a claim is presented, and the words that say so.

Markers are found once per document (phrase lists from `modality.toml`, conditional mood from
spaCy's morphology, modals by lemma); a claim takes the markers inside its content plus its cue's,
and `decide` turns them into one status with a fixed precedence: denial beats speculation beats
allegation beats confirmation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..model import Marker, MarkerKind, SourceKind, Status
from .state import text_of
from .tokens import feats

_PHRASE_KINDS: dict[str, MarkerKind] = {
    "speculative": "hedge",
    "alleged": "hedge",
    "denial": "denial",
    "confirmation": "confirmation",
}


class MarkerFinder:
    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lex = lexicon
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for group in _PHRASE_KINDS:
            phrases = _with_elisions(lexicon.modality.get(group, []))
            self.matcher.add(group, [_phrase_doc(nlp, p) for p in phrases])
        negation = lexicon.modality.get("negation", [])
        self.negation = frozenset(negation) | {w.replace("'", "’") for w in negation}

    def find(self, doc: Doc) -> list[tuple[Marker, str]]:
        """All markers of a document, each with its group ("speculative", "conditional", ...)."""
        found: dict[tuple[int, int], tuple[Marker, str]] = {}
        for tok in doc:  # hot loop: cheap string tests first, morphology only for verbs
            pos = tok.pos_
            if pos != "VERB" and pos != "AUX":
                if tok.lower_ in self.negation:
                    span = (tok.idx, tok.idx + len(tok.text))
                    found[span] = (Marker(tok.text, *span, "negation"), "negation")
                continue
            moods = feats(tok, "Mood")
            lemma = tok.lemma_.lower()
            span = (tok.idx, tok.idx + len(tok.text))
            if lemma in self.lex.speculative_verbs:  # "il semble avoir", "paraît hors de danger"
                group = "subordinate" if _in_relative_clause(tok) else "speculative"
                found[span] = (Marker(tok.text, *span, "hedge"), group)
                continue
            # inside a relative clause ("…, où ils participeraient bientôt") the mood qualifies
            # that clause, not the claim: listed as a marker, not counted for the status
            if lemma in self.lex.modals and any(m in moods for m in self.lex.modals[lemma]):
                group = "subordinate" if _in_relative_clause(tok) else "speculative"
                found[span] = (Marker(tok.text, *span, "modal"), group)
            elif "Cnd" in moods or self.lex.is_conditional_form(tok.lower_, lemma):
                group = "conditional"
                if _in_relative_clause(tok):
                    group = "subordinate"
                elif pos == "AUX" and tok.dep_.startswith("aux") and "Part" in feats(tok.head, "VerbForm"):
                    # "aurait tiré", "seraient recherchés": the conditional of reported facts;
                    # "aurait pu", "aurait dû": a possibility, like "pourrait"
                    modal = tok.head.lemma_.lower() in self.lex.modals
                    group = "speculative" if modal else "conditional_past"
                found[span] = (Marker(tok.text, *span, "conditional"), group)
        for match_id, start, end in self.matcher(doc):
            group = doc.vocab.strings[match_id]
            if group == "alleged" and end - start == 1 and not _attributive(doc[start]):
                continue  # "présumé coupable" marks; "puissent être soupçonnés" is a passive verb
            span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            if span not in found:
                found[span] = (Marker(text_of(doc)[span[0] : span[1]], *span, _PHRASE_KINDS[group]), group)
        return [found[k] for k in sorted(found)]


def _phrase_doc(nlp: Language, phrase: str) -> Doc:
    """A phrase tokenised as running text would be: a final elided word ("risque d'") is only
    split off when a word follows it, so tokenise it with one and drop that word."""
    if phrase.endswith(("'", "’")):
        return nlp.make_doc(phrase + "x")[:-1].as_doc()
    return nlp.make_doc(phrase)


def _with_elisions(phrases: list[str]) -> list[str]:
    """'risque de' also as 'risque d'' (and ’): the phrase lists are written unelided."""
    out = list(phrases)
    for p in phrases:
        for full, short in ((" de", " d"), (" que", " qu")):
            if p.endswith(full):
                out += [p[: -len(full)] + short + "'", p[: -len(full)] + short + "’"]
    return out


def _attributive(tok: Token) -> bool:
    """A participle that qualifies a noun ("le couple soupçonné de…"), not a verb's predicate."""
    if "Part" not in feats(tok, "VerbForm"):
        return True
    return tok.dep_ in ("acl", "amod", "appos") and not any(c.dep_.startswith("aux") for c in tok.children)


def _in_relative_clause(tok: Token) -> bool:
    """True under a clause that a relative pronoun opens ("…, où ils participeraient"), whatever
    the parser labelled it; "Kim Jong-un pourrait…", which it labels acl:relcl with no pronoun,
    stays the main clause."""
    for anc in [tok, *tok.ancestors]:
        if any("Rel" in feats(c, "PronType") and c.i < anc.i for c in anc.children):
            return True
    return False


def source_own_marks(inside: list[tuple[Marker, str]]) -> list[tuple[Marker, str]]:
    """The marks that count in what a named source said, in its words or reported with a verb
    (not "selon X, …" in the writer's words, nor an unnamed source): a modal or a conditional
    there is the source's own way of putting it ("« Il faudrait fermer la route »", "a précisé
    que la fête aurait lieu"), not the writer's distance, so it does not by itself make the claim
    alleged or speculative (gold-v1); a hedge the source chose ("risque de", "probablement") and
    the cue's class and mood still count."""
    return [(m, g) for m, g in inside if m.kind not in ("modal", "conditional")]


def decide(
    base: Status,
    groups: set[str],
    *,
    attributed: bool,
    via_preposition: bool,
    source_kind: SourceKind | None,
    cue_conditional: bool,
) -> Status:
    """One status from the cue's class and the marker groups found in the content."""
    if attributed and "denial" in groups:
        return "denied"
    if base == "denied":
        return "denied"
    if "speculative" in groups or base == "speculative":  # a forecast stays one, conditional or not
        return "speculative"
    if "conditional" in groups:
        # the journalist's own conditional reports without committing; a named source's
        # conditional ("constituerait une escalade") is a hypothesis
        if not attributed or via_preposition or source_kind in ("vague", "anonymous") or base == "alleged":
            return "alleged"
        return "speculative"
    if cue_conditional or "alleged" in groups or "conditional_past" in groups:
        return "alleged"
    if base == "stated" and source_kind == "vague":
        return "alleged"
    return base
