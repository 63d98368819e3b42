"""Rebuild data/lending_club.csv from the R package modeldata (not needed by the course).

Usage (Debian or Ubuntu, with the PyPI package rdata installed: ``pip install rdata``)::

    python data/make_lending_club_csv.py

It downloads Debian's ``r-cran-modeldata`` package (1.1.0) into a temporary folder, unpacks it
and reads the data frame ``lending_club`` from the package's R lazy-load database
(``data/Rdata.rdb``, indexed by ``data/Rdata.rdx``) without R: the index is a compressed R
serialization that lists each object's offset and length in the database, and each object there
is a 4-byte length, a type byte and an LZMA2 stream (type ``Z``) or a zlib stream, which
``rdata`` turns into a pandas DataFrame. The script keeps every column and row, encodes the
outcome ``Class`` as ``bad`` (1 = "bad", 0 = "good"), writes the CSV next to this script and
prints its SHA-256. Pass the path of an unpacked ``modeldata`` folder (the one holding
``data/Rdata.rdb``) to skip the download.
"""

import glob
import gzip
import hashlib
import lzma
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import rdata

OUTPUT = Path(__file__).with_name("lending_club.csv")
OBJECT = "lending_club"


def find_package(folder: str) -> Path:
    """Download and unpack r-cran-modeldata into ``folder``; return the modeldata folder."""
    subprocess.run(["apt-get", "download", "r-cran-modeldata"], cwd=folder, check=True)
    (deb,) = glob.glob(f"{folder}/r-cran-modeldata_*.deb")
    subprocess.run(["dpkg", "-x", deb, f"{folder}/unpacked"], check=True)
    (rdb,) = glob.glob(f"{folder}/unpacked/**/modeldata/data/Rdata.rdb", recursive=True)
    return Path(rdb).parent.parent


def unserialize(data: bytes):
    """An R serialization (XDR), converted to Python objects by ``rdata``."""
    return rdata.conversion.convert(rdata.parser.parse_data(data, expand_altrep=True))


def decompress_entry(entry: bytes) -> bytes:
    """One object of an R lazy-load database: a 4-byte length, then its compressed bytes."""
    kind = entry[4:5]
    if kind == b"Z":  # xz-compressed: a raw LZMA2 stream
        filters = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME}]
        return lzma.decompress(entry[5:], format=lzma.FORMAT_RAW, filters=filters)
    return zlib.decompress(entry[4:])  # R's default: zlib


def read_lazy_load(package: Path, name: str):
    """The object ``name`` from ``package/data/Rdata.rdb`` (R's lazy-load database)."""
    index = (package / "data" / "Rdata.rdx").read_bytes()
    index = gzip.decompress(index) if index[:2] == b"\x1f\x8b" else zlib.decompress(index[4:])
    offset, length = (int(value) for value in unserialize(index)["variables"][name])
    with open(package / "data" / "Rdata.rdb", "rb") as database:
        database.seek(offset)
        return unserialize(decompress_entry(database.read(length)))


def convert(package: Path) -> None:
    """Read ``lending_club``, encode the outcome and write the CSV."""
    frame = read_lazy_load(package, OBJECT)
    frame["bad"] = (frame.pop("Class").astype(str) == "bad").astype(int)
    frame.to_csv(OUTPUT, index=False, lineterminator="\n")
    print(f"wrote {OUTPUT} ({len(frame)} rows, {frame['bad'].sum()} bad)")
    print("sha256", hashlib.sha256(OUTPUT.read_bytes()).hexdigest())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        convert(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            convert(find_package(tmp))
