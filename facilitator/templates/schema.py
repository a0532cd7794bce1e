"""Provides check_document: a parsed template TOML checked field by field and resolved.

Structure (ids, kinds, minutes, scale ranges) is written once; texts sit in one table per
language, so every language has the same rounds, scales and timings by construction, and
the checker only has to compare what each language wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from facilitator.templates.fields import LANGUAGE_PATTERN, FieldCheck
from facilitator.templates.model import RatingScale, RoundTemplate, Template, TemplateVariant
from facilitator.templates.problems import Finding
from facilitator.templates.source import TemplateSource
from facilitator.templates.variants import MAX_MINUTES, check_variants
from facilitator.vocabulary import MIN_GROUP_SIZE, RoleGroup, RoundKind

FORMAT_VERSION = 1
MAX_ROUNDS = 200
MAX_PROMPTS = 100
MAX_LANGUAGES = 10
MAX_TITLE = 200
MAX_TEXT = 5_000
_TOP = ("format", "id", "version", "languages", "min_respondents", "distribution_only")
_ROUND = ("id", "kind", "minutes", "dimension", "scale")


@dataclass
class _Head:
    name: str = ""
    description: str = ""
    credit: str = ""
    role_labels: tuple[tuple[str, str], ...] = ()


@dataclass
class _RoundText:
    title: str = ""
    purpose: str = ""
    prompts: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    steps: tuple[str, ...] = ()


@dataclass
class _Round:
    id: str
    kind: RoundKind
    minutes: int
    dimension: str | None
    scale: tuple[int, int] | None
    texts: dict[str, _RoundText] = field(default_factory=dict)

    def resolve(self, lang: str) -> RoundTemplate:
        text = self.texts[lang]
        scale = None
        if self.scale is not None:
            scale = RatingScale(
                minimum=self.scale[0],
                maximum=self.scale[1],
                low_label=text.labels.get("low", ""),
                high_label=text.labels.get("high", ""),
                mid_label=text.labels.get("mid", ""),
                step_labels=text.steps,
            )
        return RoundTemplate(
            id=self.id,
            kind=self.kind,
            title=text.title,
            purpose=text.purpose,
            prompts=text.prompts,
            minutes=self.minutes,
            dimension=self.dimension,
            scale=scale,
        )


def check_document(data: Mapping[str, object]) -> tuple[TemplateSource | None, list[Finding]]:
    """The template in every language it declares, or None and every problem found."""
    c = FieldCheck()
    fmt = c.integer(data, "format", "format", low=1, high=1_000_000, required=False)
    if fmt is not None and fmt > FORMAT_VERSION:
        c.add("format", "newer_format", format=fmt)
        return None, c.findings
    template_id = c.identifier(data, "id", "id")
    version = c.integer(data, "version", "version", low=1, high=1_000_000)
    languages = _languages(c, data)
    c.only(data, "", (*_TOP, "rounds", "variants", *languages))
    min_respondents = c.integer(
        data, "min_respondents", "min_respondents", low=1, high=10_000, required=False
    )
    distribution_only = c.flag(data, "distribution_only", "distribution_only")
    heads = {lang: _head(c, data, lang) for lang in languages}
    _compare_presence(
        c,
        {
            lang: {
                "description": h.description,
                "credit": h.credit,
                **{f"role_groups.{g}": label for g, label in h.role_labels},
            }
            for lang, h in heads.items()
        },
        "",
    )
    rounds = _rounds(c, data, languages)
    variants = check_variants(c, data, languages, [r.id for r in rounds])
    if c.findings or template_id is None or version is None or not languages:
        return None, c.findings
    templates = tuple(
        Template(
            id=template_id,
            version=version,
            language=lang,
            name=heads[lang].name,
            description=heads[lang].description,
            rounds=tuple(r.resolve(lang) for r in rounds),
            variants=tuple(
                TemplateVariant(v_id, names[lang], minutes) for v_id, names, minutes in variants
            ),
            min_respondents=min_respondents or MIN_GROUP_SIZE,
            distribution_only=bool(distribution_only),
            credit=heads[lang].credit,
            role_labels=heads[lang].role_labels,
        )
        for lang in languages
    )
    return TemplateSource(template_id, tuple(languages), templates), c.findings


def _languages(c: FieldCheck, data: Mapping[str, object]) -> list[str]:
    items = c.array(data, "languages", "languages", limit=MAX_LANGUAGES, required=True)
    if items is None:
        return []
    if not items:
        c.add("languages", "empty")
    languages: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not LANGUAGE_PATTERN.match(item):
            c.add(f"languages[{i}]", "bad_language")
        elif item in languages:
            c.add(f"languages[{i}]", "duplicate_id", id=item)
        else:
            languages.append(item)
    return languages


def _head(c: FieldCheck, data: Mapping[str, object], lang: str) -> _Head:
    table = c.table(data, lang, lang)
    if table is None:
        return _Head()
    c.only(table, lang, ("name", "description", "credit", "role_groups"))
    name = c.text(table, "name", f"{lang}.name", max_len=MAX_TITLE) or ""
    description = c.text(
        table, "description", f"{lang}.description", max_len=MAX_TEXT, required=False
    )
    credit = c.text(table, "credit", f"{lang}.credit", max_len=MAX_TEXT, required=False)
    return _Head(name, description or "", credit or "", _role_labels(c, table, lang))


def _role_labels(
    c: FieldCheck, table: Mapping[str, object], lang: str
) -> tuple[tuple[str, str], ...]:
    """The template's own names for the role groups, in role-group order."""
    groups = c.table(table, "role_groups", f"{lang}.role_groups", required=False)
    if groups is None:
        return ()
    c.only(groups, f"{lang}.role_groups", tuple(g.value for g in RoleGroup))
    labels = []
    for group in RoleGroup:
        label = c.text(
            groups,
            group.value,
            f"{lang}.role_groups.{group.value}",
            max_len=MAX_TITLE,
            required=False,
        )
        if label is not None:
            labels.append((group.value, label))
    return tuple(labels)


