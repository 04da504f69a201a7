"""Issue 20's benchmark: the sweep benchmark's ASHA sweep (30 configurations, two trials at once) in one JVM vs as a
Slurm job array, on a real single-node Slurm (environment/slurm/single_node.py) and a real PostgreSQL store, both
started here for the run and stopped after it: same best accuracy, epochs spent, and the cost per trial of running as
a cluster job (a JVM per trial: start, data file, engine)."""
import pathlib
import shutil
import tempfile

from jvm import DATASETS, environment_module, run_bench_class

single_node = environment_module("slurm/single_node.py")
scratch_postgres = environment_module("scratch_postgres.py")


def run(java_bin, trials=30, epochs=27):
    if shutil.which("slurmctld") is None:
        raise SystemExit("the Slurm benchmark needs Slurm: apt-get install slurmctld slurmd slurm-client munge")
    cluster = pathlib.Path(tempfile.mkdtemp(prefix="lepton-bench-slurm-"))
    postgres = scratch_postgres.ScratchPostgres("bench", prefix="lepton-bench-pg-")
    try:
        env = single_node.up(cluster)
        r = run_bench_class(java_bin, "SweepBench", DATASETS / "digits.csv", trials, epochs, postgres.jdbc_url(), env=env)
    finally:
        single_node.down(cluster)
        postgres.stop()
        shutil.rmtree(cluster, ignore_errors=True)
    per_trial = (r["slurm_seconds"] - r["local_seconds"]) / trials * 2  # two at once: each slot's share
    return [
        (f"ASHA, {trials} trials × up to {epochs} epochs, 2 at once (1 CPU each): Slurm job array vs one JVM — epochs spent",
         f"{r['slurm_epochs']} epochs ({r['slurm_pruned']} pruned)", f"{r['local_epochs']} epochs ({r['local_pruned']} pruned)",
         r["slurm_epochs"] / r["local_epochs"], "within ±10%"),
        ("same: best validation accuracy", f"{r['slurm_best']:.4f}", f"{r['local_best']:.4f}", None,
         f"gap {(r['local_best'] - r['slurm_best']) * 100:+.2f} pp"),
        ("same: wall clock", f"{r['slurm_seconds']:.1f} s", f"{r['local_seconds']:.1f} s",
         r["slurm_seconds"] / r["local_seconds"], ""),
        ("Slurm's cost per trial (a task's JVM start, data file and engine, from the wall clocks)", f"{per_trial:.2f} s",
         "—", None, ""),
    ]
