"""The user's Dask settings that Dask cannot use as given, named when a ``--workers`` run starts its cluster.

Dask reads its config (``DASK_*`` variables, YAML files) without checking it: a value of the wrong kind
(``DASK_DISTRIBUTED__WORKER__MEMORY__TERMINATE=bogus``) fails where it is used, in a callback whose traceback
Dask logs and goes on, so the nannies never kill a worker over its memory. With Dask's log in a file
(``dask_log``), that was silent. Each value the user set is checked against the JSON schema Dask ships
beside its defaults (``dask-schema.yaml``, ``distributed-schema.yaml``) with jsonschema (without it
installed nothing is judged). Keys the schema does not list (other packages' sections)
are not judged.
"""
from __future__ import annotations

import os
from typing import Any

def allowed(node: dict, value: Any) -> bool:
    """Whether the schema ``node`` allows ``value``; True where jsonschema is not installed (nothing judged)."""
    try:
        from jsonschema import Draft7Validator
    except ImportError:
        return True
    return Draft7Validator(node).is_valid(value)


def _schema() -> dict:
    import importlib
    import yaml

    merged: dict = {"properties": {}}
    for package, name in (("dask", "dask-schema.yaml"), ("distributed", "distributed-schema.yaml")):
        try:
            folder = os.path.dirname(importlib.import_module(package).__file__)
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                merged["properties"].update((yaml.safe_load(f) or {}).get("properties", {}))
        except (ImportError, OSError, yaml.YAMLError):  # no schema: nothing is judged
            continue
    return merged


def _child(node: dict | None, key: str) -> dict | None:
    props = (node or {}).get("properties") or {}
    return props.get(key, props.get(key.replace("_", "-")))


def _env_names() -> dict[str, str]:
    """dotted key (hyphens) -> the DASK_ variable that set it, as ``dask.config.collect_env`` reads them."""
    return {name[5:].lower().replace("__", ".").replace("_", "-"): name for name in os.environ
            if name.startswith("DASK_") and name[5:]}


def unusable_settings() -> list[str]:
    """``distributed.worker.memory.terminate = 'bogus' (DASK_DISTRIBUTED__WORKER__MEMORY__TERMINATE)`` for
    each value of the current Dask config that differs from Dask's default and that its schema refuses."""
    import dask

    schema, env = _schema(), _env_names()
    defaults = dask.config.merge(*dask.config.defaults)
    found: list[str] = []

    def walk(config: Any, default: Any, node: dict | None, path: tuple[str, ...]) -> None:
        if node is None or config == default:
            return
        if isinstance(config, dict) and not (node.get("type") == "object" and "properties" not in node):
            for key, value in config.items():
                walk(value, (default or {}).get(key) if isinstance(default, dict) else None,
                     _child(node, key), (*path, key))
            return
        if not allowed(node, config):
            dotted = ".".join(p.replace("_", "-") for p in path)
            where = f" ({env[dotted]})" if dotted in env else ""
            found.append(f"{dotted} = {config!r}{where}")

    walk(dask.config.config, defaults, schema, ())
    return found
