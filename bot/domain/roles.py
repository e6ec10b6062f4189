"""Who may do what, and which commands each role sees."""

from __future__ import annotations

from bot.domain.enums import Role

_WORK = ("log", "next", "today", "find", "new", "deal", "deals", "stage", "contracts", "complaint", "feedback")
REP_COMMANDS: tuple[str, ...] = (*_WORK, "export", "settings", "help", "lang", "tz", "cancel")
MANAGER_COMMANDS: tuple[str, ...] = (*_WORK, "team", "reassign", "export", "invite", "settings", "help", "lang", "tz",
                                     "cancel")
ADMIN_COMMANDS: tuple[str, ...] = (*_WORK, "team", "reassign", "review", "deleted", "export", "invite", "settings", "help",
                                   "lang", "tz", "cancel")

COMMANDS_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.REP: REP_COMMANDS,
    Role.MANAGER: MANAGER_COMMANDS,
    Role.ADMIN: ADMIN_COMMANDS,
}


def commands_for(role: Role) -> tuple[str, ...]:
    """The commands `role` may use, in menu order."""
    return COMMANDS_BY_ROLE[role]


def can_invite(inviter: Role, invitee: Role) -> bool:
    """Admins invite anyone; managers invite reps and managers; reps invite nobody."""
    if inviter is Role.ADMIN:
        return True
    if inviter is Role.MANAGER:
        return invitee in (Role.REP, Role.MANAGER)
    return False
