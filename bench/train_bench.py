"""Issue 4's training benchmark: one MLP 32-128-64-2 (batch 256, Adam 1e-3), the same thread count, CPU.

Lepton's loop (metrics and validation on) and DJL's EasyTrain (no metrics) run in one JVM on the same
batches; PyTorch (Debian's python3-torch) trains the same network in this process. Samples per second over
the measured epochs, after one warm-up epoch each; peak resident memory of each process.
"""
import json
import resource
import subprocess
import time

import numpy as np
import torch

from data_bench import JAVA_OPTIONS, ROOT

THREADS = 2


def pytorch(rows, epochs):
    torch.manual_seed(1)
    torch.set_num_threads(THREADS)
    torch.set_num_interop_threads(1)
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 2, rows)
    features = rng.standard_normal((rows, 32)).astype(np.float32)
    features[:, :8] += 0.8 * labels[:, None]
    x, y = torch.from_numpy(features), torch.from_numpy(labels)
    model = torch.nn.Sequential(torch.nn.Linear(32, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = torch.nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(rows)
        for start in range(0, rows, 256):
            batch = order[start:start + 256]
            optimizer.zero_grad()
            loss = loss_function(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()

    epoch()  # warm-up
    started = time.perf_counter()
    for _ in range(epochs):
        epoch()
    return rows * epochs / (time.perf_counter() - started)


def run(java_bin, rows=200_000, epochs=5):
    classpath = f"{ROOT}/bench/target/lepton-bench.jar:{ROOT}/bench/target/lib/*"
    options = [*JAVA_OPTIONS, f"-Dai.djl.pytorch.num_threads={THREADS}", "-Dai.djl.pytorch.num_interop_threads=1"]
    out = subprocess.run([java_bin, *options, "-cp", classpath, "ai.lepton.bench.TrainBench", str(rows), str(epochs),
                          str(ROOT / "datasets" / "digits.csv")],
                         check=True, capture_output=True, text=True).stdout
    java = json.loads(out.strip().splitlines()[-1])
    python = pytorch(rows, epochs)
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
