"""The cardio demo's gold values agree with the number normaliser run on each span's text."""

from medlabel.core.demo import cardio
from medlabel.core.normalize import normalise


def test_every_cardio_span_normalises_to_its_gold_value():
    batch = cardio.generate(200, seed=3)
    normalisers = {et.name: et.normaliser for et in batch.entity_types}
    checked = 0
    for doc in batch.documents:
        for span in doc.spans:
            got = normalise(doc.text[span.start : span.end], normalisers[span.type])
            assert (got.value, got.unit) == (span.value, span.unit), (doc.external_id, span)
            checked += 1
    assert checked > 1500
