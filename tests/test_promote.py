"""Promotion on the real kernel, then the artifact used the way production uses it: ./lepton predict,
./lepton serve over HTTP, and a throwaway Maven project that depends on the published coordinates."""
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, jdk_bin

PENGUINS = ROOT / "datasets" / "penguins.csv"
LEPTON = str(ROOT / "lepton")
MODEL = "pytest-penguins"


@pytest.fixture(scope="module")
def promoted(tmp_path_factory):
    """A penguins MLP trained and promoted through the magics, published to the local Maven repository."""
    from conftest import Kernel
    kernel = Kernel()
    try:
        kernel.ok(f"%lepton data load {PENGUINS}")
        kernel.ok("%lepton data prepare penguins --target species --stratify --seed 5")
        kernel.ok("%%lepton train --name pytest-mlp\nhidden: [16]\nepochs: 8\nbatch: 32\nlr: 1e-2", timeout=300)
        cell = kernel.ok(f"%lepton promote pytest-mlp --name {MODEL} --alias production --publish local", timeout=300)
        models = kernel.ok(f"%lepton models {MODEL}").result["text/html"]
        bad = {
            "%lepton promote": "needs RUN",
            "%lepton promote pytest-mlp": "needs --name",
            "%lepton promote no-such-run --name x": "no-such-run",
            "%lepton promote pytest-mlp --name Bad!": "cannot name a model",
            f"%lepton promote pytest-mlp --name {MODEL} --version 1.0.0": "already has version 1.0.0",
            "%lepton promote pytest-mlp --name x --version two": "not a semantic version",
            "%lepton models no-such-model": f"No model named 'no-such-model' in the registry",
            "%lepton promote pytest-mlp --name x --flavour y": "--flavour",
        }
        kernel.assert_clear_errors(bad)
        yield {"cell": cell, "models": models, "home": Path(os.environ["LEPTON_HOME"])}
    finally:
        kernel.shutdown()
        shutil.rmtree(Path.home() / ".m2" / "repository" / "ai" / "lepton" / "models" / MODEL, ignore_errors=True)


def lepton(*args, **kwargs):
    return subprocess.run([LEPTON, *args], capture_output=True, text=True, timeout=300, **kwargs)


def test_promotion_in_the_notebook_registers_a_verified_version(promoted):
    said = promoted["cell"].result["text/plain"]
    assert f"as {MODEL}:1.0.0 (production)" in said and "the gate reproduced" in said, said
    assert "Promoted run" not in promoted["cell"].stdout, "the summary is the cell's result, shown once"
    assert "production" in promoted["models"] and "test_accuracy" in promoted["models"]
    listing = lepton("models")
    assert listing.returncode == 0 and MODEL in listing.stdout and "production" in listing.stdout, listing.stderr


