"""Settings: built-in defaults, the organisation's file (which can lock keys), the user's file,
and the environment (VIDNE_OPERATOR, VIDNE_ORGANISATION, VIDNE_TSA_URL, VIDNE_BROWSER).
What a verifier trusts (``trusted_tsa_roots``, ``trusted_keys``) and the vault (``vault_*``) come from the
organisation's file only; the vault's credentials from no Vidne file at all (the standard AWS chain).

The user's file is ``settings.toml`` in the user's config folder (``VIDNE_CONFIG_DIR`` overrides).
The organisation's file is ``config.toml`` in the system folder IT manages (``VIDNE_SYSTEM_CONFIG``
points elsewhere). A broken file never stops Vidne: it is reported, naming the file and the line,
and safe defaults are used. docs/it-deployment.md describes every key.
"""

from __future__ import annotations

import datetime
import getpass
import logging
import os
import re
import string
import sys
import tomllib
import zoneinfo
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import tomli_w

if TYPE_CHECKING:
    from evidence_store import VaultConfig

log = logging.getLogger(__name__)

APP_NAME = "Vidne"


@dataclass(frozen=True)
class Settings:
    operator: str = ""
    organisation: str = ""
    language: str = ""                    # "da", "en", or "" for the system's language
    store_dir: str = ""                   # "" = VIDNE_HOME or the user's data folder
    browser_path: str = ""
    tsa_urls: tuple[str, ...] = ()        # () = the built-in list of public TSAs
    use_tsa: bool = True
    blur_previews: bool = True
    capture_timeout_s: float = 120.0
    case_name_template: str = ""          # the case of a capture given none, e.g. "{year}-{month} {host}"
    use_profile: bool = True              # captures use Vidne's own browser profile (log-ins from 'vidne login')
    record_network: bool = True           # every request and response of a capture into page.wacz
    save_media: bool = True               # the video and audio files a page plays, as artifacts
    max_media_mb: float = 1024.0          # one media file larger than this is recorded, not saved
    dismiss_overlays: bool = False        # click away cookie banners before the screenshots
    run_behaviors: bool = True            # browsertrix-behaviors after the first view: scroll, media, "see more"
    trusted_tsa_roots: tuple[str, ...] = ()   # PEM files of TSA roots the organisation trusts (its file only)
    trusted_keys: tuple[str, ...] = ()        # "FINGERPRINT Name" of signing keys the organisation vouches for
    contact_name: str = ""                # who an employee tells (HR, the safety representative): "What now?"
    contact_phone: str = ""
    contact_email: str = ""
    time_zone: str = "Europe/Copenhagen"  # the one time zone times are shown in to people (UTC stays recorded)
    vault_bucket: str = ""                # the organisation's vault (S3 with Object Lock); "" = none (its file only)
    vault_endpoint: str = ""              # "" = AWS S3; else the S3 address of MinIO, Ceph RGW, SeaweedFS, ...
    vault_region: str = ""
    vault_retention_days: float = 3650.0  # how long every object is locked, in whole days
    vault_mode: str = "COMPLIANCE"        # or "GOVERNANCE"
    vault_prefix: str = ""                # where in the bucket, e.g. "vidne/"
    vault_profile: str = ""               # a profile of the shared AWS files ("" = the default chain)
    locked: frozenset[str] = field(default_factory=frozenset)   # keys IT fixed for the organisation
    problems: tuple[str, ...] = ()        # what was wrong with a settings file, for the person to see

    def operator_or_login(self) -> str:
        """The operator's name, or the computer login when no name was given."""
        if self.operator.strip():
            return self.operator.strip()
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "unknown"

    def default_case(self, url: str = "", when: datetime.datetime | None = None) -> str:
        """The case for a capture the person gave no case: ``case_name_template`` filled in ("" if none)."""
        if not self.case_name_template:
            return ""
        now = when or datetime.datetime.now().astimezone()
        iso = now.isocalendar()
        host = url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()
        values = {"date": now.strftime("%Y-%m-%d"), "year": f"{now.year:04d}", "month": f"{now.month:02d}",
                  "week": f"{iso.week:02d}", "operator": self.operator_or_login(), "host": host}
        return self.case_name_template.format_map(values).strip()[:200]

    def vault(self) -> VaultConfig | None:
        """The organisation's vault, or None when it has none (no ``vault_bucket``)."""
        if not self.vault_bucket.strip():
            return None
        from evidence_store import VaultConfig
        prefix = self.vault_prefix.strip().lstrip("/")
        return VaultConfig(bucket=self.vault_bucket.strip(), endpoint=self.vault_endpoint.strip(),
                           region=self.vault_region.strip(), retention_days=int(self.vault_retention_days),
                           mode=self.vault_mode, prefix=prefix + "/" if prefix and not prefix.endswith("/") else prefix,
                           profile=self.vault_profile.strip())


