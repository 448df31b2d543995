"""The default title of an agenda item: a short subject taken from its action line (or its
section's title), a noun phrase of a few words that a briefing officer would write, never a
sentence cut in the middle.

The rule, in order:
1. A statement ("ASEAN and the EU shall regularly review this Plan of Action ...") becomes a
   noun phrase: "Review of this Plan of Action"; "X is a shared responsibility of ..." its
   complement; "X does not ... create any legal obligations ..." "No legal obligations ...".
2. An instruction loses its leading verbs and the words that only say "work on" ("Convene
   the", "Continue to support the", "Promote cooperation on the implementation of the").
3. The subject ends where the line goes on to say how or why: at a comma, "including",
   "through", "with a view to", "in accordance with", "and promote" ...
4. Still longer than MAX_TITLE characters: a "Full Name (ABBR)" in it becomes ABBR, then the
   phrase is cut before a preposition ("in", "of", "for" ...) at the longest place that fits;
   never inside a parenthesis, never after a word like "of", "and", "the".
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.glossary import extract_acronyms

MAX_TITLE = 62
MIN_WORDS = 2

# Verbs an instruction starts with (their -s, -d/-ed and -ing forms too).
_VERB_STEMS = tuple(re.findall(r"\w+", """
    address advance assess build collaborate conduct consider contribute convene cooperate
    deepen develop encourage enhance ensure establish exchange expand explore facilitate
    foster hold implement improve increase intensify maintain mainstream maximise maximize
    promote protect provide pursue raise reaffirm recognise recognize reduce share spur
    strengthen support sustain underline continue mitigate preserve tackle combat achieve
    prevent discuss deliver identify create respond detect serve help move meet"""))


def _forms(stem: str) -> list[str]:
    base = stem[:-1] if stem.endswith("e") else stem
    return [stem, stem + "s", base + "ed", base + "ing", stem + "d"]


# Verbs that name the subject itself when they lead ("combating corruption").
_SUBJECT_VERBS = {"combat", "prevent", "tackle", "mitigate", "detect", "preserve", "achieve"}
_VERBS = "|".join(sorted({f for v in _VERB_STEMS if v not in _SUBJECT_VERBS for f in _forms(v)},
                         key=len, reverse=True))
_BASE_VERBS = "|".join(sorted(_VERB_STEMS, key=len, reverse=True))  # "and promote", "to support"
_NAMED = r"(?:the\s+)?(?:ASEAN\s+and\s+(?:the\s+)?EU|EU\s+and\s+ASEAN)"
_WORK = (r"(?:dialogues?|cooperation|collaboration|coordination|efforts|engagement|"
         r"policy\s+dialogue)")
_SHARED = (r"(?:(?:best\s+)?practices|experiences?|views|information|expertise|knowledge|"
           r"policies|lessons\s+learned|measures)")
# What an instruction starts with that is not its subject (repeated until nothing matches).
_LEADS = [re.compile(p, re.IGNORECASE) for p in (
    rf"^(?:regularly\s+|jointly\s+|further\s+|also\s+)?(?:{_VERBS})(?!\s+of\b)"
    r"(?:\s+together)?(?:,\s*as appropriate,)?[\s,]+",
    r"^(?:and|or|as well as|to|in|on|for|towards|with a view to|by)\s+",
    r"^(?:jointly|further|regularly|also|together|possible|potential|closer)\s+",
    r"^work\s+together\s+and\s+",
    r"^(?:the\s+)?challenges\s+of\s+",
    r"^capacity[- ]building\s+(?:in|to)\s+",
    rf"^{_SHARED}\s+to\s+(?:{_BASE_VERBS})\s+",
    r"^(?:the|an|a|its|their)\s+",
    r"^(?:possibility|importance|awareness|strengthening|enhancement)\s+of\s+",
    r"^(?:(?:the\s+)?(?:fields?|areas?)\s+of)\s+",
    rf"^(?:(?:possible|potential|further|closer|joint|regular)\s+)?{_WORK}"
    rf"(?:\s+and\s+(?:(?:{_VERBS})\s+)?{_WORK})?(?:\s+between\s+{_NAMED})?"
    r"\s+(?:on|in|to|for|through|by|with\s+a\s+view\s+to)\s+",
    rf"^{_WORK}\s+and\s+(?:{_VERBS})\s+{_SHARED}\s+(?:to\s+(?:{_BASE_VERBS})|on|in)\s+",
    r"^sectors\s+on\s+",
    rf"^(?:cooperation|dialogue)\s+and\s+(?=(?:{_VERBS})\b)",
    rf"^(?:ASEAN(?:'s|\u2019s)\s+)?(?:efforts|initiatives)\s+(?:to\s+(?:{_BASE_VERBS})|in)\s+",
    r"^ASEAN\s+in\s+\w+ing\s+",
    r"^(?:(?:full\s+and\s+)?effective\s+)?(?:implementation|holding|conduct|"
    r"development\s+and\s+implementation)\s+of\s+",
    rf"^(?:(?:exchange|sharing)\s+of\s+)?{_SHARED}(?:,?\s+and\s+{_SHARED})?\s+"
    r"(?:on|in)\s+",
    r"^(?:work\s+carried\s+out|work\s+accomplished)\s+by\s+",
    r"^(?:inter[- ]alia\s+)?issues\s+such\s+as\s+",
    r"^capacity\s+in\s+the\s+development\s+and\s+implementation\s+of\s+",
)]
_WITH = re.compile(r"^(?:collaborate|cooperate|engage)\s+with\s+(?:the\s+)?", re.IGNORECASE)
# Where the subject ends: the line goes on to say how, where, why or what else.
_STOPS = re.compile(
    r"\s*[;:]|\.\s|\.$|\s(?:including|through|via|with a view|in accordance with|"
    r"in order to|so as to|such as|as per|where appropriate|taking into account|in line with|"
    r"on the basis of|as (?:a|an) (?:platform|mechanism|means|way)|inter[- ]alia|especially|"
    r"particularly|(?:in|on|by) [a-z]+ing\b|as well as|building on|while|"
    rf"where and when|and (?:{_BASE_VERBS})\b|to (?:{_BASE_VERBS})\b)")
_COMMA = re.compile(r",\s")
# "preparedness for, and capacity to respond to, ...": two phrases sharing an object
_OPEN_PAIR = re.compile(r"\b(?:for|to|of|in|on|with),\s")
_LIST_GOES_ON = re.compile(r",\s+(?:(?!while|which|where|when|whose|including|as|with|in|"
                           r"through)[\w'\u2019/-]+,?\s+){0,3}?(?:and|or)\s")
# Words a title may be cut before (a phrase that goes on) and may never end with.
_CUT_BEFORE = ("in", "of", "on", "for", "with", "between", "to", "among", "within", "towards",
               "against", "from", "under", "at", "across", "and", "as", "that", "which",
               "while", "by", "into", "around", "beyond", "especially", "particularly",
               "since", "through")
_NO_END = frozenset(_CUT_BEFORE) | {"the", "a", "an", "its", "their", "or", "both", "all",
                                     "other", "any", "this", "these", "such", "more", "further",
                                     "relevant", "our", "each", "nor", "so", "far", "well", "free"}
_STATEMENT = re.compile(
    r"^(?P<subject>[A-Z].{2,80}?)\s+(?:shall|will|should|could|may|can|must)\s+"
    r"(?:(?:\w+ly)\s+)?(?P<verb>[a-z]+)\s+(?P<rest>.+)$")
_COPULA = re.compile(r"^(?P<subject>[A-Z].{2,80}?)\s+(?:is|are)\s+(?:a|an|the)\s+(?P<rest>.+)$")
_NEGATION = re.compile(r"^[A-Z].{2,80}?\s+(?:does|do|shall|will)\s+not\b.*?\b"
                       r"(?:create|establish|impose|constitute)\s+(?:any\s+)?(?P<rest>.+)$")
_NOUNS = {"review": "Review", "implement": "Implementation", "submit": "Submission",
          "monitor": "Monitoring", "report": "Report", "evaluate": "Evaluation",
          "assess": "Assessment", "adopt": "Adoption", "update": "Update"}


@lru_cache(maxsize=4096)  # a brief asks for each title a few times
def default_item_title(text: str, *, limit: int = MAX_TITLE) -> str:
    """The short subject of an action line's text or a section's title (see the module)."""
    flat = " ".join(text.split()).strip()
    if not flat:
        return ""
    prefix = ""
    phrase = _statement(flat)
    if phrase is None:
        with_whom = _WITH.match(flat)
        if with_whom:  # "Collaborate with the ACWC, ..." -> "Cooperation with the ACWC"
            prefix, phrase = "Cooperation with ", flat[with_whom.end():]
        else:
            phrase = _strip_leads(flat)
    phrase = _first_clause(phrase)
    room = limit - len(prefix)
    if len(phrase) > room:
        phrase = _compact_names(phrase, 1 if prefix else MIN_WORDS)
    if len(phrase) > room:
        phrase = _last_of_list(phrase)
    if len(phrase) > room:
        phrase = _cut(phrase, room)
    phrase = _tidy(phrase)
    if not phrase:  # nothing left of the line: its own first words, cut as a title is
        prefix, phrase = "", _tidy(_cut(flat, limit))
    phrase = prefix + phrase
    return phrase[:1].upper() + phrase[1:]


def _statement(flat: str) -> str | None:
    m = _NEGATION.match(flat)
    if m:
        return "No " + m.group("rest")
    m = _STATEMENT.match(flat)
    if m and not _LEADS[0].match(flat):
        verb = m.group("verb")
        if verb == "be":  # "A progress report ... could be submitted": the subject
            return _strip_article(m.group("subject"))
        noun = _NOUNS.get(verb, verb.capitalize())
        return f"{noun} of {m.group('rest')}"
    m = _COPULA.match(flat)
    if m and not _LEADS[0].match(flat):
        return m.group("rest")
    return None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|an|a)\s+", "", text, flags=re.IGNORECASE)


def _strip_leads(flat: str) -> str:
    phrase = flat
    for _ in range(12):
        for lead in _LEADS:
            m = lead.match(phrase)
            if m and len(phrase) > m.end():
                phrase = phrase[m.end():]
                break
        else:
            break
    return phrase


def _first_clause(phrase: str) -> str:
    """Up to the first stop outside a parenthesis (a comma only where no list goes on), if
    some words are left before it."""
    stops = [(m.start(), False) for m in _STOPS.finditer(phrase)]
    stops += [(m.start(), True) for m in _COMMA.finditer(phrase)]
    for at, comma in sorted(stops):
        head = phrase[:at]
        if head.count("(") > head.count(")") or not head.strip() or _OPEN_PAIR.search(head):
            continue
        if comma:
            last_item = head.rsplit(",", 1)[-1].split()
            if (len(last_item) < MIN_WORDS or _LIST_GOES_ON.match(phrase, at)
                    or _ends_badly(head)):
                continue
        return head
    return phrase


def _compact_names(phrase: str, min_words: int = MIN_WORDS) -> str:
    """'ASEAN Plus EU Senior Officials Meeting on Transnational Crime (SOMTC+EU) Consultations'
    -> 'SOMTC+EU Consultations': the names this phrase defines, by their abbreviation (unless
    the abbreviation would be all that is left)."""
    for acronym in sorted(extract_acronyms(phrase), key=lambda a: -len(a.expansion)):
        pattern = (re.escape(acronym.expansion) + r"['\u2019]?\s*\("
                   + re.escape(acronym.abbr) + r"[^)]*\)")
        shorter = re.sub(pattern, acronym.abbr, phrase, count=1)
        if len(shorter.split()) >= min_words:
            phrase = shorter
    return phrase


def _last_of_list(phrase: str) -> str:
    """'Promotion, protection, and enforcement of intellectual property rights' ->
    'Enforcement of intellectual property rights': a list's last item carries the noun."""
    commas = [m for m in _COMMA.finditer(phrase)
              if phrase[:m.start()].count("(") == phrase[:m.start()].count(")")]
    if not commas:
        return phrase
    items = [phrase[:commas[0].start()]] + [
        phrase[a.end():b.start()] for a, b in zip(commas, commas[1:], strict=False)]
    if any(len(item.split()) > 2 for item in items):  # not a list of words
        return phrase
    m = re.match(r"(?:[\w'\u2019-]+\s+){0,3}?(?:and|or)\s+", phrase[commas[-1].end():])
    if m is None:
        return phrase
    rest = phrase[commas[-1].end() + m.end():]
    return rest if len(rest.split()) >= MIN_WORDS else phrase


