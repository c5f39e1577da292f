"""The claims component: frames -> claims with source, cue, content, quote kind and status.

Per sentence: the frames found by the construction finders, minus the layers that only relay
(a news agency around a named speaker, a document opening a sentence whose verb names its own
speaker); each frame's content cut where a sibling frame of the same sentence begins; the status
from the cue's class and the markers of the content, without the markers of a claim nested
inside it ("un tweet affirme que des experts auraient…": the tweet states, the experts allege).
A sentence nobody is credited with is the article's own claim; a quotation nobody is credited
with continues the last speaker's (chains.py).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, fold
from ..model import Claim, Cue, Marker, QuoteKind, SentenceRef, Source, Status
from .chains import QuoteChain, continue_claim, nested_in_quotation
from .claim_ids import span_ids
from .clauses import clause_spans
from .frames import Context, Frame, find_frames
from .identity import resolve_sources
from .segmenter import is_heading
from .sources import make_source, speaker_like, trim_tokens
from .state import DocState, QuoteSpan, state, text_of
from .status import MarkerFinder, decide, source_own_marks
from .tokens import feats, sentence_ref

# words that join a sibling clause to the one before, or open its verb group ("…, n'hésitant pas")
_JOINERS = {",", "et", "puis", "mais", "ainsi", "en", ";", "ou", "avant", "tout", "ne", "n'"}
_MARKS = set("\"'«»“”‘’„.!?…")
_UNBALANCED = {"«": "»", "“": "”"}


_SENTENCE_INSIDE = re.compile(r"[.!?…]\s+[«\"“]?\s*[A-ZÀ-Ý]")


class ClaimFinder:
    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lex = lexicon
        self.markers = MarkerFinder(lexicon, nlp)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        ctx = Context(doc=doc, lex=self.lex, st=st)
        markers = self.markers.find(doc)
        claims: list[Claim] = []
        chain = QuoteChain(self.lex, st)
        for sent in doc.sents:
            text = st.text[sent.start_char : sent.end_char].strip()
            if not text or is_heading(text) or st.is_skipped(sent.start_char, sent.end_char):
                chain.paragraph_break()
                continue
            found = find_frames(sent, ctx)
            negated_frames = [f for f in found if f.negated]
            negated = self._negated_marks(doc, negated_frames)
            hidden = [(doc[f.cue[1] - 1].idx, f.content[1]) for f in negated_frames]
            frames = _relaying_layers_removed(doc, [f for f in found if not f.negated])
            built = self._attributed(
                sent, frames, ctx, markers, chain.speaker(), chain.speaker(adjacent=True)
            )
            if not built:
                built = chain.carry(sent, markers, self._status)
            elif all(nested_in_quotation(c, st) for c in built) and _SENTENCE_INSIDE.search(text):
                # "« … Ils écrivent que C. Je n'y crois pas. »": C is theirs, the quotation of
                # several sentences its speaker's (one sentence is all the nested report)
                built = sorted(chain.carry(sent, markers, self._status) + built, key=lambda c: c.start)
            # a quotation an incise's speaker opens with a colon, placed among the claims by its
            # start (the others keep their order: linking reads them in it)
            for quoted in chain.after_incise(sent, built, markers, self._status):
                at = next((k for k, c in enumerate(built) if c.start > quoted.start), len(built))
                built.insert(at, quoted)
            if built and frames and all(f.phrase for f in frames):
                # "selon" credits one phrase: the sentence is still the article's own claim
                built = built + self._plain(sent, st, markers)
            if not built and not chain.continued:
                # what a negated cue introduces is nobody's claim: its marks do not count
                visible = [m for m in markers if not any(a <= m[0].start < b for a, b in hidden)]
                built = self._plain(sent, st, sorted(visible + negated, key=lambda m: m[0].start))
            chain.saw(sent, built)
            claims.extend(built)
        claims = _credited_later_removed(st.text, _one_claim_per_utterance(st.text, claims))
        resolve_sources(doc, st, self.lex, claims)
        for claim, claim_id in zip(claims, span_ids([(c.start, c.end) for c in claims]), strict=True):
            claim.id = claim_id  # its span, not its rank: unchanged claims keep their ids (claim_ids.py)
            pieces = [(claim.start, claim.end), *((p.start, p.end) for p in claim.continued)]
            claim.quantities = [
                q.id for q in st.quantities if any(a <= q.start and q.end <= b for a, b in pieces)
            ]
        st.claims = claims
        return doc

    def _negated_marks(self, doc: Doc, frames: list[Frame]) -> list[tuple[Marker, str]]:
        """'n'a pas confirmé': the cue, as a mark of what it leaves the content (alleged)."""
        out = []
        for f in frames:
            group = self.lex.negated_status.get(f.cls)
            if group is not None:
                span = doc[f.cue[0] : f.cue[1]]
                out.append((Marker(span.text, span.start_char, span.end_char, "negation"), group))
        return out

    def _status(
        self, base: Status, markers: list[tuple[Marker, str]], source: Source | None, cue_cls: str
    ) -> Status:
        return decide(
            base,
            {g for _, g in markers},
            attributed=source is not None,
            via_preposition=cue_cls == "prep",
            source_kind=source.kind if source else None,
            cue_conditional=False,
        )

    def _attributed(
        self,
        sent: Span,
        frames: list[Frame],
        ctx: Context,
        markers: list[tuple[Marker, str]],
        carried: Source | None,
        adjacent: Source | None,
    ) -> list[Claim]:
        """Claims of the sentence's frames. A frame that carries its speaker takes the one the
        article was quoting ("Et d'ajouter que C"); a finite verb with no subject after "Et"
        only the speaker of the sentence just before (`adjacent`)."""
        doc, st = ctx.doc, ctx.st
        out: list[Claim] = []
        previous: Source | None = None
        for k, frame in enumerate(frames):
            if frame.carried:
                source = previous or (adjacent if frame.construction == "active" else carried)
            elif frame.source is None:
                source = previous
            else:
                if frame.uncertain and not speaker_like(doc, frame.source[0], frame.source[1], self.lex, st):
                    continue  # "Une autre hypothèse pourrait expliquer ce phénomène"
                source = make_source(doc, frame.source[0], frame.source[1], self.lex, st)
            if source is None:
                continue
            required = self.lex.requires_source_kind.get(frame.cls)
            # "le quotidien révèle l'existence d'un contrat": a party discloses, it shows nothing
            disclosed = (
                required is not None
                and source.kind not in required
                and frame.lemma in self.lex.disclosure_verbs
                and frame.source is not None
                and speaker_like(doc, frame.source[0], frame.source[1], self.lex, st)
            )  # ("cette affaire révèle les failles du système": no one discloses anything)
            if (
                required
                and source.kind not in required
                and not (disclosed and source.kind == "organization" and _noun_object(doc, frame))
                and frame.construction not in ("inverted", "passive", "comparison")
                and not (
                    _complement_clause(doc, self.lex, frame.content[0])
                    and frame.source is not None
                    and speaker_like(doc, frame.source[0], frame.source[1], self.lex, st)
                )
            ):
                # "la Russie montre des signes" reports nothing, nor "les contrats à terme
                # montrent que C"; "le quotidien a révélé que C", "C, révélé par X" and "C, comme
                # l'a révélé X" do
                continue
            start, end = frame.content
            if frame.forward:
                end = _cut_at_sibling(doc, frame, frames[k + 1 :], start, end)
                end = _cut_at_clause_break(doc, self.lex, start, end)
                if frame.source is not None and start < doc[frame.source[0]].idx < end:
                    # "Après avoir affirmé que C, la semaine dernière, X l'a…": not over its speaker
                    end = _before_clause_of(doc, self.lex, frame.source[0], start)
            start, end = _strip(text_of(doc), start, end)
            if end <= start or fold(text_of(doc)[start:end]) in self.lex.relative_words:
                continue  # "what engineers called a flaw" cut before its speaker: no content left
            cue_span = doc[frame.cue[0] : frame.cue[1]]
            cue = Cue(text=cue_span.text, lemma=frame.lemma, start=cue_span.start_char, end=cue_span.end_char)
            nested = [f.content for f in frames if f is not frame and start <= doc[f.cue[0]].idx < end]
            inside = [
                (m, g)
                for m, g in markers
                if start <= m.start
                and m.end <= end
                and not any(a <= m.start and m.end <= b for a, b in nested)
            ]
            base: Status = "stated" if frame.cls == "prep" else self.lex.class_status.get(frame.cls, "stated")  # type: ignore[assignment]
            # a party's own document (its video, its report) is that party speaking
            shown_by = (
                _document_owner(doc, frame, st, self.lex)
                if frame.cls == "evidence" or source.kind == "document"
                else None
            )
            if (shown_by is not None and frame.cls == "evidence") or disclosed:
                base = "stated"  # a party's own video shows what it says, it confirms nothing
            if frame.cls in self.lex.prospective_classes and not _looks_ahead(
                doc, self.lex, start, end, inside
            ):
                base = "stated"  # "a prévenu de la diffusion du reportage": it informs of a fact
            writer_words = frame.cls == "prep" or frame.writer_voice
            counted = (
                inside if writer_words or source.kind in ("vague", "anonymous") else source_own_marks(inside)
            )
            status = decide(
                base,
                {g for _, g in counted},
                attributed=True,
                via_preposition=writer_words,
                source_kind=source.kind,
                cue_conditional=frame.conditional,
            )
            cue_kind = self.lex.class_marker.get(frame.cls, "attribution")
            claim_markers = [Marker(cue.text, cue.start, cue.end, cue_kind)]  # type: ignore[arg-type]
            claim_markers += [m for m, _ in inside]
            out.append(
                Claim(
                    id="",
                    text=text_of(doc)[start:end],
                    start=start,
                    end=end,
                    sentence=_spanning(sentence_ref(sent), start),
                    source=source,
                    cue=cue,
                    quote=quote_kind(st.quotes, start, end, attributed=True),
                    status=status,
                    shown_by=shown_by,
                    markers=claim_markers,
                )
            )
            previous = source
        return out

    def _plain(self, sent: Span, st: DocState, markers: list[tuple[Marker, str]]) -> list[Claim]:
        """A sentence nobody is credited with: the article's own claim, if it has a verb; one claim
        per coordinated clause when the clauses' statuses differ ("… ont été déployés, mais
        certains auraient fui": a stated claim and an alleged one, analyse/clauses.py)."""
        if not any(t.pos_ in ("VERB", "AUX") for t in sent) or sum(1 for t in sent if t.is_alpha) < 3:
            return []
        ref = sentence_ref(sent)
        text = text_of(sent.doc)
        start, end = _strip(text, ref.start, ref.end)
        while end > start and (text[end - 1] in ".!?;…" or text[end - 1].isspace()):
            end -= 1
        pieces = []
        for a, b in clause_spans(sent, start, end):
            inside = [(m, g) for m, g in markers if a <= m.start and m.end <= b]
            pieces.append((a, b, inside, self._status("stated", inside, None, "")))
        if len({status for *_, status in pieces}) <= 1:
            inside = [(m, g) for m, g in markers if start <= m.start and m.end <= end]
            pieces = [(start, end, inside, self._status("stated", inside, None, ""))]
        return [
            Claim(
                id="",
                text=text[a:b],
                start=a,
                end=b,
                sentence=ref,
                source=None,
                cue=None,
                quote=quote_kind(st.quotes, a, b, attributed=False),
                status=status,
                markers=[m for m, _ in inside],
            )
            for a, b, inside, status in pieces
        ]


