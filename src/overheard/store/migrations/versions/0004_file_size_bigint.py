"""files.size as a 64-bit integer: PostgreSQL's INTEGER stops at 2 GiB, recordings may be up to 4 GiB

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 12:30:00

SQLite stores every INTEGER in up to 8 bytes already, so only other databases are altered
(rebuilding the SQLite table would gain nothing and touch every evidence row).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("files", "size", type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("files", "size", type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=False)
