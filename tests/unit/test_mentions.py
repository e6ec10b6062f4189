"""A short brand inside a longer, different name is not taken as that customer."""

from __future__ import annotations

import pytest

from bot.domain.mentions import longer_name


@pytest.mark.parametrize(("text", "fragment", "name", "expected"), [
    ("拜访了华星建设，明天发方案", "华星", "华星科技有限公司", "华星建设"),
    ("拜访了华星科技，明天发方案", "华星", "华星科技有限公司", None),
    ("拜访了华星，明天发方案", "华星", "华星科技有限公司", None),
    ("拜访了远航科技，明天发方案", "远航", "北京远航物流", "远航科技"),
    ("拜访了远航物流", "远航", "北京远航物流", None),
    ("called acme trading", "acme", "Acme Corp", None),
    ("华星", "华兴", "华兴科技", None),
])
def test_longer_name(text: str, fragment: str, name: str, expected: str | None) -> None:
    assert longer_name(text, fragment, name) == expected
