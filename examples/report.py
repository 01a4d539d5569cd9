"""Run an analytics report: create, wait, download, parse."""

from datetime import date, timedelta

from pinterest_rest.models import CampaignCreateRequestParam
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.workflows.reports import run_report


def main() -> None:
    client = Sandbox().client()
    account = client.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    campaign: CampaignCreateRequestParam = {
        "ad_account_id": account.id,
        "name": "Spring",
        "objective_type": "AWARENESS",
    }
    client.campaigns.create(account.id, body=[campaign])  # reports have rows for objects that exist
    rows = run_report(
        client,
        account.id,
        start_date=(date.today() - timedelta(days=7)).isoformat(),  # Pinterest keeps the last 90 days
        end_date=date.today().isoformat(),
        granularity="DAY",
        level="CAMPAIGN",
        columns=["SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"],
        report_format="CSV",
        interval=0.01,
    )
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
