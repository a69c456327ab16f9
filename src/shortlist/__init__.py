"""Shortlist: recruiter workspace and explainable matching engine for backend engineering hires."""

__version__ = "0.1.0"
