"""The app's routes, one router per job; `create_app` (app.py) includes them in the order they
are matched: the JSON API (archive, then the desk's), then the pages."""
