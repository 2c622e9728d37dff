"""The notification outbox: one e-mail per recipient in their own language, sent by `flask outbox --send`."""
import smtplib
import unicodedata
from email.message import EmailMessage

from babel import Locale
from flask import current_app, url_for

from ..auth import users
from ..db import get_db, write
from ..i18n import BY_CODE, N_, gettext_in, ruby_text
from ..clock import now_iso
from . import registry, times


def _link(request_id, language):
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        return url_for("board.request_detail", lang=language, request_id=request_id, _external=True)


def _language_name(code, reader):
    """A line's language named in the reader's language (CLDR names via Babel)."""
    try:
        names = Locale.parse(BY_CODE[reader].locale.split("@")[0]).languages
    except (KeyError, ValueError):
        names = {}
    return names.get(code.replace("-", "_")) or (BY_CODE[code].name if code in BY_CODE else code)


def open_needs(request, reader):
    """The request's person-day coverage and each line still lacking people, in language `reader`."""
    text = [gettext_in(reader, N_("Covered %(covered)s of %(required)s person-days; answer by %(deadline)s."),
                       covered=request.covered, required=request.required,
                       deadline=times.local(request.deadline) + " JST")]
    for line in request.open_lines:
        text.append("- " + gettext_in(
            reader, N_("%(language)s: %(people)s per day, %(first)s – %(last)s, first day without enough people"
                       " %(day)s (%(covered)s of %(required)s person-days)"),
            language=_language_name(line.language, reader), people=line.headcount, first=line.start_date,
            last=line.end_date, day=line.first_gap, covered=line.covered, required=line.required))
    return "\n".join(text)


def _queue(kind, recipients, request, subject, body, needs=False, more=None, **params):
    """Write one mail per recipient; `subject` and `body` are msgids rendered in each recipient's language.

    `more` is a second msgid added as its own paragraph. With `needs`, the mail ends with the request's person-day
    coverage and open needs (the same computation as every page)."""
    db = get_db()
    seen = set()
    for user in recipients:
        if user.email in seen:
            continue
        seen.add(user.email)
        values = dict(params, site=request.site_name, association=request.association_name,
                      disaster=request.disaster_title, deadline=times.local(request.deadline) + " JST")
        if "language" in params:  # a line's language code, named in the reader's language
            values["language"] = _language_name(params["language"], user.language)
        text = ruby_text(gettext_in(user.language, body, **values))
        if more:
            text += "\n\n" + ruby_text(gettext_in(user.language, more, **values))
        if needs:
            text += "\n\n" + ruby_text(open_needs(request, user.language))
        db["notification"].insert({
            "kind": kind, "recipient_id": user.id, "email": user.email,
            "subject": ruby_text(gettext_in(user.language, subject, **values)),
            "body": text + "\n\n" + _link(request.id, user.language), "subject_type": "request",
            "subject_id": str(request.id), "created_at": now_iso()})


def _coordinators(association_ids):
    return users.users_of(association_ids, roles=("coordinator",))


def _secretariat():
    return users.users_of(None, roles=("secretariat",))


def request_posted(request):
    others = [a for a in registry.block_association_ids(request.block_id) if a != request.association_id]
    _queue("request_posted", _coordinators(others), request,
           N_("New staffing request in your block: %(association)s"),
           N_("%(association)s asks for staff for %(site)s (%(disaster)s). Please answer by %(deadline)s."), needs=True)


def request_escalated(request):
    everyone = [row[0] for row in get_db().execute("select id from association where block_id != ?",
                                                   [request.block_id])]
    _queue("escalated", _coordinators(everyone + [request.association_id]) + _secretariat(), request,
           N_("Staffing request sent to all blocks: %(association)s"),
           N_("The request of %(association)s for %(site)s (%(disaster)s) is not filled and now goes to all blocks."),
           needs=True)


def offer_received(request, offering_user, count):
    _queue("offer_received", _coordinators([request.association_id]), request,
           N_("Offer received from %(offering)s"),
           N_("%(offering)s offers %(count)s person(s) for %(site)s. Please accept or decline each person."),
           offering=offering_user.association_name, count=count)


def person_decided(request, person_row, accepted, dispatch=None):
    """Tell the offering association; an acceptance says for which days and language the person goes."""
    recipients = _coordinators([person_row["offering_association_id"]])
    if accepted:
        _queue("accepted", recipients, request, N_("Offer accepted: %(name)s"),
               N_("%(association)s accepted %(name)s for %(site)s."), name=person_row["name"],
               more=N_("Dispatch: %(first)s – %(last)s, %(language)s.") if dispatch else None,
               **({"first": dispatch["start_date"], "last": dispatch["end_date"], "language": dispatch["language"]}
                  if dispatch else {}))
    else:
        _queue("declined", recipients, request, N_("Offer declined: %(name)s"),
               N_("%(association)s declined %(name)s for %(site)s. Thank you for offering."), name=person_row["name"])


def deadline_near(request):
    chair = get_db().execute("select chair_association_id from block where id = ?", [request.block_id]).fetchone()
    ids = [request.association_id] + ([chair[0]] if chair and chair[0] else [])
    _queue("deadline_near", _coordinators(ids), request, N_("Deadline near: %(association)s"),
           N_("The request for %(site)s is not filled and its deadline is %(deadline)s."), needs=True)


