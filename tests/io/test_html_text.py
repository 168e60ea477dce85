"""HTML to safe text: scripts and remote content dropped, entities decoded, web links kept."""

from timeline_app.core.model import Link
from timeline_app.io.html_text import html_to_text, looks_like_html, parse_html, safe_url


def test_tags_are_stripped_and_entities_decoded() -> None:
    text, links = html_to_text("<p>Tom &amp; Jerry&nbsp;&ndash; &#8220;friends&#x201D;</p>")
    assert text == "Tom & Jerry\u00a0– “friends”"
    assert links == ()


def test_scripts_styles_and_remote_content_are_dropped() -> None:
    html = ("<p>Before</p><script>alert('x')</script><style>p {color: red}</style>"
            "<img src='file:///etc/passwd' alt='secret'><iframe src='https://evil.example/'>"
            "inside</iframe><noscript>no</noscript><p>After</p>")
    text, links = html_to_text(html)
    assert text == "Before\n\nAfter"
    assert links == ()


def test_only_http_https_and_mailto_links_are_kept() -> None:
    html = ('<a href="https://example.org/a">A</a> <a href="javascript:alert(1)">B</a> '
            '<a href=" java\tscript:alert(1)">C</a> <a href="file:///etc/passwd">D</a> '
            '<a href="mailto:editor@example.org">E</a> <a href="/relative">F</a> '
            '<a href="data:text/html,x">G</a> <a href="HTTP://EXAMPLE.ORG/b">H</a>')
    text, links = html_to_text(html)
    assert text == "A B C D E F G H"
    assert links == (Link("https://example.org/a", "A"), Link("mailto:editor@example.org", "E"),
                     Link("HTTP://EXAMPLE.ORG/b", "H"))


def test_blocks_and_breaks_become_lines_and_white_space_collapses() -> None:
    html = "<h1>Title</h1>\n  <p>one\n   two<br>three</p><ul><li>a</li><li>b</li></ul><div>x</div>"
    assert html_to_text(html)[0] == "Title\n\none two\nthree\n\n• a\n• b\n\nx"


def test_pre_keeps_its_spacing() -> None:
    assert html_to_text("<p>x</p><pre>  a\n    b</pre>")[0] == "x\n\n  a\n    b"


def test_a_page_gives_title_heading_and_meta_but_not_head_text() -> None:
    page = ("<html><head><title>The  page</title><meta name='author' content='A. Writer'>"
            "<meta property='article:published_time' content='2026-01-20T08:00:00+03:00'>"
            "<script src='https://cdn.example/x.js'></script></head>"
            "<body><svg><title>icon</title></svg><h2>Heading</h2><p>Body text.</p></body></html>")
    document = parse_html(page)
    assert document.text == "Heading\n\nBody text."
    assert (document.title, document.heading) == ("The page", "Heading")
    assert document.meta == {"author": "A. Writer",
                             "article:published_time": "2026-01-20T08:00:00+03:00"}


def test_unclosed_head_ends_at_the_body() -> None:
    assert parse_html("<head><title>T</title><body><p>Text</p>").text == "Text"


def test_safe_url_and_html_detection() -> None:
    assert safe_url("https://x.org/p?q=1") == "https://x.org/p?q=1"
    assert safe_url("https:///nohost") is None
    assert safe_url("vbscript:msgbox") is None
    assert looks_like_html("a <b>bold</b> move") and looks_like_html("Tom &amp; Jerry")
    assert not looks_like_html("3 < 4 and 5 > 2")
