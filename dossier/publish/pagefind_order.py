"""Make Pagefind's filter files the same on every run: same input, same output, byte for byte.

Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to run, and
names every file after a hash of its bytes; so the filter files, the metadata file naming them
and pagefind-entry.json naming that differ between two builds of the same site. Here the values
are put in order, the files renamed after their new bytes, and the references updated. The files
are gzip-compressed CBOR after a ``pagefind_dcd`` signature; only the few CBOR types Pagefind
writes are read (unsigned integers, strings, arrays, maps).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class _Map(list):
    """A CBOR map, kept as its (key, value) pairs in order."""


def _decode(data: bytes, at: int):
    first = data[at]
    major, info = first >> 5, first & 31
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR item not written by Pagefind (0x{first:02x})")
    if major == 0:
        return argument, at
    if major in (2, 3):
        raw = data[at : at + argument]
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = _Map()
        for _ in range(argument):
            key, at = _decode(data, at)
            value, at = _decode(data, at)
            pairs.append((key, value))
        return pairs, at
    raise ValueError(f"CBOR item not written by Pagefind (0x{first:02x})")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError("CBOR item not written by Pagefind")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def unpack(compressed: bytes):
    """A Pagefind index file's value (metadata, filter): gzip, the signature, then CBOR."""
    data = gzip.decompress(compressed)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    value, _ = _decode(data, len(SIGNATURE))
    return value


def _read(path: Path):
    return unpack(path.read_bytes())


def _packed(value, hash_length: int) -> tuple[str, bytes]:
    """The file's bytes, and the hash Pagefind would name it by (of the same length as before)."""
    data = SIGNATURE + _encode(value)
    return hashlib.sha256(data).hexdigest()[:hash_length], gzip.compress(data, compresslevel=9, mtime=0)


def make_filters_repeatable(bundle: Path) -> None:
    """Rewrite the filter files of a Pagefind bundle (site/pagefind/) in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        prefix, _, old_hash = language["hash"].rpartition("_")  # e.g. "en", "325667eec6"
        meta_path = bundle / f"pagefind.{prefix}_{old_hash}.pf_meta"
        meta = _read(meta_path)
        renamed = []
        for name, file_hash in meta[3]:  # MetaIndex: version, pages, index_chunks, filters, ...
            old = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(old)
            digest, packed = _packed([filter_name, sorted(values, key=lambda pair: pair[0])], len(file_hash) - len(prefix) - 1)
            old.unlink()
            (old.parent / f"{prefix}_{digest}.pf_filter").write_bytes(packed)
            renamed.append([name, f"{prefix}_{digest}"])
        meta[3] = sorted(renamed)
        digest, packed = _packed(meta, len(old_hash))
        meta_path.unlink()
        (bundle / f"pagefind.{prefix}_{digest}.pf_meta").write_bytes(packed)
        language["hash"] = f"{prefix}_{digest}"
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
