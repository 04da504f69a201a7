"""Makes the CSV files in datasets/ from Debian packages, so where every value came from is on record.

Run as root on Debian (it downloads two packages with apt-get, unpacks them in a temp folder and
installs nothing): python3 datasets/make_datasets.py. It rewrites the CSVs and prints their SHA-256.
"""
import csv
import gzip
import hashlib
import pathlib
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


def main():
    with tempfile.TemporaryDirectory() as work:
        root = unpack(["r-cran-palmerpenguins", "python3-sklearn"], pathlib.Path(work))
        penguins(root)
        wine(root)
        digits(root)
    for name in ("penguins.csv", "wine.csv", "digits.csv"):
        print(name, hashlib.sha256((HERE / name).read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
