"""The disaster-message composer: fill a message once, get it in all 15 languages (copy, text, notice, QR)."""
from flask import abort, current_app, render_template, request

from ..catalog import catalog
from ..i18n import LANGUAGES, ruby, ruby_text
from ..review.services import reviewed_phrase
from ..security import form_page
from ..sheets import store
from ..sheets.forms import fill_values, sign_form
from ..sheets.advice import legibility_advice
from ..sheets.render import SheetRequest, fill, fill_plain
from ..sheets.owners import owner_for_printing
from ..sheets.routes import redirect_to_printed
from ..sheets.search import search_phrases
from . import bp


@bp.route("/")
def index(lang):
    query = request.args.get("q", "")[:100]
    found = {message.id for message in search_phrases(query, kind="message")} if query else None
    groups = [(group, [m for m in catalog().messages_in(group.id) if found is None or m.id in found])
              for group in catalog().categories_of("message")]
    return render_template("messages/index.html", groups=[(g, ms) for g, ms in groups if ms], query=query,
                           found=found)


def filled_texts(message, values):
    """[(language, title markup, body markup, plain text to copy)] for all 15 languages."""
    return [
        (language, ruby(message.title[language.code]), fill(message.body[language.code], message, values, language.code),
         ruby_text(message.title[language.code]) + "\n" + fill_plain(message.body[language.code], message, values,
                                                                       language.code))
        for language in LANGUAGES
    ]


@bp.route("/<message_id>", methods=["GET", "POST"])
@form_page
def compose(lang, message_id):
    message = reviewed_phrase(catalog().messages.get(message_id))  # a reviewed edit is used at once
    if message is None:
        abort(404)
    form = sign_form(message, allow_blank=False,
                     data={"lang1": lang, "lang2": "ja" if lang != "ja" else "en"} if request.method == "GET" else None)
    texts = advice = None
    if request.method == "POST" and form.validate_on_submit():
        values = fill_values(form, message)
        action = request.form.get("action")
        if action == "text":
            body = "\n\n".join(f"[{language.name}]\n{text}" for language, _t, _b, text in filled_texts(message, values))
            return current_app.response_class(body + "\n", mimetype="text/plain", headers={
                "Content-Disposition": f'attachment; filename="message-{message.id}.txt"'})
        advice = legibility_advice(SheetRequest(message.id, form.chosen_languages(), form.size.data,
                                                form.orientation.data, tuple(sorted(values.items())),
                                                form.shelter.data.strip(), kind="message")) if action == "print" else None
        if action == "print" and advice is None:
            printed, _token = store.create_printed_sheet("message", message.id, form.chosen_languages(),
                                                         form.size.data, form.orientation.data, values,
                                                         form.shelter.data.strip(), owner=owner_for_printing())
            return redirect_to_printed(printed.code)
        texts = filled_texts(message, values)
    status = 400 if request.method == "POST" and form.errors else 200
    return render_template("messages/compose.html", message=message, form=form, texts=texts, advice=advice), status
