import io

from medlabel.core.jobs import TextReporter


def test_progress_lines_name_the_time_left_only_when_it_is_known():
    out = io.StringIO()
    reporter = TextReporter(out)
    reporter.progress(0, 8, "fitting the head")
    reporter.progress(10, 480, "training", eta_s=754.0)
    reporter.progress(480, 480, "training", eta_s=0.0)
    assert out.getvalue().splitlines() == [
        "  fitting the head: 0/8 (0 %)",
        "  training: 10/480 (2 %), about 12:34 left",
        "  training: 480/480 (100 %)",
    ]
