"""HTTP for many readers (issue 16): public pages cacheable by a shared cache, compressed, honest headers."""
import gzip

import pytest


@pytest.mark.parametrize("path", ["/en/", "/my/living/housing", "/th/emergency", "/vi/living/search?q=thuế",
                                  "/static/css/site.css", "/ja/living/booklet.pdf"])
def test_public_answers_are_cacheable_without_cookie_dependence(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.cache_control.public and response.cache_control.max_age >= 60
    assert "cookie" not in response.headers.get("Vary", "").lower()
    assert response.get_etag()[0]


def test_a_second_visit_with_the_etag_gets_304(client):
    first = client.get("/ko/living/pension", headers={"Accept-Encoding": "gzip"})
    again = client.get("/ko/living/pension", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_pages_are_compressed_for_clients_that_accept_it(client):
    response = client.get("/ne/living/health-insurance", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    html = gzip.decompress(response.data).decode()
    assert '<html lang="ne"' in html
    assert len(response.data) <= 30 * 1024  # DESIGN 7: a living-information page within 30 KB compressed


@pytest.mark.parametrize("path", ["/", "/q/NOSUCHCODE"])
def test_negotiating_redirects_vary_on_language_and_cookie(client, path):
    response = client.get(path, headers={"Accept-Language": "ko"})
    assert response.status_code == 302
    vary = {v.strip().lower() for v in response.headers["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    assert not response.cache_control.public


def test_personal_pages_are_not_made_public(client):
    response = client.get("/en/account/login")
    assert not response.cache_control.public


def test_405_says_what_is_allowed(client):
    response = client.post("/en/living/disasters")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_404_for_any_client_is_a_page_not_json(client):
    response = client.get("/en/no-such-page", headers={"Accept": "*/*"})
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert client.get("/en/no-such-page", headers={"Accept": "application/json"}).mimetype == "application/json"


def test_hreflang_links_are_absolute_with_x_default_and_a_description(client):
    page = client.get("/th/living/taxes").get_data(as_text=True)
    assert '<link rel="alternate" hreflang="th" href="http://127.0.0.1:5000/th/living/taxes">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://127.0.0.1:5000/en/living/taxes">' in page
    assert '<meta name="description" content="' in page