_KEYS = {f.name: f for f in fields(Settings) if f.name not in ("locked", "problems")}
VAULT_KEYS = frozenset(name for name in _KEYS if name.startswith("vault_"))
# never from the person or the environment:
ORGANISATION_ONLY = frozenset({"trusted_tsa_roots", "trusted_keys", *VAULT_KEYS})
CASE_FIELDS = frozenset({"date", "year", "month", "week", "operator", "host"})
STORE_FIELDS = frozenset({"user"})


def user_config_dir() -> Path:
    override = os.environ.get("VIDNE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def system_config_path() -> Path:
    override = os.environ.get("VIDNE_SYSTEM_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"), APP_NAME, "config.toml")
    if sys.platform == "darwin":
        return Path("/Library/Application Support", APP_NAME, "config.toml")
    return Path("/etc/vidne/config.toml")


def _read_toml(path: Path) -> tuple[dict[str, Any], list[str]]:
    if not path.is_file():
        return {}, []
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh), []
    except tomllib.TOMLDecodeError as err:
        return {}, [_toml_problem(path, err)]
    except UnicodeDecodeError:
        return {}, [f"{path} is not UTF-8 text. Vidne ignores the whole file and uses its safe defaults "
                    "until it is corrected."]
    except OSError as err:
        return {}, [f"{path} could not be read ({err.strerror}). Vidne uses its safe defaults."]


def _toml_problem(path: Path, err: tomllib.TOMLDecodeError) -> str:
    """tomllib's message says "(at line 3, column 7)" at its end; say it first, plainly."""
    text = str(err)
    where = re.search(r"\(at line (\d+), column (\d+)\)\s*$", text)
    if where is None:
        return (f"{path}: this file is not valid TOML ({text}). Vidne ignores the whole file and uses its "
                "safe defaults until it is corrected.")
    reason = text[:where.start()].strip()
    return (f"{path}, line {where.group(1)} (column {where.group(2)}): this is not valid TOML: {reason}. "
            "Vidne ignores the whole file and uses its safe defaults until it is corrected.")


