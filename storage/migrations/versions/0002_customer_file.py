"""Customer file: profile fields, duplicate and search keys, review, soft delete, contacts that left,
settings and spreadsheet imports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from bot.domain.company import name_key
from bot.domain.search_text import search_text

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revenue', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('name_key', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('review_status', sa.String(length=16), nullable=False,
                                      server_default='approved'))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('deleted_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_customers_deleted_by_users', 'users', ['deleted_by'], ['id'])
        batch_op.create_index('ix_customers_name_key', ['name_key'], unique=False)
        batch_op.create_index('ix_customers_owner_deleted', ['owner_id', 'deleted_at'], unique=False)
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone_digits', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('left_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_contacts_phone_digits', ['phone_digits'], unique=False)
        batch_op.create_index('ix_contacts_email', ['email'], unique=False)
    op.create_table('app_settings',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by'], ['users.id']),
        sa.PrimaryKeyConstraint('key'),
    )
    op.create_table('import_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('file_id', sa.String(length=255), nullable=False),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('duplicate_mode', sa.String(length=8), nullable=False),
        sa.Column('total_rows', sa.Integer(), nullable=False),
        sa.Column('done_rows', sa.Integer(), nullable=False),
        sa.Column('created_count', sa.Integer(), nullable=False),
        sa.Column('merged_count', sa.Integer(), nullable=False),
        sa.Column('skipped_count', sa.Integer(), nullable=False),
        sa.Column('rejected_count', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=True),
        sa.Column('progress_message_id', sa.BigInteger(), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('import_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_import_jobs_user_id', ['user_id'], unique=False)
    _backfill_keys()


def _backfill_keys() -> None:
    """Existing customers get their duplicate and search keys (the code computes them from now on)."""
    bind = op.get_bind()
    customers = sa.table('customers', sa.column('id', sa.Integer), sa.column('name', sa.String),
                         sa.column('code', sa.String), sa.column('name_key', sa.String),
                         sa.column('search_text', sa.Text))
    contacts = sa.table('contacts', sa.column('customer_id', sa.Integer), sa.column('name', sa.String))
    names: dict[int, list[str]] = {}
    for customer_id, name in bind.execute(sa.select(contacts.c.customer_id, contacts.c.name)):
        names.setdefault(customer_id, []).append(name)
    for row in bind.execute(sa.select(customers.c.id, customers.c.name, customers.c.code)).all():
        bind.execute(customers.update().where(customers.c.id == row.id).values(
            name_key=name_key(row.name),
            search_text=search_text(name=row.name, code=row.code, contacts=names.get(row.id, ()))))


def downgrade() -> None:
    op.drop_table('import_jobs')
    op.drop_table('app_settings')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_email')
        batch_op.drop_index('ix_contacts_phone_digits')
        batch_op.drop_column('created_at')
        batch_op.drop_column('left_at')
        batch_op.drop_column('phone_digits')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index('ix_customers_owner_deleted')
        batch_op.drop_index('ix_customers_name_key')
        batch_op.drop_constraint('fk_customers_deleted_by_users', type_='foreignkey')
        batch_op.drop_column('deleted_by')
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('review_status')
        batch_op.drop_column('search_text')
        batch_op.drop_column('name_key')
        batch_op.drop_column('revenue')
