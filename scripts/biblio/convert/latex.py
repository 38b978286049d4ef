"""LaTeX text in BibTeX fields ↔ Unicode text, as pybtex reads it."""

from __future__ import annotations

import re

from pybtex.richtext import Text

# Escapes that pybtex's LaTeX reader does not turn into their character: swapped for
# private-use characters before reading, restored after.
_PROTECTED = {
    r"\{": "\ue000",
    r"\}": "\ue001",
    r"\$": "\ue002",
    r"\textbackslash{}": "\ue003",
    r"\textasciicircum{}": "\ue004",
    r"\\": "\ue005",
    r"\textbraceleft{}": "\ue000",
    r"\textbraceright{}": "\ue001",
}
_RESTORED = {"\ue000": "{", "\ue001": "}", "\ue002": "$", "\ue003": "\\", "\ue004": "^"}
_PROTECTED_RE = re.compile("|".join(re.escape(k) for k in _PROTECTED))
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "\u00a0": "~",  # a no-break space: written as such, pybtex would read a plain space
}
_ESCAPES_RE = re.compile("|".join(re.escape(k) for k in [*_ESCAPES, "{", "}"]))
# Braces that pair up are written « \{ \} »; otherwise as commands BibTeX does not count
# (« \} » alone would still close the value for BibTeX).
_PAIRED = {"{": r"\{", "}": r"\}"}
_UNPAIRED = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_BRACES_RE = re.compile(r"[{}]")
_ESCAPED_BRACES_RE = re.compile(r"\\textbraceleft\{\}|\\textbraceright\{\}|\\\{|\\\}|[{}]")


# Formatting commands of titles and abstracts: emphasis becomes Markdown, the rest plain text.
_COMMANDS = re.compile(
    r"\\(emph|textit|textbf|textsc|textrm|textsf|mkbibquote|enquote)\s*\{([^{}]*)\}"
)
_MARKS = {"emph": "*", "textit": "*", "textbf": "**"}


def _command(match: re.Match[str]) -> str:
    if match.group(1) in ("mkbibquote", "enquote"):
        return f"« {match.group(2)} »"
    mark = _MARKS.get(match.group(1), "")
    return f"{mark}{match.group(2)}{mark}"


def latex_to_text(value: str) -> str:
    """LaTeX markup (accents, braces, escapes) to Unicode text; ``\\par`` and ``\\\\``
    become a paragraph break and a line break."""
    protected = _PROTECTED_RE.sub(lambda m: _PROTECTED[m.group(0)], _COMMANDS.sub(_command, value))
    try:
        # str() gives the plain text; render_as("text") would look the backend up among the
        # installed entry points at every call (15 ms each).
        text = str(Text.from_latex(protected)).strip()
    except Exception:  # pybtex raises various errors on odd markup; keep the raw text
        return value.strip()
    text = re.sub(r"[ \t]*\ue005[ \t]*", "\n", text)
    text = re.sub(r"[ \t]*\n\n[ \t]*", "\n\n", text)
    return "".join(_RESTORED.get(c, c) for c in text)


def balanced(text: str) -> bool:
    """True if every brace of ``text`` closes one opened before it (what BibTeX requires of
    a value, escaped or not)."""
    depth = 0
    for char in text:
        if char in "{}":
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def _braces(text: str) -> dict[str, str]:
    return _PAIRED if balanced(text) else _UNPAIRED


def escape_braces(text: str) -> str:
    """The braces of ``text`` escaped (the only escaping of identifiers, dates, numbers)."""
    braces = _braces(text)
    return _BRACES_RE.sub(lambda m: braces[m.group(0)], text)


def unescape_braces(value: str) -> str:
    """The inverse of ``escape_braces``; braces left unescaped (BibTeX's protective braces)
    are dropped."""
    escaped = {r"\textbraceleft{}": "{", r"\textbraceright{}": "}", r"\{": "{", r"\}": "}"}
    return _ESCAPED_BRACES_RE.sub(lambda m: escaped.get(m.group(0), ""), value.strip()).strip()


# TeX's input ligatures (« -- » is an en dash, « ,, » a low quote, « !` » « ¡ »…): an empty
# group between the two signs keeps them as typed.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=,)(?=,)|(?<=')(?=')|(?<=`)(?=`)|(?<=[!?])(?=`)")


def text_to_latex(text: str) -> str:
    """The inverse of ``latex_to_text`` for text we write (UTF-8 kept as is)."""
    table = _ESCAPES | _braces(text)
    escaped = _LIGATURE.sub("{}", _ESCAPES_RE.sub(lambda m: table[m.group(0)], text))
    paragraphs = [" \\\\ ".join(p.split("\n")) for p in escaped.split("\n\n")]
    return " \\par ".join(paragraphs)