def test_predict_from_the_shell_and_a_tampered_copy_is_refused(promoted, tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("".join(PENGUINS.read_text().splitlines(keepends=True)[:21]))
    out = tmp_path / "predictions.csv"
    done = lepton("predict", f"{MODEL}@production", "--input", str(rows), "--output", str(out))
    assert done.returncode == 0, done.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "label,p_Adelie,p_Chinstrap,p_Gentoo" and len(lines) == 21
    assert sum(line.split(",")[0] == "Adelie" for line in lines[1:]) >= 15, "the first 20 penguins are Adelie"
    artifact = Path(lepton("models", "--path", MODEL).stdout.strip())
    tampered = tmp_path / "tampered.lepton"
    data = bytearray(artifact.read_bytes())
    data[len(data) // 4] ^= 0x01
    tampered.write_bytes(bytes(data))
    refused = lepton("predict", str(tampered), "--input", str(rows))
    assert refused.returncode == 2 and "check failed" in refused.stderr and "entry" in refused.stderr, refused.stderr
    assert refused.stdout == "", "nothing predicted from a tampered artifact"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(url, body=None):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_serve_answers_predict_health_and_metadata(promoted):
    port = free_port()
    server = subprocess.Popen([LEPTON, "serve", MODEL, "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                status, health = http(base + "/health")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.time() < deadline and server.poll() is None, "the server did not come up"
                time.sleep(0.3)
        assert status == 200 and health == {"status": "ok", "model": MODEL, "version": "1.0.0"}
        row = {"island": "Biscoe", "bill_length_mm": 47.5, "bill_depth_mm": 14.2, "flipper_length_mm": 217,
               "body_mass_g": 4975, "sex": "female", "year": 2009}
        status, one = http(base + "/predict", row)
        assert status == 200 and one["label"] == "Gentoo" and abs(sum(one["probabilities"].values()) - 1) < 1e-5, one
        status, many = http(base + "/predict", [row, dict(row, island="Torgersen", bill_length_mm=39.1, bill_depth_mm=18.7,
                                                          flipper_length_mm=181, body_mass_g=3750)])
        assert status == 200 and [p["label"] for p in many] == ["Gentoo", "Adelie"], many
        status, error = http(base + "/predict", dict(row, body_mass_g="heavy"))
        assert status == 400 and "field 'body_mass_g' must be a number" in error["error"], error
        status, metadata = http(base + "/metadata")
        assert status == 200 and metadata["manifest"]["name"] == MODEL
        assert [f["name"] for f in metadata["schema"]["fields"]][:2] == ["island", "bill_length_mm"]

        before = metrics(base)
        assert before['lepton_requests_total{endpoint="/predict",code="200"}'] == 2, before
        assert before['lepton_request_errors_total{endpoint="/predict",kind="bad_input"}'] == 1
        assert before["lepton_rows_predicted_total"] == 3
        assert before['lepton_predictions_total{label="Gentoo"}'] == 2
        assert before["lepton_request_duration_seconds_count"] == 3
        status, _ = http(base + "/predict", dict(row, island="Atlantis", flipper_length_mm=400, sex=None))
        assert status == 200
        status, too_large = http(base + "/predict", {"rows": "x" * (9 << 20)})
        assert status == 413 and "over 8388608 bytes" in too_large["error"], too_large
        status, malformed = raw(base + "/predict", b"{not json")
        assert status == 400 and "not JSON" in json.loads(malformed)["error"]
        after = metrics(base)
        assert after["lepton_rows_predicted_total"] == 4
        assert after['lepton_input_unseen_category_total{field="island"}'] == 1
        assert after['lepton_input_out_of_range_total{field="flipper_length_mm"}'] == 1
        assert after['lepton_input_missing_total{field="sex"}'] == 1
        assert after['lepton_request_errors_total{endpoint="/predict",kind="too_large"}'] == 1
        assert after['lepton_request_errors_total{endpoint="/predict",kind="bad_json"}'] == 1
        assert after['lepton_input_drift_psi{field="island"}'] > 0.1, "a field seen only as Biscoe, Torgersen and Atlantis drifted"
    finally:
        server.send_signal(signal.SIGTERM)  # a supervisor stops the process it started: the launcher's own
        assert server.wait(timeout=30) is not None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert "serving" in server.stderr.read()


def raw(url, data):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def metrics(base):
    """GET /metrics parsed from Prometheus' text format: each series (name and labels) to its value."""
    status, body = raw(base + "/metrics", None)
    assert status == 200
    series = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            series[name] = float(value)
    return series


def test_a_maven_project_depending_on_the_published_coordinates_predicts(promoted, tmp_path):
    project = tmp_path / "service"
    (project / "src/main/java").mkdir(parents=True)
    (project / "pom.xml").write_text(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId><artifactId>service</artifactId><version>1</version>
  <properties><maven.compiler.release>25</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <dependencies>
    <dependency><groupId>ai.lepton.models</groupId><artifactId>{MODEL}</artifactId><version>1.0.0</version></dependency>
  </dependencies>
  <build><plugins>
    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
  </plugins></build>
</project>
""")
    (project / "src/main/java/Service.java").write_text(f"""
import ai.lepton.runtime.LeptonModel;
import java.util.Map;

public class Service {{
    public static void main(String[] args) {{
        try (LeptonModel model = LeptonModel.load("ai.lepton.models:{MODEL}:1.0.0")) {{
            System.out.println(model.predict(Map.of("island", "Dream", "bill_length_mm", 49.0, "bill_depth_mm", 19.5,
                "flipper_length_mm", 210, "body_mass_g", 3950, "sex", "male", "year", 2008)).label());
        }}
    }}
}}
""")
    env = dict(os.environ, JAVA_HOME=str(Path(jdk_bin("java")).parent.parent),
               MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow")
    built = subprocess.run(["mvn", "-B", "-q", "-o", "compile", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt"],
                           cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    classpath = (project / "cp.txt").read_text().strip()
    assert "lepton-runtime" in classpath and "tablesaw" not in classpath and "lepton-core" not in classpath, classpath
    ran = subprocess.run([jdk_bin("java"), "--enable-native-access=ALL-UNNAMED", "-cp", f"{project}/target/classes:{classpath}", "Service"],
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip().splitlines()[-1] in {"Adelie", "Chinstrap", "Gentoo"}, ran.stdout


def test_the_shell_commands_refuse_bad_input_clearly(promoted, tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("island,bill_length_mm\nBiscoe,47.5\n")
    cases = [
        (["promote"], "usage: ./lepton promote RUN --name N"),
        (["promote", "pytest-mlp"], "promote needs --name"),
        (["promote", "pytest-mlp", "--name"], "--name needs a value"),
        (["promote", "pytest-mlp", "--name", "x", "--colour", "red"], "unknown option '--colour'; this command knows --name"),
        (["promote", "no-such-run", "--name", "x"], "No run is named or has the id 'no-such-run'"),
        (["models", "no-such-model"], "No model named 'no-such-model'"),
        (["predict", MODEL], "predict needs --input"),
        (["predict", MODEL, "--input", str(tmp_path / "absent.csv")], "Cannot read the rows in " + str(tmp_path / "absent.csv") + " (no such file)"),
        (["predict", MODEL, "--input", str(rows)], "Row 0: field 'bill_depth_mm' is missing"),
        (["predict", MODEL, "--input", str(rows), "--format", "x"], "unknown option '--format'"),
        (["predict", str(tmp_path / "nothing.lepton"), "--input", str(rows)], "no artifact file at " + str(tmp_path / "nothing.lepton")),
        (["predict", "no-such-model", "--input", str(rows)], "No model named 'no-such-model'"),
        (["serve", MODEL, "--port", "eighty"], "--port takes a port number from 0 (any free port) to 65535, not 'eighty'"),
        (["serve", MODEL, "--max-body", "lots"], "--max-body takes the largest request body in bytes"),
        (["serve", MODEL, "--metrics", "maybe"], "--metrics takes on or off, not 'maybe'"),
        (["promote", "pytest-mlp", "--name", "x", "--quantize", "int4"], "one of [fp32, fp16, int8]"),
        (["promote", "pytest-mlp", "--name", "x", "--quantize", "int8", "--tolerance", "2"], "a number from 0 to 1"),
    ]
    for args, expected in cases:
        done = lepton(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert expected in done.stderr, (args, done.stderr)
        assert "\tat " not in done.stderr and "Exception in thread" not in done.stderr, (args, done.stderr)
