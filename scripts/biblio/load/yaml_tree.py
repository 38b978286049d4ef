"""Safe YAML reading that finds the line and column of any key or value when asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from biblio.diagnostics import Diagnostic, error, quote
from biblio.model import Position, TextOrigin

# The C parser is ~10x faster; both are safe loaders (no arbitrary objects).
_C_PARSER: Any = yaml._yaml.CParser if yaml.__with_libyaml__ else None
_SAFE_LOADER: Any = yaml.CSafeLoader if _C_PARSER else yaml.SafeLoader
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_SCALAR_NODE = yaml.ScalarNode


class _Loader(_SAFE_LOADER):  # type: ignore[misc]
    """The safe loader, its tag resolution trimmed to what it does for the safe schema.

    PyYAML calls three Python methods per node; with no path resolvers (the safe schema
    registers none) only the implicit scalar tags matter: the same table, fewer steps.
    """

    if _C_PARSER:

        def __init__(self, stream: str) -> None:
            # The C parser only: this loader composes nodes, never constructs objects, and
            # its resolve keeps no state (the two other inits took 4 % of the loading time).
            _C_PARSER.__init__(self, stream)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _SCALAR_NODE:
            return _implicit_tag(value) if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


# Keys and many values recur from file to file (« titre », « national »): resolve them once.
@lru_cache(maxsize=4096)
def _implicit_tag(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return str(tag)
    return _STR


Path = tuple[str | int, ...]

_YAML_MESSAGES = {
    "mapping values are not allowed": (
        "deux-points inattendu : une valeur qui contient « : » doit être entre guillemets"
    ),
    "found a tab character that violates indentation": (
        "tabulation interdite : indentez avec des espaces"
    ),
    "found character '\\t' that cannot start any token": (
        "tabulation interdite : indentez avec des espaces"
    ),
    "could not find expected ':'": "« : » attendu après la clé",
    "found unexpected end of stream": "guillemet ou crochet ouvert ici, jamais fermé",
    "did not find expected key": "indentation incohérente : clé attendue",
    "did not find expected '-' indicator": "indentation incohérente : élément de liste attendu",
    "expected <block end>, but found '<block mapping start>'": "indentation incohérente",
    "expected <block end>, but found '-'": "indentation incohérente avant « - »",
    "found undefined alias": "alias (*nom) non défini",
    "did not find expected node content": "valeur attendue",
    "expected a single document in the stream": "un seul document YAML attendu par fichier",
    "found unexpected ':'": "deux-points inattendu",
    "did not find expected ',' or ']'": "liste entre crochets ouverte ici, non fermée : « ] » ou "
    "« , » attendu",
    "did not find expected ',' or '}'": "table entre accolades ouverte ici, non fermée : « } » ou "
    "« , » attendu",
}
_TRUE = ("true", "yes", "on", "y")
_REFUSED = object()
# Tags the safe schema resolves by itself; an explicit other tag (!!python/…, !perso) is refused.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


@dataclass
class Marks:
    """Positions of keys and values, addressed by their path in the document."""

    fichier: str
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)

    def key(self, path: Path) -> Position:
        return self.keys.get(path) or self.value(path)

    def value(self, path: Path) -> Position:
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, Position(self.fichier))

    def text(self, path: Path) -> TextOrigin | None:
        """Where the text at ``path`` starts, when known more precisely than its value
        (exchange formats, BibTeX, RIS, CSL-JSON, know no more than the value's place)."""
        return None


class NodeMarks(Marks):
    """Marks of a YAML file, read from its node tree only when asked.

    A clean record needs no position but where its texts start; locating every node while
    reading cost about a tenth of the loading time of 10,000 references.
    """

    def __init__(self, fichier: str, root: yaml.Node | None, source: str) -> None:
        super().__init__(fichier)
        self._root = root
        self._source = source

    def key(self, path: Path) -> Position:
        key_node, _, found = self._locate(path)
        if found and key_node is not None:
            return _position(key_node.start_mark, self.fichier)
        return self.value(path)

    def value(self, path: Path) -> Position:
        _, node, _ = self._locate(path)
        return _position(node.start_mark, self.fichier) if node else Position(self.fichier)

    def text(self, path: Path) -> TextOrigin | None:
        _, node, found = self._locate(path)
        if not found or not isinstance(node, yaml.ScalarNode):
            return None
        return _text_origin(node, self.fichier, self._source)

    def _locate(self, path: Path) -> tuple[yaml.Node | None, yaml.Node | None, bool]:
        """(key node, value node) of the deepest step of ``path`` in the tree; whether all of
        ``path`` was found."""
        key_node, node = None, self._root
        for step in path:
            child = self._child(node, step)
            if child is None:
                return key_node, node, False
            key_node, node = child
        return key_node, node, True

    def _child(self, node: yaml.Node | None, step: str | int) -> tuple[Any, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            # The first pair with that key (a repeated key is reported, the first one kept);
            # mappings are short and seldom searched: a scan, no index.
            return next((pair for pair in node.value if pair[0].value == step), None)
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            return (None, node.value[step]) if 0 <= step < len(node.value) else None
        return None


@dataclass
class YamlDocument:
    """A parsed file: plain Python values plus their marks and structural problems."""

    data: Any
    marks: Marks
    problems: list[Diagnostic] = field(default_factory=list)
    # Top-level keys whose value was refused (already reported, not to be reported missing).
    reported: set[str] = field(default_factory=set)


class YamlSyntaxError(Exception):
    """The file is not valid YAML; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def parse_yaml(text: str, fichier: str) -> YamlDocument:
    """Parse ``text``; raise ``YamlSyntaxError`` with a French diagnostic on bad syntax."""
    try:
        if "&" in text or "*" in text:  # seldom: the events are read only then
            _refuse_anchors(text, fichier)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_syntax_diagnostic(exc, fichier)) from None
    except yaml.reader.ReaderError as exc:
        raise YamlSyntaxError(_reader_diagnostic(exc, text, fichier)) from None
    except yaml.YAMLError as exc:  # errors without a mark (rare): report at file start
        message = f"erreur de syntaxe YAML : {exc}"
        raise YamlSyntaxError(error(Position(fichier), "F002", message)) from None
    doc = YamlDocument(None, NodeMarks(fichier, root, text))
    if root is not None:
        doc.data = _convert(root, doc, top=True)
    return doc


def _refuse_anchors(text: str, fichier: str) -> None:
    """Refuse anchors (``&nom``) and aliases (``*nom``) before any value is built: a record has
    no use for them, and nine levels of aliases make gigabytes of one small file."""
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            what = "alias" if isinstance(event, yaml.AliasEvent) else "ancre"
            sign = "*" if what == "alias" else "&"
            admitted = "admis" if what == "alias" else "admise"
            message = (
                f"{what} YAML « {sign}{anchor} » non {admitted} dans une fiche : écrivez la valeur "
                "elle-même (un texte qui commence par « & » ou « * » se met entre guillemets)"
            )
            raise YamlSyntaxError(error(_position(event.start_mark, fichier), "F009", message))


def _reader_diagnostic(exc: yaml.reader.ReaderError, text: str, fichier: str) -> Diagnostic:
    """A character YAML does not accept (NUL, other control characters), where it is."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    # The first such character is the one refused (libyaml counts its position in bytes).
    position = text.find(chr(code))
    position = exc.position if position < 0 else position
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    message = (
        f"erreur de syntaxe YAML : caractère de contrôle U+{code:04X} interdit "
        "(invisible dans la plupart des éditeurs) : supprimez-le"
    )
    return error(Position(fichier, line, column), "F002", message)


# Problems found at the end of what is left open: reported where it was opened.
_OPENED_EARLIER = ("found unexpected end of stream", "did not find expected ',' or")


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, fichier: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and (exc.problem or "").startswith(_OPENED_EARLIER):
        mark = exc.context_mark
    where = Position(fichier, mark.line + 1, mark.column + 1) if mark else Position(fichier)
    problem = (exc.problem or exc.context or "").strip()
    french = next((v for k, v in _YAML_MESSAGES.items() if problem.startswith(k)), None)
    if "quoted scalar" in (exc.context or "") and mark is exc.context_mark:
        french = "guillemet ouvert ici, jamais fermé"
    message = french or f"syntaxe YAML invalide ({problem})"
    return error(where, "F002", f"erreur de syntaxe YAML : {message}")


def _position(mark: Any, fichier: str) -> Position:
    return Position(fichier, mark.line + 1, mark.column + 1)


# Lists and tables nested deeper than this are refused (a record needs three levels).
MAX_DEPTH = 50


def _convert(node: yaml.Node, doc: YamlDocument, top: bool, depth: int = 0) -> Any:
    if node.tag == _STR and type(node) is _SCALAR_NODE:  # most values: nothing more to do
        return node.value
    if depth > MAX_DEPTH:
        message = f"valeur trop imbriquée : plus de {MAX_DEPTH} listes ou tables l'une dans l'autre"
        doc.problems.append(error(_position(node.start_mark, doc.marks.fichier), "F010", message))
        return _REFUSED
    if node.tag not in _PLAIN_TAGS:
        message = f"étiquette YAML {quote(node.tag)} non admise : écrivez la valeur sans « ! »"
        doc.problems.append(error(_position(node.start_mark, doc.marks.fichier), "F002", message))
        return _REFUSED
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(child, doc, False, depth + 1) for child in node.value]
        return [item for item in items if item is not _REFUSED]
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, doc, top, depth)
    return None


