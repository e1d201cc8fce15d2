"""The built folder works on its own: version, a capture whose bundle checks out with standard
tools, a plain message when there is no browser, and the desktop app's window."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tests.e2e.helpers import verify_txt_commands
from tests.frozen.conftest import run
from tests.support import pages
from tests.support.first_window import first_window_seconds
from tests.support.tsa_server import running_tsa

pytestmark = pytest.mark.dist
ROOT = Path(__file__).resolve().parents[2]


def test_version(frozen_bin: Path, clean_env: dict[str, str]) -> None:
    done = run([str(frozen_bin / "vidne"), "--version"], clean_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"vidne {metadata.version('vidne')}"


def test_resources_and_build_config_are_inside(frozen_dir: Path) -> None:
    internal = frozen_dir / "_internal"
    for part in ("texts/VERIFY.txt", "report/texts.json", "fonts/DejaVuSans.ttf", "tsa/roots.pem",
                 "style/vidne.qss", "icons/vidne.svg", "build_config.toml"):
        assert (internal / "resources" / part).is_file(), part
    assert list(internal.glob("vidne-*.dist-info/METADATA"))
    assert (internal / "playwright" / "driver" / "package" / "cli.js").is_file()
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in (internal / "LICENSE").read_text(encoding="utf-8")


def test_capture_in_a_clean_environment_verifies_with_standard_tools(
        frozen_bin: Path, clean_env: dict[str, str], web: pages.Server, tmp_path: Path) -> None:
    assert shutil.which("openssl"), "openssl is missing: run scripts/system-deps.sh"
    store = tmp_path / "store"
    with running_tsa(tmp_path / "tsa") as tsa:
        # the organisation trusts the test authority's root, as IT would list its own TSA's
        config = tmp_path / "org-config.toml"
        config.write_text(f"trusted_tsa_roots = [{json.dumps(str(tsa.pki.root_pem))}]\n", encoding="utf-8")
        done = run([str(frozen_bin / "vidne"), "--store", str(store), "capture", web.url("/dansk"),
                    "--case", "Frozen", "--tsa", tsa.url("with-root"), "--json"],
                   {**clean_env, "VIDNE_SYSTEM_CONFIG": str(config)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["timestamp"]["status"] == "trusted", result
    bundle = Path(result["bundle"])
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"]["version"] == metadata.version("vidne")
    commands = verify_txt_commands(bundle)
    assert any(c.startswith("sha256sum -c") for c in commands)
    assert any(c.startswith("openssl pkeyutl -verify") for c in commands)
    for command in commands:   # exactly what VERIFY.txt tells a recipient to type
        checked = subprocess.run(command, shell=True, cwd=bundle, capture_output=True, text=True,  # noqa: S602
                                 timeout=60, env=clean_env)
        assert checked.returncode == 0, (command, checked.stdout, checked.stderr)
    verified = run([str(frozen_bin / "vidne"), "verify", str(bundle)], clean_env)
    assert verified.returncode == 0 and verified.stdout.startswith("INTACT"), verified.stdout
    # The packaged app leaves py-wacz's validator out (build.spec); the WACZ it writes must still pass
    # the full py-wacz's `wacz validate`.
    assert manifest["capture"]["network"]["saved"] is True, manifest["capture"]["network"]
    wacz = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(bundle / "artifacts" / "page.wacz")],
                          capture_output=True, text=True, timeout=120)
    assert wacz.returncode == 0, wacz.stdout + wacz.stderr
    log = Path(clean_env["HOME"], ".local", "state", "Vidne", "log", "vidne.log").read_text(encoding="utf-8")
    assert f"capture {result['id']}: sealed" in log
    assert pages.DANISH not in log


def test_no_browser_is_said_plainly(frozen_bin: Path, clean_env: dict[str, str], web: pages.Server,
                                    tmp_path: Path) -> None:
    env = {**clean_env, "VIDNE_BROWSER": str(tmp_path / "no-such-browser")}
    done = run([str(frozen_bin / "vidne"), "--store", str(tmp_path / "store"), "capture", web.url("/dansk"),
                "--no-tsa"], env)
    assert done.returncode == 1
    assert "does not exist or cannot be run" in done.stderr
    assert "installed on the computer" in done.stderr or "Chromium that comes with Vidne" in done.stderr
    assert "Traceback" not in done.stderr and "python -m" not in done.stderr


def test_organisation_config_is_honoured(frozen_bin: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    """The example file from docs/it-deployment.md (as the installers ship it) sets and locks."""
    config = Path(clean_env["VIDNE_SYSTEM_CONFIG"])
    shutil.copy(ROOT / "packaging" / "config.toml.example", config)
    done = run([str(frozen_bin / "vidne"), "settings", "--json"], {**clean_env, "VIDNE_ORGANISATION": "x"})
    assert done.returncode == 0, done.stdout
    shown = json.loads(done.stdout)
    assert shown["settings"]["organisation"] == "Eksempel Kommune, HR"
    assert shown["settings"]["store_dir"] == str(Path(clean_env["HOME"], "Vidne-bevismateriale"))
    assert {"organisation", "tsa_urls", "store_dir"} <= set(shown["locked"])
    done = run([str(frozen_bin / "vidne"), "--store", str(tmp_path / "elsewhere"), "list"], clean_env)
    assert done.returncode == 1 and "fixed where evidence is kept" in done.stderr
    config.write_text('organisation = "Frossen Kommune"\nuse_tsa = \n', encoding="utf-8")
    done = run([str(frozen_bin / "vidne"), "settings"], clean_env)
    assert done.returncode == 1 and f"{config}, line 2" in done.stdout


def test_desktop_app_opens_its_window(frozen_bin: Path, clean_env: dict[str, str]) -> None:
    """vidne-app, offscreen: Qt reports the main window's native window becoming visible."""
    env = {**clean_env, "VIDNE_OPERATOR": "Test", "VIDNE_ORGANISATION": "Test"}
    assert first_window_seconds([str(frozen_bin / "vidne-app")], env) is not None, "vidne-app showed no window"
    # `vidne gui` starts the same window from the console program, which has its own Qt runtime hook.
    assert first_window_seconds([str(frozen_bin / "vidne"), "gui"], env) is not None, "vidne gui showed no window"


