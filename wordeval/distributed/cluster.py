"""The cluster a run uses: a LocalCluster it starts (``--workers N``) or an existing scheduler
(``--scheduler ADDRESS``), the thread budget of local workers, and the Dask resources cells ask for.

Threads: a local worker runs one cell at a time (one Dask thread) and gets ``cores // N`` BLAS/OpenMP/numba
threads through its environment (set before the worker process starts, which is when those libraries read
it; torch reads OMP_NUM_THREADS for its default too), so BLAS threads × workers <= cores. These values win
over the same variables in the client's environment (for other splits, start workers yourself and use
``--scheduler``). The torch learners
keep their config's ``threads`` (1 by default): it is part of the cell's config and so of its request key,
and changing it on a worker would make the distributed records differ from the serial ones.

Resources (``--worker-resources``): ``CLASS=RESOURCE=AMOUNT[,...]``. A cell of CLASS is submitted with
``resources={RESOURCE: AMOUNT}``, so Dask runs it only on workers started with that resource
(``dask worker ADDRESS --resources "GPU=1"``). Classes (a cell may be in several; it then asks for all):
``all``; ``torch`` (the representation or the learner runs torch: minilm, bert:..., the glove builder,
tagging learners mlp/bilstm-crf/bert-finetune, classification learner=finetune); ``transformer`` (a
transformer encoder: minilm, bert:...); ``extrinsic`` / ``intrinsic``; ``memory`` (cells that hold large
arrays: every extrinsic cell and every transformer); or a family name (``ner``, ``similarity``, ...).
On a LocalCluster each worker is given the largest amount asked of each resource, so every cell can run
and the amount caps how many such cells a worker runs at once.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
from typing import Any, Iterator, Mapping

from wordeval.environment import temporary_environ
from wordeval.errors import ConfigError
from wordeval.held_signals import interrupts_held

log = logging.getLogger("wordeval.run")
BLAS_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
                  "NUMEXPR_NUM_THREADS", "NUMBA_NUM_THREADS")
TRANSFORMER_EMBEDDINGS = ("minilm", "bert")
TORCH_EMBEDDINGS = TRANSFORMER_EMBEDDINGS + ("glove",)  # the glove builder trains in torch
TORCH_LEARNERS = ("mlp", "bilstm-crf", "bert-finetune", "finetune")
REPRESENTATION_CLASSES = ("all", "torch", "transformer", "memory")
_RESOURCE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


class ClusterDidNotStart(ConfigError):
    """The LocalCluster of ``--workers`` failed to start: its cause and the file that keeps Dask's log, which
    ``local_start`` moves (and names anew with ``kept_at``) where the run leaves nothing at ``--out``."""

    def __init__(self, cause: str, log_file, settings: tuple[str, ...] = ()):
        self.cause, self.log_file, self.settings = cause, log_file, tuple(settings)
        unusable = (f"; Dask's schema allows no such value of {', '.join(self.settings)}" if self.settings
                    else "")
        super().__init__(f"the local Dask cluster did not start ({cause}){unusable}; Dask's log: {log_file}")

    def kept_at(self, log_file=None, *, settings: tuple[str, ...] | None = None) -> "ClusterDidNotStart":
        return ClusterDidNotStart(self.cause, log_file or self.log_file,
                                  self.settings if settings is None else settings)


def cell_classes_known() -> tuple[str, ...]:
    from wordeval.tasks.families import FAMILIES
    return ("all", "torch", "transformer", "bert", "extrinsic", "intrinsic", "memory", *FAMILIES)


def parse_worker_resources(spec: str | None) -> dict[str, dict[str, float]]:
    """``"torch=GPU=1,memory=MEMORY=8e9"`` -> ``{"torch": {"GPU": 1.0}, "memory": {"MEMORY": 8e9}}``."""
    from wordeval.options import number

    out: dict[str, dict[str, float]] = {}
    if spec is None:
        return out
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if not parts:  # an unset shell variable (--worker-resources "$RES"): its cells ran on any worker
        raise ConfigError(f"--worker-resources {spec!r}: expected CLASS=RESOURCE=AMOUNT[,...], e.g. torch=GPU=1")
    known = cell_classes_known()
    for part in parts:
        fields = [f.strip() for f in part.split("=")]
        if len(fields) != 3 or not all(fields):
            raise ConfigError(f"--worker-resources {part!r}: expected CLASS=RESOURCE=AMOUNT, "
                              f"e.g. torch=GPU=1")
        klass, resource, amount = fields
        klass = "transformer" if klass == "bert" else klass
        if klass not in known:
            raise ConfigError(f"--worker-resources {part!r}: unknown cell class {klass!r}; known: "
                              f"{', '.join(known)}")
        if not _RESOURCE_NAME.match(resource):
            raise ConfigError(f"--worker-resources {part!r}: a resource name is letters, digits, '_', '.', '-'")
        if resource in out.get(klass, {}):  # the last one silently won
            raise ConfigError(f"--worker-resources {part!r}: {klass}={resource} is given twice")
        out.setdefault(klass, {})[resource] = number(0, lo_open=True)(amount, f"--worker-resources {klass}={resource}")
    return out


def check_options(*, workers: int | None, scheduler: str | None, worker_resources: str | None,
                  option: str = "--scheduler") -> None:
    """The distributed options' user errors, found before planning (nothing written yet). ``option``: where the
    address came from (``--scheduler`` or ``WORDEVAL_SCHEDULER``), named in its errors."""
    if worker_resources is not None and not (workers or scheduler):
        raise ConfigError("--worker-resources routes cells on a Dask cluster: give --workers N or --scheduler")
    parse_worker_resources(worker_resources)
    if workers or scheduler:
        import importlib.util
        if importlib.util.find_spec("distributed") is None:
            raise _without_dask(workers, scheduler, option)
    if workers and not scheduler:
        import os
        try:
            os.getcwd()
        except FileNotFoundError:  # Dask's local worker processes start in it: a traceback, the store created
            raise ConfigError("--workers: the working directory has been removed, and the local workers are "
                              "processes started in it; run from an existing directory") from None
        for kind in ("nanny", "worker"):  # the user's Dask preloads, before the store is created
            _preloads(kind, [])
    if scheduler:
        _check_address(scheduler, option)


def _without_dask(workers, scheduler, option: str):
    from wordeval.errors import NotAvailableError

    # "--workers/--scheduler" sent the user whose address is in WORDEVAL_SCHEDULER looking for an option
    return NotAvailableError(f"{'--workers' if workers else _named(scheduler, option)} needs Dask: pip install "
                             f"'wordeval[dask]'")


def _named(scheduler: str, option: str) -> str:
    return f"{option} {scheduler}" if option.startswith("--") else f"{option}={scheduler}"


def scheduler_named(scheduler: str, option: str = "--scheduler") -> str:
    """The scheduler as a message names it: with where its address came from when the user did not type it
    (WORDEVAL_SCHEDULER may be set in a profile they forgot)."""
    return f"the scheduler at {scheduler}" + ("" if option.startswith("--") else f" (from {option})")


def _check_address(scheduler: str, option: str = "--scheduler") -> None:
    """The address's form, before anything is written ('foo' raised distributed's ValueError, a traceback)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        protocol, location = parse_address(scheduler)
        if protocol in ("tcp", "tls", "ws", "wss"):
            _, port = parse_host_port(location, _WEB_PORTS.get(protocol))
            if not 0 < int(port) < 65536:  # else 30 s of retries before "timed out"
                raise ValueError(f"port {port} is not in 1..65535")
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{_named(scheduler, option)}: not a scheduler address ({exc}); expected e.g. "
                          f"tcp://host:8786") from None


