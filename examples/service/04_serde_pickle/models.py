"""Shared by 1_service.py and 2_client.py: PICKLE carries these types as they are."""
from dataclasses import dataclass, field
from enum import Enum


class Status(Enum):
    NEW = "new"
    PAID = "paid"


@dataclass
class Order:
    order_id: int
    items: list
    total: float
    status: Status = Status.NEW
    tags: set = field(default_factory=set)
