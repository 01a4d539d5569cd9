"""A short tour: boards and pins against the embedded offline sandbox (no token, no network).

python examples/tour.py                 # in-process sandbox, demo data
PINTEREST_BASE_URL=... python examples/tour.py --live   # the same calls against a real server
"""

from __future__ import annotations

import sys

from pinterest_rest import Pinterest


def tour(client: Pinterest) -> None:
    me = client.user_account.get()
    print(f"Signed in as {me.username} ({me.account_type})")

    board = client.boards.create(name="Weeknight dinners", description="Quick recipes", privacy="PUBLIC")
    print(f"Created board {board.id}: {board.name!r}")
    section = client.boards.create_section(board.id, name="Pasta")
    for title in ("Lemon spaghetti", "Pesto gnocchi", "Cacio e pepe"):
        pin = client.pins.create(
            board_id=board.id,
            board_section_id=section.id,
            title=title,
            media_source={"source_type": "image_url", "url": "https://example.com/pasta.jpg"},
        )
        print(f"  pinned {pin.id}: {pin.title}")

    print("Your boards:")
    for b in client.boards.list(page_size=10):
        print(f"  {b.id}  {b.name:<28} pins={b.pin_count}")
    print(f"Pins on {board.name!r}:")
    for p in client.boards.list_pins(board.id):
        print(f"  {p.id}  {p.title}")

    updated = client.pins.update(pin.id, title="Cacio e pepe (5 ingredients)")
    print(f"Renamed pin {updated.id} to {updated.title!r}")
    client.pins.delete(pin.id)
    remaining = sum(1 for _ in client.boards.list_pins(board.id))
    print(f"Deleted it; {remaining} pins left on the board")


def main(argv: list[str]) -> int:
    if "--live" in argv:
        with Pinterest() as client:
            tour(client)
        return 0
    from pinterest_rest.sandbox import Sandbox

    sandbox = Sandbox(seed="demo")
    with sandbox.client() as client:
        tour(client)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
