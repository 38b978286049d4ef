"""The YAML reader: its trimmed tag resolution agrees with PyYAML's safe loader."""

from __future__ import annotations

import yaml

from biblio.load import yaml_tree

SCALARS = (
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "False",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "0",
    "-12",
    "+7",
    "0o17",
    "017",
    "0x1F",
    "1_000",
    "0b101",
    "190:20:30",
    "3.14",
    "-.5",
    "1e3",
    "6.8523015e+5",
    ".inf",
    "-.INF",
    ".nan",
    "2016",
    "2016-05",
    "2016-05-12",
    "2001-12-14t21:59:43.10-05:00",
    "=",
    "<<",
    "s.d.",
    "texte",
    "Santé publique",
    "1-9",
    "12 rue",
    "+",
    ".",
    "n°6",
    "https://exemple.fr",
    "'12'",
    '"true"',
    "'2016-05-12'",
)


def _tags(text: str, loader: type) -> list[str]:
    root = yaml.compose(text, Loader=loader)
    return [value.tag for _, value in root.value]


def test_tags_are_resolved_as_by_the_safe_loader() -> None:
    text = "".join(f"k{index}: {value}\n" for index, value in enumerate(SCALARS))
    text += "liste: [a, 1]\ntable: {a: 1}\nbloc: |\n  1\n"
    expected = _tags(text, yaml.SafeLoader)
    assert _tags(text, yaml_tree._Loader) == expected
    # The list exercises every family of the safe schema.
    assert {tag.rsplit(":", 1)[1] for tag in expected} >= {
        "null",
        "bool",
        "int",
        "float",
        "timestamp",
        "str",
        "value",
        "merge",
        "seq",
        "map",
    }
