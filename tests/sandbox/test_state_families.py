"""Round trips per resource family: create -> get -> list -> update -> get -> delete -> get 404,
unknown ids 404, reads under a missing ad account 404; reference data consistent with itself."""

from __future__ import annotations

from typing import Any

import pytest

import pinterest_rest as pr
from pinterest_rest.sandbox import Sandbox


@pytest.fixture
def acct(sandbox: Sandbox) -> str:
    return str(sandbox.client().ad_accounts.create(name="Shop", country="US", owner_user_id="1").id)


def test_commerce_integrations_round_trip(sandbox: Sandbox) -> None:
    c = sandbox.client()
    made = c.integrations.create_commerce(external_business_id="shop-1", connected_merchant_id="77",
                                          partner_access_token="secret-token")  # fmt: skip
    assert made.external_business_id == "shop-1" and "secret-token" not in repr(made.to_dict())
    assert c.integrations.get_commerce("shop-1").connected_merchant_id == "77"
    assert c.integrations.get(made.id).external_business_id == "shop-1"
    assert [i.id for i in c.integrations.list()] == [made.id]
    assert c.integrations.update_commerce("shop-1", connected_merchant_id="78").connected_merchant_id == "78"
    assert c.integrations.get_commerce("shop-1").connected_merchant_id == "78"
    with pytest.raises(pr.ConflictError):
        c.integrations.create_commerce(external_business_id="shop-1")
    c.integrations.delete_commerce("shop-1")
    with pytest.raises(pr.NotFoundError):
        c.integrations.get_commerce("shop-1")
    with pytest.raises(pr.NotFoundError):
        c.integrations.get(made.id)


def test_lead_forms_and_subscriptions(sandbox: Sandbox, acct: str) -> None:
    c = sandbox.client()
    body = [{"name": "Form", "privacy_policy_link": "https://e.com/p", "has_accepted_terms": True,
             "completion_message": "Thanks", "questions": [{"question_type": "EMAIL"}]}]  # fmt: skip
    form = c.lead_forms.create(acct, body=body).items[0].data
    assert form.name == "Form" and form.ad_account_id == acct
    assert c.lead_forms.get(acct, form.id).completion_message == "Thanks"
    assert [f.id for f in c.lead_forms.list(acct)] == [form.id]
    c.lead_forms.update(acct, body=[{"id": form.id, "name": "Form 2"}])
    assert c.lead_forms.get(acct, form.id).name == "Form 2"
    sub = c.lead_ads.create_subscription(acct, webhook_url="https://e.com/hook", lead_form_id=form.id)
    assert c.lead_ads.get_subscription(acct, sub.id).webhook_url == "https://e.com/hook"
    assert [s.id for s in c.lead_ads.list_subscriptions(acct)] == [sub.id]
    c.lead_ads.delete_subscription(acct, sub.id)
    with pytest.raises(pr.NotFoundError):
        c.lead_ads.get_subscription(acct, sub.id)
    with pytest.raises(pr.NotFoundError):
        c.lead_forms.get(acct, "12345")
    with pytest.raises(pr.NotFoundError):
        c.lead_forms.list("12345")


