"""Metadata of a page text dump: dates, dateline, byline names and outlet names.

The headline is chosen in ``dump_meta``; this module reads the single lines around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from newsdiff.core.text import word_set

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: k for k, m in enumerate(_MONTH_NAMES, 1)}
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"((?:19|20)\d\d)"
_YEAR_END = r"(?:\b|(?=\d{1,2}:\d\d))"  # "May 14, 20251:43 PM": pages glue the time on
_DATES = [
    (re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d)\b"), ("y", "m", "d")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH},? {_YEAR}{_YEAR_END}", re.I), ("d", "M", "y")),
    (re.compile(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}{_YEAR_END}", re.I), ("M", "d", "y")),
]
# Month names of other languages the library meets (Russian in the genitive, as dates write them).
_FOREIGN_MONTHS = {
    name: k
    for names in (
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "januar februar märz april mai juni juli august september oktober november dezember",
    )
    for k, name in enumerate(names.split(), 1)
}
_FOREIGN_DATE = re.compile(
    rf"\b(\d{{1,2}})\.?(?:er|º)? (?:de )?({'|'.join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))})"
    rf"(?: de)?,? {_YEAR}(?: г(?:ода|\.))?{_YEAR_END}", re.I)
_NUMERIC = re.compile(rf"\b(\d{{1,2}})[/.](\d{{1,2}})[/.]{_YEAR}\b")
_PUBLISHED = re.compile(r"\b(?:published|posted|first published|date|опубликовано|pubblicato|publicado|publié"
                        r"|veröffentlicht)\b", re.I)
_UPDATED = re.compile(r"\b(?:updated|modified|edited|обновлено|aggiornato|actualizado|mis à jour|aktualisiert)\b",
                      re.I)

_NAME_WORD = r"(?:[A-Z][\w'’.-]*[a-z][\w'’.-]*|[A-Z]\.(?: ?[A-Z]\.)*|[A-Z]{2,}\b)"
_PARTICLE = r"(?:de|van|von|der|den|da|das|dos|du|di|del|della|al|el|bin|ibn|le|la|st\.?)"
_NAME = rf"{_NAME_WORD}(?: (?:{_PARTICLE} )?{_NAME_WORD}){{1,3}}"
_BY = re.compile(
    rf"^(?:[\w ]{{0,20}}\b)?(?i:by|words by|written by|reporting by|story by|author:|reporter:)\s*:?\s*"
    rf"((?:The )?{_NAME_WORD}(?: (?:{_PARTICLE} )?{_NAME_WORD}){{0,4}}"
    rf"(?:(?:,| and| &) (?:The )?{_NAME_WORD}(?: (?:{_PARTICLE} )?{_NAME_WORD}){{0,4}})*)"
)
_NAME_IN = re.compile(rf"^({_NAME}(?: and {_NAME})?) in [A-Z][\w'’. -]+$")
_NAME_ROLE = re.compile(
    rf"^({_NAME}),? (?:[\w ]{{0,30}})?(?i:correspondent|reporter|editor|writer|columnist|journalist|"
    r"staff|contributor|analyst)\b"
)
_DATE_TAIL = re.compile(rf"\s+(?=\d|{_MONTH} \d)", re.I)
_ROLE_WORDS = word_set(
    "staff writer correspondent reporter editor contributor columnist journalist producer analyst "
    "senior chief political economics business sports news desk deputy associate managing"
)
_BARE_NAME = re.compile(rf"^{_NAME}$")

_DATELINE_CAPS = re.compile(
    r"^\(?([A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3})(?:, ?[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"(?:, ?[A-Za-z]{3,9}\.? \d{1,2})?\s*(?:\([^)]{1,40}\))?\)?\s*(?::|—|–|--|-)\s*(?=\S)"
)
_DATELINE_TITLE = re.compile(
    r"^([A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+){0,2})(?:, ?[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"(?:, ?(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]+(?: \d{4})?))?"
    r"(?:\s*\([^)]{1,40}\)\s*(?::|—|–|--|-)|\s+(?:—|–|--|-)\s*|—|--)\s*(?=[A-Z“\"‘'])"
)
_NOT_PLACES = word_set(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH LIVE ANALYSIS OPINION EDITORIAL NOTE PHOTOS VIDEO "
    "READ MORE ALSO FACT CHECK REVIEW COMMENT IMAGE IMAGES PHOTO PHOTOGRAPH PICTURE PICTURES CAPTION CREDIT "
    "GRAPHIC ILLUSTRATION FILE"
)
_OUTLET_WORDS = word_set(
    "news times post daily herald journal guardian tribune gazette wire press observer telegraph "
    "chronicle express courier mail today independent register mirror monitor bulletin "
    "dispatch examiner inquirer ledger globe insider network media radio tv television broadcasting "
    "agency sentinel weekly magazine online bbc cnn reuters "
    "bloomberg afp upi nbc abc cbs fox npr pbs"
)
_REGION_SUFFIX = re.compile(r"\s+[-–|:]\s+(?:[A-Z]{2,3}|US|UK|EU|[A-Z][a-z]+(?: [A-Z][a-z]+)?)$")
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?,?\s+)?"
    r"(.{2,60}?)(?:\.|,|\s+[·|•]|\s+(?:19|20)\d\d\b| all rights| ltd\b| limited\b| inc\b| llc\b|$)", re.I,
)


def _iso(parts: dict[str, str]) -> str | None:
    try:
        month = int(parts["m"]) if "m" in parts else _MONTHS[parts["M"][:3].lower()]
        return date(int(parts["y"]), month, int(parts["d"])).isoformat()
    except (KeyError, ValueError):
        return None


def _numeric_date(line: str) -> str | None:
    """30/08/2026 or 08/30/2026 when the order is unambiguous (a part above 12); else None."""
    m = _NUMERIC.search(line)
    if not m:
        return None
    a, b, y = m.groups()
    if int(a) > 12:
        return _iso({"d": a, "m": b, "y": y})
    if int(b) > 12:
        return _iso({"d": b, "m": a, "y": y})
    return None


def date_in(line: str) -> str | None:
    """The first calendar date written in ``line``, as ISO YYYY-MM-DD."""
    best: tuple[int, str] | None = None
    for pattern, order in _DATES:
        m = pattern.search(line)
        if m:
            found = _iso(dict(zip(order, m.groups(), strict=True)))
            if found and (best is None or m.start() < best[0]):
                best = (m.start(), found)
    m = _FOREIGN_DATE.search(line)
    if m and (best is None or m.start() < best[0]):
        found = _iso({"d": m.group(1), "m": str(_FOREIGN_MONTHS[m.group(2).lower()]), "y": m.group(3)})
        best = (m.start(), found) if found else best
    if best:
        return best[1]
    return _numeric_date(line)


def find_date(lines: Sequence[str]) -> str | None:
    """The publication date among ``lines``: a 'Published' line first, not an 'Updated' one."""
    dated = [(line, found) for line in lines if (found := date_in(line))]
    for line, found in dated:
        if _PUBLISHED.search(line) and not _UPDATED.search(line.split("|")[0]):
            return found
    for line, found in dated:
        if not _UPDATED.search(line[:12]):
            return found
    return dated[0][1] if dated else None


def dateline_prefix(paragraph: str) -> tuple[str, int] | None:
    """('WARSAW/BRUSSELS', length of the prefix) when a paragraph opens with a dateline."""
    m = _DATELINE_CAPS.match(paragraph)
    if m and m.group(1).strip(" -/") and m.group(1).split()[0].strip(".") not in _NOT_PLACES:
        place = m.group(1).strip(" -/.")
        letters = [c for c in place if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return place, m.end()
    m = _DATELINE_TITLE.match(paragraph)
    if m and len(paragraph) > m.end() + 20:
        return m.group(1), m.end()
    return None


def find_dateline(first_paragraph: str) -> str | None:
    """'WARSAW/BRUSSELS: NATO ...' gives 'WARSAW/BRUSSELS'."""
    found = dateline_prefix(first_paragraph)
    return found[0] if found else None


def _names_only(found: str) -> str:
    """'Hannah Brooks, Staff Writer' gives 'Hannah Brooks': the list is cut at a role or outlet."""
    parts = re.split(r"(,| and | & )", found)
    kept = [parts[0]]
    for joiner, part in zip(parts[1::2], parts[2::2], strict=False):
        words = {w.lower().strip(".") for w in part.split()}
        if words & (_ROLE_WORDS | _OUTLET_WORDS) or part.strip().startswith("The "):
            break
        kept += [joiner, part]
    return "".join(kept).strip(" ,.")


def byline_name(line: str) -> str | None:
    """The person named by a byline line ('By Ana Ribeiro', 'Dan Sabbagh in Kyiv'), else None."""
    line = re.split(r"\s+[|•·]\s+|\s*\|\s*", line.strip())[0].strip()
    if not line or len(line.split()) > 12:
        return None
    line = _DATE_TAIL.split(line)[0]  # "By The Associated Press Jul. 27, 2024"
    m = _BY.match(line)
    if m:  # an explicit byline may name an agency too ("By The Associated Press")
        return _names_only(re.split(r"\s+in\s+(?=[A-Z])", m.group(1))[0]) or None
    m = _NAME_IN.match(line)
    if m and is_name(m.group(1).split(" and ")[0]):
        return m.group(1)
    m = _NAME_ROLE.match(line)
    if m and is_name(m.group(1)):
        words = m.group(1).split()
        # "Ruth Calloway Technology editor": a desk name sits between the name and the role.
        return " ".join(words[:2]) if len(words) > 2 and "," not in line else m.group(1)
    return None


def is_name(text: str) -> bool:
    """A person's name: two to four capitalised words, none of them an outlet or section word."""
    words = text.split()
    if not _BARE_NAME.match(text) or len(words) > 5:
        return False
    lowered = {w.lower().strip(".") for w in words}
    return not lowered & _OUTLET_WORDS and not lowered & {"the", "associated", "staff", "team", "desk"}


