"""Personal data: the two warehouse tiers, the keyed-hash key, and masking for diagnostics.

The identity tier (JOURNEY_IDENTITY_DUCKDB_PATH) is the audited build itself: landing copies,
staging, identity marts and raw quarantine lines, readable by its owner only. The dashboard
tier (JOURNEY_DUCKDB_PATH) holds only the dashboard-tier models and seeds, personal columns
dropped (orchestration/tiers.py writes it). Diagnostics (quality samples, quarantine reasons,
failure messages) show values masked by `mask_value`, never raw.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

IDENTITY_PATH_VARIABLE = "JOURNEY_IDENTITY_DUCKDB_PATH"
KEY_VARIABLE = "JOURNEY_PRIVACY_KEY"
KEY_FILE_VARIABLE = "JOURNEY_PRIVACY_KEY_FILE"
OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700

# Columns that carry personal data wherever they appear (landing tables, staging, quality
# samples). The marts mark theirs in YAML (`meta: {personal: ...}`).
PERSONAL_COLUMNS: frozenset[str] = frozenset(
    {
        "email",
        "requester_email",
        "primary_email",
        "phone",
        "first_name",
        "last_name",
        "subject",
        "comment",
        "page_url",
        "referrer",
        "landing_page_url",
        "user_agent",
        "identifier_value",
        "raw_line",
        "raw_value",
    }
)

# An email; `*` is no email character, so a masked one (`j***@e***.com`) does not count.
EMAIL_PATTERN = re.compile(r"[^\s@,;:<>()\[\]\"'*]+@[^\s@,;:<>()\[\]\"'*]+\.[A-Za-z]{2,}")
# Candidates for a phone number: digits with the usual separators; `is_phone` then rules out
# dates and times (`2024-01-31 10:00`), which share the shape.
PHONE_PATTERN = re.compile(r"(?<![\w.:-])\+?\(?\d[\d\s().-]{6,}\d(?![\w:-]|\.\d)")
_DATE_LIKE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
IPV4_PATTERN = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_DIGITS = re.compile(r"\D")


# ------------------------------------------------------------------------------- paths


def identity_path(dashboard: Path, environ: dict[str, str] | None = None) -> Path:
    """The identity tier: JOURNEY_IDENTITY_DUCKDB_PATH, or `<stem>.identity.duckdb` beside the
    dashboard file (JOURNEY_DUCKDB_PATH)."""
    env = os.environ if environ is None else environ
    value = env.get(IDENTITY_PATH_VARIABLE, "").strip()
    if value:
        path = Path(value).expanduser()
        return path if path.is_absolute() else (Path.cwd() / path).resolve()
    return dashboard.with_name(f"{dashboard.stem}.identity{dashboard.suffix or '.duckdb'}")


def key_file(dashboard: Path) -> Path:
    """Where a generated privacy key lives when JOURNEY_PRIVACY_KEY is unset."""
    return dashboard.with_name(f".{dashboard.stem}.privacy-key")


def privacy_key_file(dashboard: Path, environ: dict[str, str] | None = None) -> Path:
    """The key file dbt reads the privacy key from (JOURNEY_PRIVACY_KEY_FILE), readable by its
    owner only: JOURNEY_PRIVACY_KEY when set, else a random key created once beside the
    warehouse and kept, so keyed hashes stay comparable from run to run. Never a fixed key."""
    env = os.environ if environ is None else environ
    given = env.get(KEY_VARIABLE, "").strip()
    path = key_file(dashboard)
    current = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if current and (not given or given == current):
        restrict(path)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    staged.unlink(missing_ok=True)
    descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write((given or secrets.token_hex(32)) + "\n")
    os.replace(staged, path)
    return path


def privacy_key(dashboard: Path, environ: dict[str, str] | None = None) -> str:
    """The key in use for the warehouse (see privacy_key_file)."""
    return privacy_key_file(dashboard, environ).read_text(encoding="utf-8").strip()


# The Postgres session setting the keyed hash reads (macro journey_keyed_hash).
POSTGRES_KEY_SETTING = "journey.privacy_key"


def postgres_key_options(key_file: Path, current: str = "") -> str:
    """PGOPTIONS for a dbt process on Postgres: `current` plus the privacy key as the session
    setting `journey.privacy_key`, so the SQL dbt compiles, logs and documents names the
    setting, never the key. Spaces and backslashes are escaped as libpq reads the options."""
    key = key_file.read_text(encoding="utf-8").strip()
    escaped = key.replace("\\", "\\\\").replace(" ", "\\ ")
    others = re.sub(rf"-c\s*{re.escape(POSTGRES_KEY_SETTING)}=(\\.|\S)*", "", current).strip()
    return " ".join(filter(None, [others, f"-c {POSTGRES_KEY_SETTING}={escaped}"]))


def restrict(path: Path) -> None:
    """Owner-only permissions: 0600 for a file, 0700 for a folder (when it exists)."""
    if path.is_dir():
        path.chmod(OWNER_ONLY_DIR)
    elif path.exists():
        path.chmod(OWNER_ONLY_FILE)


def is_owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


# ----------------------------------------------------------------------------- masking


def _mask_word(word: str) -> str:
    return f"{word[:1]}***" if word else ""


def mask_email(value: str) -> str:
    """`jane.doe@example.com` → `j***@e***.com`."""
    local, _, domain = value.strip().rpartition("@")
    host, dot, tld = domain.rpartition(".")
    return f"{_mask_word(local)}@{_mask_word(host or tld)}{dot}{tld if host else ''}"


def mask_text(text: str) -> str:
    """Emails, phone numbers and IPv4 addresses inside free text masked; the rest unchanged
    (a timestamp or a number that did not parse stays readable)."""
    text = EMAIL_PATTERN.sub(lambda match: mask_email(match.group(0)), text)
    text = IPV4_PATTERN.sub(lambda match: f"{match.group(0).split('.')[0]}.***.***.***", text)
    return PHONE_PATTERN.sub(
        lambda match: _mask_phone(match.group(0)) if is_phone(match.group(0)) else match.group(0),
        text,
    )


def is_phone(text: str) -> bool:
    """A phone number: 7 to 15 digits with phone separators, not a date."""
    digits = len(_DIGITS.sub("", text))
    return 7 <= digits <= 15 and not _DATE_LIKE.search(text) and " " not in text.strip("+ ")[:1]


def contains_personal_pattern(text: str) -> bool:
    """True when `text` holds something shaped like an email, a phone number or an IPv4."""
    return bool(
        EMAIL_PATTERN.search(text)
        or IPV4_PATTERN.search(text)
        or any(is_phone(match.group(0)) for match in PHONE_PATTERN.finditer(text))
    )


def _mask_phone(text: str) -> str:
    return "***" + _DIGITS.sub("", text)[-2:]


def mask_value(value: object) -> object:
    """A value of a personal column as diagnostics may show it: an email as `j***@e***.com`,
    other text as its first character and its length (`J*** (4 chars)`); None and numbers as
    they are."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if not text.strip():
        return text
    if EMAIL_PATTERN.fullmatch(text.strip()):
        return mask_email(text)
    return f"{text.strip()[:1]}*** ({len(text)} chars)"


def mask_for_column(column: str | None, value: object) -> object:
    """`mask_value` for a personal column; `mask_text` (emails, phones, IPs) for any other."""
    # A derived column (`email__normalised`, `page_url__utm`) is as personal as its source.
    if column is not None and column.split("__", 1)[0] in PERSONAL_COLUMNS:
        return mask_value(value)
    return mask_text(value) if isinstance(value, str) else value
