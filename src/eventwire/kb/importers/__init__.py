"""Importers that grow the knowledge base in the store: Wikidata JSON dumps and CAMEO/PETRARCH actor files."""

from __future__ import annotations

from .cameo import CameoImport, import_cameo, read_cameo
from .wikidata import WikidataImport, import_wikidata

__all__ = ["CameoImport", "WikidataImport", "import_cameo", "import_wikidata", "read_cameo"]
