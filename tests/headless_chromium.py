"""A real headless Chromium with no network access, for tests that look at a rendered page:
installed once (or the test is skipped where it cannot be), then asked to dump the DOM or take
a screenshot of a local page."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from journey.settings import PROJECT_DIR

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = PROJECT_DIR / "scripts" / "install_chromium.sh"


def chromium_or_skip() -> Path:
    """Chromium, installed by scripts/install_chromium.sh; skips the test where it cannot be."""
    installed = subprocess.run(
        ["bash", str(INSTALL)], capture_output=True, text=True, timeout=900, check=False
    )
    if installed.returncode != 0 or not CHROMIUM.exists():
        pytest.skip(f"Chromium cannot be installed here: {installed.stderr.strip()}")
    return CHROMIUM


def browse(
    chromium: Path,
    profile: Path,
    page: Path,
    *args: str,
    window_size: str = "1400,1800",
    timeout: int = 120,
) -> str:
    """Opens `page` with `args` (`--dump-dom`, `--screenshot=...`); returns what it printed.
    No host resolves: a page must carry everything it needs, as on an offline machine."""
    command = [
        str(chromium),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        f"--window-size={window_size}",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
