"""The hand-over, end to end through the real `vidne` command: an employee captures and exports, HR
imports and exports again for the police, and the police zip checks out with `vidne verify` and with
the commands in its VERIFY.txt alone."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.e2e.helpers import capture_json, vidne
from tests.support import pages
from tests.support.tsa_server import running_tsa

CASE = "Sag 7 – Facebook-gruppen"
EMPLOYEE = {"VIDNE_OPERATOR": "Mette Medarbejder", "VIDNE_ORGANISATION": "Aarhus Kommune"}
HR = {"VIDNE_OPERATOR": "Hanne Personalechef", "VIDNE_ORGANISATION": "Aarhus Kommune, HR"}
ROW = re.compile(r"^\s+([0-9]{8}T[0-9]{6}Z-[0-9a-f]{8})\s+([0-9]+)\s+([0-9a-f]{64})$")

TOOLS = ("openssl", "sha256sum", "unzip", "pdftotext", "qpdf", "python3", "awk")


@pytest.fixture(autouse=True)
def _tools() -> None:
    """A missing tool fails these tests (scripts/system-deps.sh installs them), never skips them."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"missing tools {missing}: run scripts/system-deps.sh"


def _sh(command: str, cwd: Path) -> str:
    done = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True,  # noqa: S602
                          timeout=60, executable="/bin/bash")
    assert done.returncode == 0, (command, cwd, done.stdout, done.stderr)
    return done.stdout


def _commands(verify_txt: str, start: str) -> list[str]:
    """The commands in VERIFY.txt that start with ``start`` (each once)."""
    found: list[str] = []
    for line in verify_txt.splitlines():
        command = line.strip()
        if command.startswith(start) and command not in found:
            found.append(command)
    assert found, start
    return found


def test_employee_to_hr_to_police(web: pages.Server, tmp_path: Path) -> None:
    employee, hr = tmp_path / "employee-store", tmp_path / "hr-store"
    with running_tsa(tmp_path / "tsa") as tsa:
        stamped = capture_json(employee, web.url("/dansk"), "--case", CASE,
                               env={**EMPLOYEE, "VIDNE_TSA_URL": tsa.url("with-root")})
        tsa_root = tsa.pki.root_pem
    plain = capture_json(employee, web.url("/hostile"), "--case", CASE, "--no-tsa", env=EMPLOYEE)
    assert (Path(stamped["bundle"]) / "timestamp.tsr").is_file()

    # The employee exports the case for HR.
    to_hr = tmp_path / "til-hr.zip"
    done = vidne("--store", str(employee), "export", "--case", CASE, "--out", str(to_hr), "--json", env=EMPLOYEE)
    assert done.returncode == 0, done.stderr
    exported = json.loads(done.stdout)
    assert exported["sha256"] == hashlib.sha256(to_hr.read_bytes()).hexdigest()
    logged = [json.loads(line) for line in (employee / "exports.jsonl").read_text("utf-8").splitlines()]
    assert logged[-1]["sha256"] == exported["sha256"]

    # HR imports it: each bundle's time and signers are shown (the test TSA's root is nobody's).
    done = vidne("--store", str(hr), "import", str(to_hr), env=HR)
    assert done.returncode == 0, done.stderr
    assert f"Added {stamped['id']}" in done.stdout and f"Added {plain['id']}" in done.stdout
    assert re.search(r"^  exporter key: [0-9a-f]{64} \(not confirmed", done.stdout, re.M), done.stdout
    assert _bundle_block(done.stdout, stamped["id"])[1].startswith("    time: NOT TRUSTED (")
    assert _bundle_block(done.stdout, plain["id"])[1] == "    time: none (no time-stamp)"

    # HR exports the case for the police; the organisation trusts the test TSA's root, and export.json says so.
    config = tmp_path / "org" / "config.toml"
    config.parent.mkdir()
    config.write_text(f'trusted_tsa_roots = ["{tsa_root}"]\n', encoding="utf-8")
    police = tmp_path / "til-politiet.zip"
    done = vidne("--store", str(hr), "export", "--case", CASE, "--out", str(police), "--language", "en",
                 env={**HR, "VIDNE_SYSTEM_CONFIG": str(config)})
    assert done.returncode == 0, done.stderr
    police_sha = hashlib.sha256(police.read_bytes()).hexdigest()
    assert police_sha in done.stdout

    # The police: `vidne verify`, ...
    done = vidne("verify", str(police))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("INTACT") and police_sha in done.stdout
    _police_see_trust(police, stamped["id"], plain["id"], hr, config)

    # ... and standard tools alone, following VERIFY.txt.
    out = tmp_path / "unpacked"
    _sh(f"unzip -q {police} -d {out}", tmp_path)
    text = (out / "VERIFY.txt").read_text("utf-8")
    record = json.loads((out / "export.json").read_text("utf-8"))
    for command in _commands(text, "openssl pkeyutl -verify -pubin -inkey exporter.pub.pem"):
        assert "Signature Verified Successfully" in _sh(command, out)
    sums = dict(reversed(line.split("  ")) for line in _sh(_commands(text, "sha256sum chain-of-custody.pdf")[0],
                                                           out).splitlines())
    assert sums["chain-of-custody.pdf"] == record["report"]["sha256"]
    assert sums["VERIFY.txt"] == record["verify_txt_sha256"]
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert [f.name for f in folders] == sorted([stamped["id"], plain["id"]])
    for folder in folders:
        for command in _commands(text, "sha256sum -c SHA256SUMS") + _commands(text, "openssl pkeyutl -verify -pubin "
                                                                                    "-inkey signer.pub.pem"):
            _sh(command, folder)
        if (folder / "timestamp.tsr").exists():
            assert "Verification: OK" in _sh(_commands(text, "openssl ts -verify")[0], folder)
    for loop in _commands(text, "for d in */;"):
        lines = _sh(loop, out).splitlines()
        assert len(lines) == 2 and all(line.startswith("OK ") for line in lines), lines
    rows = {m.group(1): (int(m.group(2)), m.group(3)) for m in map(ROW.match, text.splitlines()) if m}
    for folder in folders:
        count = int(_sh(_commands(text, "wc -l < custody.jsonl")[0], folder))
        head = _sh(_commands(text, "tail -n 1 custody.jsonl")[0], folder).split()[0]
        assert rows[folder.name] == (count, head)
        recorded = next(b for b in record["bundles"] if b["capture_id"] == folder.name)
        assert (recorded["custody_count"], recorded["custody_head_sha256"]) == (count, head)

    # Every handler's event is in the chain, each signed by its own key, and in the report.
    events = [json.loads(line) for line in (out / stamped["id"] / "custody.jsonl").read_text("utf-8").splitlines()]
    assert [(e["event"], e["actor"]) for e in events] == [
        ("captured", "Mette Medarbejder"), ("timestamped", "Mette Medarbejder"),
        ("exported", "Mette Medarbejder"), ("received", "Hanne Personalechef"), ("exported", "Hanne Personalechef")]
    assert len({e["signer_fingerprint"] for e in events}) == 2
    assert events[2]["details"]["file"] == "til-hr.zip" and events[4]["details"]["file"] == "til-politiet.zip"
    report = subprocess.run(["pdftotext", "-layout", str(out / "chain-of-custody.pdf"), "-"], capture_output=True,
                            text=True, check=True).stdout
    for needle in ("Mette Medarbejder", "Hanne Personalechef", "Received", "Exported", "til-hr.zip",
                   "til-politiet.zip", stamped["id"], plain["id"], events[3]["signer_fingerprint"]):
        assert needle in report, needle
    qpdf = subprocess.run(["qpdf", "--check", str(out / "chain-of-custody.pdf")], capture_output=True, text=True)
    assert qpdf.returncode == 0, qpdf.stdout + qpdf.stderr


