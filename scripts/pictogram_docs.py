"""Write docs/pictograms.md (every sign and its pictogram) and the before/after PNGs of the changed ones.

Run from the repository root: python scripts/pictogram_docs.py [--before-rev 483dc9d]
(483dc9d is main before issue 18; its SVGs are the "before" pictures, read with git show.)
"""
import argparse
import io
import subprocess
import sys
from pathlib import Path

import cairosvg
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from disaster_support.catalog import catalog  # noqa: E402

OUT = ROOT / "docs" / "pictograms"
CHANGED = {  # pictogram id -> (what the sign showed before, why)
    "hot-water": ("drinking-water", "mismatch: showed the cold drinking-water tap"),
    "allergy": ("food", "mismatch: showed the plain meal icon"),
    "valuables": ("police", "mismatch: showed police"),
    "unsafe-building": ("earthquake", "mismatch: showed earthquake"),
    "keep-passages-clear": ("evacuation-direction", "mismatch: showed the exit runner"),
    "blood-clot": ("car", "mismatch: showed a plain car"),
    "aftershock": ("aftershock", "redrawn: wavy lines over cracked ground read as \"hot\""),
    "carbon-monoxide": ("carbon-monoxide", "redrawn: read as a smoking plant pot in a house"),
    "fraud": ("fraud", "redrawn: a fish-hook on paper"),
    "gas-outage": ("gas-outage", "redrawn: read as \"no fire\""),
    "shoes-off": ("shoes-off", "redrawn: read as \"shoes this way\""),
    "quiet": ("quiet", "redrawn: at 48 px the finger looked like a thermometer"),
}
# Public information symbols each pictogram follows in idea (not copied). Names, not clause numbers:
# the numbers must be checked against the standards themselves before anyone claims conformance.
FOLLOWS = {
    "toilet": "JIS Z 8210 お手洗 / ISO 7001 Toilets", "toilet-men": "JIS Z 8210 男子 / ISO 7001 Men",
    "toilet-women": "JIS Z 8210 女子 / ISO 7001 Women",
    "toilet-accessible": "JIS Z 8210 障害のある人が使える設備 / ISO 7001 Accessible facility",
    "wheelchair": "JIS Z 8210 障害のある人が使える設備 / ISO 7001 Accessible facility",
    "drinking-water": "JIS Z 8210 飲料水 / ISO 7001 Drinking water",
    "food": "JIS Z 8210 レストラン / ISO 7001 Restaurant", "first-aid": "JIS Z 8210 救護所 / ISO 7001 First aid",
    "doctor": "JIS Z 8210 病院 (idea of a medical facility)", "information": "JIS Z 8210 案内所 / ISO 7001 Information",
    "reception": "JIS Z 8210 受付 / ISO 7001 Reception", "telephone": "JIS Z 8210 電話 / ISO 7001 Telephone",
    "wifi": "JIS Z 8210 無線LAN", "phone-charging": "JIS Z 8210 充電コーナー",
    "charging-station": "JIS Z 8210 充電コーナー (plug idea)",
    "changing-room": "JIS Z 8210 更衣室 / ISO 7001 Changing room", "nursing-room": "JIS Z 8210 ベビーケアルーム / ISO 7001 Baby care room",
    "prayer-room": "JIS Z 8210 礼拝室", "shower": "JIS Z 8210 シャワー / ISO 7001 Shower", "bath": "JIS Z 8210 浴室",
    "lost-and-found": "JIS Z 8210 忘れ物取扱所 / ISO 7001 Lost and found", "police": "JIS Z 8210 警察",
    "no-entry": "JIS Z 8210 立入禁止 / ISO 7010 P004 No thoroughfare (idea)", "no-smoking": "JIS Z 8210 禁煙 / ISO 7010 P002 No smoking",
    "no-fire": "JIS Z 8210 火気厳禁 / ISO 7010 P003 No open flame", "bus": "JIS Z 8210 バス / ISO 7001 Bus",
    "train": "JIS Z 8210 鉄道 / ISO 7001 Railway", "airport": "JIS Z 8210 航空機 / ISO 7001 Aircraft",
    "evacuation-shelter": "JIS Z 8210 避難所（建物）", "tsunami-evacuation-building": "JIS Z 8210 津波避難ビル / ISO 20712-1",
    "higher-ground": "JIS Z 8210 津波避難場所 / ISO 20712-1 (idea)", "evacuation-direction": "JIS Z 8210 非常口 / ISO 7010 E001 (running figure and arrow)",
    "flood": "JIS Z 8210 洪水 / ISO 20712-1", "landslide": "JIS Z 8210 崖崩れ・地滑り / ISO 20712-1",
    "elderly": "JIS Z 8210 高齢者", "children": "JIS Z 8210 乳幼児連れ (idea)", "money": "JIS Z 8210 両替 / ISO 7001 Currency exchange (idea)",
    "sos": "JIS Z 8210 非常ボタン (idea)", "hand-washing": "none (ISO 7010 M011 Wash your hands is close)",
    "shoes-off": "none in JIS Z 8210; prohibition layout of ISO 7010 / ISO 3864-1",
    "keep-passages-clear": "ISO 7010 P023 Do not obstruct (idea); prohibition layout of ISO 3864-1",
}

