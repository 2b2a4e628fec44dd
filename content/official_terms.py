"""Belgian official terms that the brochure quotes in Dutch or French inside every language's text.

Readers need the exact words they will hear at the counter, so translations keep them untranslated. At render time
they are wrapped in `<span lang="nl">` / `<span lang="fr">` so screen readers pronounce them in the right language
(WCAG 3.1.2, language of parts). Terms that are also English words ("divorce", "refuge") are left out.
"""

import re
from functools import cache
from html import unescape

from django.utils.safestring import mark_safe

TERMS = {
    "nl": [
        "Agentschap Integratie en Inburgering",
        "attest van immatriculatie",
        "bewijslast",
        "bijzonder schrijnende omstandigheden",
        "Bureau voor Juridische Bijstand",
        "crisisopvang",
        "Dienst Vreemdelingenzaken",
        "echtscheiding",
        "gezinscel",
        "gezinshereniging",
        "jeugdrechtbank",
        "Kind en Gezin",
        "klacht",
        "medisch attest",
        "partnergeweld",
        "pro-deoadvocaat",
        "proces-verbaal",
        "sociaal tolk",
        "tijdelijke verblijfskaart",
        "vluchthuis",
        "ziekenfonds",
        "Zorgcentrum na Seksueel Geweld",
    ],
    "fr": [
        "accueil de crise",
        "attestation d'immatriculation",
        "avocat pro deo",
        "Bureau d'aide juridique",
        "cellule familiale",
        "Centre de Prise en charge des Violences Sexuelles",
        "certificat médical",
        "charge de la preuve",
        "circonstances particulièrement pénibles",
        "Écoute Violences Conjugales",
        "interprète social",
        "maison d'accueil",
        "mutualité",
        "Office des Étrangers",
        "plainte",
        "procès-verbal",
        "regroupement familial",
        "titre de séjour temporaire",
        "tribunal de la jeunesse",
        "violence conjugale",
    ],
}
TAG = re.compile(r"(<[^>]+>)")
APOSTROPHE = "(?:'|’|&\\#x27;|&\\#39;)"


@cache
def _pattern(page_language: str) -> re.Pattern | None:
    alternatives = []
    for language, terms in TERMS.items():
        if language != page_language:
            alternatives += [(term, language) for term in terms]
    if not alternatives:
        return None
    # Longest first, so a long term wins over a shorter one inside it. The apostrophe may be typographic or escaped.
    alternatives.sort(key=lambda item: -len(item[0]))
    parts = [re.escape(term).replace("'", APOSTROPHE) for term, _ in alternatives]
    return re.compile(r"(?<!\w)(" + "|".join(parts) + r")(?!\w)")


def _language_of(term: str) -> str:
    plain = unescape(term).replace("’", "'")
    return next(language for language, terms in TERMS.items() if plain in terms)


def mark(html: str, page_language: str) -> str:
    """Wrap the official terms of other languages in `html` (text between tags only) in a span with their lang."""
    pattern = _pattern(page_language)
    if pattern is None:
        return html
    pieces = TAG.split(str(html))
    for index in range(0, len(pieces), 2):  # even pieces are text, odd pieces are tags
        pieces[index] = pattern.sub(
            lambda m: f'<span lang="{_language_of(m.group(1))}">{m.group(1)}</span>', pieces[index]
        )
    return mark_safe("".join(pieces))  # noqa: S308 (only adds spans around text of already-safe HTML)
