"""The needs taxonomy: 12 domains, their needs (taxonomy leaves) and the crosswalks."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, json_list, str_code


class NeedDomain(Base):
    """A need domain (scolarité, santé mentale…)."""

    __tablename__ = "need_domains"

    code: Mapped[str_code] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    terms: Mapped[list[NeedTerm]] = relationship(
        back_populates="domain", order_by="NeedTerm.position"
    )


class NeedTerm(Base):
    """A leaf of the needs taxonomy, with its crosswalks to other vocabularies."""

    __tablename__ = "need_terms"

    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    domain_code: Mapped[str] = mapped_column(ForeignKey("need_domains.code"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    examples: Mapped[str] = mapped_column(Text, default="")
    datainclusion_thematiques: Mapped[json_list]
    finess_categories: Mapped[json_list]
    annuaire_pivots: Mapped[json_list]
    position: Mapped[int] = mapped_column(default=0)
    local: Mapped[bool] = mapped_column(default=False)

    domain: Mapped[NeedDomain] = relationship(back_populates="terms")
