from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery staple"  # UserFactory's
