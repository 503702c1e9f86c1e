"""The service's one ``ServiceSettings`` object, read from ``VBLINT_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vblint.links import docs_base
from vblint_server.keys import parse_hash
from vblint_server.word_addin import public_base

PORT = 8000
# Where the service serves the documentation site.
GUIDE = "/guide/"


class ServiceSettings(BaseSettings):
    """Everything an operator can set; the defaults suit one organisation's internal network.

    Lists and maps are JSON in the environment, for example
    ``VBLINT_API_KEYS='{"case-system": "sha256:…", "browser": "sha256:…"}'``.
    """

    model_config = SettingsConfigDict(env_prefix="VBLINT_", extra="ignore", frozen=True)

    api_keys: dict[str, str] = Field(
        default_factory=dict,
        description="Calling-system name -> 'sha256:<hex>' hash of its key. Empty: no auth, "
        "and the service only binds to loopback.",
    )
    revoked_keys: list[str] = Field(
        default_factory=list, description="Names in api_keys that are refused."
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Origins allowed to call from a browser (case-system pages, "
        "chrome-extension://<id>); none by default.",
    )
    workers: int = Field(
        default=1,
        gt=0,
        le=64,
        description="Check processes, each with its own spaCy pipeline (about 200 MB); one per "
        "core suits a machine that only runs this service.",
    )
    max_body_bytes: Annotated[int, Field(gt=0)] = 2_000_000
    max_chars: Annotated[int, Field(gt=0)] = 100_000
    max_batch: Annotated[int, Field(gt=0)] = 50
    check_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds of checking per document, counted from when a check process "
        "starts on it; a document over it fails alone and its process is replaced.",
    )
    spare_workers: int = Field(
        default=1,
        ge=0,
        le=8,
        description="Loaded check processes kept in reserve, each taking the place of one "
        "ended for being over time, so the service stays ready (about 200 MB each).",
    )
    heavy_chars: int = Field(
        default=10_000,
        gt=0,
        description="A document of this many characters, or a request whose documents have "
        "this many together, is heavy: long documents are checked by all but one check "
        "process (so notes are never stuck behind them), and each key has at most "
        "heavy_per_key heavy requests under way.",
    )
    heavy_per_key: int = Field(
        default=1,
        gt=0,
        description="Heavy requests one key may have under way at once; more wait their turn.",
    )
    rate_limit: Annotated[int, Field(ge=0)] = 600
    model: str | None = Field(default=None, description="spaCy pipeline name or path.")
    public_url: str | None = Field(
        default=None,
        description="The https address people reach this service at; the Word add-in's "
        "manifest (/word/manifest.xml) points there.",
    )
    extra_packs: list[str] = Field(
        default_factory=list,
        description="Directories of the organisation's own rule packs, validated like ours.",
    )
    docs_url: str | None = Field(
        default=None,
        description="Where rule links point: the address of the documentation site. Default: "
        "the copy this service serves at /guide/.",
    )
    docs_dir: str | None = Field(
        default=None,
        description="The built documentation site to serve at /guide/. Default: the one "
        "built into the package or the source checkout.",
    )

    @field_validator("docs_url")
    @classmethod
    def _docs_url(cls, value: str | None) -> str | None:
        return docs_base(value) if value else None

    @field_validator("api_keys")
    @classmethod
    def _hashes(cls, value: dict[str, str]) -> dict[str, str]:
        for name, stored in value.items():
            if not name.strip():
                raise ValueError("an API key needs a name")
            parse_hash(stored)
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        return public_base(value) if value else None

    @property
    def rule_docs_url(self) -> str:
        """The base address of rule links: the one set, or this service's own copy."""
        return self.docs_url or GUIDE

    @property
    def auth_enabled(self) -> bool:
        """True when at least one key is configured (revoked or not)."""
        return bool(self.api_keys)


@lru_cache(maxsize=1)
def get_settings() -> ServiceSettings:
    """The settings for this process, read once."""
    return ServiceSettings()
