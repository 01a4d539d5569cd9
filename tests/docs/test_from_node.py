"""docs/from-node.md covers all 107 examples of the pinterest-node-api README, in its order and groups.

Running the page's Python is test_code_blocks' job; this test checks the page's shape: every Node
example has a numbered section quoting its Node call and holding at least one Python block. Where
the Node README itself is at hand (../shared/reference/), the sequence of calls is compared to it.
"""

from __future__ import annotations

import re

import pytest

from pinterest_rest.sandbox import Sandbox

from .blocks import ROOT, python_blocks

PAGE = ROOT / "docs" / "from-node.md"
NODE_README = ROOT.parent / "shared" / "reference" / "pinterest-node-api.README.md"
GROUPS = [
    "AD_ACCOUNTS", "AD_GROUPS", "ADS", "AUDIENCE_INSIGHTS", "AUDIENCES", "BOARD", "BULK", "CAMPAIGNS",
    "CATALOGS", "CONVERSION_EVENTS", "CONVERSION_TAGS", "CUSTOMER_LISTS", "KEYWORDS", "MEDIA", "OAUTH",
    "ORDER_LINES", "PINS", "PRODUCT_GROUP_PROMOTIONS", "RESOURCES", "TERMS", "TERMS_OF_SERVICE", "USER_ACCOUNT",
]  # fmt: skip


def sections() -> list[tuple[str, int, str, str]]:
    """(group, number, title, body) of every '### N. title' section, in page order."""
    text = PAGE.read_text("utf-8")
    found = []
    for group_match in re.finditer(r"^## (\w+)\n(.*?)(?=^## |\Z)", text, re.M | re.S):
        group, body = group_match.groups()
        for m in re.finditer(r"^### (\d+)\. ([^\n]+)\n(.*?)(?=^### |\Z)", body, re.M | re.S):
            found.append((group, int(m[1]), m[2], m[3]))
    return found


def node_calls(section_body: str) -> list[str]:
    return re.findall(r"`pinterest\.([\w.]+)\(", section_body)


def test_all_107_examples_in_order_and_groups() -> None:
    found = sections()
    assert [n for _, n, _, _ in found] == list(range(1, 108))
    groups_in_order = list(dict.fromkeys(g for g, _, _, _ in found))
    assert groups_in_order == GROUPS


def test_every_example_quotes_its_node_call_and_has_python() -> None:
    text = PAGE.read_text("utf-8")
    blocks_by_heading: dict[str, int] = {}
    for block in python_blocks(PAGE):
        blocks_by_heading[block.heading] = blocks_by_heading.get(block.heading, 0) + 1
    for _, number, title, body in sections():
        assert node_calls(body), f"example {number} quotes no Node call"
        assert blocks_by_heading.get(f"{number}. {title}"), f"example {number} has no Python block"
    assert "<!-- check: typecheck -->" not in text, "every example on this page must run against the sandbox"


def test_every_example_names_its_python_method_and_calls_it() -> None:
    client = Sandbox().client()
    for _, number, _, body in sections():
        named = re.search(r"→ Python: `client\.(\w+)\.(\w+)`", body)
        assert named, f"example {number} does not name its Python method"
        resource, method = named.groups()
        assert callable(getattr(getattr(client, resource), method, None)), f"example {number}: no {resource}.{method}"
        assert f".{resource}.{method}(" in body, f"example {number} names {resource}.{method} but does not call it"


@pytest.mark.skipif(not NODE_README.exists(), reason="the pinterest-node-api README is not next to the repository")
def test_same_calls_as_the_node_readme() -> None:
    readme = NODE_README.read_text("utf-8")
    expected = []
    for block in re.findall(r"```js\n(.*?)```", readme.split("## Examples", 1)[1], re.S):
        calls = [c for c in re.findall(r"pinterest\.([\w.]+)\(", block) if c != "setApiKey"]
        expected.append(calls[0])
    assert len(expected) == 107
    assert [node_calls(body)[-1] for _, _, _, body in sections()] == expected
