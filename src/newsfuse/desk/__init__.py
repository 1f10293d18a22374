"""The analyst's desk (``newsfuse serve``): web pages and a REST API over the store that ``analyze`` writes.

It reads through read-only SQLite connections (``analyze`` may write meanwhile, WAL); the only thing it
writes is analyst corrections, through the same code path as ``newsfuse correct``
(:func:`newsfuse.corpus.corrections.record`). ``app.create_app`` builds the ASGI app, ``server.serve``
runs it on uvicorn.
"""
