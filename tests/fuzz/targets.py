"""Every fuzz target, by name (the names scripts/fuzz.sh takes and the folders of corpus/)."""

from __future__ import annotations

from tests.fuzz import bundle, pngs, reader, stamps, zips
from tests.fuzz.harness import Target

TARGETS: dict[str, Target] = {t.name: t for t in (
    bundle.TARGET,
    zips.EXPORT_TARGET,
    zips.IMPORT_TARGET,
    stamps.TOKEN_TARGET,
    stamps.CHAIN_TARGET,
    reader.MANIFEST_TARGET,
    reader.CUSTODY_TARGET,
    pngs.TARGET,
)}
