"""Issue 17's fine-tuning benchmark: all-MiniLM-L6-v2 fine-tuned by Lepton beside PyTorch and scikit-learn.

Speed: Lepton (FinetuneBench speed, one JVM per mode) and PyTorch 1.13 from Debian (torch_peers.py's BERT, one process per
mode) train the same BERT architecture with the same pretrained weights on the same token ids (Debian descriptions
filling 64 word pieces), batch 16, AdamW (decay 0.01, none on biases and LayerNorm), dropout 0.1, the same threads;
samples per second of the second epoch, and each process's peak resident memory.
Accuracy (texts read to 128 word pieces): Lepton's fine-tuned MiniLM (top 2 layers and head), its frozen probe, the same
architecture from scratch (init: random), and TF-IDF word 1-2-grams +
logistic regression (scikit-learn from Debian) on the same labelled rows (8, 32, 128 per section) and the same
held-out test rows (a stratified 30 % of datasets/debian-packages.csv).
"""
import csv
import json
import pathlib
import resource
import subprocess
import sys
import tempfile

import torch_peers
from jvm import DATASETS, ROOT, engine_threads, last_json, run_bench_class

THREADS = 2
ROWS = 160
EPOCHS = 2
MODES = {"full": "full fine-tuning", "no_embeddings": "embeddings frozen", "lora": "LoRA r=8 on query and value",
         "top2": "top 2 layers + head"}
SIZES = (8, 32, 128)


def java(java_bin, *args):
    return run_bench_class(java_bin, "FinetuneBench", *args, options=engine_threads(THREADS), cwd=ROOT)


def tfidf_accuracy(split):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    rows = list(csv.DictReader((DATASETS / "debian-packages.csv").open()))
    test = [rows[i] for i in split["test"]]
    results = {}
    for size in SIZES:
        train = [rows[i] for i in split[str(size)]]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        model = LogisticRegression(max_iter=3000, C=10).fit(
            vectorizer.fit_transform([r["description"] for r in train]), [r["section"] for r in train])
        results[size] = model.score(vectorizer.transform([r["description"] for r in test]), [r["section"] for r in test])
    return results


def run(java_bin):
    rows = []
    with tempfile.TemporaryDirectory() as work:
        ids = pathlib.Path(work) / "ids.json"
        speeds = {}
        for mode, label in MODES.items():
            lepton = java(java_bin, "speed", mode, ROWS, EPOCHS, ids)
            python = last_json(subprocess.run([sys.executable, __file__, "pytorch", mode, str(ids)], check=True,
                                              capture_output=True, text=True).stdout)
            speeds[mode] = (lepton, python)
            rows.append((f"{label} (MiniLM, T=64, batch 16, {THREADS} threads): samples/s, Lepton vs PyTorch 1.13",
                         f"{lepton['samples_per_second']:.1f} samples/s", f"{python['samples_per_second']:.1f} samples/s",
                         lepton["samples_per_second"] / python["samples_per_second"], "≥ 1.0×"))
        for mode in ("full", "lora"):
            lepton, python = speeds[mode]
            rows.append((f"{MODES[mode]}: trainable values, peak resident memory (Lepton / PyTorch)",
                         f"{lepton['trainable_values']:,}, {lepton['peak_rss_mib']} MiB", f"{python['peak_rss_mib']} MiB",
                         None, ""))
        split = pathlib.Path(work) / "split.json"
        accuracy = {recipe: java(java_bin, "accuracy", recipe, *SIZES, split)
                    for recipe in ("pretrained", "probe", "scratch")}
        tfidf = tfidf_accuracy(json.loads(split.read_text()))
        for size in SIZES:
            tuned, scratch = accuracy["pretrained"][f"{size}_accuracy"], accuracy["scratch"][f"{size}_accuracy"]
            rows.append((f"test accuracy, {size} labels per section: fine-tuned MiniLM (top 2 layers) vs TF-IDF + LR",
                         f"{tuned:.3f}", f"{tfidf[size]:.3f}", tuned / tfidf[size], "≥ 1.0×"))
            rows.append((f"test accuracy, {size} labels per section: fine-tuned vs the same architecture from scratch",
                         f"{tuned:.3f}", f"{scratch:.3f}", None, "+15 pp at 32" if size == 32 else ""))
            rows.append((f"test accuracy, {size} labels per section: frozen probe (linear head, texts encoded once) vs TF-IDF + LR",
                         f"{accuracy['probe'][f'{size}_accuracy']:.3f}", f"{tfidf[size]:.3f}",
                         accuracy["probe"][f"{size}_accuracy"] / tfidf[size], ""))
        lora = java(java_bin, "accuracy", "lora", 32, split)
        full = java(java_bin, "accuracy", "full", 32, split)
        rows.append(("test accuracy, 32 labels per section: LoRA r=8 vs full fine-tuning",
                     f"{lora['32_accuracy']:.3f} ({lora['32_seconds']:.0f} s)",
                     f"{full['32_accuracy']:.3f} ({full['32_seconds']:.0f} s)", None, ""))
    return rows


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "pytorch":
    speed = torch_peers.bert_rate(sys.argv[2], sys.argv[3], EPOCHS, threads=THREADS)
    print(json.dumps({"samples_per_second": speed,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
