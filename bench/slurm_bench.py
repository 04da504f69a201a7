"""Issue 20's benchmark: the sweep benchmark's ASHA sweep (30 configurations, two trials at once) in one JVM vs as a
Slurm job array, on a real single-node Slurm (environment/slurm/single_node.py) and a real PostgreSQL store, both
started here for the run and stopped after it: same best accuracy, epochs spent, and the cost per trial of running as
a cluster job (a JVM per trial: start, data file, engine)."""
import glob
import importlib.util
import json
import pathlib
import secrets
import shutil
import socket
import subprocess
import tempfile

from data_bench import JAVA_OPTIONS, ROOT

spec = importlib.util.spec_from_file_location("single_node", ROOT / "environment" / "slurm" / "single_node.py")
single_node = importlib.util.module_from_spec(spec)
spec.loader.exec_module(single_node)


class Postgres:
    """Debian's PostgreSQL in a temporary folder (as the postgres user: it refuses to run as root)."""

    def __init__(self):
        self.bin = pathlib.Path(max(glob.glob("/usr/lib/postgresql/*/bin")))
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="lepton-bench-pg-"))
        self.dir.chmod(0o755)
        shutil.chown(self.dir, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.password = secrets.token_hex(12)
        (self.dir / "pw").write_text(self.password)
        shutil.chown(self.dir / "pw", "postgres")
        self._as_postgres("initdb", "-D", "data", "-U", "bench", "--pwfile", "pw", "--auth-host=scram-sha-256")
        self._as_postgres("pg_ctl", "-D", "data", "-w", "-l", "server.log", "-o",
                          f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1", "start")

    def _as_postgres(self, tool, *args):
        subprocess.run(["runuser", "-u", "postgres", "--", str(self.bin / tool), *args], cwd=self.dir, check=True,
                       capture_output=True)

    def url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/postgres?user=bench&password={self.password}"

    def stop(self):
        self._as_postgres("pg_ctl", "-D", "data", "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def run(java_bin, trials=30, epochs=27):
    if shutil.which("slurmctld") is None:
        raise SystemExit("the Slurm benchmark needs Slurm: apt-get install slurmctld slurmd slurm-client munge")
    classpath = f"{ROOT}/bench/target/lepton-bench.jar:{ROOT}/bench/target/lib/*"
    cluster = pathlib.Path(tempfile.mkdtemp(prefix="lepton-bench-slurm-"))
    postgres = Postgres()
    try:
        env = single_node.up(cluster)
        out = subprocess.run([java_bin, *JAVA_OPTIONS, "-cp", classpath, "ai.lepton.bench.SweepBench",
                              str(ROOT / "datasets" / "digits.csv"), str(trials), str(epochs), postgres.url()],
                             check=True, capture_output=True, text=True, env=env).stdout
    finally:
        single_node.down(cluster)
        postgres.stop()
        shutil.rmtree(cluster, ignore_errors=True)
    r = json.loads(out.strip().splitlines()[-1])
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
