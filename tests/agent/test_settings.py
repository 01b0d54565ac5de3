"""Settings: documented flat env names and keywords land in the right section; bad values name the variable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from agent.settings import (
    ENV_PREFIX,
    FLAT_NAMES,
    SECTIONS,
    ModelSettings,
    PolicyLimits,
    Settings,
    SettingsError,
)
from agent.types import PolicyLimits as TypesPolicyLimits
from knowledge.settings import KnowledgeSettings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch):
    """No CARTWISE_* / OPENAI_* variable from the machine running the tests leaks in."""
    import os

    for name in list(os.environ):
        if name.upper().startswith((ENV_PREFIX, "OPENAI_")):
            monkeypatch.delenv(name)
    return monkeypatch


def test_env_names_map_to_their_section_fields(clean_env):
    clean_env.setenv("CARTWISE_MAX_UPLIFT", "0.2")
    clean_env.setenv("CARTWISE_MODEL_NAME", "llama-3")
    clean_env.setenv("CARTWISE_MODEL_PROVIDER", "openai")
    clean_env.setenv("OPENAI_API_KEY", "sk-alias")
    clean_env.setenv("CARTWISE_CORS_ORIGINS", '["https://shop.example"]')
    clean_env.setenv("CARTWISE_DATA_DIR", "/tmp/cartwise-x")
    clean_env.setenv("CARTWISE_JUDGE_MODEL_NAME", "judge")
    s = Settings()
    assert s.policy.max_uplift == 0.2
    assert (s.model.model_name, s.model.model_provider) == ("llama-3", "openai")
    assert s.model.openai_api_key.get_secret_value() == "sk-alias"
    assert s.knowledge.openai_api_key.get_secret_value() == "sk-alias"  # the openai embedder uses it too
    assert s.service.cors_origins == ["https://shop.example"]
    assert s.knowledge.data_dir == Path("/tmp/cartwise-x")
    assert s.knowledge.sqlite_path == Path("/tmp/cartwise-x/cartwise.sqlite3")
    assert s.eval.judge_model_name == "judge"


def test_prefixed_variable_wins_over_the_alias(clean_env):
    clean_env.setenv("OPENAI_API_KEY", "sk-alias")
    clean_env.setenv("CARTWISE_OPENAI_API_KEY", "sk-cartwise")
    clean_env.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    s = Settings()
    assert s.model.openai_api_key.get_secret_value() == "sk-cartwise"
    assert s.model.openai_base_url == "http://127.0.0.1:9/v1"


def test_flat_and_nested_keywords_both_work_and_beat_the_environment(clean_env, tmp_path):
    clean_env.setenv("CARTWISE_MAX_UPLIFT", "0.5")
    clean_env.setenv("CARTWISE_OFFERS_PER_SESSION", "5")
    flat = Settings(data_dir=tmp_path, embedding_backend="fake", max_uplift=0.2, _env_file=None)
    assert (flat.policy.max_uplift, flat.policy.offers_per_session) == (0.2, 5)
    assert (flat.knowledge.data_dir, flat.knowledge.embedding_backend) == (tmp_path, "fake")
    nested = Settings(policy={"max_uplift": 0.25}, model={"model_name": "m"})
    assert (nested.policy.max_uplift, nested.policy.offers_per_session, nested.model.model_name) == (0.25, 5, "m")
    whole = Settings(policy=PolicyLimits(max_uplift=0.1))
    assert whole.policy == PolicyLimits(max_uplift=0.1)  # a section object is taken as given


def test_updated_copy_takes_flat_names_and_ignores_the_environment(clean_env, tmp_path):
    s = Settings(data_dir=tmp_path)
    clean_env.setenv("CARTWISE_MAX_UPLIFT", "0.9")
    u = s.updated(model_provider="openai", database_url="sqlite:///x.db")
    assert (u.model.model_provider, u.knowledge.database_url, u.knowledge.data_dir) == ("openai", "sqlite:///x.db", tmp_path)
    assert u.policy.max_uplift == s.policy.max_uplift == 0.30
    assert s.model.model_provider == "offline"  # the original is untouched
    with pytest.raises(SettingsError, match="CARTWISE_MODEL_TIMEOUT"):
        s.updated(model_timeout=0)


def test_invalid_env_value_names_the_variable_and_field(clean_env):
    clean_env.setenv("CARTWISE_MODEL_PROVIDER", "gpt")
    with pytest.raises(SettingsError, match=r"CARTWISE_MODEL_PROVIDER \(model\.model_provider\).*'gpt'"):
        Settings()
    clean_env.setenv("CARTWISE_MODEL_PROVIDER", "offline")
    clean_env.setenv("CARTWISE_MAX_UPLIFT", "lots")
    with pytest.raises(SettingsError, match=r"CARTWISE_MAX_UPLIFT \(policy\.max_uplift\)"):
        Settings()
    clean_env.delenv("CARTWISE_MAX_UPLIFT")
    clean_env.setenv("CARTWISE_MULTILINGUAL_BLEND", "1.5")  # a share: 0..1
    with pytest.raises(SettingsError, match=r"CARTWISE_MULTILINGUAL_BLEND \(knowledge\.multilingual_blend\)"):
        Settings()
    clean_env.delenv("CARTWISE_MULTILINGUAL_BLEND")
    clean_env.setenv("CARTWISE_CORS_ORIGINS", "https://shop.example")  # not a JSON list
    with pytest.raises(SettingsError, match="CARTWISE_CORS_ORIGINS: expected JSON"):
        Settings()


def test_unknown_or_invalid_keyword_is_a_clear_error(clean_env):
    with pytest.raises(SettingsError, match="max_uplfit: unknown setting"):
        Settings(max_uplfit=0.2)
    with pytest.raises(SettingsError, match=r"policy\.max_uplfit"):
        Settings(policy={"max_uplfit": 0.2})
    with pytest.raises(SettingsError, match=r"CARTWISE_PORT \(service\.port\)"):
        Settings(port="eighty")
    with pytest.raises(SettingsError) as err:
        Settings(openai_api_key=123)
    assert "123" not in str(err.value)  # secrets are never echoed


def test_cli_reports_a_bad_variable_by_name(clean_env, capsys):
    from api.cli import main

    clean_env.setenv("CARTWISE_MODEL_PROVIDER", "gpt")
    assert main(["chat"]) == 2
    assert "CARTWISE_MODEL_PROVIDER" in capsys.readouterr().err


def test_every_field_has_one_flat_name_and_one_section():
    shared = {name: sections for name, sections in FLAT_NAMES.items() if len(sections) > 1}
    assert shared == {"openai_api_key": ("knowledge", "model"), "openai_base_url": ("knowledge", "model")}
    assert set(SECTIONS) == set(Settings.model_fields)
    assert SECTIONS["knowledge"] is KnowledgeSettings and SECTIONS["model"] is ModelSettings
    assert TypesPolicyLimits is PolicyLimits  # the policy code's name for the policy section


def _reads_environment(tree: ast.AST) -> list[int]:
    """Lines reading os.environ / os.getenv; assigning ``os.environ[...] = ...`` is not a read."""
    stores = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del))
    }
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb", "getenvb"):
            if id(node) not in stores:
                lines.append(node.lineno)
        elif isinstance(node, ast.Name) and node.id in ("environ", "getenv"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            if any(alias.name in ("environ", "getenv") for alias in node.names):
                lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment():
    allowed = {ROOT / "agent" / "settings.py"}
    offenders = []
    for package in ("agent", "knowledge", "api", "evals"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path in allowed:
                continue
            for line in _reads_environment(ast.parse(path.read_text(encoding="utf-8"))):
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == []
    assert _reads_environment(ast.parse((ROOT / "agent" / "settings.py").read_text(encoding="utf-8")))


def _documented_defaults() -> dict[str, str]:
    """First variable and first default of each row of the README's configuration table."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| `CARTWISE_"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].split("`")[1]] = cells[1].split(" / ")[0].strip("`")
    return rows


def test_readme_table_matches_the_defaults(clean_env):
    documented = _documented_defaults()
    assert len(documented) >= 15
    defaults = Settings()
    for var, shown in documented.items():
        name = var.removeprefix(ENV_PREFIX).lower()
        value = getattr(getattr(defaults, FLAT_NAMES[name][0]), name)
        if shown == "unset":
            assert value is None, var
        elif isinstance(value, Path):
            assert value == Path(shown), var
        elif isinstance(value, bool):
            assert shown == str(value).lower(), var
        elif isinstance(value, (int, float)):
            assert float(shown) == value, var
        elif isinstance(value, list):
            assert shown == "[]" and value == [], var
        else:
            assert shown == value, var
