"""Quotations nobody is credited with in their own sentence: whose words are they?

News carries a speaker through a run of quotations ("« … », explique le maire. « … »", the
answers of an interview) and introduces quotations with a colon after a noun that names where they
come from ("Le constat est sans appel : « … »"). A speech quotation (several words, a finite verb)
in a sentence without a reporting frame takes, in this order: the document or source noun that
opens its sentence before a colon, else the speaker of the last quotation when it was at most two
sentences before and no other speaker came in between. A quotation straight after a quoted
claim, with no narration of its own, is the same utterance going on ('"A," she said. "B."', a
quotation running over several sentences or paragraphs): it continues that claim (one utterance,
one claim) instead of opening a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..lexicon import Lexicon, fold
from ..model import Claim, Cue, Marker, Source, Status
from ..model import Span as Piece
from .frames.core import CLOSING_MARKS, OPENING_MARKS, np_left, np_right
from .frames.verbs import passive_reflexive
from .sources import make_source, names_people, speaker_like
from .state import DocState, QuoteSpan, text_of
from .tokens import is_finite, sentence_ref

MAX_DISTANCE = 2  # sentences between a quotation and the speaker of the quotation before
MAX_DISTANCE_REPORT = 1  # sentences between a quotation and a speaker reported without quotes
_SOURCE_NOUN_KINDS = ("document", "vague", "anonymous", "organization")

StatusRule = Callable[[Status, list[tuple[Marker, str]], Source | None, str], Status]


class QuoteChain:
    def __init__(self, lex: Lexicon, st: DocState) -> None:
        self.lex = lex
        self.st = st
        self.last: Source | None = None  # speaker of the last attributed claim
        self.last_claim: Claim | None = None
        self.quoted = False  # whether that claim was a quotation
        self.distance = 0  # sentences since that claim
        self.continued = False  # whether the sentence just read went on with that claim

    def paragraph_break(self) -> None:
        self.distance += 1

    def saw(self, sent: Span, built: list[Claim]) -> None:
        attributed = [c for c in built if c.source is not None]
        # a speaker quoted inside a quotation is not who the article goes on quoting
        outer = [c for c in attributed if not nested_in_quotation(c, self.st)]
        attributed = outer or attributed
        if self.continued:
            self.continued = False
            self.distance = 0
            return
        if not attributed:
            self.distance += 1
            return
        self.last = attributed[-1].source
        self.last_claim = attributed[-1]
        self.quoted = attributed[-1].quote in ("direct", "mixed")
        self.distance = 0

    def speaker(self, adjacent: bool = False) -> Source | None:
        """Who the article was quoting, for a sentence that goes on with no subject ("Et
        d'ajouter que C"); adjacent: only from the sentence just before ("Et critique X" goes on
        with the subject of that sentence, not of one further back)."""
        if adjacent and self.distance > 0:
            return None
        return self._carried()

    def _carried(self) -> Source | None:
        """The speaker a quotation with none of its own continues, if still close enough."""
        limit = MAX_DISTANCE if self.quoted else MAX_DISTANCE_REPORT
        return self.last if self.last is not None and self.distance <= limit else None

    def carry(self, sent: Span, markers: list[tuple[Marker, str]], status: StatusRule) -> list[Claim]:
        out: list[Claim] = []
        alone = self._alone(sent)
        for q, start, end in self._speech_quotes(sent):
            inside = [(m, g) for m, g in markers if start <= m.start and m.end <= end]
            source, cue, labelled = self._colon_source(sent, q)
            if labelled:
                continue  # a name the quotation is labelled with: never the speaker before it
            if source is None and alone and self.distance > 0:
                # "X, joint par téléphone, se dit outré:" then the quotation as a paragraph: the
                # introducer's subject says it, and no speaker from before the introducer does
                source, cue = self._introducer(sent)
            if (
                source is None
                and self.last_claim is not None
                and alone
                and self._right_after()
                and self._same_paragraph(start)
            ):
                continue_claim(self.st.text, self.last_claim, start, end, [m for m, _ in inside])
                self.continued = True
                continue
            if start > q.inner_start:
                continue  # the rest of a quotation whose beginning is nobody's claim
            if source is None and not alone:
                # words quoted inside the writer's own sentence: said by its subject when the
                # quotation is that person's predicate ("l'agent « ne se l'explique pas »")
                source = self._predicate_subject(sent, q)
            if source is None and (alone or self._document_quoted_on()):
                # a quotation standing alone: the last speaker's. One inside the writer's own
                # sentence is often the passage's speaker, but as often a term the writer borrows
                # or an item the writer discusses ("Reid has gone after Trump as a 'human
                # leech'", "les sondés devaient dire s'ils partageaient « … »"): measured on the
                # training keys, the last speaker was wrong about as often as right, and a wrong
                # source is worse than none; unless a document was quoted just before: the writer
                # goes on quoting its text piecemeal
                source = None if self._subhead(q) else self._carried()
            if source is None:
                continue
            out.append(self._quoted(sent, start, end, source, cue, inside, status))
        return out

    def _quoted(
        self,
        sent: Span,
        start: int,
        end: int,
        source: Source,
        cue: Cue | None,
        inside: list[tuple[Marker, str]],
        status: StatusRule,
    ) -> Claim:
        """A quotation credited to its speaker: a direct claim, stated unless its own words hedge."""
        return Claim(
            id="",
            text=self.st.text[start:end],
            start=start,
            end=end,
            sentence=sentence_ref(sent),
            source=source,
            cue=cue,
            quote="direct",
            status=status("stated", inside, source, ""),
            markers=[m for m, _ in inside],
        )

    def after_incise(
        self, sent: Span, built: list[Claim], markers: list[tuple[Marker, str]], status: StatusRule
    ) -> list[Claim]:
        """'C, a expliqué la ministre : « Q »': the incise reports C, and the quotation its speaker
        opens with a colon is that speaker's next words, a claim of its own (speech, in this
        sentence, covered by no claim built). So with a passive's agent ("une analyse confirmée
        par X, de la Nef : « Q »"): the writer gives Q as X's words."""
        out: list[Claim] = []
        text = self.st.text
        speech = self._speech_quotes(sent)
        for claim in built:
            source = claim.source
            if source is None or claim.cue is None or source.start < 0 or claim.end > claim.cue.start:
                continue  # not an incise after its content
            rest = text[source.end : sent.end_char]
            if ":" not in rest:
                continue
            colon = source.end + rest.index(":")
            between = sent.doc.char_span(source.end, colon, alignment_mode="expand")
            if (
                between is None
                or len(between) > 8
                or any(is_finite(t) or t.text in OPENING_MARKS | CLOSING_MARKS for t in between)
            ):
                continue  # only the speaker's apposition ("…, Agnès Durand :") before the colon
            for q, start, end in speech:
                if start != q.inner_start or text[colon + 1 : q.start].strip():
                    continue
                if any(c.start < end and start < c.end for c in built):
                    continue
                inside = [(m, g) for m, g in markers if start <= m.start and m.end <= end]
                cue = Cue(text=":", lemma=":", start=colon, end=colon + 1)
                out.append(self._quoted(sent, start, end, source, cue, inside, status))
        return out

    def _subhead(self, q: QuoteSpan) -> bool:
        """A quotation set as a subhead between paragraphs ('« Nous n'avons rien caché »' alone on
        its line, no full stop): the article's title for what follows, nobody's next words (the
        speaker usually says it again below, with a cue). An answer in an interview ends as a
        sentence does ('« Oui, la semaine prochaine. »')."""
        text = self.st.text
        line_start = text.rfind("\n", 0, q.start) + 1
        line_end = text.find("\n", q.end)
        line = text[line_start : len(text) if line_end < 0 else line_end].strip().lstrip(">").strip()
        quoted = text[q.start : q.end]
        if not line.startswith(quoted) or line[len(quoted) :].strip() not in ("", "?"):
            return False
        inner = text[q.inner_start : q.inner_end].strip()
        return bool(inner) and inner[-1] not in ".!?…" and len(inner.split()) <= 15

    def _same_paragraph(self, start: int) -> bool:
        """Whether a quotation goes on in the paragraph of the last claim: a quotation paragraph
        of its own is a claim of its own (gold-v1: one per paragraph, the same speaker, no cue),
        while '"A," she said. "B."' is one utterance."""
        claim = self.last_claim
        if claim is None:
            return False
        last_end = max([claim.end, *(p.end for p in claim.continued)])
        return "\n" not in self.st.text[last_end:start]

    def _predicate_subject(self, sent: Span, q: QuoteSpan) -> Source | None:
        """The person whose predicate a quotation is: the subject, outside the quotation, of the
        verb whose clause holds it, when it names people."""
        doc = sent.doc
        inside = [t for t in sent if q.inner_start <= t.idx < q.inner_end]
        if not inside:
            return None
        verb = inside[0]
        for _ in range(6):  # up from the quotation's first word to a verb outside it
            if verb.pos_ in ("VERB", "AUX") and not (q.start <= verb.idx < q.end) or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        if passive_reflexive(verb, self.lex, sent.start):
            return None  # "se sont vu « ordonner de se taire »": told, they tell nothing
        for c in verb.children:
            if c.dep_ != "nsubj" or q.start <= c.idx < q.end:
                continue
            word = fold(c.text)
            if word in self.lex.quoted_self or word in ("qui", "que", "qu'", "ce", "c'", "cela", "ça"):
                return None
            start, end = c.left_edge.i, c.i + 1
            person = self.st.entity_in(doc[start].idx, c.idx + len(c.text), ("person",))
            if (
                person
                or (self.lex.pronoun_kinds.get(word) == "person")
                or (c.pos_ == "NOUN" and names_people(c, self.lex))
            ):
                return make_source(doc, start, end, self.lex, self.st)
        return None

    def _document_quoted_on(self) -> bool:
        return self.distance == 0 and self.last is not None and self.last.kind == "document"

    def _right_after(self) -> bool:
        """Whether the last claim was a quotation, in the sentence just before."""
        return self.quoted and self.distance == 0

    def _alone(self, sent: Span) -> bool:
        """Whether nothing but the quotation is said in the sentence (no narration with a verb of
        its own)."""
        inside = [
            (q.start, q.end) for q in self.st.quotes if q.end > sent.start_char and q.start < sent.end_char
        ]
        outside = [t for t in sent if not any(a <= t.idx < b for a, b in inside)]
        return not any(is_finite(t) for t in outside)

    def _speech_quotes(self, sent: Span) -> list[tuple[QuoteSpan, int, int]]:
        """Quotations of speech, not quoted words (four words or more and a finite verb), with
        their stretch in this sentence. The part of a quotation begun in an earlier sentence
        counts whatever its length: the quotation is speech already."""
        doc = sent.doc
        found = []
        for q in self.st.quotes:
            start, end = max(q.inner_start, sent.start_char), min(q.inner_end, sent.end_char)
            if end <= start:
                continue
            if q.inner_start < sent.start_char:
                found.append((q, start, end))
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            words = sum(1 for t in span if t.is_alpha)
            finite = any(is_finite(t) for t in span)
            if words >= 4 and finite:
                found.append((q, start, end))
        return found

    def _document_before(self, before: Span) -> Token | None:
        def is_document(t: Token) -> bool:
            return t.pos_ == "NOUN" and self.lex.source_kind_of_noun(fold(t.lemma_)) == "document"

        for tok in reversed(before):
            if tok.pos_ != "VERB":
                continue
            if fold(tok.lemma_) in self.lex.naming_verbs and tok.head.pos_ == "NOUN":
                return tok.head  # "un article …, intitulé :"
            objects = [c for c in tok.children if c.dep_ == "obj" and is_document(c)]
            if objects:
                return objects[0]  # "on peut lire le titre … :"
        nouns = [t for t in before if is_document(t)]
        return nouns[-1] if nouns else None

    def _lead_subject(self, before: Span) -> Source | None:
        """'Un pêcheur s'emporte devant les caméras : « … »', 'La préfète ne cède pas : « … »':
        whoever is the subject of the clause a colon ends says the quotation after it, if it
        names someone who can speak ("La réunion a duré trois heures : « … »" names no one)."""
        doc = before.doc
        roots = [
            t
            for t in before
            if (t.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in t.children))
            # ("le médecin interrogé est formel :": a copula's predicate heads the clause)
            and (t.head.i == t.i or not before.start <= t.head.i < before.end)
        ]
        for root in roots:
            for c in root.children:
                if c.dep_ not in ("nsubj", "nsubj:pass") or not before.start <= c.i < before.end:
                    continue
                if fold(c.text) in ("qui", "que", "qu'") or fold(c.text) in self.lex.quoted_self:
                    continue
                if _impersonal_passive(c, root):
                    continue  # "il est simplement notifié :": nobody, the text says it
                start = c.left_edge.i
                end = max(np_right(doc, start, min(c.right_edge.i + 1, before.end)), c.i + 1)
                if c.pos_ not in ("NOUN", "PROPN", "PRON") and c.text[:1].isupper() and start == c.i:
                    # a surname the tagger read as a verb ("…Benoist Apparu a voulu"): the name
                    # is the noun phrase that ends with it
                    start = np_left(doc, c.i, before.start)
                if speaker_like(doc, start, end, self.lex, self.st):
                    return make_source(doc, start, end, self.lex, self.st)
        if any(any(c.dep_ == "cop" for c in r.children) for r in roots):
            # "Pourtant la pharmacienne interrogée, qui …, est formelle :", the subject lost in the
            # parse: the noun phrase that opens the clause, if it names someone
            first = next((t.i for t in before if t.pos_ not in ("ADV", "CCONJ", "PUNCT", "SPACE")), None)
            if first is not None:
                end = np_right(doc, first, before.end)
                if end > first and speaker_like(doc, first, end, self.lex, self.st):
                    return make_source(doc, first, end, self.lex, self.st)
        return None

    def _introducer(self, sent: Span) -> tuple[Source | None, Cue | None]:
        """The sentence that ends the paragraph before on a colon, for a quotation paragraph: its
        subject, or the one person it names."""
        doc = sent.doc
        k = sent.start - 1
        while k >= 0 and (doc[k].is_space or doc[k].text == "\\"):  # "…:\": a Markdown line break
            k -= 1
        if k < 0 or doc[k].text != ":" or "\n" not in self.st.text[doc[k].idx : sent.start_char]:
            return None, None
        before = doc[doc[k].sent.start : k]
        subject = self._lead_subject(before)
        if subject is None and any(is_finite(t) for t in before):
            # the parse lost the subject ("Joint par téléphone, X, ancien maire, se dit outré:"):
            # the one person the introducer names, not after a preposition; else the speaker goes on
            subject = self._named_person(before)
        cue = Cue(text=":", lemma=":", start=doc[k].idx, end=doc[k].idx + 1)
        return subject, (cue if subject is not None else None)

    def _named_person(self, span: Span) -> Source | None:
        doc = span.doc
        people = [
            (start, end)
            for start, (eid, end) in sorted(self.st.mention_index.items())
            if span.start_char <= start and end <= span.end_char and eid.startswith("person:")
        ]
        if len({self.st.mention_index[a][0] for a, _ in people}) != 1:
            return None
        tokens = doc.char_span(people[0][0], people[0][1], alignment_mode="expand")
        if tokens is None or (tokens.start > span.start and doc[tokens.start - 1].pos_ == "ADP"):
            return None
        return make_source(doc, tokens.start, tokens.end, self.lex, self.st)

    def _lead_speaker(self, before: Span) -> Source | None:
        """The speaker a lead of one noun phrase names ("François Dupont :", "Le maire de Lyon :"):
        no verb, and a person, an organisation or a noun of people, never a place ("Cannes :")."""
        doc = before.doc
        tokens = list(before)
        if tokens and tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
            # "Dupont (PS) :": the party or the place in brackets qualifies the name
            tokens = tokens[: max(i for i, t in enumerate(tokens) if t.text == "(")]
        words = [t for t in tokens if not t.is_punct and not t.is_space and t.text != ">"]
        if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        start, end = words[0].i, words[-1].i + 1
        if np_right(doc, start, end) != end or not speaker_like(doc, start, end, self.lex, self.st):
            return None
        span = doc[start:end]
        if not self.st.entity_in(span.start_char, span.end_char, ("person", "organization")) and not any(
            t.pos_ == "NOUN" and (self.lex.source_kind_of_noun(fold(t.lemma_)) or names_people(t, self.lex))
            for t in span
        ):
            return None  # a bare name the entities do not know may be a place
        return make_source(doc, start, end, self.lex, self.st)

    def _colon_source(self, sent: Span, q: QuoteSpan) -> tuple[Source | None, Cue | None, bool]:
        """'Le constat est sans appel : « … »': the noun before the colon says whose words.
        The flag: the lead is a name the entities do not know ("Issindou (PS) : « … »"), which
        says the quotation is someone's (not the last speaker's) though not whose."""
        doc = sent.doc
        lead = text_of(doc)[sent.start_char : q.start].rstrip()
        if not lead.endswith(":"):
            return None, None, False
        colon = doc.char_span(
            len(lead) - 1 + sent.start_char, len(lead) + sent.start_char, alignment_mode="expand"
        )
        cue = Cue(text=":", lemma=":", start=sent.start_char + len(lead) - 1, end=sent.start_char + len(lead))
        before = doc[sent.start : colon.start if colon is not None else sent.end]
        if any(t.pos_ == "VERB" for t in before):
            # "un article publié par X, intitulé : « … »", "on peut lire le titre : « … »": the
            # quotation is the text of the document the clause names
            document = self._document_before(before)
            if document is not None:
                found = make_source(doc, document.left_edge.i, document.i + 1, self.lex, self.st)
                if found is not None:
                    return found, cue, False
            subject = self._lead_subject(before)
            if subject is not None:
                return subject, cue, False
            return self._carried(), cue, False
        heads = [t for t in before if t.dep_ == "nsubj"]
        for head in heads:
            if head.pos_ not in ("NOUN", "PROPN"):
                continue
            kind = self.lex.source_kind_of_noun(fold(head.lemma_))
            if head.pos_ == "NOUN" and kind not in _SOURCE_NOUN_KINDS and not names_people(head, self.lex):
                continue  # "Le procureur adjoint, X, abonde : « … »" (the verb read as an adjective)
            start = head.left_edge.i
            end = np_right(doc, start, before.end)  # "Lucky Love à Cannes :" -> "Lucky Love"
            if head.pos_ == "PROPN" and not self.st.entity_in(
                doc[start].idx,
                doc[end - 1].idx + len(doc[end - 1].text),
                ("person", "organization", "country"),
            ):
                continue  # "Cannes : « … »" — a place is no speaker
            source = make_source(doc, start, end, self.lex, self.st)
            if source is not None:
                return source, cue, False
        # "Jean Dupont : « … »" with the parse lost in the quotation (no subject anywhere): a noun
        # phrase that is all the lead and names someone who speaks
        named = self._lead_speaker(before)
        if named is not None:
            return named, cue, False
        if any(t.pos_ == "PROPN" for t in before) and not any(t.pos_ == "AUX" for t in before):
            return None, None, True  # "Issindou (PS) :" unknown to the entities
        carried = self._carried()
        return (carried, cue, False) if carried is not None else (None, None, False)