def _rounds(c: FieldCheck, data: Mapping[str, object], languages: list[str]) -> list[_Round]:
    items = c.array(data, "rounds", "rounds", limit=MAX_ROUNDS, required=True)
    if items is None:
        return []
    if not items:
        c.add("rounds", "no_rounds")
    rounds: list[_Round] = []
    for i, item in enumerate(items):
        path = f"rounds[{i}]"
        if not isinstance(item, Mapping):
            c.add(path, "must_be_table")
            continue
        parsed = _round(c, item, path, languages)
        if parsed is not None and parsed.id in {r.id for r in rounds}:
            c.add(f"{path}.id", "duplicate_id", id=parsed.id)
        elif parsed is not None:
            rounds.append(parsed)
    return rounds


def _round(
    c: FieldCheck, data: Mapping[str, object], path: str, languages: list[str]
) -> _Round | None:
    c.only(data, path, (*_ROUND, *languages))
    round_id = c.identifier(data, "id", f"{path}.id")
    kind = _kind(c, data, f"{path}.kind")
    minutes = c.integer(data, "minutes", f"{path}.minutes", low=0, high=MAX_MINUTES)
    dimension = (
        c.identifier(data, "dimension", f"{path}.dimension") if "dimension" in data else None
    )
    scale = _scale_range(c, data, f"{path}.scale")
    if dimension is None and "dimension" not in data and (kind is RoundKind.DIMENSION or scale):
        c.add(f"{path}.dimension", "needs_dimension")
    texts = {}
    for lang in languages:
        text = _round_text(c, data, f"{path}.{lang}", lang, scale)
        if text is not None:
            texts[lang] = text
    _compare_texts(c, texts, path)
    if round_id is None or kind is None or minutes is None or len(texts) < len(languages):
        return None
    return _Round(round_id, kind, minutes, dimension, scale, texts)


