"""Cartwise service layer: the HTTP API, the web chat page, rep assist, and the command line."""
