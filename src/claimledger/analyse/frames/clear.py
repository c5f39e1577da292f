"""Frames read from a ClearNLP-labelled parse (spaCy's English models): reporting verbs with
their subject and complement, quotes before or after "X said", reporting verbs that share a
subject ("said … and added that …"), relative speakers ("Warren, who added that …"), "was quoted
as saying", and the preposition "according to". Which verbs report, and how, is the language's
data (`reporting.toml`); only the label scheme is fixed here.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ...lexicon import Lexicon, fold
from ..state import QuoteSpan
from .core import (
    Context,
    Frame,
    content_end,
    frame_finder_for,
    looks_like_source,
    negative_subject,
    quote_around,
    quote_starting,
)

SUBJECT = ("nsubj", "nsubjpass", "csubj")
CONTENT = ("ccomp", "xcomp", "advcl")
OBJECT_CONTENT = ("dobj", "attr")  # "denied the report", "confirmed the attack"
# classes whose object is what they report on (a denial of "the allegations" is a claim)
OBJECT_CLASSES = {"deny", "confirm", "evidence", "accuse", "doubt", "allege"}
# what a speaker's phrase keeps of its subtree: its name, title and "of" phrases, not a
# relative clause or an apposition that says more about it
SPEAKER_LEAVES = {"relcl", "acl", "appos", "punct", "advmod", "prep"}  # "X and Y say": both speak
OF_WORDS = {"of", "for", "at", "with"}  # "a spokesman for the campaign", "officials at the bank"
SPEAKER_POS = ("NOUN", "PROPN", "PRON")


def _cue_class(tok: Token, ctx: Context) -> tuple[str, str, int] | None:
    """(class, lemma, end token) of a reporting verb, with its particle ("point out")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
        return None
    lemma = fold(tok.lemma_)
    for child in tok.children:
        if child.dep_ == "prt":
            phrase = f"{lemma} {fold(child.text)}"
            if phrase in ctx.lex.verb_class:
                return ctx.lex.verb_class[phrase], phrase, max(tok.i, child.i) + 1
    cls = ctx.lex.verb_class.get(lemma)
    return (cls, lemma, tok.i + 1) if cls else None


def _speaker(tok: Token) -> tuple[int, int]:
    """Token range of the speaker a subject names: its head noun with determiners, names and
    titles ("Retired Lt. Gen. Michael Flynn"), and "of"/"for" phrases ("a spokesman for the
    campaign"), without what a comma adds."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Warren, who added that": Warren speaks
    if tok.dep_ == "pobj" and tok.ent_type_ == "PERSON":
        # a name the parser put inside a phrase before it: the name alone
        lo = hi = tok.i
        while lo > 0 and tok.doc[lo - 1].ent_iob_ == "I" and tok.doc[lo].ent_iob_ == "I":
            lo -= 1
        return lo, hi + 1
    lo, hi = tok.i, tok.i
    for child in tok.children:
        # "the Democratic candidate Hillary Clinton": a name right after the noun, with no
        # comma, is the speaker's name, not an apposition that says more
        named = child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i == tok.i + 1
        if (
            child.dep_ in SPEAKER_LEAVES
            and not (child.dep_ == "prep" and child.lower_ in OF_WORDS)
            and not named
        ):
            continue
        if child.dep_ == "conj" and child.pos_ not in ("NOUN", "PROPN"):
            continue
        if child.i < tok.i:
            lo = min(lo, child.left_edge.i)
        else:
            hi = max(hi, child.right_edge.i)
    return lo, hi + 1


# what can follow the verb of an incise before its closing comma: "he told me on Friday,"
INCISE_TAIL = ("advmod", "npadvmod", "prt", "prep", "dobj", "dative", "iobj")
DASHES = {"-", "--", "—", "–", "―"}


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT and child.pos_ in SPEAKER_POS + ("DET", "NUM", "ADJ"):
            if not _dateline(child):
                return child
            # "WASHINGTON -- President Obama … said": the place before the dash is where the
            # story was filed; the parser can make it a subject, the speaker its apposition
            appos = next((c for c in child.children if c.dep_ == "appos" and c.i > child.i + 1), None)
            if appos is not None:
                return appos
    return None


def _dateline(tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text in DASHES and tok.text.isupper() and len(tok.text) > 2


def _quoted_apart(subject: Token, verb: Token, ctx: Context) -> bool:
    quote = quote_around(ctx.st.quotes, subject.idx)
    return quote is not None and quote is not quote_around(ctx.st.quotes, verb.idx)


def _incise_name(verb: Token, ctx: Context) -> Token | None:
    doc = verb.doc
    quote = next((q for q in reversed(ctx.st.quotes) if q.end <= verb.idx), None)
    if quote is None:
        return None
    for tok in doc[verb.sent.start : verb.i]:
        if tok.idx >= quote.end and tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
            return tok
    return None


def _as_incise(subject: Token, verb: Token) -> Token | None:
    """ "Hawaii, as one of his advisers pointed out, rarely sees…": the parser can make the
    clause's subject the verb's, with the real speaker in an "as" phrase after a comma (hung on
    the subject or on the verb)."""
    for prep in [*subject.children, *verb.children]:
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i < verb.i and prep.i > 0:
            if prep.doc[prep.i - 1].text == ",":
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _inherited(verb: Token) -> Token | None:
    """The subject a reporting verb without one shares: "said … and added", "was quoted as
    saying", "declined to say", "went on to say"."""
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None  # "as might be expected": nobody's
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ("conj", "xcomp", "advcl", "pcomp") or tok.head is tok:
            return None
        if tok.dep_ == "xcomp":
            # "forced Stumpf to admit", "asked the mayor to confirm": the object does it
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.pos_ in SPEAKER_POS), None)
            if obj is not None:
                return obj
        tok = tok.head
        if tok.dep_ == "prep":  # "quoted as saying": as -> quoted
            tok = tok.head
        found = _subject(tok)
        if found is not None:
            return found
    return None


