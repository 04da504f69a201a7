"""IJava's magics and Lepton's own, with their bad inputs, on the real kernel."""
import json
import pathlib
import re
import subprocess

import pytest

from conftest import ROOT, jdk_bin

EXTENSION_SOURCE = """
package demo;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

public class HelloExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        kernel.getMagicsRegistry().registerLineMagic("hello", (k, args) -> "hello " + String.join(" ", args));
    }
}
"""

GREETER_SOURCE = """
package demo;

public class Greeter {
    public String greet() { return "greetings from a jar"; }
}
"""


@pytest.fixture(scope="module")
def demo_jar(tmp_path_factory):
    """A jar with a class and a kernel Extension registered through META-INF/services."""
    work = tmp_path_factory.mktemp("demojar")
    (work / "src" / "demo").mkdir(parents=True)
    (work / "src" / "demo" / "HelloExtension.java").write_text(EXTENSION_SOURCE)
    (work / "src" / "demo" / "Greeter.java").write_text(GREETER_SOURCE)
    classes = work / "classes"
    jjava = next((ROOT / "kernel-ext" / "target" / "lib").glob("jjava-jupyter-*.jar"))
    subprocess.run([jdk_bin("javac"), "-cp", str(jjava), "-d", str(classes),
                    str(work / "src" / "demo" / "HelloExtension.java"), str(work / "src" / "demo" / "Greeter.java")], check=True)
    services = classes / "META-INF" / "services"
    services.mkdir(parents=True)
    (services / "org.dflib.jjava.jupyter.Extension").write_text("demo.HelloExtension\n")
    jar = work / "lib" / "demo-1.0.jar"
    jar.parent.mkdir()
    subprocess.run([jdk_bin("jar"), "cf", str(jar), "-C", str(classes), "."], check=True)
    return jar


def test_maven_adds_an_artifact_from_the_local_repository(kernel):
    kernel.ok("%maven org.junit.platform:junit-platform-commons:1.11.4")
    cell = kernel.ok('org.junit.platform.commons.util.StringUtils.isBlank("  ")')
    assert cell.result["text/plain"] == "true"


def test_maven_of_a_library_lepton_ships_keeps_the_shipped_version_and_says_so(kernel):
    shipped = kernel.ok("com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().getPath()")
    cell = kernel.ok("%maven com.google.code.gson:gson:2.10.1", timeout=180)
    assert re.search(r"Kept the session's own com\.google\.code\.gson:gson 2\.1[1-9][.0-9]* \(asked for 2\.10\.1\)",
                     cell.stdout), cell.stdout
    assert cell.stdout.count("\n") == 1, "one line"
    again = kernel.ok("com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().getPath()")
    assert again.result == shipped.result, "one gson on the classpath, the shipped one"


def test_add_maven_dependencies_is_the_same_magic(kernel):
    kernel.ok("%addMavenDependencies org.opentest4j:opentest4j:1.3.0")
    assert kernel.ok("new org.opentest4j.TestAbortedException(\"x\").getMessage()").result["text/plain"] == "x"


def test_maven_of_a_missing_artifact_is_a_clear_error_and_the_kernel_lives(kernel):
    cell = kernel.run("%maven org.lepton.missing:nothing:9.9.9", timeout=180)
    assert cell.status == "error"
    assert "Could not resolve org.lepton.missing:nothing:9.9.9" in cell.error_text
    assert "local repository" in cell.error_text
    assert kernel.ok("1 + 1").result["text/plain"] == "2"


def test_maven_with_bad_coordinates_says_how_to_write_them(kernel):
    cell = kernel.run("%maven just-a-name")
    assert "is not Maven coordinates" in cell.error_text
    assert "groupId:artifactId:version" in cell.error_text


def test_maven_repo_accepts_urls_and_refuses_other_schemes(kernel):
    kernel.ok("%mavenRepo scratch file:///tmp/lepton-empty-repo")
    kernel.ok("%addMavenRepo scratch2 https://repo.example.invalid/maven2")
    cell = kernel.run("%mavenRepo bad ftp://example.invalid/repo")
    assert "must start with https://, http:// or file://" in cell.error_text
    assert "takes an id and a URL" in kernel.run("%mavenRepo onlyid").error_text


def test_load_from_pom_resolves_dependencies_with_properties(kernel):
    body = """%%loadFromPOM
<project>
  <properties><guardian.version>1.1.2</guardian.version></properties>
  <dependencies>
    <dependency>
      <groupId>org.apiguardian</groupId>
      <artifactId>apiguardian-api</artifactId>
      <version>${guardian.version}</version>
    </dependency>
    <dependency>
      <groupId>org.lepton.never</groupId><artifactId>test-only</artifactId><version>1</version><scope>test</scope>
    </dependency>
  </dependencies>
</project>"""
    kernel.ok(body)
    assert kernel.ok('org.apiguardian.api.API.Status.STABLE.toString()').result["text/plain"] == "STABLE"