_GENERIC_LABELS = word_set(
    "breaking news latest live top stories world local national international home today business sport "
    "sports politics opinion video videos photos more headlines trending popular update updates just in "
    "the of and edition menu tv radio watch listen"
)


def outlet_shaped(line: str) -> bool:
    """A short capitalised line that names a publication ('The Guardian', 'HARBOR WIRE')."""
    words = line.split()
    if not 1 <= len(words) <= 6 or any(c in "|•·/@:›»" for c in line) or line[-1:] in ".?!":
        return False
    if any(w.strip(".,").isdigit() for w in words):  # "CT 2025" is a cut-off ticker, not a name
        return False
    if {w.lower().strip(".,:") for w in words} <= _GENERIC_LABELS or line.lower().startswith("by "):
        return False
    capitals = sum(w[:1].isupper() for w in words if w[:1].isalpha())
    return capitals >= max(1, len(words) - 1) and bool(words[0][:1].isupper())


def has_outlet_word(line: str) -> bool:
    """A word of a publication's name ('Times', 'Wire'), or 'news' inside one ('Euronews')."""
    words = {w.lower().strip(".,:;") for w in line.split()}
    return bool(words & _OUTLET_WORDS) or any("news" in w for w in words)


def tidy_outlet(line: str) -> str:
    """'The Guardian - UK' gives 'The Guardian'; 'HARBOR WIRE' gives 'Harbor Wire'."""
    name = _REGION_SUFFIX.sub("", line.strip()).strip(" -|:")
    if name.isupper() and len(name) > 4:
        words = name.split()
        # Short words stay capitals (BBC, ABC), but not the joining words of a title, in any language.
        name = " ".join(w.lower() if k and w in _JOINING else
                        w if len(w) <= 3 and w not in _JOINING else w.title() for k, w in enumerate(words))
    return name


_JOINING = word_set("THE OF AND FOR ON IN AT DE DEL DELLA DI DA LA LE EL DU DES VON VAN DER")


_CORPORATE = re.compile(
    r"(?:\s+(?:digital|media|group|publishing|publications|holdings|company|co|corp|corporation|ltd|limited|"
    r"inc|llc|plc|gmbh|s\.?a)\.?)+$", re.I)


def copyright_owner(lines: Sequence[str]) -> str | None:
    """'© 2026 Harbor Wire. All rights reserved.' gives 'Harbor Wire' (corporate suffixes dropped:
    the publisher's company is not the outlet's name)."""
    for line in lines:
        m = _COPYRIGHT.match(line.strip())
        if m:
            owner = _CORPORATE.sub("", m.group(1).strip(" .,")).strip(" .,")
            if owner and owner[0].isupper() and len(owner.split()) <= 6 and not date_in(owner):
                return owner
    return None
