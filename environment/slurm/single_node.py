"""A single-node Slurm cluster in a folder of its own, without systemd: munged, slurmctld and slurmd started with
their own key, sockets, pid and log files, and stopped again. The tests use it; a team can use it to try
`--executor slurm` on one machine before pointing Lepton at a real cluster (environment/README.md).

    python3 environment/slurm/single_node.py up FOLDER     # prints the SLURM_CONF to export
    python3 environment/slurm/single_node.py down FOLDER
"""
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time

DAEMONS = ("slurmd", "slurmctld", "munged")  # stopped in this order


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slurm_conf(folder, host, cpus, memory_mb, gpus):
    gres = f" Gres=gpu:{len(gpus)}" if gpus else ""
    return "\n".join([
        "ClusterName=lepton",
        f"SlurmctldHost={host}(127.0.0.1)",
        f"SlurmctldPort={free_port()}",
        f"SlurmdPort={free_port()}",
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        f"AuthInfo=socket={folder / 'munge.socket'}",
        f"StateSaveLocation={folder / 'state'}",
        f"SlurmdSpoolDir={folder / 'spool'}",
        f"SlurmctldPidFile={folder / 'slurmctld.pid'}",
        f"SlurmdPidFile={folder / 'slurmd.pid'}",
        f"SlurmctldLogFile={folder / 'slurmctld.log'}",
        f"SlurmdLogFile={folder / 'slurmd.log'}",
        # no systemd, cgroups or accounting daemon on a test machine
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "AccountingStorageType=accounting_storage/none",
        # one line per ended job (state, exit code, array ids): what sacct would give, without slurmdbd
        "JobCompType=jobcomp/filetxt",
        f"JobCompLoc={folder / 'jobcomp.log'}",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "GresTypes=gpu",
        "MailProg=/bin/true",
        "MinJobAge=300",
        "ReturnToService=2",
        "SchedulerParameters=batch_sched_delay=0",
        f"NodeName={host} CPUs={cpus} RealMemory={memory_mb}{gres} State=UNKNOWN",
        f"PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP",
        "",
    ])


def up(folder, cpus=None, gpus=0):
    """Starts the cluster in `folder`; returns the environment (SLURM_CONF) its clients need."""
    folder = pathlib.Path(folder).resolve()
    for sub in ("state", "spool"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    host = socket.gethostname().split(".")[0]
    cpus = cpus or os.cpu_count()
    memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024) // 2
    # fake GPUs: Slurm wants a character device per GPU; links to /dev/null are enough for --gres and
    # CUDA_VISIBLE_DEVICES
    devices = []
    for i in range(gpus):
        device = folder / f"nvidia{i}"
        if not device.exists():
            device.symlink_to("/dev/null")
        devices.append(device)
    (folder / "slurm.conf").write_text(slurm_conf(folder, host, cpus, memory_mb, devices))
    (folder / "gres.conf").write_text("".join(f"Name=gpu File={d}\n" for d in devices))
    key = folder / "munge.key"
    if not key.exists():
        key.write_bytes(os.urandom(1024))
        key.chmod(0o400)
    env = dict(os.environ, SLURM_CONF=str(folder / "slurm.conf"))

    def start(name, command):
        # output to files: the daemons keep inherited pipes open and would hang a caller reading them
        with open(folder / f"{name}.out", "ab") as out:
            subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           check=True, timeout=30)

    start("munged", ["munged", "--force", f"--key-file={key}", f"--socket={folder / 'munge.socket'}",
                     f"--pid-file={folder / 'munged.pid'}", f"--log-file={folder / 'munged.log'}",
                     f"--seed-file={folder / 'munged.seed'}"])
    start("slurmctld", ["slurmctld", "-c"])  # -c: no state from an earlier cluster in this folder
    start("slurmd", ["slurmd"])
    wait_until_idle(env, host)
    return env


def wait_until_idle(env, host, timeout=60):
    deadline = time.time() + timeout
    state = ""
    while time.time() < deadline:
        try:
            state = subprocess.run(["sinfo", "-h", "-n", host, "-o", "%t"], env=env, capture_output=True, text=True,
                                   timeout=15).stdout.strip()
        except subprocess.TimeoutExpired:  # sinfo blocks while the controller starts
            state = "controller not answering"
        if state in ("idle", "mix", "alloc"):
            return
        time.sleep(0.3)
    raise RuntimeError(f"the Slurm node did not come up (state {state!r}); see the logs in {env['SLURM_CONF']}'s folder")


def down(folder):
    """Stops the cluster's daemons (by their pid files) and waits for them to end."""
    folder = pathlib.Path(folder).resolve()
    for name in DAEMONS:
        pid_file = folder / f"{name}.pid"
        if not pid_file.exists():
            continue
        try:
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
        except (ValueError, ProcessLookupError):
            continue
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("up", "down"):
        sys.exit(__doc__)
    if sys.argv[1] == "up":
        print(f"export SLURM_CONF={up(sys.argv[2])['SLURM_CONF']}")
    else:
        down(sys.argv[2])