def test_promotions_targeting_templates_and_labels(sandbox: Sandbox, acct: str) -> None:
    c = sandbox.client()
    promo = c.promotions.create(acct, body=[{"promotion_title": "Sale", "promotion_type": "SITEWIDE"}])
    promo_id = promo.promotions[0].data.id
    assert c.promotions.get(acct, promo_id).promotion_title == "Sale"
    c.promotions.update(acct, body=[{"id": promo_id, "promotion_title": "Big sale"}])
    assert c.promotions.get(acct, promo_id).promotion_title == "Big sale"
    c.promotions.delete(acct, promo_id)
    with pytest.raises(pr.NotFoundError):
        c.promotions.get(acct, promo_id)

    template = c.targeting_template.create(acct, name="Gamers", targeting_attributes={"GENDER": ["male"]})
    assert [t.id for t in c.targeting_template.list(acct, search_query="game")] == [template.id]
    assert list(c.targeting_template.list(acct, search_query="cooks")) == []
    c.targeting_template.update(acct, id=template.id, operation_type="REMOVE")
    assert list(c.targeting_template.list(acct)) == []

    body = [{"ad_account_id": acct, "name": "C", "objective_type": "AWARENESS"}]
    campaign = c.campaigns.create(acct, body=body).items[0].data.id
    made = c.labels.create(acct, parent_id=campaign, labels=[{"value": "q3", "label_type": "CUSTOM"}])
    label = made.labels[0]
    assert label.value == "q3" and label.parent_id == campaign
    assert [page.labels[0].id for page in c.labels.list(acct, campaign_ids=[campaign])] == [label.id]
    assert list(c.labels.list(acct, label_types=["BRAND"])) == []
    assert c.labels.update(acct, labels=[{"id": label.id, "value": "q4"}]).labels[0].value == "q4"


def test_pinterest_side_objects_start_empty_and_unknown_ids_are_404(sandbox: Sandbox, acct: str) -> None:
    c = sandbox.client()
    assert list(c.order_lines.list(acct)) == []
    with pytest.raises(pr.NotFoundError):
        c.order_lines.get(acct, "777")
    with pytest.raises(pr.NotFoundError):
        c.order_lines.get("12345", "777")
    assert list(c.conversion_tags.list_page_visit(acct)) == []


def test_user_follows_and_websites(sandbox: Sandbox) -> None:
    c = sandbox.client()
    c.user_account.follow_user("someone")
    assert [u.username for u in c.user_account.list_following()] == ["someone"]
    c.user_account.verify_website(website="shop.example.com")
    assert [w.website for w in c.user_account.list_websites()] == ["shop.example.com"]
    c.user_account.unverify_website(website="shop.example.com")
    assert list(c.user_account.list_websites()) == []
    with pytest.raises(pr.NotFoundError):
        c.user_account.unverify_website(website="shop.example.com")


def test_reference_data_resolves_by_id_and_terms_follow_the_request(sandbox: Sandbox) -> None:
    c = sandbox.client()
    options: Any = c.resources.targeting_options("INTEREST")
    for option in options:
        ((ident, name),) = option.items()
        assert c.resources.interest(ident).name == name
    with pytest.raises(pr.NotFoundError):
        c.resources.interest("777")
    related = c.terms.related(terms=["travel", "food"])
    assert related.id == "travel" and [t.term for t in related.related_terms_list] == ["travel", "food"]
    assert c.resources.targeting_options("GENDER") == c.resources.targeting_options("GENDER")
    assert len(c.resources.delivery_metrics().items) > 1


def test_searches_search_the_stored_objects(sandbox: Sandbox) -> None:
    c = sandbox.client()
    board = c.boards.create(name="Summer recipes")
    c.boards.create(name="Winter coats")
    c.pins.create(
        board_id=board.id, title="Lemon tart", media_source={"source_type": "image_url", "url": "https://e.com/a.jpg"}
    )
    assert [b.name for b in c.search.boards(query="summer")] == ["Summer recipes"]
    assert [p.title for p in c.search.pins(query="lemon")] == ["Lemon tart"]
    assert list(c.search.pins(query="kale")) == []


def test_generic_answers_under_a_missing_ad_account_are_404(sandbox: Sandbox, acct: str) -> None:
    ok = sandbox.app.handle(
        "GET", f"http://sandbox.local/v5/ad_accounts/{acct}/templates", {"authorization": "Bearer t"}, b""
    )
    assert ok.status == 200
    missing = sandbox.app.handle(
        "GET", "http://sandbox.local/v5/ad_accounts/12345/templates", {"authorization": "Bearer t"}, b""
    )
    assert missing.status == 404 and b"Ad account" in missing.body


