"""JVM kernels beside Lepton in the kernel benchmark: the Kotlin Jupyter kernel, resolved from Maven Central.

Each peer is installed as a kernelspec in a temporary Jupyter data folder (never in the user's), for the
duration of the benchmark.
"""
import contextlib
import glob
import json
import os
import pathlib
import subprocess
import tempfile

PEERS = pathlib.Path(__file__).resolve().parent / "peers"
KOTLIN_NAME = "lepton-bench-kotlin"


def jdk17_java():
    """The Kotlin kernel's compiler knows JVM targets up to 19: it needs a JDK 17, not Lepton's 25."""
    for java in ["/usr/bin/java", *sorted(glob.glob("/usr/lib/jvm/*17*/bin/java"))]:
        if os.path.exists(java):
            version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
            if '"17.' in version:
                return java
    return None


def kotlin_classpath(work):
    out = work / "classpath.txt"
    env = dict(os.environ)
    if "LEPTON_JAVA" in os.environ:  # Maven runs on Lepton's JDK: the launcher's MAVEN_OPTS name a JDK 25 option
        env["JAVA_HOME"] = str(pathlib.Path(os.environ["LEPTON_JAVA"]).resolve().parent.parent)
    resolved = subprocess.run(["mvn", "-B", "-q", "-Dstyle.color=never", "-f", str(PEERS / "kotlin-jupyter" / "pom.xml"),
                               "dependency:build-classpath", f"-Dmdep.outputFile={out}"],
                              capture_output=True, text=True, env=env)
    if resolved.returncode != 0:
        raise ValueError("Maven could not resolve the Kotlin kernel: " + (resolved.stdout + resolved.stderr)[-500:])
    return out.read_text().strip()


@contextlib.contextmanager
def kotlin_kernel():
    """Yields the Kotlin kernel's kernelspec name; raises ValueError saying why when it cannot be set up."""
    java = jdk17_java()
    if java is None:
        raise ValueError("no JDK 17 found (/usr/bin/java or /usr/lib/jvm/*17*) for the Kotlin kernel")
    with tempfile.TemporaryDirectory(prefix="lepton-bench-peers-") as folder:
        work = pathlib.Path(folder)
        classpath = kotlin_classpath(work)
        (work / "logback.xml").write_text(
            '<configuration><appender name="err" class="ch.qos.logback.core.ConsoleAppender">'
            "<target>System.err</target><encoder><pattern>%msg%n</pattern></encoder></appender>"
            '<root level="WARN"><appender-ref ref="err"/></root></configuration>')
        spec = work / "kernels" / KOTLIN_NAME
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [java, f"-Dlogback.configurationFile={work / 'logback.xml'}", "-cp", classpath,
                     "org.jetbrains.kotlinx.jupyter.IkotlinKt", f"-cp={classpath}", f"-home={work / 'home'}",
                     "{connection_file}"],
            "display_name": "Kotlin (benchmark peer)", "language": "kotlin", "interrupt_mode": "message"}))
        previous = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(work), previous]))
        try:
            yield KOTLIN_NAME
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH")
            else:
                os.environ["JUPYTER_PATH"] = previous
