"""Emergency and advice numbers become tap-to-call links that never break across lines, in any script."""
import re

from markupsafe import Markup

# Japan's short numbers: police, coast guard, fire/ambulance, disaster message dial, consumer and child lines,
# and the #-numbers for medical advice, child health, consultation and police advice.
NUMBER = re.compile(r"(?<![A-Za-z0-9#.,/:=\"'-])(#7119|#8000|#8008|#9110|110|118|119|171|188|189)(?![0-9])")
TAG = re.compile(r"(<[^>]+>)")


def tel_link(number):
    return Markup('<a class="tel" href="tel:{}">{}</a>').format(number.replace("#", "%23"), number)


def tel_links(html):
    """Markup with each emergency number in text (not in tags, not already in a link) made a tel: link."""
    parts, inside_link = [], 0
    for part in TAG.split(str(html)):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            inside_link += 1 if name == "a" else -1 if name == "/a" else 0
            parts.append(part)
        elif inside_link:
            parts.append(part)
        else:
            parts.append(NUMBER.sub(lambda m: str(tel_link(m.group(1))), part))
    return Markup("".join(parts))
