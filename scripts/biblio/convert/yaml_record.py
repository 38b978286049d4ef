"""A reference written as a record file, the way documentalists write them by hand."""

from __future__ import annotations

from typing import Any

import yaml

from biblio.convert.common import reference_values
from biblio.model import Person, Reference


class _Dumper(yaml.SafeDumper):
    """Safe YAML with Markdown texts as literal blocks (``|``) and lists of ids inline."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def person_data(person: Person) -> dict[str, str]:
    if person.is_organisation:
        return {"organisation": person.organisation}
    data = {"nom": person.nom, "prenom": person.prenom, "particule": person.particule}
    return {k: v for k, v in data.items() if v}


def record_data(ref: Reference) -> dict[str, Any]:
    """Plain values of ``ref`` in schema order, as they appear in its file."""
    data: dict[str, Any] = {}
    for name, value in reference_values(ref).items():
        if name == "auteurs":
            data[name] = [person_data(p) for p in value]
        elif name == "complements":
            data[name] = dict(value)
        elif name in ("isbn", "issn") and len(value) == 1:
            data[name] = value[0]  # one identifier, written as a text as by hand
        elif isinstance(value, tuple):
            data[name] = list(value)
        else:
            data[name] = value
    return data


def dump(ref: Reference, comment: str = "") -> str:
    """YAML text of ``ref`` (``comment`` lines are appended as YAML comments)."""
    text = yaml.dump(
        record_data(ref),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # one line per title: readable diffs, no folding mid-sentence
    )
    if comment:
        text += "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return text