def _cut(phrase: str, limit: int) -> str:
    """The longest start of `phrase` within `limit` that ends before a preposition (or, if
    none, before "and", or at a word), outside any parenthesis and not inside a name or a
    list."""
    words = phrase.split(" ")
    before_prep = before_and = at_comma = fallback = ""
    for n in range(1, len(words)):
        head = " ".join(words[:n])
        if len(head) > limit:
            break
        if head.count("(") != head.count(")") or _ends_badly(head):
            continue
        following = words[n].lower().strip(",;:")
        last = head.rsplit(" ", 1)[-1]
        into_name = (n + 1 < len(words) and words[n + 1][:1].isupper()
                     and last[:1].isupper())
        if re.search(r"\bbetween\s+(?:the\s+)?\S+$", head):
            continue  # "between ASEAN" goes on: "and the EU"
        if _OPEN_PAIR.search(head):
            break  # "preparedness for, and capacity to respond to, ...": not to be cut
        if following == "of" and len(head.split()) > 1 and \
                head.split()[-2].lower() in _NO_END:
            continue  # "in the areas" goes on: "of education"
        if not following[:1].isupper() or not last[:1].isupper():
            fallback = head  # not inside a run of capitalised words (a name)
        if n < 2:
            continue
        if head.endswith(","):
            at_comma = head
        rest = words[n + 1:]
        if following == "and" or (head.endswith(",") and not _LIST_GOES_ON.match(
                phrase, len(head) - 1)):
            in_list = "," in head and len(head.rsplit(",", 1)[1].split()) <= 2
            short_end = len(rest) <= 3 and not set(map(str.lower, rest)) & set(_CUT_BEFORE)
            if not in_list and not short_end:
                before_and = head
        elif following in _CUT_BEFORE and not into_name:
            before_prep = head
    if before_prep and len(before_prep) >= len(before_and) / 2:
        return before_prep
    return (before_and or before_prep or at_comma or fallback
            or " ".join(words[:MIN_WORDS]))


def _ends_badly(head: str) -> bool:
    last = head.rsplit(" ", 1)[-1]
    return last.lower().strip(",;:") in _NO_END or last.endswith(("-", "\u2013", "/", "&"))


def _tidy(phrase: str) -> str:
    phrase = phrase.strip(" ,;:.-\u2013")
    words = phrase.split(" ")
    while len(words) > 1 and _ends_badly(" ".join(words)):
        words.pop()
    phrase = " ".join(words).strip(" ,;:.-\u2013")
    if phrase.count("(") > phrase.count(")"):
        phrase = phrase[:phrase.rfind("(")].strip(" ,;:")
    return phrase
