"""The command line's own messages in French: argparse's usage, help and errors.

argparse looks its texts up through ``gettext`` when it builds a parser and when it reports
an error; Python ships no French catalogue, so ``install`` gives argparse this table (a text
not in it, one of argparse's errors about the program itself, stays as it is).
"""

from __future__ import annotations

import argparse

FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (choix possibles : %(choices)s)"
    ),
    "the following arguments are required: %s": "argument(s) obligatoire(s) manquant(s) : %s",
    "unrecognized arguments: %s": "argument(s) inconnu(s) : %s",
    "expected one argument": "une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "valeur %r ignorée",
}
PLURALS = {"expected %s argument": ("%s valeur attendue", "%s valeurs attendues")}


def french(text: str) -> str:
    return FRENCH.get(text, text)


def french_plural(singular: str, plural: str, count: int) -> str:
    forms = PLURALS.get(singular, (singular, plural))
    return forms[0] if count <= 1 else forms[1]


def install() -> None:
    """Give argparse the French texts (before any parser is built)."""
    # argparse reads these module names each time it needs a text.
    argparse._ = french  # type: ignore[attr-defined]
    argparse.ngettext = french_plural  # type: ignore[attr-defined]
