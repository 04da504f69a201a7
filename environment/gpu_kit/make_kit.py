#!/usr/bin/env python3
"""Writes Lepton's GPU kit (./lepton gpu-kit DIR): a folder of at most 64 MiB that checks and benchmarks the GPU path on
a machine with PyTorch for Python but no JDK, Maven or network.

    DIR/run.sh             the entry point (run.sh check|bench [--torch-lib DIR])
    DIR/kit/               kit.py (the commands), elf.py (the JNI binding check), torch_peers.py (the PyTorch peers)
    DIR/runtime.tar.xz     a jlink'd JDK runtime with only the modules the jars use, unpacked on first use
    DIR/lib/               the benchmark's jars without the CPU natives (the machine's libtorch is used), the data
                           engine or the notebook's plots; native code of other platforms taken out
    DIR/minilm/, datasets/ MiniLM's config and tokenizer (not its weights), the Debian descriptions it trains on

The launcher builds Lepton first and passes the JDK (--jdk).
"""
import argparse
import datetime
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
LIMIT = 64 * 2**20
# Jars the kit's training never loads: the CPU natives (the kit uses the machine's libtorch), the data engine and SQL,
# plots and their PDF stack, sweeps (Smile and its JSON library), PostgreSQL, the shipped model's ONNX export (the kit
# carries MiniLM's architecture only), DJL's datasets and its tar extraction (for downloads), and test libraries that
# plot libraries drag in.
LEFT_OUT = ("pytorch-native-cpu-", "duckdb_jdbc-", "langchain4j-", "postgresql-", "checker-qual-", "xchart-",
            "commons-compress-", "commons-io-", "commons-codec-",
            "VectorGraphics2D-", "graphics2d-", "pdfbox-", "fontbox-", "commons-logging-", "animated-gif-lib-",
            "junit-", "opentest4j-", "apiguardian-", "smile-", "jackson-", "basicdataset-", "commons-csv-", "icu4j-",
            "jsr305-", "j2objc-", "error_prone_", "listenablefuture-")
# Jars cut down to the classes the others reach: Tablesaw uses a few hundred of fastutil's 11,000 (23 MB).
MINIMIZED = {"fastutil-": re.compile(rb"it/unimi/dsi/fastutil/[A-Za-z0-9_$/]+")}
NATIVE = re.compile(r"\.(so(\.[0-9]+)*|dylib|dll|jnilib|a)$")
THIS_PLATFORM = re.compile(r"(^|/)linux[-_/]x86[-_]64(/|$)", re.IGNORECASE)


def fail(message):
    print("gpu-kit: " + message, file=sys.stderr)
    sys.exit(1)


def say(message):
    print("gpu-kit: " + message, file=sys.stderr, flush=True)


def kit_jars():
    """The benchmark jar and its dependencies that the kit carries."""
    bench = ROOT / "bench" / "target" / "lepton-bench.jar"
    lib = ROOT / "bench" / "target" / "lib"
    for needed in (bench, lib):
        if not needed.exists():
            fail("Lepton is not built (no %s): run ./lepton build" % needed)
    return [jar for jar in [bench, *sorted(lib.glob("*.jar"))] if not jar.name.startswith(LEFT_OUT)]