def _adjunct(clause: Token, lex: Lexicon) -> bool:
    """An adverbial clause that says when, why or how the speaker spoke, not what: one opened by
    "when", "while", "because"… ("said when she resigned"), or a participle with no subject of
    its own ("Speaking to students, Biden said", "he said, looking at the crowd")."""
    if any(c.dep_ == "mark" and fold(c.text) in lex.adjunct_subordinators for c in clause.children):
        return True
    if any(
        c.dep_ == "advmod" and c.tag_ == "WRB" and fold(c.text) in lex.adjunct_subordinators
        for c in clause.children
    ):
        return True
    return clause.tag_ in ("VBG", "VBN") and not any(c.dep_ in SUBJECT for c in clause.children)


def _content(verb: Token, cls: str, lex: Lexicon) -> Token | None:
    for dep in CONTENT:
        found = [
            c
            for c in verb.children
            if c.dep_ == dep
            and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ")
            and not (dep == "advcl" and _adjunct(c, lex))
        ]
        if found:
            # a clause after the verb before one the parser hung on it from before ("Writing for a
            # panel that agreed Pence won, Barabak noted that…")
            that = [
                c
                for c in found
                if c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
            return that[0] if that else found[0]
    lemma = fold(verb.lemma_)
    for obj in (c for c in verb.children if c.dep_ == "dobj" and lemma in lex.addressee_verbs):
        # "told a meeting of island leaders that few people…": the parser hung the that-clause
        # on the hearers
        for clause in obj.subtree:
            if clause.dep_ in ("ccomp", "acl", "relcl") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
            ):
                return clause
    if cls in OBJECT_CLASSES or lemma in lex.object_content:
        for child in verb.children:
            # "denied the allegations", "acknowledged a collaborative relationship"; not "said it"
            if (
                child.dep_ in OBJECT_CONTENT
                and child.pos_ in ("NOUN", "PROPN")
                and len(list(child.subtree)) > 1
            ):
                return child
    for child in verb.children:  # "called for the repeal of", "warned of a crisis"
        if child.dep_ == "prep" and fold(child.text) in lex.preposition_content.get(lemma, ()):
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj
    return None


def _reports_on(verb: Token, cls: str, subject: Token, ctx: Context) -> bool:
    """Whether a verb's plain object is what it reports. Not for a participle modifying a noun
    or a subject ("residents reporting damage"), nor for evidence verbs whose subject is no document ("he
    showed support" is no finding; "the video shows the attack" is)."""
    if verb.dep_ in ("acl", "csubj", "csubjpass"):
        return False
    if cls == "evidence":
        if subject.pos_ == "PRON":
            return fold(subject.text) in ctx.lex.thing_pronouns  # "they would reveal", not "he showed"
        return _is_document(subject, ctx)
    return True


def _is_document(subject: Token, ctx: Context) -> bool:
    return subject.pos_ == "NOUN" and ctx.lex.source_kind_of_noun(fold(subject.lemma_)) == "document"


