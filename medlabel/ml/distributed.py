"""Running unchanged under ``torchrun`` / ``accelerate launch``: the Trainer does data parallelism;
medlabel only has to make sure that one process (rank 0) writes the project and the run record."""

from __future__ import annotations

import os


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def rank() -> int:
    return int(os.environ.get("RANK", "0"))


def is_main() -> bool:
    return rank() == 0


def _group_ready() -> bool:
    if world_size() <= 1:
        return False
    import torch.distributed as dist

    if not dist.is_initialized():
        # gloo works on every machine (CPU tests); NCCL is faster between CUDA GPUs.
        import torch

        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    return True


def broadcast_int(value: int) -> int:
    """Rank 0's ``value`` on every process (e.g. the run id that only rank 0 could create)."""
    if not _group_ready():
        return value
    import torch.distributed as dist

    box = [value]
    dist.broadcast_object_list(box, src=0)
    return int(box[0])


def barrier() -> None:
    if _group_ready():
        import torch.distributed as dist

        dist.barrier()
