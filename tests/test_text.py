"""Text on the real kernel: --text, a pretrained language model in %%lepton train, a sweep over lr and lora, the
pretrained models found offline, and bad text input that leaves the kernel alive."""
import json
import re
import subprocess

from conftest import ROOT

PACKAGES = ROOT / "datasets" / "debian-packages.csv"
MINILM = "sentence-transformers/all-MiniLM-L6-v2"
# a small slice, sized for two CPU cores: about 110 rows to train on and 110 to validate
PREPARE = "%lepton data prepare debian --target section --text description --drop package --stratify --split 0.05,0.05,0.9"


def load(kernel):
    kernel.ok(f"%lepton data load {PACKAGES} --name debian")


def test_a_text_column_prepared_as_text_trains_a_pretrained_model_and_sweeps_lr_and_lora(kernel):
    load(kernel)
    forgotten = kernel.ok("%lepton data prepare debian --target section --drop package")
    assert "Column 'description' looks like free text" in forgotten.stderr and "--text description" in forgotten.stderr
    prepared = kernel.ok(PREPARE)
    assert "and text from description" in prepared.stdout, prepared.stdout
    trained = kernel.ok(f"%%lepton train --data debian --name probe\npretrained: {MINILM}\nepochs: 2\nbatch: 16\n"
                        "lr: 3e-3\nmax_length: 32", timeout=300)
    assert "training texts are longer than max_length 32" in trained.stdout
    summary = trained.result["text/plain"]
    assert "val_accuracy" in summary and not re.search(r"\d\.\d{8}", summary), "metrics rounded, not 16 digits"
    sweep = kernel.ok(f"%%lepton sweep --data debian --name text-sweep --trials 3 --scheduler none --seed 5\n"
                      f"pretrained: {MINILM}\nlr: [1e-3, 3e-3]\nlora: [0, 4]\nepochs: 1\nbatch: 16\nmax_length: 32\n",
                      timeout=600)
    assert "3 trials, 0 pruned, 0 failed" in sweep.result["text/plain"], sweep.result["text/plain"]
    trials = kernel.ok("%lepton runs --sweep text-sweep").result["text/html"]
    assert trials.count("text-sweep-trial-") == 3
    compared = kernel.ok("%lepton compare probe text-sweep-trial-1").result["text/html"]
    assert "epochs" in compared and "val_accuracy" in compared, "what differs between the runs, and their metrics"


def test_a_text_model_is_promoted_compressed_and_predicts_raw_text_from_the_shell(kernel, tmp_path):
    load(kernel)
    kernel.ok("%lepton data prepare debian --target section --text description --drop package --stratify"
              " --split 0.45,0.45,0.1 --seed 2")
    kernel.ok(f"%%lepton train --data debian --name text-probe\npretrained: {MINILM}\nepochs: 3\nbatch: 32\nlr: 5e-3\n"
              "max_length: 32", timeout=300)
    promoted = kernel.ok("%lepton promote text-probe --name pytest-sections --quantize int8", timeout=600)
    html = promoted.result["text/html"]
    assert "Compression: int8 weights: test_accuracy" in html and "Gate: a fresh runtime reproduced" in html, html
    rows = tmp_path / "texts.csv"
    rows.write_text('description,section\n"Chess engine, with a board that talks",games\n'
                    '"Reads mail; sorts ""spam"" too",mail\n,games\n')
    predicted = subprocess.run([str(ROOT / "lepton"), "predict", "pytest-sections", "--input", str(rows)],
                               capture_output=True, text=True, timeout=300)
    assert predicted.returncode == 0, predicted.stderr
    labels = [json.loads(line)["label"] for line in predicted.stdout.splitlines()]
    assert len(labels) == 3 and labels[0] == "games" and labels[1] == "mail", predicted.stdout
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"description": 42}\n')
    refused = subprocess.run([str(ROOT / "lepton"), "predict", "pytest-sections", "--input", str(wrong)],
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "field 'description' is text the model reads" in refused.stderr, refused.stderr


def test_the_pretrained_models_found_offline_are_listed(kernel):
    listed = kernel.ok("%lepton pretrained").result["text/html"]
    assert MINILM in listed and "shipped with Lepton" in listed


def test_bad_text_input_says_what_and_where(kernel):
    load(kernel)
    kernel.ok(PREPARE)
    cases = {
        "%lepton data prepare debian --target section --text descripton": "unknown column 'descripton'",
        "%lepton data prepare debian --target package --text section,package":
            "'package' is the target, so it cannot also be a text column",
        "%%lepton train --data debian\npretrained: acme/no-such-model\nepochs: 1": "no model 'acme/no-such-model' is here",
        f"%%lepton train --data debian\npretrained: {MINILM}\nlora: 400\nepochs: 1":
            "lora: 400 is not below the hidden size 384",
        "%%lepton train --data debian\nepochs: 1": "model: mlp reads no text",
    }
    kernel.assert_clear_errors(cases, timeout=300)
