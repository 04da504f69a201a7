"""The GPU kit's commands (run.sh calls this with the machine's python3):

    run.sh check [--torch-lib DIR]   which libtorch, torch and CUDA versions, which GPUs; whether DJL's JNI binds to that
                                     libtorch (before any JVM starts); then a matrix product and one backward step in
                                     the JVM on the best device, compared with the same in Python's PyTorch
    run.sh bench [--torch-lib DIR]   Lepton's MLP and MiniLM fine-tuning (full, LoRA) beside PyTorch on the same device;
                                     Markdown for BENCHMARKS.md in results/

DIR defaults to the lib folder of the PyTorch this python3 imports. Exit status 1, with what failed and what to do, when
the JNI does not bind, the JVM fails, or the numbers differ; 2 for bad arguments.
"""
import argparse
import datetime
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tarfile
import zipfile

import elf

KIT = pathlib.Path(__file__).resolve().parent.parent
SETTINGS = json.loads((KIT / "kit.json").read_text())
TORCH_LIBRARIES = ("libtorch", "libc10")  # the libraries of a libtorch, whose symbols carry no versions
SYSTEM_LIBRARIES = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib")
TEXT_MODES = {"full": "full fine-tuning", "lora": "LoRA r=8 on query and value"}  # GpuBench's, as the table says them
TOLERANCE = 1e-4  # largest difference of the JVM's numbers from PyTorch's, relative to PyTorch's largest value


class KitError(Exception):
    """A failure with what happened and what to do."""


def say(line=""):
    print(line, flush=True)


class Notes:
    """What a command found, said as it goes and kept for its results file."""

    def __init__(self):
        self.lines = []

    def add(self, line):
        self.lines.append(line)
        say(line)


def python_torch():
    """Python's PyTorch module, or None when this python3 has none."""
    try:
        import torch
        return torch
    except ImportError:
        return None


def python_torch_lib(torch):
    """The lib folder of Python's PyTorch: its libtorch."""
    return pathlib.Path(torch.__file__).resolve().parent / "lib"


def torch_lib(given, torch):
    """The libtorch folder: --torch-lib, else Python torch's torch/lib."""
    if given:
        folder = pathlib.Path(given).resolve()
    elif torch is not None:
        folder = python_torch_lib(torch)
    else:
        raise KitError("%s has no PyTorch, so there is no libtorch to find. Give one: run.sh COMMAND --torch-lib DIR, "
                       "DIR being the folder with libtorch.so (a libtorch distribution's lib/)." % sys.executable)
    if not (folder / "libtorch.so").is_file():
        raise KitError("%s holds no libtorch.so. --torch-lib takes the folder with libtorch.so, libtorch_cpu.so and "
                       "libc10.so: a libtorch distribution's lib/, or Python torch's torch/lib." % folder)
    return folder


def libtorch_version(folder, torch):
    """The version of the libtorch in folder, where something says it."""
    if torch is not None and folder == python_torch_lib(torch):
        return torch.__version__
    stamp = folder.parent / "build-version"  # libtorch's zip distributions carry one
    return stamp.read_text().strip() if stamp.is_file() else "unknown (no build-version beside it)"


def jni_library(flavor):
    """DJL's JNI library of flavor, read from the pytorch-jni jar the kit carries."""
    with zipfile.ZipFile(KIT / "lib" / SETTINGS["jni_jar"]) as jar:
        return elf.Library(jar.read("jnilib/linux-x86_64/%s/libdjl_torch.so" % flavor), "libdjl_torch.so (%s)" % flavor)


def find_library(name, folder):
    """Where the dynamic loader would find name for a library in folder: there, LD_LIBRARY_PATH, the system's folders."""
    searched = [folder] + [pathlib.Path(p) for p in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if p]
    for candidate in searched + [pathlib.Path(p) for p in SYSTEM_LIBRARIES]:
        if (candidate / name).is_file():
            return candidate / name
    return None