def _kind(c: FieldCheck, data: Mapping[str, object], path: str) -> RoundKind | None:
    value = c.text(data, "kind", path, max_len=64)
    if value is None:
        return None
    if value not in {k.value for k in RoundKind}:
        c.add(path, "unknown_kind", value=value, allowed=", ".join(k.value for k in RoundKind))
        return None
    return RoundKind(value)


def _scale_range(c: FieldCheck, data: Mapping[str, object], path: str) -> tuple[int, int] | None:
    table = c.table(data, "scale", path, required=False)
    if table is None:
        return None
    c.only(table, path, ("minimum", "maximum"))
    low = c.integer(table, "minimum", f"{path}.minimum", low=-100, high=100)
    high = c.integer(table, "maximum", f"{path}.maximum", low=-100, high=100)
    if low is None or high is None:
        return None
    if low >= high:
        c.add(f"{path}.minimum", "scale_order", minimum=low, maximum=high)
        return None
    return low, high


def _round_text(
    c: FieldCheck,
    data: Mapping[str, object],
    path: str,
    lang: str,
    scale: tuple[int, int] | None,
) -> _RoundText | None:
    table = c.table(data, lang, path)
    if table is None:
        return None
    c.only(table, path, ("title", "purpose", "prompts", "scale"))
    title = c.text(table, "title", f"{path}.title", max_len=MAX_TITLE)
    purpose = c.text(table, "purpose", f"{path}.purpose", max_len=MAX_TEXT, required=False)
    prompts = c.texts(table, "prompts", f"{path}.prompts", limit=MAX_PROMPTS, max_len=MAX_TEXT)
    labels: dict[str, str] = {}
    steps: tuple[str, ...] | None = ()
    labels_table = c.table(table, "scale", f"{path}.scale", required=scale is not None)
    if labels_table is not None and scale is None:
        c.add(f"{path}.scale", "labels_without_scale")
    elif labels_table is not None and scale is not None:
        c.only(labels_table, f"{path}.scale", ("low", "mid", "high", "steps"))
        for end in ("low", "mid", "high"):
            label = c.text(
                labels_table, end, f"{path}.scale.{end}", max_len=MAX_TITLE, required=end != "mid"
            )
            if label is not None:
                labels[end] = label
        steps = c.texts(labels_table, "steps", f"{path}.scale.steps", limit=201, max_len=MAX_TITLE)
        expected = scale[1] - scale[0] + 1
        if steps and len(steps) != expected:
            c.add(f"{path}.scale.steps", "steps_count", expected=expected)
    if title is None or prompts is None or steps is None:
        return None
    return _RoundText(title, purpose or "", prompts, labels, steps)


def _compare_texts(c: FieldCheck, texts: dict[str, _RoundText], path: str) -> None:
    """Note where one language's round says more or less than the first language's."""
    if len(texts) < 2:
        return
    (first, ref), *others = texts.items()
    for lang, text in others:
        for what, mine, theirs in (
            ("prompts", len(text.prompts), len(ref.prompts)),
            ("scale.steps", len(text.steps), len(ref.steps)),
        ):
            if mine != theirs:
                c.add(
                    f"{path}.{lang}.{what}",
                    "count_mismatch",
                    count=mine,
                    other=first,
                    other_count=theirs,
                )
    _compare_presence(
        c,
        {
            lang: {"purpose": t.purpose, "scale.mid": t.labels.get("mid", "")}
            for lang, t in texts.items()
        },
        path,
    )


def _compare_presence(c: FieldCheck, texts: dict[str, dict[str, str]], path: str) -> None:
    """Note optional texts that one language has and another lacks."""
    prefix = f"{path}." if path else ""
    for key in {k for fields in texts.values() for k in fields}:
        having = [lang for lang, fields in texts.items() if fields.get(key)]
        if having:
            for lang, fields in texts.items():
                if not fields.get(key):
                    c.add(f"{prefix}{lang}.{key}", "missing_translation", other=having[0])
