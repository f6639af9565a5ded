"""scripts/bench_ab.py: two builds compared in paired rounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench_ab  # scripts/ (tests/conftest.py puts it on the path)


def test_per_round_divides_each_rounds_samples() -> None:
    assert bench_ab.per_round([2.0, 6.0, 3.0], [1.0, 2.0, 3.0]) == {"median": 2.0, "min": 1.0, "max": 3.0}
    with pytest.raises(ValueError):
        bench_ab.per_round([1.0], [1.0, 2.0])
    with pytest.raises(ValueError):
        bench_ab.per_round([], [])


def test_table_shows_medians_and_paired_ratios_to_the_main_thread_floor() -> None:
    samples = {
        "floor.main": [1000.0, 2000.0],
        "floor": [1200.0, 2600.0],
        "before.en": [1500.0, 2600.0],
        "after.en": [1200.0, 2600.0],
    }
    table = bench_ab.render_table(samples, ["en"])
    en = next(line for line in table.splitlines() if line.startswith("| en "))
    # after ÷ before per round: 0.8 and 1.0; before ÷ main-thread floor: 1.5 and 1.3; after ÷ it:
    # 1.2 and 1.3; after ÷ the worker floor (a reference): 1.0 and 1.0.
    assert en == (
        "| en (/playground/) | 2,050 ms | 1,900 ms | 0.900× (0.80× – 1.00×) | 1.400× (1.30× – 1.50×)"
        " | 1.250× (1.20× – 1.30×) | 1.000× (1.00× – 1.00×) |"
    )
    assert "| main-thread floor | 1,500 ms |" in table
    assert "| worker floor | 1,900 ms |" in table


def test_pages_include_the_authentication_page_in_every_language() -> None:
    assert bench_ab.PAGES["en"] == "playground/"
    assert bench_ab.PAGES["auth.zh-TW"] == "zh-TW/maiagent/authentication/"
    assert {"auth", "auth.ja", "auth.zh-TW"} <= set(bench_ab.PAGES)


def test_both_builds_must_be_built_sites(tmp_path: Path, site_dir: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        bench_ab.parse_args([str(tmp_path), str(site_dir)])
    assert "is not a built site" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        bench_ab.parse_args([str(site_dir), str(site_dir), "--pages", "fr"])
    args = bench_ab.parse_args([str(site_dir), str(site_dir)])
    assert (args.pages, args.server) == (["en", "ja"], "python")
    assert bench_ab.parse_args([str(site_dir), str(site_dir), "--pages", "auth.ja,en"]).pages == ["auth.ja", "en"]


@pytest.mark.browser
def test_one_round_loads_each_page_of_each_build(site_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ab.json"
    result = bench_ab.main([str(site_dir), str(site_dir), "--rounds", "1", "--pages", "en", "--json", str(out)])
    assert {name: len(values) for name, values in result["samples"].items()} == {
        "floor.main": 1,
        "floor": 1,
        "before.en": 1,
        "after.en": 1,
    }
    assert all(value > 0 for values in result["samples"].values() for value in values)
    assert json.loads(out.read_text(encoding="utf-8"))["samples"] == result["samples"]
