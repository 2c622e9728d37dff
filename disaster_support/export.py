"""`flask export-static DIR`: the public read-only site as plain files, for any static host, a CDN, or a
laptop on a shelter's network without internet. Pages are what the app answers (rendered through the test
client), saved as DIR/<path>/index.html; links are given their trailing slash so any file server finds them.
Search runs in the browser on a per-language index file (static/js/search.js).
"""
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import current_app, url_for
from flask.cli import with_appcontext
from werkzeug.exceptions import HTTPException

from . import i18n
from .living.content import CHAPTERS
from .living.search_index import sections_for

PAGES = {"main.home", "main.emergency", "main.offline", "living.index", "living.chapter", "living.staff_view",
         "living.search", "living.translations", "pictograms.gallery", "pictograms.sheet", "messages.index",
         "messages.compose"}
FILES = {"main.manifest", "main.favicon", "main.service_worker", "living.booklet", "pictograms.svg",
         "pictograms.png", "static"}
LINK = re.compile(r'(?:href|src|action|content)="([^"#?]+)[^"]*"|&#34;(/[^&]*)&#34;|"(/[^"\s<>]*)"')
POST_FORM = re.compile(r'<form method="post".*?</form>', re.S)


def _seeds(codes):
    urls = ["/sw.js", "/favicon.ico"]
    for code in codes:
        urls += [url_for(endpoint, lang=code) for endpoint in
                 ("main.home", "main.emergency", "main.offline", "main.manifest", "living.index", "living.search",
                  "pictograms.gallery", "messages.index")]
        urls += [url_for("living.chapter", lang=code, chapter_id=chapter) for chapter in CHAPTERS]
    return urls


def _endpoint(adapter, path):
    try:
        endpoint, args = adapter.match(path, method="GET")
    except HTTPException:
        return None, {}
    return endpoint, args


def _target(root, path):
    """Where a URL's answer is written: pages as <path>/index.html, files under their own name."""
    relative = path.strip("/")
    if path.endswith("/") or not Path(relative).suffix:
        return root / relative / "index.html"
    return root / relative


def _links(text):
    for match in LINK.finditer(text):
        link = next(group for group in match.groups() if group)
        if link.startswith("/") and not link.startswith("//"):
            yield link


def crawl(client, codes, with_pdf):
    """{path: response bytes} for every public read-only URL reachable from the languages' entry pages."""
    adapter = current_app.url_map.bind("localhost")
    queue, answers = list(_seeds(codes)), {}
    while queue:
        path = urlsplit(queue.pop()).path
        if path in answers:
            continue
        endpoint, args = _endpoint(adapter, path)
        if endpoint not in PAGES | FILES or args.get("lang", codes[0]) not in codes:
            continue
        if endpoint == "living.booklet" and not with_pdf:
            continue
        with current_app.app_context():  # a fresh context per page: g and the translations of its language
            response = client.get(path)
        if response.status_code != 200:
            continue
        answers[path] = response.get_data()
        if response.mimetype == "text/html":
            queue.extend(_links(response.get_data(as_text=True)))
    return answers


def _with_slashes(text, pages, base_url):
    """Links to pages get their trailing slash (the file server answers /x/ with /x/index.html)."""
    def fix(match):
        path = match.group(2)
        return match.group(1) + (path + "/" if path in pages else path)

    return re.sub(r'(["\'(]|&#34;|' + re.escape(base_url) + r')(/[^"\'#?&\s<>()]*)', fix, text)


def search_index_json(code, chapter_url):
    sections = sections_for(current_app.instance_path, code)
    return {"sections": [{"url": chapter_url(s.chapter) + ("#" + s.anchor if s.anchor != "content" else ""),
                          "chapter": s.chapter, "title": str(i18n.ruby(s.title)), "heading": s.heading_html,
                          "body": s.body, "reading": s.reading} for s in sections]}


def export_site(root, codes, with_pdf=True):
    """Write the site into root; returns the number of files written."""
    root = Path(root)
    client = current_app.test_client()
    answers = crawl(client, codes, with_pdf)
    pages = {path for path in answers if not path.endswith("/") and not Path(path).suffix}
    base_url = current_app.config["BASE_URL"].rstrip("/")
    for path, body in answers.items():
        target = _target(root, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix in (".html", ".js", ".webmanifest"):
            text = POST_FORM.sub("", body.decode("utf-8"))  # nothing to send to in a static copy
            body = _with_slashes(text, pages, base_url).encode("utf-8")
        target.write_bytes(body)
    for code in codes:
        index = search_index_json(code, lambda chapter, code=code: url_for(
            "living.chapter", lang=code, chapter_id=chapter) + "/")
        target = root / code / "living" / "search" / "search-index.json"
        target.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    home = _target(root, "/" + codes[0] + "/")
    if home.exists():  # the root of the copy opens the first language's home page
        shutil.copy(home, root / "index.html")
    return len(answers) + len(codes)


@click.command("export-static")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--languages", default=",".join(i18n.CODES), show_default=True, help="URL codes to export.")
@click.option("--no-pdf", is_flag=True, help="Leave out the PDF booklets (they take a minute per language).")
@with_appcontext
def export_static_command(directory, languages, no_pdf):
    """Write the public read-only site (living information, emergency, pictograms, booklets, message texts)
    in all languages as static files that any web server, CDN or laptop can serve; search works in the browser.

    Set DISASTER_SUPPORT_BASE_URL to the address the copy will have (for absolute links).

    Example: flask --app wsgi export-static /srv/www/disaster-support
    """
    codes = [code.strip() for code in languages.split(",") if code.strip()]
    unknown = [code for code in codes if code not in i18n.BY_CODE]
    if unknown:
        raise click.BadParameter(f"unknown language codes: {', '.join(unknown)}", param_hint="--languages")
    current_app.config["STATIC_EXPORT"] = True
    with current_app.test_request_context():
        count = export_site(directory, codes, with_pdf=not no_pdf)
    click.echo(f"Wrote {count} files to {directory}")
