"""The launcher and the kernel's entry point, fed bad input."""
import collections
import json
import os
import sqlite3
import subprocess
import zipfile

import nbformat
import pytest

from conftest import ROOT, kernel_argv_with, write_json


def run_kernel_with(connection_file):
    return subprocess.run(kernel_argv_with(str(connection_file)), capture_output=True, text=True, timeout=60)


def test_malformed_connection_file_exits_with_a_clear_message(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ this is not json")
    result = run_kernel_with(bad)
    assert result.returncode == 2
    assert "is not valid JSON" in result.stderr and str(bad) in result.stderr


def test_connection_file_without_ports_names_the_missing_field(tmp_path):
    partial = write_json(tmp_path / "partial.json", {"ip": "127.0.0.1", "transport": "tcp", "key": "k", "signature_scheme": "hmac-sha256"})
    result = run_kernel_with(partial)
    assert result.returncode == 2
    assert '"shell_port"' in result.stderr


def test_missing_connection_file_says_how_to_start_the_kernel(tmp_path):
    result = run_kernel_with(tmp_path / "absent.json")
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "./lepton notebook" in result.stderr


def test_run_exits_1_naming_the_failing_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("int ok = 1;"),
                nbformat.v4.new_code_cell("Object o = null;\no.toString()"),
                nbformat.v4.new_code_cell("int never = 2;")]
    path = tmp_path / "failing.ipynb"
    nbformat.write(nb, path)
    result = subprocess.run([str(ROOT / "lepton"), "run", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "cell 2 failed" in result.stderr
    assert "NullPointerException" in result.stderr
    executed = nbformat.read(tmp_path / "failing.out.ipynb", as_version=4)
    assert executed.cells[0].execution_count == 1
    assert (tmp_path / "failing.out.html").read_text().count("NullPointerException") >= 1


def test_run_of_a_missing_notebook_is_refused(tmp_path):
    result = subprocess.run([str(ROOT / "lepton"), "run", str(tmp_path / "nope.ipynb")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "no notebook at" in result.stderr


def test_unknown_launcher_command_lists_the_commands():
    result = subprocess.run([str(ROOT / "lepton"), "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "unknown command 'frobnicate'" in result.stderr and "kernel install" in result.stderr


def test_kernelspec_holds_absolute_paths_and_message_interrupts():
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("lepton")
    assert spec.display_name == "Java (Lepton)" and spec.language == "java"
    assert spec.interrupt_mode == "message"
    assert spec.argv[0].startswith("/") and spec.argv[0].endswith("/bin/java")
    classpath = spec.argv[spec.argv.index("-cp") + 1]
    assert all(entry.startswith("/") for entry in classpath.split(":"))
    assert json.dumps(spec.argv).count(str(ROOT)) >= 1
    caches = [arg for arg in spec.argv if arg.startswith("-XX:AOTCache=")]
    assert caches and os.path.getsize(caches[0].split("=", 1)[1]) > 1_000_000, "the start-up cache trained at install"


def test_runs_lists_the_store_or_says_it_is_empty(tmp_path):
    env = dict(os.environ, LEPTON_HOME=str(tmp_path / "home"))
    empty = subprocess.run([str(ROOT / "lepton"), "runs"], capture_output=True, text=True, env=env, timeout=300)
    assert empty.returncode == 0 and "No runs in jdbc:sqlite:" in empty.stdout, empty.stderr
    listed = subprocess.run([str(ROOT / "lepton"), "runs", "--last", "5"], capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0, listed.stderr  # the tests' own store (LEPTON_HOME of this test session)
    bad = subprocess.run([str(ROOT / "lepton"), "runs", "--last", "x"], capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode == 2 and "--last takes a whole number of runs, not 'x'" in bad.stderr


def test_store_upgrade_creates_the_schema_and_refuses_anything_else(tmp_path):
    env = dict(os.environ, LEPTON_STORE="jdbc:sqlite:" + str(tmp_path / "team" / "runs.db"))
    upgraded = subprocess.run([str(ROOT / "lepton"), "store", "upgrade"], capture_output=True, text=True, env=env, timeout=300)
    assert upgraded.returncode == 0 and "is at schema version 4" in upgraded.stdout, upgraded.stderr
    assert (tmp_path / "team" / "runs.db").is_file()
    # a run an older Lepton recorded with the store's password in its environment: the upgrade redacts it
    with sqlite3.connect(tmp_path / "team" / "runs.db") as db:
        db.execute("INSERT INTO runs (id, name, status, started_at, environment) VALUES ('old', 'old', 'FINISHED', 0, ?)",
                   ('{"environment_variables": {"LEPTON_STORE": "jdbc:postgresql://db/x?user=ana&password=AnasSecret"}}',))
    scrubbed = subprocess.run([str(ROOT / "lepton"), "store", "upgrade"], capture_output=True, text=True, env=env, timeout=300)
    assert scrubbed.returncode == 0 and "Secrets redacted from 1 run(s): their recorded environment, parameters and tags." in scrubbed.stdout, \
        scrubbed.stdout + scrubbed.stderr
    with sqlite3.connect(tmp_path / "team" / "runs.db") as db:
        environment = db.execute("SELECT environment FROM runs WHERE id = 'old'").fetchone()[0]
    assert "AnasSecret" not in environment and "jdbc:postgresql://db/x?[redacted]" in environment, environment
    bad = subprocess.run([str(ROOT / "lepton"), "store", "migrate"], capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode == 2 and "usage: ./lepton store upgrade" in bad.stderr
    wrong_url = subprocess.run([str(ROOT / "lepton"), "store", "upgrade"], capture_output=True, text=True,
                               env=dict(env, LEPTON_STORE="jdbc:mysql://db/x"), timeout=300)
    assert wrong_url.returncode == 2 and "LEPTON_STORE must be a SQLite or PostgreSQL JDBC URL" in wrong_url.stderr


def test_team_setup_refuses_bad_options_before_changing_anything():
    setup = str(ROOT / "environment" / "team-setup.sh")
    for args, message in ((["--users"], "--users needs a value"),
                          (["--frobnicate", "x"], "unknown option --frobnicate"),
                          ([], "--users is required"),
                          (["--users", "Alice!"], "'Alice!' is not a user name"),
                          (["--users", "no_such_user_here"], "there is no system user 'no_such_user_here'"),
                          (["--users", "root", "--promoters", "nobody"], "promoter 'nobody' is not among --users")):
        result = subprocess.run([setup, *args], capture_output=True, text=True, timeout=60)
        expected = message if os.geteuid() == 0 or "option" in message or "value" in message else "run as root"
        assert result.returncode == 1 and expected in result.stderr, (args, result.stderr)


def test_the_hub_refuses_a_team_store_url_with_a_password_in_it(tmp_path, monkeypatch):
    from traitlets.config import Config
    team_env = tmp_path / "team.env"
    monkeypatch.setenv("LEPTON_TEAM_ENV", str(team_env))
    monkeypatch.setenv("LEPTON_HUB_STATE", str(tmp_path / "state"))
    config = ROOT / "environment" / "jupyterhub_config.py"
    team_env.write_text("LEPTON_STORE=jdbc:postgresql://db:5432/lepton\nLEPTON_REGISTRY=/srv/lepton/registry\n")
    settings = {"get_config": Config, "__file__": str(config)}
    exec(compile(config.read_text(), str(config), "exec"), settings)
    assert settings["c"].Spawner.environment == {"LEPTON_STORE": "jdbc:postgresql://db:5432/lepton",
                                                 "LEPTON_REGISTRY": "/srv/lepton/registry"}
    for store in ("jdbc:postgresql://db/lepton?user=ana&password=s3cret", "jdbc:postgresql://ana:s3cret@db/lepton",
                  "jdbc:postgresql://ana:s3/cr#et@db/lepton"):
        team_env.write_text("LEPTON_STORE=%s\n" % store)
        with pytest.raises(SystemExit) as refused:
            exec(compile(config.read_text(), str(config), "exec"), {"get_config": Config, "__file__": str(config)})
        assert "LEPTON_STORE holds a password" in str(refused.value) and "~/.pgpass" in str(refused.value)


def duplicated_classes(jars):
    """{(jar, jar, ...): number of classes} for the classes that more than one of JARS holds."""
    owners = collections.defaultdict(set)
    for jar in jars:
        with zipfile.ZipFile(jar) as archive:
            for entry in archive.namelist():
                if entry.endswith(".class") and not entry.startswith("META-INF/") and entry != "module-info.class":
                    owners[entry].add(jar.name)
    return collections.Counter(tuple(sorted(names)) for names in owners.values() if len(names) > 1)


def test_each_class_is_on_the_kernels_and_the_runtimes_classpath_once():
    # the kernel's classpath joins the kernel's and the extension's dependencies (./lepton's kernel_classpath)
    kernel = [ROOT / "kernel-ext" / "target" / "lepton-kernel.jar", ROOT / "lepton-magics" / "target" / "lepton-magics.jar",
              *sorted((ROOT / "kernel-ext" / "target" / "lib").glob("*.jar")),
              *sorted((ROOT / "lepton-magics" / "target" / "lib").glob("*.jar"))]
    kernel = list({jar.name: jar for jar in kernel}.values())  # the same jar in both folders is one copy
    runtime = [ROOT / "runtime" / "target" / "lepton-runtime.jar", *sorted((ROOT / "runtime" / "target" / "lib").glob("*.jar"))]
    for classpath in (kernel, runtime):
        assert not duplicated_classes(classpath), duplicated_classes(classpath).most_common(10)
    assert len([jar for jar in kernel if jar.name.startswith("gson-")]) == 1, "one Gson, not one inside another jar"


def lepton(*args, env=None):
    return subprocess.run([str(ROOT / "lepton"), *args], capture_output=True, text=True, timeout=300, env=env)


def test_every_command_answers_help_with_its_own_usage():
    for command, expected in [(["predict", "--help"], "predict ARTIFACT --input"), (["serve", "m", "-h"], "--metrics on|off"),
                              (["kernel", "install", "--help"], "--name NAME"), (["runs", "--help"], "runs [--last N]"),
                              (["promote", "--help"], "--quantize int8|fp16")]:
        result = lepton(*command)
        assert result.returncode == 0 and expected in result.stdout, (command, result.stdout, result.stderr)
        assert "run NOTEBOOK.ipynb" not in result.stdout, "only the command's own usage"


def test_kernel_install_name_java_runs_ijava_notebooks_and_never_replaces_another_kernel_without_force(tmp_path):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "data"))
    other = tmp_path / "data" / "kernels" / "java"
    other.mkdir(parents=True)
    write_json(other / "kernel.json", {"argv": ["java", "-jar", "ijava.jar", "{connection_file}"], "display_name": "Java",
                                       "language": "java"})
    refused = lepton("kernel", "install", "--name", "java", env=env)
    assert refused.returncode != 0 and "not Lepton's" in refused.stderr and "--force" in refused.stderr, refused.stderr
    assert "ijava.jar" in (other / "kernel.json").read_text(), "the other kernel is left as it was"
    assert lepton("kernel", "install", "--name", "java", "--force", env=env).returncode == 0
    assert "ai.lepton.kernel.KernelMain" in (other / "kernel.json").read_text()
    listed = subprocess.run(["jupyter", "kernelspec", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert listed.returncode == 0 and "java" in listed.stdout and "lepton" in listed.stdout, listed.stderr
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("// written for IJava\n6 * 7")])
    notebook.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    nbformat.write(notebook, tmp_path / "ijava.ipynb")
    executed = subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", "done.ipynb",
                               str(tmp_path / "ijava.ipynb")], capture_output=True, text=True, env=env, timeout=300)
    assert executed.returncode == 0, executed.stderr[-2000:]
    done = nbformat.read(tmp_path / "done.ipynb", as_version=4)
    assert done.cells[0].outputs[0]["data"]["text/plain"] == "42"
