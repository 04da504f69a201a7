"""Makes the CSV files in datasets/ from Debian packages, so where every value came from is on record.

Run as root on Debian (it downloads two packages with apt-get, unpacks them in a temp folder and
installs nothing; it refreshes apt's lists with their English long descriptions): python3 datasets/make_datasets.py.
It rewrites the CSVs and prints their SHA-256.
"""
import csv
import gzip
import hashlib
import pathlib
import random
import re
import subprocess
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
WINE_COLUMNS = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
                "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline", "cultivar"]


def unpack(packages, into):
    subprocess.run(["apt-get", "download", *packages], cwd=into, check=True, capture_output=True)
    for deb in pathlib.Path(into).glob("*.deb"):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(into / "root")], check=True)
    return into / "root"


def penguins(root):
    # CC0; NA marks a missing value, as in the original
    source = root / "usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv"
    (HERE / "penguins.csv").write_text(source.read_text())


def wine(root):
    source = root / "usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv"
    rows = list(csv.reader(source.open()))[1:]  # the first line holds counts and class names, not columns
    with (HERE / "wine.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(WINE_COLUMNS)
        for row in rows:
            writer.writerow(row[:-1] + ["class_" + row[-1]])


def digits(root):
    source = root / "usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
    with gzip.open(source, "rt") as rows, (HERE / "digits.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([f"p{i}" for i in range(64)] + ["digit"])
        for row in csv.reader(rows):
            writer.writerow(row)


APT_LISTS = pathlib.Path("/var/lib/apt/lists")
LIST_PREFIX = "deb.debian.org_debian_dists_bookworm_main_"
# Archive sections whose packages a reader can tell apart from the description alone
SECTIONS = ["games", "science", "sound", "graphics", "mail", "database", "editors", "math"]
PER_SECTION = 300


def stanzas(path):
    """The fields of each stanza of an apt list (Packages or Translation-en), continuation lines kept."""
    text = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", str(path)],
                          check=True, capture_output=True, text=True).stdout
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.split("\n"):
            if line.startswith(" ") and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if fields:
            yield fields


def paragraphs(long_description):
    """A Debian long description's paragraphs (a line holding only '.' separates them), each on one line."""
    return [" ".join(line.strip() for line in block.split("\n") if line.strip())
            for block in re.split(r"\n \.(?:\n|$)", long_description)]


def debian_packages():
    # the Packages list holds only the one-line synopsis; the long text comes from Translation-en, joined by its md5
    subprocess.run(["apt-get", "update", "-o", "Acquire::Languages=en"], check=True, capture_output=True)
    section_of = {s["Package"]: (s.get("Section"), s.get("Description-md5"))
                  for s in stanzas(APT_LISTS / (LIST_PREFIX + "binary-amd64_Packages.lz4"))}
    text_of = {s["Description-md5"]: s["Description-en"]
               for s in stanzas(APT_LISTS / (LIST_PREFIX + "i18n_Translation-en.lz4"))}
    by_section = {section: [] for section in SECTIONS}
    seen = set()
    for package in sorted(section_of):
        section, md5 = section_of[package]
        if section not in by_section or md5 not in text_of:
            continue
        synopsis, _, body = text_of[md5].partition("\n")
        body = [p for p in paragraphs(body) if p]
        # -data, -doc and -common packages repeat their program's first paragraph: keep one of each
        key = (body[0] if body else synopsis).lower()
        if key in seen:
            continue
        seen.add(key)
        by_section[section].append((package, section, " ".join([synopsis.rstrip(".") + "."] + body)))
    rng = random.Random(17)
    rows = []
    for section in SECTIONS:
        found = by_section[section]
        rows += rng.sample(found, min(PER_SECTION, len(found)))
    rows.sort()
    with (HERE / "debian-packages.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["package", "section", "description"])
        writer.writerows(rows)


def main():
    with tempfile.TemporaryDirectory() as work:
        root = unpack(["r-cran-palmerpenguins", "python3-sklearn"], pathlib.Path(work))
        penguins(root)
        wine(root)
        digits(root)
    debian_packages()
    for name in ("penguins.csv", "wine.csv", "digits.csv", "debian-packages.csv"):
        print(name, hashlib.sha256((HERE / name).read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
