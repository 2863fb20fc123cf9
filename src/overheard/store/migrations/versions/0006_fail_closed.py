"""fail closed: personal-data coverage per annotation run, one live correction per finding, decision revisions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LIVE_SUCCESSOR = sa.text("supersedes_id IS NOT NULL AND review_status IN ('pending', 'accepted')")


def upgrade() -> None:
    with op.batch_alter_table("annotation_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("personal_data", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("unchecked_segments", sa.JSON(), nullable=True))
    # the entities annotator is the personal-data detector of every earlier release
    op.execute("UPDATE annotation_runs SET personal_data = TRUE WHERE producer LIKE 'entities.%' "
               "AND config_digest <> 'superseded'")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
    # Earlier releases let one finding be corrected twice (two live corrections, both counted): the newest
    # correction stays live, the older ones become 'corrected' (superseded in effect), so the index below holds.
    op.execute(
        "UPDATE findings SET review_status = 'corrected' WHERE supersedes_id IS NOT NULL "
        "AND review_status IN ('pending', 'accepted') AND id < ("
        "SELECT MAX(f2.id) FROM findings f2 WHERE f2.supersedes_id = findings.supersedes_id "
        "AND f2.review_status IN ('pending', 'accepted'))"
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index("ux_findings_live_successor", ["supersedes_id"], unique=True,
                              sqlite_where=LIVE_SUCCESSOR, postgresql_where=LIVE_SUCCESSOR)


def downgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ux_findings_live_successor")
        batch_op.drop_column("revision")
    with op.batch_alter_table("annotation_runs", schema=None) as batch_op:
        batch_op.drop_column("unchecked_segments")
        batch_op.drop_column("personal_data")