def _looks_ahead(doc: Doc, lex: Lexicon, start: int, end: int, inside: list[tuple[Marker, str]]) -> bool:
    """Whether a content speaks of what is still to come or may be: a future, a conditional, a
    modal or a hedge in it, or an infinitive ("a averti de ne pas sortir")."""
    if any(g in ("speculative", "conditional", "conditional_past") for _, g in inside):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    return any(
        "Fut" in feats(t, "Tense")
        or "Inf" in feats(t, "VerbForm")
        or lex.is_future_form(t.lower_, t.lemma_.lower())
        for t in span
        if t.pos_ in ("VERB", "AUX")
    )


def _one_claim_per_utterance(text: str, claims: list[Claim]) -> list[Claim]:
    """'"A," she said, "B."' and '"A," she said. "B."': the quotations on both sides of one cue
    are one utterance of one speaker, so one claim in pieces, not two claims."""
    out: list[Claim] = []
    by_cue: dict[tuple[int, int, int, int], Claim] = {}
    for c in claims:
        if c.cue is None or c.source is None or c.quote not in ("direct", "mixed"):
            out.append(c)
            continue
        key = (c.cue.start, c.cue.end, c.source.start, c.source.end)
        first = by_cue.get(key)
        if first is None or c.start < first.end:
            by_cue[key] = c
            out.append(c)
            continue
        cue_marks = {(m.start, m.end) for m in first.markers}
        continue_claim(
            text, first, c.start, c.end, [m for m in c.markers if (m.start, m.end) not in cue_marks]
        )
    return out


