"""Issue 4's training benchmark: one MLP 32-128-64-2 (batch 256, Adam 1e-3), the same thread count, CPU.

Lepton's loop (metrics and validation on) and DJL's EasyTrain (no metrics) run in one JVM on the same
batches; PyTorch (Debian's python3-torch) trains the same network in this process. Samples per second over
the measured epochs, after one warm-up epoch each; peak resident memory of each process.
"""
import resource

import torch_peers
from jvm import DATASETS, engine_threads, run_bench_class

THREADS = 2


def run(java_bin, rows=200_000, epochs=5):
    java = run_bench_class(java_bin, "TrainBench", rows, epochs, DATASETS / "digits.csv", options=engine_threads(THREADS))
    python = torch_peers.mlp_rate(rows, epochs, threads=THREADS)
    python_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    per_second = lambda value: f"{value:,.0f} samples/s"
    return [
        (f"MLP 32-128-64-2, batch 256, {rows:,} rows, {THREADS} threads: Lepton loop (metrics + validation) vs DJL EasyTrain (no metrics)",
         per_second(java["lepton"]), per_second(java["djl_easytrain"]), java["lepton"] / java["djl_easytrain"], "≥ 0.97×"),
        ("same network: Lepton loop vs PyTorch 1.13 in Python", per_second(java["lepton"]), per_second(python),
         java["lepton"] / python, "≥ 1.0×"),
        ("image CNN (3×3 conv 16 → 32, 8×8 digits, batch 64), Lepton loop on the CPU", per_second(java["lepton_cnn"]), "—", None, ""),
        ("peak resident memory (JVM with both DJL runs / Python)", f"{java['peak_rss_mib']} MiB", f"{python_rss / 1024:.0f} MiB",
         None, ""),
    ]
