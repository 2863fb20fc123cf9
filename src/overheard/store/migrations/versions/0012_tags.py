"""tags, stars and notes on calls, findings and quotes

Revision ID: 0012_tags
Revises: 0011_publish
Create Date: 2026-12-20 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_tags"
down_revision = "0011_publish"
branch_labels = None
depends_on = None


def _marked(name: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(f"ix_{name}_call_id", name, ["call_id"])


def upgrade() -> None:
    _marked("tags", sa.Column("tag", sa.String(length=40), nullable=False),
            sa.Column("created_by", sa.String(length=120), nullable=False),
            sa.UniqueConstraint("object_type", "object_id", "tag", name="uq_tags_object_tag"))
    op.create_index("ix_tags_type_tag", "tags", ["object_type", "tag"])
    _marked("stars", sa.Column("owner", sa.String(length=120), nullable=False),
            sa.UniqueConstraint("object_type", "object_id", "owner", name="uq_stars_object_owner"))
    op.create_index("ix_stars_owner_type", "stars", ["owner", "object_type"])
    _marked("notes", sa.Column("body", sa.Text(), nullable=False),
            sa.Column("created_by", sa.String(length=120), nullable=False))
    op.create_index("ix_notes_object", "notes", ["object_type", "object_id"])


def downgrade() -> None:
    for name, extra in (("notes", "ix_notes_object"), ("stars", "ix_stars_owner_type"), ("tags", "ix_tags_type_tag")):
        op.drop_index(extra, table_name=name)
        op.drop_index(f"ix_{name}_call_id", table_name=name)
        op.drop_table(name)