def _credited_later_removed(text: str, claims: list[Claim]) -> list[Claim]:
    """'C. C'est ce qu'affirment des messages viraux': once a later sentence credits C to a
    source, C is no longer the article's own claim. Nor is it the last speaker's, carried over
    to it for want of a cue ('"C"' then 'Ross said, pointing at the lot.'): a cue beats a guess."""
    spans = [(c.start, c.end) for c in claims if c.source is not None]
    cued = [(c.start, c.end) for c in claims if c.cue is not None]

    def covered(start: int, end: int, by: list[tuple[int, int]]) -> bool:
        while start < end and (text[start].isspace() or text[start] in _MARKS):
            start += 1  # '"C."' is C
        while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
            end -= 1
        return any(a <= start and end <= b for a, b in by)

    kept = []
    for c in claims:
        if c.source is None and covered(c.start, c.end, spans):
            continue
        if c.source is not None and c.cue is None and covered(c.start, c.end, cued):
            continue
        c.continued = [p for p in c.continued if not covered(p.start, p.end, cued)]
        kept.append(c)
    return kept


def _document_owner(doc: Doc, frame: Frame, st: DocState, lex: Lexicon) -> str | None:
    """Whose document it is, when the source phrase names an owner in its genitive ("une vidéo des
    forces ukrainiennes", "le rapport du ministère"): that actor shows it. "Des vidéos provenant de
    l'Extrême-Orient russe" name a place of origin, not an owner."""
    if frame.source is None:
        return None
    span = doc[frame.source[0] : frame.source[1]]
    head = span.root
    for child in head.children:
        if child.dep_ != "nmod" or not (span.start <= child.i < span.end):
            continue
        if not any(c.dep_ == "case" and fold(c.lemma_) in lex.genitive for c in child.children):
            continue  # "un message en russe" is in Russian, not Russia's
        sub = doc[child.left_edge.i : child.right_edge.i + 1]
        owner = st.entity_in(sub.start_char, sub.end_char, ("person", "organization", "country"))
        if owner is not None:
            return owner
    return None


