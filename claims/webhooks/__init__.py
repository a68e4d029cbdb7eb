"""Webhooks: signing, payloads and the background delivery of events to subscribers."""
