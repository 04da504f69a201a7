"""A PostgreSQL server for the tests and benchmarks that need a real one: Debian's postgresql, in a temporary folder, on
a free 127.0.0.1 port, with a superuser that logs in over TCP with a password (as an administrator's server would have
it; local socket connections are trusted), stopped and deleted again. The JUnit store tests start theirs in Java
(src/test/java/ai/lepton/track/PostgresServer.java: trust auth, as nobody when root)."""
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import tempfile


class ScratchPostgres:
    """Started on construction; stop() (or leaving a with block) stops it and deletes its folder."""

    def __init__(self, superuser, prefix="lepton-pg-"):
        self.superuser = superuser
        self.bin = max(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))
        # other users may enter it: the server runs as the system user postgres when we are root
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
        self.dir.chmod(0o755)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.password = secrets.token_hex(16)
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password)
        self._own(self.dir, pwfile)
        self._server("initdb", "-D", str(self.dir / "data"), "-U", superuser, "--pwfile", str(pwfile),
                     "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8")
        self._server("pg_ctl", "-D", str(self.dir / "data"), "-w", "-l", str(self.dir / "server.log"), "-o",
                     "-p %d -k %s -c listen_addresses=127.0.0.1" % (self.port, self.dir), "start")

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()

    @staticmethod
    def _as_root():
        return os.geteuid() == 0

    def _own(self, *paths):
        if self._as_root():  # PostgreSQL refuses to run as root
            for path in paths:
                shutil.chown(path, "postgres")

    def _server(self, tool, *args, check=True):
        as_postgres = ["runuser", "-u", "postgres", "--"] if self._as_root() else []
        return subprocess.run([*as_postgres, str(self.bin / tool), *args], cwd=self.dir, check=check,
                              capture_output=True, text=True)

    def jdbc_url(self, database="postgres"):
        """The URL Lepton's store takes (LEPTON_STORE), as the superuser."""
        return "jdbc:postgresql://127.0.0.1:%d/%s?user=%s&password=%s" % (self.port, database, self.superuser,
                                                                          self.password)

    def query(self, database, sql):
        """Rows of a query as the superuser, each a list of text fields."""
        out = subprocess.run(["psql", "-X", "-A", "-t", "-F", "\t", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                              self.superuser, "-d", database, "-c", sql], env={**os.environ, "PGPASSWORD": self.password},
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def stop(self):
        self._server("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
