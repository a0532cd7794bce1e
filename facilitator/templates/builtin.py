"""Provides the templates shipped with facilitator, read from TOML files in the package."""

from __future__ import annotations

from functools import cache
from importlib import resources

from facilitator.templates.files import read_template_bytes
from facilitator.templates.model import Template
from facilitator.templates.source import TemplateInvalid, TemplateNotFound, TemplateSource

DEFAULT_TEMPLATE_ID = "power-balance"
BUILTIN_IDS: tuple[str, ...] = ("power-balance", "esther-cafe", "psych-safety", "ladder")
_PACKAGE = "facilitator.templates.shipped"


def builtin_file_name(template_id: str) -> str:
    """The file name of a shipped template inside `facilitator/templates/shipped/`."""
    return f"{template_id}.toml"


@cache
def builtin_source(template_id: str) -> TemplateSource:
    """A shipped template in all its languages; TemplateNotFound for an unknown id."""
    if template_id not in BUILTIN_IDS:
        raise TemplateNotFound("errors.template.no_builtin", id=template_id)
    name = builtin_file_name(template_id)
    raw = resources.files(_PACKAGE).joinpath(name).read_bytes()
    source, problems = read_template_bytes(raw, f"<built-in>/{name}")
    if source is None or problems:
        raise TemplateInvalid(problems)
    return source


def builtin_sources() -> tuple[TemplateSource, ...]:
    """Every shipped template, default first."""
    return tuple(builtin_source(i) for i in BUILTIN_IDS)


def load_builtin(template_id: str, language: str = "en", variant: str | None = None) -> Template:
    """A shipped template in one language and timing variant, ready to snapshot."""
    return builtin_source(template_id).resolve(language, variant)


def default_template(language: str = "en", variant: str | None = None) -> Template:
    """The power balance reflection, the template a new session starts from."""
    return load_builtin(DEFAULT_TEMPLATE_ID, language, variant)
