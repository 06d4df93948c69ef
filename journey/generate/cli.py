"""Command-line wiring: `python -m journey.generate` and the project's `journey generate`."""

import argparse
import pathlib
import sys
import time

DEFAULT_PERSONS = 10_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the generator's options to a parser (shared by both entry points)."""
    parser.add_argument(
        "--persons",
        type=int,
        default=DEFAULT_PERSONS,
        help="persons to simulate (default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default %(default)s)")
    parser.add_argument(
        "--out",
        type=pathlib.Path,
        default=None,
        help="landing folder to write (default: the project's landing folder, $JOURNEY_RAW_DIR)",
    )
    parser.add_argument(
        "--format",
        choices=("parquet", "csv"),
        default="parquet",
        help="file format (default %(default)s)",
    )
    parser.add_argument("--no-progress", action="store_true", help="do not draw the progress bar")
    parser.add_argument(
        "--vendor-shapes",
        default="",
        metavar="TOOLS",
        help="write the tables these tools feed in the tools' own shapes, under <out>/<tool>/ "
        "(comma-separated: snowplow, hubspot, zendesk; or all)",
    )
    parser.add_argument(
        "--chunk-persons",
        type=int,
        default=20_000,
        help="persons generated per chunk; bounds memory (default %(default)s)",
    )
    parser.add_argument(
        "--daily-files",
        type=int,
        default=None,
        metavar="N",
        help="write every table as a folder <table>/: one file of history, then one file per"
        " arrival day for the last N days on which web events arrived (late events included)",
    )
    parser.add_argument(
        "--through",
        type=int,
        default=None,
        metavar="K",
        help="with --daily-files: write only the first K daily files; run again with a larger"
        " K to deliver the next days (earlier files stay as they are)",
    )
    parser.add_argument(
        "--crm",
        choices=("deltas", "snapshots"),
        default="deltas",
        help="with --daily-files: change feeds (CRM, tickets) as deltas (new versions only) or"
        " as full snapshots (every version so far) (default %(default)s)",
    )


def run_from_args(args: argparse.Namespace) -> int:
    """Generate from parsed arguments, print rows per table, return the exit code."""
    from journey.generate import generate  # deferred: the package imports this module
    from journey.generate.vendor import parse_tools

    started = time.monotonic()
    out = args.out if args.out is not None else _default_out()
    daily = getattr(args, "daily_files", None)
    try:
        if daily is None:
            if getattr(args, "through", None) is not None:
                raise ValueError("--through needs --daily-files")
            tools = parse_tools(getattr(args, "vendor_shapes", "") or "")
            rows = generate(
                out,
                persons=args.persons,
                seed=args.seed,
                fmt=args.format,
                progress=not args.no_progress,
                chunk_persons=getattr(args, "chunk_persons", 20_000),
                vendor_shapes=tools,
            )
        else:
            if getattr(args, "vendor_shapes", ""):
                raise ValueError("--vendor-shapes writes one folder; it cannot be daily files")
            from journey.generate.daily import generate_daily

            rows = generate_daily(
                out,
                persons=args.persons,
                days=daily,
                seed=args.seed,
                fmt=args.format,
                through=args.through,
                crm=args.crm,
                progress=not args.no_progress,
                chunk_persons=getattr(args, "chunk_persons", 20_000),
            )
    except (ValueError, OSError) as error:
        print(f"journey generate: {error}", file=sys.stderr)
        return 2
    width = max(len(name) for name in rows)
    print(f"{'table':<{width}}  {'rows':>12}")
    for name, count in rows.items():
        print(f"{name:<{width}}  {count:>12,}")
    print(f"{'total':<{width}}  {sum(rows.values()):>12,}")
    print(
        f"{args.persons:,} persons, seed {args.seed}, {args.format} -> {out} "
        f"in {time.monotonic() - started:.1f} s"
    )
    return 0


def _default_out() -> pathlib.Path:
    """The landing folder the warehouse reads by default, so `generate` then `build` just works."""
    from journey.settings import Settings

    return Settings.from_env().raw_dir
