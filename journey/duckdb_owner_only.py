"""dbt-duckdb plugin (profiles.yml): the warehouse a dbt process writes is owner-only.

Whatever builds it, the DuckDB file dbt writes holds the identity tier (emails, identifiers,
raw lines for stewards): `journey run` and `journey build` restrict it themselves, and this
plugin does the same for a bare `dbt build`. Before DuckDB opens the file, the dbt process's
umask gains 077, so the file and its write-ahead log are created 0600 (dbt's own artifacts in
target/ and logs/ too, which name the same data); a file an older build left readable is
restricted again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from journey.privacy import restrict

# Paths DuckDB does not read as files.
IN_MEMORY = {"", ":memory:"}


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        os.umask(os.umask(0) | 0o077)

    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        if creds.path in IN_MEMORY or creds.path.startswith(("md:", "motherduck:")):
            return
        database = Path(creds.path)
        restrict(database)
        restrict(Path(f"{database}.wal"))