def png(svg_bytes, size, dest):
    data = cairosvg.svg2png(bytestring=svg_bytes, output_width=size, output_height=size)
    Image.open(io.BytesIO(data)).save(dest, optimize=True)

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--before-rev", default="483dc9d")
args = parser.parse_args()


def old_svg(pid):
    return subprocess.run(["git", "show", f"{args.before_rev}:pictograms/svg/{pid}.svg"], check=True,
                          capture_output=True).stdout


rows = []
for sign in sorted(catalog().signs.values(), key=lambda s: (s.category, s.id)):
    pid = sign.pictogram
    follows = FOLLOWS.get(pid, "none")
    change = ""
    if pid in CHANGED:
        change = CHANGED[pid][1]
    rows.append(f"| {sign.category} | `{sign.id}` | {sign.title['en']} ({sign.title['ja']}) | `{pid}` | {follows} | {change} |")

pictures = []
for pid, (old, why) in CHANGED.items():
    for state, src in (("before", old_svg(old)), ("after", (ROOT / "pictograms" / "svg" / f"{pid}.svg").read_bytes())):
        for size in (48, 240):
            png(src, size, OUT / f"{pid}-{state}-{size}.png")
    pictures.append(f"### `{pid}` — {why}\n\n"
                    f"| before, 48 px | after, 48 px | before, print | after, print |\n|---|---|---|---|\n"
                    f"| ![]({OUT.name}/{pid}-before-48.png) | ![]({OUT.name}/{pid}-after-48.png) "
                    f"| ![]({OUT.name}/{pid}-before-240.png) | ![]({OUT.name}/{pid}-after-240.png) |\n")

(ROOT / "docs" / "pictograms.md").write_text(f"""# Pictograms of the signs

Every sign in `sheets/signs/` and the pictogram it shows: the referent (what the sign means), the pictogram
id (`pictograms/svg/<id>.svg`), and the public information symbol whose idea it follows where one exists
(JIS Z 8210 案内用図記号, ISO 7001 public information symbols, ISO 7010 / ISO 20712-1 safety signs), or
"none". Our drawings are original, in the house style of `pictograms/README.md`; they follow the idea of
those symbols, they are not copies. Symbol names are given as we know them; check the clause numbers against
the standards themselves before claiming conformance anywhere.

Generated by `scripts/pictogram_docs.py` from the catalog; regenerate it after changing a sign or a pictogram.

## Every sign

| category | sign | referent | pictogram | follows | changed in issue 18 |
|---|---|---|---|---|---|
""" + "\n".join(rows) + """

## Changed pictograms, before and after (issue 18)

"Print size" is a 240 px rendering (the sign prints the pictogram about 10 cm wide); 48 px is the phone size.
The "before" of a mismatch is the unrelated pictogram the sign used to show.

""" + "\n".join(pictures))
print(len(rows), "signs")
