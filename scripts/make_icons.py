"""Draw the app icons (favicon, install icons) from one SVG; run again only when the design changes.

Example: .venv/bin/python scripts/make_icons.py
"""
from pathlib import Path

import cairosvg
from PIL import Image

ICONS = Path(__file__).resolve().parents[1] / "disaster_support" / "static" / "icons"
# A white "i" (information) on the site's blue, with a red band for emergencies; safe zone for maskable icons.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" fill="#0b5cad"/>
<rect y="392" width="512" height="120" fill="#b3261e"/>
<circle cx="256" cy="132" r="40" fill="#fff"/>
<rect x="220" y="196" width="72" height="168" rx="14" fill="#fff"/>
</svg>
"""


def main():
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(SVG, encoding="utf-8")
    for size in (192, 512, 180):
        name = "apple-touch-icon.png" if size == 180 else f"icon-{size}.png"
        cairosvg.svg2png(bytestring=SVG.encode(), write_to=str(ICONS / name), output_width=size, output_height=size)
    Image.open(ICONS / "icon-192.png").save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
