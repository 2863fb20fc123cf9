"""person candidates, their name keys and raw mentions; pseudonym mapping (redact area)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("display", sa.String(length=200), nullable=False),  # personal data: real name
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("pseudonym", sa.String(length=80), nullable=False),  # the mapping lives only here
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "person_keys",
        sa.Column("key", sa.String(length=200), nullable=False),  # machine grouping key, e.g. "сергей|петров"
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=True),  # null: machine; else who merged/split
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["candidate_id"], ["person_candidates.id"]),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("person_keys", schema=None) as batch_op:
        batch_op.create_index("ix_person_keys_candidate_id", ["candidate_id"], unique=False)
    op.create_table(
        "person_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("transcript_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("normal", sa.String(length=200), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("transcript_id", "start", "end", name="uq_person_mentions_span"),
    )
    with op.batch_alter_table("person_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_person_mentions_key", ["key"], unique=False)
        batch_op.create_index("ix_person_mentions_call_id", ["call_id"], unique=False)
    op.create_table(
        "entity_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),  # PHONE, CALLSIGN, UNIT
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("transcript_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("normal", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("transcript_id", "start", "end", name="uq_entity_forms_span"),
    )


def downgrade() -> None:
    op.drop_table("entity_forms")
    with op.batch_alter_table("person_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_person_mentions_call_id")
        batch_op.drop_index("ix_person_mentions_key")
    op.drop_table("person_mentions")
    with op.batch_alter_table("person_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_person_keys_candidate_id")
    op.drop_table("person_keys")
    op.drop_table("person_candidates")