def _impersonal_passive(subject: Token, verb: Token) -> bool:
    """'il est précisé :', 'il est simplement notifié :': the "il" of a bare passive, nothing after
    the participle, is impersonal; 'il est toujours surpris de l'attitude du Centre :' is someone."""
    return (
        fold(subject.text) == "il"
        and any(c.dep_ == "aux:pass" for c in verb.children)
        and not any(c.i > verb.i and not c.is_punct for c in verb.children)
    )


def nested_in_quotation(claim: Claim, st: DocState) -> bool:
    """Whether a claim's cue and source lie inside a quotation ("« … Ils écrivent que C … »"):
    the quoted speaker reports someone else."""
    if claim.cue is None or claim.source is None or claim.source.start < 0:
        return False
    if claim.start <= claim.cue.start < claim.end:
        return False  # an incise ("« A, salue X. B »"): X speaks the quotation, X is not nested
    for q in st.quotes:
        if q.inner_start <= claim.cue.start and claim.cue.end <= q.inner_end:
            return q.inner_start <= claim.source.start and claim.source.end <= q.inner_end
    return False


def continue_claim(text: str, claim: Claim, start: int, end: int, markers: list[Marker]) -> None:
    """Add the stretch start:end to a claim as its next piece; a stretch that only a sentence end
    separates from the last piece ('… this. The campaign …' inside one quotation) lengthens it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    last = claim.continued[-1] if claim.continued else claim
    if last.end <= start and not text[last.end : start].strip(" \t\n.!?…"):
        last.end = end
        last.text = text[last.start : end]
    else:
        claim.continued.append(Piece(text=text[start:end], start=start, end=end))
    claim.markers.extend(markers)
