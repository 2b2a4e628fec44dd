"""Page weight on a cheap phone (issue "Fast on a cheap phone…"): every public page type in nl, ar and ti.

Sizes are gzip level 6 (`gzip -6`, what nginx's `gzip_comp_level 6` and most CDNs send; nginx's own default is 1,
which compresses less, so the budgets hold with margin only at 6 or more). Budgets, per page as a reader's phone
loads it with an empty browser cache:

- a brochure chapter's HTML: at most 14 KB compressed (14,336 bytes: the first round trip of a TCP connection);
- HTML + every stylesheet, script and SVG sprite the page references, each compressed on its own: at most 40 KB;
- JavaScript: at most 10 KB. The scripts are far smaller than that even uncompressed, so the test holds them to
  10 KB raw, the stricter reading.

Also no web fonts, no third-party resource, and images that a phone only downloads when it needs them
(`loading="lazy"`, `width`/`height`, WebP/AVIF for raster images). Run with `-s` to see the table of sizes.
"""

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from wagtail import blocks as wagtail_blocks
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from content import blocks as content_blocks
from content import chapters
from portal import views as portal_views
from portal.i18n import translated_field
from portal.questionnaire import tree as tree_module
from tests.helpers import OUTCOME_ANSWERS

GZIP_LEVEL = 6
CHAPTER_HTML_BUDGET = 14 * 1024  # 14,336 bytes
PAGE_TOTAL_BUDGET = 40 * 1024  # 40,960 bytes
JS_BUDGET = 10 * 1024  # 10,240 bytes, held to the raw (uncompressed) size
CODES = ["nl", "ar", "ti"]
FONT_EXTENSIONS = (".woff", ".woff2", ".ttf", ".otf", ".eot")
MODERN_FORMATS = ("webp", "avif")
RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp")
OUTCOME_PATH = OUTCOME_ANSWERS
OTHER_READER = {"nl": "ti", "ar": "ti", "ti": "ar"}  # side by side with a script that takes more bytes per letter

MEASURED = []  # rows of the table printed at the end of the module


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


# Reading a page's resources ------------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict
    in_picture: bool = False
    picture_sources: list = field(default_factory=list)


class _Elements(HTMLParser):
    """Every start tag with its attributes, the <source>s of the <picture> around an <img>, and inline styles."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.picture = None
        self.styles = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, in_picture=self.picture is not None)
        if tag == "picture":
            self.picture = []
        elif tag == "source" and self.picture is not None:
            self.picture.append(element.attrs)
        elif tag == "img" and self.picture is not None:
            element.picture_sources = list(self.picture)
        self.in_style = tag == "style"
        self.elements.append(element)

    def handle_endtag(self, tag):
        if tag == "picture":
            self.picture = None
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def resource_urls(parsed: _Elements) -> list[tuple[str, str]]:
    """(kind, url) of everything the browser fetches by itself for this page (links to other pages left out)."""
    found = []
    for element in parsed.elements:
        attrs = element.attrs
        if element.tag == "link" and attrs.get("href"):
            rel = attrs.get("rel", "").lower().split()
            kind = "css" if "stylesheet" in rel else "font" if attrs.get("as") == "font" else "link " + " ".join(rel)
            found.append((kind, attrs["href"]))
        elif element.tag == "script" and attrs.get("src"):
            found.append(("js", attrs["src"]))
        elif element.tag in ("img", "source", "iframe", "embed", "audio", "video", "track", "input") and attrs.get(
            "src"
        ):
            found.append((element.tag, attrs["src"]))
        elif element.tag == "object" and attrs.get("data"):
            found.append(("object", attrs["data"]))
        elif element.tag in ("use", "image") and (attrs.get("href") or attrs.get("xlink:href")):
            found.append(("svg", attrs.get("href") or attrs.get("xlink:href")))
        for candidate in re.split(r",\s+", attrs.get("srcset", "")) if attrs.get("srcset") else []:
            found.append((element.tag + " srcset", candidate.split()[0]))
        if attrs.get("poster"):
            found.append(("poster", attrs["poster"]))
    return found


def is_own(url: str) -> bool:
    """Same origin: a path on this site (not `//host/...`, not `https://...`); `data:` stays on the page too."""
    parts = urlsplit(url)
    return url.startswith("data:") or (not parts.scheme and not parts.netloc and url.startswith(("/", "#")))


def static_file(url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not a static file"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} is referenced but no such static file exists"
    return Path(found)


def css_problems(name: str, css: str) -> list[str]:
    problems = []
    if "@font-face" in css.lower():
        problems.append(f"{name}: @font-face (web font)")
    for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", css) + re.findall(r"""@import\s+['"]([^'"]+)""", css):
        if not is_own(url):
            problems.append(f"{name}: third-party url({url})")
        if urlsplit(url).path.lower().endswith(FONT_EXTENSIONS):
            problems.append(f"{name}: font file {url}")
    return problems


