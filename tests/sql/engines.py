"""The SQL engines `psyscore sql` is run in: DuckDB (in process), PostgreSQL (a throw-away
cluster started for the run) and Spark SQL (a local PySpark session). Each loads a sheet into a
table named `sheet` and runs a query on it, returning the column names and rows.

Used by tests/sql/roundtrip.py (the results against `psyscore score`) and bench/sql.py (the
timings). Needs the `duckdb`, `psycopg` and `pyspark` packages for the engines asked for, and
for PostgreSQL the server's programs (Debian: apt-get install postgresql).
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ENGINES = ["duckdb", "postgres", "spark"]


def quote(name: str) -> str:
    """A quoted identifier in DuckDB and PostgreSQL."""
    return '"' + name.replace('"', '""') + '"'


class DuckDb:
    """An in-memory DuckDB database."""

    name = "duckdb"
    dialect = "duckdb"

    def __init__(self):
        import duckdb

        self.connection = duckdb.connect()

    def load(self, header: list[str], types: list[str], rows: list[list]) -> None:
        """`types` are "text", "bigint" or "double"."""
        kinds = {"text": "VARCHAR", "bigint": "BIGINT", "double": "DOUBLE"}
        columns = ", ".join(f"{quote(name)} {kinds[kind]}" for name, kind in zip(header, types))
        self.connection.execute("DROP TABLE IF EXISTS sheet")
        self.connection.execute(f"CREATE TABLE sheet ({columns})")
        marks = ", ".join("?" for _ in header)
        self.connection.executemany(f"INSERT INTO sheet VALUES ({marks})", rows)

    def run(self, query: str) -> tuple[list[str], list[tuple]]:
        result = self.connection.execute(query)
        if result.description is None:
            return [], []
        return [d[0] for d in result.description], result.fetchall()

    def version(self) -> str:
        return self.run("SELECT version()")[1][0][0]

    def close(self) -> None:
        self.connection.close()


def postgres_programs() -> Path:
    """The directory of PostgreSQL's initdb and pg_ctl."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not versions:
        raise SystemExit("PostgreSQL's initdb not found (Debian: apt-get install postgresql)")
    return Path(versions[-1]).parent


class Postgres:
    """A throw-away PostgreSQL cluster in a temporary directory, reached over a Unix socket in
    it. PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user and
    its programs run as that user (runuser)."""

    name = "postgres"
    dialect = "postgres"

    def __init__(self):
        import psycopg

        bindir = postgres_programs()
        self.directory = Path(tempfile.mkdtemp(prefix="psyscore-pg-"))
        self.prefix: list[str] = []
        user = pwd.getpwuid(os.getuid()).pw_name
        if os.getuid() == 0:
            user = "postgres"
            shutil.chown(self.directory, user=user)
            self.prefix = ["runuser", "-u", user, "--"]
        self.data = self.directory / "data"
        self.pg_ctl = str(bindir / "pg_ctl")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._call([str(bindir / "initdb"), "-D", str(self.data), "--auth=trust", "--encoding=UTF8",
                    "--no-locale", "--username=postgres"])
        options = f"-k {self.directory} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._call([self.pg_ctl, "-D", str(self.data), "-o", options, "-l",
                    str(self.directory / "log"), "-w", "start"])
        self.connection = psycopg.connect(host=str(self.directory), port=self.port,
                                          user="postgres", dbname="postgres", autocommit=True)

    def _call(self, command: list[str]) -> None:
        result = subprocess.run(self.prefix + command, capture_output=True, text=True)
        if result.returncode != 0:
            log = self.directory / "log"
            more = log.read_text() if log.exists() else ""
            raise SystemExit(f"`{' '.join(command)}` failed:\n{result.stdout}{result.stderr}{more}")

    def load(self, header: list[str], types: list[str], rows: list[list]) -> None:
        kinds = {"text": "TEXT", "bigint": "BIGINT", "double": "DOUBLE PRECISION"}
        columns = ", ".join(f"{quote(name)} {kinds[kind]}" for name, kind in zip(header, types))
        with self.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS sheet")
            cursor.execute(f"CREATE TABLE sheet ({columns})")
            with cursor.copy("COPY sheet FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("ANALYZE sheet")

    def run(self, query: str) -> tuple[list[str], list[tuple]]:
        with self.connection.cursor() as cursor:
            cursor.execute(query)
            if cursor.description is None:
                return [], []
            return [d.name for d in cursor.description], cursor.fetchall()

    def version(self) -> str:
        return self.run("SHOW server_version")[1][0][0]

    def close(self) -> None:
        self.connection.close()
        subprocess.run(self.prefix + [self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


class Spark:
    """One local Spark session (PySpark) for every query of the run: starting one takes
    seconds."""

    name = "spark"
    dialect = "spark"

    def __init__(self):
        from pyspark.sql import SparkSession

        # Spark warns when the host name resolves to a loopback address; a local run needs none.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        self.session = (
            SparkSession.builder.master("local[2]")
            .appName("psyscore-sql")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.memory", "1g")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        self.session.sparkContext.setLogLevel("ERROR")
        # A query of many items compiles to more than the 64 KB of a Java method; Spark then
        # logs the compiler's error with its stack trace and evaluates the expressions without
        # generated code, correctly. Keep that out of the output.
        jvm = self.session.sparkContext._jvm
        jvm.org.apache.logging.log4j.core.config.Configurator.setLevel(
            "org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator",
            jvm.org.apache.logging.log4j.Level.OFF,
        )

    def load(self, header: list[str], types: list[str], rows: list[list]) -> None:
        from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

        kinds = {"text": StringType(), "bigint": LongType(), "double": DoubleType()}
        schema = StructType([StructField(name, kinds[kind], True) for name, kind in zip(header, types)])
        converted = [
            [int(cell) if kind == "bigint" and cell is not None else cell for cell, kind in zip(row, types)]
            for row in rows
        ]
        self.session.createDataFrame(converted, schema).createOrReplaceTempView("sheet")

    def run(self, query: str) -> tuple[list[str], list[tuple]]:
        frame = self.session.sql(query.rstrip().rstrip(";"))
        return frame.columns, [tuple(row) for row in frame.collect()]

    def close(self) -> None:
        self.session.stop()


def start(name: str):
    """The engine called `name`, started."""
    begin = time.monotonic()
    engine = {"duckdb": DuckDb, "postgres": Postgres, "spark": Spark}[name]()
    engine.started_in = time.monotonic() - begin
    return engine
