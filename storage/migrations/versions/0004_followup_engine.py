"""Follow-up engine: per-user reminder time, working window and days, due-reminder lead, unreachable
mark; team follow-up settings; customer snooze; notification rows become the outbox.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_time', sa.String(length=5), nullable=False, server_default='08:30'))
        batch_op.add_column(sa.Column('quiet_start', sa.String(length=5), nullable=False, server_default='08:00'))
        batch_op.add_column(sa.Column('quiet_end', sa.String(length=5), nullable=False, server_default='20:00'))
        batch_op.add_column(sa.Column('work_days', sa.String(length=7), nullable=False, server_default='12345'))
        batch_op.add_column(sa.Column('due_lead_minutes', sa.Integer(), nullable=False, server_default='15'))
        batch_op.add_column(sa.Column('unreachable_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('team_settings',
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('cadence_a', sa.Integer(), nullable=True),
        sa.Column('cadence_b', sa.Integer(), nullable=True),
        sa.Column('cadence_c', sa.Integer(), nullable=True),
        sa.Column('cadence_d', sa.Integer(), nullable=True),
        sa.Column('escalation', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('after_meeting_minutes', sa.Integer(), nullable=False, server_default='60'),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by'], ['users.id']),
        sa.PrimaryKeyConstraint('team_id'),
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('snoozed_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('snooze_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('snoozed_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_customers_snoozed_by_users', 'users', ['snoozed_by'], ['id'])
    with op.batch_alter_table('notification_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('object_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('day', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='sent'))
        batch_op.add_column(sa.Column('not_before', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('message_id', sa.BigInteger(), nullable=True))
        batch_op.alter_column('sent_at', existing_type=sa.DateTime(timezone=True), nullable=True)
        batch_op.create_index('ix_notification_log_due', ['status', 'not_before'], unique=False)
        batch_op.create_index('ix_notification_log_object', ['kind', 'object_id', 'day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification_log', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_log_object')
        batch_op.drop_index('ix_notification_log_due')
        batch_op.alter_column('sent_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        for column in ('message_id', 'created_at', 'last_error', 'claimed_until', 'attempts', 'not_before',
                       'status', 'day', 'object_id'):
            batch_op.drop_column(column)
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_constraint('fk_customers_snoozed_by_users', type_='foreignkey')
        batch_op.drop_column('snoozed_by')
        batch_op.drop_column('snooze_reason')
        batch_op.drop_column('snoozed_until')
    op.drop_table('team_settings')
    with op.batch_alter_table('users', schema=None) as batch_op:
        for column in ('unreachable_at', 'due_lead_minutes', 'work_days', 'quiet_end', 'quiet_start',
                       'reminder_time'):
            batch_op.drop_column(column)