def offers_ended(request, association_id, names, reason):
    """People waiting for a decision were declined: because their days are covered, or with the requester's reason."""
    if reason == "covered":
        body = N_("%(association)s no longer needs %(names)s for %(site)s: every day they offered is now covered."
                  " Thank you for offering.")
    else:
        body = N_("%(association)s ended the offer of %(names)s for %(site)s. Reason: %(reason)s")
    _queue("offers_ended", _coordinators([association_id]), request, N_("Offer ended: %(site)s"), body,
           names=", ".join(names), reason=reason)


def request_ended(request, association_ids, reason, cancelled):
    """A request was cancelled or closed: every association with offers or dispatches on it is told why."""
    if cancelled:
        _queue("request_cancelled", _coordinators(association_ids), request, N_("Request cancelled: %(site)s"),
               N_("%(association)s cancelled its request for %(site)s (%(disaster)s). Reason: %(reason)s."
                  " Dispatches not yet on site are cancelled and offers waiting for a decision are ended."),
               reason=reason)
    else:
        _queue("request_closed", _coordinators(association_ids), request, N_("Request closed: %(site)s"),
               N_("%(association)s closed its request for %(site)s (%(disaster)s). Reason: %(reason)s."
                  " Offers waiting for a decision are ended; confirmed dispatches stay."), reason=reason)


def dispatch_cancelled(request, dispatch, association_ids, reason):
    _queue("dispatch_cancelled", _coordinators(association_ids), request, N_("Dispatch cancelled: %(name)s"),
           N_("The dispatch of %(name)s to %(site)s (%(first)s – %(last)s) is cancelled. Reason: %(reason)s"),
           needs=True, name=dispatch["person_name"], first=dispatch["start_date"], last=dispatch["end_date"],
           reason=reason)


def request_edited(request, association_ids, changes):
    _queue("request_edited", _coordinators(association_ids), request, N_("Request changed: %(site)s"),
           N_("%(association)s changed its request for %(site)s. Please check your offers and dispatches."
              " Changes: %(changes)s"), needs=True, changes=changes)


def invitation(email, language, link, inviter):
    """The invitation mail; the link holds the secret, so it is only in this mail and on the inviter's screen."""
    values = {"inviter": inviter.name, "association": inviter.association_name}
    with write() as db:
        db["notification"].insert({
            "kind": "invitation", "recipient_id": None, "email": email,
            "subject": ruby_text(gettext_in(language, N_("Invitation to the coordination board"), **values)),
            "body": ruby_text(gettext_in(language, N_(
                "%(inviter)s (%(association)s) invites you to the coordination board of the mutual-support agreement."
                " Open this link within 7 days to choose your password:"), **values)) + "\n\n" + link,
            "subject_type": "invitation", "subject_id": email, "created_at": now_iso()})


def already_sent(kind, subject_type, subject_id):
    return bool(get_db()["notification"].count_where("kind = ? and subject_type = ? and subject_id = ?",
                                                     [kind, subject_type, str(subject_id)]))


def notifications(user=None, unsent_only=False, limit=200):
    """Newest first: the user's own mails, or all of them (secretariat, CLI) when user is None."""
    where, params = ["1 = 1"], []
    if user is not None:
        where.append("recipient_id = ?")
        params.append(user.id)
    if unsent_only:
        where.append("sent_at is null")
    return list(get_db().query(f"select * from notification where {' and '.join(where)} order by id desc limit ?",
                               params + [limit]))


def send_pending(config):
    """Send unsent mails through the configured SMTP server, each on its own; returns (sent, failed).

    A mail that cannot be sent (a refused address, a malformed header) gets its error recorded and the next one
    is tried, so one bad mail never holds back the others. When the server itself cannot be reached the run
    stops; every unsent mail is tried again on the next run.
    """
    db = get_db()
    sent = failed = 0
    pending = list(db.query("select * from notification where sent_at is null order by id"))
    smtp = None
    try:
        for mail in pending:
            try:
                message = _message(config, mail)
                smtp = smtp or _smtp(config)
                smtp.send_message(message)
            except (smtplib.SMTPException, ValueError) as exc:
                _record_error(db, mail, exc)
                failed += 1
                if isinstance(exc, smtplib.SMTPServerDisconnected):
                    smtp = None
                continue
            except OSError as exc:  # the server is unreachable: nothing more can be sent now
                _record_error(db, mail, exc)
                failed += 1
                break
            with write(db):
                db.execute("update notification set sent_at = ?, error = null where id = ?", [now_iso(), mail["id"]])
            sent += 1
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
    return sent, failed


def _record_error(db, mail, exc):
    with write(db):
        db.execute("update notification set error = ? where id = ?", [f"{type(exc).__name__}: {exc}"[:500], mail["id"]])


def _smtp(config):
    smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30)
    if config["SMTP_USER"]:
        smtp.starttls()
        smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
    return smtp


def _message(config, mail):
    """The e-mail for one outbox row; header values never carry line breaks or other control characters."""
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = mail["email"]
    message["Subject"] = single_line(mail["subject"])
    message.set_content(mail["body"])
    return message


def single_line(text):
    """Control characters (CR, LF, tab...) replaced by spaces: safe for a mail header or a one-line field."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text or "").strip()
