"""Every table of the CRM. Money is integer cents; timestamps are UTCDateTime."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # Follow-up engine, per user (local time of `timezone`): when the morning reminder comes, the working
    # window outside which nothing is sent, the working days (ISO weekdays, "12345" = Mon–Fri), and how
    # long before a next action its reminder comes.
    reminder_time: Mapped[str] = mapped_column(String(5), default="08:30", server_default="08:30")
    quiet_start: Mapped[str] = mapped_column(String(5), default="08:00", server_default="08:00")
    quiet_end: Mapped[str] = mapped_column(String(5), default="20:00", server_default="20:00")
    work_days: Mapped[str] = mapped_column(String(7), default="12345", server_default="12345")
    due_lead_minutes: Mapped[int] = mapped_column(Integer, default=15, server_default="15")
    unreachable_at: Mapped[datetime | None]  # Telegram said 403 (blocked the bot): nothing more is sent
    __table_args__ = (CheckConstraint("role in ('rep','manager','admin')", name="ck_users_role"),)


class TeamSetting(Base):
    """A team's follow-up rules, set by its manager; null cadences fall back to the configured defaults."""

    __tablename__ = "team_settings"
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    cadence_a: Mapped[int | None] = mapped_column(Integer)
    cadence_b: Mapped[int | None] = mapped_column(Integer)
    cadence_c: Mapped[int | None] = mapped_column(Integer)
    cadence_d: Mapped[int | None] = mapped_column(Integer)
    escalation: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    after_meeting_minutes: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime | None]


class Invite(Base):
    __tablename__ = "invites"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    used_at: Mapped[datetime | None]


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    industry: Mapped[str] = mapped_column(String(40))
    size: Mapped[str | None] = mapped_column(String(100))  # staff band
    revenue: Mapped[str | None] = mapped_column(String(100))  # revenue band
    region: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    background: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    lifecycle: Mapped[str] = mapped_column(String(16), default="acquisition")
    tier: Mapped[str] = mapped_column(String(1), default="C")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    last_contact_at: Mapped[datetime | None] = mapped_column(index=True)
    # Company name without legal suffixes and spaces, for the duplicate check (撞单).
    name_key: Mapped[str] = mapped_column(String(200), index=True, default="")
    # Lower-case name, code, pinyin, contact names and phone digits: the /find pre-filter.
    search_text: Mapped[str] = mapped_column(Text, default="")
    review_status: Mapped[str] = mapped_column(String(16), default="approved")  # approved / pending / rejected
    deleted_at: Mapped[datetime | None]
    deleted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A manager's or the owner's tier, in force instead of the computed `tier` until cleared or `until`.
    tier_override: Mapped[str | None] = mapped_column(String(1))
    tier_override_reason: Mapped[str | None] = mapped_column(Text)
    tier_override_until: Mapped[datetime | None]
    tier_override_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Snoozed from a reminder: no nudges about this customer until then.
    snoozed_until: Mapped[datetime | None]
    snooze_reason: Mapped[str | None] = mapped_column(Text)
    snoozed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (Index("ix_customers_owner_deleted", "owner_id", "deleted_at"),)


class Contact(Base):
    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    messaging: Mapped[str | None] = mapped_column(String(200))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    phone_digits: Mapped[str | None] = mapped_column(String(20), index=True)  # national number, digits only
    left_at: Mapped[datetime | None]  # 离职: kept on record, no longer the one to call
    created_at: Mapped[datetime | None]
    __table_args__ = (Index("ix_contacts_email", "email"),)


class Need(Base):
    __tablename__ = "needs"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    core_need: Mapped[str] = mapped_column(Text)
    budget_low_cents: Mapped[int | None] = mapped_column(BigInteger)
    budget_high_cents: Mapped[int | None] = mapped_column(BigInteger)
    purchase_month: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM, never "soon"
    decision_process: Mapped[str | None] = mapped_column(Text)
    preferences: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class Deal(Base):
    __tablename__ = "deals"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    amount_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    expected_close: Mapped[date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(16), index=True)
    probability: Mapped[int] = mapped_column(Integer)
    tier: Mapped[str] = mapped_column(String(1))
    lost_reason: Mapped[str | None] = mapped_column(Text)  # the rep's words ("other", or a note)
    lost_reason_code: Mapped[str | None] = mapped_column(String(16))  # competitor / budget / timing / no_need / other
    competitor: Mapped[str | None] = mapped_column(String(200))
    # Bumped on every stage, probability or close change: a button built on an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    stage_reviewed_at: Mapped[datetime | None]  # set by a stage change or "confirm stage"; 14 days → review
    paid_on: Mapped[date | None] = mapped_column(Date)  # 款项到账: only then does a won deal count as won
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (CheckConstraint("probability between 0 and 100", name="ck_deals_probability"),
                      Index("ix_deals_owner_stage", "owner_id", "stage"))


