"""`eventcoder serve`: the web pages and the HTTP API over the event store.

- `app.py` builds the FastAPI application (`create_app`);
- `api.py` holds the JSON API under `/api`, `pages.py` the HTML pages;
- `queries.py` the read-only SQL the pages need beyond `eventcoder.store.query`;
- `views.py` turns coded or stored articles into highlight segments and cards;
- `security.py` the body limit, security headers, host check and token check;
- `netguard.py` fetching a user's URL without reaching private addresses;
- `service.py` the shared state: the store connection, the pipeline and their locks;
- `cli.py` the `serve` command.
"""
