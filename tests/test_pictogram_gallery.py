"""The pictogram gallery and downloads."""
import io

import pytest
from PIL import Image

from conftest import visible_text
from disaster_support.catalog import catalog
from disaster_support.i18n import CODES, plain


@pytest.mark.parametrize("code", CODES)
def test_gallery_shows_every_pictogram_with_its_name(client, code):
    page = client.get(f"/{code}/pictograms/").get_data(as_text=True)
    visible = visible_text(page)
    for pid, names in catalog().pictogram_names.items():
        assert f'src="/pictograms/{pid}.svg"' in page
        assert plain(names[code]) in visible, pid


def test_svg_and_png_downloads(client):
    svg = client.get("/pictograms/first-aid.svg")
    assert svg.mimetype == "image/svg+xml" and b'viewBox="0 0 100 100"' in svg.data
    png = client.get("/pictograms/first-aid-512.png")
    assert png.mimetype == "image/png"
    image = Image.open(io.BytesIO(png.data))
    assert image.size == (512, 512)
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 2  # a drawing, not an empty square


def test_unknown_pictogram_and_size_are_404(client):
    assert client.get("/pictograms/no-such.svg").status_code == 404
    assert client.get("/pictograms/first-aid-333.png").status_code == 404
    assert client.get("/en/pictograms/no-such").status_code == 404


def test_pictogram_page_has_a_localized_title_inside_the_svg(client):
    page = client.get("/th/pictograms/first-aid").get_data(as_text=True)
    assert f"<title>{plain(catalog().pictogram_names['first-aid']['th'])}</title>" in page
