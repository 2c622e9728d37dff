"""Blocks and associations: seeded from associations.csv, exported and re-imported as CSV by the secretariat."""
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import lazy_gettext as _l

from ..db import get_db, write
from . import audit

SEED = Path(__file__).with_name("associations.csv")
COLUMNS = ("jurisdiction", "jurisdiction_type", "association_ja", "block", "name_source", "block_source", "chair")
REQUIRED = ("jurisdiction", "jurisdiction_type", "association_ja", "block")
TYPES = ("prefecture", "city")
SOURCES = ("", "confirmed", "inferred")
MAX_TEXT = 100


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    new_blocks: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (line number, jurisdiction, reason)


def blocks():
    """Every block with its chair association's name and how many associations it has."""
    return list(get_db().query(
        """select b.id, b.name, b.chair_association_id, c.name_ja as chair_name,
                  (select count(*) from association a where a.block_id = b.id) as associations
           from block b left join association c on c.id = b.chair_association_id order by b.id"""))


def associations(block_id=None):
    sql = """select a.*, b.name as block from association a join block b on b.id = a.block_id
             {where} order by a.block_id, a.id"""
    if block_id is None:
        return list(get_db().query(sql.format(where="")))
    return list(get_db().query(sql.format(where="where a.block_id = ?"), [block_id]))


def association(association_id):
    rows = get_db().query("select a.*, b.name as block from association a join block b on b.id = a.block_id"
                          " where a.id = ?", [association_id])
    return next(iter(rows), None)


def block_association_ids(block_id):
    return [row[0] for row in get_db().execute("select id from association where block_id = ?", [block_id])]


def _check_row(row, seen, chairs):
    """The reason this CSV row cannot be imported, or None."""
    for name in REQUIRED:
        if not row.get(name):
            return _l("%(column)s is empty", column=name)
    if any(len(value) > MAX_TEXT for value in row.values() if value):
        return _l("a value is longer than %(count)s characters", count=MAX_TEXT)
    if row["jurisdiction_type"] not in TYPES:
        return _l("jurisdiction_type must be prefecture or city, not %(value)s", value=row["jurisdiction_type"])
    for name in ("name_source", "block_source"):
        if row.get(name, "") not in SOURCES:
            return _l("%(column)s must be confirmed, inferred or empty", column=name)
    if row.get("chair", "") not in ("", "yes"):
        return _l("chair must be yes or empty")
    if row["jurisdiction"] in seen:
        return _l("%(value)s appears twice in the file", value=row["jurisdiction"])
    if row.get("chair") == "yes" and row["block"] in chairs:
        return _l("block %(block)s already has a chair in this file (%(other)s)", block=row["block"],
                  other=chairs[row["block"]])
    return None


def _rows(text):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(str(_l("The file has no column %(column)s.", column=", ".join(missing))))
    for number, row in enumerate(reader, start=2):
        yield number, {key: (value or "").strip() for key, value in row.items() if key in COLUMNS}


def import_csv(text, actor=None):
    """Add or update associations by jurisdiction; every rejected row is reported and nothing of it is saved."""
    db = get_db()
    report = ImportReport()
    seen, chairs = set(), {}
    with write(db):
        for number, row in _rows(text):
            reason = _check_row(row, seen, chairs)
            if reason:
                report.rejected.append((number, row.get("jurisdiction", ""), reason))
                continue
            seen.add(row["jurisdiction"])
            if row.get("chair") == "yes":
                chairs[row["block"]] = row["jurisdiction"]
            _apply_row(db, row, report)
        for block_name, jurisdiction in chairs.items():
            db.execute("update block set chair_association_id = (select id from association where jurisdiction = ?)"
                       " where name = ?", [jurisdiction, block_name])
        db.execute("delete from block where id not in (select block_id from association)")
        if actor is not None:
            audit.record(actor, "registry.import", "registry", "associations", None,
                         {"added": report.added, "updated": report.updated, "rejected": len(report.rejected)})
    return report


def _apply_row(db, row, report):
    block = db.execute("select id from block where name = ?", [row["block"]]).fetchone()
    if block is None:
        block_id = db["block"].insert({"name": row["block"]}).last_pk
        report.new_blocks.append(row["block"])
    else:
        block_id = block[0]
    values = {"jurisdiction_type": row["jurisdiction_type"], "name_ja": row["association_ja"], "block_id": block_id,
              "name_source": row.get("name_source", ""), "block_source": row.get("block_source", "")}
    existing = next(iter(db.query("select * from association where jurisdiction = ?", [row["jurisdiction"]])), None)
    if existing is None:
        db["association"].insert(dict(values, jurisdiction=row["jurisdiction"]))
        report.added += 1
    elif any(existing[key] != value for key, value in values.items()):
        if existing["block_id"] != block_id:
            db.execute("update block set chair_association_id = null where chair_association_id = ?", [existing["id"]])
        db["association"].update(existing["id"], values)
        report.updated += 1
    else:
        report.unchanged += 1


def seed():
    """Load the bundled registry into an empty database; returns the report (nothing happens when seeded)."""
    if get_db()["association"].count:
        return None
    return import_csv(SEED.read_text(encoding="utf-8"))


def safe_cell(value):
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(header, rows):
    """CSV with a BOM so spreadsheet programs read Japanese correctly; every cell made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return "\ufeff" + out.getvalue()


def export_csv():
    rows = get_db().execute(
        """select a.jurisdiction, a.jurisdiction_type, a.name_ja, b.name, a.name_source, a.block_source,
                  case when b.chair_association_id = a.id then 'yes' else '' end
           from association a join block b on b.id = a.block_id order by a.block_id, a.id""").fetchall()
    return csv_text(COLUMNS, rows)


def set_chair(block_id, association_id, actor):
    """Make an association of the block its chair (the chair rotates yearly)."""
    db = get_db()
    with write(db):
        before = db.execute("select chair_association_id from block where id = ?", [block_id]).fetchone()
        if before is None or association_id not in block_association_ids(block_id):
            raise ValueError("association not in block")
        db.execute("update block set chair_association_id = ? where id = ?", [association_id, block_id])
        audit.record(actor, "block.chair", "block", block_id, {"chair": before[0]}, {"chair": association_id})
