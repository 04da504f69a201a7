"""Issue 3's data benchmarks: Lepton beside pandas/numpy (Debian's) in one run, on one generated CSV.

(a) read a 1,000,000 × 30 CSV (mixed numbers and text, 2% missing): Tablesaw, Lepton's checked load (DuckDB's reader
    behind Lepton's checks), pandas read_csv; the same table saved as Parquet and loaded back
(b) prepare it (median impute, one-hot, standardize, 70/15/15 split): Lepton vs the same in pandas + numpy
(c) batches of 256 per second: Lepton's bridge vs DJL's per-record path, DJL's ArrayDataset and DJL's CsvDataset
(d) a group-by over the loaded rows: %%sql (DuckDB over the Tablesaw table in place) vs pandas
Peak resident memory of the Java process (load + prepare) and of the Python process.
"""
import resource
import time

import numpy as np
import pandas as pd

from jvm import ROOT, run_bench_class

RESULTS = ROOT / "bench" / "results"


def java(java_bin, *args):
    return run_bench_class(java_bin, "DataBench", *args)


def pandas_prepare(frame, seed=42):
    """The same recipe as Lepton's default PrepareOptions: statistics from the training split only."""
    started = time.perf_counter()
    frame = frame.dropna(subset=["target"])
    y = frame.pop("target")
    order = np.random.default_rng(seed).permutation(len(frame))
    train = order[: int(round(len(frame) * 0.7))]
    numeric = frame.select_dtypes("number")
    text = frame.select_dtypes(exclude="number")
    numeric = numeric.fillna(numeric.iloc[train].median())
    train_numeric = numeric.iloc[train]
    numeric = (numeric - train_numeric.mean()) / train_numeric.std(ddof=0)
    text = text.fillna(text.iloc[train].mode().iloc[0])
    categories = {c: sorted(text[c].iloc[train].unique()) for c in text.columns}
    onehot = [pd.get_dummies(pd.Categorical(text[c], categories=categories[c])).to_numpy(np.float32) for c in text.columns]
    features = np.hstack([numeric.to_numpy(np.float32), *onehot])
    labels = y.astype("category").cat.codes.to_numpy(np.float32)
    return time.perf_counter() - started, features.shape[1], labels


def run(java_bin, rows):
    RESULTS.mkdir(parents=True, exist_ok=True)
    data, complete = RESULTS / f"data-{rows}.csv", RESULTS / f"data-{rows}-complete.csv"
    if not data.exists():
        java(java_bin, "generate", str(data), str(rows), "0.02")
    if not complete.exists():
        java(java_bin, "generate", str(complete), str(rows), "0")

    started = time.perf_counter()
    frame = pd.read_csv(data)
    pandas_read = time.perf_counter() - started
    pandas_prep, pandas_features, _ = pandas_prepare(frame)
    pandas_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.perf_counter()
    frame.groupby(["t0", "t1"]).agg(n0=("n0", "mean"), n5=("n5", "max"), n=("n0", "size"))  # DataBench.SQL_GROUP_BY
    pandas_groupby = time.perf_counter() - started
    del frame

    loaded = java(java_bin, "load", str(data))
    batches = java(java_bin, "batches", str(data), str(complete))
    lepton_read, lepton_prep = loaded["lepton_load_s"], loaded["lepton_prepare_s"]
    per_record = batches["djl_per_record_batches_per_s"]
    lepton = batches["lepton_no_prefetch_batches_per_s"]  # the default; prefetch is opt-in
    return [
        (f"(a) read {rows:,} × 30 CSV: Lepton load (checked) vs pandas read_csv", f"{rows / lepton_read:,.0f} rows/s",
         f"{rows / pandas_read:,.0f} rows/s", pandas_read / lepton_read, "≥ 1.0×"),
        ("(a) read: Tablesaw alone (no checks) vs pandas", f"{rows / loaded['tablesaw_read_s']:,.0f} rows/s",
         f"{rows / pandas_read:,.0f} rows/s", pandas_read / loaded["tablesaw_read_s"], ""),
        ("(a) read the same as Parquet (written by Lepton's save): Lepton vs pandas read_csv",
         f"{rows / loaded['lepton_parquet_load_s']:,.0f} rows/s", f"{rows / pandas_read:,.0f} rows/s",
         pandas_read / loaded["lepton_parquet_load_s"], ""),
        ("(a) Lepton's Parquet load vs its CSV load", f"{loaded['lepton_parquet_load_s']:.2f} s",
         f"{lepton_read:.2f} s", lepton_read / loaded["lepton_parquet_load_s"], ""),
        ("(a) DuckDB's start in a fresh JVM (unpacks its native library; not in the load above, as pandas' import is not)",
         f"{loaded['duckdb_start_s']:.2f} s", "—", None, "reported"),
        ("(a) save as Parquet (Lepton) — no pandas peer here (Debian's pandas has no Parquet engine)",
         f"{loaded['lepton_save_parquet_s']:.2f} s", "—", None, "reported"),
        ("(d) %%sql group-by (2 keys, 3 aggregates) over the 1M rows vs pandas groupby",
         f"{loaded['lepton_sql_groupby_s'] * 1000:,.0f} ms", f"{pandas_groupby * 1000:,.0f} ms",
         pandas_groupby / loaded["lepton_sql_groupby_s"], "reported"),
        (f"(b) prepare (impute + one-hot + standardize + split), {loaded['features']} vs {pandas_features} features",
         f"{rows / lepton_prep:,.0f} rows/s", f"{rows / pandas_prep:,.0f} rows/s", pandas_prep / lepton_prep, "≥ 1.0×"),
        ("(c) batches of 256/s: Lepton bridge vs DJL per-record path", f"{lepton:,.0f}", f"{per_record:,.0f}",
         lepton / per_record, "≥ 20×"),
        ("(c) Lepton bridge with prefetch thread vs DJL per-record path", f"{batches['lepton_batches_per_s']:,.0f}",
         f"{per_record:,.0f}", batches["lepton_batches_per_s"] / per_record, ""),
        ("(c) Lepton bridge vs DJL ArrayDataset (one NDArray, native gather per batch)", f"{lepton:,.0f}",
         f"{batches['djl_arraydataset_batches_per_s']:,.0f}", lepton / batches["djl_arraydataset_batches_per_s"], ""),
        ("(c) Lepton bridge vs DJL CsvDataset (after its prepare)", f"{lepton:,.0f}",
         f"{batches['djl_csvdataset_batches_per_s']:,.0f}", lepton / batches["djl_csvdataset_batches_per_s"], ""),
        ("peak resident memory: load + prepare", f"{loaded['peak_rss_mib']:,} MiB (JVM)", f"{pandas_peak:,} MiB (Python)", None, "reported"),
    ]


if __name__ == "__main__":
    import sys
    for row in run(sys.argv[1], int(sys.argv[2])):
        print(row)
