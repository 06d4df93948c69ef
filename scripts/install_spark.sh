#!/usr/bin/env bash
# The `spark` target in local session mode: a Java 17 runtime (Debian package
# openjdk-17-jre-headless, when no java is on the PATH) and the pinned dbt-spark + pyspark.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
    if [[ $(id -u) != 0 ]]; then
        echo "Spark needs Java 17: install the Debian package openjdk-17-jre-headless." >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
fi
.venv/bin/pip install --quiet -c requirements.lock -r requirements-spark.lock