def check_binding(folder, flavor, version):
    """Whether every symbol the JNI needs from libtorch is in the libtorch libraries it loads from folder; KitError
    naming what is missing."""
    jni = jni_library(flavor)
    provided, seen, queue, absent = set(), set(), list(jni.needed), []
    while queue:
        name = queue.pop()
        if name in seen or not name.startswith(TORCH_LIBRARIES):
            continue  # the system's libraries (glibc, libstdc++, CUDA) version their symbols: checked at load time
        seen.add(name)
        path = find_library(name, folder)
        if path is None:
            absent.append(name)
            continue
        try:
            library = elf.Library.read(path)
        except (elf.NotElf, ValueError, OSError) as error:
            raise KitError("cannot read %s as a shared library (%s): is this folder a whole libtorch?" % (path, error))
        provided |= library.defined()
        queue.extend(library.needed)
    required = jni.required()
    missing = sorted(required - provided)
    if absent or missing:
        problems = []
        if absent:
            problems.append("%s lacks %s" % (folder, ", ".join(sorted(absent))))
        if missing:
            problems.append("%d of the %d libtorch symbols it calls are not there (%s%s)" % (
                len(missing), len(required), ", ".join(missing[:3]), ", ..." if len(missing) > 3 else ""))
        wanted = SETTINGS["pytorch_version"]
        raise KitError("DJL's JNI (pytorch-jni %s, %s build) does not bind to this libtorch (%s): %s. The JNI was "
                       "built for libtorch %s; a JVM would die at the first missing call. Put a libtorch %s %s build "
                       "beside Python's torch and give its lib folder: run.sh COMMAND --torch-lib DIR (environment/GPU.md,"
                       " 'When the check fails')." % (wanted, flavor, version, "; ".join(problems), wanted, wanted,
                                                      "CUDA 12.8" if flavor != "cpu" else "CPU"))
    return len(required)


def cudart_folder(folder):
    """A folder with libcudart.so for JNA (DJL counts GPUs through it); a link is made when only libcudart.so.12 is.
    pip's CUDA wheels keep it in site-packages/nvidia/cuda_runtime/lib (CUDA 12) or nvidia/cu13/lib (CUDA 13)."""
    wheels = sorted((folder.parent.parent / "nvidia").glob("*/lib"))
    candidates = [folder, *wheels, pathlib.Path("/usr/local/cuda/lib64")]
    for candidate in candidates:
        if (candidate / "libcudart.so").exists():
            return candidate
        versioned = sorted(candidate.glob("libcudart.so.*")) if candidate.is_dir() else []
        if versioned:
            links = KIT / "cache" / "cudart"
            links.mkdir(parents=True, exist_ok=True)
            link = links / "libcudart.so"
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(versioned[0])
            return links
    return None


