"""Writing the reply for one turn: its input, the grounding and pressure checks, the prompt, the model
composer and the deterministic offline writer (one module each; import them directly, this package
re-exports nothing so that importing one check never loads the rest).
"""