def _where(source: Path, key: str, entry: str = "") -> str:
    """"<file>, line N" for the line that sets ``key`` (just the file if it cannot be found); with
    ``entry``, the line of that entry of the list ``key`` if it stands on a line of its own."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return str(source)
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    start = next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), None)
    if start is None:
        return str(source)
    if entry.strip():
        for number, line in enumerate(lines[start - 1:], start=start):
            if entry.strip() in line:
                return f"{source}, line {number}"
    return f"{source}, line {start}"


def _template_problem(template: str, allowed: frozenset[str]) -> str | None:
    try:
        names = {name for _, name, spec, conv in string.Formatter().parse(template) if name is not None}
    except ValueError as err:
        return f"it is not a valid template ({err})"
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        return (f"it uses {', '.join('{' + n + '}' for n in unknown)}; the fields are "
                f"{', '.join('{' + n + '}' for n in sorted(allowed))}")
    return None


_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,40}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,200}\.[^@\s.]{2,}$")


def zone_exists(name: str) -> bool:
    """True if ``name`` is a time zone this system knows (IANA name, e.g. Europe/Copenhagen)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _text_problem(key: str, value: str) -> str | None:
    """Why a text setting cannot be used (None if it can)."""
    if key == "time_zone" and not zone_exists(value):
        return f"\"{value[:60]}\" is not a time zone this computer knows; use a name like \"Europe/Copenhagen\""
    if key == "contact_phone" and value and not _PHONE.match(value):
        return "a phone number has digits, spaces and + ( ) - only"
    if key == "contact_email" and value and not _EMAIL.match(value):
        return f"\"{value[:60]}\" is not an e-mail address"
    if key == "vault_mode" and value not in ("COMPLIANCE", "GOVERNANCE"):
        return "it must be \"COMPLIANCE\" or \"GOVERNANCE\""
    if key == "contact_name" and len(value) > 200:
        return "it is longer than 200 characters"
    return None


def expand_store_dir(value: str) -> str:
    """The store folder with ``~``, ``{user}`` and environment variables ($HOME, %USERPROFILE%) filled in."""
    if not value:
        return ""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return str(Path(os.path.expandvars(value.replace("{user}", user))).expanduser())


def _coerce(values: dict[str, Any], source: Path) -> tuple[dict[str, Any], list[str]]:
    good: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in values.items():
        if key == "locked":
            continue
        if key not in _KEYS:
            problems.append(f"{_where(source, key)}: unknown setting '{key}' was ignored.")
            continue
        default = getattr(Settings(), key)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{_where(source, key)}: '{key}' must be a list of texts; it was ignored.")
                continue
            good[key] = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                problems.append(f"{_where(source, key)}: '{key}' must be true or false; it was ignored.")
                continue
            good[key] = value
        elif isinstance(default, float):
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                problems.append(f"{_where(source, key)}: '{key}' must be a positive number; it was ignored.")
                continue
            good[key] = float(value)
        else:
            if not isinstance(value, str):
                problems.append(f"{_where(source, key)}: '{key}' must be a text in quotes; it was ignored.")
                continue
            allowed = {"case_name_template": CASE_FIELDS, "store_dir": STORE_FIELDS}.get(key)
            if allowed is not None and (why := _template_problem(value, allowed)):
                problems.append(f"{_where(source, key)}: '{key}' was ignored: {why}.")
                continue
            if (why := _text_problem(key, value)) is not None:
                problems.append(f"{_where(source, key)}: '{key}' was ignored: {why}.")
                continue
            if key == "language" and value not in ("", "da", "en"):
                problems.append(f"{_where(source, key)}: 'language' must be \"da\", \"en\" or \"\" (the "
                                "system's language); it was ignored.")
                continue
            good[key] = value
    return good, problems


ENV_VARS = {"operator": "VIDNE_OPERATOR", "organisation": "VIDNE_ORGANISATION", "browser_path": "VIDNE_BROWSER",
            "tsa_urls": "VIDNE_TSA_URL"}


def from_environment(locked: frozenset[str] = frozenset()) -> dict[str, str]:
    """The settings an environment variable gives now (key -> the variable's name). They win over the
    user's file, so the desktop app shows them read-only; a key the organisation locked never comes from it."""
    return {key: var for key, var in ENV_VARS.items() if os.environ.get(var) and key not in locked}


