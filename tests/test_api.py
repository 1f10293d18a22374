"""The Python API's own promises (the commands over it are tested through the CLI elsewhere)."""

from __future__ import annotations

from newsfuse import api
from newsfuse.model import Article

FINE = "Hundreds of families left Baghouz, a village in Deir ez-Zor province, on Monday, aid workers said."
COARSE = "Hundreds of families left Baghouz in eastern Syria on Monday, aid workers said."


def test_an_articles_places_do_not_depend_on_what_is_read_with_it():
    fine = Article.create(id="a", text=FINE, published="2031-03-04")
    coarse = Article.create(id="b", text=COARSE, published="2031-03-04")
    [alone] = api.annotate_items([coarse])
    _, together = api.annotate_items([fine, coarse])
    assert together.places == alone.places
    baghouz = next(p for p in together.places if p.text == "Baghouz")
    assert (baghouz.name, baghouz.precision) == ("Syria", "country")  # its own text says no more
