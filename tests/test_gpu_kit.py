"""The GPU kit (./lepton gpu-kit DIR), made here and run as on a bare GPU machine: env -i with PATH=/usr/bin:/bin and a
fresh HOME (no JAVA_HOME, no Maven, no DJL cache; the kit's JVM is its own). There is no GPU here, so it runs against the
CPU libtorch 2.7.1 of DJL's natives jar, laid out as libtorch's zip distribution lays it out, and against Debian's
PyTorch 1.13, to which DJL's JNI for 2.7.1 does not bind."""
import os
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(os.environ.get("LEPTON_ROOT", pathlib.Path(__file__).resolve().parent.parent))
LIMIT = 64 * 2**20


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gpu") / "kit"
    made = subprocess.run([str(ROOT / "lepton"), "gpu-kit", str(folder)], capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stderr
    assert "run.sh check" in made.stderr
    return folder


@pytest.fixture(scope="module")
def libtorch(tmp_path_factory):
    """DJL's CPU libtorch 2.7.1 as a libtorch distribution: lib/ with the libraries, build-version beside it."""
    root = tmp_path_factory.mktemp("libtorch")
    (root / "lib").mkdir()
    jar = next((ROOT / "bench" / "target" / "lib").glob("pytorch-native-cpu-*.jar"))
    with zipfile.ZipFile(jar) as natives:
        for entry in natives.namelist():
            if entry.startswith("pytorch/cpu/linux-x86_64/") and not entry.endswith("/"):
                with natives.open(entry) as source, open(root / "lib" / pathlib.Path(entry).name, "wb") as target:
                    shutil.copyfileobj(source, target)
    (root / "build-version").write_text("2.7.1+cpu\n")
    return root / "lib"


def bare(kit, home, *args):
    """run.sh in an environment as bare as a GPU machine's."""
    home.mkdir(exist_ok=True)
    return subprocess.run([str(kit / "run.sh"), *args], env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
                          capture_output=True, text=True, timeout=900)


def test_the_kit_fits_64_mib_without_the_cpu_natives_or_other_platforms_code(kit):
    files = [path for path in kit.rglob("*") if path.is_file()]
    assert sum(path.stat().st_size for path in files) <= LIMIT
    jars = {path.name for path in (kit / "lib").glob("*.jar")}
    assert any(name.startswith("pytorch-jni-2.7.1-") for name in jars)
    assert not [name for name in jars if name.startswith(("pytorch-native-cpu-", "duckdb_jdbc-", "langchain4j-"))]
    sqlite = next((kit / "lib").glob("sqlite-jdbc-*.jar"))
    natives = [name for name in zipfile.ZipFile(sqlite).namelist() if name.endswith((".so", ".dll", ".dylib"))]
    assert natives == ["org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"]
    with zipfile.ZipFile(next((kit / "lib").glob("fastutil-*.jar"))) as fastutil:
        assert 0 < len([n for n in fastutil.namelist() if n.endswith(".class")]) < 3000  # of 11,000: only those reached
    assert (kit / "runtime.tar.xz").is_file() and (kit / "minilm" / "tokenizer.json").is_file()
    assert not (kit / "minilm" / "model.safetensors").exists()


def test_check_passes_on_the_cpu_libtorch_in_a_bare_environment(kit, libtorch, tmp_path):
    done = bare(kit, tmp_path / "home", "check", "--torch-lib", str(libtorch))
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "libtorch: 2.7.1+cpu in %s (CPU build)" % libtorch in out
    assert "Python PyTorch: 1.13" in out and "GPUs PyTorch sees: none" in out
    assert "GPUs the NVIDIA driver lists: none (no nvidia-smi on PATH)" in out
    assert "resolves all" in out and "libtorch symbols it calls" in out
    assert "in %s" % (kit / "runtime") in out  # the kit's own JVM, not the machine's JDK 17
    assert "device: auto → cpu()" in out
    assert "match PyTorch 1.13" in out and "check passed" in out
    report = next((kit / "results").glob("check-*.md")).read_text()
    assert "match PyTorch" in report


def test_check_refuses_a_libtorch_the_jni_does_not_bind_to_before_a_jvm_starts(kit, tmp_path):
    done = bare(kit, tmp_path / "home", "check")  # python3's torch: Debian's 1.13
    assert done.returncode == 1
    assert "does not bind to this libtorch (1.13" in done.stderr
    assert "of the 342 libtorch symbols it calls are not there" in done.stderr
    assert "--torch-lib DIR" in done.stderr and "environment/GPU.md" in done.stderr
    assert "JVM:" not in done.stdout and "Traceback" not in done.stderr


def test_bad_arguments_are_named(kit, tmp_path):
    missing = bare(kit, tmp_path / "home", "check", "--torch-lib", str(tmp_path))
    assert missing.returncode == 1 and "holds no libtorch.so" in missing.stderr
    unknown = bare(kit, tmp_path / "home", "train")
    assert unknown.returncode == 2 and "invalid choice: 'train'" in unknown.stderr
    no_folder = subprocess.run([str(ROOT / "lepton"), "gpu-kit"], capture_output=True, text=True, timeout=60)
    assert no_folder.returncode == 1 and "usage: ./lepton gpu-kit DIR" in no_folder.stderr
    occupied = tmp_path / "notes"
    occupied.mkdir()
    (occupied / "todo.txt").write_text("mine")
    refused = subprocess.run([str(ROOT / "lepton"), "gpu-kit", str(occupied)], capture_output=True, text=True, timeout=600)
    assert refused.returncode == 1 and "is not a GPU kit" in refused.stderr
    assert (occupied / "todo.txt").read_text() == "mine"


def test_a_versioned_cudart_gets_the_link_jna_looks_for(kit, tmp_path):
    """pip's CUDA torch keeps libcudart.so.12 (no libcudart.so) in site-packages/nvidia/cuda_runtime/lib."""
    site = tmp_path / "site-packages"
    (site / "torch" / "lib").mkdir(parents=True)
    runtime = site / "nvidia" / "cuda_runtime" / "lib"
    runtime.mkdir(parents=True)
    (runtime / "libcudart.so.12").write_bytes(b"")
    found = subprocess.run([sys.executable, "-c", "import sys, pathlib; sys.path.insert(0, sys.argv[1]); import kit; "
                            "print(kit.cudart_folder(pathlib.Path(sys.argv[2])))", str(kit / "kit"), str(site / "torch" / "lib")],
                           capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    folder = pathlib.Path(found.stdout.strip())
    assert folder == kit / "cache" / "cudart"
    assert (folder / "libcudart.so").resolve() == (runtime / "libcudart.so.12").resolve()


def test_the_driver_s_gpu_list_is_read_from_nvidia_smi(kit, tmp_path):
    """No NVIDIA driver here: stand-ins for nvidia-smi print what the real one prints on a GPU machine, and fail as it
    fails when the driver is not loaded."""
    def listed(name, script):
        tools = tmp_path / name
        tools.mkdir()
        (tools / "nvidia-smi").write_text("#!/bin/sh\n" + script)
        (tools / "nvidia-smi").chmod(0o755)
        done = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import kit; "
                               "print(kit.driver_gpus())", str(kit / "kit")],
                              env={"PATH": "%s:/usr/bin:/bin" % tools}, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert listed("one-gpu", 'echo "0, NVIDIA H200, 143771 MiB, 570.124.06"\n') == "0, NVIDIA H200, 143771 MiB, 570.124.06"
    assert listed("no-driver", 'echo "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver."; exit 9\n') == (
        "unknown (nvidia-smi failed with exit status 9: NVIDIA-SMI has failed because it could not communicate with the"
        " NVIDIA driver.)")


def test_bench_writes_cpu_results_beside_pytorch(kit, libtorch, tmp_path):
    done = bare(kit, tmp_path / "home", "bench", "--torch-lib", str(libtorch))
    assert done.returncode == 0, done.stdout + done.stderr
    report = next((kit / "results").glob("bench-*.md")).read_text()
    assert "CPU numbers (no GPU visible: these are not GPU results)" in report
    rows = [line for line in report.splitlines() if line.startswith(("| MLP", "| MiniLM"))]
    assert len(rows) == 3
    for row in rows:
        label, lepton, pytorch, ratio = [cell.strip() for cell in row.strip("|").split("|")]
        assert float(lepton.replace(",", "")) > 0 and float(pytorch.replace(",", "")) > 0, row
        assert ratio.endswith("×")
    assert "seeded random weights" in report