def _bundle_block(output: str, capture_id: str) -> list[str]:
    """The lines a text output gives one bundle: its header line and the indented lines under it."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"  {capture_id}: "))
    end = next((n for n in range(start + 1, len(lines)) if not lines[n].startswith("    ")), len(lines))
    return lines[start:end]


def _police_see_trust(police: Path, stamped: str, plain: str, hr: Path, config: Path) -> None:
    """`vidne verify X.zip`: per bundle, intact, then its time, its seal and every event by an unknown
    key in the lines right under it, then its notes. export.json (signed by HR) lists the organisation's
    root, but that counts only once the police confirmed HR's key (--trust-key): issue 11's rule that
    trust comes from the verifier's own policy, never from what an export says about itself."""
    hr_key = json.loads((hr / "bundles" / stamped / "custody.jsonl").read_text("utf-8").splitlines()[3])[
        "signer_fingerprint"]
    done = vidne("verify", str(police))
    block = _bundle_block(done.stdout, stamped)
    assert block[0] == f"  {stamped}: intact, 5 custody event(s)"
    assert block[1].startswith("    time: NOT TRUSTED (") and "Vidne Test" in block[1]
    assert "does not trust" in block[1]
    assert block[2].startswith("    sealed by key ") and "not confirmed" in block[2]
    # HR's events ("received", "exported") are by HR's key, which nobody here confirmed: said plainly
    assert block[3:5] == [f"    WARNING: custody event 4 (received) was signed by an unknown key {hr_key}",
                          f"    WARNING: custody event 5 (exported) was signed by an unknown key {hr_key}"]
    assert _bundle_block(done.stdout, plain)[1] == "    time: none (no time-stamp)"
    assert re.search(r"^NOTE: The export says the organisation trusts these time-stamp roots", done.stdout, re.M)

    report = json.loads(vidne("verify", str(police), "--json").stdout)
    assert report["exporter"]["signer"] == "unknown" and report["exporter_fingerprint"] == hr_key
    by_id = {c["capture_id"]: c for c in report["captures"]}
    stamped_json = by_id[stamped]
    assert stamped_json["intact"] and stamped_json["problems"] == [] and isinstance(stamped_json["notes"], list)
    assert stamped_json["time"]["status"] == "untrusted" and stamped_json["trusted_time"] is None
    assert [(c["seq"], c["event"], c["signer"]) for c in stamped_json["custody"]] == [
        (1, "captured", "sealer"), (2, "timestamped", "sealer"), (3, "exported", "sealer"),
        (4, "received", "unknown"), (5, "exported", "unknown")]
    assert stamped_json["custody"][3]["signer_fingerprint"] == hr_key
    assert {"at", "actor", "signer_fingerprint", "signer_name"} <= set(stamped_json["custody"][0])
    assert by_id[plain]["time"]["status"] == "none"

    # The police confirmed HR's fingerprint by phone: --trust-key makes HR's events known and the root
    # HR's signed export.json lists trusted, for this check.
    done = vidne("verify", str(police), "--json", "--trust-key", hr_key)
    trusted = next(c for c in json.loads(done.stdout)["captures"] if c["capture_id"] == stamped)
    assert trusted["time"]["status"] == "trusted" and trusted["trusted_time"] == trusted["time"]["at"]
    assert [c["signer"] for c in trusted["custody"]][3:] == ["known", "known"]
    assert trusted["custody"][3]["signer_source"] == "named for this check"
    text = vidne("verify", str(police), "--trust-key", hr_key).stdout
    assert _bundle_block(text, stamped)[1].startswith("    time: TRUSTED ") and "WARNING" not in text

    # HR's own store knows HR's key; the organisation's config names the root itself.
    done = vidne("--store", str(hr), "verify", str(police), "--json", env={"VIDNE_SYSTEM_CONFIG": str(config)})
    trusted = next(c for c in json.loads(done.stdout)["captures"] if c["capture_id"] == stamped)
    assert trusted["time"]["status"] == "trusted" and trusted["trusted_time"] == trusted["time"]["at"]
    assert [c["signer"] for c in trusted["custody"]][3:] == ["known", "known"]
    assert trusted["custody"][3]["signer_name"] == "this store"
    text = vidne("--store", str(hr), "verify", str(police), env={"VIDNE_SYSTEM_CONFIG": str(config)}).stdout
    assert _bundle_block(text, stamped)[1].startswith("    time: TRUSTED ") and "WARNING" not in text


