"""Cartwise evals: scenario suites, deterministic metrics, reports and gates."""