# What the folder may weigh without a browser, in bytes. Issue 10's budget was 250 MB; the issues that
# followed each required a part that weighs: the organisation's vault (boto3, the reference S3 client:
# 2 MB with only the S3/STS/SSO models), verify.html in every export (1 MB, readable and unminified)
# and browsertrix-behaviors. With everything Vidne never uses left out (build.spec), the folder is
# about 252 MB; the budget moves to 255 MB, on purpose and said here, rather than dropping Wayland
# support or the CJK text codecs yt-dlp may need.
SIZE_BUDGET = 255_000_000


def test_folder_without_a_browser_stays_under_its_budget(frozen_dir: Path) -> None:
    size = sum(f.lstat().st_size for f in frozen_dir.rglob("*")
               if ".local-browsers" not in f.parts and (f.is_symlink() or f.is_file()))
    assert size < SIZE_BUDGET, f"{frozen_dir} without a browser is {size / 1e6:.1f} MB"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build links vidne-app to vidne")
def test_linux_app_program_is_a_link_to_the_one_program(frozen_dir: Path) -> None:
    app = frozen_dir / "vidne-app"
    assert app.is_symlink() and app.readlink() == Path("vidne")


ICU_CHECK = """
import json
from PySide6.QtCore import QCollator, QLocale, QTimeZone, QUrl
maps = open("/proc/self/maps").read()
words = ["Aarhus", "Zealand", "\u00c6r\u00f8", "\u00d8sterbro", "\u00c5benr\u00e5", "abe"]
da, en = QLocale("da_DK"), QLocale("en_GB")
zone = QTimeZone(b"Europe/Copenhagen")
print(json.dumps({
    "icudata": [line.split()[-1] for line in maps.splitlines() if "libicudata" in line][:1],
    "da": sorted(words, key=QCollator(da).sortKey), "en": sorted(words, key=QCollator(en).sortKey),
    "upper": da.toUpper("stra\u00dfe \u00e6\u00f8\u00e5"),
    "zone_da": zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, da),
    "zone_en": zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, en),
    "ace": bytes(QUrl.toAce("\u00e6blegr\u00f8d.dk")).decode(),
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ICU data is cut down on Linux only")
def test_cut_down_icu_data_still_serves_danish_and_english(frozen_dir: Path) -> None:
    """build.spec replaces Qt's 31 MB ICU data with Danish and English only (packaging/pyinstaller/
    icu_trim.py). The packaged Qt libraries, loaded by this Python, must still collate Danish (aa
    after z, æ ø å at the end), case-map, name time zones in Danish and do IDNA."""
    qt_lib = frozen_dir / "_internal" / "PySide6" / "Qt" / "lib"
    icudata = next(qt_lib.glob("libicudata.so.*"))
    assert icudata.stat().st_size < 8_000_000, f"{icudata} is the whole ICU data ({icudata.stat().st_size} bytes)"
    done = subprocess.run([sys.executable, "-c", ICU_CHECK], capture_output=True, text=True, timeout=60,
                          env={"LD_LIBRARY_PATH": str(qt_lib), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["icudata"] == [str(icudata)]
    assert seen["da"] == ["abe", "Zealand", "\u00c6r\u00f8", "\u00d8sterbro", "\u00c5benr\u00e5", "Aarhus"]
    assert seen["en"] == ["Aarhus", "abe", "\u00c5benr\u00e5", "\u00c6r\u00f8", "\u00d8sterbro", "Zealand"]
    assert seen["upper"] == "STRASSE \u00c6\u00d8\u00c5"
    assert seen["zone_da"] == "Centraleurop\u00e6isk normaltid"
    assert seen["zone_en"] == "Central European Standard Time"
    assert seen["ace"] == "xn--blegrd-oua3m.dk"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_LIBRARY_PATH is the Linux loader's")
def test_programs_started_by_the_packaged_app_get_the_pcs_library_path(
        frozen_bin: Path, frozen_dir: Path, clean_env: dict[str, str], web: pages.Server, tmp_path: Path) -> None:
    """PyInstaller points LD_LIBRARY_PATH at _internal for its own process; the browser (and
    Node.js before it) must not load Vidne's private libraries. The 'browser' here is a script that
    writes down its environment and then starts the real Chromium."""
    seen = tmp_path / "browser-env.txt"
    browser = tmp_path / "browser.sh"
    real = shutil.which("chromium") or shutil.which("google-chrome") or "/usr/bin/chromium"
    browser.write_text(f'#!/bin/sh\nenv > "{seen}"\nexec "{real}" "$@"\n', encoding="utf-8")
    browser.chmod(0o755)
    env = {**clean_env, "VIDNE_BROWSER": str(browser), "LD_LIBRARY_PATH": "/opt/its-own/lib"}
    done = run([str(frozen_bin / "vidne"), "--store", str(tmp_path / "store"), "capture", web.url("/dansk"),
                "--no-tsa"], env)
    assert done.returncode == 0, done.stderr
    lines = seen.read_text(encoding="utf-8").splitlines()
    assert "LD_LIBRARY_PATH=/opt/its-own/lib" in lines, [x for x in lines if x.startswith("LD_")]
    assert not any(x.startswith("LD_LIBRARY_PATH_ORIG") for x in lines)
    assert str(frozen_dir.resolve() / "_internal") not in "\n".join(lines)