def test_an_exporter_key_with_text_after_it_is_not_intact_and_not_imported(
    web: pages.Server, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    capture_json(store, web.url("/"), "--case", "A", "--no-tsa")
    good = tmp_path / "a.zip"
    assert vidne("--store", str(store), "export", "--case", "A", "--out", str(good)).returncode == 0
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(changed, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data + b"Verified by the police.\n" if info.filename == "exporter.pub.pem" else data)

    done = vidne("verify", str(changed))
    assert done.returncode == 1 and done.stdout.startswith("NOT INTACT"), done.stdout + done.stderr
    assert "exporter.pub.pem: " in done.stdout
    refused = vidne("--store", str(tmp_path / "hr"), "import", str(changed))
    assert refused.returncode == 1 and "exporter.pub.pem" in refused.stdout + refused.stderr
    assert "all intact" not in refused.stdout + refused.stderr


def test_cli_exit_codes_for_refusals_and_bad_input(web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    capture_json(store, web.url("/"), "--case", "A", "--no-tsa")
    good = tmp_path / "a.zip"
    assert vidne("--store", str(store), "export", "--case", "A", "--out", str(good)).returncode == 0

    unknown = vidne("--store", str(store), "export", "--case", "no such case", "--out", str(tmp_path / "b.zip"))
    exists = vidne("--store", str(store), "export", "--case", "A", "--out", str(good))
    assert (unknown.returncode, exists.returncode) == (2, 2) and "already exists" in exists.stderr

    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello", encoding="utf-8")
    hostile = tmp_path / "hostile.zip"
    shutil.copy(good, hostile)
    with zipfile.ZipFile(hostile, "a") as zf:
        zf.writestr("../../evil.sh", b"rm -rf ~")
    for command in ("import", "verify"):
        refused = vidne("--store", str(tmp_path / "hr"), command, str(hostile))
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "../../evil.sh" in refused.stdout + refused.stderr and "Traceback" not in refused.stderr
        assert vidne("--store", str(tmp_path / "hr"), command, str(not_zip)).returncode == 2
    assert not (tmp_path / "evil.sh").exists() and not list((tmp_path / "hr" / "staging").iterdir())

    bundle = next((store / "bundles").iterdir())
    (bundle / "artifacts" / "page.html").write_bytes(b"changed")
    damaged = vidne("--store", str(store), "export", "--case", "A", "--out", str(tmp_path / "c.zip"))
    assert damaged.returncode == 1 and "artifacts/page.html" in damaged.stderr
    assert not (tmp_path / "c.zip").exists()
