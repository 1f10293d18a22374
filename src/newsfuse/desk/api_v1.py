"""The REST API under ``/api/v1``: JSON for stories, briefings (the contract's shape), articles with
their layers (the shape of ``newsfuse annotate``), figures, entities, places, outlets, search and
corrections. Lists are paged (``page``, ``per_page``; ``next`` is the URL of the next page). Reads carry
an ETag; writes need the token (``Authorization: Bearer ...``)."""

from __future__ import annotations

import json
from typing import Any, Optional

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..model import to_jsonable
from ..output.records import annotate_record
from . import views, writes
from .reader import StoryFilter
from .security import same_token

def Page():
    return Query(1, ge=1, le=100_000, description="Page number, from 1.")

def PerPage():
    return Query(50, ge=1, le=500, description="Items per page.")

def Text():  # a new Query per parameter: FastAPI binds one instance to one parameter name
    return Query("", max_length=200)

STATUSES = ("", "corroborated", "conflicting", "single_source", "updated")


class CorrectionIn(BaseModel):
    kind: str = Field(..., max_length=40, description="merge_entities, split_entity, figure_category, "
                                                      "figure_claimant, not_a_copy, move_article, outlet_affiliation")
    target: str = Field(..., max_length=500)
    payload: dict[str, Optional[str]] = Field(default_factory=dict)
    author: Optional[str] = Field(None, max_length=100)


def _json(data: Any) -> tuple[bytes, str]:
    return json.dumps(to_jsonable(data), ensure_ascii=False).encode("utf-8"), "application/json"


def _paged(request: Request, items: list, total: int, page: int, per_page: int) -> dict[str, Any]:
    more = page * per_page < total
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "next": str(request.url.include_query_params(page=page + 1)) if more else None}


def router(desk) -> APIRouter:
    api = APIRouter(prefix="/api/v1", tags=["api"])

    def paged(request: Request, fetch, page: int, per_page: int):
        """One page of ``fetch(offset, limit) -> (items, total)`` as JSON."""
        def make():
            items, total = fetch((page - 1) * per_page, per_page)
            return _json(_paged(request, items, total, page, per_page))
        return desk.respond(request, make)

    def found(request: Request, fetch, what: str):
        """``fetch()`` as JSON, or 404 when it gives None."""
        def make():
            value = fetch()
            if value is None:
                raise HTTPException(404, f"no such {what}")
            return _json(value)
        return desk.respond(request, make)

    def need_token(authorization: str | None) -> None:
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not same_token(given.strip(), desk.token):
            raise HTTPException(401, "corrections need the desk's token: Authorization: Bearer <token>",
                                headers={"WWW-Authenticate": "Bearer"})

    @api.get("/stories", summary="Stories, searched and filtered")
    def stories(request: Request, q: str = Text(), date_from: str = Query("", max_length=10),
                date_to: str = Query("", max_length=10), outlet: str = Text(), entity: str = Text(), place: str = Text(),
                category: str = Text(), conflicting: bool = False,
                updated_days: Optional[int] = Query(None, ge=0, le=100_000),
                sort: str = Query("recent", pattern="^(recent|oldest|articles|conflicting|title)$"),
                page: int = Page(), per_page: int = PerPage()):
        f = StoryFilter(q=q, date_from=date_from, date_to=date_to, outlet=outlet, entity=entity, place=place,
                        category=category, conflicting=conflicting, updated_days=updated_days, sort=sort)
        return paged(request, lambda offset, limit: desk.reader.stories(f, offset=offset, limit=limit), page, per_page)

    @api.get("/stories/{story_id}", summary="One story's briefing (the contract's shape)")
    def story(request: Request, story_id: str):
        return found(request, lambda: desk.briefs.brief(story_id), "story")

    @api.get("/articles", summary="Articles, by story or outlet")
    def articles(request: Request, story: str = Text(), outlet: str = Text(), page: int = Page(), per_page: int = PerPage()):
        return paged(request, lambda offset, limit: desk.reader.articles(story=story, outlet=outlet, offset=offset,
                                                                         limit=limit), page, per_page)

    @api.get("/articles/{article_id:path}", summary="One article with its layers (as newsfuse annotate)")
    def article(request: Request, article_id: str):
        def fetch():
            a = desk.reader.article(article_id)
            if a is None:
                return None
            return {**annotate_record(a), "text": a.text, "url": a.url, "story": desk.reader.story_of(a.id)}
        return found(request, fetch, "article")

    @api.get("/figures", summary="Figure groups across stories")
    def figures(request: Request, status: str = Query("", pattern="^(|corroborated|conflicting|single_source|updated)$"),
                category: str = Text(), place: str = Text(), claimant: str = Text(), story: str = Text(),
                format: str = Query("json", pattern="^(json|csv)$"), page: int = Page(),
                per_page: int = Query(100, ge=1, le=10_000)):
        def make():
            rows = views.filter_figures(desk.figure_rows(), status=status, category=category,
                                        place=place, claimant=claimant, story=story)
            if format == "csv":
                return views.figures_csv(rows), "text/csv; charset=utf-8"
            start = (page - 1) * per_page
            return _json(_paged(request, rows[start:start + per_page], len(rows), page, per_page))
        return desk.respond(request, make, filename="figures.csv" if format == "csv" else None)

    def facet(kind: str):
        def listing(request: Request, prefix: str = Text(), page: int = Page(), per_page: int = PerPage()):
            return paged(request, lambda offset, limit: desk.reader.facet_values(kind, prefix=prefix, offset=offset,
                                                                                 limit=limit), page, per_page)
        return listing

    api.get("/entities", summary="Canonical entities, with how many stories name each")(facet("entity"))
    api.get("/places", summary="Places, with how many stories name each")(facet("place"))
    api.get("/outlets", summary="Outlets, with how many stories they cover")(facet("outlet"))

    @api.get("/outlets/{name:path}", summary="One outlet: owner, articles, copies")
    def outlet(request: Request, name: str):
        return found(request, lambda: views.outlet_info(desk.briefs.all(), name), "outlet")

    @api.get("/search", summary="Full-text search over stories (titles, texts, entities, places)")
    def search(request: Request, q: str = Query(..., min_length=1, max_length=200), page: int = Page(),
               per_page: int = PerPage()):
        return paged(request, lambda offset, limit: desk.reader.stories(StoryFilter(q=q), offset=offset, limit=limit),
                     page, per_page)

    @api.get("/corrections", summary="Every correction, who made it and when (retracted ones too)")
    def corrections(request: Request):
        return desk.respond(request, lambda: _json({"items": desk.reader.corrections()}))

    @api.post("/corrections", status_code=201, summary="Record a correction (needs the token)")
    def add_correction(body: CorrectionIn, authorization: Optional[str] = Header(None)):
        need_token(authorization)
        try:
            cid = writes.add_correction(desk.db, body.kind, body.target, dict(body.payload), body.author)
        except ValueError as error:
            raise HTTPException(422, str(error)) from None
        return JSONResponse({"id": cid, "kind": body.kind, "target": body.target, "payload": body.payload},
                            status_code=201)

    @api.post("/corrections/{correction_id}/retract", summary="Switch a correction off (needs the token)")
    def retract(correction_id: int = Path(..., ge=1, le=2**53), authorization: Optional[str] = Header(None)):
        need_token(authorization)
        try:
            changed = writes.retract_correction(desk.db, correction_id)
        except KeyError:
            raise HTTPException(404, "no such correction") from None
        return {"id": correction_id, "retracted": changed}

    return api