def java_binary():
    """The kit's JVM, unpacked from runtime.tar.xz on first use."""
    runtime = KIT / "runtime"
    if not (runtime / "bin" / "java").is_file():
        say("unpacking the Java runtime (first use) ...")
        with tarfile.open(KIT / "runtime.tar.xz") as archive:
            # the "data" filter (where this Python has it) refuses members that would land outside the kit
            archive.extractall(KIT, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return runtime / "bin" / "java"


class Jvm:
    """How the kit starts the JVM: DJL pointed at the libtorch folder, offline, with the kit's own caches."""

    def __init__(self, folder, flavor, cudart):
        self.environment = dict(os.environ)
        library_path = [str(folder)] + ([str(cudart)] if cudart else [])
        self.environment.update({
            "PYTORCH_LIBRARY_PATH": str(folder),
            "PYTORCH_FLAVOR": flavor,  # without it DJL guesses one (cu128-precxx11) the jar does not have
            "PYTORCH_VERSION": SETTINGS["pytorch_version"],
            "DJL_CACHE_DIR": str(KIT / "cache" / "djl"),
            "LEPTON_HOME": str(KIT / "cache" / "lepton-home"),
            "LD_LIBRARY_PATH": os.pathsep.join(library_path + [p for p in [os.environ.get("LD_LIBRARY_PATH")] if p]),
        })
        self.options = ["@" + str(KIT / "jvm.options")] + (["-Djna.library.path=" + str(cudart)] if cudart else [])

    def run(self, main, *args):
        command = [str(java_binary()), *self.options, "-cp", str(KIT / "lib" / "*"), main, *map(str, args)]
        done = subprocess.run(command, cwd=KIT, env=self.environment, capture_output=True, text=True)
        if done.returncode != 0:
            how = ("killed by signal %d" % -done.returncode) if done.returncode < 0 else "exit status %d" % done.returncode
            tail = "\n".join(done.stderr.strip().splitlines()[-15:])
            raise KitError("the JVM (%s) ended with %s:\n%s" % (main.rsplit(".", 1)[-1], how, tail))
        return json.loads(done.stdout.strip().splitlines()[-1])


def driver_gpus():
    """What the NVIDIA driver says of the machine's GPUs (nvidia-smi), whether or not a PyTorch here can use them."""
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return "none (no nvidia-smi on PATH)"
    try:
        done = subprocess.run([smi, "--query-gpu=index,name,memory.total,driver_version", "--format=csv,noheader"],
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "unknown (nvidia-smi did not answer in 60 s)"
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0:
        said = (lines or [line.strip() for line in done.stderr.splitlines() if line.strip()] or ["no message"])[-1]
        return "unknown (nvidia-smi failed with exit status %d: %s)" % (done.returncode, said)
    return "; ".join(lines) or "none"


def torch_device(java_device):
    """PyTorch's name of the device DJL reported: gpu(1) is cuda:1, cpu() is cpu."""
    return "cuda:" + java_device[4:-1] if java_device.startswith("gpu(") else "cpu"


def prepare(args):
    """Everything both commands do before their JVM: the libtorch, the versions and GPUs, the binding check. Returns
    Python's torch (or None), the JVM to run and the notes said."""
    notes = Notes()
    note = notes.add
    torch = python_torch()
    folder = torch_lib(args.torch_lib, torch)
    flavor = SETTINGS["cuda_flavor"] if (folder / "libtorch_cuda.so").is_file() else "cpu"
    version = libtorch_version(folder, torch)
    note("kit: Lepton %s, made %s; JVM %s" % (SETTINGS["lepton_version"], SETTINGS["made"], SETTINGS["java_version"]))
    note("libtorch: %s in %s (%s build)" % (version, folder, "CUDA" if flavor != "cpu" else "CPU"))
    if torch is None:
        note("Python PyTorch: none in %s (the JVM's numbers are not compared)" % sys.executable)
    else:
        gpus = ["%d: %s" % (i, torch.cuda.get_device_name(i)) for i in range(torch.cuda.device_count())]
        note("Python PyTorch: %s, CUDA %s" % (torch.__version__, torch.version.cuda or "none (CPU build)"))
        note("GPUs PyTorch sees: %s" % ("; ".join(gpus) if gpus else "none"))
    note("GPUs the NVIDIA driver lists: %s" % driver_gpus())
    symbols = check_binding(folder, flavor, version)
    note("JNI: pytorch-jni %s (%s) resolves all %d libtorch symbols it calls in %s" % (
        SETTINGS["pytorch_version"], flavor, symbols, folder))
    cudart = cudart_folder(folder) if flavor != "cpu" else None
    if flavor != "cpu":
        note("cudart for DJL's GPU count: %s" % (cudart or "not found (DJL will see no GPU)"))
    return torch, Jvm(folder, flavor, cudart), notes


def compare(name, ours, theirs):
    """The difference of ours from theirs relative to theirs' largest value; KitError beyond TOLERANCE."""
    if len(ours) != len(theirs):
        raise KitError("the JVM's %s has %d values, PyTorch's %d" % (name, len(ours), len(theirs)))
    scale = max(1e-12, max(abs(value) for value in theirs))
    difference = max(abs(a - b) for a, b in zip(ours, theirs)) / scale
    if difference > TOLERANCE:
        raise KitError("the JVM's %s differs from PyTorch's by %.2g (relative; allowed %g): the engine computes "
                       "something else on this device" % (name, difference, TOLERANCE))
    return difference


def smoke_in_python(torch, device, shape):
    """The computation of GpuSmoke, in PyTorch: product, loss and gradient."""
    rows, inner, columns = shape
    i = torch.arange(rows, dtype=torch.float64)[:, None]
    j = torch.arange(inner, dtype=torch.float64)[None, :]
    a = torch.sin(0.37 * i + 0.11 * j).float().to(device)
    i = torch.arange(inner, dtype=torch.float64)[:, None]
    j = torch.arange(columns, dtype=torch.float64)[None, :]
    b = torch.cos(0.23 * i - 0.19 * j).float().to(device).requires_grad_()
    product = (a @ b).detach().flatten().tolist()
    loss = (a @ b).tanh().square().mean()
    loss.backward()
    return product, loss.item(), b.grad.flatten().tolist()


def check(args):
    torch, jvm, notes = prepare(args)
    smoke = jvm.run("ai.lepton.bench.GpuSmoke")
    notes.add("JVM: Java %s in %s; %s; device: auto → %s" % (
        smoke["java_version"], smoke["java_home"], smoke["engine"], smoke["device"]))
    for gpu in smoke["gpus"]:
        notes.add("DJL sees GPU %s" % gpu)
    if torch is None:
        verdict = "matrix product and backward step ran in the JVM; not compared (no PyTorch in this Python)"
    else:
        device = torch_device(smoke["device"])
        product, loss, gradient = smoke_in_python(torch, device, smoke["shape"])
        worst = max(compare("matrix product", smoke["product"], product), compare("loss", [smoke["loss"]], [loss]),
                    compare("gradient", smoke["gradient"], gradient))
        verdict = "matrix product and backward step match PyTorch %s on %s (largest relative difference %.1e)" % (
            torch.__version__, device, worst)
    notes.add(verdict)
    say("check passed")
    write_result("check", ["# GPU kit check — %s" % today(), ""] + ["- " + line for line in notes.lines])


def bench(args):
    torch, jvm, notes = prepare(args)
    work = KIT / "cache" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    say("Lepton: the MLP, then MiniLM full and LoRA fine-tuning ...")
    lepton = jvm.run("ai.lepton.bench.GpuBench", "run", KIT / "minilm", work)
    sizes = lepton["sizes"]  # chosen by the JVM for the device it trains on
    device = torch_device(lepton["device"])
    peers = {}
    if torch is not None:
        sys.path.insert(0, str(KIT / "kit"))
        import torch_peers
        say("PyTorch: the same models and batches on %s ..." % device)
        peers["mlp"] = torch_peers.mlp_rate(sizes["mlpRows"], sizes["mlpEpochs"], device)
        for mode in lepton["text"]:
            peers[mode] = torch_peers.bert_rate(mode, lepton["ids"], sizes["textEpochs"], device)
    rows = [("MLP 32-128-64-2, batch 256, %s rows (Lepton's loop, validation on)" % format(sizes["mlpRows"], ","),
             lepton["mlp"], peers.get("mlp"))]
    rows += [("MiniLM %s, T=64, batch 16, AdamW" % TEXT_MODES.get(mode, mode), result["samples_per_second"], peers.get(mode))
             for mode, result in lepton["text"].items()]
    on = "GPU: " + "; ".join(lepton["gpus"]) if lepton["gpus"] else "CPU numbers (no GPU visible: these are not GPU results)"
    text = ["# GPU kit benchmark — %s, %s" % (today(), on), ""] + ["- " + line for line in notes.lines] + [
        "- JVM: %s, device %s; PyTorch (Python) on %s" % (lepton["engine"], lepton["device"], device), "",
        "| training, samples/s | Lepton | PyTorch (Python) | Lepton ÷ PyTorch |", "|---|---|---|---|"]
    for label, ours, theirs in rows:
        text.append("| %s | %s | %s | %s |" % (label, rate(ours), rate(theirs) if theirs else "—",
                                               "%.2f×" % (ours / theirs) if theirs else "—"))
    text += ["", "MiniLM runs use all-MiniLM-L6-v2's architecture with seeded random weights (its 90 MB of weights do "
             "not fit the kit; speed does not depend on their values): Lepton writes them, PyTorch loads the same file "
             "and trains on the same token ids (%d Debian descriptions of 64 word pieces), last of %d epochs. The MLP "
             "is measured after one warm-up epoch." % (trained_rows(lepton["ids"]), sizes["textEpochs"])]
    say("\n".join(text))
    write_result("bench", text)


def trained_rows(ids_file):
    """How many descriptions filled 64 word pieces (at most the rows asked for)."""
    return len(json.loads(pathlib.Path(ids_file).read_text())["ids"])


def rate(samples_per_second):
    return ("{:,.0f}" if samples_per_second >= 100 else "{:.1f}").format(samples_per_second)


def today():
    return datetime.date.today().isoformat()


def write_result(kind, lines):
    results = KIT / "results"
    results.mkdir(exist_ok=True)
    path = results / ("%s-%s.md" % (kind, datetime.datetime.now().strftime("%Y%m%d-%H%M%S")))
    path.write_text("\n".join(lines) + "\n")
    say("written: %s" % path)


def main():
    parser = argparse.ArgumentParser(prog="run.sh", description="Lepton's GPU kit: check and benchmark the GPU path.")
    parser.add_argument("command", choices=["check", "bench"])
    parser.add_argument("--torch-lib", metavar="DIR", help="the folder with libtorch.so (default: Python torch's lib)")
    args = parser.parse_args()
    # SIGTERM ends this process as Ctrl-C does: subprocess.run then stops the JVM it waits for
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        {"check": check, "bench": bench}[args.command](args)
    except KitError as error:
        print("run.sh %s: %s" % (args.command, error), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
