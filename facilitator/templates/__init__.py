"""Provides session templates: the value types and the shipped and user templates."""

from facilitator.templates.model import RatingScale, RoundTemplate, Template, TemplateVariant

__all__ = ["RatingScale", "RoundTemplate", "Template", "TemplateVariant"]
