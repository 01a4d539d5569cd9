"""Stateful handlers, by operationId. Operations not listed here get the generic handler.

Each module exports one ``HANDLERS`` table; ``merge`` joins them and refuses an operation id that
two modules claim, so one module silently replacing another's handler cannot happen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..context import Context
from . import (
    account_state,
    ads,
    ads_credit,
    analytics,
    audience_data,
    billing_invoices,
    business_audiences,
    business_invites,
    business_members,
    business_partners,
    content,
    crud,
    families,
    item_issues,
    jobs,
    oauth,
    partner_search,
    product_group_reads,
    promotions,
    reference,
    report_jobs,
    ssio,
)

Handler = Callable[[Context], Any]


def merge(*tables: tuple[str, Mapping[str, Handler]]) -> dict[str, Handler]:
    """Join ``(module name, table)`` pairs; an operation id in two tables is an error."""
    merged: dict[str, Handler] = {}
    owner: dict[str, str] = {}
    for name, table in tables:
        for op_id, handler in table.items():
            if op_id in merged:
                raise ValueError(f"sandbox handler for {op_id!r} defined in both {owner[op_id]} and {name}")
            merged[op_id] = handler
            owner[op_id] = name
    return merged


HANDLERS: dict[str, Handler] = merge(
    ("content", content.HANDLERS),
    ("ads", ads.HANDLERS),
    ("crud", crud.HANDLERS),
    ("jobs", jobs.HANDLERS),
    ("oauth", oauth.HANDLERS),
    ("promotions", promotions.HANDLERS),
    ("analytics", analytics.HANDLERS),
    ("families", families.HANDLERS),
    ("account_state", account_state.HANDLERS),
    ("reference", reference.HANDLERS),
    ("audience_data", audience_data.HANDLERS),
    ("business_members", business_members.HANDLERS),
    ("business_partners", business_partners.HANDLERS),
    ("business_invites", business_invites.HANDLERS),
    ("business_audiences", business_audiences.HANDLERS),
    ("report_jobs", report_jobs.HANDLERS),
    ("ads_credit", ads_credit.HANDLERS),
    ("ssio", ssio.HANDLERS),
    ("product_group_reads", product_group_reads.HANDLERS),
    ("item_issues", item_issues.HANDLERS),
    ("billing_invoices", billing_invoices.HANDLERS),
    ("partner_search", partner_search.HANDLERS),
)


def _account_checked(op_id: str) -> Handler:
    """A generic answer, given only once the path's ad account exists (else Pinterest's 404)."""
    from ..generic import generic_response
    from ._helpers import account

    def handler(ctx: Context) -> Any:
        account(ctx)
        return generic_response(ctx)

    handler.generic = True  # type: ignore[attr-defined]  # read by the docs table: still a sample
    return handler


def _with_account_checks(handlers: dict[str, Handler]) -> dict[str, Handler]:
    from ..._registry import OPERATIONS

    for op in OPERATIONS.values():
        if op.id not in handlers and any(p.name == "ad_account_id" for p in op.path_params):
            handlers[op.id] = _account_checked(op.id)
    return handlers


HANDLERS = _with_account_checks(HANDLERS)
