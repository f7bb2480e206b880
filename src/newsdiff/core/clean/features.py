"""Features of the lines of a page text dump, for telling article prose from page chrome.

Every cue here is generic web or newsroom vocabulary (share, subscribe, photograph, Getty
Images...), never a phrase of a particular page: the classifier in ``clean`` weighs these cues
together with shape (length, terminal punctuation, lower-case share, repetition, position).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from enum import Enum

from newsdiff.core.clean.metadata import dateline_prefix
from newsdiff.core.text import OTHER_CLOSERS, OTHER_STOPS

_WORDS = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# A sentence's end, in Latin punctuation or another script's (OTHER_STOPS: 。 । ؟ ...).
_TERMINAL = re.compile(f"[.!?…{OTHER_STOPS}][\"'”’)\\]{OTHER_CLOSERS}]*$" + r"|[.!?…][\"'”’]?\s*\(\w[^)]{0,30}\)$")
# Chinese and Japanese (kana, CJK ideographs) write words without spaces: a run of these counts a
# word per two characters.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CHARS}]")
_SPACES = {ord(c): " " for c in "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200b)))}
_MULTISPACE = re.compile(r"  +")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_BULLET = re.compile(r"^(?:[-–•·*▪►>]+|\d{1,2}[.)])\s+")
_DATE_LABEL = re.compile(
    r"^(?:date|published|posted|updated|last updated)\s*:?\s*(\d{4}-\d\d-\d\d)(?:[T ][\d:.+Z-]*)?(?:\s+|$)", re.I
)

# Lines that open with web chrome: links out, promotion, sharing, player and consent notices.
_CUE_START = re.compile(
    r"^(?:(?:read|see|watch|listen) (?:more|also|next|now|live)\b|also (?:read|see|watch)\b|"
    r"more (?:from|on|in|about|stories|news|videos)\b|related\b[^.]{0,40}:|related (?:stories|articles|"
    r"content|coverage|news|reading|topics|links|posts|videos)\b|recommended\b|you (?:may|might) (?:also )?"
    r"(?:like|enjoy|be interested)|we recommend|top (?:stories|news|picks)\b|most (?:read|popular|viewed|"
    r"shared|watched|commented)\b|trending(?: now| stories| news)?:?$|editor'?s? (?:picks|choice)|our picks|"
    r"don'?t miss|must read|in (?:pictures|photos|video)\b|latest (?:news|stories|videos|headlines)\b|"
    r"sign (?:up|in)\b|log ?(?:in|out)\b|already (?:a|have)\b|subscribe\b|subscribers? only|"
    r"get (?:the|our|all|unlimited|full|free|breaking|daily|weekly)\b|join (?:us|our|the conversation)\b|"
    r"download (?:the|our|now)\b|follow (?:us|@|our)\b|share (?:this|on|via|article|story)\b|"
    r"(?:click|tap) (?:here|to)\b|advertisement\b|advertising\b|sponsored\b|promoted\b|skip (?:to|ad)\b|"
    r"jump to\b|back to top\b|(?:next|previous) (?:article|story|post|page)\b|(?:story|article) continues\b|"
    r"continue reading\b|(?:leave|add|view|show|load|read) (?:a |all |the )?comments?\b|comments? \(\d+\)|"
    r"report an? (?:error|typo|correction)|cookies?\b|privacy (?:policy|settings|notice)|terms (?:of|and) "
    r"(?:use|service|conditions)|contact us\b|about us\b|all rights reserved|copyright\b|©|\(c\) \d{4}|"
    r"email (?:this|us)\b|print (?:this|article)\b|gift (?:this|article)\b|save (?:this|article|for later)|"
    r"view (?:all|more|gallery|comments)\b|show (?:more|all)\b|load more\b|see (?:more|all)\b|"
    r"photo(?:graph)?s?:|images?:|pictures?:|videos?:|credit:|caption:|"
    r"breaking(?: news)?:?$|live(?: updates| blog)?:?$|exclusive:?$|image source\b|photo credit\b|"
    r"free trial\b|start (?:reading|your)\b|open in app\b|install (?:the|our)\b|now playing\b|up next\b|"
    r"please (?:use|enable|enter|upgrade|update|try|refresh|log|sign|subscribe|disable|allow|support|"
    r"click|tap|wait|select)\b|by (?:clicking|entering|signing up|submitting|subscribing|continuing|using)\b|"
    r"terms of use\b|share full\b|listen to (?:this|the) (?:article|story)\b|(?:image|media|video|photo) "
    r"(?:caption|source|credit)\b|(?:more|also|related|read|see|watch|listen)\s*[:|]|this (?:article|story) "
    r"(?:was|has been|first|originally) (?:originally |first )?(?:published|appeared|updated|corrected|amended)|"
    r"originally (?:published|appeared)\b|follow .{1,40} on (?:twitter|x|facebook|instagram|linkedin|threads|"
    r"bluesky|whatsapp|telegram)\b|opens? in (?:a )?new (?:window|tab)|link copied|copy link|"
    r"\d+ min(?:ute)?s? read\b|(?:got|have) an? (?:story|tip|news tip)\b)",
    re.I,
)
# Labels that make a line chrome only when short (a long line so opened is a paragraph).
_LABEL_START = re.compile(
    r"^(?:filed under\b|tags?:|topics?:|categories:|watch:|listen:|source:|sources:|updated:|published:|"
    r"posted:|last (?:updated|modified)\b|posted/updated\b|share\s*$|(?:first )?(?:published|updated|posted)\b"
    r"(?=.*(?:\d|\bago\b)))",
    re.I,
)
# Photo captions and credits anywhere in a line.
_CREDIT = re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture|illustration|file photo)\s*(?::|by [A-Z])|"
    r"\bgetty images\b|\bshutterstock\b|\balamy\b|\bap photo\b|\bimage source\s*:|\ball photographs\s*:|"
    r"\w/\s*(?:reuters|afp|ap|epa|upi|ani|pti|xinhua|efe|anadolu|dpa)\b|"
    r"\b(?:reuters|afp|epa|efe|dpa)\s*/\s*\w|\bvia (?:getty|reuters|ap\b|afp)|\bcredit(?:\.{2,}|…)",
    re.I,
)
# Promotion aimed at the reader ("Get all your news in one place", "curated for you").
_YOU = re.compile(r"\b(?:you|your|you're|yours)\b", re.I)
_IMPERATIVE = re.compile(
    r"^(?:get|sign|subscribe|download|join|follow|read|start|try|enjoy|discover|explore|support|register|"
    r"create|unlock|become|receive|stay|never|don'?t|click|tap|watch|listen|learn|find|check|give|access|"
    r"claim|upgrade|save|share|tell|send|let us|sorry)\b",
    re.I,
)
_PROMO = re.compile(
    r"\b(?:inbox|newsletters?|subscri\w+|app|premium|membership|member|account|sign(?:ed)? (?:up|in)|"
    r"unlimited|access|offer|trial|ad-free|notifications?|curated|titles|browser|download|donat\w*|"
    r"journalism|readers?)\b",
    re.I,
)
_CONTACT_US = re.compile(
    r"\b(?:call|email|e-mail|message|contact|tell|write to|tip) (?:us|the newsdesk|our newsroom)\b", re.I)
_TECH = re.compile(
    r"\b(?:html5|javascript|browser|ad ?blocker|pop-?ups?|captcha|playback|video player|media player|"
    r"file format|not supported|unsupported|date of birth)\b",
    re.I,
)
_SEPARATORS = re.compile(r"\s[|•·/]\s|\s*\|\s*")
_URL = re.compile(r"https?://|www\.|\b[\w.-]+@[\w-]+\.\w|\.(?:com|org|net|co\.uk)/")
# Bare section headers that announce a list of other stories: the article is over.
_LIST_HEADER = re.compile(
    r"^(?:you (?:may|might) (?:also )?like|related(?: \w+)?|more (?:from|on|in|stories|news)\b.*|"
    r"recommended(?: for you| stories| reading)?|top stories(?: on .*)?|most (?:read|popular|viewed|shared)|"
    r"trending(?: now)?|latest(?: news| stories)?|read next|up next|editor'?s? picks|our picks|"
    r"(?:show |view |load )?comments?(?: \(\d+\))?|don'?t miss|must read|what to read next|"
    r"around the web|from the web|elsewhere on .*|sponsored (?:stories|content|links)|explore more\b.*|"
    r"more about\b.*|related (?:content|coverage|topics)|see more on\b.*|popular (?:videos|now))\s*:?$",
    re.I,
)


# The article is over: a sign-off ("Reporting by ...", "... contributed to this report") or the
# author's biography.
_SIGN_OFF = re.compile(
    r"^\(?(?:(?:additional )?reporting by\b|editing by\b|writing by\b|compiled by\b|\(?with inputs from\b|"
    r"[-—–] ?with (?:ap|reuters|afp)\b)|\bcontributed (?:reporting )?to this (?:report|story|article)",
    re.I,
)
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2} (?:is|was) (?:a|an|the)\b[^.]{0,50}\b(?:reporter|correspondent|"
    r"writer|editor|journalist|producer|columnist|contributor|intern|fellow)\b.{0,40}\b(?:for|covering|based|at)\b"
)


class Kind(Enum):
    """What a single line looks like on its own."""

    BLANK = "blank"
    PROSE = "prose"  # sentence-shaped, long enough to be article text
    SHORT = "short"  # a short sentence (a one-line paragraph or quote)
    CHROME = "chrome"  # links, promotion, sharing, credits, player notices
    HEADER = "header"  # "Related stories", "You may also like": what follows is not the article
    OTHER = "other"  # headings, names, dates, menu words


@dataclass(frozen=True, slots=True)
class LineInfo:
    """Features of one line of a page."""

    text: str
    words: int
    terminal: bool
    lower_share: float
    kind: Kind
    repeated: bool
    credit: bool = False
    cued: bool = False  # chrome by its own words, not merely by repetition
    dateline: int = 0  # length of a dateline prefix ("WARSAW/BRUSSELS: ")

    @property
    def chrome(self) -> bool:
        return self.kind in (Kind.CHROME, Kind.HEADER)

    @property
    def prose(self) -> bool:
        return self.kind is Kind.PROSE


def lower_share(words: list[str]) -> float:
    """Share of words that do not start with a capital (prose is mostly lower case, headings are not;
    a script without case, Arabic, Hindi or Japanese, reads as lower case throughout)."""
    return sum(not w[0].isupper() for w in words) / len(words) if words else 0.0


def word_count(words: list[str], text: str) -> int:
    """How many words ``words`` (the tokens of ``text``) make, counting CJK characters two to a word."""
    if not _CJK.search(text):
        return len(words)
    return sum(max(1, len(_CJK.findall(w)) // 2) for w in words)


def normalise(line: str) -> str:
    """One line with runs of spaces folded and list bullets removed."""
    # translate + a rare-match regex: re.sub over every single space of a huge line would
    # build millions of pieces (memory), this builds one string.
    line = _MULTISPACE.sub(" ", line.translate(_SPACES)).strip()
    return _BULLET.sub("", line) if len(line) > 3 else line


def unwrap(lines: list[str]) -> list[str]:
    """Re-join paragraphs of a hard-wrapped dump (lynx -dump, e-mail): most lines then end
    near one width, and a line that reaches it without a full stop continues on the next."""
    lengths = sorted(n for line in lines if (n := len(line)) >= 40)  # menus and names say nothing
    if len(lengths) < 6:
        return lines
    width = lengths[int(len(lengths) * 0.9)]
    # Lines that stop near the width without a full stop while the text goes on below them.
    continued = sum(1 for line, below in itertools.pairwise(lines)
                    if width - 15 <= len(line) <= width and below and not _TERMINAL.search(line[-4:]))
    if not 50 <= width <= 120 or continued < max(5, 0.3 * len(lengths)):
        return lines  # one paragraph a line, as browsers copy text: nothing to do
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        joins = len(previous) >= width - 20 and not _TERMINAL.search(previous[-4:])
        if line and previous and joins and not _BULLET.match(line):
            out[-1] = previous + line if previous.endswith("-") else f"{previous} {line}"  # "night-" "shift"
        else:
            out.append(line)
    return out


def split_date_label(line: str) -> tuple[str, str | None]:
    """('date 2024-01-02 Text', ...) -> ('Text', '2024-01-02'): scrapers glue such labels on."""
    m = _DATE_LABEL.match(line)
    return (line[m.end():], m.group(1)) if m else (line, None)


def is_chrome(line: str, words: int) -> bool:
    """Generic cues of page furniture (the line is short enough for chrome to be all it is)."""
    if words <= 30 and _CUE_START.match(line):
        return True
    if words <= 12 and _LABEL_START.match(line):
        return True
    if words <= 20 and len(_SEPARATORS.findall(line)) >= 2:
        return True  # a menu or ticker: items joined by separators
    if words <= 15 and _URL.search(line):
        return True
    if words <= 20 and _TECH.search(line):
        return True
    if words <= 20 and _CONTACT_US.search(line):
        return True
    if words <= 22 and "“" not in line and '"' not in line and _YOU.search(line):
        return bool(_IMPERATIVE.match(line) or _PROMO.search(line))
    return False


_CREDIT_HINTS = ("photo", "image", "picture", "illustration", "getty", "shutterstock", "alamy", "/", "via ",
                 "credit")


def has_credit(line: str) -> bool:
    """A photo caption or credit is in the line."""
    lowered = line.lower()
    return any(hint in lowered for hint in _CREDIT_HINTS) and bool(_CREDIT.search(line))


def without_credits(line: str) -> str:
    """The sentences of a line that carry no photo credit (a caption glued onto a paragraph)."""
    return " ".join(s for s in _SENTENCE_END.split(line) if not has_credit(s))


def _caption(line: str, words: int) -> bool:
    """A caption or credit line, not a paragraph with a caption glued on (which keeps two or
    more sentences of its own)."""
    if words > 45:
        return False
    rest = _SENTENCE_END.split(without_credits(line))
    return len(rest) < 2 or len(_WORDS.findall(" ".join(rest))) < 25


def is_list_header(line: str, words: int) -> bool:
    """A header over other stories, or a sign-off: what follows is not the article."""
    linked = ":" in line and len(line.split(":", 1)[1].split()) >= 2  # "More on this: <a story>"
    if words <= 8 and not linked and _LIST_HEADER.match(line):
        return True
    return words <= 40 and bool(_SIGN_OFF.search(line) or _BIO.match(line))


def describe(lines: list[str], *, min_prose_words: int = 7) -> list[LineInfo]:
    """Features of every line (blank lines included, as BLANK)."""
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            key = line[:4000].casefold()  # a prefix is identity enough, and bounded
            counts[key] = counts.get(key, 0) + 1
    out = []
    for line in lines:
        if not line:
            out.append(LineInfo("", 0, False, 0.0, Kind.BLANK, False))
            continue
        sample = line[:4000]  # features of a huge line need only its start (bounded memory)
        found = dateline_prefix(sample)
        dateline = found[1] if found else 0
        words = _WORDS.findall(sample[dateline:])
        n = word_count(words, sample) if len(line) <= 4000 else max(len(words), len(line) // 7)
        share = lower_share(words[1:]) if n > 1 else lower_share(words)
        # A long paragraph cut mid-sentence (truncated page) still reads as prose.
        terminal = bool(_TERMINAL.search(line[-60:])) or (n >= 40 and sample.count(". ") >= 2)
        repeated = counts[line[:4000].casefold()] > 1
        credit = has_credit(sample[dateline:])  # "(dpa/MIA)" in a dateline is no photo credit
        cued = is_chrome(sample, n)
        if is_list_header(line, n):
            kind = Kind.HEADER
        elif cued or (credit and _caption(sample, n)) or (repeated and n < 12):
            kind = Kind.CHROME
        elif terminal and dateline and n >= 5:
            kind = Kind.PROSE  # a dateline opens the lede, however many names follow
        elif terminal and n >= min_prose_words and (share >= 0.45 or (n >= 15 and share >= 0.3)):
            kind = Kind.PROSE
        elif terminal and n >= 3 and share >= 0.3:
            kind = Kind.SHORT
        else:
            kind = Kind.OTHER
        out.append(LineInfo(line, n, terminal, share, kind, repeated, credit, cued, dateline))
    return _twins(out)


def _twins(out: list[LineInfo]) -> list[LineInfo]:
    """A line printed twice in a row right above a dateline lede is a photo's alt text and
    caption; elsewhere the twin is a standfirst repeating the lede (and dedupe keeps one)."""
    texts = [k for k, li in enumerate(out) if li.text]
    for a, b, *rest in zip(texts, texts[1:], [*texts[2:], -1], strict=False):
        after = out[rest[0]] if rest and rest[0] >= 0 else None
        if out[a].text == out[b].text and after is not None and after.dateline:
            for j in (a, b):
                out[j] = dataclasses.replace(out[j], kind=Kind.CHROME)
    return out
