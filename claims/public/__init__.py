"""Public, read-only pages for published verdicts and their speakers, with an Atom feed and a sitemap."""
