"""Starting the desk: the token that corrections need, then uvicorn on loopback by default."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from ..store import open_store
from .app import create_app
from .security import new_token


def read_token(token_file: str | Path | None) -> tuple[str, bool]:
    """(token, generated): the first line of ``token_file``, else a new random one."""
    if token_file is not None:
        token = Path(token_file).read_text(encoding="utf-8").strip()
        if len(token) < 8:
            raise ValueError(f"the token in {token_file} is shorter than 8 characters")
        return token, False
    return new_token(), True


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token_file: str | Path | None = None,
          outlets: str | None = None, say: Callable[[str], None] = print) -> None:
    """Serve the store at ``db`` until interrupted. The store is opened for writing once first, so an
    older schema is brought up to date; afterwards reads are read-only."""
    if "://" not in db and not Path(db).is_file():
        raise FileNotFoundError(f"no such store: {db} (make one with newsfuse analyze)")
    open_store(db).close()
    token, generated = read_token(token_file)
    app = create_app(db, token=token, outlets=outlets)
    # the figures of every story are read once, in the background, before anyone asks for the table,
    # then every story page not made ahead by analyze, so first visits are cache hits; only while idle
    threading.Thread(target=app.state.desk.warm_up, daemon=True, name="desk-warm-up").start()
    say(f"newsfuse desk on http://{host}:{port}/ (store {db})")
    if generated:
        say(f"token for corrections: {token}")
    import uvicorn

    # one process: answers come from an in-memory cache that several workers would each fill again
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False,
                backlog=512)
