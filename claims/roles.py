"""The role groups and the Django model permissions each holds (what the admin shows each role).

What a role may *do* is decided in `claims.permissions`; this module only keeps the groups and their
model permissions in step with it. It runs from the roles migration and again after every migrate or
flush, so models added later are granted too and a flushed test database gets its groups back.
"""

from django.apps import apps as global_apps

from claims.permissions import ANNOTATOR, EDITOR, REVIEWER, ROLES, VIEWER

# Models whose rows every role may read (webhooks and API tokens are editors' business).
READABLE = {
    "articles": ("outlet", "article"),
    "claims": (
        "speaker",
        "speakeralias",
        "speakerrole",
        "claim",
        "claimrelation",
        "source",
        "citation",
        "review",
        "note",
    ),
}
ANNOTATOR_WRITES = {
    "claim": ("add", "change"),
    "claimrelation": ("add", "change", "delete"),
    "source": ("add", "change"),
    "citation": ("add", "change", "delete"),
    "note": ("add", "change"),
    "speaker": ("add", "change"),
    "speakeralias": ("add", "change", "delete"),
    "speakerrole": ("add", "change", "delete"),
}
REVIEWER_WRITES = {"review": ("add", "change")}
# Annotators bring articles in (a newsroom's integration posts them); changing or deleting one is an editor's call.
ANNOTATOR_ARTICLE_WRITES = {"article": ("add",), "outlet": ("add",)}


def roles_sync(apps) -> None:
    """Create the role groups and grant each its model permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def codenames(table):
        return [f"{verb}_{model}" for model, verbs in table.items() for verb in verbs]

    def perms(app_label, names):
        return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=names))

    view = [perm for app, models in READABLE.items() for perm in perms(app, [f"view_{m}" for m in models])]
    annotator = (
        view + perms("claims", codenames(ANNOTATOR_WRITES)) + perms("articles", codenames(ANNOTATOR_ARTICLE_WRITES))
    )
    reviewer = annotator + perms("claims", codenames(REVIEWER_WRITES))
    editor = list(Permission.objects.filter(content_type__app_label__in=("articles", "claims")))
    granted = {VIEWER: view, ANNOTATOR: annotator, REVIEWER: reviewer, EDITOR: editor}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*granted[role])


def sync_after_migrate(sender, app_config=None, apps=None, **kwargs) -> None:
    """post_migrate receiver: runs once the claims app's own permissions exist (flush sends no `apps`)."""
    if app_config is not None and app_config.label == "claims":
        roles_sync(apps or global_apps)
