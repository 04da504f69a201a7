#!/usr/bin/env python3
"""Matches a CUDA PyTorch for Python to the DJL PyTorch engine Lepton is built with, and says how to point DJL at it.

    python3 environment/pytorch_natives.py            prints PYTORCH_LIBRARY_PATH=..., PYTORCH_VERSION=..., PYTORCH_FLAVOR=...
                                                      (append them to /etc/lepton/team.env on a GPU server)
    python3 environment/pytorch_natives.py --check    checks that the environment already holds exactly those (the GPU
                                                      image's build runs it, so a mismatched image never gets built)

DJL loads the libtorch of PYTORCH_LIBRARY_PATH through its JNI library, which exists per PyTorch version and CUDA
flavor: the version must be the one of the pytorch-jni jar on Lepton's classpath, and the jar must carry a JNI
library for the flavor. Exit status 1, with the reason and what to install, when they do not match.
"""
import argparse
import importlib
import os
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIBRARIES = ("libtorch.so", "libtorch_cuda.so", "libc10_cuda.so")


def fail(message):
    print("pytorch_natives: " + message, file=sys.stderr)
    sys.exit(1)


def engine_jni(lib_folder):
    """(pytorch version, CUDA flavors with a JNI library) of the pytorch-jni jar Lepton's kernel runs with."""
    jars = sorted(lib_folder.glob("pytorch-jni-*.jar"))
    if not jars:
        fail("no pytorch-jni jar in %s: build Lepton first (./lepton build)" % lib_folder)
    version = re.match(r"pytorch-jni-([0-9.]+)-", jars[-1].name).group(1)
    with zipfile.ZipFile(jars[-1]) as jar:
        flavors = {m.group(1) for m in (re.match(r"jnilib/linux-x86_64/(cu[0-9]+)/", name) for name in jar.namelist()) if m}
    return version, flavors


def torch_natives():
    """(version, flavor, lib folder) of the PyTorch this Python imports."""
    try:
        torch = importlib.import_module("torch")
    except ImportError:
        fail("this Python (%s) has no PyTorch. Install the CUDA build Lepton's engine needs, e.g. "
             "pip install torch==VERSION --index-url https://download.pytorch.org/whl/FLAVOR" % sys.executable)
    version = torch.__version__.split("+")[0]
    cuda = getattr(torch.version, "cuda", None)
    flavor = "cu" + cuda.replace(".", "") if cuda else "cpu"
    return version, flavor, pathlib.Path(torch.__file__).resolve().parent / "lib"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check the environment's settings instead of printing them")
    parser.add_argument("--lib", default=str(ROOT / "lepton-magics" / "target" / "lib"), help="the library's dependency folder")
    args = parser.parse_args()

    engine_version, engine_flavors = engine_jni(pathlib.Path(args.lib))
    version, flavor, lib = torch_natives()
    wanted = "torch==%s with one of the CUDA flavors %s" % (engine_version, ", ".join(sorted(engine_flavors)) or "(none)")
    if version != engine_version:
        fail("PyTorch %s is installed, but Lepton's engine (pytorch-jni %s) loads only libtorch %s. Install %s."
             % (version, engine_version, engine_version, wanted))
    if flavor not in engine_flavors:
        fail("PyTorch %s is a %s build; the engine's JNI library exists for %s only. Install %s."
             % (version, flavor, ", ".join(sorted(engine_flavors)) or "no CUDA flavor", wanted))
    missing = [name for name in LIBRARIES if not (lib / name).is_file()]
    if missing:
        fail("%s lacks %s: this PyTorch is not a complete CUDA build. Reinstall %s." % (lib, ", ".join(missing), wanted))

    settings = {"PYTORCH_LIBRARY_PATH": str(lib), "PYTORCH_VERSION": version, "PYTORCH_FLAVOR": flavor}
    if not args.check:
        for key, value in settings.items():
            print("%s=%s" % (key, value))
        return
    wrong = ["%s is %r, should be %r" % (key, os.environ.get(key), value) for key, value in settings.items() if os.environ.get(key) != value]
    if wrong:
        fail("the environment does not point DJL at this PyTorch: " + "; ".join(wrong) + ".")
    print("pytorch_natives: DJL will load PyTorch %s (%s) from %s" % (version, flavor, lib))


if __name__ == "__main__":
    main()
