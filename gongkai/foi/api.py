"""The /api/v1/ endpoints (placeholder until the API lands)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Gongkai API", version="1", urls_namespace="api")