def _mapping(
    node: yaml.MappingNode, doc: YamlDocument, top: bool, depth: int = 0
) -> dict[str, Any]:
    """The mapping's values; ``top``: the document's own mapping (refusals remembered)."""
    result: dict[str, Any] = {}
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            where = _position(key_node.start_mark, doc.marks.fichier)
            doc.problems.append(error(where, "F005", "clé invalide : une clé doit être un texte"))
            continue
        key = str(key_node.value)
        if key in seen:
            where = _position(key_node.start_mark, doc.marks.fichier)
            message = f"clé {quote(key)} répétée (déjà à la ligne {seen[key].start_mark.line + 1})"
            doc.problems.append(error(where, "F005", message))
            continue
        seen[key] = key_node
        value = _convert(value_node, doc, False, depth + 1)
        if value is _REFUSED:
            if top:
                doc.reported.add(key)
        else:
            result[key] = value
    return result


def _scalar(node: yaml.ScalarNode) -> Any:
    """Plain Python value; dates and timestamps stay text so they can be checked as written."""
    tag, value = node.tag, node.value  # (plain text never gets here: see _convert)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in _TRUE
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0) if not value.startswith("0") else int(value)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


def _text_origin(node: yaml.ScalarNode, fichier: str, source: str) -> TextOrigin:
    start = node.start_mark
    if node.style == "|":
        # The block's lines map one to one onto the file's: find its indentation.
        line_start = source.find("\n", start.index) + 1
        indent = 0
        while 0 < line_start < len(source):
            line_end = source.find("\n", line_start)
            line = source[line_start : line_end if line_end >= 0 else None]
            if line.strip():
                indent = len(line) - len(line.lstrip(" "))
                break
            line_start = line_end + 1
        return TextOrigin(fichier, start.line + 2, 1, indent)
    offset = 1 if node.style in ("'", '"') else 0
    return TextOrigin(fichier, start.line + 1, start.column + 1 + offset)
