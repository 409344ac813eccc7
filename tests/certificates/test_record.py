"""The signed record on the back page: every certificate's data round-trips through it; bytes
that are not a record this renderer wrote are a RecordError, never a crash or a wrong document;
parts join only into the record they were cut from."""

import json
import zlib
from dataclasses import replace
from datetime import date

import pytest

from certificates_templates import record as records
from certificates_templates.fonts import fonts
from certificates_templates.record import RecordError

from .samples import (FOREIGNER, family_register, fuhyo, household, seal_certificate,
                      tax_certificate)

DOCUMENTS = [household(4), household(12), replace(household(1), persons=(FOREIGNER,)),
             seal_certificate(), tax_certificate(), family_register(True), family_register(False),
             fuhyo()]


def _deflate(text: bytes) -> bytes:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return deflate.compress(text) + deflate.flush()


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: type(d).__name__)
def test_every_certificate_round_trips_without_its_document_id(doc):
    record = records.encode(doc, fonts())
    assert records.decode(record) == replace(doc, meta=replace(doc.meta, document_id=""))
    assert records.version_of(record) == records.renderer_version(fonts())
    assert b"T0001" not in zlib.decompress(record, -15)      # the 発行番号 is each copy's own


@pytest.mark.parametrize("bad", [
    b"", b"not deflate at all", _deflate(b"[1, 2]"), _deflate(b'{"v": 1}'),
    _deflate(b'{"v": "x", "t": "Nothing", "d": []}'),
    _deflate(b'{"v": "x", "t": "SealCertificate", "d": [1, 2]}'),
    _deflate(b"\xff\xfe not utf-8"), _deflate(b"{}") + b"trailing",
    _deflate(b" " * (records.RECORD_BYTES + 10)),
])
def test_what_is_not_a_record_is_a_record_error(bad):
    with pytest.raises(RecordError):
        records.decode(bad)


def test_a_field_of_the_wrong_type_is_a_record_error():
    body = json.loads(zlib.decompress(records.encode(seal_certificate(), fonts()), -15))
    for path, value in (((2,), 7), ((3,), "1970-13-40"), ((3,), "1970-05-05T10:00:00"),
                        ((0, 0, 0), None), ((6, 2), "large"), ((6,), [1])):
        broken = json.loads(json.dumps(body))
        target = broken["d"]
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        with pytest.raises(RecordError):
            records.decode(_deflate(json.dumps(broken).encode()))


def _register_with(value):
    """A 戸籍 whose first 戸籍事項 item holds `value`, and where the record keeps it."""
    doc = family_register(True)
    event = doc.register_events[0]
    item = replace(event.items[0], value=value)
    return replace(doc, register_events=(replace(event, items=(item,) + event.items[1:]),)
                   + doc.register_events[1:])


@pytest.mark.parametrize("value", [date(2020, 2, 29), "2020-02-29", "令和２年２月２９日"])
def test_a_register_item_keeps_whether_it_held_a_date_or_a_text(value):
    doc = _register_with(value)
    back = records.decode(records.encode(doc, fonts())).register_events[0].items[0].value
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("tagged", [{"date": "2020-02-30"}, {"datetime": "2020-02-29T10:00"},
                                    {"date": "2020-02-29", "str": "x"}, {"str": "x"}, 7,
                                    None, ["2020-02-29"]])
def test_a_register_item_of_no_type_it_can_hold_is_a_record_error(tagged):
    body = json.loads(zlib.decompress(records.encode(_register_with("x"), fonts()), -15))
    body["d"][3][0][1][0][1] = tagged        # register_events[0].items[0].value
    with pytest.raises(RecordError):
        records.decode(_deflate(json.dumps(body, ensure_ascii=False).encode()))


def test_parts_join_only_into_their_own_record():
    big = records.encode(household(12), fonts()) * 8          # several parts' worth
    other = records.encode(household(2), fonts())
    parts = records.split(big)
    assert len(parts) >= 2 and records.join(reversed(parts)) == big
    assert records.join(parts[:-1]) is None                   # one missing
    assert records.join(parts + records.split(other)) is None  # two records mixed
    assert records.join([parts[0], parts[0]] + parts[1:]) == big  # a code seen twice
    tampered = parts[0][:-1] + bytes([parts[0][-1] ^ 1])
    assert records.join([tampered] + parts[1:]) is None
    with pytest.raises(RecordError):
        records.split(b"x" * (records.PART_BYTES * records.MAX_PARTS + 1))