def _spanning(ref: SentenceRef, start: int) -> SentenceRef:
    """The sentence of a claim whose content is the sentence before ("C. Telle est la conclusion
    de X") spans both, so that a claim always lies inside its sentence."""
    return SentenceRef(start=min(ref.start, start), end=ref.end)


def _relaying_layers_removed(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """'a déclaré X, selon l'AFP': X speaks, the agency relays. 'Dans un communiqué, l'armée
    affirme…': the army speaks, the statement is where. Such a layer yields to the speaker."""
    speakers = [f for f in frames if f.verb is not None and f.source is not None]
    kept: list[Frame] = []
    for f in frames:
        if f.verb is not None and any(
            k.content == f.content and k.verb is not None and not _two_agents(k, f) for k in kept
        ):
            continue  # "« C1, confirme X. C2 », estime-t-il": one quotation, one speaker
        if f.channel and any(f.content[0] <= doc[s.cue[0]].idx < f.content[1] for s in speakers):
            continue
        if f.construction == "document-initial" and speakers:
            continue
        kept.append(f)
    return kept


def _two_agents(a: Frame, b: Frame) -> bool:
    """'C, confirmé par l'armée, est contesté par ses partisans': two passives with agents of
    their own credit one subject to two sources, who say different things about it."""
    return a.construction == b.construction == "passive" and a.source is not None and a.source != b.source


def _is_sibling(doc: Doc, frame: Frame, later: Frame) -> bool:
    """A later frame is a sibling (its own report, to cut the content before) when it inherits
    the speaker (coordination, participle, gerund) or hangs on the cue verb by coordination or
    as an adjunct; it is nested (part of the content) when it sits in the cue verb's complement."""
    if later.source is None or (
        frame.source is not None and trim_tokens(doc, *later.source) == trim_tokens(doc, *frame.source)
    ):
        return True  # the same speaker again: "a dénoncé X et nié Y", "…, ajoutant que"
    if later.cls == "prep":
        return later.content[0] < doc[frame.cue[0]].idx  # "C, selon X" scopes over the sentence
    left = min(later.cue[0], later.source[0])
    if left > 0 and doc[left - 1].text == "," and not _in_complement(doc, frame, later):
        return True  # "X affirme que C, des vidéos montrent…": a new clause after a comma
    if frame.verb is None or later.verb is None:
        return False
    tok = doc[later.verb]
    for _ in range(12):
        if tok.head.i == tok.i:
            return True  # reached the root without passing through the frame's verb
        if tok.head.i == frame.verb:
            return tok.dep_ in ("conj", "advcl", "parataxis", "dep", "punct")
        tok = tok.head
    return True


def _in_complement(doc: Doc, frame: Frame, later: Frame) -> bool:
    """The later frame's verb sits inside the earlier cue's clausal complement ("He noted that,
    like him, Clinton had been pilloried for acknowledging that…"): nested, comma or not."""
    if frame.verb is None or later.verb is None:
        return False
    tok = doc[later.verb]
    for _ in range(12):
        if tok.head.i == tok.i:
            return False
        if tok.head.i == frame.verb:
            return tok.dep_ == "ccomp"
        tok = tok.head
    return False


def _cut_at_sibling(doc: Doc, frame: Frame, later: list[Frame], start: int, end: int) -> int:
    """A forward content stops where a sibling frame of the sentence begins ("X a affirmé C1 et
    salué C2", "…, ajoutant que C2", "…, en soulignant que C2")."""
    for f in later:
        left = f.cue[0]
        if f.source is not None and start < doc[f.source[0]].idx < doc[f.cue[0]].idx:
            left = f.source[0]  # the sibling's own subject opens it, when inside the content
        left_char = doc[left].idx
        if not (start < left_char < end) or not _is_sibling(doc, frame, f):
            continue
        j = left
        while j > 0 and (fold(doc[j - 1].text) in _JOINERS or doc[j - 1].is_space) and doc[j - 1].idx > start:
            j -= 1
        return doc[j].idx if j < left else left_char
    return end


def _before_clause_of(doc: Doc, lex: Lexicon, i: int, floor: int) -> int:
    """End of a content that stops before the clause of token i, without the time phrase and
    commas that open that clause ("…, la semaine dernière, X")."""
    j = i
    while (
        j > 0
        and doc[j - 1].idx > floor
        and (
            doc[j - 1].is_punct
            or doc[j - 1].is_space
            or doc[j - 1].pos_ == "DET"
            or fold(doc[j - 1].text) in lex.report_time_words
        )
    ):
        j -= 1
    return doc[j - 1].idx + len(doc[j - 1].text) if j > 0 else floor


def _cut_at_clause_break(doc: Doc, lex: Lexicon, start: int, end: int) -> int:
    """'a nié toute négligence, tandis que des experts estiment…': the writer's clause is not
    part of what was reported; nor is anything after a semicolon."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    for tok in span:
        if tok.text == ";" and tok.idx > start:
            return tok.idx
        if tok.text != "," or tok.i + 1 >= len(doc):
            continue
        rest = " ".join(fold(t.text) for t in doc[tok.i + 1 : tok.i + 4])
        for phrase in lex.clause_breaks:
            if (rest + " ").startswith(phrase + " ") and not (rest + " ").startswith(phrase + " que "):
                return tok.idx
    return end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:"):
        end -= 1
    # a closing mark whose opening mark lies outside the content (or the reverse) is not its own;
    # an opening mark whose closing mark follows right after belongs with it
    for opening, closing in _UNBALANCED.items():
        inner = text[start:end]
        if inner.endswith(closing) and opening not in inner:
            end -= 1
        elif inner.startswith(opening) and closing not in inner:
            start += 1
        elif inner.count(opening) > inner.count(closing) and text[end : end + 2].strip().startswith(closing):
            end = text.index(closing, end) + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_kind(quotes: list[QuoteSpan], start: int, end: int, *, attributed: bool) -> QuoteKind:
    for q in quotes:
        if (
            q.inner_start <= start
            and end <= q.inner_end
            and (end - start) >= (q.inner_end - q.inner_start) - 2
        ):
            return "direct"
    touched = any(q.start < end and start < q.end for q in quotes)
    if not attributed:
        return "none"
    return "mixed" if touched else "indirect"


def _noun_object(doc: Doc, frame: Frame) -> bool:
    """Whether the content is the cue verb's noun object ("révèle l'existence d'un contrat"), not
    an attribute ("s'est révélée payante") or a clause that a participle runs into."""
    verbs = [t for t in doc[frame.cue[0] : frame.cue[1]] if t.pos_ == "VERB"]
    start = frame.content[0]
    return any(
        c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN") and c.left_edge.idx == start
        for v in verbs
        for c in v.children
    )


def _complement_clause(doc: Doc, lex: Lexicon, start: int) -> bool:
    """Content introduced by 'que'/'that' or a colon: a verb of showing with such a complement
    reports, whoever its subject ('le quotidien a révélé que C'), unlike one with a noun object."""
    span = doc.char_span(start, len(text_of(doc)), alignment_mode="expand")
    first = span.start if span is not None else len(doc)
    return any(fold(t.text) in lex.complementizers or t.text == ":" for t in doc[max(0, first - 2) : first])
