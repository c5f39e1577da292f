"""The claims component: frames -> claims with source, cue, content, quote kind and status."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from ..model import Claim, Cue, Marker, QuoteKind, SentenceRef, Source, Status
from .frames import Context, Frame, find_frames
from .segmenter import is_heading
from .sources import make_source
from .state import DocState, QuoteSpan, state, text_of
from .status import MarkerFinder, decide


class ClaimFinder:
    def __init__(self, lexicon: Lexicon, nlp: Language) -> None:
        self.lex = lexicon
        self.markers = MarkerFinder(lexicon, nlp)

    def __call__(self, doc: Doc) -> Doc:
        st = state(doc)
        ctx = Context(doc=doc, lex=self.lex, st=st)
        markers = self.markers.find(doc)
        claims: list[Claim] = []
        for sent in doc.sents:
            text = sent.text.strip()
            if not text or is_heading(text):
                continue
            frames = find_frames(sent, ctx)
            built = self._attributed(sent, frames, ctx, markers)
            if not built:
                plain = self._plain(sent, st, markers)
                built = [plain] if plain else []
            claims.extend(built)
        for n, claim in enumerate(claims, 1):
            claim.id = f"c{n}"
            claim.quantities = [q.id for q in st.quantities if claim.start <= q.start and q.end <= claim.end]
        st.claims = claims
        return doc

    def _attributed(
        self, sent: Span, frames: list[Frame], ctx: Context, markers: list[tuple[Marker, str]]
    ) -> list[Claim]:
        doc, st = ctx.doc, ctx.st
        out: list[Claim] = []
        previous: Source | None = None
        for k, frame in enumerate(frames):
            if frame.source is None:
                source = previous
            else:
                source = make_source(doc, frame.source[0], frame.source[1], self.lex, st)
            if source is None:
                continue
            required = self.lex.requires_source_kind.get(frame.cls)
            if required and source.kind not in required:
                continue
            start, end = frame.content
            if frame.forward:
                end = _cut_at_next_frame(doc, frames[k + 1 :], start, end)
            start, end = _strip(text_of(doc), start, end)
            if end <= start:
                continue
            cue_span = doc[frame.cue[0] : frame.cue[1]]
            cue = Cue(text=cue_span.text, lemma=frame.lemma, start=cue_span.start_char, end=cue_span.end_char)
            inside = [(m, g) for m, g in markers if start <= m.start and m.end <= end]
            groups = {g for _, g in inside}
            base: Status = "stated" if frame.cls == "prep" else self.lex.class_status.get(frame.cls, "stated")  # type: ignore[assignment]
            status = decide(
                base,
                groups,
                attributed=True,
                via_preposition=frame.cls == "prep",
                source_kind=source.kind,
                cue_conditional=frame.conditional,
                cue_negated=frame.negated,
            )
            cue_kind = (
                "attribution" if frame.cls == "prep" else self.lex.class_marker.get(frame.cls, "attribution")
            )
            claim_markers = [Marker(cue.text, cue.start, cue.end, cue_kind)]  # type: ignore[arg-type]
            claim_markers += [m for m, _ in inside]
            out.append(
                Claim(
                    id="",
                    text=text_of(doc)[start:end],
                    start=start,
                    end=end,
                    sentence=_sentence_ref(sent),
                    source=source,
                    cue=cue,
                    quote=_quote_kind(st.quotes, start, end, attributed=True),
                    status=status,
                    markers=claim_markers,
                )
            )
            previous = source
        return out

    def _plain(self, sent: Span, st: DocState, markers: list[tuple[Marker, str]]) -> Claim | None:
        """A sentence nobody is credited with: the article's own claim, if it has a verb."""
        if not any(t.pos_ in ("VERB", "AUX") for t in sent) or sum(1 for t in sent if t.is_alpha) < 3:
            return None
        ref = _sentence_ref(sent)
        start, end = _strip(text_of(sent.doc), ref.start, ref.end)
        while end > start and (text_of(sent.doc)[end - 1] in ".!?;…" or text_of(sent.doc)[end - 1].isspace()):
            end -= 1
        inside = [(m, g) for m, g in markers if start <= m.start and m.end <= end]
        status = decide(
            "stated",
            {g for _, g in inside},
            attributed=False,
            via_preposition=False,
            source_kind=None,
            cue_conditional=False,
            cue_negated=False,
        )
        return Claim(
            id="",
            text=text_of(sent.doc)[start:end],
            start=start,
            end=end,
            sentence=ref,
            source=None,
            cue=None,
            quote=_quote_kind(st.quotes, start, end, attributed=False),
            status=status,
            markers=[m for m, _ in inside],
        )


def _cut_at_next_frame(doc: Doc, later: list[Frame], start: int, end: int) -> int:
    """A forward content stops where the next frame of the sentence begins after a comma."""
    for f in later:
        left = min(f.cue[0], f.source[0] if f.source else f.cue[0])
        left_char = doc[left].idx
        if start < left_char < end:
            prev = doc[left - 1] if left > 0 else None
            if prev is not None and prev.text == ",":
                return prev.idx
    return end


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _sentence_ref(sent: Span) -> SentenceRef:
    text = text_of(sent.doc)
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return SentenceRef(start=start, end=end)


def _quote_kind(quotes: list[QuoteSpan], start: int, end: int, *, attributed: bool) -> QuoteKind:
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
