"""Roles: titles and positions held by people (`ambassador` of Ukraine to the US)."""

from __future__ import annotations

from newsloom.enrich.roles.stage import RoleStage

__all__ = ["RoleStage"]
