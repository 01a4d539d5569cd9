"""What the CLI calls things: group names, their old aliases, and the documentation address.

A group is named after its resource (``user_account`` -> ``user-account``) except where the
resource's name says nothing to a reader; those get a readable name, and the old name stays an
alias so scripts written against it keep working (it is accepted, completed, but not listed).
"""

from __future__ import annotations

from collections.abc import Callable

DOCS_URL = "https://pinterest-rest.readthedocs.io/"

# resource -> readable group name (the plain kebab-case name stays an alias)
READABLE = {
    "msot_events": "measurement-events",  # Measurement Source Of Truth attributed conversion events
    "conversion_eqs": "conversion-quality",  # event quality score of conversions
    "targeting_template": "targeting-templates",  # plural like every other collection
    "resources": "reference-data",  # countries, metrics, targeting options, lead form questions
}


def kebab_resource(resource: str) -> str:
    return resource.replace("_", "-")


def group_name(resource: str) -> str:
    """The name ``pinterest --help`` lists for a resource."""
    return READABLE.get(resource) or kebab_resource(resource)


def aliases(resource: str) -> list[str]:
    """Other names a group answers to."""
    return [kebab_resource(resource)] if resource in READABLE else []


def resource_of(word: str, is_resource: Callable[[str], bool]) -> str | None:
    """The resource a group word names: its readable name, its old name, or the Python name."""
    for resource, name in READABLE.items():
        if word == name:
            return resource if is_resource(resource) else None
    name = word.replace("-", "_")
    return name if is_resource(name) else None
