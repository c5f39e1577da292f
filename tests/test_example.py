"""The motivating article: what the issue says claimledger must show on it."""

from __future__ import annotations

from claimledger.model import Analysis
from conftest import claim_with


def test_lloyd_austin_confirms_with_mixed_quote(example: Analysis) -> None:
    claim = claim_with(example, "il y avait des « preuves »")
    assert claim.source is not None and "Lloyd Austin" in claim.source.text
    assert claim.source.kind == "person"
    assert claim.source.entity == "person:lloyd-austin"
    assert claim.status == "confirmed"
    assert claim.cue is not None and claim.cue.lemma == "confirmer"
    assert claim.quote == "mixed"


def test_passive_confirmation_by_anonymous_officials(example: Analysis) -> None:
    claim = next(c for c in example.claims if c.cue and c.cue.text == "a été confirmée")
    assert claim.source is not None
    assert claim.source.text == "des responsables américains"
    assert claim.source.kind == "anonymous"
    assert claim.status == "confirmed"


def test_pyongyang_denial_normalised_to_north_korea(example: Analysis) -> None:
    claim = claim_with(example, "l’envoi de troupes")
    assert claim.source is not None and claim.source.text == "Pyongyang"
    assert claim.source.entity == "country:KP"
    assert claim.status == "denied"
    assert any(m.kind == "denial" and m.text == "ait nié" for m in claim.markers)


def test_fled_soldiers_are_alleged(example: Analysis) -> None:
    claim = claim_with(example, "auraient abandonné leurs postes")
    assert claim.status == "alleged"
    assert claim.source is None
    assert any(m.kind == "conditional" and m.text == "auraient" for m in claim.markers)


def test_tunnellers_speculative_up_to_15000(example: Analysis) -> None:
    claim = claim_with(example, "pourrait envoyer jusqu’à 15 000 tunneliers")
    assert claim.status == "speculative"
    assert claim.source is not None and claim.source.kind == "vague"
    quantities = {q.id: q for q in example.quantities}
    figures = [quantities[qid] for qid in claim.quantities]
    assert any(
        q.bound == "up_to" and q.value == 15000 and q.high == 15000 and q.counted == "tunnelier"
        for q in figures
    )


def test_intelligence_at_least_3000_soldiers(example: Analysis) -> None:
    claim = claim_with(example, "au moins 3 000 soldats")
    assert claim.source is not None and claim.source.text == "les renseignements"
    assert claim.cue is not None and claim.cue.lemma == "selon"
    q = next(q for q in example.quantities if q.id in claim.quantities)
    assert (q.bound, q.value, q.low, q.counted) == ("at_least", 3000, 3000, "soldat")


def test_more_than_a_dozen(example: Analysis) -> None:
    q = next(q for q in example.quantities if "douzaine" in q.text)
    assert (q.bound, q.value, q.low) == ("more_than", 12, 12)
    assert q.counted == "soldat"


def test_stubb_direct_quote_after_colon(example: Analysis) -> None:
    claim = claim_with(example, "La Russie montre des signes de grande détresse")
    assert claim.source is not None and "Alexander Stubb" in claim.source.text
    assert claim.source.entity == "person:alexander-stubb"
    assert claim.quote == "direct"
    assert claim.cue is not None and claim.cue.lemma == "déclarer"
    assert claim.text.startswith("La Russie")


def test_rumours_said_by_north_korea_are_a_denial(example: Analysis) -> None:
    claim = claim_with(example, "ces affirmations sont des rumeurs")
    assert claim.status == "denied"
    assert claim.source is not None and claim.source.entity == "country:KP"


def test_videos_are_documents(example: Analysis) -> None:
    claim = claim_with(example, "recevant des équipements militaires")
    assert claim.source is not None and claim.source.kind == "document"
    assert claim.status == "confirmed"


def test_vague_reports_are_not_laundered(example: Analysis) -> None:
    """'Des révélations indiquent que…' must not come out as a plain statement."""
    claim = claim_with(example, "des milliers de conteneurs")
    assert claim.source is not None and claim.source.kind == "vague"
    assert claim.status == "alleged"


def test_subheads_are_neither_claims_nor_entities(example: Analysis) -> None:
    names = {m.text for e in example.entities for m in e.mentions}
    assert not any("DÉFENSIVE" in n or "DÉSESPOIR" in n for n in names)
    assert not any(c.text.startswith("APPEL") or c.text.startswith("LES SIGNES") for c in example.claims)


def test_one_entity_for_north_korea(example: Analysis) -> None:
    kp = [e for e in example.entities if e.id == "country:KP"]
    assert len(kp) == 1
    texts = {m.text for m in kp[0].mentions}
    assert {"Corée du Nord", "nord-coréens", "Pyongyang"} <= texts
    putin = next(e for e in example.entities if e.id == "person:vladimir-poutine")
    assert {"Poutine", "Vladimir Poutine"} <= {m.text for m in putin.mentions}
