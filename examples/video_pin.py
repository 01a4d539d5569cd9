"""Upload a video (streamed), wait for processing, and pin it."""

import io

from pinterest_rest.sandbox import Sandbox


def main() -> None:
    client = Sandbox().client()
    board = client.boards.create(name="Videos")
    pin = client.pins.create_video_pin(
        board_id=board.id,
        path=io.BytesIO(b"\x00" * 1_000_000),
        title="A clip",
        progress=lambda sent, total: print(f"uploaded {sent}/{total}") if sent == total else None,
        poll_interval=0.01,
    )
    print("pinned", pin.id, pin.media.media_type if pin.media else None)


if __name__ == "__main__":
    main()
