"""The import page (``/import``): upload tables, read the report of a refused import, see and restore versions.

A plain server-rendered form (Flask + Jinja, which escapes every value): it works without JavaScript,
under the strict Content-Security-Policy, and bounds uploads with Flask's request size limit.

Who may use it:
* sign-in configured (``IN2P3_USERS``): signed-in users with the ``editor`` role;
* no sign-in: nobody, unless ``IN2P3_ALLOW_IMPORT=1`` opens it to everyone who can reach the app (a
  one-person machine, or a server whose proxy already restricts ``/import``).
The command line (``python -m dashboard import``) is always available to whoever can write the data folder.

``/import/story`` (same gate, same token) saves a view of the dashboard as a new step of presentation mode's
story: a new stories.csv given to the import (``story_step``), checked and versioned like every import.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

import flask

from .. import schema
from ..config import Settings
from ..datastore import importing, versions
from ..state import Vocabulary, parse_query, to_query
from . import security, story_step
from .auth import current_user

log = logging.getLogger(__name__)

#: An import request holds at most twice the largest file (the department's tables together are well under
#: a megabyte); form fields take a few kilobytes beside the files.
FORM_OVERHEAD_BYTES = 64 * 1024


def may_edit(settings: Settings) -> bool:
    """Whether this request may use the import pages (the gate of :func:`build_blueprint` would let it through): the
    page offers its editors "Save as a story step" by this."""
    if not settings.import_enabled or not flask.has_request_context():
        return False
    if settings.sign_in:
        user = current_user(settings)
        return user is not None and user.role == "editor"
    return True


def build_blueprint(settings: Settings, store) -> flask.Blueprint:
    """The /import pages for ``store``'s data folder."""
    here = Path(__file__).resolve().parent
    pages = flask.Blueprint(
        "admin",
        __name__,
        template_folder=str(here / "templates"),
        static_folder=str(here / "static"),
        static_url_path="/admin-static",
    )
    limits = importing.Limits(max_file_bytes=settings.max_upload_mb * 1024 * 1024)

    def gate():
        """None when this request may use the page; else the response that says why not."""
        if not settings.import_enabled:
            return _page(
                "message.html",
                403,
                heading="The import page is turned off",
                message="This server does not accept data from the page. Ask its administrator, or use "
                "the command line: python -m dashboard import FILES",
            )
        if settings.sign_in:
            user = current_user(settings)
            if user is None:
                return flask.redirect(flask.url_for("sign_in", next=flask.request.path))
            if user.role != "editor":
                return _page(
                    "message.html",
                    403,
                    heading="Editors only",
                    message=f"You are signed in as {user.name}, who may view the dashboard but not change its data.",
                )
        if flask.request.method == "POST":
            security.check_csrf()
        return None

    def who() -> str:
        user = current_user(settings)
        if user:
            return user.name
        return f"anonymous ({flask.request.remote_addr or 'unknown address'})"

    def _page(template: str, status: int = 200, **values):
        values.setdefault("user", current_user(settings))
        values.setdefault("title", "Update the data")
        response = flask.make_response(
            flask.render_template(template, csrf=security.csrf_token(), sign_in=settings.sign_in, **values), status
        )
        response.headers["Cache-Control"] = "no-store"
        return security.set_csrf_cookie(response, settings.cookie_secure)

    def show(status: int = 200, **values):
        folder = store.folder
        data = store.current()
        c = data.collaborations
        served = {
            "version": getattr(versions.current_version(folder), "id", None) if folder else None,
            "data_date": data.data_date,
            "rows": f"{len(c)} collaboration rows ({int(c['count'].sum())} instruments), {len(data.partners)} partner "
            f"institutions, {len(data.labs)} labs",
        }
        history = versions.list_versions(folder) if folder else []
        return _page(
            "import.html",
            status,
            served=served,
            history=history,
            limits=limits,
            tables=list(importing.SHEETS),
            **values,
        )

    def present(outcome: importing.Outcome):
        """The page with what an import or a restore did, or why it was not done."""
        if outcome.ok:
            store.current()  # this worker serves the new data from now on; the others from their next request
            return show(200, done=outcome.message)
        if outcome.refused:
            return show(422, problems=outcome.problems)
        return show(409, failure=outcome.message)

    @pages.before_request
    def raise_the_upload_limit():
        if flask.request.endpoint == "admin.upload":
            flask.request.max_content_length = 2 * limits.max_file_bytes + FORM_OVERHEAD_BYTES

    @pages.route("/import", methods=["GET"])
    def page():
        return gate() or show()

    @pages.route("/import", methods=["POST"], endpoint="upload")
    def upload():
        refusal = gate()
        if refusal:
            return refusal
        if store.folder is None:
            return show(409, failure="This app serves fixed data and cannot import.")
        uploads = []
        for given in flask.request.files.getlist("files"):
            try:
                if given.filename:
                    uploads.append(importing.Upload(given.filename, given.read(limits.max_file_bytes + 1)))
            finally:
                given.close()  # the temporary file werkzeug may have spooled it to
        data_date = flask.request.form.get("data_date", "").strip() or None
        return present(
            importing.run_import(
                store.folder,
                uploads,
                user=who(),
                data_date=data_date,
                geometry_file=settings.geometry_file,
                limits=limits,
                keep=settings.keep_versions,
            )
        )

    @pages.route("/import/restore", methods=["POST"], endpoint="restore")
    def restore():
        refusal = gate()
        if refusal:
            return refusal
        if store.folder is None:
            return show(409, failure="This app serves fixed data and cannot restore.")
        version_id = flask.request.form.get("version", "")[:64]
        return present(
            importing.run_restore(
                store.folder, version_id, user=who(), geometry_file=settings.geometry_file, keep=settings.keep_versions
            )
        )

    def show_story_form(status: int = 200, form: story_step.StepForm | None = None, **values):
        """The story form (``story.html``), filled with ``form``, and what the last save did or why it was not done."""
        form = form or story_step.StepForm()
        data = store.current()
        return _page(
            "story.html",
            status,
            title="Save a view as a story step",
            form=form,
            view_caption=story_step.describe_view(form, data),
            steps=data.stories,
            **values,
        )

    def view_of_referrer() -> str:
        """The dashboard's address the person came from (its "Save as a story step" link), or "" from elsewhere."""
        referrer = urlsplit(flask.request.referrer or "")
        if referrer.netloc != flask.request.host or referrer.path.startswith("/import"):
            return ""
        return f"?{referrer.query}" if referrer.query else ""

    @pages.route("/import/story", methods=["GET"])
    def story_form():
        refusal = gate()
        if refusal:
            return refusal
        view = flask.request.args.get("view") or view_of_referrer()
        return show_story_form(form=story_step.StepForm(view=view[: story_step.MAX_FIELD_CHARS]))

    @pages.route("/import/story", methods=["POST"], endpoint="save_story")
    def save_story():
        refusal = gate()
        if refusal:
            return refusal
        form = story_step.StepForm.from_form(flask.request.form)
        if store.folder is None:
            return show_story_form(409, form, failure="This app serves fixed data and cannot import.")
        data = store.current()
        query, problems = story_step.step_view(form, data)
        place, more = story_step.step_place(form, data.stories)
        if problems or more:
            return show_story_form(422, form, form_problems=problems + more)
        content, number = story_step.stories_csv(data.stories, story_step.new_story(form, query), place)
        outcome = importing.run_import(
            store.folder,
            [importing.Upload(schema.STORIES.file, content)],
            user=who(),
            geometry_file=settings.geometry_file,
            limits=limits,
            keep=settings.keep_versions,
        )
        if outcome.ok:
            store.current()  # this worker serves the new story from now on; the others from their next request
            state, _ = parse_query(query, Vocabulary.from_dataset(outcome.result.dataset))
            link = "/" + to_query(state.with_(present=True, step=number))
            return show_story_form(200, done=outcome.message, saved=number, link=link)
        if outcome.refused:
            return show_story_form(422, form, problems=outcome.problems, new_row=place + 1)
        return show_story_form(409, form, failure=outcome.message)

    return pages