CONNECT_SECONDS = 30
CLOSE_SECONDS = 5  # closing the connection to an existing scheduler
# the port a ws:// or wss:// address without one is reached on (distributed leaves it to the websocket client)
_WEB_PORTS = {"ws": 80, "wss": 443}


def _check_listening(scheduler: str, option: str, seconds: float) -> None:
    """A tcp:// address where nothing listens is refused at once, but Client retried it for its whole timeout
    (30 s) before saying "timed out"; a host that does not resolve or cannot be reached is as final. A probe
    that gets no answer at all (a firewall dropping packets) leaves the decision to Client's timeout."""
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    protocol, location = parse_address(scheduler)
    if protocol not in ("tcp", "ws", "wss"):  # a websocket is a TCP connection first: refused is as final
        return
    host, port = parse_host_port(location, _WEB_PORTS.get(protocol))
    try:
        socket.create_connection((host, port), timeout=min(seconds, 5.0)).close()
    except (socket.timeout, TimeoutError):
        return
    except ConnectionRefusedError:
        raise ConfigError(f"{_named(scheduler, option)}: nothing listens there (connection refused); is a "
                          f"`dask scheduler` running at that address?") from None
    except OSError as exc:
        raise ConfigError(f"{_named(scheduler, option)}: cannot connect ({exc.strerror or exc}); is the host "
                          f"name right and reachable from here?") from None


