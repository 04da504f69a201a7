"""A team server for the JupyterHub test, started for real on 127.0.0.1: PostgreSQL, system accounts, JupyterHub
(environment/start-hub.sh), and notebooks executed in a user's server through the Jupyter server's REST and
WebSocket API."""
import asyncio
import datetime
import http.client
import json
import os
import pathlib
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from conftest import environment_module

scratch_postgres = environment_module("scratch_postgres.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shared_temp_dir(prefix):
    """A temporary folder other users can enter (mkdtemp makes it owner-only)."""
    path = pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    path.chmod(0o755)
    return path


class Postgres(scratch_postgres.ScratchPostgres):
    """The team's PostgreSQL (environment/scratch_postgres.py), with the superuser team-setup.sh is given."""

    SUPERUSER = "lepton_super"

    def __init__(self):
        super().__init__(self.SUPERUSER, prefix="lepton-hub-pg-")


def ensure_user(name):
    """A system account with a home folder, made for the test unless it is there."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)


def set_password(name, password):
    subprocess.run(["chpasswd"], input="%s:%s\n" % (name, password), text=True, check=True)


def remove_user(name):
    subprocess.run(["userdel", "--remove", name], capture_output=True)


def remove_group(name):
    subprocess.run(["groupdel", name], capture_output=True)


class Hub:
    """JupyterHub started by environment/start-hub.sh, with a service token the test uses as the hub's admin."""

    def __init__(self, root, team_env, team_group, log):
        self.state = shared_temp_dir("lepton-hub-state-")
        self.port = free_port()
        self.token = secrets.token_hex(32)
        config = self.state / "test_config.py"
        config.write_text(
            "load_subconfig(%r)\n" % str(root / "environment" / "jupyterhub_config.py")
            + "c.JupyterHub.services = [{'name': 'lepton-test', 'api_token': %r}]\n" % self.token
            + "c.JupyterHub.load_roles = [{'name': 'lepton-test', 'services': ['lepton-test'],"
              " 'scopes': ['admin:users', 'admin:servers', 'access:servers', 'read:users']}]\n")
        env = {**os.environ, "LEPTON_HUB_CONFIG": str(config), "LEPTON_HUB_STATE": str(self.state),
               "LEPTON_HUB_PORT": str(self.port), "LEPTON_HUB_INTERNAL_PORT": str(free_port()),
               "LEPTON_PROXY_API_PORT": str(free_port()), "LEPTON_TEAM_ENV": str(team_env), "LEPTON_TEAM_GROUP": team_group}
        env.pop("LEPTON_HOME", None)  # each user's kernel keeps its own, in their home
        self.log_path = log
        self.process = subprocess.Popen([str(root / "environment" / "start-hub.sh")], env=env, stdout=open(log, "w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self._wait(lambda: self.api("GET", "/hub/api/")[0] == 200, 180, "the hub to answer")

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def log(self):
        return pathlib.Path(self.log_path).read_text(errors="replace")[-6000:]

    def api(self, method, path, body=None):
        """(status, parsed JSON or text) of a request through the hub's proxy, with the service's token."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": "token " + self.token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as e:
            text, status = e.read().decode(), e.code
        except OSError:
            return 0, None
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text

    def log_in(self, user, password):
        """(status, Location) of a log-in with the hub's form, as a browser posts it; redirects are not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("POST", "/hub/login", body=urllib.parse.urlencode({"username": user, "password": password}),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            return response.status, response.getheader("Location"), response.read().decode(errors="replace")
        finally:
            connection.close()

    def _wait(self, ready, seconds, what):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("JupyterHub exited while waiting for %s:\n%s" % (what, self.log()))
            if ready():
                return
            time.sleep(0.5)
        raise AssertionError("timed out waiting for %s:\n%s" % (what, self.log()))

    def spawn(self, user):
        """Starts USER's notebook server through the Hub REST API and waits until it is ready."""
        status, body = self.api("POST", "/hub/api/users/%s" % user)
        assert status in (201, 409), (status, body)
        status, body = self.api("POST", "/hub/api/users/%s/server" % user)
        assert status in (201, 202), (status, body, self.log())

        def ready():
            _, model = self.api("GET", "/hub/api/users/%s" % user)
            return bool(model and model.get("servers", {}).get("", {}).get("ready"))
        self._wait(ready, 180, "%s's server" % user)
        return UserServer(self, user)

    def stop(self):
        try:
            os.killpg(self.process.pid, 15)
            self.process.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, 9)
        shutil.rmtree(self.state, ignore_errors=True)


class UserServer:
    """One user's Jupyter server behind the hub: contents, sessions and kernel channels."""

    def __init__(self, hub, user):
        self.hub = hub
        self.user = user
        self.prefix = "/user/%s" % user

    def execute_notebook(self, cells, path="team.ipynb", timeout=600):
        """Uploads a notebook of CELLS, runs every cell on a Lepton kernel (an error does not stop the rest), saves the
        executed notebook in the user's server and returns each cell's outputs."""
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "lepton", "display_name": "Java (Lepton)"}},
                    "cells": [{"cell_type": "code", "id": uuid.uuid4().hex[:8], "source": source, "metadata": {}, "outputs": [],
                               "execution_count": None} for source in cells]}
        status, body = self.hub.api("PUT", self.prefix + "/api/contents/" + path, {"type": "notebook", "format": "json", "content": notebook})
        assert status in (200, 201), (status, body)
        status, session = self.hub.api("POST", self.prefix + "/api/sessions",
                                       {"path": path, "type": "notebook", "name": path, "kernel": {"name": "lepton"}})
        assert status == 201, (status, session)
        outputs = asyncio.run(self._run_cells(session["kernel"]["id"], cells, timeout))
        for cell, produced in zip(notebook["cells"], outputs):
            cell["outputs"] = produced
        status, body = self.hub.api("PUT", self.prefix + "/api/contents/" + path, {"type": "notebook", "format": "json", "content": notebook})
        assert status == 200, (status, body)
        self.hub.api("DELETE", self.prefix + "/api/sessions/" + session["id"])
        return outputs

    async def _run_cells(self, kernel_id, cells, timeout):
        url = "ws://127.0.0.1:%d%s/api/kernels/%s/channels" % (self.hub.port, self.prefix, kernel_id)
        socket_ = await websocket_connect(HTTPRequest(url, headers={"Authorization": "token " + self.hub.token}))
        session = uuid.uuid4().hex
        results = []
        try:
            for source in cells:
                msg_id = uuid.uuid4().hex
                socket_.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.user, "session": session,
                               "date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                                "allow_stdin": False, "stop_on_error": False}}))
                results.append(await asyncio.wait_for(self._outputs_of(socket_, msg_id), timeout))
        finally:
            socket_.close()
        return results

    @staticmethod
    async def _outputs_of(socket_, msg_id):
        """The nbformat outputs of one request, gathered until its reply has come and the kernel is idle."""
        outputs, replied, idle = [], False, False
        while not (replied and idle):
            message = await socket_.read_message()
            if message is None:
                raise AssertionError("the kernel's channel closed while a cell ran")
            message = json.loads(message)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "execute_reply":
                replied = True
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("execute_result", "display_data"):
                outputs.append({"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {}),
                                **({"execution_count": content["execution_count"]} if kind == "execute_result" else {})})
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"],
                                "traceback": content["traceback"]})
        return outputs


def text_of(outputs):
    """Everything a cell showed as text: streams, plain-text results and errors."""
    parts = []
    for output in outputs:
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] == "error":
            parts.append(output["evalue"] + "\n" + "\n".join(output["traceback"]))
        else:
            parts.append(output["data"].get("text/plain", ""))
    return "\n".join(parts)


def errors_of(outputs):
    return [output for output in outputs if output["output_type"] == "error"]
