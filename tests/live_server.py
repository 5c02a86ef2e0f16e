"""A real uvicorn server on a free 127.0.0.1 port, in a thread: the tests' HTTP peer."""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serve_app(app) -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@contextmanager
def serve_service(service) -> Iterator[str]:
    from budgetarkiv.api.app import create_app

    with serve_app(create_app(service)) as url:
        yield url


@contextmanager
def serve_command(index_dir, log_path, startup_seconds: float = 180, **env_vars: str) -> Iterator[str]:
    """The real `budgetarkiv serve` in a subprocess on a free port, over `index_dir`; yields its base URL."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import httpx

    exe = Path(sys.executable).with_name("budgetarkiv")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "budgetarkiv.api.cli"]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
    env.update(BUDGETARKIV_INDEX_DIR=str(index_dir), **env_vars)
    with open(log_path, "w+") as log:
        proc = subprocess.Popen([*command, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + startup_seconds
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"serve exited: {Path(log_path).read_text()}")
                try:
                    httpx.get(url + "/health", timeout=5)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("serve did not come up in time") from None
                    time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def settings_env(settings, **extra: str) -> dict[str, str]:
    """The environment of a `budgetarkiv` subprocess that uses `settings`' index (files or database)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETARKIV_")}
    env.update(BUDGETARKIV_INDEX_DIR=str(settings.index_dir))
    if settings.database_url:
        env["BUDGETARKIV_DATABASE_URL"] = settings.database_url
    env.update(extra)
    return env