def _name_before(verb: Token) -> Token | None:
    """ "In a meeting with the board of the Washington Post Trump said that…": without the comma,
    the parser swallows the speaker's name into the opening phrase. A person's name right before
    a reporting verb that has no subject is its speaker."""
    doc = verb.doc
    if verb.dep_ != "ROOT" or verb.i == 0:
        return None
    before = doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.dep_ != "pobj" or before.ent_type_ != "PERSON":
        return None
    return before


def _named(verb: Token) -> tuple[Token, Token] | None:
    """ "called climate change a hoax": what is named and what it is called (dobj, oprd)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    predicate = next((c for c in verb.children if c.dep_ == "oprd"), None)
    if predicate is None:
        return None
    # "called Trump a liar" is often parsed with the name inside the predicate
    return (obj if obj is not None else predicate.left_edge), predicate


def _sentence_end_between(ctx: Context, tok: Token, char: int) -> bool:
    """'"…," he said. "…"' (a new sentence) rather than '"…," he said, "…"' (one sentence):
    whether a sentence ends between the token and the character."""
    return any(ch in ".!?" for ch in ctx.st.text[tok.idx + len(tok.text) : char])


def _as_clause_content(sent: Span, verb: Token) -> tuple[int, int] | None:
    """ "As many experts have pointed out, Trump is free to…": a verb in an "as" clause reports
    the clause it hangs on, before or after it."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    head = verb.head
    if verb.i < head.i:
        start, end = verb.right_edge.i + 1, head.right_edge.i + 1
    else:
        start, end = head.left_edge.i, verb.left_edge.i
    doc = sent.doc
    start, end = _trimmed(sent, start, end)
    if end - start < 3:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _opens_sentence(ctx: Context, quote: QuoteSpan) -> bool:
    """Whether a quotation opens its sentence or paragraph (a quotation of its own, not words
    quoted inside a clause or the second half of a split quotation)."""
    text, i = ctx.st.text, quote.start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in "\n.!?"


def _mid_incise(sent: Span, verb: Token, source: tuple[int, int]) -> bool:
    """Whether speaker and verb stand between commas inside the sentence, with a clause of at
    least three words before them and nothing of theirs."""
    doc = sent.doc
    lo = min(source[0], verb.i)
    if lo - sent.start < 4 or doc[lo - 1].text != ",":
        return False
    before = doc[sent.start : lo - 1]
    if any(t.head.i == verb.i or t.i == verb.head.i for t in before):
        return False  # an opening phrase of the verb's own ("In a statement,") or its head
    nxt = _incise_end(sent, verb, verb.i + 1)
    return (
        nxt < sent.end
        and doc[nxt].text == ","
        and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in before)
    )


def _incise_end(sent: Span, verb: Token, i: int) -> int:
    """The token after what an incise's verb carries from token i on ("he told me on Friday,")."""
    doc = sent.doc
    while i < sent.end and doc[i].dep_ in INCISE_TAIL and doc[i].head.i == verb.i:
        i = doc[i].right_edge.i + 1
    return i


def _quote_before(sent: Span, verb: Token, ctx: Context, source: tuple[int, int]) -> QuoteSpan | None:
    """The quotation that ends right before the speaker and the verb ('"…," he said')."""
    doc = sent.doc
    lo = doc[min(source[0], verb.i)].idx
    found = [q for q in ctx.st.quotes if sent.start_char <= q.start and q.end <= lo and lo - q.end <= 3]
    return found[-1] if found else None


