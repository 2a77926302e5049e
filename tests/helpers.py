"""Small helpers for reading coded records in tests."""

from __future__ import annotations


def codes(entities: list[dict]) -> set[str]:
    return {e["code"] for e in entities if e.get("code")}


def find(records: list[dict], type_: str, actor: list[str] | None = None,
         recipient: list[str] | None = None) -> list[dict]:
    """Records whose primary type is ``type_`` and whose actor/recipient codes meet the given lists."""
    out = []
    for r in records:
        if r["event"][0] != type_:
            continue
        if actor is not None and not codes(r["actor"]) & set(actor):
            continue
        if recipient is not None and not codes(r["recipient"]) & set(recipient):
            continue
        out.append(r)
    return out


def summary(records: list[dict]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(r["event"][0], tuple(sorted(codes(r["actor"]))), tuple(sorted(codes(r["recipient"]))))
            for r in records]
