"""The map year by year as an animated GIF (exports/animation.py, /export/animation.gif)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dashboard.app import create_app
from dashboard.config import load_settings
from dashboard.exports import animation


@pytest.fixture(scope="module")
def client(mini):
    return create_app(load_settings({}), data=mini).server.test_client()


def _frames(data: bytes) -> list[Image.Image]:
    gif = Image.open(io.BytesIO(data))
    frames = []
    for n in range(gif.n_frames):
        gif.seek(n)
        frames.append((gif.convert("RGB").copy(), gif.info.get("duration")))
    return frames


def test_anm001_one_frame_a_year_within_the_year_filter_held_at_the_end(client):
    response = client.get("/export/animation.gif?year=2015-2020&lang=fr")
    assert response.status_code == 200 and response.mimetype == "image/gif"
    assert response.headers["Content-Disposition"].startswith("inline;")
    frames = _frames(response.data)
    assert len(frames) == 6  # 2015, 2016, ..., 2020
    assert {image.size for image, _ in frames} == {(1280, 720)}
    assert [d for _, d in frames] == [animation.FRAME_MS] * 5 + [animation.LAST_FRAME_MS]
    assert frames[0][0].tobytes() != frames[-1][0].tobytes()  # the map changes as the years go


def test_anm002_the_frames_run_from_the_first_known_start_to_the_data_year(mini):
    from dashboard.state import ViewState

    first, last = animation.years_of(mini, ViewState())
    assert first == int(mini.collaborations["start_year"].dropna().min()) and last == mini.data_date.year
    # the 22 IEA have no published start year: no year to show, never an invented one
    assert animation.years_of(mini, ViewState(instruments=("IEA",))) is None


def test_anm003_a_view_with_no_known_start_year_is_a_plain_404_in_its_language(client):
    response = client.get("/export/animation.gif?instrument=IEA&lang=fr")
    assert response.status_code == 404 and response.mimetype == "text/plain"
    assert "année de début connue" in response.get_data(as_text=True)


def test_anm004_every_frame_uses_the_same_classes(mini):
    """A colour means the same number in every frame: the classes are those of the busiest year."""
    from dashboard.state import ViewState
    from dashboard.views import build_map_model

    span = animation.years_of(mini, ViewState())
    states = [ViewState(years=(y, y)) for y in range(span[0], span[1] + 1)]
    top = max(animation._largest(build_map_model(mini, s)) for s in states)
    breaks = {build_map_model(mini, s, top=top).breaks for s in states}
    assert len(breaks) == 1 and max(hi for _, hi in next(iter(breaks))) >= top
