"""Provides session templates: the value types and the shipped and user templates."""

from facilitator.templates.builtin import (
    BUILTIN_IDS,
    DEFAULT_TEMPLATE_ID,
    builtin_source,
    builtin_sources,
    default_template,
    load_builtin,
)
from facilitator.templates.catalog import (
    TemplateEntry,
    discover_templates,
    find_template,
    list_templates,
    usable_templates,
)
from facilitator.templates.files import check_template_file, load_template_file
from facilitator.templates.model import RatingScale, RoundTemplate, Template, TemplateVariant
from facilitator.templates.problems import TemplateProblem, format_problems
from facilitator.templates.source import (
    TemplateInvalid,
    TemplateNotFound,
    TemplateSource,
    UnknownVariant,
)

__all__ = [
    "BUILTIN_IDS",
    "DEFAULT_TEMPLATE_ID",
    "RatingScale",
    "RoundTemplate",
    "Template",
    "TemplateEntry",
    "TemplateInvalid",
    "TemplateNotFound",
    "TemplateProblem",
    "TemplateSource",
    "TemplateVariant",
    "UnknownVariant",
    "builtin_source",
    "builtin_sources",
    "check_template_file",
    "default_template",
    "discover_templates",
    "find_template",
    "format_problems",
    "list_templates",
    "load_builtin",
    "load_template_file",
    "usable_templates",
]
