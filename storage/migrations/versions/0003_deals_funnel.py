"""Deals through the funnel: stage version and review, lost reasons, payment, tier overrides and tier
changes, contract and sale-result authors, milestone done-by, complaint status.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tier_override', sa.String(length=1), nullable=True))
        batch_op.add_column(sa.Column('tier_override_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('tier_override_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('tier_override_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_customers_tier_override_by_users', 'users', ['tier_override_by'], ['id'])
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lost_reason_code', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('competitor', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('stage_reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('paid_on', sa.Date(), nullable=True))
        batch_op.create_index('ix_deals_owner_stage', ['owner_id', 'stage'], unique=False)
    with op.batch_alter_table('stage_changes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
    op.create_table('tier_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('deal_id', sa.Integer(), nullable=True),
        sa.Column('from_tier', sa.String(length=1), nullable=True),
        sa.Column('to_tier', sa.String(length=1), nullable=False),
        sa.Column('cause', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('changed_by', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['changed_by'], ['users.id']),
        sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('tier_changes', schema=None) as batch_op:
        batch_op.create_index('ix_tier_changes_customer_id', ['customer_id'], unique=False)
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('currency', sa.String(length=3), nullable=False, server_default='CNY'))
        batch_op.add_column(sa.Column('created_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_contracts_created_by_users', 'users', ['created_by'], ['id'])
    with op.batch_alter_table('contract_milestones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_contract_milestones_done_by_users', 'users', ['done_by'], ['id'])
        batch_op.create_index('ix_contract_milestones_open_due', ['done_on', 'due_on'], unique=False)
    with op.batch_alter_table('sale_results', schema=None) as batch_op:
        batch_op.add_column(sa.Column('currency', sa.String(length=3), nullable=False, server_default='CNY'))
        batch_op.add_column(sa.Column('created_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_sale_results_created_by_users', 'users', ['created_by'], ['id'])
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('created_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key('fk_complaints_created_by_users', 'users', ['created_by'], ['id'])
        batch_op.create_index('ix_complaints_status', ['status', 'received_at'], unique=False)
    # Rows from before: a deal's stage counts as reviewed when it last changed; resolved complaints say so.
    op.execute("UPDATE deals SET stage_reviewed_at = updated_at")
    op.execute("UPDATE complaints SET status = 'resolved' WHERE resolved_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index('ix_complaints_status')
        batch_op.drop_constraint('fk_complaints_created_by_users', type_='foreignkey')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('created_by')
        batch_op.drop_column('status')
    with op.batch_alter_table('sale_results', schema=None) as batch_op:
        batch_op.drop_constraint('fk_sale_results_created_by_users', type_='foreignkey')
        batch_op.drop_column('created_by')
        batch_op.drop_column('currency')
    with op.batch_alter_table('contract_milestones', schema=None) as batch_op:
        batch_op.drop_index('ix_contract_milestones_open_due')
        batch_op.drop_constraint('fk_contract_milestones_done_by_users', type_='foreignkey')
        batch_op.drop_column('done_by')
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_constraint('fk_contracts_created_by_users', type_='foreignkey')
        batch_op.drop_column('created_by')
        batch_op.drop_column('currency')
    op.drop_table('tier_changes')
    with op.batch_alter_table('stage_changes', schema=None) as batch_op:
        batch_op.drop_column('note')
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.drop_index('ix_deals_owner_stage')
        batch_op.drop_column('paid_on')
        batch_op.drop_column('stage_reviewed_at')
        batch_op.drop_column('version')
        batch_op.drop_column('competitor')
        batch_op.drop_column('lost_reason_code')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_constraint('fk_customers_tier_override_by_users', type_='foreignkey')
        batch_op.drop_column('tier_override_by')
        batch_op.drop_column('tier_override_until')
        batch_op.drop_column('tier_override_reason')
        batch_op.drop_column('tier_override')
