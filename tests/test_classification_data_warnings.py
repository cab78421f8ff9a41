"""What the classification reader warns about a user's data.
- Test documents that train holds too: a classifier has seen them, so its test accuracy partly measures
  recall. They were not reported at all (BBC News's packaged split shares 24 of its 222 test articles with
  train). Oracle: the set intersection of the two files' texts, counted by hand.
- A test label that differs from a train label only by its Unicode form."""
from __future__ import annotations


def _write(tmp_path, train, test, dev=None):
    files = {"train": train, "test": test, **({"dev": dev} if dev else {})}
    for name, rows in files.items():
        (tmp_path / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    keys = "".join(f'{name} = "{name}.tsv"\n' for name in files)
    (tmp_path / "c.toml").write_text(f'name = "c"\nfamily = "classification"\n[files]\n{keys}')
    return str(tmp_path / "c.toml")


def test_test_texts_also_in_train_are_named_in_the_warnings(tmp_path):
    import wordeval

    train = [("pos", f"good text {i}") for i in range(6)] + [("neg", f"bad text {i}") for i in range(6)]
    test = [("pos", "good text 1"), ("neg", "bad text 2"), ("neg", "bad text 2"), ("pos", "fresh text")]
    spec = _write(tmp_path, train, test)
    shared = [t for _, t in test if t in {t for _, t in train}]
    assert len(shared) == 3
    warnings = wordeval.get_task(spec).load_dataset().metadata["warnings"]
    leak = [w for w in warnings if "also in train" in w]
    assert len(leak) == 1 and leak[0].startswith(f"test: {len(shared)} of its {len(test)} texts also in train (")
    assert "'good text 1'" in leak[0] and "'bad text 2'" in leak[0]


def test_no_warning_without_shared_texts_and_none_for_the_unused_dev_split(tmp_path):
    import wordeval

    train = [("pos", f"good text {i}") for i in range(6)] + [("neg", f"bad text {i}") for i in range(6)]
    spec = _write(tmp_path, train, [("pos", "fresh text"), ("neg", "other text")], dev=[("pos", "good text 1")])
    warnings = wordeval.get_task(spec).load_dataset().metadata.get("warnings") or []
    assert not [w for w in warnings if "also in train" in w]


def test_a_label_unseen_in_train_only_by_its_unicode_form_is_named(tmp_path):
    """'négatif' written in NFD (e + U+0301, as macOS folder names are) is another label than train's NFC
    'négatif': both print alike, so the warning says so. Oracle: unicodedata."""
    import unicodedata

    import wordeval

    nfc = "négatif"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc and unicodedata.normalize("NFC", nfd) == nfc
    train = [(nfc, f"bad text {i}") for i in range(6)] + [("positif", f"good text {i}") for i in range(6)]
    spec = _write(tmp_path, train, [(nfd, "bad new text"), ("positif", "good new text")])
    warnings = wordeval.get_task(spec).load_dataset().metadata["warnings"]
    unseen = [w for w in warnings if "never seen in train" in w]
    assert len(unseen) == 1
    assert f"{nfd!r} (U+0301) is train's {nfc!r} (U+00E9) in another Unicode form" in unseen[0]


def test_a_label_unseen_in_train_only_by_its_compatibility_form_is_named(tmp_path):
    """'ﬁction' (the U+FB01 ligature of a PDF export) is another label than train's 'fiction', and NFC does not
    make them one (NFKC does): only NFC was compared, so the warning did not say why. Oracle: unicodedata."""
    import unicodedata

    import wordeval

    ligature = "\ufb01ction"
    assert unicodedata.normalize("NFC", ligature) != "fiction" == unicodedata.normalize("NFKC", ligature)
    train = [("fiction", f"a tale {i}") for i in range(6)] + [("news", f"a report {i}") for i in range(6)]
    spec = _write(tmp_path, train, [(ligature, "a new tale"), ("news", "a new report")])
    warnings = wordeval.get_task(spec).load_dataset().metadata["warnings"]
    unseen = [w for w in warnings if "never seen in train" in w]
    assert len(unseen) == 1
    assert f"{ligature!r} (U+FB01) is train's 'fiction' in another Unicode form" in unseen[0], unseen[0]
    assert "write the files in one form (NFKC)" in unseen[0], unseen[0]


def test_a_dev_file_that_protocol_split_does_not_read_is_a_warning(tmp_path):
    """[files] train, dev and test under the default protocol "split": C came from cross-validation on train
    and the dev file was hashed, recorded and never read, without a word. It is now a warning (datasets check
    and runs print it); protocol "dev", which reads it, and a spec without dev have none."""
    import wordeval

    train = [("pos", f"good text {i}") for i in range(6)] + [("neg", f"bad text {i}") for i in range(6)]
    dev = [("pos", "nice text"), ("neg", "awful text"), ("neg", "poor text")]
    task = wordeval.get_task(_write(tmp_path, train, [("pos", "fresh text"), ("neg", "other text")], dev=dev))
    ds = task.load_dataset()
    unread = [w for w in task.check_data(ds) if w.startswith("dev:")]
    assert unread == ['dev: 3 documents not read: protocol "split" chooses C by cross-validation on train '
                      '(protocol = "dev" chooses it on dev, as SentEval does; "cv10" folds every document)']
    assert not [w for w in task.check_data(ds, task.validate_config({"protocol": "dev"})) if w.startswith("dev:")]
    (tmp_path / "no_dev").mkdir()
    no_dev = wordeval.get_task(_write(tmp_path / "no_dev", train, [("pos", "fresh text"), ("neg", "other text")]))
    assert not [w for w in no_dev.check_data(no_dev.load_dataset()) if w.startswith("dev:")]


def test_no_built_in_task_warns_of_an_unread_dev_split_under_its_own_config():
    """BBC's packaged data is derived into train, dev and test (0.8/0.1/0.1) and its protocol is "split", which
    reads no dev by design: every run of it (the demo's too) warned to change the protocol of a built-in task.
    Each task is given documents in BBC's split sizes (train, dev and test), as BBC's loader derives them."""
    from types import SimpleNamespace

    from pathlib import Path

    import wordeval
    import wordeval.tasks

    folder = Path(wordeval.tasks.__file__).parent / "builtin" / "classification"
    names = [f"classification/{p.stem}" for p in sorted(folder.glob("*.toml"))]
    assert "classification/bbc" in names
    for name in names:
        task = wordeval.get_task(name)
        counts = {"train": 1781, "dev": 222, "test": 222}  # every class 44 times and more in each split
        splits = {k: [SimpleNamespace(label=f"c{i % 5}", text=f"{k} {i}") for i in range(n)]
                  for k, n in counts.items()}
        cfg = task.validate_config({})
        warned = [w for w in task.check_data(SimpleNamespace(splits=splits, metadata={}), cfg)
                  if w.startswith("dev:")]
        assert warned == [], (name, cfg["protocol"], warned)


def test_a_dev_file_that_fine_tuning_does_not_read_is_a_warning(tmp_path):
    """learner = "finetune" trains a fixed number of epochs on train (bert_finetune: no early stopping), so a
    user's dev file went unread under protocol "split" and "dev" alike without a word (the warning was for
    logreg only), and its small-class warning spoke of the cross-validation that chooses C, which fine-tuning
    does not run. Checked by hand against bert_finetune.finetune_predict, which takes no dev texts."""
    import inspect

    import wordeval
    from wordeval.extrinsic.bert_finetune import finetune_predict

    assert "dev" not in inspect.signature(finetune_predict).parameters
    train = [("pos", f"good text {i}") for i in range(6)] + [("neg", f"bad text {i}") for i in range(2)]
    dev = [("pos", "nice text"), ("neg", "awful text")]
    task = wordeval.get_task(_write(tmp_path, train, [("pos", "fresh text"), ("neg", "other text")], dev=dev))
    ds = task.load_dataset()
    for protocol in ("split", "dev"):
        cfg = task.validate_config({"learner": "finetune", "protocol": protocol, "finetune": {"epochs": 3}})
        warned = task.check_data(ds, cfg)
        assert [w for w in warned if w.startswith("dev:")] == [
            'dev: 2 documents not read: learner "finetune" trains a fixed number of epochs on train (finetune '
            'epochs = 3), under any protocol: no early stopping on dev, nothing chosen on it'], (protocol, warned)
        assert not [w for w in warned if "chooses C" in w], (protocol, warned)
    # logreg under "split" still names the 2-document class against its 5 folds
    assert [w for w in task.check_data(ds) if w.startswith("train:")] == [
        "train: class 'neg' has 2 documents, fewer than the 5 folds of the cross-validation that chooses C"]
