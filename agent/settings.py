"""All of Cartwise's configuration, in sections; the only module that reads environment variables.

Each value lives in one section (knowledge, model, policy, service, eval) and is still set by its flat,
documented name: the environment variable ``CARTWISE_<NAME>`` (plus the ``OPENAI_API_KEY`` /
``OPENAI_BASE_URL`` aliases) or the keyword ``Settings(<name>=...)``. ``FLAT_NAMES`` maps each flat
name to its section(s); it is derived from the sections, so a new field needs no second entry.
"""

from __future__ import annotations

import json
import os
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from knowledge.settings import KnowledgeSettings

ENV_PREFIX = "CARTWISE_"


class ModelSettings(BaseModel):
    """The chat model: provider, endpoint, name, sampling, timeouts and the prompt budget."""

    model_config = ConfigDict(extra="forbid")

    model_provider: Literal["offline", "openai", "scripted"] = "offline"
    openai_api_key: SecretStr | None = Field(None, description="API key for the openai provider.")
    openai_base_url: str | None = Field(None, description="Any OpenAI-compatible server; OpenAI's when unset.")
    model_name: str = "gpt-4o-mini"
    model_temperature: float = Field(0.3, ge=0, le=2)
    model_timeout: float = Field(
        20.0, gt=0, description="Seconds of model time per turn: all its calls and retries together (offline reply then)."
    )
    model_max_retries: int = Field(1, ge=0)
    prompt_token_budget: int = Field(1500, ge=200)
    model_signals: bool = Field(
        True, description="With a model and the judge off: detect signals by structured output too."
    )
    model_judge: bool = Field(
        True,
        description="With the openai provider: one structured call per turn chooses among the offers the policy "
        "approved (or none) and phrases the reply; the code checks both. Off: the model only phrases the reply.",
    )


class PolicyLimits(BaseModel):
    """The offer policy's numbers (CONTRACTS section 6)."""

    model_config = ConfigDict(extra="forbid")

    max_uplift: float = Field(0.30, ge=0, description="An upsell costs at most this share more than what it replaces.")
    addon_share_need: float = Field(1.0, ge=0, description="Need-driven cross-sell: at most this share of focus/cart.")
    addon_share_unprompted: float = Field(0.35, ge=0, description="Unprompted cart add-on: at most this share of cart.")
    offers_per_reply: int = Field(1, ge=0)
    offers_per_session: int = Field(3, ge=0)
    declines_before_silence: int = Field(2, ge=1)
    min_margin: float | None = Field(
        None, ge=0, le=1, description="Never offer an add-on whose catalog margin is below this (unset: no floor)."
    )
    margin_weight: float = Field(
        0.05, ge=0, le=1, description="Weight of the catalog margin in ranking offers (merchant-side, never shown)."
    )


class ServiceSettings(BaseModel):
    """The HTTP service: bind address, admin key, CORS, size and rate limits."""

    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = 8000
    admin_api_key: SecretStr | None = None
    session_secret: SecretStr | None = Field(
        None,
        min_length=16,
        description="Signs session tokens (at least 16 characters; the same on every worker). Unset: one is "
        "generated into data_dir/session_secret and reused.",
    )
    cors_origins: list[str] = Field(default_factory=list)
    max_message_chars: int = Field(2000, ge=1)
    max_body_bytes: int = Field(64_000, ge=1024)
    max_upload_bytes: int = Field(50_000_000, ge=1024)
    rate_limit_per_session: int = Field(30, ge=1, description="Turns per minute per session.")
    rate_limit_per_client: int = Field(120, ge=1, description="Requests per minute per client address.")
    turn_workers: int = Field(
        32, ge=1, le=1024, description="Threads answering shopper turns at once (probes never wait behind them)."
    )


class EvalSettings(BaseModel):
    """The optional eval judge model (OpenAI-compatible)."""

    model_config = ConfigDict(extra="forbid")

    judge_model_name: str | None = None
    judge_base_url: str | None = None
    judge_api_key: SecretStr | None = None


class FollowUpSettings(BaseModel):
    """Messages after a purchase (CONTRACTS section 7): when they are sent and in which language by default."""

    model_config = ConfigDict(extra="forbid")

    followup_delay_days: float = Field(3.0, ge=0, description="A cross-sell follow-up goes this long after the order.")
    followup_lead_days: float = Field(
        3.0, ge=0, description="A replenish reminder goes this long before the consumable should run out."
    )
    followup_grace_days: float = Field(
        7.0, ge=0, description="With an as-of time: a follow-up overdue by at most this much is sent now; older "
        "ones are skipped (a reminder weeks late reads as noise).",
    )
    followup_locale: str = Field(
        "en", min_length=2, description="Language of follow-ups when the customer's is unknown."
    )


#: Defaults of the sections, for signatures that default to the configured value (written once, above).
MODEL_DEFAULTS = ModelSettings()
POLICY_DEFAULTS = PolicyLimits()

