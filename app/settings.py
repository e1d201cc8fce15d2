"""Settings: built-in defaults, the organisation's file (which can lock keys), the user's file,
and the environment (VIDNE_OPERATOR, VIDNE_ORGANISATION, VIDNE_TSA_URL, VIDNE_BROWSER).

The user's file is ``settings.toml`` in the user's config folder (``VIDNE_CONFIG_DIR`` overrides).
The organisation's file is ``config.toml`` in the system folder IT manages (``VIDNE_SYSTEM_CONFIG``
points elsewhere). A broken file never stops Vidne: it is reported and safe defaults are used.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

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


_KEYS = {f.name: f for f in fields(Settings) if f.name not in ("locked", "problems")}


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
        return {}, [f"{path}: {err}. Vidne uses its safe defaults for the settings in this file."]
    except OSError as err:
        return {}, [f"{path} could not be read ({err.strerror}). Vidne uses its safe defaults."]


def _coerce(values: dict[str, Any], source: Path) -> tuple[dict[str, Any], list[str]]:
    good: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in values.items():
        if key == "locked":
            continue
        if key not in _KEYS:
            problems.append(f"{source}: unknown setting '{key}' was ignored.")
            continue
        default = getattr(Settings(), key)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{source}: '{key}' must be a list of texts; it was ignored.")
                continue
            good[key] = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                problems.append(f"{source}: '{key}' must be true or false; it was ignored.")
                continue
            good[key] = value
        elif isinstance(default, float):
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                problems.append(f"{source}: '{key}' must be a positive number; it was ignored.")
                continue
            good[key] = float(value)
        else:
            if not isinstance(value, str):
                problems.append(f"{source}: '{key}' must be a text; it was ignored.")
                continue
            good[key] = value
    return good, problems


def load_settings() -> Settings:
    problems: list[str] = []
    system_path = system_config_path()
    system_raw, errs = _read_toml(system_path)
    problems += errs
    system, errs = _coerce(system_raw, system_path)
    problems += errs
    locked_raw = system_raw.get("locked", [])
    locked = frozenset(k for k in locked_raw if k in _KEYS) if isinstance(locked_raw, list) else frozenset()
    user_path = user_config_dir() / "settings.toml"
    user_raw, errs = _read_toml(user_path)
    problems += errs
    user, errs = _coerce(user_raw, user_path)
    problems += errs
    merged: dict[str, Any] = {**system, **{k: v for k, v in user.items() if k not in locked}}
    env = {"operator": "VIDNE_OPERATOR", "organisation": "VIDNE_ORGANISATION", "browser_path": "VIDNE_BROWSER"}
    for key, var in env.items():
        if os.environ.get(var) and key not in locked:
            merged[key] = os.environ[var]
    if os.environ.get("VIDNE_TSA_URL") and "tsa_urls" not in locked:
        merged["tsa_urls"] = (os.environ["VIDNE_TSA_URL"],)
    for problem in problems:
        log.warning("settings: %s", problem)
    return replace(Settings(**merged), locked=locked, problems=tuple(problems))


def save_user_settings(settings: Settings, **changes: Any) -> Settings:
    """Write the user's own settings (never the locked ones) and return the new settings."""
    refused = sorted(k for k in changes if k in settings.locked)
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
