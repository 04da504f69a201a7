"""Shared fixtures: a real Lepton kernel started through Jupyter's own client (jupyter_client)."""
import importlib.util
import json
import os
import pathlib
import queue
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

# runs, checkpoints and history of the tests stay out of the user's ~/.lepton; kernels inherit this
os.environ["LEPTON_HOME"] = tempfile.mkdtemp(prefix="lepton-test-home-")
ROOT = pathlib.Path(os.environ.get("LEPTON_ROOT", pathlib.Path(__file__).resolve().parent.parent))


def environment_module(relative):
    """A Python module of environment/ (the single-node Slurm, the scratch PostgreSQL), loaded from its file: environment/
    is no package."""
    path = ROOT / "environment" / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kernel_spec():
    return KernelSpecManager().get_kernel_spec("lepton")


def jdk_bin(tool):
    """A tool of the JDK the kernelspec runs (javac, jar)."""
    return str(pathlib.Path(kernel_spec().argv[0]).parent / tool)


class Cell:
    """What one execute_request produced: the reply and every iopub message until idle."""

    def __init__(self, reply, messages):
        self.reply = reply["content"]
        self.messages = messages

    @property
    def status(self):
        return self.reply["status"]

    def of_type(self, msg_type):
        return [m["content"] for m in self.messages if m["msg_type"] == msg_type]

    @property
    def stdout(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stdout")

    @property
    def stderr(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stderr")

    @property
    def result(self):
        results = self.of_type("execute_result")
        return results[-1]["data"] if results else None

    @property
    def error(self):
        errors = self.of_type("error")
        return errors[-1] if errors else None

    @property
    def error_text(self):
        error = self.error
        return "" if error is None else error["evalue"] + "\n" + "\n".join(error["traceback"])


class Kernel:
    def __init__(self, env=None):
        """A started kernel; env: its whole environment (default this process's)."""
        extra = {} if env is None else {"env": env}
        self.manager, self.client = start_new_kernel(kernel_name="lepton", startup_timeout=120, **extra)

    def send(self, code):
        return self.client.execute(code)

    def collect(self, msg_id, timeout=120):
        """The reply to msg_id and the iopub messages of that request, up to its idle status."""
        deadline = time.time() + timeout
        messages = []
        while True:
            message = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            message["received"] = time.time()
            messages.append(message)
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                break
        reply = self.client.get_shell_msg(timeout=max(1, deadline - time.time()))
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.client.get_shell_msg(timeout=max(1, deadline - time.time()))
        return Cell(reply, messages)

    def wait_for(self, msg_id, predicate, timeout=120):
        """Reads msg_id's iopub messages until one satisfies predicate (the ones read are not collected again)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            message = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if message["parent_header"].get("msg_id") == msg_id and predicate(message):
                return message
        raise AssertionError(f"no matching message within {timeout} s")

    def run(self, code, timeout=120):
        return self.collect(self.send(code), timeout)

    def ok(self, code, timeout=120):
        cell = self.run(code, timeout)
        assert cell.status == "ok", cell.error_text
        return cell

    def assert_clear_errors(self, cases, timeout=120):
        """Each magic in cases fails with its expected text and no library frames, and the kernel lives on."""
        for magic, expected in cases.items():
            cell = self.run(magic, timeout)
            assert cell.status == "error", magic
            assert expected in cell.error_text, (magic, cell.error_text)
            assert "    at " not in cell.error_text, ("no library frames", magic, cell.error_text)
        assert self.ok("1 + 1").result["text/plain"] == "2"

    def shutdown(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel():
    started = Kernel()
    yield started
    started.shutdown()


@pytest.fixture
def fresh_kernel():
    started = Kernel()
    yield started
    started.shutdown()


def drain(q):
    try:
        while True:
            q.get_nowait()
    except queue.Empty:
        pass


def kernel_argv_with(connection_file):
    argv = list(kernel_spec().argv)
    return [connection_file if a == "{connection_file}" else a for a in argv]


def write_json(path, value):
    path.write_text(json.dumps(value))
    return path


@pytest.fixture
def chromium():
    """Debian's Chromium, headless, driven through chromedriver."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='lepton-chromium-')}")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()
