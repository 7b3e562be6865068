"""What the attribution rule tests share: a body with no signature, and the ministry an article
is credited to."""
from __future__ import annotations

from core.agencies import registry
from core.attribution import attribute
from core.normalize import normalize, normalize_line

FILLER = "นายกรัฐมนตรีได้ติดตามความคืบหน้าของโครงการอย่างใกล้ชิด และขอให้ทุกหน่วยงานเร่งดำเนินการ"


def ministry_of(title: str, body: str = FILLER) -> str:
    """The ministry of the agency a thaigov.go.th article with this title and body is credited to."""
    a = attribute(normalize_line(title), normalize(body), "https://www.thaigov.go.th/news/1")
    return registry().ministry_of(a.agency)
