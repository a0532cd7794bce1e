"""Provides the phone pages: plain HTML forms with inline styles, no script, no external asset.

Every text is escaped; every form carries the CSRF token it is given.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from facilitator.i18n import Translator
from facilitator.room.ballots import MAX_NOTE_CHARS, Ballot
from facilitator.templates.model import RatingScale

# Dark text on white and a dark blue button: contrast above 7:1; targets at least 48px tall.
CSS = """
*{box-sizing:border-box}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1a1a1a;background:#fff}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
p{margin:0 0 1rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend{font-weight:700;margin-bottom:.5rem;padding:0}
.option{display:flex;align-items:center;gap:.75rem;min-height:3rem;margin:0 0 .5rem;
padding:.5rem .75rem;border:2px solid #595959;border-radius:.5rem}
.option input{width:1.5rem;height:1.5rem;flex:none;margin:0}
label.field{display:block;font-weight:700;margin-bottom:.25rem}
input[type=text],textarea{width:100%;font:inherit;padding:.75rem;border:2px solid #595959;
border-radius:.5rem;color:#1a1a1a;background:#fff}
input[type=text]{min-height:3rem;letter-spacing:.2em;text-transform:uppercase}
textarea{min-height:6rem}
.hint{color:#404040;font-size:1rem}
button{display:block;width:100%;min-height:3rem;font:inherit;font-weight:700;color:#fff;
background:#0b4f8a;border:0;border-radius:.5rem;padding:.75rem 1rem;cursor:pointer}
button.secondary{color:#0b4f8a;background:#fff;border:2px solid #0b4f8a}
a{color:#0b4f8a;display:inline-block;min-height:3rem;padding:.75rem 0}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.status{border-left:.4rem solid #1d6b2f;padding:.5rem .75rem;background:#eef6f0}
.alert{border-left:.4rem solid #a4262c;padding:.5rem .75rem;background:#fbeeee}
form{margin:0 0 1rem}
"""

STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode()

# Nothing but the inline style above and forms posting back to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src '{STYLE_HASH}'; "
    "form-action 'self'; "
    "frame-ancestors 'none'; "
    "base-uri 'none'"
)


def page(t: Translator, title: str, body: str) -> str:
    """A whole page in the translator's language around `body` (already escaped HTML)."""
    return (
        f'<!doctype html><html lang="{escape(t.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – {escape(t.t('room_mode.name'))}</title>"
        f"<style>{CSS}</style></head><body><main>{body}</main></body></html>"
    )


def _csrf(token: str) -> str:
    return f'<input type="hidden" name="csrf" value="{escape(token)}">'


def _alert(message: str | None, id_: str = "problem") -> str:
    if not message:
        return ""
    return f'<p class="alert" id="{id_}" role="alert">{escape(message)}</p>'


def code_page(t: Translator, csrf: str, problem: str | None = None) -> str:
    """The short address's page: type the room code shown on the screen."""
    title = t.t("room_mode.join_heading")
    invalid = (
        ' aria-invalid="true" aria-describedby="code-hint problem"'
        if problem
        else (' aria-describedby="code-hint"')
    )
    body = (
        f"<h1>{escape(title)}</h1>{_alert(problem)}"
        '<form method="post" action="/code">'
        f"{_csrf(csrf)}"
        f'<label class="field" for="code">{escape(t.t("room_mode.code_label"))}</label>'
        f'<p class="hint" id="code-hint">{escape(t.t("room_mode.code_hint"))}</p>'
        '<p><input type="text" id="code" name="code" required maxlength="9" '
        f'autocomplete="off" autocapitalize="characters" spellcheck="false"{invalid}></p>'
        f'<button type="submit">{escape(t.t("room_mode.join"))}</button></form>'
    )
    return page(t, title, body)


def group_page(
    t: Translator,
    csrf: str,
    groups: Sequence[tuple[str, str]],
    current: str | None,
    problem: str | None = None,
) -> str:
    """Pick a role group: radio buttons with the template's names for the groups."""
    title = t.t("room_mode.group_heading")
    options = "".join(
        f'<label class="option"><input type="radio" name="group" value="{escape(value)}"'
        f"{' checked' if value == current else ''} required> {escape(label)}</label>"
        for value, label in groups
    )
    body = (
        f"<h1>{escape(title)}</h1>{_alert(problem)}"
        f'<p class="hint">{escape(t.t("room_mode.anonymous"))}</p>'
        f'<form method="post" action="/group">{_csrf(csrf)}'
        f"<fieldset><legend>{escape(t.t('room_mode.group_legend'))}</legend>{options}</fieldset>"
        f'<button type="submit">{escape(t.t("room_mode.continue"))}</button></form>'
    )
    return page(t, title, body)


def waiting_page(t: Translator, group: str, status: str | None = None) -> str:
    """No round is open: say so, with a button to look again and a way to change group."""
    title = t.t("room_mode.waiting_heading")
    shown = f'<p class="status" role="status">{escape(status)}</p>' if status else ""
    body = (
        f"<h1>{escape(title)}</h1>{shown}"
        f"<p>{escape(t.t('room_mode.waiting_body'))}</p>"
        '<form method="get" action="/room">'
        f'<button type="submit">{escape(t.t("room_mode.check_again"))}</button></form>'
        f"<p>{escape(t.t('room_mode.your_group', group=group))}</p>"
        f'<p><a href="/group">{escape(t.t("room_mode.change_group"))}</a></p>'
    )
    return page(t, title, body)


def ballot_page(
    t: Translator,
    csrf: str,
    ballot: Ballot,
    group: str,
    status: str | None = None,
    problem: str | None = None,
) -> str:
    """The open round: its prompt, the scale with its anchors, an optional anonymous note."""
    r = ballot.round
    scale = r.scale
    options = []
    for value in range(scale.minimum, scale.maximum + 1):
        anchor = scale.step_label(value) or _anchor(scale, value)
        label = f"{value}" + (f" – {anchor}" if anchor else "")
        checked = " checked" if ballot.value == value else ""
        options.append(
            f'<label class="option"><input type="radio" name="value" value="{value}"{checked}>'
            f" {escape(label)}</label>"
        )
    shown = f'<p class="status" role="status">{escape(status)}</p>' if status else ""
    note_state = t.t("room_mode.note_saved") if ballot.note_saved else ""
    body = (
        f"<h1>{escape(r.title)}</h1>{shown}{_alert(problem)}"
        + (f"<p>{escape(r.prompt)}</p>" if r.prompt else "")
        + f'<form method="post" action="/vote">{_csrf(csrf)}'
        f'<input type="hidden" name="vote" value="{escape(ballot.vote_token)}">'
        f"<fieldset><legend>{escape(t.t('room_mode.rating_legend'))}</legend>"
        f"{''.join(options)}</fieldset>"
        f'<label class="field" for="note">{escape(t.t("room_mode.note_label"))}</label>'
        f'<p class="hint" id="note-hint">{escape(t.t("room_mode.note_hint"))}'
        f"{(' ' + escape(note_state)) if note_state else ''}</p>"
        f'<p><textarea id="note" name="note" maxlength="{MAX_NOTE_CHARS}" '
        'aria-describedby="note-hint"></textarea></p>'
        f'<button type="submit">{escape(t.t("room_mode.send"))}</button></form>'
        '<form method="get" action="/room">'
        f'<button type="submit" class="secondary">{escape(t.t("room_mode.check_again"))}'
        "</button></form>"
        f"<p>{escape(t.t('room_mode.your_group', group=group))}</p>"
        f'<p><a href="/group">{escape(t.t("room_mode.change_group"))}</a></p>'
    )
    return page(t, r.title, body)


def message_page(t: Translator, key: str) -> str:
    """A page that only says one thing (closed, not found, too many tries)."""
    text = t.t(key)
    return page(t, text, f"<h1>{escape(text)}</h1>")


def _anchor(scale: RatingScale, value: int) -> str:
    """The scale's label at `value`: its low, middle or high anchor, or "" between them."""
    if value == scale.minimum:
        return scale.low_label
    if value == scale.maximum:
        return scale.high_label
    if scale.mid_label and value * 2 == scale.minimum + scale.maximum:
        return scale.mid_label
    return ""