def test_customer_list_upload_parts_run_and_count_into_the_list(sandbox: Sandbox, acct: str) -> None:
    c = sandbox.client()
    lst = c.customer_lists.create(acct, name="Buyers", records="a@x.com", list_type="EMAIL")
    made = c.customer_list_uploads.create(acct, lst.id, operation="ADD", total_parts=2)
    upload = made.customer_list_upload
    assert upload.state == "NOT_STARTED"
    for part, data in zip(
        made.s3_multipart_upload_data.file_parts, (b"b@x.com\nc@x.com\n", b"not-an-email\n"), strict=True
    ):
        assert sandbox.app.handle("PUT", part.presigned_url, {}, data).status == 200
    assert c.customer_list_uploads.run(acct, lst.id, upload.id).state == "RUNNING"
    done = c.customer_list_uploads.get(acct, lst.id, upload.id)
    assert done.state == "SUCCEEDED" and done.record_counts.to_dict() == {"processed": 3, "valid": 2, "invalid": 1}
    after = c.customer_lists.get(acct, lst.id)
    assert (after.num_batches, after.num_uploaded_user_records) == (2, 3)
    with pytest.raises(pr.NotFoundError):
        c.customer_list_uploads.get(acct, lst.id, "777")


def test_audience_sharing_is_stored_and_listed(sandbox: Sandbox, acct: str) -> None:
    c = sandbox.client()
    other = c.ad_accounts.create(name="Partner", country="US", owner_user_id="1").id
    audience = c.audiences.create(acct, name="Buyers", rule={"visitor_source_id": "1"}, audience_type="VISITOR")
    c.audience_sharing.share_with_ad_accounts(
        acct, audience_id=audience.id, recipient_account_ids=[other], operation_type="SHARE"
    )
    shared = list(c.audience_sharing.list_shared_accounts(acct, audience_id=audience.id, account_type="AD_ACCOUNT"))
    assert [(s.account_id, s.account_name) for s in shared] == [(other, "Partner")]
    c.audience_sharing.share_with_ad_accounts(
        acct, audience_id=audience.id, recipient_account_ids=[other], operation_type="REVOKE"
    )
    assert list(c.audience_sharing.list_shared_accounts(acct, audience_id=audience.id, account_type="AD_ACCOUNT")) == []
    with pytest.raises(pr.NotFoundError):
        c.audience_sharing.share_with_ad_accounts(
            acct, audience_id="777", recipient_account_ids=[other], operation_type="SHARE"
        )


def test_many_product_groups_and_clearing_an_accounts_ads_data(sandbox: Sandbox, acct: str) -> None:
    from pinterest_rest.sandbox import schemas
    from pinterest_rest.sandbox.samples import sample

    c = sandbox.client()
    body = [sample(schemas.operation("catalogs_product_groups/create")["request"], f"pg{i}") for i in range(2)]
    feed = c.request("POST", "/catalogs/feeds", body={**sample(schemas.operation("feeds/create")["request"], "f")})
    for i, entry in enumerate(body):
        entry["name"] = f"Group {i}"
        entry["feed_id"] = feed["id"]  # a group belongs to a stored feed
    ids = c.catalog_product_groups.create_many(body=body)
    assert len(ids) == 2 and all(c.catalog_product_groups.get(i).id == i for i in ids)
    with pytest.raises(pr.NotFoundError):
        c.catalog_product_groups.delete_many(id=[int(ids[0]), 777])
    assert c.catalog_product_groups.get(ids[0]).id == ids[0]  # nothing deleted
    c.catalog_product_groups.delete_many(id=[int(i) for i in ids])
    with pytest.raises(pr.NotFoundError):
        c.catalog_product_groups.get(ids[0])

    c.campaigns.create(acct, body=[{"ad_account_id": acct, "name": "C", "objective_type": "AWARENESS"}])
    sandbox.app.handle(
        "DELETE", f"http://sandbox.local/v5/ad_accounts/{acct}/sandbox", {"authorization": "Bearer t"}, b""
    )
    assert list(c.campaigns.list(acct)) == [] and c.ad_accounts.get(acct).id == acct
