"""Import CAMEO/PETRARCH actor dictionaries (``*.actors.txt``) into the store's knowledge base.

The format, as the Phoenix/PETRARCH files write it:

- an entry starts with a name line (``VLADIMIR_PUTIN_``, underscores for spaces, optional trailing ``_``);
  codes may follow on the same line (``AFGHANISTAN_  [AFG]``, ``ANN_VENEMAN_ [USAGOV 010120-050120] [...]``);
- ``+ALIAS_`` lines add names to the entry above;
- indented lines hold codes: ``[RUSGOV 000508-080507]`` (a range), ``[RUSGOV >120507]`` (from),
  ``[RUSELI <000101]`` (until), ``[RUSELI]`` (the code outside the dated ones), ``[---]`` (no code);
  dates are YYMMDD (00-30 read as 20YY, else 19YY, as PETRARCH does) or YYYYMMDD;
- ``#`` starts a comment (whole line or the rest of a line), ``<!-- -->`` lines are comments, blank lines are
  skipped and ``---STOP---`` ends the file.

Codes are turned into eventwire's country code and sector by ``translate`` (see README.md for the tables).
Lines that cannot be read are reported as ``file:line: reason`` and skipped; they never stop the import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from ...errors import KnowledgeBaseError
from ...store import Store
from .. import stored
from ..stored import Entity

SOURCE = "cameo"

# CAMEO country codes that differ from ISO 3166 alpha-3 (others that are not ISO, e.g. regions, stay as written).
COUNTRY_CODES = {"TMP": "TLS", "KSV": "XKX", "USR": "SUN", "SRP": "SRB", "ROM": "ROU", "ZAR": "COD", "ANG": "AGO"}
# CAMEO sector codes eventwire writes differently; every other sector code is kept as it is.
SECTOR_CODES = {"INS": "REB", "SEP": "REB", "UAF": "REB", "UNR": "GOV"}
# Role codes CAMEO uses in the second (or first) place of a code.
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "CVL", "MED", "BUS", "ELI", "EDU",
    "HLH", "LAB", "REF", "REL", "AGR", "ENV", "DEV", "HRI", "SPY", "CRM", "MOD", "RAD", "UNR", "IGO", "NGO", "MNC",
}
# The organisation named inside an IGO code (IGOWSTNAT -> NATO), with eventwire's code for it.
IGO_CODES = {
    "NAT": "NATO", "EEC": "EU", "ASN": "ASEAN", "AFU": "AU", "ARL": "ARL", "OAS": "OAS", "IMF": "IMF", "WBK": "WBK",
    "OPC": "OPEC", "ICC": "ICC", "ICJ": "ICJ", "IAE": "IAEA", "WTO": "WTO", "EAC": "EAC", "WAS": "ECOW",
    "SAD": "SADC", "UNO": "UNO",
}
IGO_JUDICIAL = {"ICC", "ICJ"}
# The organisation named inside an NGO code (NGOHRIAMN -> AMN).
NGO_CODES = {"AMN": "AMN", "IRC": "ICRC", "MSF": "MSF", "HRW": "HRW"}

_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "de", "al"}
_CODE = re.compile(r"[A-Z][A-Z0-9]{2}(?:[A-Z0-9]{3})*|---")
_BRACKETS = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Role:
    """One code of an entry with its dates (None: open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class CameoEntry:
    """One entry of an actor dictionary: its name token, aliases, codes, and where it starts."""

    token: str
    line: int
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


@dataclass
class CameoImport:
    """What one run of ``import_cameo`` did."""

    path: str
    entries: int = 0
    kept: dict[str, int] = field(default_factory=dict)  # kind -> entities stored
    problems: list[str] = field(default_factory=list)


# -- reading -------------------------------------------------------------------------------------------------


def read_cameo(path: str | Path, problems: list[str]) -> Iterator[CameoEntry]:
    """The entries of an actor dictionary, in file order; unreadable lines go to ``problems`` and are skipped."""
    path = Path(path)
    current: CameoEntry | None = None
    in_comment = False
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the CAMEO dictionary {path}: {exc.strerror}") from None
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{path}:{lineno}"
            if in_comment:
                in_comment = "-->" not in raw
                continue
            if "---STOP---" in raw:
                break
            if raw.lstrip().startswith("<!--"):
                in_comment = "-->" not in raw
                continue
            text = raw.split("#", 1)[0].rstrip()
            if not text.strip():
                continue
            if text[0] in " \t":
                if current is None:
                    problems.append(f"{where}: codes before any name; line skipped")
                    continue
                roles = _roles(text, where, problems)
                if not roles and "[" not in text:
                    problems.append(f"{where}: expected a [CODE] line, got {text.strip()!r}; line skipped")
                current.roles.extend(roles)
            elif text.startswith("+"):
                if current is None:
                    problems.append(f"{where}: alias before any name; line skipped")
                    continue
                alias = text[1:].split("[", 1)[0].strip()
                if alias:
                    current.aliases.append(alias)
            else:
                if current is not None:
                    yield current
                token = text.split("[", 1)[0].strip()
                if not token:
                    problems.append(f"{where}: a code without a name; line skipped")
                    current = None
                    continue
                current = CameoEntry(token=token, line=lineno, roles=_roles(text, where, problems))
    if current is not None:
        yield current


def _roles(text: str, where: str, problems: list[str]) -> list[Role]:
    roles = []
    for content in _BRACKETS.findall(text):
        parts = content.split()
        if not parts:
            problems.append(f"{where}: empty []; skipped")
            continue
        code = parts[0].upper()
        if not _CODE.fullmatch(code):
            problems.append(f"{where}: {code!r} is not a CAMEO code; skipped")
            continue
        if code == "---":
            continue
        try:
            start, end = _dates("".join(parts[1:]))
        except ValueError as exc:
            problems.append(f"{where}: [{content.strip()}]: {exc}; skipped")
            continue
        roles.append(Role(code, start, end))
    if text.count("[") != text.count("]"):
        problems.append(f"{where}: unbalanced brackets in {text.strip()!r}")
    return roles


def _dates(spec: str) -> tuple[dt.date | None, dt.date | None]:
    if not spec:
        return None, None
    if spec[0] == ">":
        return cameo_date(spec[1:]), None
    if spec[0] == "<":
        return None, cameo_date(spec[1:])
    if "-" in spec:
        first, _, last = spec.partition("-")
        start, end = cameo_date(first), cameo_date(last)
        if end < start:
            raise ValueError(f"the range ends ({end}) before it starts ({start})")
        return start, end
    raise ValueError(f"cannot read the dates {spec!r} (expected >YYMMDD, <YYMMDD or YYMMDD-YYMMDD)")


def cameo_date(text: str) -> dt.date:
    """YYMMDD (00-30 -> 20YY, 31-99 -> 19YY, as PETRARCH reads them) or YYYYMMDD -> date."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r} (expected YYMMDD or YYYYMMDD)")
    if len(text) == 8:
        year, rest = int(text[:4]), text[4:]
    else:
        year, rest = int(text[:2]), text[2:]
        year += 2000 if year <= 30 else 1900
    try:
        return dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        raise ValueError(f"bad date {text!r} (no such day)") from None


# -- codes ---------------------------------------------------------------------------------------------------


def _triples(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


@lru_cache(maxsize=4096)
def _is_country(triple: str) -> bool:
    return triple in COUNTRY_CODES or (
        triple not in SECTORS and pycountry.countries.get(alpha_3=triple) is not None
    )


@lru_cache(maxsize=16384)
def translate(code: str) -> tuple[str | None, str | None]:
    """A CAMEO code -> (eventwire code, sector).

    ``RUSGOV`` -> ("RUS", "GOV"); ``AFGGOVMIL`` (defence ministry) -> ("AFG", "MIL"); ``RUS`` -> ("RUS", None);
    ``IGOWSTNAT`` -> ("NATO", "IGO"); ``IGOUNOKID`` -> ("UNO", "IGO"); ``NGOHRIAMN`` -> ("AMN", "NGO");
    ``IMGMUSALQ`` -> ("IMG", "REB"); ``MNCUSA`` -> ("MNC", "BUS"); ``ELI`` -> (None, "ELI").
    """
    parts = _triples(code)
    head, rest = parts[0], parts[1:]
    if head == "IGO":
        org = next((IGO_CODES[t] for t in reversed(rest) if t in IGO_CODES), "IGO")
        return org, "JUD" if org in IGO_JUDICIAL or "JUD" in rest else "IGO"
    if head == "NGO":
        return next((NGO_CODES[t] for t in reversed(rest) if t in NGO_CODES), "NGO"), "NGO"
    if head == "MNC":
        return "MNC", "BUS"
    if head == "IMG":
        return "IMG", "REB"
    if head in SECTORS:
        return None, _sector(parts)
    country = COUNTRY_CODES.get(head, head)
    return country, _sector(rest) if rest else None


def _sector(parts: list[str]) -> str:
    first = parts[0]
    if first == "GOV" and len(parts) > 1 and parts[1] == "MIL":
        return "MIL"  # a defence ministry
    return SECTOR_CODES.get(first, first)


# -- entries -> entities -------------------------------------------------------------------------------------


def display_name(token: str) -> str:
    """``VLADIMIR_PUTIN_`` -> "Vladimir Putin" (words capitalised, hyphenated parts too, "of"/"the"/... not)."""
    words = " ".join(token.replace("_", " ").split()).split(" ")

    def cap(word: str) -> str:
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))

    words = [w for w in words if w]
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else cap(w) for i, w in enumerate(words))


def entity_of(entry: CameoEntry) -> Entity | None:
    """The knowledge-base entity an entry stands for (None when it has no code)."""
    if not entry.roles:
        return None
    key = f"{SOURCE}:{'_'.join(entry.token.replace('_', ' ').split()).upper()}"
    name = display_name(entry.token)
    aliases = list(dict.fromkeys([name, *(display_name(a) for a in entry.aliases)]))
    roles = list(dict.fromkeys(entry.roles))
    default = next((r for r in roles if not r.dated), roles[0])
    parts = _triples(default.code)
    if any(r.dated for r in roles):
        country_of_entry = next((translate(r.code)[0] for r in roles if translate(r.code)[0]), None)
        offices = []
        for role in sorted(roles, key=lambda r: (r.start or dt.date.min, r.end or dt.date.max)):
            code, sector = translate(role.code)
            offices.append({
                "office": f"CAMEO {role.code}",
                "titles": [],
                "country": code or country_of_entry or "---",
                "sector": sector or "ELI",
                "start": role.start.isoformat() if role.start else None,
                "end": role.end.isoformat() if role.end else None,
                "cameo": role.code,
            })
        return Entity(key=key, kind="person", source=SOURCE,
                      data={"name": name, "aliases": aliases, "offices": offices})
    code, sector = translate(default.code)
    if len(parts) == 1 and sector is None and code:
        return Entity(key=key, kind="country", source=SOURCE,
                      data={"code": code, "name": name, "aliases": aliases, "cameo": default.code})
    if len(parts) == 2 and _is_country(parts[0]) and _is_country(parts[1]):  # a dependency: USAASM
        return Entity(key=key, kind="country", source=SOURCE,
                      data={"code": parts[1], "name": name, "aliases": aliases, "cameo": default.code})
    if parts[0] in ("IGO", "NGO", "MNC"):
        country = next((COUNTRY_CODES.get(t, t) for t in parts[1:] if _is_country(t)), None)
        return Entity(key=key, kind="organisation", source=SOURCE,
                      data={"code": code, "name": name, "aliases": aliases, "sector": sector, "country": country,
                            "cameo": default.code})
    return Entity(key=key, kind="group", source=SOURCE,
                  data={"code": code or "---", "name": name, "aliases": aliases, "sector": sector or "CVL",
                        "cameo": default.code})


def entities_of(path: str | Path, problems: list[str]) -> dict[str, Entity]:
    """The entities of a dictionary by key; entries of the same name are merged (aliases and codes)."""
    merged: dict[str, CameoEntry] = {}
    for entry in read_cameo(path, problems):
        token = "_".join(entry.token.replace("_", " ").split()).upper()
        if token in merged:
            merged[token].aliases.extend(entry.aliases)
            merged[token].roles.extend(entry.roles)
        else:
            merged[token] = entry
    out: dict[str, Entity] = {}
    for entry in merged.values():
        entity = entity_of(entry)
        if entity is None:
            problems.append(f"{path}:{entry.line}: {entry.token} has no code; entry skipped")
            continue
        out[entity.key] = entity
    return out


def import_cameo(store: Store, path: str | Path) -> CameoImport:
    """Read one actor dictionary and upsert its entities into the store (importing twice changes nothing)."""
    path = Path(path)
    result = CameoImport(path=str(path))
    entities = entities_of(path, result.problems)
    result.entries = len(entities)
    stat = path.stat()
    state = {"path": str(path.resolve()), "kind": SOURCE, "size": stat.st_size, "mtime": stat.st_mtime,
             "bytes_done": stat.st_size, "lines_done": 0, "entities": len(entities), "finished": True}
    batch = list(entities.values())
    with stored.transaction(store, f"save the CAMEO dictionary {path.name}") as conn:
        for start in range(0, len(batch), 1000):
            stored.upsert_entities(conn, batch[start : start + 1000])
        stored.save_import_state(conn, state)
    for entity in batch:
        result.kept[entity.kind] = result.kept.get(entity.kind, 0) + 1
    return result