def load_settings() -> Settings:
    problems: list[str] = []
    system_path = system_config_path()
    system_raw, errs = _read_toml(system_path)
    problems += errs
    system, errs = _coerce(system_raw, system_path)
    problems += errs
    locked, errs = _locked(system_raw, system_path)
    problems += errs
    user_path = user_config_dir() / "settings.toml"
    user_raw, errs = _read_toml(user_path)
    problems += errs
    user, errs = _coerce(user_raw, user_path)
    problems += errs
    for key in sorted(ORGANISATION_ONLY & user.keys()):
        del user[key]
        problems.append(f"{_where(user_path, key)}: '{key}' can be set only in the organisation's file "
                        f"({system_path}); it was ignored.")
    if "trusted_keys" in system:
        system["trusted_keys"], errs = _trusted_keys(system["trusted_keys"], system_path)
        problems += errs
    merged: dict[str, Any] = {**system, **{k: v for k, v in user.items() if k not in locked}}
    for key, var in from_environment(locked).items():
        merged[key] = (os.environ[var],) if key == "tsa_urls" else os.environ[var]
    if merged.get("store_dir"):
        merged["store_dir"] = expand_store_dir(merged["store_dir"])
    for problem in problems:
        log.warning("settings: %s", problem)
    return replace(Settings(**merged), locked=locked, problems=tuple(problems))


def _trusted_keys(entries: tuple[str, ...], source: Path) -> tuple[tuple[str, ...], list[str]]:
    """The ``trusted_keys`` entries that are "FINGERPRINT Name of the holder"; a problem for each other."""
    from evidence_store import TrustSettingError, parse_fingerprint  # only when a file lists keys

    good, problems = [], []
    for entry in entries:
        fingerprint, _, name = entry.strip().partition(" ")
        try:
            parse_fingerprint(fingerprint)
        except TrustSettingError as err:
            problems.append(f"{_where(source, 'trusted_keys', entry)}: the 'trusted_keys' entry "
                            f"\"{entry[:100]}\" was ignored: {err} Each entry is \"FINGERPRINT Name of the holder\".")
            continue
        if not name.strip():
            problems.append(f"{_where(source, 'trusted_keys', entry)}: the 'trusted_keys' entry "
                            f"\"{entry[:100]}\" was ignored: it names no holder. Each entry is "
                            "\"FINGERPRINT Name of the holder\".")
            continue
        good.append(entry)
    return tuple(good), problems


def locked_overrides(settings: Settings | None = None) -> list[tuple[str, str]]:
    """(key, variable) for each environment variable that is set for a setting the organisation locked.
    The variable is not used; a command refuses to run while it is set (the lock must be seen to hold)."""
    locked = (settings or load_settings()).locked
    return [(key, var) for key, var in ENV_VARS.items() if os.environ.get(var) and key in locked]


def _locked(system_raw: dict[str, Any], source: Path) -> tuple[frozenset[str], list[str]]:
    """The keys the organisation's file locks (``locked = [...]``); a lock in the user's file means nothing."""
    raw = system_raw.get("locked", [])
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        return frozenset(), [f"{_where(source, 'locked')}: 'locked' must be a list of setting names, like "
                             "locked = [\"organisation\", \"tsa_urls\"]; nothing is locked."]
    unknown = [k for k in raw if k not in _KEYS]
    problems = [f"{_where(source, 'locked')}: 'locked' names unknown setting(s) "
                f"{', '.join(repr(k) for k in unknown)}; they were ignored."] if unknown else []
    return frozenset(k for k in raw if k in _KEYS), problems


def save_user_settings(settings: Settings, **changes: Any) -> Settings:
    """Write the user's own settings (never the locked ones) and return the new settings."""
    refused = sorted(k for k in changes if k in settings.locked or k in ORGANISATION_ONLY)
    if refused:
        raise PermissionError(f"These settings are fixed by your organisation: {', '.join(refused)}")
    path = user_config_dir() / "settings.toml"
    current, _ = _read_toml(path)
    for key, value in changes.items():
        if key not in _KEYS:
            raise KeyError(key)
        current[key] = list(value) if isinstance(value, tuple) else value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(current), encoding="utf-8")
    os.replace(tmp, path)
    return replace(settings, **changes)
