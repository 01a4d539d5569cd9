"""operationId -> (resource, method) naming.

The rule (documented in docs/naming.md):

1. The resource is the operation's first tag, in snake_case (``ad_groups``, ``catalog_feeds``).
2. The operationId is split at its first ``/`` into a *noun* and an *action* (``board_sections/list``).
   An id with no ``/`` is all noun; an id like ``get/business_members`` (verb first) is read the other way.
3. If the noun names the resource itself (same word, or its singular), the method is the action
   (``boards/list`` -> ``boards.list``).
4. Otherwise the resource's own name is dropped from the front of the noun, and the method is
   ``<action>_<noun>`` when the action is a plain verb (``board_sections/list`` -> ``boards.list_sections``),
   else ``<noun>_<action>``.
5. ``OVERRIDES`` below replaces the result where the rule reads badly. Every override is listed there,
   so the whole mapping is reproducible from the spec plus this file.

The generator fails if two operations end up with the same ``resource.method``.
"""

from __future__ import annotations

import keyword
import re

VERBS = {"list", "get", "create", "update", "delete", "post", "patch", "put", "del"}
VERB_ALIASES = {"post": "create", "patch": "update", "del": "delete", "put": "replace"}

# Tag -> resource attribute, where the tag alone would read badly.
RESOURCE_OVERRIDES: dict[str, str] = {
    "conversions": "conversion_events",
    "notification": "notifications",
    "product_categories": "trends",
    "business_access_invite": "business_invites",
    "business_access_relationships": "business_relationships",
    "business_access_assets": "business_assets",
}

# operationId -> method name, where rule 4 reads badly. Keep sorted.
OVERRIDES: dict[str, str] = {
    "ad_account/analytics": "analytics",
    "ad_account_targeting_analytics/get": "targeting_analytics",
    "ad_accounts_audiences_shared_accounts/list": "list_shared_accounts",
    "ad_accounts_subscriptions/del_by_id": "delete_subscription",
    "ad_accounts_subscriptions/get_by_id": "get_subscription",
    "ad_accounts_subscriptions/get_list": "list_subscriptions",
    "ad_accounts_subscriptions/post": "create_subscription",
    "ad_groups/audience_sizing": "audience_sizing",
    "ad_groups_bid_floor/get": "bid_floor",
    "ad_groups_targeting_analytics/get": "targeting_analytics",
    "ad_pins/analytics": "pin_analytics",
    "ad_previews/create": "create_preview",
    "ad_targeting_analytics/get": "targeting_analytics",
    "ads_credit/redeem": "redeem_ads_credit",
    "ads_credits_discounts/get": "ads_credit_discounts",
    "advanced_auction_items_get/post": "get_items",
    "advanced_auction_items_submit/post": "submit_items",
    "advertiser_defined_events/get": "list_advertiser_defined",
    "analytics/create_conversion_product_report": "create_conversion_product_report",
    "analytics/create_mmm_report": "create_mmm_report",
    "analytics/create_report": "create_report",
    "analytics/create_template_report": "create_template_report",
    "analytics/get_conversion_product_report": "get_conversion_product_report",
    "analytics/get_mmm_report": "get_mmm_report",
    "analytics/get_report": "get_report",
    "asset_access_requests/create": "create_asset_access_request",
    "asset_group/create": "create_asset_group",
    "asset_group/delete": "delete_asset_group",
    "asset_group/update": "update_asset_group",
    "audience_insights/get": "get",
    "audience_insights_scope_and_type/get": "scope_and_type",
    "billing_invoice_download/get": "download_invoice",
    "billing_invoices/get": "list_invoices",
    "billing_profiles/get": "list_profiles",
    "board_sections/create": "create_section",
    "board_sections/delete": "delete_section",
    "board_sections/list": "list_sections",
    "board_sections/list_pins": "list_section_pins",
    "board_sections/update": "update_section",
    "boards_user_follows/list": "list_followed_boards",
    "brand_accounts/create": "create_brand_account",
    "brand_accounts/update": "update_brand_account",
    "business_account_audiences_shared_accounts/list": "list_business_shared_accounts",
    "business_asset_members/get": "list_asset_members",
    "business_asset_partners/get": "list_asset_partners",
    "business_assets/get": "list",
    "business_member_assets/get": "list_member_assets",
    "business_members_asset_access/delete": "delete_member_access",
    "business_members_asset_access/update": "update_member_access",
    "business_partner_asset_access/get": "list_partner_assets",
    "bulk_download/create": "create_download",
    "bulk_request/get": "get_request",
    "bulk_upsert/create": "create_upsert",
    "campaign_targeting_analytics/get": "targeting_analytics",
    "cancel_invites_or_requests": "cancel",
    "catalogs_product_group_pins/list": "list_products",
    "catalogs_product_groups/create": "create",
    "catalogs_product_groups/create_many": "create_many",
    "catalogs_product_groups/delete": "delete",
    "catalogs_product_groups/delete_many": "delete_many",
    "catalogs_product_groups/get": "get",
    "catalogs_product_groups/list": "list",
    "catalogs_product_groups/product_counts_get": "product_counts",
    "catalogs_product_groups/update": "update",
    "country_keywords_metrics/get": "metrics",
    "create_asset_invites": "create_asset_invites",
    "create_membership_or_partnership_invites": "create",
    "delete_business_membership": "delete_members",
    "delete_business_partners": "delete_partners",
    "delete_partner_asset_access_handler_impl": "delete_partner_access",
    "events/create": "create",
    "feed_processing_results/list": "list_processing_results",
    "follow_user/update": "follow_user",
    "followers/list": "list_followers",
    "get/business_employers": "list_employers",
    "get/business_members": "list_members",
    "get/business_partners": "list_partners",
    "get/invites": "list",
    "ad_account_countries/get": "ad_account_countries",
    "delivery_metrics/get": "delivery_metrics",
    "integrations/get_by_id": "get",
    "integrations/get_list": "list",
    "interest_targeting_options/get": "interest",
    "keywords/get": "list",
    "lead_form_questions/get": "lead_form_questions",
    "metrics_ready_state/get": "metrics_ready_state",
    "items/post": "get",
    "items_batch/get": "get_batch",
    "items_batch/post": "create_batch",
    "items_issues/list": "list_item_issues",
    "lead_form/get": "get",
    "lead_form_test/create": "create_test",
    "linked_business_accounts/get": "list_businesses",
    "multi_pins/analytics": "analytics_many",
    "notification/post": "create",
    "ocpm_eligible_conversion_tags/get": "list_ocpm_eligible",
    "page_visit_conversion_tags/get": "list_page_visit",
    "product_groups/analytics": "product_group_analytics",
    "products_by_product_group_filter/list": "list_products_by_filter",
    "respond_business_access_invites": "respond",
    "sandbox/delete": "delete_sandbox",
    "search_partner_pins": "partner_pins",
    "search_user_boards/get": "boards",
    "search_user_pins/list": "pins",
    "shared_audiences_for_business/list": "list_for_business",
    "ssio_accounts/get": "ssio_accounts",
    "ssio_insertion_order/create": "create_insertion_order",
    "ssio_insertion_order/edit": "update_insertion_order",
    "ssio_insertion_orders_status/get_by_ad_account": "insertion_orders_status",
    "ssio_insertion_orders_status/get_by_pin_order_id": "insertion_order_status",
    "ssio_order_lines/get_by_ad_account": "ssio_order_lines",
    "system_user/update": "update_system_user",
    "targeting_options/get": "targeting_options",
    "templates/list": "list_templates",
    "terms_related/list": "related",
    "terms_suggested/list": "suggested",
    "token/revoke": "revoke_token",
    "trending_keywords/list": "trending",
    "trends_featured_topics/list": "featured_topics",
    "trends_product_categories_details/list": "product_category_details",
    "trends_product_categories_trending/list": "trending_product_categories",
    "unverify_website/delete": "unverify_website",
    "update/business_memberships": "update_members",
    "update_ad_account_to_ad_account_shared_audience": "share_with_ad_accounts",
    "update_ad_account_to_business_shared_audience": "share_with_businesses",
    "update_business_to_ad_account_shared_audience": "share_business_with_ad_accounts",
    "update_business_to_business_shared_audience": "share_business_with_businesses",
    "update_partner_asset_access_handler_impl": "update_partner_access",
    "user_account/analytics/top_pins": "top_pins",
    "user_account/analytics/top_video_pins": "top_video_pins",
    "user_account/followed_interests": "followed_interests",
    "user_following/get": "list_following",
    "user_websites/get": "list_websites",
    "verify_website/update": "verify_website",
    "website_verification/get": "website_verification_code",
}


