"""Annotators: small registered components that find evidence in text."""
