"""gunzip_capped: one whole gzip member in one zlib call, everything else through gzip as before."""

from __future__ import annotations

import gzip

import pytest

from newsfuse.ingest import rawbytes
from newsfuse.ingest.errors import IngestError
from newsfuse.ingest.rawbytes import gunzip_capped

PAGE = b"<html><body><p>The pier at Skell reopened on Friday.</p></body></html>" * 50


def test_one_member_is_read_in_one_call():
    packed = gzip.compress(PAGE)
    assert rawbytes._one_member(packed, 10_000) == PAGE == gunzip_capped(packed, 10_000)


@pytest.mark.parametrize("packed", [
    gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:]),  # two members
    gzip.compress(PAGE) + b"\x00" * 8,  # zero padding after the member
])
def test_other_layouts_are_read_as_before(packed):
    assert rawbytes._one_member(packed, 10_000) is None
    assert gunzip_capped(packed, 10_000) == PAGE


def test_damage_and_the_cap_keep_their_reasons():
    packed = gzip.compress(PAGE)
    assert rawbytes._one_member(packed, len(PAGE) - 1) is None
    with pytest.raises(IngestError, match="over the 3,499 bytes limit once decompressed"):
        gunzip_capped(packed, len(PAGE) - 1)
    with pytest.raises(IngestError, match="^truncated gzip"):
        gunzip_capped(packed[:-12], 10_000)
    crc_broken = packed[:-8] + bytes([packed[-8] ^ 1]) + packed[-7:]
    assert rawbytes._one_member(crc_broken, 10_000) is None
    with pytest.raises(IngestError, match="^corrupt gzip: CRC check failed"):
        gunzip_capped(crc_broken, 10_000)