def image_problems(html: str) -> list[str]:
    """What keeps an <img> from being cheap on a phone: eager loading, no size (layout shift), or a raster image
    without a WebP/AVIF version the browser can choose."""
    problems = []
    for element in elements(html).elements:
        if element.tag != "img":
            continue
        attrs = element.attrs
        name = attrs.get("src", "?")
        if attrs.get("loading") != "lazy":
            problems.append(f'{name}: no loading="lazy"')
        if not (attrs.get("width", "").isdigit() and attrs.get("height", "").isdigit()):
            problems.append(f"{name}: no width and height")
        if urlsplit(name).path.lower().endswith(".svg") or name.startswith("data:image/svg"):
            continue
        candidates = [attrs.get("srcset", ""), name]
        candidates += [source.get("srcset", "") + " " + source.get("type", "") for source in element.picture_sources]
        if not any(fmt in candidate.lower() for candidate in candidates for fmt in MODERN_FORMATS):
            problems.append(f"{name}: raster image without a WebP or AVIF srcset or <picture> source")
    return problems


@dataclass
class Weight:
    label: str
    status: int
    html_raw: int
    html_gz: int
    css_gz: int = 0
    js_raw: int = 0
    js_gz: int = 0
    other_gz: int = 0
    problems: list = field(default_factory=list)

    @property
    def total_gz(self):
        return self.html_gz + self.css_gz + self.js_gz + self.other_gz


def weigh(label: str, response) -> Weight:
    """The page as a phone downloads it: HTML and each referenced own static file once, each compressed."""
    html = response.content.decode()
    parsed = elements(html)
    weight = Weight(label, response.status_code, len(response.content), compressed(response.content))
    seen = set()
    for kind, url in resource_urls(parsed):
        if not is_own(url):
            weight.problems.append(f"third-party {kind}: {url}")
            continue
        if url.startswith(("data:", "#")):
            continue
        if kind == "font" or urlsplit(url).path.lower().endswith(FONT_EXTENSIONS):
            weight.problems.append(f"font {kind}: {url}")
            continue
        path = static_file(url)
        if path in seen:
            continue
        seen.add(path)
        data = path.read_bytes()
        if kind == "css":
            weight.css_gz += compressed(data)
            weight.problems += css_problems(url, data.decode())
        elif kind == "js":
            weight.js_raw += len(data)
            weight.js_gz += compressed(data)
        else:
            weight.other_gz += compressed(data)
    for style in parsed.styles:
        weight.problems += css_problems(f"{label} <style>", style)
    weight.problems += image_problems(html)
    MEASURED.append(weight)
    return weight


# The pages -----------------------------------------------------------------------------------------------------


