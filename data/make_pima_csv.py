"""Rebuild data/pima_diabetes.csv from mlbench's PimaIndiansDiabetes2 (not needed by the course).

Usage (Debian or Ubuntu, with the PyPI package pyreadr installed: ``pip install pyreadr``)::

    python data/make_pima_csv.py

It downloads Debian's ``r-cran-mlbench`` package into a temporary folder, unpacks it, reads
``PimaIndiansDiabetes2.rda`` (the version whose impossible zeros are recorded as missing), renames
the columns, encodes the outcome as 0/1 and writes the CSV next to this script. Pass the path of a
``PimaIndiansDiabetes2.rda`` you already have to skip the download.
"""

import glob
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import pyreadr

COLUMN_NAMES = {
    "pregnant": "pregnancies",
    "glucose": "glucose",
    "pressure": "blood_pressure",
    "triceps": "skin_thickness",
    "insulin": "insulin",
    "mass": "bmi",
    "pedigree": "pedigree",
    "age": "age",
    "diabetes": "diabetes",
}
WHOLE_NUMBER_COLUMNS = [
    "pregnancies", "glucose", "blood_pressure", "skin_thickness", "insulin", "age"
]
OUTPUT = Path(__file__).with_name("pima_diabetes.csv")


def find_rda(folder: str) -> str:
    """Download and unpack r-cran-mlbench into ``folder``; return the .rda file's path."""
    subprocess.run(["apt-get", "download", "r-cran-mlbench"], cwd=folder, check=True)
    (deb,) = glob.glob(f"{folder}/r-cran-mlbench_*.deb")
    subprocess.run(["dpkg", "-x", deb, f"{folder}/unpacked"], check=True)
    (rda,) = glob.glob(f"{folder}/unpacked/**/PimaIndiansDiabetes2.rda", recursive=True)
    return rda


def convert(rda_path: str) -> None:
    """Read the .rda file, tidy it and write the CSV."""
    frame = pyreadr.read_r(rda_path)["PimaIndiansDiabetes2"].rename(columns=COLUMN_NAMES)
    frame["diabetes"] = (frame["diabetes"] == "pos").astype(int)
    frame[WHOLE_NUMBER_COLUMNS] = frame[WHOLE_NUMBER_COLUMNS].astype("Int64")
    frame.to_csv(OUTPUT, index=False, lineterminator="\n")
    print(f"wrote {OUTPUT} ({len(frame)} rows)")
    print("sha256", hashlib.sha256(OUTPUT.read_bytes()).hexdigest())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        convert(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            convert(find_rda(tmp))