def connect(scheduler: str, *, seconds: float | None = None, option: str = "--scheduler"):
    """``Client(scheduler)`` within ``seconds``. Client's own timeout covers the TCP connection only: a port
    where something else listens (a web server, a scheduler that died holding its socket) accepted it and
    then never answered the handshake, and the run waited for ever. The attempt runs in a daemon thread that
    is left behind when it does not return in time."""
    import threading

    from distributed import Client

    seconds = CONNECT_SECONDS if seconds is None else seconds
    _check_listening(scheduler, option, seconds)
    box: dict[str, Any] = {}

    def attempt() -> None:
        try:
            box["client"] = Client(scheduler, timeout=f"{seconds}s")
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=attempt, name="wordeval-connect", daemon=True)
    thread.start()
    thread.join(seconds + 10)
    if thread.is_alive():
        raise ConfigError(f"{_named(scheduler, option)}: no answer from a Dask scheduler within {seconds + 10:.0f} s "
                          f"(something else listens there, or the scheduler hangs)")
    error = box.get("error")
    # TypeError/ImportError: a protocol this machine cannot speak as configured (tls:// without a TLS context,
    # ucx:// without UCX), raised by distributed as a traceback
    if isinstance(error, (OSError, TimeoutError, ValueError, TypeError, ImportError)):
        raise ConfigError(f"{_named(scheduler, option)}: cannot connect ({' '.join(str(error).split())[:160]}); is a "
                          f"`dask scheduler` running there?") from None
    if isinstance(error, MemoryError):
        # distributed read the first 8 bytes of another protocol's answer ("HTTP/1.1") as the length of a
        # frame, 3 EiB: the run said "out of memory"
        raise ConfigError(f"{_named(scheduler, option)}: what answers there is not a Dask scheduler (an HTTP "
                          f"server: the dashboard's port?); a scheduler prints its address as 'Scheduler at: "
                          f"tcp://...'") from None
    if error is not None:
        raise error
    return box["client"]


def answered(call, *, doing: str, where: str, seconds: float):
    """``call()`` (a blocking request to the scheduler) within ``seconds``. Dask bounds the connection only:
    a scheduler that hangs once connected (stopped, a frozen machine; or a worker that hangs while the
    scheduler broadcasts the plugin to it) never answered ``register_plugin``, and the run waited for ever
    with no word; one killed there raised CommClosedError after 30 s of reconnecting, a traceback (exit 1).
    The call runs in a daemon thread that is left behind when it does not return in time."""
    import threading

    box: dict[str, Any] = {}

    def attempt() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=attempt, name="wordeval-request", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise ConfigError(f"{where} gave no answer within {seconds:g} s while {doing} (it was stopped, hangs or "
                          f"went away, or a worker hangs); no cell was submitted: run the same command again on a scheduler that "
                          f"answers") from None
    error = box.get("error")
    if isinstance(error, (OSError, TimeoutError)):  # CommClosedError is an OSError
        raise ConfigError(f"the connection to {where} was lost while {doing} "
                          f"({' '.join(str(error).split())[:160] or type(error).__name__}); no cell was submitted: "
                          f"run the same command again on a scheduler that answers") from None
    if error is not None:
        raise error
    return box.get("value")


