"""evidence_store/__init__.py names the API app/ uses; each name loads only what it needs."""

from __future__ import annotations

import subprocess
import sys

import evidence_store


def test_every_name_of_the_api_resolves_to_the_module_it_names() -> None:
    assert sorted(evidence_store.__all__) == sorted(evidence_store._HOME)
    for name, home in evidence_store._HOME.items():
        value = getattr(evidence_store, name)
        assert getattr(sys.modules[home], name) is value
    assert set(evidence_store.__all__) <= set(dir(evidence_store))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        evidence_store.custody  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "custody" in str(exc)
    else:
        raise AssertionError("evidence_store.custody should not be part of the API")


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_importing_the_api_loads_nothing_and_the_store_loads_no_report_or_export() -> None:
    bare = _loaded_after("import evidence_store")
    assert not {m for m in bare if m.startswith("evidence_store.")}
    store = _loaded_after("from evidence_store import Store")
    assert "evidence_store.store.store" in store
    assert not {m for m in store if m.startswith(("evidence_store.report", "evidence_store.handover", "reportlab"))}
