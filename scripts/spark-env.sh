#!/usr/bin/env bash
# Sourced by scripts/test-spark.sh and scripts/bench-spark.sh: installs what running
# examples/spark/classify.py needs and sets up the environment for spark-submit.
#
# - Java 17 from Debian's packages (openjdk-17-jre-headless), unless a Java 17 or later
#   is on PATH;
# - PySpark from PyPI in .spark-venv/ (git-ignored), made anew when its version is not
#   $SPARK_PYSPARK_VERSION;
# - PATH starts with the venv's bin/ (spark-submit finds Spark through the first
#   python3 on PATH), SPARK_LOCAL_IP=127.0.0.1 keeps the driver on loopback.
#
# Needs $root (the repository) set by the script that sources it.
pyspark_version=${SPARK_PYSPARK_VERSION:-4.3.0}
venv=$root/.spark-venv

apt_install() {
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}

java_major() { java -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }

if ! command -v java >/dev/null || [[ $(java_major) -lt 17 ]]; then
    echo "spark-env: installing Java 17 (openjdk-17-jre-headless)" >&2
    apt_install openjdk-17-jre-headless
fi

if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
    echo "spark-env: installing PySpark $pyspark_version into .spark-venv/" >&2
    rm -rf "$venv"
    # Debian's own python3 makes venvs only with python3-venv installed.
    python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$pyspark_version"
fi

export PATH="$venv/bin:$PATH"
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
