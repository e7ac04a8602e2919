"""A local Neo4j Community server owned by the project: fetch, configure, start, stop.

Neo4j Community 5.26 LTS is resolved from Maven Central with Maven (``graph/stores/java/pom.xml``
depends on ``org.neo4j:neo4j``; the community tar.gz assembly is not published there) and
run with the machine's Java 17 or later through the server entry point
``org.neo4j.server.CommunityEntryPoint``. Each server lives in a *home* folder::

    HOME/conf/neo4j.conf      written by :meth:`Neo4jServer.configure`
    HOME/password             a generated initial password, mode 0600 (only if generated)
    HOME/run/neo4j.pid        pid of the running server
    HOME/logs/console.log     what the server printed
    HOME/data/                the databases

The class path Maven resolves (jars in ``~/.m2``) is cached once per user in
``neo4j-VERSION.classpath`` under the platform's user cache folder, shared by all homes,
and so are the class-data-sharing archives of the server's and the importer's JVM
(``neo4j-VERSION-ROLE-HASH.jsa``, see :meth:`Neo4jServer.class_archive`), made on first
use (the server's with ``jcmd``, when the JDK has it).

The server listens on loopback only, with HTTP and usage reports off. See
``../shared/design/dependencies.md`` (row "graph database") for the evidence behind
these choices: Neo4j 5.26.30 starts in 6-9 s under JDK 17 with a 1 GB heap.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from diplograph.graph.model.errors import DiplographError
from diplograph.graph.stores.settings import data_dir

__all__ = [
    "NEO4J_VERSION",
    "Neo4jServer",
    "ServerError",
    "ServerStatus",
    "default_home",
    "free_port",
]

#: The Neo4j version pinned in ``graph/stores/java/pom.xml``.
NEO4J_VERSION = "5.26.30"

_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_ADMIN_ENTRY_POINT = "org.neo4j.server.startup.Neo4jAdminCommand"

# JVM options from Neo4j 5.26's default neo4j.conf (``server.jvm.additional``), less
# AlwaysPreTouch, which makes a start with a large heap slow.
_JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)


class ServerError(DiplographError):
    """The local Neo4j server cannot be fetched, configured, started or stopped."""


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """State of a server home: ``running`` with its ``pid``, the Bolt ``uri`` asked about and
    whether Bolt ``answers`` there (False while the server starts, or when it serves another port)."""

    running: bool
    pid: int | None
    uri: str
    home: Path
    answers: bool = False

    def describe(self) -> str:
        """One line for users."""
        if self.running and self.answers:
            return f"Neo4j is running (pid {self.pid}) at {self.uri}, home {self.home}"
        if self.running:
            return (f"Neo4j is running (pid {self.pid}), home {self.home}, but nothing answers at {self.uri} "
                    "(still starting, or it serves another port: see --port)")
        return f"Neo4j is not running (home {self.home})"


def default_home() -> Path:
    """Home of the user's own server: ``neo4j`` under the platform's user data folder
    (``~/.local/share/diplograph/neo4j`` on Linux)."""
    return data_dir() / "neo4j"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def _require(program: str, why: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise ServerError(f"{program} not found on PATH: {why}")
    return path


class Neo4jServer:
    """One local Neo4j Community server in a home folder.

    Parameters
    ----------
    home:
        Folder of the server (created when missing); :func:`default_home` when ``None``.
    port:
        Bolt port on 127.0.0.1 (default 7687). Read back from ``neo4j.conf`` of an
        existing home when ``None``.
    heap:
        JVM heap size, Java syntax (``"1g"``, ``"512m"``); also used as the initial heap.
    pagecache:
        Size of Neo4j's page cache (``server.memory.pagecache.size``).

    Notes
    -----
    Needs ``java`` (17 or later) and, the first time, ``mvn`` with access to Maven
    Central; afterwards the jars come from ``~/.m2``.
    """

    def __init__(
        self,
        home: Path | str | None = None,
        port: int | None = None,
        heap: str = "1g",
        pagecache: str = "256m",
    ) -> None:
        self.home = Path(home) if home is not None else default_home()
        self.home = self.home.expanduser().absolute()
        self.heap = heap
        self.pagecache = pagecache
        self.port = port if port is not None else (self._configured_port() or 7687)

    # --- paths ---------------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def classpath_file(self) -> Path:
        return Path(platformdirs.user_cache_dir("diplograph", appauthor=False)) / f"neo4j-{NEO4J_VERSION}.classpath"

    @property
    def uri(self) -> str:
        """Bolt URI of the server, ``bolt://127.0.0.1:PORT``."""
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def initialised(self) -> bool:
        """True once an initial password has been set (Neo4j's auth file exists)."""
        return (self.home / "data" / "dbms" / "auth.ini").exists()

    def _configured_port(self) -> int | None:
        try:
            for line in self.conf_file.read_text(encoding="utf-8").splitlines():
                if line.startswith("server.bolt.listen_address="):
                    return int(line.rsplit(":", 1)[1])
        except (OSError, ValueError):
            return None
        return None

    # --- fetch and configure -------------------------------------------------------
    def classpath(self, refresh: bool = False) -> str:
        """Class path of Neo4j's jars, resolved with Maven from ``graph/stores/java/pom.xml``.

        The result is cached in :attr:`classpath_file` and resolved again when a jar is
        missing (``~/.m2`` cleaned) or ``refresh`` is true.

        Raises
        ------
        ServerError
            If Maven is missing or cannot resolve the artifacts (no network, no Maven Central).
        """
        if not refresh and self.classpath_file.exists():
            cached = self.classpath_file.read_text(encoding="utf-8").strip()
            if cached and all(Path(jar).exists() for jar in cached.split(os.pathsep)):
                return cached
        mvn = _require("mvn", "Maven is needed once to fetch Neo4j from Maven Central (apt install maven)")
        self.classpath_file.parent.mkdir(parents=True, exist_ok=True)
        with resources.as_file(resources.files("diplograph.graph.stores") / "java" / "pom.xml") as pom:
            cmd = [
                mvn, "-q", "-B", "-f", str(pom), "dependency:build-classpath",
                f"-Dmdep.outputFile={self.classpath_file}",
            ]
            done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0 or not self.classpath_file.exists():
            lines = [ln for ln in (done.stdout + done.stderr).splitlines() if "ERROR" in ln]
            reason = lines[0].replace("[ERROR]", "").strip() if lines else f"mvn exited with {done.returncode}"
            raise ServerError(f"cannot fetch Neo4j {NEO4J_VERSION} with Maven: {reason}")
        return self.classpath_file.read_text(encoding="utf-8").strip()

    def class_archive(self, role: str, classpath: str, java: str) -> Path:
        """Class-data-sharing archive of the JVM that runs Neo4j as ``role`` (``"server"`` or
        ``"importer"``), next to :attr:`classpath_file`, named by a hash of the class path and
        the Java executable (an archive only serves the class path and JDK it was made with;
        the JVM checks, and ignores an archive that does not match).

        A JVM started with the archive maps the classes it needs at start, already parsed and
        verified, instead of reading them from 200 jars (OpenJDK 17, "Application Class Data
        Sharing", JEP 310 and 350). :meth:`start` and the importer make it on first use.
        """
        key = hashlib.sha256(f"{classpath}\0{os.path.realpath(java)}".encode()).hexdigest()[:16]
        return self.classpath_file.parent / f"neo4j-{NEO4J_VERSION}-{role}-{key}.jsa"

    def configure(self) -> Path:
        """Write ``HOME/conf/neo4j.conf`` (loopback only, HTTP off, no usage reports) and
        return its path. Run again on every start, so a changed port or heap applies."""
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        for sub in ("data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.usage_report.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "server.memory.heap.initial_size": self.heap,
            "server.memory.heap.max_size": self.heap,
            "server.memory.pagecache.size": self.pagecache,
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "db.tx_log.rotation.retention_policy": "1 days",
            # Netty waits a 5 s quiet period twice on shutdown; nothing is lost without it
            # (databases are checkpointed and closed before Bolt shuts down).
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        }
        text = "# Written by diplograph (graph/stores/neo4j_server.py); rewritten on every start.\n"
        text += "".join(f"{key}={value}\n" for key, value in settings.items())
        self.conf_file.write_text(text, encoding="utf-8")
        return self.conf_file

    def environment(self) -> dict[str, str]:
        """This process's environment with ``NEO4J_HOME`` and ``NEO4J_CONF`` of the home (for
        Neo4j's server and admin tools)."""
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.conf_dir)
        return env

    def _java(self) -> str:
        return _require("java", "Neo4j needs Java 17 or later (apt install openjdk-17-jre-headless)")

    def set_initial_password(self, password: str) -> None:
        """Set the password of user ``neo4j`` before the first start (``neo4j-admin dbms
        set-initial-password``). Neo4j requires at least 8 characters. The password reaches
        neo4j-admin in an argument file (``@FILE``, picocli's AtFiles, which Neo4j's admin
        commands read: Operations Manual 5, "Neo4j Admin and Neo4j CLI"), mode 0600 and
        deleted at once, never on its command line, which any user may read in the process list.

        Raises
        ------
        ServerError
            If the home already has a password, or neo4j-admin fails.
        """
        if len(password) < 8:
            raise ServerError("the Neo4j password must have at least 8 characters")
        if self.initialised:
            raise ServerError(f"Neo4j in {self.home} already has a password")
        self.home.mkdir(parents=True, exist_ok=True)
        arguments = self.home / "set-initial-password.args"
        # one argument in double quotes: a backslash and a double quote inside are escaped (picocli)
        quoted = '"' + password.replace("\\", "\\\\").replace('"', '\\"') + '"'
        fd = os.open(arguments, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(quoted + "\n")
            cmd = [self._java(), "-cp", self.classpath(), _ADMIN_ENTRY_POINT, "dbms", "set-initial-password", f"@{arguments}"]
            done = subprocess.run(cmd, env=self.environment(), capture_output=True, text=True, cwd=self.home)
        finally:
            arguments.unlink(missing_ok=True)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()
            raise ServerError(f"cannot set the Neo4j password: {tail[-1] if tail else done.returncode}")

    def read_password_file(self) -> str | None:
        """The generated password stored in ``HOME/password``, if there is one."""
        try:
            return self.password_file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _store_password(self, password: str) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        fd = os.open(self.password_file, flags, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(password + "\n")
        os.chmod(self.password_file, 0o600)

    # --- run -----------------------------------------------------------------------
    def pid(self) -> int | None:
        """Pid of the running server of this home, or ``None`` (a stale pid file is ignored)."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists():  # Linux: make sure the pid was not reused by another program
            try:
                args = cmdline.read_bytes().split(b"\0")
            except OSError:
                return None
            if _ENTRY_POINT.encode() not in args or f"--home-dir={self.home}".encode() not in args:
                return None
            try:  # a zombie (exited, not yet reaped) is not running
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
                if state == "Z":
                    return None
            except (OSError, IndexError):
                pass
        return pid

    def status(self) -> ServerStatus:
        """Whether the server of this home runs, its pid, and whether Bolt answers at :attr:`uri`."""
        pid = self.pid()
        return ServerStatus(running=pid is not None, pid=pid, uri=self.uri, home=self.home,
                            answers=pid is not None and _port_open(self.port))

    def start(self, password: str | None = None, timeout: float = 120.0) -> tuple[str, bool]:
        """Start the server in the background and wait until Bolt accepts the password.

        Parameters
        ----------
        password:
            Initial password of user ``neo4j`` for a new home. ``None``: a new home gets a
            generated one, stored in ``HOME/password`` with mode 0600. Ignored for a home
            that already has a password (but still used to check that Bolt answers).
        timeout:
            Seconds to wait for Bolt, default 120.

        Returns
        -------
        (password, generated):
            The password to use (``None`` when it is unknown: a home initialised earlier with
            a password of the user's choice) and whether it was generated by this call.

        Raises
        ------
        ServerError
            Java or Maven missing, the port taken, the server exited or did not answer in time.
        """
        running = self.pid()
        if running is not None:
            raise ServerError(f"Neo4j is already running (pid {running}) at {self.uri}")
        java = self._java()
        if _port_open(self.port):
            raise ServerError(f"port {self.port} on 127.0.0.1 is already in use; choose another with --port")
        classpath = self.classpath()
        self.configure()
        generated = False
        if not self.initialised:
            if password is None:
                password = secrets.token_urlsafe(18)
                generated = True
            self.set_initial_password(password)
            if generated:
                self._store_password(password)
        elif password is None:
            password = self.read_password_file()
        archive = self.class_archive("server", classpath, java)
        jcmd = shutil.which("jcmd")
        if archive.exists():
            sharing = [f"-XX:SharedArchiveFile={archive}"]
        else:  # recorded so that jcmd can write the archive once the server runs (below)
            sharing = ["-XX:+RecordDynamicDumpInfo"] if jcmd else []
        cmd = [
            java, f"-Xms{self.heap}", f"-Xmx{self.heap}", *_JVM_OPTIONS, *sharing,
            "-cp", classpath, _ENTRY_POINT, f"--home-dir={self.home}", f"--config-dir={self.conf_dir}",
        ]
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "ab") as log:
            proc = subprocess.Popen(
                cmd, cwd=self.home, env=self.environment(), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True,
            )
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.write_text(f"{proc.pid}\n", encoding="utf-8")
        try:
            self._wait_ready(proc, password, timeout)
        except BaseException:
            self._terminate(proc.pid, grace=10.0, proc=proc)
            raise
        if not archive.exists() and jcmd:
            _dump_class_archive(jcmd, proc.pid, archive)
        return password, generated

    def _wait_ready(self, proc: subprocess.Popen, password: str | None, timeout: float) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise ServerError(f"Neo4j exited with status {proc.returncode} while starting; see {self.log_file}")
            if _port_open(self.port):
                if password is None:
                    return
                try:
                    with neo4j.GraphDatabase.driver(self.uri, auth=("neo4j", password)) as driver:
                        driver.verify_connectivity()
                        driver.execute_query("RETURN 1", database_="neo4j")
                    return
                except AuthError:
                    raise ServerError(
                        f"Neo4j at {self.uri} refused the password for user neo4j; {self.home} was "
                        "initialised with another one"
                    ) from None
                except (ServiceUnavailable, SessionExpired, neo4j.exceptions.TransientError):
                    pass
                except neo4j.exceptions.DatabaseUnavailable:
                    pass
            time.sleep(0.25)
        raise ServerError(f"Neo4j did not answer on {self.uri} within {timeout:.0f} s; see {self.log_file}")

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server: SIGTERM, wait up to ``timeout`` seconds, then SIGKILL.

        Returns
        -------
        bool
            True if a server was running and is now stopped, False if none was running.
        """
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        self._terminate(pid, grace=timeout)
        self.pid_file.unlink(missing_ok=True)
        return True

    def _terminate(self, pid: int, grace: float, proc: subprocess.Popen | None = None) -> None:
        def alive() -> bool:
            if proc is not None:
                return proc.poll() is None
            return self.pid() is not None

        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        if alive():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            while alive():
                time.sleep(0.05)
        if proc is not None:
            proc.wait()


def _dump_class_archive(jcmd: str, pid: int, archive: Path) -> None:
    """Have the JVM ``pid`` (started with ``-XX:+RecordDynamicDumpInfo``) write the classes it
    has loaded as ``archive``, in the background: a detached ``jcmd PID VM.cds dynamic_dump``
    into a temporary file, renamed to ``archive`` when complete (concurrent starts each write
    their own). The JVM pauses for the dump (seconds) once; nothing happens if it fails."""
    partial = archive.with_name(f"{archive.name}.{pid}.partial")
    archive.parent.mkdir(parents=True, exist_ok=True)
    script = 'timeout 300 "$0" "$1" VM.cds dynamic_dump "$2" >/dev/null 2>&1 && mv -f "$2" "$3"; rm -f "$2"'
    subprocess.Popen(["sh", "-c", script, jcmd, str(pid), str(partial), str(archive)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin debugging entry point
    """``python -m diplograph.graph.stores.neo4j_server start|stop|status [HOME]``."""
    args = sys.argv[1:] if argv is None else argv
    server = Neo4jServer(args[1] if len(args) > 1 else None)
    if args[:1] == ["start"]:
        server.start()
    elif args[:1] == ["stop"]:
        server.stop()
    print(server.status().describe())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main())