def _head(spec: str) -> str:
    from wordeval.embeddings.load import split_label

    _, source = split_label(spec)
    return "" if os.path.exists(source) else source.partition(":")[0]


def representation_classes(spec: str) -> set[str]:
    head = _head(spec)
    classes = {"all"}
    if head in TORCH_EMBEDDINGS:
        classes.add("torch")
    if head in TRANSFORMER_EMBEDDINGS:
        classes |= {"transformer", "memory"}
    return classes


def cell_classes(cell) -> set[str]:
    classes = representation_classes(cell.embedding_spec) | {cell.task.kind, cell.task.family}
    if cell.task.kind == "extrinsic":
        classes.add("memory")
    if cell.config.get("learner") in TORCH_LEARNERS:
        classes.add("torch")
    return classes


def note_idle_resource_classes(table: Mapping[str, Mapping[str, float]], cells) -> None:
    """A class that no cell of the run is in routes nothing (``ner=GPU=1`` on a similarity run, ``torch=GPU=1``
    with crf taggers on word vectors): the run went ahead as if the cells asked for the GPU, without a word."""
    present = set().union(*(cell_classes(c) for c in cells))
    idle = [f"{klass}={resource}={amount:g}" for klass, amounts in table.items() if klass not in present
            for resource, amount in amounts.items()]
    if idle:
        logging.getLogger("wordeval.notices").warning(
            "wordeval: note: --worker-resources %s %s no effect: no cell of this run is of %s", ", ".join(idle),
            "has" if len(idle) == 1 else "have", "that class" if len(idle) == 1 else "those classes")


def resources_for(classes: set[str], table: Mapping[str, Mapping[str, float]]) -> dict[str, float] | None:
    out: dict[str, float] = {}
    for klass in classes:
        for resource, amount in table.get(klass, {}).items():
            out[resource] = max(amount, out.get(resource, 0.0))
    return out or None


