"""Breaking a coherent 戸籍 one thing at a time, for the tests of the register rules."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from backend.rules.register import FamilyRegister, RegisterMember


def member(register: FamilyRegister, person: str) -> RegisterMember:
    return next(m for m in register.members if m.person == person)


def change(register: FamilyRegister, person: str, **changes: Any) -> FamilyRegister:
    """The 戸籍 with one member's fields replaced."""
    if all(m.person != person for m in register.members):
        raise KeyError(person)
    return replace(register, members=tuple(
        replace(m, **changes) if m.person == person else m for m in register.members))
