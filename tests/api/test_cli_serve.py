"""`serve` on a taken port: a Danish message naming the setting that changes it, and a non-zero exit."""
from __future__ import annotations

import os
import socket
import subprocess
import sys


def test_serve_on_a_taken_port_says_so_and_exits_non_zero(tmp_path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = dict(os.environ, BUDGETARKIV_INDEX_DIR=str(tmp_path / "idx"))
        done = subprocess.run(
            [sys.executable, "-m", "budgetarkiv.api.cli", "serve", "--port", str(port)],
            capture_output=True, text=True, env=env, timeout=120,
        )
    assert done.returncode == 3
    assert "porten er optaget" in done.stderr and "BUDGETARKIV_PORT" in done.stderr
    assert "kører på" not in done.stderr
