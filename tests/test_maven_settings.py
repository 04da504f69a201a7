"""%maven honours ~/.m2/settings.xml: a mirror is used instead of Maven Central, and offline mode resolves
from the local repository alone. Each kernel here runs with its own home (Java's user.home, which Maven
reads; Java takes it from the account, not from $HOME), so its own settings."""
import os
import subprocess

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import Kernel, jdk_bin

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>org.lepton.demo</groupId><artifactId>{artifact}</artifactId><version>1.0</version></project>"""


def publish(repository, artifact, class_name, tmp_path):
    """Builds a one-class jar and lays it out as org.lepton.demo:ARTIFACT:1.0 in a Maven repository folder."""
    source = tmp_path / f"{class_name}.java"
    source.write_text(f'package mirrored; public class {class_name} {{ public static String where() {{ return "{artifact}"; }} }}')
    classes = tmp_path / f"classes-{artifact}"
    subprocess.run([jdk_bin("javac"), "-d", str(classes), str(source)], check=True)
    folder = repository / "org" / "lepton" / "demo" / artifact / "1.0"
    folder.mkdir(parents=True)
    subprocess.run([jdk_bin("jar"), "cf", str(folder / f"{artifact}-1.0.jar"), "-C", str(classes), "."], check=True)
    (folder / f"{artifact}-1.0.pom").write_text(POM.format(artifact=artifact))


class HomeKernel(Kernel):
    def __init__(self, home):
        env = dict(os.environ, JAVA_TOOL_OPTIONS=f"-Duser.home={home}", LEPTON_HOME=str(home / ".lepton"))
        self.manager, self.client = start_new_kernel(kernel_name="lepton", startup_timeout=120, env=env)


def settings(home, body):
    (home / ".m2").mkdir(parents=True, exist_ok=True)
    (home / ".m2" / "settings.xml").write_text(f"<settings>{body}</settings>")


def test_maven_resolves_through_a_mirror_from_settings(tmp_path):
    home, mirror = tmp_path / "home", tmp_path / "mirror"
    publish(mirror, "greeter", "Greeter", tmp_path)
    settings(home, f"<mirrors><mirror><id>team</id><mirrorOf>*</mirrorOf><url>{mirror.as_uri()}</url></mirror></mirrors>")
    kernel = HomeKernel(home)
    try:
        kernel.ok("%maven org.lepton.demo:greeter:1.0")
        assert kernel.ok("mirrored.Greeter.where()").result["text/plain"] == "greeter"
        assert (home / ".m2" / "repository" / "org" / "lepton" / "demo" / "greeter" / "1.0" / "greeter-1.0.jar").exists()
    finally:
        kernel.shutdown()


def test_offline_settings_resolve_from_the_local_repository_only(tmp_path):
    home = tmp_path / "home"
    publish(home / ".m2" / "repository", "cached", "Cached", tmp_path)
    settings(home, "<offline>true</offline>")
    kernel = HomeKernel(home)
    try:
        kernel.ok("%maven org.lepton.demo:cached:1.0")
        assert kernel.ok("mirrored.Cached.where()").result["text/plain"] == "cached"
        missing = kernel.run("%maven org.lepton.demo:absent:1.0")
        assert missing.status == "error"
        assert "Could not resolve org.lepton.demo:absent:1.0" in missing.error_text
        assert "offline" in missing.error_text.lower()
    finally:
        kernel.shutdown()


def test_a_djl_pin_keeps_the_shipped_djl_says_so_in_one_line_and_resolves_nothing(tmp_path):
    home, nowhere = tmp_path / "home", tmp_path / "nowhere"
    nowhere.mkdir()
    # every repository is an empty folder: resolving anything at all would fail the cell
    settings(home, f"<mirrors><mirror><id>nowhere</id><mirrorOf>*</mirrorOf><url>{nowhere.as_uri()}</url></mirror></mirrors>")
    kernel = HomeKernel(home)
    try:
        cell = kernel.ok("%maven ai.djl:api:0.21.0")
        assert "Kept the session's own ai.djl:api 0.35.1 (asked for 0.21.0) — Lepton's DJL stays" in cell.stdout, cell.stdout
        assert cell.stdout.count("\n") == 1, "one line"
        assert not (home / ".m2" / "repository" / "ai" / "djl").exists(), "nothing of DJL 0.21.0 was resolved"
        assert kernel.ok("ai.djl.engine.Engine.getDjlVersion()").result["text/plain"] == "0.35.1"
    finally:
        kernel.shutdown()
