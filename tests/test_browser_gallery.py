"""The pictogram gallery in real chromium, desktop and phone: one tile per pictogram, downloads visible (issue 18)."""
import pytest

from browser import chromium_page
from disaster_support.catalog import catalog

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Each gallery tile as the reader sees it: its box, and the SVG/PNG links with their boxes and visibility.
TILES = """() => [...document.querySelectorAll('ul.gallery > li')].map(li => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const visible = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const links = [...li.querySelectorAll('.downloads a')];
  return {box: box(li), img: li.querySelector('img').getAttribute('src'),
          links: links.map(a => ({text: a.textContent.trim(), href: a.href, visible: visible(a), box: box(a)}))};
})"""


def _overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_gallery_has_one_tile_per_pictogram_with_visible_working_downloads(live_server, tmp_path, width, height):
    with chromium_page(width=width, height=height) as page:
        page.goto(f"{live_server}/en/pictograms/")
        page.screenshot(path=tmp_path / f"gallery-{width}.png")
        tiles = page.evaluate(TILES)
        assert sorted(t["img"] for t in tiles) == sorted(f"/pictograms/{pid}.svg" for pid in catalog().pictogram_names)
        # One tile per pictogram: nothing else in the grid looks like a tile, and tiles never overlap.
        grid_children = page.evaluate("document.querySelectorAll('ul.gallery > li, ul.gallery > li > *').length")
        assert grid_children == 3 * len(tiles)
        for first, second in zip(tiles, tiles[1:]):
            assert not _overlap(first["box"], second["box"]), (first["img"], second["img"])
        for tile in tiles:
            assert [link["text"] for link in tile["links"]] == ["SVG", "PNG"], tile["img"]
            for link in tile["links"]:
                assert link["visible"], (tile["img"], link["text"])
                left, top, right, bottom = tile["box"]
                assert left <= link["box"][0] and link["box"][2] <= right and link["box"][3] <= bottom + 1, tile["img"]
        for link in tiles[0]["links"] + tiles[-1]["links"]:
            response = page.request.get(link["href"])
            assert response.status == 200
            assert response.headers["content-type"].split(";")[0] == {"SVG": "image/svg+xml", "PNG": "image/png"}[link["text"]]
        # A reader can click the PNG link of a tile and get the file.
        with page.expect_download() as download:
            page.locator("ul.gallery > li").nth(3).get_by_role("link", name="PNG").click()
        assert download.value.suggested_filename.endswith(".png")
