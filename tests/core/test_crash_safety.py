import random

from tests.crash_trial import make_project, run_trial


def test_acknowledged_annotations_survive_sigkill(tmp_path):
    root = tmp_path / "p"
    make_project(root, documents=1500)
    rng = random.Random(1234)
    total_acks = 0
    for _ in range(3):
        acks, lost = run_trial(root, rng)
        assert lost == 0
        total_acks += acks
    assert total_acks > 3  # the child really wrote before being killed
