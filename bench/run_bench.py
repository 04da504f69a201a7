"""Lepton's benchmarks, side by side with their peers in one run; prints a table and records it in BENCHMARKS.md.

Kernel rows (peers: Debian's ipykernel, kernelspec python3; the Kotlin kernel from Maven Central, see kernel_peers.py):
  cold start -> first result: from starting the kernel process to the execute_result of a trivial cell
  trivial-cell round trip:    execute_request to execute_reply for a trivial cell, p50 and p90
Notebook rows: the quickstart's total `./lepton run` time (kernel start, build check and export included).
Data rows: see data_bench.py (Tablesaw and Lepton beside pandas/numpy, Lepton's batches beside DJL's).
Fine-tuning rows: see finetune_bench.py (MiniLM beside PyTorch for speed, beside TF-IDF + LR for accuracy).
"""
import argparse
import contextlib
import datetime
import os
import platform
import statistics
import subprocess
import time

from jupyter_client.manager import KernelManager

from jvm import ROOT

BENCHMARKS = ROOT / "BENCHMARKS.md"
TRIVIAL = "1 + 1"  # the same cell in every kernel's language


def wait_for_result(client, msg_id, timeout=300):
    deadline = time.time() + timeout
    while True:
        message = client.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "execute_result":
            return


@contextlib.contextmanager
def running_kernel(kernel_name):
    """A started kernel's client, ready for requests; the kernel is shut down afterwards."""
    manager = KernelManager(kernel_name=kernel_name)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=300)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def cold_start(kernel_name):
    started = time.perf_counter()
    with running_kernel(kernel_name) as client:
        wait_for_result(client, client.execute(TRIVIAL))
        return time.perf_counter() - started


def round_trips(kernel_name, cells):
    with running_kernel(kernel_name) as client:
        for _ in range(20):  # warm-up, not measured
            client.execute_interactive(TRIVIAL, timeout=60, output_hook=lambda m: None)
        times = []
        for _ in range(cells):
            started = time.perf_counter()
            client.execute_interactive(TRIVIAL, timeout=60, output_hook=lambda m: None)
            times.append(time.perf_counter() - started)
        return times


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def quickstart_seconds():
    started = time.perf_counter()
    subprocess.run([str(ROOT / "lepton"), "run", str(ROOT / "notebooks" / "01-quickstart.ipynb")],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.machine())
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5, help="cold starts per kernel (median is reported)")
    parser.add_argument("--cells", type=int, default=200, help="measured trivial cells per kernel")
    parser.add_argument("--only", choices=("kernel", "data", "train", "finetune", "sweep", "slurm", "promote"),
                        help="run one group of benchmarks")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the generated data-benchmark CSV")
    parser.add_argument("--java", default=os.environ.get("LEPTON_JAVA", "java"), help="the JDK 25 java to run the Java side")
    args = parser.parse_args()
    if args.only in (None, "kernel"):
        kernel_benchmarks(args)
    if args.only in (None, "data"):
        data_benchmarks(args)
    if args.only in (None, "train"):
        train_benchmarks(args)
    if args.only in (None, "finetune"):
        finetune_benchmarks(args)
    if args.only in (None, "sweep"):
        sweep_benchmarks(args)
    if args.only in (None, "slurm"):
        slurm_benchmarks(args)
    if args.only in (None, "promote"):
        promote_benchmarks(args)


def data_benchmarks(args):
    import data_bench
    report("data", "Data", "peer", data_bench.run(args.java, args.rows), "ratios: higher is better for Lepton")


def train_benchmarks(args):
    import train_bench
    report("train", "Training", "peer", train_bench.run(args.java), "ratios: Lepton ÷ peer, higher is faster", cpu=True)


def finetune_benchmarks(args):
    import finetune_bench
    report("finetune", "Fine-tuning a pretrained transformer on text", "peer", finetune_bench.run(args.java),
           "speed ratios: Lepton ÷ PyTorch, higher is faster; accuracy ratios: Lepton ÷ TF-IDF + LR", cpu=True,
           note=" PyTorch is Debian's 1.13 (built with its generic BLAS); Lepton's engine is PyTorch 2.7.1 through DJL.")


