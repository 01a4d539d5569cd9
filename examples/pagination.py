"""Walk every board across pages, resume from a bookmark, cap with max_items."""

from pinterest_rest.sandbox import Sandbox


def main() -> None:
    client = Sandbox(seed="demo").client()
    for board in client.boards.list(page_size=100):
        print("board:", board.name)
    page = client.boards.list(page_size=2)
    print("first page:", len(page.items), "more:", page.has_next_page())
    resumed = client.boards.list(page_size=2, bookmark=page.next_bookmark)
    print("resumed at:", [b.name for b in resumed.items])
    print("first five pins:", [p.title for p in client.pins.list(max_items=5)])


if __name__ == "__main__":
    main()
