"""Provides the participants' handout before a session and the "after" letter, always redacted.

The handout says what the session is, the three corners, the questions, that ratings are
anonymous within role groups and how input is followed up. The letter lists the actions and
their status, with ratings only for groups large enough; never a note. Every text that came
from the facilitator (title, improvement work, prompts, actions) passes the identifier
detector first, whatever the caller asks.
"""

from __future__ import annotations

from facilitator.about import about_model
from facilitator.i18n import translator
from facilitator.identifiers import redact
from facilitator.reports.labels import Labels
from facilitator.reports.leaflet import Block, to_html, to_markdown
from facilitator.reports.markdown import group_cell
from facilitator.reports.stats import dimension_views, session_day
from facilitator.session import Session
from facilitator.summary import dimension_title
from facilitator.vault.files import ExportRefused
from facilitator.vocabulary import RoleGroup, RoundKind

LEAFLET_FORMATS = ("html", "md")


def handout_blocks(session: Session) -> tuple[str, list[Block]]:
    """(title, blocks) of the handout in the session's language, redacted."""
    language = Labels.for_language(session.language).language
    t = translator(language).t
    labels = Labels.for_language(language)

    def clean(text: str) -> str:
        return redact(text, language)

    title = t("handout.title", title=clean(session.title))
    facts = [(t("handout.date"), labels.day(session_day(session)))]
    if session.project.strip():
        facts.append((t("handout.work"), clean(session.project)))
    blocks = [
        Block("h1", title),
        Block("p", t("handout.intro")),
        Block("facts", pairs=tuple(facts)),
        Block("h2", t("handout.why_heading")),
        Block("p", t("handout.why")),
        Block("h2", t("handout.corners_heading")),
        Block(
            "ul",
            items=tuple(t(f"handout.{c}") for c in ("resources", "attitudes", "perceptions")),
        ),
    ]
    rounds = [r for r in session.template.rounds if r.kind == RoundKind.DIMENSION and r.prompts]
    if rounds:
        blocks.append(Block("h2", t("handout.questions_heading")))
        for r in rounds:
            blocks.append(Block("p", clean(r.title)))
            blocks.append(Block("ul", items=tuple(clean(p) for p in r.prompts)))
    minimum = session.template.min_respondents
    blocks += [
        Block("h2", t("handout.ratings_heading")),
        Block("p", t("handout.ratings", minimum=minimum)),
        Block("h2", t("handout.followup_heading")),
        Block("p", t("handout.followup")),
        Block("p", t("handout.choice")),
        Block("note", t("handout.source", citation=about_model(language).citation)),
    ]
    return title, blocks


def letter_blocks(session: Session) -> tuple[str, list[Block]]:
    """(title, blocks) of the after letter in the session's language, redacted."""
    labels = Labels.for_language(session.language)
    language = labels.language
    t = translator(language).t

    def clean(text: str) -> str:
        return redact(text, language)

    title = t("letter.title", title=clean(session.title))
    blocks = [
        Block("h1", title),
        Block("p", t("letter.intro")),
        Block("facts", pairs=((t("handout.date"), labels.day(session_day(session))),)),
        Block("h2", t("letter.actions_heading")),
    ]
    if session.actions:
        header = (labels["action"], labels["dimension"], labels["owner"], labels["due"])
        rows = tuple(
            (
                clean(a.text),
                dimension_title(session, a.dimension) if a.dimension else "–",
                labels.role(a.owner_role) if a.owner_role else "–",
                labels.day(a.due),
                labels.action_status(a.status),
            )
            for a in session.actions
        )
        blocks.append(Block("table", header=(*header, labels["status"]), rows=rows))
    else:
        blocks.append(Block("p", t("letter.no_actions")))
    views = [d for d in dimension_views(session) if d.rated]
    if views and not session.template.distribution_only:
        minimum = session.template.min_respondents
        ratings: tuple[tuple[str, ...], ...] = tuple(
            (clean(d.title), *(group_cell(d, g, labels) for g in RoleGroup)) for d in views
        )
        columns: tuple[str, ...] = (labels["dimension"], *(labels.role(g) for g in RoleGroup))
        blocks += [
            Block("h2", t("letter.ratings_heading")),
            Block("note", t("letter.ratings_note", minimum=minimum)),
            Block("table", header=columns, rows=ratings),
        ]
    blocks.append(Block("p", t("letter.closing")))
    return title, blocks


def render_leaflet(session: Session, which: str, fmt: str) -> bytes:
    """The handout ("handout") or after letter ("letter") in `fmt` as UTF-8 bytes."""
    if fmt not in LEAFLET_FORMATS:
        raise ExportRefused(
            "errors.export.unknown_format", format=fmt, choices=", ".join(LEAFLET_FORMATS)
        )
    title, blocks = (handout_blocks if which == "handout" else letter_blocks)(session)
    language = Labels.for_language(session.language).language
    text = to_markdown(blocks) if fmt == "md" else to_html(blocks, title, language)
    return text.encode("utf-8")