def sweep_benchmarks(args):
    import sweep_bench
    report("sweep", "Sweeps", "random search (Smile)", sweep_bench.run(args.java),
           "ratios: ASHA or parallel ÷ baseline, lower is cheaper", cpu=True)


def slurm_benchmarks(args):
    import slurm_bench
    report("slurm", "Sweeps on Slurm", "one JVM", slurm_bench.run(args.java),
           "ratios: Slurm job array ÷ one JVM", cpu=True,
           note=" A single-node Slurm 22.05 and PostgreSQL 15 on the same 2 cores, started for the run.")


def promote_benchmarks(args):
    import promote_bench
    report("promote", "Promotion and the production runtime", "the notebook way", promote_bench.run(args.java),
           "ratio: runtime ÷ notebook for latency, notebook ÷ runtime for throughput; lower is better for the runtime", cpu=True,
           note=" wrk and the server share the 2 cores.")


def kernel_benchmarks(args):
    import kernel_peers
    peers = {"python3": "ipykernel (Debian)"}
    with contextlib.ExitStack() as stack:
        try:
            peers[stack.enter_context(kernel_peers.kotlin_kernel())] = "the Kotlin kernel 0.11 (JDK 17)"
        except ValueError as reason:
            print(f"note: the Kotlin kernel is left out of this run: {reason}")
        names = [*peers, "lepton"]
        starts = {name: statistics.median(cold_start(name) for _ in range(args.starts)) for name in names}
        trips = {name: round_trips(name, args.cells) for name in names}
    rows = []
    for peer, label in peers.items():
        goals = ("≤ 1.3×", "≤ 1.5×") if peer == "python3" else ("", "")
        rows.append((f"kernel cold start → first result (median of {args.starts}), vs {label}",
                     f"{starts['lepton']:.2f} s", f"{starts[peer]:.2f} s", starts["lepton"] / starts[peer], goals[0]))
        for q, goal in ((0.5, goals[1]), (0.9, "")):
            lepton, other = percentile(trips["lepton"], q), percentile(trips[peer], q)
            rows.append((f"trivial-cell round trip p{round(q * 100)} ({args.cells} cells), vs {label}",
                         f"{lepton * 1000:.1f} ms", f"{other * 1000:.1f} ms", lepton / other, goal))
    quickstart_seconds()  # first run may build; measure the second
    rows.append(("quickstart notebook, `./lepton run` total", f"{quickstart_seconds():.1f} s", "—", None, ""))

    report("kernel", "Kernel", "peer", rows, "ratios: Lepton ÷ peer, lower is faster")


def report(key, title, peer, rows, ratios, cpu=False, note=""):
    """Prints one group's table under a line saying when, where and how it was measured, and records it in BENCHMARKS.md."""
    table = markdown_table(peer, rows)
    stamp = (f"Measured {datetime.date.today()} on {machine()}{', CPU' if cpu else ''}, by `./lepton bench --only {key}`"
             f" ({ratios}).{note}")
    print(stamp)
    print("\n".join(table))
    record(key, title, stamp, table)


def markdown_table(peer, rows):
    table = [f"| benchmark | Lepton | {peer} | ratio | goal |", "|---|---|---|---|---|"]
    for name, lepton, other, ratio, goal in rows:
        table.append(f"| {name} | {lepton} | {other} | {'' if ratio is None else f'{ratio:.2f}×'} | {goal} |")
    return table


def record(key, title, stamp, table):
    """Replaces one section of BENCHMARKS.md, keeping the others."""
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    section = "\n".join([start, f"## {title}", "", stamp, "", *table, end])
    text = BENCHMARKS.read_text() if BENCHMARKS.exists() else "# Benchmarks\n\nSide-by-side measurements, each section says which way its ratios point.\n"
    if start in text:
        text = text[:text.index(start)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    BENCHMARKS.write_text(text)


if __name__ == "__main__":
    main()
