"""Every notebook in notebooks/ runs headless through ./lepton run and shows what it should; what a notebook
recorded (runs, a registered model) is there afterwards. The notebooks run in order, sharing LEPTON_HOME."""
import json
import re
import struct
import subprocess
import zlib

import nbformat
import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not p.name.endswith(".out.ipynb"))


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def executed(name):
    return nbformat.read(ROOT / "notebooks" / f"{name}.out.ipynb", as_version=4)


def shown(nb, mime):
    """Every output's data of one MIME type, joined."""
    return "\n".join(str(o.get("data", {}).get(mime, "")) for o in outputs(nb))


def printed(nb):
    return "".join(o.get("text", "") for o in outputs(nb))


def lepton(*args):
    result = subprocess.run([str(ROOT / "lepton"), *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_errors(notebook):
    result = subprocess.run([str(ROOT / "lepton"), "run", str(notebook)], capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(notebook.with_name(notebook.stem + ".out.ipynb"), as_version=4)
    assert not [o for o in outputs(executed) if o.output_type == "error"]
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")
    assert notebook.with_name(notebook.stem + ".out.html").stat().st_size > 10_000


def test_quickstart_shows_a_table_a_chart_and_the_engine():
    executed = nbformat.read(ROOT / "notebooks" / "01-quickstart.out.ipynb", as_version=4)
    assert "training loss by step" in shown(executed, "text/plain") and "confusion: penguins-mlp" in shown(executed, "text/plain")
    assert "held-out rows" in shown(executed, "text/html"), "the explanation"
    assert "penguins" in lepton("models") and "penguins-mlp" in lepton("runs")
    data = [o.get("data", {}) for o in outputs(executed)]
    assert any("image/png" in d for d in data), "no chart"
    assert any("rows × 3 columns" in d.get("text/html", "") for d in data), "no table"
    text = "".join(o.get("text", "") for o in outputs(executed))
    assert "PyTorch 2.7.1" in text and "offline" in text
    updates = [o for o in outputs(executed) if o.output_type == "display_data"]
    assert updates and updates[-1]["data"]["text/plain"] == "step 5 of 5", "the display was not updated in place"


def test_fine_tune_text_compares_four_ways_and_the_pretrained_encoder_wins():
    nb = executed("02-fine-tune")
    assert "sentence-transformers/all-MiniLM-L6-v2" in shown(nb, "text/html"), "the pretrained models found offline"
    said = printed(nb)
    best = {run: float(accuracy) for run, accuracy in re.findall(r"(\S+-\d+) +best val_accuracy ([0-9.]+)", said)}
    assert set(best) == {"probe-16", "top2-16", "lora-16", "scratch-16", "probe-64", "top2-64"}, said
    runs = lepton("runs", "--last", "40")
    assert all(run in runs for run in best)
    assert best["probe-16"] > 0.6 and best["top2-16"] > 0.6, "chance is 1 in 8"
    assert best["top2-16"] > best["scratch-16"] + 0.15, "the pretrained encoder is what learns from 16 labels"
    assert "val_accuracy by epoch, loss by epoch" in shown(nb, "text/plain")
    assert "iVBOR" in shown(nb, "image/png"), "the comparison plot is a PNG"
    assert "Compression: int8 weights: test_accuracy" in shown(nb, "text/html"), "promoted, compressed and measured"
    size = re.search(r"INT8 weights: ([0-9,]+) bytes \(fp32: ([0-9,]+)\)", said)
    assert size and int(size[1].replace(",", "")) < 0.3 * int(size[2].replace(",", "")), said
    assert "→ games" in said, "the strategy game is a game"
    assert 'POST /predict → 200 {"label":"sound"' in said, said
    assert "lepton_rows_predicted_total 1" in said and 'lepton_input_drift_psi{field="description"}' in said
    assert "debian-sections" in lepton("models")


def test_fine_tune_images_compares_three_runs_that_stay_in_the_store():
    nb = executed("05-fine-tune-images")
    assert "PyTorch 2.7.1" in shown(nb, "text/html"), "the device report"
    for run in ("digits-frozen", "digits-partial", "digits-scratch"):
        assert run + " " in printed(nb) and run in lepton("runs")
    assert "val_accuracy by epoch, loss by epoch" in shown(nb, "text/plain")
    assert "iVBOR" in shown(nb, "image/png"), "the comparison plot is a PNG"
    assert shown(nb, "text/html").count("data:image/png;base64,") >= 3, "each run's live view drew its curves"
    said = printed(nb)
    result = shown(nb, "text/plain")
    assert "Promoted run" in result and "digits-5to9:1.0.0" in result and "held-out predictions" in result
    assert "Promoted run" not in said, "the promotion's summary is shown once, as the cell's result"
    assert "classifies class into [5, 6, 7, 8, 9] from [image]" in said
    guesses = re.findall(r"scan-\d-is-(\d)\.png +predicted (\d)", said)
    assert len(guesses) == 5 and sum(truth == guess for truth, guess in guesses) >= 3, said
    assert 'POST /predict → 200 {"label":' in said and "POST /predict → 400" in said and "cannot be decoded" in said
    assert "confusion: digits-" in shown(nb, "text/plain")


def png(path, pixels):
    """An 8×8 grey PNG of 0-255 values, written with the standard library alone."""
    raw = b"".join(b"\x00" + bytes(pixels[row * 8:(row + 1) * 8]) for row in range(8))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_the_promoted_image_model_predicts_a_folder_and_a_list_of_image_files_from_the_shell(tmp_path):
    digits = [line.split(",") for line in (ROOT / "datasets" / "digits.csv").read_text().splitlines()[1:]]
    header = (ROOT / "datasets" / "digits.csv").read_text().splitlines()[0].split(",")
    label = header.index("digit")
    sevens = [row for row in digits if row[label] == "7"][:4]
    folder = tmp_path / "scans" / "batch-1"
    folder.mkdir(parents=True)
    for i, row in enumerate(sevens):
        values = [int(v) for j, v in enumerate(row) if j != label]
        png(folder / f"seven-{i}.png", [round(v / 16 * 255) for v in values])
    predicted = [json.loads(line) for line in lepton("predict", "digits-5to9", "--input", str(tmp_path / "scans")).splitlines()]
    assert [p["file"] for p in predicted] == [str(folder / f"seven-{i}.png") for i in range(4)]
    assert sum(p["label"] == "7" for p in predicted) >= 3, predicted
    listing = tmp_path / "list.txt"
    listing.write_text("scans/batch-1/seven-2.png\nscans/batch-1/seven-0.png\n")
    out = tmp_path / "out.csv"
    lepton("predict", "digits-5to9", "--input", str(listing), "--output", str(out))
    lines = out.read_text().splitlines()
    assert lines[0] == "file,label,p_5,p_6,p_7,p_8,p_9" and lines[1].startswith(str(folder / "seven-2.png") + ",")
    (folder / "broken.png").write_bytes(b"not a png")
    bad = subprocess.run([str(ROOT / "lepton"), "predict", "digits-5to9", "--input", str(folder)],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "broken.png" in bad.stderr and "cannot be decoded as an image" in bad.stderr, bad.stderr


def test_sweep_plots_its_trials_and_promotes_the_best():
    nb = executed("03-sweep")
    plain = shown(nb, "text/plain")
    assert "trials: val_accuracy by epoch" in plain and "parallel coordinates" in plain
    assert "confusion: wine-sweep-trial-" in plain
    assert 'class="lepton-model"' in shown(nb, "text/html") and "Gate: a fresh runtime reproduced" in shown(nb, "text/html")
    models = lepton("models", "wine")
    assert "production" in models and "wine-sweep-trial-" in models


def test_production_loads_predicts_and_serves_the_promoted_model():
    nb = executed("04-production")
    assert 'class="lepton-artifact"' in shown(nb, "text/html") and "Checksums verified" in shown(nb, "text/html")
    assert "## Purpose" in shown(nb, "text/markdown"), "the model card as markdown"
    said = printed(nb)
    assert "refused: field 'alcohol' must be a number" in said
    assert "POST /predict → 200" in said
    assert 'lepton_requests_total{endpoint="/predict",code="200"} 1' in said and "lepton_rows_predicted_total 1" in said, said
    assert said.count("predicted class_") == 9


# What Chromium finds wrong in an export: images that did not load or are blank (under 2% of their pixels differ from
# white), and table rows with more cells than their header (a Markdown cell whose pipe split it).
EXPORT_FAULTS = """
const blank = [...document.images].filter(img => {
    if (!img.complete || img.naturalWidth === 0) return true;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240) inked++;
    }
    return inked < 0.02 * canvas.width * canvas.height;
}).map(img => (img.alt || img.src.slice(0, 40)) + ' in output ' + (img.closest('.jp-Cell') || {}).innerText?.slice(0, 60));
const overfull = [...document.querySelectorAll('table')].flatMap(table => {
    const header = table.rows.length ? table.rows[0].cells.length : 0;
    return [...table.rows].filter(row => row.cells.length > header).map(row => row.innerText.slice(0, 80));
});
return {blank: blank, overfull: overfull};
"""


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_html_export_shows_every_picture_and_table_whole_in_chromium(notebook, chromium):
    export = notebook.with_name(notebook.stem + ".out.html")
    chromium.get(export.resolve().as_uri())
    faults = chromium.execute_script(EXPORT_FAULTS)
    height = chromium.execute_script("return document.documentElement.scrollHeight")
    chromium.set_window_size(1200, min(height + 50, 16000))
    ARTIFACTS.mkdir(exist_ok=True)
    chromium.save_screenshot(str(ARTIFACTS / f"export-{notebook.stem}.png"))
    assert not faults["blank"], faults["blank"]
    assert not faults["overfull"], faults["overfull"]
