"""The desk's HTML pages: stories (search, filters, paging), a story's briefing, an article with its
layers, figures across stories, entities, places, outlets, the map, and corrections from the page
(behind the token, with a CSRF field)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from ..corpus.corrections import KINDS
from ..store.verdicts import utc_stamp
from ..annotate.figures.categories import CATEGORIES as FIGURE_CATEGORIES
from . import highlight, svg, views, writes
from .reader import FACETS, SORTS, StoryFilter
from .security import TOKEN_COOKIE, same_token

PER_PAGE = 25
def Text():  # a new Query per parameter: FastAPI binds one instance to one parameter name
    return Query("", max_length=200)



def _html(body: bytes) -> tuple[bytes, str]:
    return body, "text/html; charset=utf-8"


def _pages(request: Request, page: int, total: int, per_page: int) -> dict[str, Any]:
    last = max(1, math.ceil(total / per_page))
    link = lambda n: str(request.url.include_query_params(page=n))  # noqa: E731
    return {"page": page, "last": last, "total": total,
            "prev": link(page - 1) if page > 1 else None, "next": link(page + 1) if page < last else None}


def router(desk) -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    def render(request: Request, template: str, **context) -> bytes:
        signed_in = desk.signed_in(request)
        return desk.render(template, signed_in=signed_in, csrf=desk.csrf() if signed_in else "",
                           path=request.url.path, **context)

    @pages.get("/")
    def stories(request: Request, q: str = Text(), date_from: str = Query("", max_length=10),
                date_to: str = Query("", max_length=10), outlet: str = Text(), entity: str = Text(), place: str = Text(),
                category: str = Text(), conflicting: bool = False,
                updated_days: str = Query("", max_length=6),  # a form sends "" for an empty number field
                sort: str = Query("recent", max_length=20), page: int = Query(1, ge=1, le=100_000)):
        f = StoryFilter(q=q, date_from=date_from, date_to=date_to, outlet=outlet, entity=entity, place=place,
                        category=category, conflicting=conflicting,
                        updated_days=int(updated_days) if updated_days.isdigit() else None,
                        sort=sort if sort in SORTS else "recent")

        def make():
            rows, total = desk.reader.stories(f, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
            facets = {kind: desk.reader.facet_values(kind, limit=200)[0] for kind in FACETS}
            return _html(render(request, "stories.html", f=f, rows=rows, facets=facets, sorts=list(SORTS),
                                paging=_pages(request, page, total, PER_PAGE)))
        return desk.respond(request, make)

    @pages.get("/stories/{story_id}")
    def story(request: Request, story_id: str, since: str = Query("", max_length=40)):
        if desk.reader.story_row(story_id) is None:
            moved = desk.reader.resolve_story(story_id)
            if moved and moved != story_id:
                return RedirectResponse(f"/stories/{_q(moved)}", status_code=307)

        def make():
            brief = desk.briefs.brief(story_id)
            if brief is None:
                raise HTTPException(404, "no such story")
            row = desk.reader.story_row(story_id)
            ids = {a["id"] for a in brief.get("articles") or []}
            corrections = [c for c in desk.reader.corrections() if _target_article(c) in ids
                           or (c.kind == "move_article" and (c.payload or {}).get("story") == story_id)]
            quotes = brief.get("quotes") or []
            texts = desk.reader.texts([r.get("id") for q in quotes for r in q.get("reports") or []])
            since_stamp = _since(since)
            changes = desk.reader.story_changes(story_id, since_stamp)
            return _html(render(request, "story.html", brief=brief, row=row, corrections=corrections,
                                changes=changes, since=since if since_stamp else "",
                                wordings=views.quote_wordings(quotes, texts), speakers=views.quote_speakers(quotes),
                                charts=svg.toll_charts(brief), map_svg=svg.story_map(brief),
                                copies_svg=svg.copy_graph(brief), categories=FIGURE_CATEGORIES))
        return desk.respond(request, make)
    desk.story_page = story  # for the warm-up that makes every story page once when the desk starts

    @pages.get("/articles/{article_id:path}")
    def article(request: Request, article_id: str, hl: str = Query("", max_length=40)):
        def make():
            a = desk.reader.article(article_id)
            if a is None:
                raise HTTPException(404, "no such article")
            cited = _span(hl, len(a.text))
            return _html(render(request, "article.html", a=a, runs=highlight.runs(a, cited), layers=highlight.LAYERS,
                                story=desk.reader.story_of(a.id), cited=cited))
        return desk.respond(request, make)

    @pages.get("/figures")
    def figures(request: Request, status: str = Query("", max_length=20), category: str = Text(), place: str = Text(),
                claimant: str = Text(), page: int = Query(1, ge=1, le=100_000)):
        def make():
            rows = views.filter_figures(desk.figure_rows(), status=status, category=category,
                                        place=place, claimant=claimant)
            start = (page - 1) * 100
            query = urlencode({k: v for k, v in dict(status=status, category=category, place=place,
                                                     claimant=claimant).items() if v})
            return _html(render(request, "figures.html", rows=rows[start:start + 100], query=query,
                                filters=dict(status=status, category=category, place=place, claimant=claimant),
                                categories=FIGURE_CATEGORIES, paging=_pages(request, page, len(rows), 100)))
        return desk.respond(request, make)

    def facet_list(kind: str, title: str):
        def listing(request: Request, prefix: str = Text(), page: int = Query(1, ge=1, le=100_000)):
            def make():
                items, total = desk.reader.facet_values(kind, prefix=prefix, offset=(page - 1) * 100, limit=100)
                return _html(render(request, "facets.html", kind=kind, title=title, items=items, prefix=prefix,
                                    paging=_pages(request, page, total, 100)))
            return desk.respond(request, make)
        return listing

    pages.get("/entities")(facet_list("entity", "Entities"))
    pages.get("/places")(facet_list("place", "Places"))
    pages.get("/outlets")(facet_list("outlet", "Outlets"))

    @pages.get("/entities/{name:path}")
    def entity(request: Request, name: str):
        def make():
            stories = desk.reader.facet_stories("entity", name)
            if not stories:
                raise HTTPException(404, "no such entity")
            info = views.entity_info(desk.briefs.all(), name)
            return _html(render(request, "entity.html", info=info, stories=stories))
        return desk.respond(request, make)

    @pages.get("/places/{name:path}")
    def place(request: Request, name: str):
        def make():
            stories = desk.reader.facet_stories("place", name)
            briefs = desk.briefs.all()
            info = views.place_info(briefs, name)
            if not stories or info is None:
                raise HTTPException(404, "no such place")
            rows = views.filter_figures(views.figure_rows(briefs), place=name)
            return _html(render(request, "place.html", info=info, stories=stories, rows=rows))
        return desk.respond(request, make)

    @pages.get("/outlets/{name:path}")
    def outlet(request: Request, name: str):
        def make():
            info = views.outlet_info(desk.briefs.all(), name)
            if info is None:
                raise HTTPException(404, "no such outlet")
            return _html(render(request, "outlet.html", info=info))
        return desk.respond(request, make)

    @pages.get("/map")
    def world_map(request: Request):
        def make():
            briefs = desk.briefs.all()
            return _html(render(request, "map.html", map_svg=svg.corpus_map(briefs), count=len(briefs)))
        return desk.respond(request, make)

    @pages.get("/corrections")
    def corrections(request: Request):
        return desk.respond(request, lambda: _html(render(request, "corrections.html",
                                                          corrections=desk.reader.corrections(), kinds=list(KINDS))))

    # ------------------------------------------------------------------ signing in, corrections

    @pages.get("/login")
    def login_form(request: Request, next: str = Query("/", max_length=500)):
        return desk.respond(request, lambda: _html(render(request, "login.html", failed=False, next=_local(next))))

    @pages.post("/login")
    def login(request: Request, token: str = Form(..., max_length=200), next: str = Form("/", max_length=500)):
        if not same_token(token, desk.token):
            return _page(desk.render("login.html", signed_in=False, csrf="", path="/login", failed=True,
                                     next=_local(next)), 403)
        response = RedirectResponse(_local(next), status_code=303)
        response.set_cookie(TOKEN_COOKIE, desk.token, httponly=True, samesite="strict", path="/")
        return response

    @pages.post("/logout")
    def logout(request: Request, csrf: str = Form("", max_length=100)):
        _check(request, csrf)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(TOKEN_COOKIE, path="/")
        return response

    def _check(request: Request, csrf: str) -> None:
        if not desk.signed_in(request):
            raise HTTPException(401, "sign in with the desk's token first (/login)")
        if not same_token(csrf, desk.csrf()):
            raise HTTPException(403, "the form's CSRF field is missing or wrong")
        origin = request.headers.get("origin")
        if origin and origin not in (f"http://{request.headers.get('host')}", f"https://{request.headers.get('host')}"):
            raise HTTPException(403, "a correction must come from the desk's own pages")

    @pages.post("/corrections")
    def add_correction(request: Request, csrf: str = Form("", max_length=100), kind: str = Form(..., max_length=40),
                       target: str = Form(..., max_length=500), key: str = Form("", max_length=40),
                       value: str = Form("", max_length=500), author: str = Form("", max_length=100),
                       back: str = Form("/", max_length=500)):
        _check(request, csrf)
        payload = {key: (value.strip() or None)} if key else {}
        try:
            writes.add_correction(desk.db, kind, target, payload, author.strip() or "analyst")
        except ValueError as error:
            raise HTTPException(422, str(error)) from None
        return RedirectResponse(_local(back), status_code=303)

    @pages.post("/corrections/{correction_id}/retract")
    def retract(request: Request, correction_id: int, csrf: str = Form("", max_length=100),
                back: str = Form("/", max_length=500)):
        _check(request, csrf)
        if not 0 < correction_id < 2**53:
            raise HTTPException(404, "no such correction")
        try:
            writes.retract_correction(desk.db, correction_id)
        except KeyError:
            raise HTTPException(404, "no such correction") from None
        return RedirectResponse(_local(back), status_code=303)

    return pages


def _page(body: bytes, status: int):
    from fastapi.responses import Response

    return Response(body, status_code=status, media_type="text/html; charset=utf-8")


def _q(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def _local(url: str) -> str:
    """Only a path on this site to go back to (no open redirect)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def _span(hl: str, n: int) -> tuple[int, int] | None:
    start, sep, end = hl.partition("-")
    if not sep or not start.isdigit() or not end.isdigit():
        return None
    s, e = int(start), int(end)
    return (s, e) if 0 <= s < e <= n else None


def _target_article(c) -> str:
    """The article a correction is about (span targets are ``article_id:start``)."""
    if c.kind in ("split_entity", "figure_category", "figure_claimant"):
        return c.target.rpartition(":")[0]
    return c.target


def _since(text: str) -> str | None:
    """The "what changed since" time of the story page (ISO date or time, UTC unless zoned), as the
    store writes times; None when absent or not a time (the page then lists the latest changes)."""
    if not text.strip():
        return None
    try:
        return utc_stamp(text)
    except ValueError:
        return None
