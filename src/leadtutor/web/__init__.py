"""The app in a web browser: `leadtutor serve` runs a textual-serve server (`server.py`)
that starts one app process per browser tab (`session.py`).

Nothing here imports Textual: the server only relays bytes between each browser tab's
websocket and that tab's own `leadtutor` process, which loads the app as usual.
"""
