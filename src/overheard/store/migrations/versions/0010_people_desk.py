"""the people desk: unique pseudonyms, pseudonym history, merge/split decisions, claims with evidence and
attachments, call sign-offs, resolved place mentions

Revision ID: 0010_people
Revises: 0009_speech
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_people"
down_revision = "0009_speech"
branch_labels = None
depends_on = None

BIG = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # plain ADD COLUMN (no table copy: person_keys and others refer to person_candidates)
    op.add_column("person_candidates", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("person_candidates", sa.Column("merged_into", sa.Integer(), nullable=True))
    # Earlier releases gave two people one pseudonym. The oldest keeps it; the others get a placeholder
    # ("Матвей #12") that the next 'people sync' replaces by a proper unique pseudonym, recorded in the history.
    op.execute(
        "UPDATE person_candidates SET pseudonym = pseudonym || ' #' || CAST(id AS VARCHAR(12)) WHERE id > ("
        "SELECT MIN(p2.id) FROM person_candidates p2 WHERE p2.pseudonym = person_candidates.pseudonym)"
    )
    op.create_index("ux_person_candidates_pseudonym", "person_candidates", ["pseudonym"], unique=True)
    op.create_table(
        "person_pseudonyms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), sa.ForeignKey("person_candidates.id"), nullable=False),
        sa.Column("pseudonym", sa.String(length=80), nullable=False),
        sa.Column("previous", sa.String(length=80), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_pseudonyms_candidate_id", "person_pseudonyms", ["candidate_id"])
    op.create_table(
        "person_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("target_id", sa.Integer(), sa.ForeignKey("person_candidates.id"), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("moves", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("undone_by", sa.String(length=120), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_decisions_target_id", "person_decisions", ["target_id"])
    op.create_index("ix_person_decisions_signature", "person_decisions", ["signature"])
    op.create_table(
        "person_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), sa.ForeignKey("person_candidates.id"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_person_claims_candidate_id", "person_claims", ["candidate_id"])
    op.create_index("ix_person_claims_status", "person_claims", ["status"])
    op.create_table(
        "claim_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("person_claims.id"), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("observed_on", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claim_evidence_claim_id", "claim_evidence", ["claim_id"])
    op.create_table(
        "evidence_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), sa.ForeignKey("claim_evidence.id"), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", BIG, nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("vault_path", sa.String(length=400), nullable=False),
        sa.Column("added_by", sa.String(length=120), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evidence_attachments_evidence_id", "evidence_attachments", ["evidence_id"])
    op.create_table(
        "claim_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("person_claims.id"), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claim_events_claim_id", "claim_events", ["claim_id"])
    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("transcript_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("oblast", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("transcript_id", "start", "end", name="uq_place_mentions_span"),
    )
    op.create_index("ix_place_mentions_call_id", "place_mentions", ["call_id"])
    op.create_table(
        "call_signoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), sa.ForeignKey("calls.id"), nullable=False),
        sa.Column("transcript_id", sa.Integer(), sa.ForeignKey("transcripts.id"), nullable=False),
        sa.Column("signed_by", sa.String(length=120), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("transcript_id", "signed_by", name="uq_call_signoffs_reviewer"),
    )
    op.create_index("ix_call_signoffs_call_id", "call_signoffs", ["call_id"])


def downgrade() -> None:
    for table in ("call_signoffs", "place_mentions", "claim_events", "evidence_attachments", "claim_evidence",
                  "person_claims", "person_decisions", "person_pseudonyms"):
        op.drop_table(table)
    op.drop_index("ux_person_candidates_pseudonym", table_name="person_candidates")
    with op.batch_alter_table("person_candidates", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
        batch_op.drop_column("language")
