from tests.crash_trial import make_project, run_trials


def test_acknowledged_annotations_survive_sigkill(tmp_path):
    root = tmp_path / "p"
    make_project(root, documents=300)
    results = run_trials(root, trials=8, seed=1234, most=150)
    acknowledged = sum(r.acknowledged for r in results)
    assert all(r.acknowledged >= 5 for r in results)  # the child really wrote before being killed
    assert [r.lost for r in results] == [0] * 8
    # Every acknowledged write changed the stored state (no label set to the label it already had).
    assert sum(r.real for r in results) == acknowledged
    # After each kill the store holds exactly the acknowledged writes, perhaps plus the interrupted one.
    assert all(r.prefix in (r.acknowledged, r.acknowledged + 1) for r in results)
