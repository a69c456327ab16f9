"""Webhooks: HTTP callbacks to other tools when a pipeline stage changes or an import finishes, signed
with each subscription's secret and delivered (with retries) through the one task API."""