SECTIONS: dict[str, type[BaseModel]] = {
    "knowledge": KnowledgeSettings,
    "model": ModelSettings,
    "policy": PolicyLimits,
    "service": ServiceSettings,
    "eval": EvalSettings,
    "followups": FollowUpSettings,
}

#: Flat name -> the sections holding a field of that name (the OpenAI endpoint feeds chat and embeddings).
FLAT_NAMES: dict[str, tuple[str, ...]] = {}
for _section, _cls in SECTIONS.items():
    for _name in _cls.model_fields:
        FLAT_NAMES[_name] = (*FLAT_NAMES.get(_name, ()), _section)

#: Environment variables read besides ``CARTWISE_<NAME>``, which wins when both are set.
ENV_ALIASES: dict[str, tuple[str, ...]] = {
    "openai_api_key": ("OPENAI_API_KEY",),
    "openai_base_url": ("OPENAI_BASE_URL",),
}


class SettingsError(ValueError):
    """A configuration value was refused; the message names the environment variable and the field."""


def env_names(name: str) -> tuple[str, ...]:
    """The environment variables that set a flat name, most specific first."""
    return (ENV_PREFIX + name.upper(), *ENV_ALIASES.get(name, ()))


def nest(values: dict[str, Any]) -> dict[str, Any]:
    """Flat names moved into their sections; a name given inside its section wins over the flat one."""
    out: dict[str, Any] = {}
    flat: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        if key in FLAT_NAMES and key not in SECTIONS:
            for section in FLAT_NAMES[key]:
                flat.setdefault(section, {})[key] = value
        else:
            out[key] = value  # sections, and unknown names left for validation to refuse by name
    for section, fields in flat.items():
        given = out.get(section)
        if given is None:
            out[section] = fields
        elif isinstance(given, dict):
            out[section] = {**fields, **given}
        # else: a whole section object (or a wrong type validation will name) stands as given
    return out


class FlatEnvSource(PydanticBaseSettingsSource):
    """Reads ``CARTWISE_<NAME>`` (and the aliases) for every flat name; names match case-insensitively."""

    def get_field_value(self, field, field_name):  # noqa: ANN001 - required by the base class, unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        env = {k.lower(): v for k, v in os.environ.items()}
        found: dict[str, Any] = {}
        for name, sections in FLAT_NAMES.items():
            var = next((v for v in env_names(name) if v.lower() in env), None)
            if var is None:
                continue
            value = env[var.lower()]
            field = SECTIONS[sections[0]].model_fields[name]
            if self.field_is_complex(field):
                try:
                    value = self.decode_complex_value(name, field, value)
                except json.JSONDecodeError as exc:
                    raise SettingsError(f"{var}: expected JSON for {sections[0]}.{name}, got {value!r} ({exc})") from exc
            found[name] = value
        return found


def _describe(exc: ValidationError) -> str:
    """One line per refused value, naming the environment variable and the section field."""
    lines = []
    for err in exc.errors():
        loc = [str(part) for part in err["loc"]]
        if len(loc) >= 2 and loc[0] in SECTIONS:
            where = f"{env_names(loc[1])[0]} ({'.'.join(loc)})"
        else:
            where = ".".join(loc) or "settings"
        secret = any(part.endswith(("api_key", "secret")) for part in loc)
        shown = f", got {err['input']!r}" if err["type"] != "missing" and "input" in err and not secret else ""
        msg = "unknown setting" if err["type"] == "extra_forbidden" else err["msg"]
        lines.append(f"{where}: {msg}{shown}")
    return f"{len(lines)} invalid setting(s): " + "; ".join(lines)


class Settings(BaseSettings):
    """Every configurable value, in sections, read from ``CARTWISE_*`` environment variables (or passed in)."""

    model_config = SettingsConfigDict(extra="forbid")

    knowledge: KnowledgeSettings = Field(default_factory=KnowledgeSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    policy: PolicyLimits = Field(default_factory=PolicyLimits)
    service: ServiceSettings = Field(default_factory=ServiceSettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)
    followups: FollowUpSettings = Field(default_factory=FollowUpSettings)

    def __init__(self, **values: Any):
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise SettingsError(_describe(exc)) from exc

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments, then the flat environment variables (both nested by ``nest``)."""
        return init_settings, FlatEnvSource(settings_cls)

    @model_validator(mode="before")
    @classmethod
    def _nest_flat_names(cls, data: Any) -> Any:
        return nest(data) if isinstance(data, dict) else data

    def updated(self, **changes: Any) -> Settings:
        """A validated copy with ``changes`` (flat or section names); never re-reads the environment."""
        data: dict[str, Any] = {name: getattr(self, name).model_dump() for name in SECTIONS}
        for section, value in nest(changes).items():
            if section in data and isinstance(value, dict):
                data[section].update(value)
            else:
                data[section] = value
        try:
            return type(self).model_validate(data)
        except ValidationError as exc:
            raise SettingsError(_describe(exc)) from exc
