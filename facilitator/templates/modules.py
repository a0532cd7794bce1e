"""Provides session modules: the psychological-safety check-in and check-out added to any template.

The module rounds come from the shipped psych-safety template, so their wording, scales and
distribution-only rule are written once; a session snapshots them with its own rounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from facilitator.templates.builtin import builtin_source
from facilitator.templates.model import RoundTemplate, Template
from facilitator.vocabulary import RoundKind

CHECK_IN = "check-in"
CHECK_OUT = "check-out"
MODULES: tuple[str, ...] = (CHECK_IN, CHECK_OUT)
MODULE_TEMPLATE = "psych-safety"
_KINDS = {CHECK_IN: RoundKind.CHECK_IN, CHECK_OUT: RoundKind.CHECK_OUT}


def module_rounds(module: str, language: str) -> tuple[RoundTemplate, ...]:
    """The rounds one module adds, in `language`, each marked with the module's name."""
    source = builtin_source(MODULE_TEMPLATE).in_language(language)
    kind = _KINDS[module]
    return tuple(replace(r, module=module) for r in source.rounds if r.kind is kind)


def module_dimensions() -> frozenset[str]:
    """Every dimension a module may rate; always shown as a distribution, never a mean."""
    source = builtin_source(MODULE_TEMPLATE).templates[0]
    return frozenset(r.dimension for r in source.rounds if r.dimension)


def with_modules(template: Template, modules: Iterable[str]) -> Template:
    """`template` with the check-in rounds first and the check-out rounds last, as chosen.

    The psych-safety template already is both modules, and rounds whose id the template
    uses itself are left out, so a module never runs twice or shadows a round.
    """
    chosen = tuple(m for m in MODULES if m in set(modules))
    if not chosen or template.id == MODULE_TEMPLATE:
        return template
    taken = {r.id for r in template.rounds}
    first = tuple(r for r in module_rounds(CHECK_IN, template.language) if r.id not in taken)
    last = tuple(r for r in module_rounds(CHECK_OUT, template.language) if r.id not in taken)
    return replace(
        template,
        rounds=(
            *(first if CHECK_IN in chosen else ()),
            *template.rounds,
            *(last if CHECK_OUT in chosen else ()),
        ),
        modules=chosen,
    )
