"""Provides reading of template files: size, encoding and TOML syntax checked, then schema.

Nothing here raises on a bad file; every problem comes back located, so a broken user
template can be listed and explained instead of stopping the app.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from facilitator.templates.problems import TemplateProblem, locate
from facilitator.templates.schema import check_document
from facilitator.templates.source import TemplateInvalid, TemplateSource

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DECODED = 512  # more distinct files than a user folder may list (500) start afresh
_DECODED: dict[tuple[str, bytes], tuple[TemplateSource | None, tuple[TemplateProblem, ...]]] = {}
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")


def read_template_bytes(
    raw: bytes, source: str
) -> tuple[TemplateSource | None, list[TemplateProblem]]:
    """The template in `raw` (shown as `source` in problems), or None and every problem.

    Each distinct file is decoded once: the catalog is listed again whenever a screen asks
    for templates, and an unchanged file gives the same answer.
    """
    key = (source, hashlib.sha256(raw).digest())
    found = _DECODED.get(key)
    if found is None:
        template, problems = _decode(raw, source)
        found = template, tuple(problems)
        if len(_DECODED) >= MAX_DECODED:
            _DECODED.clear()
        _DECODED[key] = found
    return found[0], list(found[1])


def _decode(raw: bytes, source: str) -> tuple[TemplateSource | None, list[TemplateProblem]]:
    """Size, encoding, TOML syntax, then the schema: the template or every problem."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_problem(source, "file_too_large", limit=MAX_FILE_BYTES // 1024)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [_problem(source, "not_utf8", line=line, column=column)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [_syntax_problem(source, text, str(error))]
    except RecursionError:
        return None, [_problem(source, "too_deep")]
    except ValueError:  # an integer too long for Python to convert
        return None, [_problem(source, "integrity.number_too_long")]
    template, findings = check_document(data)
    return template, locate(findings, source, text)


def read_template_file(path: Path) -> tuple[TemplateSource | None, list[TemplateProblem]]:
    """The template in the file at `path`, or None and every problem."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [_problem(source, "unreadable", detail=error.strerror or str(error))]
    template, problems = read_template_bytes(raw, source)
    if template is not None:
        template = TemplateSource(template.id, template.languages, template.templates, path)
    return template, problems


def check_template_file(path: Path) -> list[TemplateProblem]:
    """Every problem with the template file at `path`; empty when it is fine."""
    return read_template_file(path)[1]


def load_template_file(path: Path) -> TemplateSource:
    """The template at `path`; TemplateInvalid (first problem as message) when broken."""
    template, problems = read_template_file(path)
    if template is None or problems:
        raise TemplateInvalid(problems)
    return template


def _problem(
    source: str,
    key: str,
    *,
    line: int | None = None,
    column: int | None = None,
    **params: str | int,
) -> TemplateProblem:
    return TemplateProblem(source, "", key, tuple(params.items()), line, column)


def _syntax_problem(source: str, text: str, message: str) -> TemplateProblem:
    """tomllib puts the position in its message: `... (at line 3, column 5)`."""
    position = _POSITION.search(message)
    if position:
        detail = message[: position.start()]
        line, column = int(position.group(1)), int(position.group(2))
        return _problem(source, "toml_syntax", line=line, column=column, detail=detail)
    at_end = _AT_END.search(message)
    detail = message[: at_end.start()] if at_end else message
    lines = text.splitlines() or [""]
    return _problem(
        source, "toml_syntax", line=len(lines), column=len(lines[-1]) + 1, detail=detail
    )
