"""SQL of the review area: reviewer languages and the append-only log of review actions."""
from ..db import get_db, write
from ..i18n import CODES
from ..sheets.store import now_iso

ACTIONS = ("approve", "edit", "flag")
_COLUMNS = ("id", "unit_key", "part", "code", "action", "text", "source_hash", "comment", "reviewer_name",
            "created_at", "exported_at")


def reviewer_languages(user_id):
    """The URL codes this account may review (empty when it is not a reviewer)."""
    row = get_db().execute("select reviewer_languages from user where id = ?", [user_id]).fetchone()
    return tuple(code for code in (row[0] or "").split() if code in CODES) if row else ()


def set_reviewer_languages(email, codes):
    """Make the account with this e-mail a reviewer of `codes` (none: no longer a reviewer); False if unknown."""
    with write() as db:
        cursor = db.execute("update user set reviewer_languages = ? where email = ?", [" ".join(codes), email])
        return cursor.rowcount == 1


def record_review(unit_key, part, code, action, text, source_hash, comment, reviewer):
    if action not in ACTIONS:
        raise ValueError(action)
    with write() as db:
        db["translation_review"].insert({
            "unit_key": unit_key, "part": part, "code": code, "action": action, "text": text,
            "source_hash": source_hash, "comment": comment, "reviewer_id": reviewer.id,
            "reviewer_name": reviewer.name, "created_at": now_iso()})


def latest_reviews(code=None, part=None, unit_prefix=None):
    """{(unit_key, code): the latest review row as a dict}, optionally for one language, part or unit prefix."""
    where, params = ["1 = 1"], []
    for column, value in (("code", code), ("part", part)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if unit_prefix:
        where.append("unit_key like ? escape '\\'")
        params.append(unit_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    rows = get_db().execute(
        f"select {', '.join(_COLUMNS)} from translation_review where id in ("
        f"select max(id) from translation_review where {' and '.join(where)} group by unit_key, code)", params)
    return {(row[1], row[3]): dict(zip(_COLUMNS, row)) for row in rows}


def history(unit_key, code):
    """Every review action on one unit in one language, oldest first."""
    rows = get_db().execute(f"select {', '.join(_COLUMNS)} from translation_review where unit_key = ? and code = ? "
                            "order by id", [unit_key, code])
    return [dict(zip(_COLUMNS, row)) for row in rows]


def review_version():
    """Changes whenever a review is recorded (part of the PDF cache key, so a new text is printed at once)."""
    return get_db().execute("select coalesce(max(id), 0) from translation_review").fetchone()[0]


def mark_exported(ids):
    with write() as db:
        for review_id in ids:
            db.execute("update translation_review set exported_at = ? where id = ?", [now_iso(), review_id])