def blas_threads(n_workers: int, cores: int | None = None) -> int:
    cores = cores or available_cores()
    return max(1, cores // max(1, n_workers))


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@contextlib.contextmanager
def open_client(*, workers: int | None = None, scheduler: str | None = None,
                resources: Mapping[str, Mapping[str, float]] | None = None,
                allowed_failures: int = 3, option: str = "--scheduler", log_file=None) -> Iterator[Any]:
    """A ``distributed.Client`` on a new LocalCluster of ``workers`` processes, or on ``scheduler``.
    ``allowed_failures``: how many worker deaths a cell survives (LocalCluster; an existing scheduler
    keeps its own ``distributed.scheduler.allowed-failures``). ``option``: where the address came from, as
    ``check_options`` takes it. ``log_file``: where a LocalCluster's Dask log goes (``dask_log``), not stderr."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise _without_dask(workers, scheduler, option) from None
    # Dask logs every worker start and plugin at INFO; a run shows them only with --verbose
    dask_log = logging.getLogger("distributed")
    before = dask_log.level
    if not log.isEnabledFor(logging.DEBUG):
        dask_log.setLevel(logging.WARNING)
    try:
        with _client(workers=workers, scheduler=scheduler, resources=resources,
                     allowed_failures=allowed_failures, option=option, log_file=log_file) as client:
            yield client
    finally:
        dask_log.setLevel(before)


@contextlib.contextmanager
def _client(*, workers, scheduler, resources, allowed_failures, option, log_file=None) -> Iterator[Any]:
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        # its workers and dashboard are logged by execute._prepare, bounded
        client = connect(scheduler, option=option)
        try:
            yield client
        finally:
            close_quietly(client)
        return
    from wordeval.address_space import worker_environ, worker_threads

    from wordeval.distributed import dask_log

    verbose = log.isEnabledFor(logging.DEBUG)
    threads = worker_threads(blas_threads(workers or 1))
    env = {**{name: str(threads) for name in BLAS_VARIABLES}, **worker_environ(),
           **(dask_log.worker_environ(log_file) if log_file is not None and not verbose else {})}
    local_resources: dict[str, float] = {}
    for amounts in (resources or {}).values():
        for name, amount in amounts.items():
            local_resources[name] = max(amount, local_resources.get(name, 0.0))
    spawn_env = {**dask.config.get("distributed.nanny.pre-spawn-environ"), **env}
    config = {"distributed.nanny.pre-spawn-environ": spawn_env,
              "distributed.scheduler.allowed-failures": allowed_failures}
    # A nanny takes a variable from the environment before its config and copies its pre-spawn variables into
    # the parent's environment when it starts a worker: without restoring them, the first cluster's thread
    # counts would leak into this process and into the next cluster it starts.
    cluster = client = None
    logs = contextlib.ExitStack()
    if log_file is not None:
        logs.enter_context(dask_log.kept_in(log_file, shown=verbose))
    # put back only once the cluster is closed: a nanny restarting a dead worker writes the variables again,
    # and one restarting it as the run ended spawned it after they were put back (its Dask lines on stderr,
    # in Dask's format, the log file's config gone from its environment)
    logs.enter_context(temporary_environ({}, restore=spawn_env))
    try:
        # Ctrl-C or SIGTERM held while the cluster starts: one in the constructor left a half-built cluster
        # to Dask's exit handler (an AssertionError traceback after the run's one line), and a SIGTERM to the
        # whole job ended starting workers ("Nanny failed to start", exit 1); raised once it returned or
        # failed, where closing what exists is ours
        with dask.config.set(config), temporary_environ(env, restore=spawn_env), interrupts_held():
            # worker processes log at ERROR only (an interrupted run's cancelled tasks warn in each of them),
            # less a closing worker's failed heartbeat (wordeval.distributed.worker_logs); the nanny preload
            # keeps a terminal's Ctrl-C from them (wordeval.distributed.local_worker)
            preload_nanny, preload_nanny_argv = _preloads("nanny", ["wordeval.distributed.local_worker"])
            preload, preload_argv = _preloads("worker", [] if verbose else ["wordeval.distributed.worker_logs"])
            # silenced, a worker's log file handler (a StreamHandler to Dask) would keep its errors only
            silence = logging.DEBUG if verbose else False if log_file is not None else logging.ERROR
            try:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       resources=local_resources or None, dashboard_address=":0",
                                       preload_nanny=preload_nanny, preload_nanny_argv=preload_nanny_argv,
                                       preload=preload, preload_argv=preload_argv, silence_logs=silence)
                client = Client(cluster)
            except Exception as exc:
                if log_file is None:
                    raise
                # a user's preload that fails, a Dask config value it cannot use: Dask's traceback, exit 1
                raise ClusterDidNotStart(dask_log.last_error(log_file) or ' '.join(str(exc).split())[:200],
                                         log_file) from None
        log.info("Dask LocalCluster at %s: %d worker processes, 1 cell and %d BLAS thread(s) each; dashboard: %s",
                 cluster.scheduler_address, workers, threads, client.dashboard_link)
        with _worker_deaths_said_once(kept=log_file is not None):
            yield client
    finally:
        # closing kills a worker that takes over 4 s to exit, with a warning; by then every result is stored
        logging.getLogger("distributed").setLevel(logging.ERROR)
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        logs.close()


def close_quietly(client) -> None:
    """Close a client of an existing scheduler. One whose scheduler went away logs distributed's tracebacks of
    its cancelled reconnection when closed; the run says what was lost in one line of its own."""
    with _quiet("distributed.client"), _quiet("distributed.utils"), contextlib.suppress(TimeoutError):
        # bounded: a scheduler that hangs never answers the close (Dask waited 60 s, then a traceback)
        client.close(timeout=CLOSE_SECONDS)


def _listed(value) -> list:
    """A Dask config entry that is a list, one string, or unset (the argument replaces the user's config)."""
    return [] if not value else [value] if isinstance(value, str) else list(value)


def _preloads(kind: str, ours: list[str]) -> tuple[list[str], list[list[str]]]:
    """The user's ``distributed.{kind}.preload`` followed by ``ours``, and an argv for each. Dask takes
    ``preload-argv`` as one argv for every preload or as one list per preload: passed along unchanged, a
    list per preload no longer matched the longer preload list ("mismatched lengths", no worker started), and
    one argv for all went to ours as well."""
    import dask

    users = _listed(dask.config.get(f"distributed.{kind}.preload", None))
    argv = dask.config.get(f"distributed.{kind}.preload-argv", None) or []
    if isinstance(argv, str):
        argv = [argv]
    if argv and isinstance(argv[0], str):  # Dask's own test of the two shapes
        per = [list(argv) for _ in users]
    else:
        per = [list(a or ()) for a in argv]
        if per and len(per) != len(users):
            raise ConfigError(f"Dask config distributed.{kind}.preload-argv: {len(per)} argument lists for "
                              f"{len(users)} preload(s) in distributed.{kind}.preload; expected one list per "
                              f"preload, or one list of strings for all of them")
        per = per or [[] for _ in users]
    return [*users, *ours], [*per, *([] for _ in ours)]


class _WorkerDeaths(logging.Filter):
    """A local worker that died (killed, out of memory) had the nanny's "Restarting worker" and the scheduler's
    "Removing worker ... will be recomputed elsewhere" (both running in this process) printed between the
    run's lines, in Dask's words; the run says it in one line of its own, and what follows is Dask's business
    (the cell runs again, or fails as KilledWorker after its retries). Errors still pass, but for the one of a
    broadcast that reached the dead worker. ``kept``: Dask's records go to a log file, not stderr: all pass."""

    def __init__(self, kept: bool = False) -> None:
        super().__init__()
        self.kept = kept
        self.said = False  # once per run: a cell that kills its worker every time made one line per death

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("broadcast to"):
            return self.kept  # the run's release of a representation (on_error="ignore") reached the dead worker
        if record.levelno >= logging.ERROR:
            return True
        if (record.name == "distributed.nanny" and record.getMessage().startswith("Restarting worker")
                and not self.said):
            self.said = True
            log.warning("a worker process died (killed, or out of memory?): a new one starts, and a cell it was "
                        "running runs again")
        return self.kept


@contextlib.contextmanager
def _worker_deaths_said_once(kept: bool = False) -> Iterator[None]:
    if log.isEnabledFor(logging.DEBUG):  # --verbose shows Dask's own lines
        yield
        return
    deaths = _WorkerDeaths(kept)
    loggers = [logging.getLogger(name) for name in ("distributed.nanny", "distributed.scheduler")]
    for logger in loggers:
        logger.addFilter(deaths)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(deaths)


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    before = logger.level
    if not log.isEnabledFor(logging.DEBUG):
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(before)


def workers_info(client) -> dict[str, dict]:
    """Every worker's entry (some Dask versions list only the first 5 unless asked for all)."""
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:  # a Dask from before the argument: it lists them all
        info = client.scheduler_info()
    return dict(info.get("workers", {}))


def check_resources(client, needed: set[tuple[str, float]], where: str, info: dict | None = None,
                    named: str | None = None) -> None:
    """A resource that no connected worker offers would leave its cells waiting for ever: a user error now.
    With no worker connected yet (a cluster that scales from zero) nothing can be checked. ``info``: the
    workers, where the caller asked for them already. ``named``: the scheduler as messages name it
    (``scheduler_named``; default ``where``)."""
    info = workers_info(client) if info is None else info
    named = named or where
    if not info:
        log.warning("no worker is connected to %s yet: cells wait until workers join", named)
        return
    for resource, amount in sorted(needed):
        if not any((w.get("resources") or {}).get(resource, 0) >= amount for w in info.values()):
            raise ConfigError(f"--worker-resources asks for {resource}={amount:g} but none of the {len(info)} "
                              f"workers of {named} offers it (start workers with "
                              f"`dask worker {where} --resources \"{resource}={amount:g}\"`)")
