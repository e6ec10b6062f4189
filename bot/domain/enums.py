"""Closed vocabularies of the domain, shared by every layer."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REP = "rep"
    MANAGER = "manager"
    ADMIN = "admin"


class Channel(StrEnum):
    """How the rep reached the customer."""

    PHONE = "phone"  # 电话
    VISIT = "visit"  # 上门拜访
    EMAIL = "email"  # 邮件
    MEETING = "meeting"  # 会议 / 行业会议 / event
    MESSAGE = "message"  # 微信 / IM


class Attitude(StrEnum):
    """The customer's attitude after the contact."""

    POSITIVE = "positive"  # 积极关注
    HESITANT = "hesitant"  # 犹豫不决
    REJECTED = "rejected"  # 明确拒绝


class Tier(StrEnum):
    A = "A"  # 重点跟进
    B = "B"  # 潜力培养
    C = "C"  # 长期维护
    D = "D"  # 暂缓跟进


class Stage(StrEnum):
    LEAD = "lead"  # 潜在客户
    QUALIFIED = "qualified"  # 需求明确
    PROPOSAL = "proposal"  # 方案认可
    NEGOTIATION = "negotiation"  # 商务谈判
    WON = "won"  # 成交
    LOST = "lost"  # 暂停/丢单


class NoNextReason(StrEnum):
    """Why an interaction ends without a next action."""

    WON = "won"
    LOST = "lost"
    PAUSED = "paused"
    OTHER = "other"


class CustomerStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"


class Lifecycle(StrEnum):
    ACQUISITION = "acquisition"
    CULTIVATION = "cultivation"
    RETENTION = "retention"
    WINBACK = "winback"
