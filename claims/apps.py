from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from claims.api.tokencache import connect_signals
        from claims.roles import sync_after_migrate

        # Copies of tokens and users kept for token requests are voided when either (or a group) changes.
        connect_signals()

        # Django creates model permissions after migrate (and after a flush); grant them to the roles then.
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="claims.roles.sync")
