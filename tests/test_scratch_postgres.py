"""environment/scratch_postgres.py, the one PostgreSQL the Python tests (team_server.py) and the Slurm benchmark start:
its superuser logs in over TCP with its password only, the JDBC URL names them, and stopping leaves nothing behind."""
import os
import shutil
import socket
import subprocess

import pytest

from conftest import environment_module

scratch_postgres = environment_module("scratch_postgres.py")

pytestmark = pytest.mark.skipif(shutil.which("psql") is None or not os.path.isdir("/usr/lib/postgresql"),
                                reason="no PostgreSQL: apt-get install postgresql (./lepton test does)")


def psql(server, password, sql):
    return subprocess.run(["psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p", str(server.port), "-U", server.superuser,
                           "-d", "postgres", "-c", sql], env={**os.environ, "PGPASSWORD": password},
                          capture_output=True, text=True, timeout=60)


def test_the_superuser_logs_in_over_tcp_with_its_password_and_a_wrong_one_is_refused():
    with scratch_postgres.ScratchPostgres("lepton_check") as server:
        assert server.query("postgres", "SELECT current_user, current_setting('server_encoding')") == [
            ["lepton_check", "UTF8"]]
        refused = psql(server, "not-" + server.password, "SELECT 1")
        assert refused.returncode != 0 and "password authentication failed" in refused.stderr, refused.stderr
        assert server.jdbc_url("runs") == ("jdbc:postgresql://127.0.0.1:%d/runs?user=lepton_check&password=%s"
                                           % (server.port, server.password))


@pytest.mark.skipif(os.geteuid() != 0, reason="PostgreSQL runs as the user postgres only when started by root")
def test_started_by_root_the_server_runs_as_the_user_postgres():
    with scratch_postgres.ScratchPostgres("lepton_check") as server:
        owner = (server.dir / "data" / "postmaster.pid").owner()
        assert owner == "postgres", owner


def test_stopping_stops_the_server_and_deletes_its_folder():
    server = scratch_postgres.ScratchPostgres("lepton_check")
    server.stop()
    assert not server.dir.exists()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0, "the port still answers"
