"""Tasks as data: one declaration file per task (built-in ones under ``wordeval/tasks/builtin/<family>/``,
users' anywhere), one ``Task`` object that validates a config and scores a representation.

Importing this package reads no file; the built-in declarations are listed on first use of the registry
and parsed only when a task is resolved.
"""
from wordeval.tasks.spec import TaskSpec

__all__ = ["TaskSpec", "Task", "get_task", "load_spec_file"]


def __getattr__(name):  # lazy: the Task machinery pulls in the dataset layer
    if name in ("Task", "get_task"):
        from wordeval.tasks import task
        return getattr(task, name)
    if name == "load_spec_file":
        from wordeval.tasks.spec_file import load_spec_file
        return load_spec_file
    raise AttributeError(name)
