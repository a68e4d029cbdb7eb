
"""The README's commands work pasted into a plain shell on a fresh clone after `make install`."""

import json
import re
import shutil
import subprocess

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from claims.models import APIToken
from tests.claims.imports.feeds import review
from tests.processes import ROOT, database_url_of_this_test, environment_without_django

pytestmark = pytest.mark.django_db(transaction=True)

FRESH_ARTICLE = "Ferry timetable changes\n\nThe operator said: “Evening sailings will stop in March.”\n"
FRESH_FEED = '{"headline": "Library hours", "body": "The council said: “The library will open on Sundays.”"}\n'
# Long-running or needing services a fresh clone does not have (a Redis server, a running web server).
NOT_ONE_SHOT = ("rqworker",)


def readme_manage_commands() -> list[str]:
    """Every `uv run python manage.py ...` line of the README's shell blocks, without its comment."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.DOTALL)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [
        line
        for line in lines
        if line.startswith("uv run python manage.py") and not any(word in line for word in NOT_ONE_SHOT)
    ]


@pytest.fixture
def fresh_clone(tmp_path):
    """The checkout's files as a clone has them (no .env, no .venv), then `make install`."""
    clone = tmp_path / "claimtrack"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    # The articles the README's import example names besides the demo ones.
    (clone / "more").mkdir()
    (clone / "more" / "ferry.txt").write_text(FRESH_ARTICLE, encoding="utf-8")
    (clone / "feed.jsonl").write_text(FRESH_FEED, encoding="utf-8")
    # The partner files the README's ClaimReview import example names.
    (clone / "partner-feed.json").write_text(json.dumps(review(41)), encoding="utf-8")
    (clone / "more" / "second.jsonld").write_text(json.dumps([review(42), review(43)]), encoding="utf-8")
    # Reuse this checkout's environment rather than installing every package again.
    env = environment_without_django(
        DATABASE_URL=database_url_of_this_test(), UV_PROJECT_ENVIRONMENT=str(ROOT / ".venv")
    )
    installed = subprocess.run(["make", "install"], cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    return clone, env


def test_readme_commands_work_in_a_plain_shell_after_make_install(fresh_clone):
    clone, env = fresh_clone
    commands = readme_manage_commands()
    assert [command.split()[4] for command in commands] == [
        "import_articles",
        "extract",
        "axes_reset",
        "axes_reset_username",
        "axes_reset_ip",
        "set_role",
        "create_api_token",
        "match_claims",
        "import_claimreviews",
        "webhooks_requeue",
    ]
    outputs = {}
    for command in commands:
        result = subprocess.run(["sh", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{command}\n{result.stderr[-3000:]}"
        outputs[command.split()[4]] = result.stdout

    assert "Ferry timetable changes" in Article.objects.values_list("headline", flat=True)
    assert Article.objects.filter(body__contains="The library will open on Sundays.").exists()
    assert '"speakers"' in outputs["extract"]
    assert User.objects.get(username="alice").groups.filter(name="reviewer").exists()
    key = outputs["create_api_token"].split()[-1]
    assert APIToken.objects.filter(user__username="alice", name="newsroom CMS").count() == 1
    assert len(key) >= 32
    assert outputs["match_claims"].splitlines()[-1].startswith("Matched ")


def test_development_defaults_stay_out_of_version_control(fresh_clone):
    clone, _ = fresh_clone
    assert "DJANGO_DEBUG=1" in (clone / ".env").read_text()
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False)
    assert ignored.returncode == 0
