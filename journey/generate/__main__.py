"""`python -m journey.generate --persons 2000 --seed 7 --out /tmp/x --format csv`."""

import argparse
import sys

from journey.generate.cli import add_arguments, run_from_args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m journey.generate",
        description="Write deterministic demo data for the journey warehouse's landing zone.",
    )
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