def snake(text: str) -> str:
    text = re.sub(r"[^0-9A-Za-z]+", "_", text)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    return text.strip("_").lower()


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def resource_name(tag: str) -> str:
    return RESOURCE_OVERRIDES.get(tag, snake(tag))


def method_name(operation_id: str, resource: str) -> str:
    if operation_id in OVERRIDES:
        return OVERRIDES[operation_id]
    noun, _, action = operation_id.partition("/")
    noun, action = snake(noun), snake(action)
    if noun in VERBS and action:
        noun, action = action, noun
    action = VERB_ALIASES.get(action, action)
    if noun in {resource, singular(resource)} or resource.endswith("_" + noun):
        return action or noun
    for prefix in (resource + "_", singular(resource) + "_"):
        if noun.startswith(prefix):
            noun = noun[len(prefix) :]
            break
    if not action:
        return noun
    return f"{action}_{noun}" if action in VERBS | set(VERB_ALIASES.values()) else f"{noun}_{action}"


def py_identifier(name: str) -> str:
    """A wire field name as a Python parameter/attribute name."""
    ident = snake(name) if not name.isidentifier() else name
    if not ident or ident[0].isdigit():
        ident = "f_" + ident
    if keyword.iskeyword(ident) or ident in {"self", "options"}:
        ident += "_"
    return ident


def class_name(schema_name: str) -> str:
    """A component schema name as a Python class name (Pinterest.Lib.Error -> PinterestLibError)."""
    parts = re.split(r"[^0-9A-Za-z]+", schema_name)
    name = "".join(p[:1].upper() + p[1:] for p in parts if p)
    if name[0].isdigit():
        name = "M" + name
    return name
