"""Wall-clock timing shared by the benchmarks."""

import time


def timed(function, runs: int, warm_up: bool = False) -> list[float]:
    """Milliseconds per call, `runs` times (after one untimed call when `warm_up`)."""
    if warm_up:
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times
