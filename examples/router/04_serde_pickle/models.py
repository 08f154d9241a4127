"""Shared by the worker and the caller: PICKLE carries these dataclasses as they are."""
from dataclasses import dataclass


@dataclass
class Task:
    task_id: int
    numbers: tuple


@dataclass
class TaskResult:
    task_id: int
    total: int
    worker: str
