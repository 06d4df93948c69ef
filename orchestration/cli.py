"""Command line: `journey generate | build | run | ui | show | bench` (the `journey` console
script)."""

from __future__ import annotations

import argparse
import sys
import uuid

from journey.settings import (
    Settings,
    is_default_raw_dir,
    landing_is_empty,
    unusable_landing_message,
)


def _generate(args: argparse.Namespace) -> int:
    from journey.generate import run_from_args

    return run_from_args(args)


def _ensure_landing(settings: Settings, persons: int, seed: int) -> None:
    """Generates demo data into the default demo folder when it is empty; stops on any other
    folder that holds no landing table (a mistyped or unmounted path is never filled)."""
    if is_default_raw_dir(settings.raw_dir) and landing_is_empty(settings.raw_dir):
        from journey.generate import generate

        print(
            f"Landing folder {settings.raw_dir} is empty: generating demo data "
            f"for {persons:,} persons (seed {seed})."
        )
        generate(settings.raw_dir, persons=persons, seed=seed, fmt="parquet")
        return
    problem = unusable_landing_message(settings.raw_dir)
    if problem:
        raise SystemExit(problem)


def _build(args: argparse.Namespace) -> int:
    from journey.dbt_runner import run_dbt
    from journey.summary import print_warehouse_summary
    from orchestration.warehouse import WarehouseLocked, run_lock, warehouse_lock

    settings = _settings(args)
    _ensure_landing(settings, args.persons, args.seed)
    build_args = ["build"]
    if args.full_refresh:
        build_args += ["--full-refresh", "--vars", "{journey__full_refresh: true}"]
    build_id = f"journey-build-{uuid.uuid4()}"
    if settings.target != "duckdb":
        from journey.engines import prepare_target, print_target_summary

        try:
            # The published schemas are written in place: never beside a run's publication.
            # On Postgres the lock starts the server (the build lock lives in it) and refuses
            # with a message when it cannot be reached.
            with run_lock(settings, build_id):
                prepare_target(settings)
                run_dbt(build_args, settings)
        except WarehouseLocked as locked:
            raise SystemExit(f"journey build refused: {locked}") from None
        print_target_summary(settings)
        return 0
    # Writes the warehouse in place (no build file, nothing to publish), holding the lock so
    # it never overlaps a `journey run` that is about to publish.
    from dataclasses import replace

    from journey.privacy import privacy_key_file, restrict

    # One file, the whole warehouse (personal data included): owner only, keyed hashes with
    # the deployment's key.
    settings = replace(settings, privacy_key_file=privacy_key_file(settings.duckdb_path))
    try:
        with warehouse_lock(settings.duckdb_path, build_id):
            run_dbt(build_args, settings)
            restrict(settings.duckdb_path)
    except WarehouseLocked as locked:
        raise SystemExit(f"journey build refused: {locked}") from None
    print_warehouse_summary(settings)
    return 0


def _run(args: argparse.Namespace) -> int:
    from orchestration.run import run_job

    settings = _settings(args)
    if settings.target == "spark":
        raise SystemExit(
            "The Dagster job and its quality gate run on duckdb and postgres; for target spark "
            "use `journey build --target spark` (or `make run`; README: Postgres and Spark)."
        )
    _ensure_landing(settings, args.persons, args.seed)
    return run_job(settings, full_refresh=args.full_refresh)


def _ui(args: argparse.Namespace) -> int:
    from orchestration.run import start_ui

    settings = _settings(args)
    _ensure_landing(settings, args.persons, args.seed)
    return start_ui(settings, port=args.port)


def _bench(args: argparse.Namespace) -> int:
    from journey.bench import main as bench_main

    return bench_main(args.bench_args)


def _show(args: argparse.Namespace) -> int:
    from pathlib import Path

    from journey.report import journey_report_dir, write_customer_journey
    from journey.report.data import MartsMissingError

    settings = _settings(args)
    out = (
        Path(args.out)
        if args.out
        else (journey_report_dir(settings.reports_dir) / "customers" / f"{args.customer_id}.html")
    )
    try:
        page = write_customer_journey(settings.duckdb_path, args.customer_id, out)
    except (LookupError, MartsMissingError) as error:
        print(f"journey show: {error}", file=sys.stderr)
        return 1
    print(f"Journey map of {args.customer_id}: {page}")
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    import os

    if getattr(args, "raw_dir", None):
        os.environ["JOURNEY_RAW_DIR"] = args.raw_dir
    if getattr(args, "duckdb_path", None):
        os.environ["JOURNEY_DUCKDB_PATH"] = args.duckdb_path
    if getattr(args, "target", None):
        os.environ["JOURNEY_TARGET"] = args.target
    return Settings.from_env()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journey", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="write demo landing data")
    from journey.generate import add_arguments

    add_arguments(generate)
    generate.set_defaults(handler=_generate)

    for name, handler, help_text in (
        ("build", _build, "dbt build of the warehouse from the landing folder"),
        ("run", _run, "the daily Dagster job: landing, dbt build, quality checks, reports"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--raw-dir", help="landing folder (default: JOURNEY_RAW_DIR)")
        sub.add_argument("--duckdb-path", help="warehouse file (default: JOURNEY_DUCKDB_PATH)")
        sub.add_argument("--target", help="dbt target: duckdb, postgres, spark (JOURNEY_TARGET)")
        sub.add_argument(
            "--persons",
            type=int,
            default=2000,
            help="demo persons to generate when the landing folder is empty",
        )
        sub.add_argument("--seed", type=int, default=42, help="demo data seed")
        sub.add_argument(
            "--full-refresh",
            action="store_true",
            help="rebuild from scratch: reload every landing file and rebuild every incremental"
            " model (also after a processed landing file changed or disappeared)",
        )
        sub.set_defaults(handler=handler)

    parity = commands.add_parser("parity", help="build on several targets and compare the marts")
    from journey.parity import add_arguments as add_parity_arguments
    from journey.parity import run_from_args

    add_parity_arguments(parity)
    parity.set_defaults(handler=run_from_args)

    ui = commands.add_parser("ui", help="start the Dagster UI on 127.0.0.1")
    ui.add_argument("--raw-dir")
    ui.add_argument("--duckdb-path")
    ui.add_argument("--port", type=int, default=3000)
    ui.add_argument("--persons", type=int, default=2000)
    ui.add_argument("--seed", type=int, default=42)
    ui.set_defaults(handler=_ui)

    bench = commands.add_parser(
        "bench", help="time the raw-load floor, the bare build and the run; print the ratios"
    )
    bench.add_argument("bench_args", nargs=argparse.REMAINDER, help="see python -m journey.bench")
    bench.set_defaults(handler=_bench)

    show = commands.add_parser("show", help="write one customer's journey map as HTML")
    show.add_argument("customer_id", help="a customer_id of marts.dim_customers")
    show.add_argument("--duckdb-path", help="warehouse file (default: JOURNEY_DUCKDB_PATH)")
    show.add_argument(
        "--out", help="HTML file (default: <reports>/journey/customers/CUSTOMER_ID.html)"
    )
    show.set_defaults(handler=_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:
        # Its options are journey.bench's own: argparse would take them for this parser's.
        return _bench(argparse.Namespace(bench_args=argv[1:]))
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
