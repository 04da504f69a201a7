"""The Lepton kernel's kernelspec, as the launcher (./lepton) writes, installs and finds it through jupyter_client.

    python3 environment/kernelspec.py write FOLDER JAVA CLASSPATH CDS_ARCHIVE AOT_CACHE aot|train|cds
    python3 environment/kernelspec.py install FOLDER NAME user|system   # prints the folder it was installed in
    python3 environment/kernelspec.py find NAME                         # prints its folder, or an empty line
"""
import json
import sys


def kernel_json(java, classpath, cds, aot, mode):
    """The kernelspec of a kernel JVM whose start-up cache is used (aot), trained (train), or a class-data archive (cds)."""
    # No native code runs in the kernel JVM (notebook code runs in its session JVM), so it needs no
    # --enable-native-access, which would also void its class-data archive. The JVM's notes about its caches are noise.
    caches = {
        # the ahead-of-time cache trained at install: classes loaded and linked, javac's methods profiled
        "aot": ["-XX:AOTCache=" + aot],
        "train": ["-XX:AOTCacheOutput=" + aot],
        # without one, a class-data archive, rewritten whenever a rebuild makes it stale
        "cds": ["-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cds],
    }[mode]
    return {
        "argv": [java, "-XX:+UseSerialGC", *caches, "-Xlog:aot=off", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                 "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                 "-cp", classpath, "ai.lepton.kernel.KernelMain", "{connection_file}"],
        "display_name": "Java (Lepton)",
        "language": "java",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }


def write(folder, java, classpath, cds, aot, mode):
    # the same bytes for the same checkout: the launcher compares an installed kernel.json with a fresh one
    with open(f"{folder}/kernel.json", "w") as out:
        json.dump(kernel_json(java, classpath, cds, aot, mode), out, indent=2)


def install(folder, name, scope):
    from jupyter_client.kernelspec import KernelSpecManager
    print(KernelSpecManager().install_kernel_spec(folder, name, user=scope == "user"))


def find(name):
    from jupyter_client.kernelspec import KernelSpecManager
    print(KernelSpecManager().find_kernel_specs().get(name, ""))


COMMANDS = {"write": (write, 6), "install": (install, 3), "find": (find, 1)}

if __name__ == "__main__":
    command, arguments = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command not in COMMANDS or len(arguments) != COMMANDS[command][1]:
        sys.exit(__doc__)
    COMMANDS[command][0](*arguments)
