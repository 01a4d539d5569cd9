"""401/403 errors say in one line what usually causes them, from Pinterest's code; never a secret."""

from __future__ import annotations

from typing import Any

import pytest

from pinterest_rest import Pinterest
from pinterest_rest._errors import APIStatusError, AuthenticationError, PermissionDeniedError
from pinterest_rest._transport.mock import MockTransport

TOKEN = "pina_SECRET_hint_token"


def _error(status: int, body: Any, call: str = "user_account.get") -> APIStatusError:
    client = Pinterest(access_token=TOKEN, transport=MockTransport(lambda req: (status, body)), max_retries=0)
    resource, method = call.split(".")
    with pytest.raises(APIStatusError) as caught:
        getattr(getattr(client, resource), method)()
    return caught.value


def test_code_2_says_the_token_is_bad() -> None:
    err = _error(401, {"code": 2, "message": "Authentication failed."})
    assert isinstance(err, AuthenticationError)
    assert err.hint is not None and "expired" in err.hint
    assert "Likely cause:" in str(err) and "\n" not in str(err) and TOKEN not in str(err) + repr(err)


def test_code_29_says_no_access_to_the_resource() -> None:
    err = _error(403, {"code": 29, "message": "You are not permitted to access that resource."}, "ad_accounts.list")
    assert isinstance(err, PermissionDeniedError)
    assert err.hint is not None and "Business Access" in err.hint


def test_user_only_operation_names_client_credentials() -> None:
    client = Pinterest(access_token=TOKEN, transport=MockTransport(lambda req: (403, {"code": 29, "message": "no"})))
    with pytest.raises(PermissionDeniedError) as caught:
        client.ad_accounts.create(name="x", owner_user_id="1", country="US")
    assert caught.value.hint is not None and "client-credentials" in caught.value.hint
    assert "ad_accounts/create" in str(caught.value)


def test_trial_access_message_gets_its_hint() -> None:
    err = _error(403, {"code": 1, "message": "Your application has Trial access and cannot do that"})
    assert err.hint is not None and "Standard access" in err.hint


def test_no_hint_for_other_statuses_or_unknown_codes() -> None:
    assert _error(404, {"code": 2, "message": "gone"}).hint is None
    assert _error(403, {"code": 12345, "message": "?"}, "user_account.get").hint is None
