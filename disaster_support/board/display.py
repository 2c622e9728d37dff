"""How board values read on a page: language names in the reader's language, labels, Japan times, badges."""
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..i18n import BY_CODE, ruby
from . import times
from .offers import DISPATCH_STATUS, PERSON_STATUS, accept_periods
from .disasters import DISASTER_KINDS
from .requests import SCOPE_LABELS, SITE_KINDS, STATUS_LABELS, TASKS

ROLE_LABELS = {"member": _l("Member"), "coordinator": _l("Coordinator"), "secretariat": _l("Secretariat")}


class RubyLabels:
    """A label table for templates: each label translated now, with Easy Japanese readings as <ruby>."""

    def __init__(self, mapping):
        self.mapping = mapping

    def __getitem__(self, key):
        return ruby(self.mapping[key])

    def get(self, key, default=None):
        return ruby(self.mapping[key]) if key in self.mapping else default


def language_label(code):
    """'ベトナム語' on a Japanese page, 'Vietnamese' on an English one (CLDR names via Babel)."""
    if code == "ja-easy":
        return ruby(_("Easy Japanese"))
    language = BY_CODE.get(code)
    if language is None:
        return code
    locale = get_locale()
    return (locale.languages.get(code.replace("-", "_")) if locale else None) or language.name


def role_label(role):
    return ruby(ROLE_LABELS.get(role, role))


def status_badge(request):
    status = request.status
    return Markup('<span class="status status-{}">{}</span>').format(status, ruby(STATUS_LABELS[status]))


def coverage_summary(request):
    """'Covered 10 of 28 person-days; first day without enough people: 2026-12-09', as every page shows it."""
    if request.first_gap:
        return ruby(_("Covered %(covered)s of %(required)s person-days; first day without enough people: %(day)s",
                      covered=request.covered, required=request.required, day=request.first_gap))
    return ruby(_("Covered %(covered)s of %(required)s person-days", covered=request.covered,
                  required=request.required))


def labels(mapping, keys):
    return Markup(", ").join(ruby(mapping[key]) for key in keys if key in mapping)


ACTION_LABELS = {
    "request.create": _l("Request created"), "request.publish": _l("Posted to the block"),
    "request.escalate": _l("Sent to all blocks"), "request.close": _l("Closed"), "request.cancel": _l("Cancelled"),
    "offer.create": _l("Offer made"), "offer.accept": _l("Person accepted"), "offer.decline": _l("Person declined"),
    "offer.withdraw": _l("Offer withdrawn"), "dispatch.create": _l("Dispatch confirmed"),
    "dispatch.status": _l("Dispatch status changed"), "dispatch.cancelled": _l("Dispatch cancelled"),
    "request.edit": _l("Request changed"), "offer.reserve": _l("Reserve"),
}


def _short(value):
    """One readable line for a value of the log: a language line, an offered person, a time, a list."""
    if isinstance(value, list):
        return ", ".join(_short(item) for item in value)
    if isinstance(value, dict) and "headcount" in value:
        return f"{value['language']} ×{value['headcount']} {value['start_date']}–{value['end_date']}"
    if isinstance(value, dict) and "available_from" in value:
        return f"{value['name']} ({_short(value['languages'])}) {value['available_from']}–{value['available_to']}"
    if isinstance(value, str) and len(value) == 25 and value[10:11] == "T":
        return times.local(value)  # a stored UTC time, shown in Japan time like every other time
    return str(value)


def audit_changes(entry):
    """'status: open → filled' for each value that changed, or the new values when something was created."""
    before, after = entry["before"] or {}, entry["after"] or {}
    if not before:
        return [f"{key}: {_short(value)}" for key, value in after.items()]
    return [f"{key}: {_short(before.get(key, ''))} → {_short(after.get(key, ''))}"
            for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]


def context():
    return {
        "language_label": language_label, "role_label": role_label, "status_badge": status_badge,
        "local_time": times.local, "coverage_summary": coverage_summary, "accept_periods": accept_periods, "ACTION_LABELS": RubyLabels(ACTION_LABELS), "audit_changes": audit_changes,
        "labels": labels, "TASKS": TASKS, "SITE_KINDS": RubyLabels(SITE_KINDS), "SCOPE_LABELS": RubyLabels(SCOPE_LABELS),
        "DISASTER_KINDS": RubyLabels(DISASTER_KINDS), "PERSON_STATUS": RubyLabels(PERSON_STATUS),
        "DISPATCH_STATUS": RubyLabels(DISPATCH_STATUS),
    }