def _quote_content(sent: Span, verb: Token, ctx: Context, source: tuple[int, int]) -> tuple[int, int] | None:
    """The quotation a speech verb with no complement is the incise of: '"…," he said', 'he
    said: "…"', '"…," he said, "…"' (both halves), or the clause around a comma incise ("Climate
    change, Mr. Obama often says, is the greatest threat")."""
    doc = sent.doc
    lo = min(source[0], verb.i)
    hi = max(source[1], verb.i + 1)
    quotes = [q for q in ctx.st.quotes if sent.start_char <= q.start and q.end <= sent.end_char]
    before = _quote_before(sent, verb, ctx, source)
    after = [
        q
        for q in quotes
        if q.start >= doc[hi - 1].idx and q.start - (doc[hi - 1].idx + len(doc[hi - 1].text)) <= 3
    ]
    if before is not None and after and not _sentence_end_between(ctx, doc[hi - 1], after[0].start):
        return before.inner_start, after[0].inner_end  # '"…," he said, "…"': one quotation, split
    if before is not None:  # a quotation after "he said." goes on in a piece (_quote_after)
        return before.inner_start, before.inner_end
    if after:
        return after[0].inner_start, after[0].inner_end
    alone = verb.dep_ == "ROOT" and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in verb.children
    )
    if alone and all(t.is_punct or t.is_space for t in doc[sent.start : lo]):
        # '"…"' then 'Councillor Ross said, pointing at the lot.': the segmenter cut the quotation
        # from its incise; the quotation just before the sentence is what was said
        for q in ctx.st.quotes:
            if q.end <= sent.start_char and sent.start_char - q.end <= 3 and _opens_sentence(ctx, q):
                return q.inner_start, q.inner_end  # a quotation of its own, not a second half
    if lo > sent.start and doc[lo - 1].dep_ in ("mark", "prep") and doc[lo - 1].lower_ == "as":
        lo -= 1  # "Hawaii, as one of his advisers pointed out, does not…"
    hi = _incise_end(sent, verb, hi)  # "The truth, the senator said then (in May), was that…"
    left = doc[lo - 1] if lo > sent.start else None
    right = doc[hi] if hi < sent.end else None
    if left is not None and left.text == "," and right is not None and right.text == ",":
        return sent.start_char, content_end(sent)  # the incise is left out by the claim's own cuts
    return None


def _quoted_head(verb: Token) -> Token | None:
    """ "…," he said: the quoted clause the parser made the head of "said" (parataxis)."""
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        return verb.head
    return None


