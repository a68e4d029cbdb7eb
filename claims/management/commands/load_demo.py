"""manage.py load_demo: import the demo articles in fixtures/articles (a no-op when already loaded)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_ARTICLES = settings.BASE_DIR / "fixtures" / "articles"


class Command(BaseCommand):
    help = "Import the demo articles and propose their claims; running it again changes nothing."

    def handle(self, *args, **options):
        call_command("import_articles", str(DEMO_ARTICLES), "--no-progress", stdout=self.stdout, stderr=self.stderr)
