"""What every benchmark shares: the source tree it measures, and the one way its Java side starts — the JVM options
every Lepton JVM passes, the bench's or the production runtime's classpath, and the JSON a benchmark class prints on its
last line. ./lepton bench names the tree, the java and the options (LEPTON_ROOT, LEPTON_JAVA, LEPTON_JVM_OPTIONS)."""
import importlib.util
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(os.environ.get("LEPTON_ROOT", pathlib.Path(__file__).resolve().parent.parent))
DATASETS = ROOT / "datasets"
# the options of every JVM Lepton starts, from their one argument file (the launcher names it)
JAVA_OPTIONS = ["@" + os.environ.get("LEPTON_JVM_OPTIONS", str(ROOT / "base/src/main/resources/ai/lepton/base/jvm.options"))]
BENCH_CLASSPATH = f"{ROOT}/bench/target/lepton-bench.jar:{ROOT}/bench/target/lib/*"
# the production runtime alone, as ./lepton serve runs it: nothing of the notebook stack
RUNTIME_CLASSPATH = f"{ROOT}/runtime/target/lepton-runtime.jar:{ROOT}/runtime/target/lib/*"


def engine_threads(threads):
    """JVM options that give DJL's PyTorch engine `threads` threads for an operator and one between operators."""
    return [f"-Dai.djl.pytorch.num_threads={threads}", "-Dai.djl.pytorch.num_interop_threads=1"]


def java_command(java_bin, classpath, main_class, *args, options=()):
    return [java_bin, *JAVA_OPTIONS, *options, "-cp", classpath, main_class, *map(str, args)]


def runtime_command(java_bin, *args):
    """The production runtime's command line (ai.lepton.runtime.cli.RuntimeMain), as ./lepton predict and serve run it."""
    return java_command(java_bin, RUNTIME_CLASSPATH, "ai.lepton.runtime.cli.RuntimeMain", *args)


def last_json(output):
    """The JSON object a benchmark process prints on its last line (lines before it are its progress)."""
    return json.loads(output.strip().splitlines()[-1])


def run_bench_class(java_bin, name, *args, options=(), **run):
    """Runs ai.lepton.bench.NAME with args (and subprocess.run's cwd or env in run); returns the JSON it prints last."""
    out = subprocess.run(java_command(java_bin, BENCH_CLASSPATH, "ai.lepton.bench." + name, *args, options=options),
                         check=True, capture_output=True, text=True, **run).stdout
    return last_json(out)


def environment_module(relative):
    """A Python module of environment/ (the single-node Slurm, the scratch PostgreSQL), loaded from its file."""
    path = ROOT / "environment" / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
