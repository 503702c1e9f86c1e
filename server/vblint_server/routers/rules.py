"""``GET /v1/rules`` and ``GET /v1/rules/{rule_id}``: the loaded rules, as documented."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from vblint.links import rule_url
from vblint.rule_docs import summary
from vblint.rules import Rule
from vblint_server.deps import ApiKeyDep, EngineDep, SettingsDep
from vblint_server.errors import ApiError, ErrorBody
from vblint_server.schemas import RuleOut, RulesResponse

router = APIRouter(prefix="/v1/rules", tags=["rules"])


def _doc(rule: Rule, docs_url: str) -> dict[str, Any]:
    """A rule as people read it: the message as a sentence, the template beside it."""
    data: dict[str, Any] = rule.model_dump(mode="json", by_alias=True, exclude={"match"})
    data["message_template"] = data["message"]
    data["message"] = summary(rule)
    data["url"] = rule_url(rule.id, docs_url)
    return data


@router.get("", response_model=RulesResponse, summary="List the rules")
async def list_rules(_key: ApiKeyDep, engine: EngineDep, settings: SettingsDep) -> RulesResponse:
    """Every rule with its message, explanation, source and examples."""
    rules = engine.ready_rules()
    return RulesResponse.model_validate(
        {"rules_version": rules.version, "rules": [_doc(r, settings.rule_docs_url) for r in rules]}
    )


@router.get(
    "/{rule_id}",
    response_model=RuleOut,
    summary="One rule by id or name",
    responses={404: {"model": ErrorBody, "description": "No such rule (rule_not_found)."}},
)
async def get_rule(
    rule_id: str, _key: ApiKeyDep, engine: EngineDep, settings: SettingsDep
) -> RuleOut:
    """One rule, by id (``VB101``) or name (``responsibility.reflexive-risk``)."""
    rules = engine.ready_rules()
    rule = rules.get(rule_id.upper()) or next((r for r in rules if r.name == rule_id), None)
    if rule is None:
        raise ApiError(404, "rule_not_found", "no rule has that id or name (see GET /v1/rules)")
    return RuleOut.model_validate(_doc(rule, settings.rule_docs_url))
