"""YAML reading: the fast C parser when present, and never anything but plain data."""

from __future__ import annotations

import pytest
import yaml

from agent.yaml_text import SafeLoader, safe_load


def test_plain_data_parses():
    assert safe_load("a: [1, 2]\nb: {c: 'd'}\n") == {"a": [1, 2], "b": {"c": "d"}}


def test_python_objects_are_refused():
    with pytest.raises(yaml.YAMLError):
        safe_load("!!python/object/apply:os.system ['echo hi']")


def test_uses_libyaml_when_pyyaml_has_it():
    assert SafeLoader is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)
