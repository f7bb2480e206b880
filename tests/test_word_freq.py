"""The cached word table gives exactly wordfreq's English Zipf frequencies, and survives bad caches."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from wordfreq import iter_wordlist, zipf_frequency

from newsdiff.core.text import freq_table, word_freq, zipf


@pytest.fixture(autouse=True)
def fresh_table() -> None:
    """Each test loads the table from its own NEWSDIFF_HOME."""
    word_freq.reset()
    zipf.cache_clear()


def _table_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("wordfreq-*.table"))


CRAFTED = [
    "", "the", "The", "THE", "a", "i", "rutte's", "Rutte's", "o'brien", "O'Brien", "can't", "won't",
    "they'll", "rock'n'roll", "l'arc", "L'Oréal", "qu'il", "d'arcy", "o'hara", "y'all", "l'a", "ab'ey",
    "al-assad", "well-known", "Well-Known", "mother-in-law", "x-ray", "o'neill-smith", "jean-d'arc",
    "xqzzyv", "qqq-the", "the-xqzzyv", "covid-19", "g7", "g20", "f-35", "mp3", "h1n1", "a320", "1990s",
    "b-52s", "sars-cov-2", "2024", "0", "007", "1,000", "3.5", "7's", "a7's", "café", "Café", "cafe\u0301",
    "Zürich", "straße", "STRASSE", "ſtraße", "İstanbul", "ı", "ŉ", "łódź", "œuvre", "Œuvre", "ærø",
    "naïve", "señor", "piñata", "ﬁnance", "ﬀ", "Ǆ", "việt", "москва", "ελλάδα", "東京", "עברית",
    "_private", "snake_case", "a--b", "a''b", "'quoted'", "-dash", "dash-", "it’s", "don‘t", "e-mail",
    "#tag", "@user", "a@s", "naïve-café", "l'été", "d'où", "plaça", "ström", "amélie", "joaquín",
]


def test_crafted_words_match_wordfreq() -> None:
    mismatches = [(w, word_freq.zipf_frequency(w), zipf_frequency(w, "en"))
                  for w in CRAFTED if word_freq.zipf_frequency(w) != zipf_frequency(w, "en")]
    assert mismatches == []


def _variants(word: str, rng: random.Random) -> list[str]:
    """The word, its capitalised form, and joins with hyphens, apostrophes and elisions."""
    other = rng.choice(["s", "the", "ll", "brien", "arc", "xqzzyv", "19", "1990", "7", "ha", "état"])
    return [word, word.upper(), word.capitalize(), f"{word}-{other}", f"{other}-{word}", f"{word}'{other}",
            f"l'{word}", f"qu'{word}", f"{word}{rng.randint(0, 2099)}"]


def test_a_large_sample_of_wordfreqs_own_list_matches() -> None:
    rng = random.Random(20240607)
    words = list(iter_wordlist("en"))
    sample = words[:3000] + rng.sample(words[3000:], 9000)  # the common words, then the long tail
    checked = fast = 0
    mismatches = []
    for word in sample:
        for variant in _variants(word, rng):
            checked += 1
            fast += word_freq.tokens(variant) is not None
            ours, theirs = word_freq.zipf_frequency(variant), zipf_frequency(variant, "en")
            if ours != theirs:
                mismatches.append((variant, ours, theirs))
    assert mismatches == []
    assert checked >= 100_000 and fast > 0.8 * checked, (checked, fast)


def test_every_latin_letter_and_digit_in_every_position_matches() -> None:
    chars = [chr(c) for c in itertools.chain(range(0x20, 0x7F), range(0xA0, 0x250))]
    templates = ["{c}", "x{c}y", "{c}{c}", "{c}'s", "s'{c}", "l'{c}a", "{c}'a", "{c}{c}'ha", "an{c}-{c}",
                 "{c}-{c}'e", "19{c}", "{c}19"]
    mismatches = [(t.format(c=c), word_freq.zipf_frequency(t.format(c=c)), zipf_frequency(t.format(c=c), "en"))
                  for c in chars for t in templates
                  if word_freq.zipf_frequency(t.format(c=c)) != zipf_frequency(t.format(c=c), "en")]
    assert mismatches == []


def test_random_strings_of_the_fast_alphabet_match() -> None:
    rng = random.Random(7)
    alphabet = "aeiouyhlnrstdqk'-_09" + "éàœßäçñ"
    mismatches = []
    for _ in range(20_000):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
        if word_freq.zipf_frequency(word) != zipf_frequency(word, "en"):
            mismatches.append(word)
    assert mismatches == []


def test_the_table_is_built_once_and_named_by_wordfreq_version(isolated_home: Path) -> None:
    assert zipf("ukraine") == zipf_frequency("ukraine", "en")
    assert _table_files(isolated_home) == [], "a first run is served from memory; the file comes after"
    freq_table.write_pending()
    (table,) = _table_files(isolated_home)
    assert table.name.startswith(f"wordfreq-{version('wordfreq')}-en-")
    stamp = table.stat().st_mtime_ns
    word_freq.reset()
    assert word_freq.zipf_frequency("velmora") == zipf_frequency("velmora", "en")
    assert table.stat().st_mtime_ns == stamp
    assert not list((isolated_home / "cache").glob("*.tmp"))


@pytest.fixture(scope="module")
def table_bytes() -> bytes:
    found = freq_table.wordfreq_source("en")
    assert found is not None
    return freq_table.table_bytes(freq_table.unpack_buckets(found[0]))


@pytest.mark.parametrize("damage", ["truncate", "flip", "pad", "empty", "garbage"])
def test_a_damaged_table_is_refused(table_bytes: bytes, damage: str) -> None:
    good = table_bytes
    broken = {"truncate": good[: len(good) // 2], "flip": good[:5000] + bytes([good[5000] ^ 1]) + good[5001:],
              "pad": good + b"\0", "empty": b"", "garbage": b"not a table at all"}[damage]
    with pytest.raises(freq_table.TableError):
        freq_table.FrequencyTable(broken)


def test_a_broken_table_file_is_rebuilt(isolated_home: Path) -> None:
    word_freq.zipf_frequency("the")
    freq_table.write_pending()
    (table,) = _table_files(isolated_home)
    good = table.read_bytes()
    table.write_bytes(good[:-100])
    word_freq.reset()
    assert word_freq.zipf_frequency("rutte's") == zipf_frequency("rutte's", "en")
    assert word_freq.zipf_frequency("harbour") == zipf_frequency("harbour", "en")
    freq_table.write_pending()
    assert table.read_bytes() == good


def test_a_stale_table_from_another_version_is_removed(isolated_home: Path) -> None:
    old = isolated_home / "cache" / "wordfreq-0.0.1-en-00000000.table"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    word_freq.zipf_frequency("the")
    freq_table.write_pending()
    assert not old.exists() and len(_table_files(isolated_home)) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only folders")
def test_a_read_only_cache_falls_back_to_memory(isolated_home: Path) -> None:
    cache = isolated_home / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert word_freq.zipf_frequency("harbour") == zipf_frequency("harbour", "en")
        freq_table.write_pending()
        assert _table_files(isolated_home) == []
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_falls_back_to_memory(isolated_home: Path) -> None:
    (isolated_home / "cache").write_text("not a folder")
    assert word_freq.zipf_frequency("harbour") == zipf_frequency("harbour", "en")
    assert word_freq.zipf_frequency("rutte's") == zipf_frequency("rutte's", "en")
    freq_table.write_pending()  # cannot be written: said in the log, no error


def test_the_built_table_holds_every_word_of_wordfreqs_list(table_bytes: bytes) -> None:
    table = freq_table.FrequencyTable(table_bytes)
    words = list(iter_wordlist("en"))
    assert len(table) == len(set(words)) > 300_000
    for word in random.Random(3).sample(words, 2000):
        assert table.bucket(word) is not None
    assert table.bucket("xqzzyv-not-a-word") is None


def test_aligning_the_seed_pair_needs_no_wordfreq_import(seeds: tuple[Path, Path]) -> None:
    code = ("import sys\nfrom newsdiff.core.pipeline import align_articles, load_article\n"
            f"align_articles(load_article({str(seeds[0])!r}), load_article({str(seeds[1])!r}))\n"
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from newsdiff.cli import main

    word_freq.reset()
    zipf.cache_clear()
    capsys.readouterr()
    assert main(args) == 0
    return capsys.readouterr().out


def test_align_json_of_the_seed_pair_is_unchanged(seeds: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["align", str(seeds[0]), str(seeds[1]), "--json"]
    command = subprocess.run([sys.executable, "-m", "newsdiff", *args], capture_output=True, text=True, check=True)
    monkeypatch.setattr(word_freq, "zipf_frequency", word_freq.wordfreq_zipf)
    assert command.stdout == _run_cli(args, capsys)


def _demo_pairs() -> list[tuple[str, str]]:
    from newsdiff.demo import corpus_files

    stories: dict[str, list[str]] = {}
    for path in corpus_files():
        stories.setdefault(path.name.split("__")[0], []).append(str(path))
    return [pair for files in stories.values() for pair in itertools.combinations(files, 2)]


def test_align_and_cluster_json_of_the_demo_corpus_are_unchanged(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdiff.demo import corpus_files

    runs = [["align", a, b, "--json"] for a, b in _demo_pairs()]
    runs.append(["cluster", *map(str, corpus_files()), "--json"])
    with_table = [_run_cli(args, capsys) for args in runs]
    assert word_freq._State.table is not None  # the table served those runs
    # The same commands with every Zipf frequency straight from wordfreq, as before the table.
    monkeypatch.setattr(word_freq, "zipf_frequency", word_freq.wordfreq_zipf)
    assert [_run_cli(args, capsys) for args in runs] == with_table
    assert len(runs) > 20
