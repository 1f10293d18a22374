"""Page metadata (ingest/page_metadata.py) against trafilatura's full ``extract_metadata``.

The pages are written for this test (a fictional outlet). Every field an article uses (title, publish
date, canonical URL, host, site name, description) must come out as trafilatura gives it; the body
searches left out (author in the text, categories and tags in links, licence) are the only difference.
"""

from __future__ import annotations

import copy

from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from newsfuse.ingest import page_metadata
from newsfuse.ingest.html_page import read_html

USED = ("title", "date", "url", "hostname", "sitename", "description", "image")

PAGE = """<html><head>
<title>Ferry service to Skell resumes | Tessby Courier</title>
<meta property="og:title" content="Ferry service to Skell resumes">
<meta property="og:site_name" content="Tessby Courier">
<meta name="description" content="The island ferry runs again after two weeks of storms.">
<meta property="og:image" content="https://tessby-courier.example/img/ferry.jpg">
<link rel="canonical" href="https://tessby-courier.example/news/ferry-resumes">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-04T08:00:00Z",
 "headline": "Ferry service to Skell resumes"}</script>
</head><body><article>
<h1>Ferry service to Skell resumes</h1>
<p class="byline">By <a href="/authors/ines-marr" rel="author">Ines Marr</a></p>
<p>The ferry between Tessby and the island of Skell sailed again on Tuesday morning, two weeks after
storms damaged the pier at Skell harbour, the port authority said.</p>
<p>About 300 islanders had been cut off from the mainland since the storm, relying on a weekly supply
boat for food and medicine. The authority said the pier would be fully repaired by the end of the month.</p>
<p>Tags: <a href="/tag/ferries">ferries</a> <a href="/category/transport/">Transport</a></p>
</article><footer><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></footer>
</body></html>"""

BARE = """<html><head><title>Water back on in Orvel</title></head><body>
<p>Published 12 May 2024</p><div><p>Tap water was restored to the last 40 homes in Orvel on Sunday, the
council said, five days after a main burst under the market square and flooded two streets.</p>
<p>The council said bottled water would still be handed out at the school until tests came back clean.</p></div>
</body></html>"""


def _fields(document):
    return {name: getattr(document, name, None) for name in USED}


def test_the_fields_articles_use_are_trafilaturas():
    for page, url in ((PAGE, None), (BARE, "https://orvel-post.example/water"), (PAGE, "https://mirror.example/x")):
        tree = load_html(page)
        ours = page_metadata.metadata(tree, url)
        theirs = extract_metadata(copy.deepcopy(load_html(page)), url)
        assert _fields(ours) == _fields(theirs)
    assert _fields(page_metadata.metadata(load_html(PAGE)))["date"] == "2025-03-04"


def test_only_the_body_searches_are_left_out():
    ours = page_metadata.metadata(load_html(PAGE))
    theirs = extract_metadata(load_html(PAGE))
    assert theirs.author == "Ines Marr" and ours.author is None  # trafilatura's search in the byline
    assert theirs.license and not ours.license
    assert _fields(ours) != {**_fields(theirs), "title": "something else"}  # the comparison can fail


def test_read_html_takes_text_and_metadata_from_one_parse():
    article = read_html(PAGE.encode(), doc_id="ferry", origin="ferry.html")
    assert article.title == "Ferry service to Skell resumes"
    assert article.published.startswith("2025-03-04")
    assert "author" not in article.meta and article.meta["description"].startswith("The island ferry")
    assert article.url == "https://tessby-courier.example/news/ferry-resumes"
    assert article.source == "Tessby Courier"
    assert "300 islanders" in article.text and "CC BY" not in article.text


JSON_LD_SCRIPTS = [
    '{"@context": "https://schema.org", "@type": "NewsArticle",\n  "headline": "Ferry   service \\"resumes\\"",\t"author": {"@type": "Person", "name": "Ines Marr"},'
    ' "datePublished": "2025-03-04", "articleSection": "Local news", "publisher": {"name": "Tessby Courier"}}',
    '[{"@context": "https://schema.org", "@type": "WebPage", "name": "A page"}, {"@type": "Article", "headline": "Pier\\n repaired",'
    ' "keywords": ["ferries", "Skell"]}]',
    '{"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "Orvel Post"}]}',
    '{"@type": "NewsArticle", "headline": "Broken JSON "with" quotes", "author": "Jon Skell",}',  # not JSON
    '{"headline": "unterminated \\"string}',
    '   ',
]


def test_json_ld_is_read_as_trafilatura_reads_it():
    from trafilatura.metadata import extract_meta_json
    from trafilatura.settings import Document

    for script in JSON_LD_SCRIPTS:
        page = f'<html><head><script type="application/ld+json">{script}</script></head><body><p>x</p></body></html>'
        ours = page_metadata.json_ld(load_html(page), Document())
        theirs = extract_meta_json(load_html(page), Document())
        assert _all(ours) == _all(theirs), script
    # the comparison can fail: a page whose JSON-LD names a title
    with_title = load_html(f'<html><head><script type="application/ld+json">{JSON_LD_SCRIPTS[0]}</script></head></html>')
    assert _all(page_metadata.json_ld(with_title, Document())) != _all(Document())


def test_the_minifier_keeps_what_trafilaturas_keeps():
    from trafilatura.metadata import JSON_MINIFY

    texts = JSON_LD_SCRIPTS + ['{ "a" : "b  c" ,\n\n "d":"e\\\\" , "f": "\\"" }', '"', ' " x ', "\t\n \r"]
    for text in texts:
        assert page_metadata._MINIFY.sub(page_metadata._kept_string, text) == JSON_MINIFY.sub(r"\1", text)


def _all(document) -> dict:
    return {name: getattr(document, name) for name in document.__slots__ if name not in ("body", "commentsbody")}
