"""manage.py ensure_admin: make sure someone can sign in to the admin, without a known password."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an admin user with a generated password (printed once) unless a superuser exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        users = get_user_model().objects
        existing = users.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(f"Admin user already exists: {existing.get_username()} (password unchanged).")
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created admin user {username!r} with password: {password}"))
        self.stdout.write("This password is shown only once; change it in the admin if you like.")
