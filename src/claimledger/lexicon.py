"""Language knowledge, loaded from `data/<lang>/*.toml`.

Code asks the lexicon ("which class is this verb?", "is this a hedge?") instead of carrying word
lists, so a linguist extends French, or adds English, by editing data files only.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .errors import InputError


def fold(text: str) -> str:
    """Lowercase and fold typographic apostrophes, the form every phrase list is matched in."""
    return text.lower().replace("’", "'")


@dataclass(frozen=True)
class Place:
    """A country or organisation of the gazetteer: one real thing, many names."""

    code: str
    name: str
    type: str  # "country" | "organization"
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]


def _unaccent(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _reflexive_key(entry: str) -> str | None:
    """ "se féliciter" / "s'inquiéter" -> the verb's lemma, for entries that need the clitic."""
    if entry.startswith("se "):
        return entry[3:]
    if entry.startswith("s'"):
        return entry[2:]
    return None


@dataclass(eq=False)  # compared by identity: one loaded lexicon per language, usable as a cache key
class Lexicon:
    lang: str
    # cue entry (folded) -> class; entries are verbs, pronominal verbs or multiword cues
    verb_class: dict[str, str] = field(default_factory=dict)
    # verbs that report only in an incise ("« … », lance X")
    incise_class: dict[str, str] = field(default_factory=dict)
    # first word of a multiword cue -> (following words, entry): "faire" -> (("valoir",), "faire valoir")
    multiword: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # lemma of a pronominal verb -> its entry: "féliciter" -> "se féliciter"
    reflexive: dict[str, str] = field(default_factory=dict)
    requires_complement: dict[str, str] = field(default_factory=dict)
    negative_subjects: frozenset[str] = frozenset()  # "personne ne croit": nobody reports
    asserting_negations: frozenset[str] = frozenset()  # "n'hésite pas à dire": says it
    impersonal_verbs: frozenset[str] = frozenset()  # "il faut", "il s'agit": "il" is nobody
    reflexive_content_prepositions: frozenset[str] = frozenset()  # "se dit en colère"
    passive_reflexives: frozenset[str] = frozenset()  # "s'est vu ordonner": told, not telling
    no_passive: frozenset[str] = frozenset()
    relative_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    partner_prepositions: frozenset[str] = frozenset()  # "a parlé avec X": X is no content
    partner_if_speaker: frozenset[str] = frozenset()  # "à" is a partner before a speaker only
    call_prepositions: frozenset[str] = frozenset()  # "appelle à la grève": what is called for
    # first word -> following words of phrases that look like cues and are not ("accuser réception")
    not_cues: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    noun_class: dict[str, str] = field(default_factory=dict)
    prepositions_document: list[str] = field(default_factory=list)
    prepositions_from: list[str] = field(default_factory=list)
    genitive: frozenset[str] = frozenset()
    comparison_words: frozenset[str] = frozenset()
    channel_nouns: frozenset[str] = frozenset()
    agent_suffixes: tuple[str, ...] = ()
    person_suffixes: tuple[str, ...] = ()  # suffixes that only make nouns of people
    channel_names: frozenset[str] = frozenset()
    report_time_words: frozenset[str] = frozenset()
    speculative_verbs: frozenset[str] = frozenset()
    clause_breaks: list[str] = field(default_factory=list)
    adjunct_subordinators: frozenset[str] = frozenset()
    report_manner_phrases: list[tuple[str, ...]] = field(default_factory=list)
    class_status: dict[str, str] = field(default_factory=dict)
    class_marker: dict[str, str] = field(default_factory=dict)
    negated_status: dict[str, str] = field(default_factory=dict)
    requires_source_kind: dict[str, list[str]] = field(default_factory=dict)
    disclosure_verbs: frozenset[str] = frozenset()  # "révéler": reports whatever its source
    prepositions_anywhere: list[str] = field(default_factory=list)
    prepositions_initial: list[str] = field(default_factory=list)
    prepositions_final: list[str] = field(default_factory=list)
    prepositions_read: list[str] = field(default_factory=list)
    indefinite_determiners: frozenset[str] = frozenset()
    source_nouns: dict[str, list[str]] = field(default_factory=dict)
    pronoun_kinds: dict[str, str] = field(default_factory=dict)
    thing_pronouns: frozenset[str] = frozenset()
    relative_words: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()  # "que", "that": open a reported clause
    question_subordinators: frozenset[str] = frozenset()  # "si", "whether": an indirect question
    negation_particles: frozenset[str] = frozenset()  # "ne", "n'"
    strong_negations: frozenset[str] = frozenset()  # "pas", "jamais": "ne" is a negation with one
    object_clitics: frozenset[str] = frozenset()  # "l'", "s'", "lui": between subject and verb
    addressee_prepositions: frozenset[str] = frozenset()  # "à", "auprès", "lors": verb complements
    clock_prepositions: tuple[str, ...] = ()  # "vers", "at": a number of hours after it is a time
    clock_units: frozenset[str] = frozenset()
    thought_classes: frozenset[str] = frozenset()
    # classes whose status holds only for what is still to come ("avertir que l'usine fermera"
    # is speculative; "prévenir de la diffusion d'un reportage" only informs)
    prospective_classes: frozenset[str] = frozenset()
    modality: dict[str, list[str]] = field(default_factory=dict)
    modals: dict[str, list[str]] = field(default_factory=dict)
    bounds: dict[str, list[str]] = field(default_factory=dict)
    bounds_after: dict[str, list[str]] = field(default_factory=dict)
    range_open: frozenset[str] = frozenset()
    range_close: frozenset[str] = frozenset()
    range_bare: frozenset[str] = frozenset()
    vague_scale_determiners: frozenset[str] = frozenset()
    thousands_separators: tuple[str, ...] = (" ",)
    decimal_separator: str = ","
    rank_words: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()
    minus_words: frozenset[str] = frozenset()
    pair_determiners: frozenset[str] = frozenset()
    age_cues: tuple[str, ...] = ()
    unit_kinds: dict[str, str] = field(default_factory=dict)
    fractions: dict[str, float] = field(default_factory=dict)
    boilerplate_lines: list[str] = field(default_factory=list)
    boilerplate_inline: list[str] = field(default_factory=list)
    repeated_max_words: int = 30
    repeated_min_articles: int = 3
    approximate: dict[str, int] = field(default_factory=dict)
    # the words before an approximate number noun: "une douzaine" (one of them), "des milliers"
    # (a vague plural), and between two of them: "des dizaines de milliers"
    approximate_singular: frozenset[str] = frozenset()
    approximate_plural: frozenset[str] = frozenset()
    approximate_of: frozenset[str] = frozenset()
    scales: dict[str, int] = field(default_factory=dict)
    number_words: frozenset[str] = frozenset()
    not_alone: frozenset[str] = frozenset()
    units: dict[str, str] = field(default_factory=dict)
    months: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    # the parser's dependency labels: "ud" (Universal Dependencies, French) or "clear" (ClearNLP,
    # spaCy's English models); frame finders are registered per scheme (analyse/frames/core.py)
    parse_scheme: str = "ud"
    addressee_verbs: frozenset[str] = frozenset()  # "told reporters": the object is who hears it
    preposition_content: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "call for"
    quoted_self: frozenset[str] = frozenset()  # "I think" inside a quotation
    interrogatives: frozenset[str] = frozenset()  # "quelle rédaction" asks, it names nobody
    demonstratives: frozenset[str] = frozenset()  # "celui qui …": the relative names the speaker

    object_content: frozenset[str] = frozenset()  # "acknowledged a collaborative relationship"
    ner_types: dict[str, str] = field(default_factory=dict)  # NER label -> entity type
    place_prepositions: frozenset[str] = frozenset()  # "à Moscou": a seat used as a place
    number_abbreviations: frozenset[str] = frozenset()  # "art. 12": the period ends no sentence
    place_heads: frozenset[str] = frozenset()  # "département (du Morbihan)": the kind, not the name
    inverted_pronouns: frozenset[str] = frozenset()
    quote_pairs: list[tuple[str, str]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    lemma_fallbacks: list[tuple[str, str]] = field(default_factory=list)
    conditional_suffixes: tuple[str, ...] = ()
    conditional_stems: tuple[str, ...] = ()
    future_suffixes: tuple[str, ...] = ()

    def cue_entries(self, table: dict[str, str]) -> None:
        """Index multiword and pronominal entries of a cue table, so a verb token finds them."""
        for entry in table:
            base = _reflexive_key(entry)
            if base is not None:
                self.reflexive[base] = entry
            elif " " in entry:
                first, *rest = entry.split()
                self.multiword.setdefault(first, []).append((tuple(rest), entry))
        for first in self.multiword:  # longest first: "mettre en avant" before "mettre en"
            self.multiword[first].sort(key=lambda item: -len(item[0]))

    def is_cue_word(self, lemma: str) -> bool:
        """Whether any cue entry (or idiom that looks like one) starts with this verb."""
        return (
            lemma in self.verb_class
            or lemma in self.incise_class
            or lemma in self.multiword
            or lemma in self.reflexive
            or lemma in self.not_cues
        )

    def lemma_candidates(self, form: str) -> list[str]:
        """Lemmas a verb form may have when the lemmatizer misses ("montre" -> "montrer")."""
        return [form[: -len(suf)] + rep for suf, rep in self.lemma_fallbacks if form.endswith(suf)]

    def is_conditional_form(self, form: str, lemma: str) -> bool:
        """Conditional = future stem + imperfect ending: the infinitive ('constituer' +
        'ait'), the infinitive without its final e ('prendr' + 'ait') or an irregular stem."""
        for ending in self.conditional_suffixes:
            if form.endswith(ending):
                stem = form[: -len(ending)]
                if stem and (stem == lemma or stem + "e" == lemma or stem in self.conditional_stems):
                    return True
        return False

    def is_future_form(self, form: str, lemma: str) -> bool:
        """Future = the infinitive (or an irregular stem) + these endings ("fermera", "mèneront"
        from "mener", accents aside): the tagger reads some as present."""
        plain_lemma = _unaccent(lemma)
        for ending in self.future_suffixes:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                stem = _unaccent(form[: -len(ending)])
                if stem in (plain_lemma, plain_lemma[:-1]) or stem in self.conditional_stems:
                    return True
        return False

    def source_kind_of_noun(self, lemma: str) -> str | None:
        """Kind of source a head noun names, in the data file's order of precedence."""
        for kind in ("anonymous", "vague", "document", "role", "organization", "group"):
            if lemma in self.source_nouns.get(kind, ()):
                return kind
        return None


def load_data(lang: str, name: str) -> dict[str, Any]:
    """One data file of a language (`data/LANG/NAME.toml`), empty when the language has none."""
    path = resources.files("claimledger") / "data" / lang / f"{name}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class BriefWords:
    """The words a brief is written with in one language (`data/<lang>/brief.toml`)."""

    lang: str
    labels: dict[str, str]
    status_words: dict[str, str]
    phrases: dict[str, str]


@cache
def brief_words(lang: str) -> BriefWords:
    """A language without brief words writes its briefs in French, the project's first language."""
    data = load_data(lang, "brief") if lang in available_languages() else {}
    if not data:
        lang, data = "fr", load_data("fr", "brief")
    return BriefWords(lang, dict(data["labels"]), dict(data["status_words"]), dict(data["phrases"]))


def available_languages() -> list[str]:
    root = resources.files("claimledger") / "data"
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def analysed_languages() -> list[str]:
    """Languages with reporting cues, i.e. the ones `analyze` can read."""
    return [lang for lang in available_languages() if load_data(lang, "reporting")]


# the gazetteer's entries are ids: "country" rows are "country:KP", "organization" rows "org:NATO"
# (as analyse/entities.py writes them)
GAZETTEER_PREFIXES = {"country": "country", "organization": "org"}
_ARTICLES = ("la ", "le ", "les ", "l ", "the ")


def alias_key(name: str) -> str:
    """A name as people type it: case, accents, hyphens, apostrophes and dots aside ("Israel" and
    "Israël", "nord-coréens" and "Nord-Coréens", "U.S." and "u s" are one key)."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@cache
def gazetteer_aliases() -> dict[str, frozenset[str]]:
    """Every name, demonym and seat of every language's gazetteer -> the entity ids it names:
    "Pyongyang", "nord-coréens", "North Korea" -> country:KP; "Israel", "Israël" -> country:IL."""
    out: dict[str, set[str]] = {}
    for lang in available_languages():
        gaz = load_data(lang, "gazetteer")
        for kind, prefix in GAZETTEER_PREFIXES.items():
            for row in gaz.get(kind, []):
                eid = f"{prefix}:{row['code']}"
                for name in (
                    row["name"],
                    *row.get("names", []),
                    *row.get("demonyms", []),
                    *row.get("seats", []),
                ):
                    key = alias_key(str(name))
                    if key:
                        out.setdefault(key, set()).add(eid)
    return {k: frozenset(v) for k, v in out.items()}


def entity_ids_for(name: str) -> frozenset[str]:
    """The gazetteer's entity ids for a name as a user typed it, in any language the gazetteer
    knows ("la Corée du Nord", "Pyongyang", "nord-coréens" -> country:KP); none when it knows no
    such name (people are not in the gazetteer)."""
    key = alias_key(name)
    aliases = gazetteer_aliases()
    if key in aliases:
        return aliases[key]
    for article in _ARTICLES:  # "la Corée du Nord", "l'OTAN", "the White House"
        if key.startswith(article) and key[len(article) :] in aliases:
            return aliases[key[len(article) :]]
    return frozenset()


@cache
def load_lexicon(lang: str) -> Lexicon:
    if lang not in available_languages():
        raise InputError(f"no language data for '{lang}'")
    rep = load_data(lang, "reporting")
    src = load_data(lang, "sources")
    mod = load_data(lang, "modality")
    qty = load_data(lang, "quantities")
    lng = load_data(lang, "language")
    gaz = load_data(lang, "gazetteer")
    chrome = load_data(lang, "boilerplate")
    lex = Lexicon(lang=lang)
    for cls, verbs in rep.get("verbs", {}).items():
        for verb in verbs:
            lex.verb_class[fold(verb)] = cls
    for cls, verbs in rep.get("incise_verbs", {}).items():
        for verb in verbs:
            lex.incise_class[fold(verb)] = cls
    lex.cue_entries(lex.verb_class)
    lex.cue_entries(lex.incise_class)
    lex.requires_complement = {fold(k): v for k, v in rep.get("requires_complement", {}).items()}
    lex.negative_subjects = frozenset(fold(w) for w in rep.get("negative_subjects", []))
    lex.asserting_negations = frozenset(fold(w) for w in rep.get("asserting_negations", []))
    lex.impersonal_verbs = frozenset(fold(w) for w in rep.get("impersonal_verbs", []))
    lex.reflexive_content_prepositions = frozenset(
        fold(w) for w in rep.get("reflexive_content_prepositions", [])
    )
    lex.passive_reflexives = frozenset(fold(w) for w in rep.get("passive_reflexives", []))
    lex.no_passive = frozenset(fold(w) for w in rep.get("no_passive", []))
    lex.relative_verbs = frozenset(fold(w) for w in rep.get("relative_verbs", []))
    lex.naming_verbs = frozenset(fold(w) for w in rep.get("naming_verbs", []))
    lex.partner_prepositions = frozenset(fold(w) for w in rep.get("partner_prepositions", []))
    lex.partner_if_speaker = frozenset(fold(w) for w in rep.get("partner_if_speaker", []))
    lex.call_prepositions = frozenset(fold(w) for w in rep.get("call_prepositions", []))
    lex.thought_classes = frozenset(rep.get("thought_classes", []))
    lex.prospective_classes = frozenset(rep.get("prospective_classes", []))
    lex.addressee_verbs = frozenset(fold(w) for w in rep.get("addressee_verbs", []))
    lex.object_content = frozenset(fold(w) for w in rep.get("object_content", []))
    lex.preposition_content = {fold(k): tuple(v) for k, v in rep.get("preposition_content", {}).items()}
    lex.quoted_self = frozenset(src.get("quoted_self", []))
    lex.interrogatives = frozenset(fold(w) for w in src.get("interrogatives", []))
    lex.demonstratives = frozenset(fold(w) for w in src.get("demonstratives", []))
    for phrase in rep.get("not_cues", []):
        first, *rest = fold(phrase).replace("'", "' ").split()
        lex.not_cues.setdefault(first, []).append(tuple(rest))
    for cls, nouns in rep.get("nouns", {}).items():
        for noun in nouns:
            lex.noun_class[fold(noun)] = cls
    lex.class_status = dict(rep.get("status", {}))
    lex.class_marker = dict(rep.get("marker", {}))
    lex.negated_status = dict(rep.get("negated", {}))
    lex.requires_source_kind = dict(rep.get("requires_source_kind", {}))
    lex.disclosure_verbs = frozenset(fold(w) for w in rep.get("disclosure", {}).get("verbs", []))
    preps = rep.get("prepositions", {})
    lex.prepositions_anywhere = [fold(p) for p in preps.get("anywhere", [])]
    lex.prepositions_initial = [fold(p) for p in preps.get("sentence_initial", [])]
    lex.prepositions_final = [fold(p) for p in preps.get("sentence_final", [])]
    lex.prepositions_read = [fold(p) for p in preps.get("read_in", [])]
    lex.prepositions_document = [fold(p) for p in preps.get("document_initial", [])]
    lex.prepositions_from = [fold(p) for p in preps.get("from_source", [])]
    lex.genitive = frozenset(fold(p) for p in preps.get("genitive", []))
    lex.comparison_words = frozenset(fold(p) for p in preps.get("comparison", []))
    lex.indefinite_determiners = frozenset(fold(d) for d in src.get("indefinite_determiners", []))
    lex.source_nouns = {
        k: [fold(w) for w in v]
        for k, v in src.items()
        if isinstance(v, list) and k not in ("indefinite_determiners", "agent_suffixes", "person_suffixes")
    }
    channels = src.get("channels", {})
    lex.channel_nouns = frozenset(fold(w) for w in channels.get("nouns", []))
    lex.channel_names = frozenset(channels.get("names", []))
    lex.agent_suffixes = tuple(src.get("agent_suffixes", []))
    lex.person_suffixes = tuple(src.get("person_suffixes", []))
    lex.pronoun_kinds = dict(src.get("pronouns", {}))
    lex.thing_pronouns = frozenset(fold(w) for w in src.get("thing_pronouns", []))
    lex.modality = {k: [fold(w) for w in v] for k, v in mod.items() if isinstance(v, list)}
    lex.modals = dict(mod.get("modals", {}))
    lex.speculative_verbs = frozenset(fold(w) for w in mod.get("speculative_verbs", []))
    lex.bounds = {k: [fold(w) for w in v] for k, v in qty.get("bounds", {}).items()}
    lex.bounds_after = {k: [fold(w) for w in v] for k, v in qty.get("bounds_after", {}).items()}
    ranges = qty.get("ranges", {})
    lex.range_open = frozenset(ranges.get("open", []))
    lex.range_close = frozenset(ranges.get("close", []))
    lex.range_bare = frozenset(ranges.get("bare", []))
    lex.vague_scale_determiners = frozenset(qty.get("vague_scales", {}).get("determiners", []))
    lex.thousands_separators = tuple(qty.get("thousands_separators", [" "]))
    lex.decimal_separator = str(qty.get("decimal_separator", ","))
    lex.rank_words = frozenset(fold(w) for w in qty.get("rank_words", []))
    lex.pair_nouns = frozenset(fold(w) for w in qty.get("pair_nouns", []))
    lex.minus_words = frozenset(fold(w) for w in qty.get("minus_words", []))
    lex.pair_determiners = frozenset(fold(w) for w in qty.get("pair_determiners", []))
    lex.age_cues = tuple(fold(w) for w in qty.get("age_cues", []))
    units_kinds = dict(qty.get("unit_kinds", {}))
    lex.unit_kinds = {u: units_kinds.get(u, "measure") for u in set(qty.get("units", {}).values())}
    lex.fractions = {fold(k): float(v) for k, v in qty.get("fractions", {}).items()}
    lex.approximate = dict(qty.get("approximate", {}))
    words = qty.get("approximate_words", {})
    lex.approximate_singular = frozenset(fold(w) for w in words.get("singular", []))
    lex.approximate_plural = frozenset(fold(w) for w in words.get("plural", []))
    lex.approximate_of = frozenset(fold(w) for w in words.get("of", []))
    lex.scales = dict(qty.get("scales", {}))
    lex.number_words = frozenset(qty.get("number_words", []))
    lex.not_alone = frozenset(qty.get("not_alone", []))
    lex.units = {fold(k): v for k, v in qty.get("units", {}).items()}
    lex.months = frozenset(qty.get("months", []))
    lex.clock_prepositions = tuple(fold(w) for w in qty.get("clock_prepositions", []))
    lex.clock_units = frozenset(fold(w) for w in qty.get("clock_units", []))
    lex.function_words = frozenset(lng.get("function_words", []))
    lex.parse_scheme = str(lng.get("parse_scheme", "ud"))
    lex.ner_types = dict(lng.get("ner_types", {}))
    lex.place_prepositions = frozenset(fold(w) for w in lng.get("place_prepositions", []))
    lex.place_heads = frozenset(fold(w) for w in lng.get("place_heads", []))
    lex.number_abbreviations = frozenset(fold(w) for w in lng.get("number_abbreviations", []))
    lex.inverted_pronouns = frozenset(lng.get("inverted_pronouns", []))
    lex.quote_pairs = [(a, b) for a, b in lng.get("quote_pairs", [])]
    lex.lemma_fallbacks = [(a, b) for a, b in lng.get("verb_lemma_fallbacks", [])]
    lex.conditional_suffixes = tuple(lng.get("conditional_suffixes", []))
    lex.conditional_stems = tuple(lng.get("conditional_stems", []))
    lex.future_suffixes = tuple(lng.get("future_suffixes", []))
    lex.report_time_words = frozenset(fold(w) for w in lng.get("report_time_words", []))
    lex.clause_breaks = [fold(w) for w in lng.get("clause_breaks", [])]
    lex.adjunct_subordinators = frozenset(fold(w) for w in lng.get("adjunct_subordinators", []))
    lex.relative_words = frozenset(fold(w) for w in lng.get("relative_words", []))
    lex.complementizers = frozenset(fold(w) for w in lng.get("complementizers", []))
    lex.question_subordinators = frozenset(fold(w) for w in lng.get("question_subordinators", []))
    lex.negation_particles = frozenset(fold(w) for w in lng.get("negation_particles", []))
    lex.strong_negations = frozenset(fold(w) for w in lng.get("strong_negations", []))
    lex.object_clitics = frozenset(fold(w) for w in lng.get("object_clitics", []))
    lex.addressee_prepositions = frozenset(fold(w) for w in lng.get("addressee_prepositions", []))
    lex.report_manner_phrases = [
        tuple(fold(p).replace("'", "' ").split()) for p in lng.get("report_manner_phrases", [])
    ]
    lex.boilerplate_lines = list(chrome.get("lines", []))
    lex.boilerplate_inline = list(chrome.get("inline", []))
    lex.repeated_max_words = int(chrome.get("repeated", {}).get("max_words", 30))
    lex.repeated_min_articles = int(chrome.get("repeated", {}).get("min_articles", 3))
    for kind in ("country", "organization"):
        for row in gaz.get(kind, []):
            lex.places.append(
                Place(
                    code=row["code"],
                    name=row["name"],
                    type=kind,
                    names=tuple(row.get("names", [])),
                    demonyms=tuple(row.get("demonyms", [])),
                    seats=tuple(row.get("seats", [])),
                )
            )
    return lex