def get(client, url, status=200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    return response


def chapter_pages(client, code):
    pages = [(f"chapter {page.slug}", get(client, f"/{code}/{page.slug}/")) for page in chapters.live_chapters()]
    assert len(pages) >= 10
    return pages


def largest_chapter(client, code) -> str:
    return max(chapters.live_chapters(), key=lambda page: len(get(client, f"/{code}/{page.slug}/").content)).slug


def service_detail(client, code):
    listing = get(client, f"/{code}/help/").content.decode()
    service = re.search(rf'href="(/{code}/help/[0-9a-f-]{{36}}/)"', listing).group(1)
    return [("service detail", get(client, service))]


def search(client, code):
    # The longest word of a chapter title in this language: a query that finds several results.
    title = str(translated_field(chapters.live_chapter("residence-card"), "title", code))
    query = max(re.findall(r"\w+", title), key=len)
    response = get(client, f"/{code}/search/", data={"q": query})
    assert '<ol class="results">' in response.content.decode(), query
    return [(f"search ?q={query}", response)]


def questionnaire_form(answers):
    return {"answer": [f"{q}={c}" for q, c in answers], "v": tree_module.load(with_outcomes=False).version}


def questionnaire_step(client, code):
    response = client.post(f"/{code}/questionnaire/", {**questionnaire_form(OUTCOME_PATH[:1]), "step": "danger"})
    assert response.status_code == 200 and 'value="own_eu=' in response.content.decode()
    return [("questionnaire step (POST)", response)]


def questionnaire_outcome(client, code):
    response = client.post(f"/{code}/questionnaire/", questionnaire_form(OUTCOME_PATH))
    assert response.status_code == 200 and "data-grade=" in response.content.decode()
    return [("questionnaire outcome (POST)", response)]


def side_by_side(client, code):
    slug = largest_chapter(client, code)
    url = f"/{code}/referral/side-by-side/{OTHER_READER[code]}/{slug}/"
    return [(f"side by side {OTHER_READER[code]} {slug}", get(client, url))]


def handout(client, code):
    slug = largest_chapter(client, code)
    url = f"/{code}/referral/handout/{OTHER_READER[code]}/{slug}/"
    return [(f"handout {OTHER_READER[code]} {slug}", get(client, url))]


def server_error(client, code):
    # The handlers themselves: the test client re-raises a view's exception instead of rendering them.
    request = RequestFactory().get(f"/{code}/")
    return [
        ("500 error", portal_views.server_error(request)),
        ("503 database down", portal_views.database_unavailable(request)),
    ]


PAGE_TYPES = {
    "home": lambda client, code: [("home", get(client, f"/{code}/"))],
    "chapters": chapter_pages,
    "directory": lambda client, code: [("directory list", get(client, f"/{code}/help/"))],
    "directory-filtered": lambda client, code: [
        ("directory ?postcode=1000&category=", get(client, f"/{code}/help/?postcode=1000&category=violence-support"))
    ],
    "service": service_detail,
    "questionnaire-start": lambda client, code: [("questionnaire start", get(client, f"/{code}/questionnaire/"))],
    "questionnaire-step": questionnaire_step,
    "questionnaire-outcome": questionnaire_outcome,
    "search": search,
    "referral-index": lambda client, code: [("referral index", get(client, f"/{code}/referral/"))],
    "referral-page": lambda client, code: [
        ("referral page", get(client, f"/{code}/referral/fear-losing-card/?area=BE-BRU"))
    ],
    "side-by-side": side_by_side,
    "handout": handout,
    "card": lambda client, code: [
        ("neutral card", get(client, f"/{code}/referral/card/{OTHER_READER[code]}/residence-card/"))
    ],
    "interpreter": lambda client, code: [
        ("interpreter card", get(client, f"/{code}/referral/interpreter/{OTHER_READER[code]}/"))
    ],
    "not-found": lambda client, code: [("404", get(client, f"/{code}/no-such-page/", status=404))],
    "server-errors": server_error,
}
SELF_CONTAINED = {"500 error"}  # must render when everything fails, so it references no file at all


@pytest.fixture(scope="module", autouse=True)
def table():
    """Prints the measured sizes as a Markdown table when the module ends (shown with `pytest -s`)."""
    yield
    if not MEASURED:
        return
    print(f"\n\nPage weight, gzip level {GZIP_LEVEL}, bytes (CSS, JS, other: the static files the page references)\n")
    print("| page | status | HTML | HTML gz | CSS gz | JS raw | JS gz | other gz | total gz |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in MEASURED:
        print(
            f"| {row.label} | {row.status} | {row.html_raw:,} | {row.html_gz:,} | {row.css_gz:,} | {row.js_raw:,} | "
            f"{row.js_gz:,} | {row.other_gz:,} | {row.total_gz:,} |"
        )
    MEASURED.clear()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("code", CODES)
def test_every_page_fits_the_budget(client, seeded, code, page_type):
    weights = [weigh(f"/{code}/ {label}", response) for label, response in PAGE_TYPES[page_type](client, code)]
    for weight in weights:
        assert weight.problems == [], weight.label
        assert weight.total_gz <= PAGE_TOTAL_BUDGET, (weight.label, weight.total_gz)
        assert weight.js_raw <= JS_BUDGET, (weight.label, weight.js_raw)
        assert weight.js_gz <= weight.js_raw
        if not weight.label.endswith(tuple(SELF_CONTAINED)):
            assert weight.css_gz > 0, f"{weight.label}: no stylesheet found, so the page was not weighed whole"
        if page_type == "chapters":
            assert weight.html_gz <= CHAPTER_HTML_BUDGET, (weight.label, weight.html_gz)


def test_the_language_chooser_fits_the_budget(client, seeded):
    weight = weigh("/ language chooser", get(client, "/"))
    assert weight.problems == []
    assert weight.css_gz > 0 and weight.total_gz <= PAGE_TOTAL_BUDGET


def test_a_404_outside_the_languages_fits_the_budget(client, seeded):
    weight = weigh("/xx/ 404 (chooser style)", get(client, "/xx/no-such-page/", status=404))
    assert weight.problems == []
    assert weight.css_gz > 0 and weight.total_gz <= PAGE_TOTAL_BUDGET


def test_all_public_scripts_together_stay_under_the_javascript_budget():
    """Even a reader who opens every page type downloads less than 10 KB of script, uncompressed."""
    scripts = sorted((Path(settings.BASE_DIR) / "static" / "js").glob("*.js"))
    assert scripts
    assert sum(path.stat().st_size for path in scripts) <= JS_BUDGET, [(p.name, p.stat().st_size) for p in scripts]


# Fonts and images ----------------------------------------------------------------------------------------------


def test_no_web_font_anywhere_in_our_static_files():
    for folder in settings.STATICFILES_DIRS:
        files = [path for path in Path(folder).rglob("*") if path.is_file()]
        assert files
        assert [path for path in files if path.suffix.lower() in FONT_EXTENSIONS] == []
        for path in files:
            if path.suffix == ".css":
                assert css_problems(path.name, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<img src="/media/a.jpg" alt="">', ['no loading="lazy"', "no width and height", "WebP or AVIF"]),
        ('<img src="/media/a.jpg" loading="lazy" width="10" height="10" alt="">', ["WebP or AVIF"]),
        ('<img src="/media/a.png" loading="eager" width="1" height="1" srcset="/a.webp 1x">', ['no loading="lazy"']),
        ('<img src="/static/a.svg" loading="lazy" alt="">', ["no width and height"]),
    ],
)
def test_the_image_check_catches_a_heavy_image(snippet, expected):
    problems = image_problems(snippet)
    assert len(problems) == len(expected)
    assert all(words in problem for words, problem in zip(expected, problems, strict=True)), problems


@pytest.mark.parametrize(
    "snippet",
    [
        '<img src="/media/a.jpg" srcset="/media/a.webp 320w, /media/a-2.webp 640w" sizes="100vw" width="320"'
        ' height="200" loading="lazy" alt="">',
        '<picture><source type="image/avif" srcset="/media/a.avif"><img src="/media/a.jpg" width="320" height="200"'
        ' loading="lazy" alt=""></picture>',
        '<img src="/static/img/a.svg" width="24" height="24" loading="lazy" alt="">',
        '<svg aria-hidden="true"><use href="/static/img/icons.svg#card"></use></svg>',
    ],
)
def test_the_image_check_accepts_a_light_image(snippet):
    assert image_problems(snippet) == []


def test_the_resource_checks_catch_third_party_files_and_fonts():
    class Page:
        status_code = 200
        content = (
            b'<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Noto"><link rel="preload" as="font"'
            b' href="/static/f.woff2"><script src="//cdn.example/x.js"></script><img src="https://cdn.example/a.webp"'
            b' width="1" height="1" loading="lazy"><style>@font-face{font-family:x;src:url(/f.woff2)}</style>'
        )

    problems = weigh("made-up page", Page()).problems
    MEASURED.pop()
    assert len([p for p in problems if p.startswith("third-party")]) == 3, problems
    assert any(p.startswith("font") for p in problems) and any("@font-face" in p for p in problems), problems


def _block_types(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from _block_types(child)
    if isinstance(block, wagtail_blocks.ListBlock):
        yield from _block_types(block.child_block)


def test_chapter_bodies_cannot_hold_an_image_without_a_lazy_webp_template():
    """Chapters have no image block and their rich text cannot embed images, so no image can reach a page
    without `loading="lazy"` and a WebP srcset. Whoever adds one must render it with
    `{% srcset_image value width-{360,720} format-webp loading="lazy" sizes="100vw" %}` and update this test."""
    every_block = list(_block_types(content_blocks.ChapterBodyBlock()))
    assert [block for block in every_block if isinstance(block, (ImageChooserBlock, ImageBlock))] == []
    rich_texts = [block for block in every_block if isinstance(block, wagtail_blocks.RichTextBlock)]
    assert len(rich_texts) >= 4
    # No feature list means Wagtail's default one, which includes images and embeds.
    assert [
        block.features for block in rich_texts if block.features is None or {"image", "embed"} & set(block.features)
    ] == []
