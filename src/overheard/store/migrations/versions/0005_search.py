"""search index: word postings keyed by folded lemma, and which transcript versions are indexed (search area)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 13:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transcript_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),  # word number in the transcript
        sa.Column("segment", sa.Integer(), nullable=False),  # segment index
        sa.Column("key", sa.String(length=120), nullable=False),  # folded lemma or surface form
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["transcript_id"], ["transcripts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("search_postings", schema=None) as batch_op:
        batch_op.create_index("ix_search_postings_key", ["key"], unique=False)
        batch_op.create_index("ix_search_postings_transcript", ["transcript_id"], unique=False)
    op.create_table(
        "search_indexed",
        sa.Column("transcript_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("indexed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["transcript_id"], ["transcripts.id"]),
        sa.PrimaryKeyConstraint("transcript_id"),
    )


def downgrade() -> None:
    op.drop_table("search_indexed")
    with op.batch_alter_table("search_postings", schema=None) as batch_op:
        batch_op.drop_index("ix_search_postings_transcript")
        batch_op.drop_index("ix_search_postings_key")
    op.drop_table("search_postings")
