"""manage.py extract FILE [FILE ...] [--format json|text]: show what extraction proposes, without the database."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.cleaning import clean_article
from claims.extraction import Extraction, extract


class Command(BaseCommand):
    help = "Clean article files and print the statements, speakers and response links extraction proposes."
    requires_system_checks: list[str] = []  # pure text processing: no checks, no database

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Plain-text article files.")
        parser.add_argument("--format", choices=["json", "text"], default="text", help="Output format.")

    def handle(self, *args, files, format, **options):
        results = [self._extract_file(path) for path in files]
        if format == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for result in results:
            self.stdout.write(_as_text(result))

    def _extract_file(self, path: str) -> dict:
        try:
            raw = Path(path).read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{path}: is a directory, not a file") from None
        except PermissionError:
            raise CommandError(f"{path}: permission denied") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text (byte {error.start})") from None
        except OSError as error:
            raise CommandError(f"{path}: cannot read ({error.strerror})") from None
        article = clean_article(raw)
        return _as_dict(path, article.headline, article.byline, article.published, extract(article.body))


def _as_dict(path, headline, byline, published, extraction: Extraction) -> dict:
    speakers = extraction.speakers
    return {
        "file": path,
        "headline": headline,
        "byline": byline,
        "published": published.isoformat() if published else None,
        "speakers": [{"name": s.name, "kind": s.kind, "aliases": list(s.aliases)} for s in speakers],
        "statements": [
            {
                "text": st.text,
                "start": st.start,
                "end": st.end,
                "speaker": speakers[st.speaker].name if st.speaker is not None else None,
                "speaker_kind": speakers[st.speaker].kind if st.speaker is not None else None,
                "kind": st.kind,
                "claim_type": st.claim_type,
                "direct": st.direct,
                "confidence": st.confidence,
                "responds_to": list(st.responds_to),
                "relation_type": st.relation_type,
                "link_confidence": st.link_confidence,
            }
            for st in extraction.statements
        ],
    }


def _as_text(result: dict) -> str:
    lines = [f"== {result['file']}: {result['headline']} ({result['published'] or 'no date'})"]
    for n, st in enumerate(result["statements"]):
        answers = f" -> answers {', '.join(f'#{i}' for i in st['responds_to'])}" if st["responds_to"] else ""
        kind = st["kind"] if st["kind"] == "response" else f"{st['kind']}/{st['claim_type']}"
        text = st["text"].replace("\n", " ")
        if len(text) > 100:
            text = text[:97] + "..."
        lines.append(f"#{n} [{st['start']}:{st['end']}] {st['speaker'] or '?'} ({kind}, {st['confidence']}){answers}")
        lines.append(f"    “{text}”")
    return "\n".join(lines) + "\n"
