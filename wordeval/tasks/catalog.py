"""Registry entries of every built-in task and its dataset, one per declaration file under
``wordeval/tasks/builtin/<family>/<name>.toml``. Listing reads file names only; a file is parsed when its
task or dataset is first resolved. Adding a built-in task is adding one file there."""
from __future__ import annotations


def task_from_file(path: str):
    from wordeval.tasks.spec_file import load_spec_file
    return load_spec_file(path, builtin=True)[0]


def dataset_from_file(path: str):
    from wordeval.errors import ConfigError
    from wordeval.tasks.spec_file import load_spec_file

    dataset = load_spec_file(path, builtin=True)[1]
    if dataset is None:
        raise ConfigError(f"{path}: declares no dataset of its own")
    return dataset


def register(registry) -> None:
    from wordeval.tasks.spec_file import builtin_files

    datasets: dict[str, str] = {}
    for name, path in builtin_files().items():
        family = name.split("/")[0]
        registry.add("task", name, "wordeval.tasks.catalog:task_from_file", args=(str(path),), family=family)
        # A file without files of its own refers to a dataset declared by another file (dataset = "NAME").
        from wordeval.tasks.spec_file import load_spec_file
        dataset = load_spec_file(path, builtin=True)[1]
        if dataset is not None:
            if dataset.name in datasets:
                raise ValueError(f"{path}: dataset {dataset.name!r} is already declared by {datasets[dataset.name]}")
            datasets[dataset.name] = str(path)
            registry.add("dataset", dataset.name, "wordeval.tasks.catalog:dataset_from_file", args=(str(path),),
                         family=family)
