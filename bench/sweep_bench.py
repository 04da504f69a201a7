"""Issue 5's sweep benchmark: ASHA vs Smile's random search (same trials, same seed) on the digits as a tabular
task — total epochs and best validation accuracy — and the wall-clock speed-up of two trials side by side."""
from jvm import DATASETS, run_bench_class


def run(java_bin, trials=30, epochs=27):
    r = run_bench_class(java_bin, "SweepBench", DATASETS / "digits.csv", trials, epochs)
    epochs_share = r["asha_epochs"] / r["random_epochs"]
    gap = (r["random_best"] - r["asha_best"]) * 100
    return [
        (f"{trials} trials × up to {epochs} epochs, MLP on 8×8 digits (64 columns), val_accuracy: ASHA (eta 3, grace 1) vs random search "
         f"— epochs spent", f"{r['asha_epochs']} epochs ({r['asha_pruned']} pruned)", f"{r['random_epochs']} epochs", epochs_share, "≤ 0.33×"),
        ("same: best validation accuracy", f"{r['asha_best']:.4f}", f"{r['random_best']:.4f}", None,
         f"within 0.5 pp (gap {gap:+.2f} pp)"),
        ("same: wall clock, one trial at a time", f"{r['asha_seconds']:.1f} s", f"{r['random_seconds']:.1f} s",
         r["asha_seconds"] / r["random_seconds"], ""),
        ("random search, 2 trials side by side (1 thread each) vs 1 at a time (2 threads) — wall clock",
         f"{r['random_p2_seconds']:.1f} s", f"{r['random_seconds']:.1f} s", r["random_p2_seconds"] / r["random_seconds"], "< 1.0×"),
    ]
