"""``biblio ajouter``: a new reference record, from options or questions in the terminal."""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from typing import Any

from biblio import schema
from biblio.build import build_record
from biblio.commands.support import UsageError, check_section, load_clean, root_of, taken_ids
from biblio.convert import yaml_record
from biblio.convert.common import person_from_text
from biblio.diagnostics import ERROR
from biblio.ids import id_problem, unique_id
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Corpus, Position, Reference
from biblio.output import write_new_files
from biblio.validate.record import check_record

# Asked in this order; the type's required fields are always asked.
_OPTIONS = {
    "type": "type de document",
    "titre": "titre",
    "auteurs": "auteurs (« Nom, Prénom » ou organisation ; séparés par « ; »)",
    "date": "date (AAAA, AAAA-MM ou AAAA-MM-JJ)",
    "url": "URL",
    "section": "section",
}
_HINT = """À compléter si utile (voir la page « Format des fiches ») :
editeurs: [Organisme]
commentaire: |
  Commentaire de la référence.
source_commentaire: base
termes: [cpts]"""

Ask = Callable[[str], str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    types = ", ".join(t.id for t in schema.TYPES)
    parser.add_argument("--type", metavar="TYPE", help=f"type de document ({types})")
    parser.add_argument("--titre", metavar="TEXTE")
    parser.add_argument(
        "--auteur",
        action="append",
        default=[],
        metavar="« NOM, PRÉNOM »",
        help="auteur (répéter l'option ; sans virgule : une organisation)",
    )
    parser.add_argument("--date", metavar="AAAA[-MM[-JJ]]")
    parser.add_argument("--url", metavar="URL")
    parser.add_argument("--section", metavar="ID")
    parser.add_argument(
        "--numero", metavar="N|suivant", help="numéro d'affichage (« suivant » : le prochain libre)"
    )
    parser.add_argument("--id", metavar="ID", help="identifiant (par défaut : nom-année-mot)")


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    corpus = load_clean(root)
    answers = _answers(args, input if sys.stdin.isatty() else None)
    check_section(corpus, answers.get("section", ""))
    reference = _reference(answers, corpus, args.numero)
    taken = taken_ids(root, corpus)
    if args.id and (problem := id_problem(args.id)):
        raise UsageError(f"--id : {problem}")
    if args.id and args.id in taken:
        raise UsageError(f"--id : l'identifiant « {args.id} » est déjà pris")
    ref_id = args.id or unique_id(reference, taken)
    path = f"{schema.FOLDERS[schema.RecordKind.REFERENCE]}/{ref_id}.yaml"
    write_new_files(root, {path: yaml_record.dump(reference, comment=_HINT)})
    print(path)
    return 0


def _answers(args: argparse.Namespace, ask: Ask | None) -> dict[str, Any]:
    given = {
        "type": args.type,
        "titre": args.titre,
        "auteurs": "; ".join(args.auteur),
        "date": args.date,
        "url": args.url,
        "section": args.section,
    }
    answers = {k: v for k, v in given.items() if v}
    while missing := _missing(answers):
        if ask is None:
            options = ", ".join(f"--{name}" for name in missing)
            raise UsageError(f"à indiquer : {options} (ou lancer la commande dans un terminal)")
        label = _OPTIONS.get(missing[0], missing[0])
        answers[missing[0]] = ask(f"{label[:1].upper()}{label[1:]} : ").strip()
    return answers


def _missing(answers: dict[str, Any]) -> list[str]:
    """Fields still to ask: type and title, then what the type requires."""
    type_spec = schema.TYPES_BY_ID.get(answers.get("type", ""))
    needed = ["type", "titre", *(type_spec.required if type_spec else ())]
    return [name for name in dict.fromkeys(needed) if not answers.get(name)]


def _reference(answers: dict[str, Any], corpus: Corpus, numero: str | None) -> Reference:
    data: dict[str, Any] = {k: v for k, v in answers.items() if k != "auteurs"}
    if answers.get("auteurs"):
        names = [a for a in answers["auteurs"].split(";") if a.strip()]
        data["auteurs"] = [person_from_text(name) for name in names]
    if numero:
        data["numero"] = _number(numero, corpus)
    data["date_ajout"] = datetime.date.today().isoformat()
    raw = RawRecord(
        schema.RecordKind.REFERENCE, "nouvelle", data, Marks("(options)"), Position("(options)")
    )
    values, problems = check_record(raw)
    errors = [p for p in problems if p.gravite == ERROR]
    if errors:
        raise UsageError("; ".join(p.message for p in errors))
    for problem in problems:  # what is left to do (a commentary to write…)
        print(f"avertissement : {problem.message} [{problem.code}]", file=sys.stderr)
    record = build_record(raw, values)
    assert isinstance(record, Reference)  # check_record passed: every required field is there
    return record


def _number(text: str, corpus: Corpus) -> int:
    if text == "suivant":
        return max((r.numero or 0 for r in corpus.references), default=0) + 1
    if not text.isdigit() or int(text) == 0:
        raise UsageError(f"--numero : « {text} » n'est ni un nombre entier positif ni « suivant »")
    used = {r.numero: r.id for r in corpus.references if r.numero}
    if int(text) in used:
        raise UsageError(f"--numero : le numéro {text} est déjà celui de {used[int(text)]}")
    return int(text)