class Interaction(Base):
    __tablename__ = "interactions"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(index=True)
    logged_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    attitude: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[int | None] = mapped_column(Integer)
    location_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    logged_late: Mapped[bool] = mapped_column(Boolean, default=False)  # over the 24-hour rule
    no_next_reason: Mapped[str | None] = mapped_column(String(16))
    no_next_note: Mapped[str | None] = mapped_column(Text)


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # voice / photo / document
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(128))
    file_name: Mapped[str | None] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))


class NextAction(Base):
    __tablename__ = "next_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    interaction_id: Mapped[int | None] = mapped_column(ForeignKey("interactions.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime] = mapped_column(index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None]
    # The later log that closed this step by setting a new one; undoing that log reopens it.
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("interactions.id"))
    created_at: Mapped[datetime]
    __table_args__ = (Index("ix_next_actions_owner_open_due", "owner_id", "done", "due_at"),)


class StageChange(Base):
    __tablename__ = "stage_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(16))
    to_stage: Mapped[str] = mapped_column(String(16))
    from_probability: Mapped[int | None] = mapped_column(Integer)
    to_probability: Mapped[int] = mapped_column(Integer)
    changed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(index=True)
    note: Mapped[str | None] = mapped_column(Text)  # why: the lost reason, "reopened", a contract number


class TierChange(Base):
    """A deal's or a customer's tier moving (deal_id null = the customer's tier), and why."""

    __tablename__ = "tier_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    from_tier: Mapped[str | None] = mapped_column(String(1))
    to_tier: Mapped[str] = mapped_column(String(1))
    cause: Mapped[str] = mapped_column(String(16))  # new / stage / probability / close / override / cleared / expired
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # null: the bot (daily recompute)
    changed_at: Mapped[datetime]


class SaleResult(Base):
    __tablename__ = "sale_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id"), index=True)
    product: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(BigInteger)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    payment_method: Mapped[str | None] = mapped_column(String(100))
    delivery: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3), default="CNY", server_default="CNY")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class Contract(Base):
    __tablename__ = "contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    signed_on: Mapped[date | None] = mapped_column(Date)
    signer: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3), default="CNY", server_default="CNY")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class ContractMilestone(Base):
    __tablename__ = "contract_milestones"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # delivery / acceptance / invoice / payment
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    amount_cents: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (Index("ix_contract_milestones_open_due", "done_on", "due_on"),)


class Complaint(Base):
    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    received_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16), default="complaint")  # complaint / feedback
    content: Mapped[str] = mapped_column(Text)
    severity: Mapped[str | None] = mapped_column(String(16))
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")  # open / in_progress / resolved
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime | None]
    __table_args__ = (
        CheckConstraint("satisfaction is null or satisfaction between 1 and 5", name="ck_complaints_score"),
        Index("ix_complaints_status", "status", "received_at"),
    )


class ChangeLog(Base):
    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime]
    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)


class NotificationLog(Base):
    """One notification: decided once (the unique key), then delivered by the outbox.

    The tick writes the row in the transaction that finds it due; the outbox claims pending rows whose
    `not_before` has come (a lease in `claimed_until`), sends, and marks them sent only after Telegram
    accepted. status: pending / sent / merged (folded into another message) / skipped (nothing left to
    say) / blocked (403) / failed (refused for good).
    """

    __tablename__ = "notification_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int | None] = mapped_column(Integer)  # the customer, next action, deal… it is about
    day: Mapped[date | None] = mapped_column(Date)  # the recipient's local day it belongs to
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="sent")
    not_before: Mapped[datetime | None]  # the next working window, or a retry after a 429 / 5xx
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any] | None]
    __table_args__ = (Index("ix_notification_log_due", "status", "not_before"),
                      Index("ix_notification_log_object", "kind", "object_id", "day"))


class AppSetting(Base):
    """Organisation-wide switches an admin sets in chat (e.g. review of new customers)."""

    __tablename__ = "app_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]


class ImportJob(Base):
    """One spreadsheet import: the dry run's plan, then the background run's progress."""

    __tablename__ = "import_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_id: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # planned / running / done / failed / cancelled
    duplicate_mode: Mapped[str] = mapped_column(String(8), default="skip")  # skip / merge
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    done_rows: Mapped[int] = mapped_column(Integer, default=0)
    created_count: Mapped[int] = mapped_column(Integer, default=0)
    merged_count: Mapped[int] = mapped_column(Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    detail: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class ProcessedUpdate(Base):
    __tablename__ = "processed_updates"
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class ConversationState(Base):
    """PTB conversation states and drafts, so a half-finished log survives a restart."""

    __tablename__ = "conversation_states"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(128))
    state: Mapped[dict[str, Any] | None]
    updated_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("name", "key", name="uq_conversation_states_name_key"),)