def _trimmed(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Token range start:end without the punctuation and spaces at either end."""
    doc = sent.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _range(sent: Span, tok: Token, stop: Token | None = None) -> tuple[int, int]:
    """Character range of a clause's subtree; before `stop` (the reporting verb's own phrase)
    when the clause is the head of it."""
    doc = sent.doc
    start = tok.left_edge.i
    end = tok.right_edge.i + 1
    if stop is not None:
        end = min(end, stop.left_edge.i)
    start, end = _trimmed(sent, start, end)
    if start >= end:
        return 0, 0
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


@frame_finder_for("clear")
def reporting_verbs(sent: Span, ctx: Context) -> list[Frame]:
    out: list[Frame] = []
    for tok in sent:
        found = _cue_class(tok, ctx)
        if found is None:
            continue
        cls, lemma, cue_end = found
        content = _content(tok, cls, ctx.lex)
        quoted = None if content is not None else _quoted_head(tok)
        subject = _subject(tok)
        if subject is not None and subject.dep_ == "nsubjpass":
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if pobj is None:
                continue  # "it was reported that": nobody is credited
            subject = pobj
        if subject is None:
            if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
                continue  # "Asked to describe the device, O'Neill said": he was asked, he asked nothing
            subject = _inherited(tok) or _name_before(tok)
        if subject is not None and _quoted_apart(subject, tok, ctx):
            # 'said on "Fox and Friends."': words inside a quotation the verb is not in are no
            # speaker; the name between the quotation and the verb is ('"…," Flynn, an adviser, said')
            subject = _incise_name(tok, ctx)
        if subject is None:
            continue
        if content is None and cls in ctx.lex.thought_classes and _is_document(subject, ctx):
            content = _content(tok, "evidence", ctx.lex)  # "a 2014 study found 31 incidents"
            cls = "evidence" if content is not None else cls
        if subject.lower_ == "it" and cls not in ("evidence",):
            continue  # "it is said that", "it seems": no speaker
        if subject.lower_ in ctx.lex.quoted_self and quote_around(ctx.st.quotes, tok.idx) is not None:
            continue  # "I think NATO may be obsolete" inside a quote is the quoted speaker's claim
        incise = _as_incise(subject, tok)
        if incise is not None:
            subject, content, quoted = incise, None, None  # the whole clause is what was said
        elif (
            content is not None and content.dep_ in OBJECT_CONTENT and not _reports_on(tok, cls, subject, ctx)
        ):
            content = None
        source = _speaker(subject)
        if content is not None:
            chars = _range(sent, content)
            forward = content.i > tok.i
            before = None if forward else _quote_before(sent, tok, ctx, source)
            if before is not None and _opens_sentence(ctx, before):
                chars = (before.inner_start, before.inner_end)  # '… . "C," said X': the quotation
            elif not forward and source[0] > content.i:
                # "A, but B, the source added": everything before the speaker is reported
                chars = (_first_char(sent), chars[1])
            elif forward and _subject(tok) is not None and _mid_incise(sent, tok, source):
                # "To understand the case, the judge said, one should visit…": the clause runs
                # on both sides of the incise
                chars = (_first_char(sent), chars[1])
        elif quoted is not None:
            # '"…," said X' parsed as the head of the verb: the quotation, not all the head covers
            # (a sentence before it that the segmenter left in)
            before = _quote_before(sent, tok, ctx, source)
            chars = (
                (before.inner_start, before.inner_end)
                if before is not None
                else _range(sent, quoted, stop=tok)
            )
            forward = False
        elif (named := _named(tok)) is not None and fold(tok.lemma_) in ctx.lex.naming_verbs:
            chars = (named[0].left_edge.idx, _range(sent, named[1])[1])
            forward = True
        elif _subject(tok) is not None and (main := _as_clause_content(sent, tok)) is not None:
            chars, forward = main, main[0] > tok.idx
        else:
            around = _quote_content(sent, tok, ctx, source)
            if around is None:
                continue
            chars, forward = around, around[0] > tok.idx
        if forward:
            chars = _whole_quotation(sent, ctx, chars)
        if fold(ctx.st.text[chars[0] : chars[1]]) in ctx.lex.relative_words:
            continue  # "what she called a rant": the content is elsewhere in the sentence
        if chars[1] - chars[0] < 3:
            continue
        if source[0] <= content_token(content, quoted) < source[1]:
            continue
        frame = Frame(
            cls,
            lemma,
            (tok.i, cue_end),
            source,
            chars,
            forward,
            negated=any(c.dep_ == "neg" for c in tok.children) or negative_subject(tok, ctx.lex),
            construction="clear-verb" if content is not None else "clear-quote",
            verb=tok.i,
        )
        explicit = forward and content is not None and _subject(tok) is not None
        first = _quote_before(sent, tok, ctx, source) if explicit else None
        if first is not None and first.inner_end <= chars[0]:
            # '"If you look back," Scott said, "I could have…"': both halves are what he said
            frame = replace(frame, content=(first.inner_start, chars[1]), forward=False)
        rest = None if frame.forward else _quote_after(sent, tok, ctx, source, frame.content[1])
        said_end = sent.doc[max(source[1], cue_end) - 1]
        if rest is not None and not _sentence_end_between(ctx, said_end, rest[0]):
            # '"…," the treasurer said, "…"': the second half of one quotation
            frame = replace(frame, content=(frame.content[0], rest[1]))
            rest = None
        out.append(frame)
        if rest is not None:  # '"…," he said. "…"': the quotation goes on (one claim, in pieces)
            out.append(replace(frame, content=rest, forward=True, construction="clear-quote"))
    return out


def _whole_quotation(sent: Span, ctx: Context, chars: tuple[int, int]) -> tuple[int, int]:
    """'told reporters, "We lost. The second half was a disaster."': content that opens a
    quotation runs to its end (in this sentence), whatever the parse made of the clauses in it."""
    for q in ctx.st.quotes:
        if q.inner_start <= chars[0] <= q.inner_start + 1 and chars[1] < q.inner_end:
            return chars[0], min(q.inner_end, sent.end_char)
    return chars


def _quote_after(
    sent: Span, verb: Token, ctx: Context, source: tuple[int, int], end: int
) -> tuple[int, int] | None:
    doc = sent.doc
    hi = max(source[1], verb.i + 1)
    stop = doc[hi - 1].idx + len(doc[hi - 1].text)
    for q in ctx.st.quotes:
        if q.start >= stop and q.start - stop <= 3 and q.end <= sent.end_char and q.inner_start > end:
            return q.inner_start, q.inner_end
    return None


def _first_char(sent: Span) -> int:
    doc = sent.doc
    i = sent.start
    while i < sent.end and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return doc[i].idx if i < sent.end else sent.start_char


def content_token(content: Token | None, quoted: Token | None) -> int:
    tok = content if content is not None else quoted
    return tok.i if tok is not None else -1


@frame_finder_for("clear")
def according_to(sent: Span, ctx: Context) -> list[Frame]:
    """ "According to X, C" / "C, according to X": X is credited with the clause it qualifies."""
    out: list[Frame] = []
    doc = sent.doc
    for tok in sent:
        two = f"{fold(tok.text)} {fold(doc[tok.i + 1].text)}" if tok.i + 1 < sent.end else ""
        if two not in ctx.lex.prepositions_anywhere:
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        source = _speaker(pobj)
        phrase_start, phrase_end = tok.i, source[1]
        before = (sent.start, phrase_start)
        after = (phrase_end, sent.end)
        # the side that holds the sentence's main verb is what the phrase qualifies ("C, according
        # to the Foundation, more than twice what it projected": not the apposition after it)
        root = sent.root.i
        holding = [r for r in (before, after) if r[0] <= root < r[1] and r[1] - r[0] >= 3]
        start, end = _trimmed(
            sent, *(holding[0] if holding else max((before, after), key=lambda r: r[1] - r[0]))
        )
        if end - start < 3:
            continue
        chars = (doc[start].idx, min(doc[end - 1].idx + len(doc[end - 1].text), content_end(sent)))
        out.append(
            Frame(
                cls="prep",
                lemma="according to",
                cue=(tok.i, tok.i + 2),
                source=source,
                content=chars,
                forward=start > tok.i,
                construction="clear-according",
            )
        )
    return out


@frame_finder_for("clear")
def reporting_nouns(sent: Span, ctx: Context) -> list[Frame]:
    """ "Trump's claim that C", "a warning from officials that C": the noun's owner or "from"/"by"
    phrase is the source, its that-clause the content."""
    out: list[Frame] = []
    for tok in sent:
        if tok.pos_ != "NOUN":
            continue
        cls = ctx.lex.noun_class.get(fold(tok.lemma_))
        if cls is None:
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i), None)
        if clause is None or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")):
                owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if owner is not None:
                    break
        if owner is None or owner.pos_ not in SPEAKER_POS:
            continue
        chars = _range(sent, clause)
        if chars[1] - chars[0] < 3:
            continue
        out.append(
            Frame(
                cls=cls,
                lemma=fold(tok.lemma_),
                cue=(tok.i, tok.i + 1),
                source=_speaker(owner),
                content=chars,
                forward=True,
                construction="clear-noun",
            )
        )
    return out


@frame_finder_for("clear")
def colon_label(sent: Span, ctx: Context) -> list[Frame]:
    """ "Poll: Clinton and Trump in dead heat", "Limbaugh: 'It reeks of fear'": a short name or
    source noun before a colon that opens the sentence is who says what follows (headline style).
    A clause before the colon ("Here is one example: …") is the writer's."""
    doc = sent.doc
    colon = next((t for t in sent[:8] if t.text == ":"), None)
    if colon is None or colon.i == sent.start or colon.i + 2 >= sent.end:
        return []
    left = doc[sent.start : colon.i]
    quoted = quote_starting(ctx.st.quotes, colon.idx + 1, slack=3)
    said = _cue_class(left[0], ctx)
    if (
        said is not None
        and len(left) > 1
        and all(t.pos_ in ("PROPN", "NOUN", "DET", "PUNCT") for t in left[1:])
    ):
        # 'Said Ellis: "…"': the verb first, the speaker after it
        end = quoted.inner_end if quoted is not None else content_end(sent)
        start = quoted.inner_start if quoted is not None else doc[min(colon.i + 1, sent.end - 1)].idx
        return [
            Frame(
                said[0],
                said[1],
                (left[0].i, said[2]),
                (left[0].i + 1, colon.i),
                (start, end),
                True,
                construction="clear-colon",
                verb=left[0].i,
            )
        ]
    verb = doc[colon.i - 1]
    subject = _subject(verb) if verb.pos_ == "VERB" else None
    if quoted is not None and subject is not None and subject.i >= sent.start:
        # 'Limbaugh continued: "…"': whoever goes on speaking says the quotation
        return [
            Frame(
                "say",
                fold(verb.lemma_),
                (verb.i, verb.i + 1),
                _speaker(subject),
                (quoted.inner_start, quoted.inner_end),
                True,
                construction="clear-colon",
                verb=verb.i,
            )
        ]
    if any(t.pos_ in ("VERB", "AUX") for t in left) or not any(t.pos_ in SPEAKER_POS for t in left):
        return []
    if not looks_like_source(left, ctx):
        return []
    start, end = colon.i + 1, sent.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start < 2:
        return []
    chars = (doc[start].idx, content_end(sent))
    return [
        Frame(
            "say",
            ":",
            (colon.i, colon.i + 1),
            (left.start, left.end),
            chars,
            True,
            construction="clear-colon",
        )
    ]
