"""Trains the kernel JVM's ahead-of-time cache (JDK 25: JEP 483 and 514). The launcher writes a training kernelspec whose
JVM records what it loads, links and compiles, and writes the cache when it exits; this starts that kernel, runs the
kinds of cells a notebook starts with (javac's first compilations are most of a cold start), and shuts it down cleanly.

usage: kernel_aot.py FOLDER   (FOLDER/kernels/lepton-training/kernel.json is the training kernelspec)"""
import sys
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

CELLS = [
    "1 + 1",
    "int x = 3;",
    'String s = "a" + x;',
    "java.util.List.of(1, 2).stream().map(i -> i * 2).toList()",
    "record Point(int a, int b) {}\nnew Point(1, 2)",
    "System.out.println(s);",
    "%lepton help",
    "void greet() { System.out.println(\"hi\"); }\ngreet();",
]
# The exiting JVM starts a child JVM that assembles the cache, and waits for it: seconds on a busy machine. Killed
# meanwhile (jupyter_client kills a kernel that has not exited 5 s after a shutdown request), it leaves an empty file.
ASSEMBLY_SECONDS = 180


def main(folder):
    specs = KernelSpecManager(kernel_dirs=[f"{folder}/kernels"])
    manager = KernelManager(kernel_name="lepton-training", kernel_spec_manager=specs)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        for code in CELLS:
            reply = client.execute_interactive(code, timeout=120, output_hook=lambda message: None)
            if reply["content"]["status"] != "ok":
                raise SystemExit(f"training cell failed: {code!r}")
        client.complete("String.valueO")
        client.get_shell_msg(timeout=60)
    finally:
        client.stop_channels()
        manager.request_shutdown()  # a clean exit: the JVM writes the cache as it ends
        deadline = time.monotonic() + ASSEMBLY_SECONDS
        while manager.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        manager.shutdown_kernel(now=True)  # reaps the process (kills it only past the deadline) and its files


if __name__ == "__main__":
    main(sys.argv[1])
