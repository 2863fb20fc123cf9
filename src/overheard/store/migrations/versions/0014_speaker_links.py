"""the people desk: speaker links (a person speaking in a call) and per-call name scopes (a per-call split)

Revision ID: 0014_speaker_links
Revises: 0013_i18n
Create Date: 2026-12-03 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_speaker_links"
down_revision = "0013_i18n"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), sa.ForeignKey("person_candidates.id"), nullable=False),
        sa.Column("call_id", sa.Integer(), sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("speaker", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("linked_by", sa.String(length=120), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.Column("unlinked_by", sa.String(length=120), nullable=True),
        sa.Column("unlinked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_speakers_candidate_id", "person_speakers", ["candidate_id"])
    op.create_index("ix_person_speakers_call_id", "person_speakers", ["call_id"])
    op.create_table(
        "person_key_scopes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("scoped_key", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", "call_id", name="uq_person_key_scopes_key_call"),
        sa.UniqueConstraint("scoped_key"),
    )
    op.create_index("ix_person_key_scopes_call_id", "person_key_scopes", ["call_id"])


def downgrade() -> None:
    op.drop_index("ix_person_key_scopes_call_id", table_name="person_key_scopes")
    op.drop_table("person_key_scopes")
    op.drop_index("ix_person_speakers_call_id", table_name="person_speakers")
    op.drop_index("ix_person_speakers_candidate_id", table_name="person_speakers")
    op.drop_table("person_speakers")
