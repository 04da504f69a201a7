"""The GPU image cannot be built here (no Docker engine, no CUDA), so this checks what it runs and what it pins:
environment/pytorch_natives.py, which matches a PyTorch for Python to the engine's JNI library, and the Dockerfile's and
Helm values' versions and paths against the build."""
import os
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import yaml

ROOT = pathlib.Path(os.environ.get("LEPTON_ROOT", pathlib.Path(__file__).resolve().parent.parent))
SCRIPT = ROOT / "environment" / "pytorch_natives.py"
LIB = ROOT / "lepton-magics" / "target" / "lib"


def pom_property(name):
    pom = ElementTree.parse(ROOT / "pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    return pom.find("m:properties/m:" + name, ns).text


def installed_torch(tmp_path, version, cuda, libraries=("libtorch.so", "libtorch_cuda.so", "libc10_cuda.so")):
    """A PyTorch for Python as pytorch_natives.py sees one: its version, CUDA version and lib folder. (The real CUDA
    build is gigabytes and needs a GPU driver; the script only reads these.)"""
    package = tmp_path / "site" / "torch"
    (package / "lib").mkdir(parents=True)
    (package / "__init__.py").write_text("__version__ = %r\nfrom . import version\n" % version)
    (package / "version.py").write_text("cuda = %r\n" % cuda)
    for library in libraries:
        (package / "lib" / library).write_bytes(b"\x7fELF")
    return package


def natives(tmp_path, *args, env=None):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(tmp_path / "site"), **(env or {})})


def test_a_matching_cuda_pytorch_gives_the_three_settings_and_check_holds_the_environment_to_them(tmp_path):
    package = installed_torch(tmp_path, "2.7.1+cu128", "12.8")
    printed = natives(tmp_path)
    assert printed.returncode == 0, printed.stderr
    settings = dict(line.split("=", 1) for line in printed.stdout.splitlines())
    assert settings == {"PYTORCH_LIBRARY_PATH": str(package.resolve() / "lib"), "PYTORCH_VERSION": "2.7.1", "PYTORCH_FLAVOR": "cu128"}
    assert natives(tmp_path, "--check", env=settings).returncode == 0
    wrong = natives(tmp_path, "--check", env={**settings, "PYTORCH_FLAVOR": "cu126"})
    assert wrong.returncode == 1 and "PYTORCH_FLAVOR is 'cu126', should be 'cu128'" in wrong.stderr, wrong.stderr


def test_a_pytorch_the_engine_cannot_load_is_refused_with_what_to_install(tmp_path):
    installed_torch(tmp_path, "1.13.1", None)
    old = natives(tmp_path)
    assert old.returncode == 1 and old.stdout == ""
    assert "PyTorch 1.13.1 is installed, but Lepton's engine (pytorch-jni 2.7.1) loads only libtorch 2.7.1" in old.stderr, old.stderr
    assert "Install torch==2.7.1 with one of the CUDA flavors cu128" in old.stderr, old.stderr


def test_a_cuda_flavor_without_a_jni_library_or_an_incomplete_build_is_refused(tmp_path):
    installed_torch(tmp_path / "a", "2.7.1+cu118", "11.8")
    flavor = natives(tmp_path / "a")
    assert flavor.returncode == 1 and "is a cu118 build; the engine's JNI library exists for cu128 only" in flavor.stderr, flavor.stderr
    installed_torch(tmp_path / "b", "2.7.1+cu128", "12.8", libraries=("libtorch.so",))
    partial = natives(tmp_path / "b")
    assert partial.returncode == 1 and "lacks libtorch_cuda.so, libc10_cuda.so" in partial.stderr, partial.stderr


def test_the_dockerfile_pins_what_the_build_and_the_engine_expect():
    dockerfile = (ROOT / "environment" / "Dockerfile").read_text()
    engine_version = pom_property("pytorch.version")
    env = dict(re.findall(r"(PYTORCH_[A-Z_]+)=(\S+)", dockerfile))
    assert env["PYTORCH_VERSION"] == engine_version
    assert re.search(r"torch==%s --index-url https://download.pytorch.org/whl/%s\b" % (re.escape(engine_version), env["PYTORCH_FLAVOR"]),
                     dockerfile), "pip installs the torch the environment names"
    cuda = re.search(r"FROM nvidia/cuda:(\d+)\.(\d+)\.\d+-runtime-ubuntu(\d+\.\d+)", dockerfile)
    assert cuda and env["PYTORCH_FLAVOR"] == "cu%s%s" % cuda.group(1, 2), "the CUDA base matches the flavor"
    python = {"24.04": "3.12", "22.04": "3.10"}[cuda.group(3)]
    assert env["PYTORCH_LIBRARY_PATH"] == "/opt/venv/lib/python%s/site-packages/torch/lib" % python
    jni = next(LIB.glob("pytorch-jni-*.jar")).name
    assert jni.startswith("pytorch-jni-%s-%s" % (engine_version, pom_property("djl.version")))
    assert re.search(r"eclipse-temurin:25[.\d_]*-jdk", dockerfile), "the build stage has JDK 25"
    for used in re.findall(r"/opt/lepton/([\w./-]+)", dockerfile):
        assert (ROOT / used).exists(), "the Dockerfile runs %s, which the repository must have" % used
    for pinned in re.findall(r"(\w[\w-]*)==(\S+)", dockerfile):
        assert re.fullmatch(r"\d+(\.\d+)+", pinned[1]), "%s is pinned to a release: %s" % pinned


def test_the_helm_values_use_the_image_and_the_wrapper():
    values = yaml.safe_load((ROOT / "environment" / "z2jh-values.yaml").read_text())
    singleuser = values["singleuser"]
    assert singleuser["cmd"] == "/opt/lepton/environment/lepton-singleuser"
    assert (ROOT / "environment" / "lepton-singleuser").stat().st_mode & 0o111
    assert singleuser["extraResource"]["limits"]["nvidia.com/gpu"] == "1"
    assert singleuser["extraEnv"]["LEPTON_REGISTRY"] == singleuser["storage"]["extraVolumeMounts"][0]["mountPath"]
    hook = values["hub"]["extraConfig"]["lepton-store"]
    compile(hook, "lepton-store", "exec")  # the hub runs it as Python
    assert "read_only=spawner.user.name not in PROMOTERS" in hook
    # the store's password reaches the pod as a file the JDBC driver reads, never as an environment variable
    assert 'V1EnvVar(name="PGPASSFILE", value=STORE_SECRETS + "/pgpass")' in hook
    assert 'key="url"' in hook and 'key="pgpass"' in hook and "password" not in hook.split("def lepton_store")[1]