def copy_jar(source, target, keep):
    """source without the entries keep refuses, recompressed."""
    with zipfile.ZipFile(source) as jar, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for entry in jar.infolist():
            if keep(entry.filename):
                out.writestr(entry, jar.read(entry), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def this_platform_only(name):
    """Native code only for linux-x86_64, the GPU machines' platform; everything else kept."""
    return not NATIVE.search(name) or bool(THIS_PLATFORM.search(name))


def reached_classes(jar, others, names):
    """The classes of jar that the class files of others reach, directly or through jar's own classes."""
    with zipfile.ZipFile(jar) as archive:
        classes = {entry[:-6]: entry for entry in archive.namelist() if entry.endswith(".class")}
        queue = []
        for other in others:
            with zipfile.ZipFile(other) as source:
                for entry in source.namelist():
                    if entry.endswith(".class"):
                        queue.extend(names.findall(source.read(entry)))
        reached = set()
        while queue:
            name = queue.pop().decode()
            if name in classes and name not in reached:
                reached.add(name)
                queue.extend(names.findall(archive.read(classes[name])))
    return {classes[name] for name in reached}


def write_jars(lib):
    jars = kit_jars()
    for jar in jars:
        minimized = next((names for prefix, names in MINIMIZED.items() if jar.name.startswith(prefix)), None)
        if minimized is None:
            copy_jar(jar, lib / jar.name, this_platform_only)
        else:
            kept = reached_classes(jar, [other for other in jars if other != jar], minimized)
            copy_jar(jar, lib / jar.name, lambda name: name in kept or not name.endswith(".class"))
    jni = [jar.name for jar in jars if jar.name.startswith("pytorch-jni-")]
    if not jni:
        fail("no pytorch-jni jar among the benchmark's dependencies in %s" % (ROOT / "bench" / "target" / "lib"))
    return jni[0]


def cuda_flavor(jni_jar):
    """The CUDA build of the JNI that the pytorch-jni jar carries for linux-x86_64 (cu128 in 2.7.1-0.35.1)."""
    with zipfile.ZipFile(jni_jar) as jar:
        flavors = sorted({m.group(1) for m in (re.match(r"jnilib/linux-x86_64/(cu[0-9]+)/", name) for name in jar.namelist())
                          if m})
    if not flavors:
        fail("%s has no CUDA build of the JNI for linux-x86_64: the kit could only check the CPU path" % jni_jar.name)
    return flavors[-1]


def java_version(jdk):
    release = (jdk / "release").read_text()
    return re.search(r'^JAVA_VERSION="([^"]+)"', release, re.MULTILINE).group(1)


def write_runtime(jdk, lib, kit, work):
    """A runtime of the modules the kit's jars use (jdeps says which), as runtime.tar.xz."""
    jdeps = subprocess.run([str(jdk / "bin" / "jdeps"), "--multi-release", "25", "--ignore-missing-deps",
                            "--print-module-deps", "--class-path", str(lib / "*"), *map(str, sorted(lib.glob("*.jar")))],
                           capture_output=True, text=True)
    if jdeps.returncode != 0:
        fail("jdeps could not list the modules the kit's jars need: " + jdeps.stderr.strip())
    modules = jdeps.stdout.strip().splitlines()[-1]
    runtime = work / "runtime"
    # uncompressed modules: xz compresses the whole runtime better than jlink's zip would
    linked = subprocess.run([str(jdk / "bin" / "jlink"), "--add-modules", modules, "--strip-debug", "--no-header-files",
                             "--no-man-pages", "--compress=zip-0", "--output", str(runtime)], capture_output=True, text=True)
    if linked.returncode != 0:
        fail("jlink failed: " + (linked.stderr or linked.stdout).strip())
    # preset 1: 23 MB in 14 s here; preset 6 saves 3 MB for a minute more
    with tarfile.open(kit / "runtime.tar.xz", "w:xz", preset=1) as archive:
        archive.add(runtime, arcname="runtime")
    return modules


def write_files(kit, jdk):
    """run.sh, the kit's Python, the JVM options, MiniLM's architecture and the data it trains on."""
    shutil.copy2(HERE / "run.sh", kit / "run.sh")
    shutil.copy2(HERE / "README.md", kit / "README.md")
    (kit / "kit").mkdir()
    for source in (HERE / "kit.py", HERE / "elf.py", ROOT / "bench" / "torch_peers.py"):
        shutil.copy2(source, kit / "kit" / source.name)
    shutil.copy2(ROOT / "base" / "src" / "main" / "resources" / "ai" / "lepton" / "base" / "jvm.options", kit / "jvm.options")
    (kit / "datasets").mkdir()
    shutil.copy2(ROOT / "datasets" / "debian-packages.csv", kit / "datasets")
    classpath = "%s:%s" % (ROOT / "bench" / "target" / "lepton-bench.jar", ROOT / "bench" / "target" / "lib" / "*")
    made = subprocess.run([str(jdk / "bin" / "java"), "@" + str(kit / "jvm.options"), "-cp", classpath,
                           "ai.lepton.bench.GpuBench", "architecture", str(kit / "minilm")], capture_output=True, text=True)
    if made.returncode != 0:
        fail("could not write MiniLM's architecture: " + made.stderr.strip()[-2000:])


def size_of(folder):
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="the kit's folder (made; a kit there is replaced)")
    parser.add_argument("--jdk", required=True, help="the JDK 25 that jlinks the runtime")
    args = parser.parse_args()
    target = pathlib.Path(args.dir).resolve()
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / "kit.json").is_file())):
        fail("%s exists and is not a GPU kit: give a new or empty folder (a kit there would be replaced)" % target)
    jdk = pathlib.Path(args.jdk)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gpu-kit-", dir=target.parent) as work:
        work = pathlib.Path(work)
        kit = work / "kit"
        (kit / "lib").mkdir(parents=True)
        say("selecting and trimming the jars ...")
        jni_jar = write_jars(kit / "lib")
        say("linking and compressing the Java runtime ...")
        modules = write_runtime(jdk, kit / "lib", kit, work)
        write_files(kit, jdk)
        (kit / "kit.json").write_text(json.dumps({
            "lepton_version": re.sub(r"^lepton-core-|\.jar$", "", next(p.name for p in (kit / "lib").glob("lepton-core-*.jar"))),
            "made": datetime.datetime.now().isoformat(timespec="seconds"),
            "java_version": java_version(jdk),
            "modules": modules,
            "jni_jar": jni_jar,
            "pytorch_version": re.match(r"pytorch-jni-([0-9.]+)-", jni_jar).group(1),
            "cuda_flavor": cuda_flavor(kit / "lib" / jni_jar),
        }, indent=2) + "\n")
        size = size_of(kit)
        if size > LIMIT:
            biggest = sorted(kit.rglob("*"), key=lambda p: p.stat().st_size if p.is_file() else 0)[-5:]
            fail("the kit would be %.1f MiB, over the 64 MiB a GPU machine takes; the biggest files: %s" % (
                size / 2**20, ", ".join("%s (%.1f MiB)" % (p.relative_to(kit), p.stat().st_size / 2**20) for p in biggest)))
        if target.exists():
            shutil.rmtree(target)
        kit.rename(target)
    say("wrote %s (%.1f MiB). On the GPU machine: %s/run.sh check, then %s/run.sh bench" % (
        target, size / 2**20, target, target))


if __name__ == "__main__":
    main()