def test_load_from_pom_reports_malformed_xml_with_its_line(kernel):
    cell = kernel.run("%%loadFromPOM\n<dependency>\n  <groupId>x</groupId>\n</dependency")
    assert cell.status == "error"
    assert "not well-formed XML at line" in cell.error_text


def test_jars_adds_a_jar_and_installs_its_extension(kernel, demo_jar):
    kernel.ok(f"%jars {demo_jar.parent}/*.jar")
    assert kernel.ok("new demo.Greeter().greet()").result["text/plain"] == "greetings from a jar"
    assert kernel.ok("%hello world").result["text/plain"] == "hello world"


def test_jars_with_nothing_matching_names_the_path(kernel, tmp_path):
    cell = kernel.run(f"%jars {tmp_path}/none-*.jar")
    assert "nothing matches" in cell.error_text and str(tmp_path) in cell.error_text


def test_classpath_adds_a_folder_of_classes(kernel, tmp_path):
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "Folded.java"
    source.write_text("package cp; public class Folded { public static int answer() { return 42; } }")
    subprocess.run([jdk_bin("javac"), "-d", str(tmp_path / "classes"), str(source)], check=True)
    kernel.ok(f"%classpath {tmp_path / 'classes'}")
    assert kernel.ok("cp.Folded.answer()").result["text/plain"] == "42"


def test_load_runs_jshell_java_and_notebook_files(kernel, tmp_path):
    (tmp_path / "defs.jsh").write_text("int loadedValue = 5;\nint twice(int x) { return 2 * x; }\n")
    (tmp_path / "Loaded.java").write_text("class Loaded { static String name() { return \"loaded\"; } }\n")
    notebook = {"cells": [{"cell_type": "markdown", "source": "# ignored", "metadata": {}},
                          {"cell_type": "code", "source": ["int fromNotebook = 3;\n"], "metadata": {}, "outputs": [], "execution_count": None}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "cells.ipynb").write_text(json.dumps(notebook))
    kernel.ok(f"%load {tmp_path / 'defs.jsh'}")
    kernel.ok(f"%load {tmp_path / 'Loaded.java'}")
    kernel.ok(f"%load {tmp_path / 'cells'}")  # IJava's notebooks leave the extension out
    assert kernel.ok("twice(loadedValue) + fromNotebook").result["text/plain"] == "13"
    assert kernel.ok("Loaded.name()").result["text/plain"] == "loaded"


def test_load_of_a_missing_file_is_a_clear_error(kernel, tmp_path):
    cell = kernel.run(f"%load {tmp_path / 'absent.jsh'}")
    assert cell.status == "error"
    assert "no file" in cell.error_text and "absent.jsh" in cell.error_text and ".ipynb" in cell.error_text


def test_time_line_and_cell(kernel):
    cell = kernel.ok("%time 21 * 2")
    assert cell.result["text/plain"] == "42"
    assert "Wall time:" in cell.stdout
    cell = kernel.ok("%%time\nint slept = 0;\nThread.sleep(50);")
    assert "Wall time:" in cell.stdout


def test_html_markdown_and_svg_cells(kernel):
    assert kernel.ok("%%html\n<b>bold</b>").result["text/html"] == "<b>bold</b>"
    assert kernel.ok("%%markdown\n# Title").result["text/markdown"] == "# Title"
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    assert kernel.ok("%%svg\n" + svg).result["image/svg+xml"] == svg
    assert "has no <svg> element" in kernel.run("%%svg\nnot svg").error_text


def test_magic_lines_and_java_mix_in_one_cell(kernel):
    cell = kernel.ok("int mixed = 1;\n%time mixed + 1\nmixed + 10")
    assert cell.result["text/plain"] == "11"
    assert "Wall time:" in cell.stdout


def test_unknown_magics_suggest_close_names(kernel):
    line = kernel.run("%mavn org.example:x:1")
    assert "Unknown line magic %mavn" in line.error_text and "Did you mean %maven" in line.error_text
    cell = kernel.run("%%htm\n<b>x</b>")
    assert "Unknown cell magic %%htm" in cell.error_text and "%%html" in cell.error_text
    assert kernel.ok("3").result["text/plain"] == "3"


def test_lepton_help_and_unknown_subcommand(kernel):
    help_data = kernel.ok("%lepton help").result
    assert "%lepton help" in help_data["text/markdown"]
    cell = kernel.run("%lepton hlp")
    assert "no subcommand 'hlp'" in cell.error_text and "Did you mean %lepton help" in cell.error_text
    assert "Exception" not in "\n".join(cell.error["traceback"])
