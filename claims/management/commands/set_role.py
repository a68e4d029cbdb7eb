"""manage.py set_role USERNAME ROLE: give someone a role (viewer, annotator, reviewer, editor)."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.permissions import ROLES
from claims.services.roles import user_role_set


class Command(BaseCommand):
    help = "Give a user a role, creating the user (with a printed one-time password) if asked."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=ROLES)
        parser.add_argument("--create", action="store_true", help="Create the user if it does not exist.")

    def handle(self, *args, username, role, create, **options):
        users = get_user_model().objects
        user = users.filter(username=username).first()
        password = None
        if user is None:
            if not create:
                raise CommandError(f"No user called {username!r} (use --create to add one).")
            password = secrets.token_urlsafe(12)
            user = users.create_user(username=username, password=password)
        try:
            user_role_set(user=user, role=role)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"{username} is now {'an' if role[0] in 'aeiou' else 'a'} {role}.")
        if password:
            self.stdout.write(f"Password (shown once): {password}")
