"""Cartwise knowledge layer: catalog import, the Chroma index, product relations."""
