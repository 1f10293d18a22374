"""Article text cut into runs by layer: joined, the runs are the text; each run lists exactly the layers
whose spans cover it; a cited span is cut out whole."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newsfuse.desk.highlight import runs
from newsfuse.model import Article, Boilerplate, EntityMention


@st.composite
def annotated(draw):
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40))
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=6))
    spans = [(min(a, b), max(a, b)) for a, b in spans if a != b]
    ents = [EntityMention(s, e, text[s:e], "ORG", "X") for s, e in spans[::2]]
    boiler = [Boilerplate(s, e, "test") for s, e in spans[1::2]]
    cited = draw(st.one_of(st.none(), st.tuples(st.integers(0, n), st.integers(0, n))))
    return Article.create(id="a", text=text).with_layer(entities=ents, boilerplate=boiler), ents, boiler, cited


@given(annotated())
@settings(max_examples=200, deadline=None)
def test_runs_cover_the_text_with_the_right_layers(case):
    article, ents, boiler, cited = case
    out = runs(article, cited)
    assert "".join(r.text for r in out) == article.text
    for r in out:
        assert ("entities" in r.layers) == any(e.start <= r.start and r.end <= e.end for e in ents)
        assert ("boilerplate" in r.layers) == any(b.start <= r.start and r.end <= b.end for b in boiler)
    if cited and cited[0] < cited[1]:
        assert "".join(r.text for r in out if r.cited) == article.text[cited[0]:cited[1]]
    else:
        assert not any(r.cited for r in out)
