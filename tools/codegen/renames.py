"""Public names kept when Pinterest renames a schema, so user code that imports or annotates with
the old name keeps working after regeneration (with a DeprecationWarning on import).

OLD_NAMES maps an old public model name to the component schema that describes it in newer specs.
Entries stay here for good ("kept across specs"): when the spec still has the old schema the entry
does nothing; once the old schema is gone and the new one exists, the generator writes
``Old = New`` into the new model's module, lists the alias in ``models._index.DEPRECATED``, and
``from pinterest_rest.models import Old`` warns. (Response models only: request TypedDicts are
structural, so a dict written for the old one still type-checks against the new one if the fields
agree.)
"""

from __future__ import annotations

OLD_NAMES: dict[str, str] = {
    # Renames announced for the spec after 5.23.0 (see issue 13).
    "AdGroupResponse": "AdGroup",
    "CampaignResponse": "Campaign",
    "OauthAccessTokenResponse": "OauthAccessToken",
}
