"""speech: forced-alignment provenance per transcript version, speaker labels per call

Revision ID: 0009_speech
Revises: 0008_search
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_speech"
down_revision = "0008_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("transcript_id", sa.Integer(), nullable=False),
        sa.Column("producer", sa.String(length=200), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"]),
        sa.ForeignKeyConstraint(["transcript_id"], ["transcripts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_alignments_call_id", "alignments", ["call_id"])
    op.create_index("ix_alignments_transcript_id", "alignments", ["transcript_id"])
    op.create_table(
        "speaker_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=120), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("personal", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("call_id", "speaker"),
    )
    op.create_index("ix_speaker_labels_call_id", "speaker_labels", ["call_id"])


def downgrade() -> None:
    op.drop_index("ix_speaker_labels_call_id", table_name="speaker_labels")
    op.drop_table("speaker_labels")
    op.drop_index("ix_alignments_transcript_id", table_name="alignments")
    op.drop_index("ix_alignments_call_id", table_name="alignments")
    op.drop_table("alignments")
