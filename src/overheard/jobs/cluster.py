"""Where batch work runs: local processes (the default) or a Ray cluster, behind one small interface.

Batch jobs (``transcribe --all``, ``annotate``) split their work into a pure *compute* function run
on workers and a *store* step run by the driver: workers never open the workspace, so SQLite keeps
one writer and remote workers need no access to it. :func:`open_executor` returns the backend:

* ``local`` (default): in this process when ``workers`` is 1, else a process pool;
* ``ray``: Ray tasks, on a private Ray instance started by this process (``num_cpus=workers``,
  listening on 127.0.0.1 only) or on an existing cluster (``auto``, ``HOST:PORT``, ``ray://HOST:PORT``).

:meth:`Executor.map` yields an :class:`Outcome` per item as items finish (not in order), keeping
at most ``window`` in flight so a run over thousands of calls never holds them all in memory.
Each outcome says where it ran (backend, node, host) so the store step can record it.

Ray is imported only when asked for; the dashboard, usage statistics and worker-log forwarding are
off, and a private instance neither listens beyond 127.0.0.1 nor sends any packet off the machine
(checked with strace: every ``connect`` goes to 127.0.0.1).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overheard.errors import OverheardError

BACKENDS = ("local", "ray")
CONNECT_TIMEOUT_S = 5.0


class ClusterError(OverheardError):
    """The Ray backend cannot be used: not installed, bad address, or the cluster is unreachable."""

    code = "E020"


@dataclass(frozen=True)
class ClusterOptions:
    """Which backend runs batch work, and where: ``address`` None starts Ray in this process."""

    backend: str = "local"
    address: str | None = None
    workers: int = 1

    def describe(self) -> str:
        """A short label for messages: ``local``, ``local x4``, ``Ray (in-process, 2 CPUs)``, ``Ray at auto``."""
        if self.backend == "local":
            return "local" if self.workers <= 1 else f"local x{self.workers}"
        return f"Ray at {self.address}" if self.address else f"Ray (in-process, {self.workers} CPUs)"


def parse_cluster(cluster: str | None, ray_address: str | None = None, workers: int = 1) -> ClusterOptions:
    """Options from ``--cluster`` (local, ray or ray://HOST:PORT) and ``--ray-address`` (auto, HOST:PORT)."""
    value = (cluster or "").strip()
    if value.startswith("ray://"):
        if ray_address:
            raise ClusterError("give the cluster address once: --cluster ray://HOST:PORT or --ray-address, not both")
        return ClusterOptions("ray", value, workers)
    if value in ("", "local") and not ray_address:
        return ClusterOptions("local", None, workers)
    if value == "local":
        raise ClusterError("--ray-address needs --cluster ray (or no --cluster), not --cluster local")
    if value in ("", "ray"):
        return ClusterOptions("ray", ray_address or None, workers)
    raise ClusterError(f"unknown --cluster {value[:40]!r}: use local, ray or ray://HOST:PORT")


@dataclass(frozen=True)
class Outcome:
    """One item's result: ``value`` from the function, or a one-line ``error``, and where it ran."""

    index: int
    value: Any = None
    error: str | None = None
    where: dict[str, str] = field(default_factory=dict)


def error_label(error: BaseException) -> str:
    """A one-line, text-free description of ``error``: its class and, if coded, its code."""
    code = getattr(error, "code", None)
    return type(error).__name__ + (f" {code}" if isinstance(code, str) else "")


def _local_where() -> dict[str, str]:
    return {"backend": "local", "host": socket.gethostname()}


def _call(function: Callable[[Any, Any], Any], shared: Any, item: Any) -> Any:
    return function(shared, item)


class Executor:
    """Runs ``function(shared, item)`` for many items; the base class runs them here, one by one."""

    backend = "local"
    remote = False  # True: workers may be other machines (ship data, not paths)

    def map(
        self,
        function: Callable[[Any, Any], Any],
        shared: Any,
        items: Iterable[Any],
        on_submit: Callable[[int], None] | None = None,
    ) -> Iterator[Outcome]:
        """Yield an :class:`Outcome` for every item, in completion order.

        ``function`` must be a module-level function (workers import it by name); an exception it
        raises is reported as that item's error and the other items go on.
        """
        where = _local_where()
        for index, item in enumerate(items):
            if on_submit:
                on_submit(index)
            try:
                value = function(shared, item)
            except Exception as error:
                yield Outcome(index, error=error_label(error), where=where)
                continue
            yield Outcome(index, value, where=where)

    def close(self) -> None:
        """Release workers (cancels unfinished work)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _top_up(pending: dict[Any, int], source: Iterator[tuple[int, Any]], limit: int,
            submit: Callable[[Any], Any], on_submit: Callable[[int], None] | None) -> None:
    """Submit items from ``source`` until ``limit`` are in flight or it runs dry (handle -> index in ``pending``)."""
    while len(pending) < limit:
        nxt = next(source, None)
        if nxt is None:
            return
        index, item = nxt
        if on_submit:
            on_submit(index)
        pending[submit(item)] = index


class ProcessExecutor(Executor):
    """A local process pool; at most ``2 x workers`` items in flight."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers)

    def map(self, function, shared, items, on_submit=None) -> Iterator[Outcome]:
        """See :meth:`Executor.map`."""
        where = _local_where()
        pending: dict[Future, int] = {}
        source = enumerate(items)
        while True:
            _top_up(pending, source, 2 * self.workers, lambda item: self.pool.submit(_call, function, shared, item),
                    on_submit)
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                try:
                    yield Outcome(index, future.result(), where=where)
                except Exception as error:
                    yield Outcome(index, error=error_label(error), where=where)

    def close(self) -> None:
        """Stop the pool; queued items are cancelled."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def _ray_where() -> dict[str, str]:
    import ray

    return {"backend": "ray", "node": ray.get_runtime_context().get_node_id()[:16], "host": socket.gethostname()}


def _ray_task(function: Callable[[Any, Any], Any], shared: Any, item: Any) -> tuple[Any, str | None, dict]:
    """Body of every Ray task: run the function, catch its error as a label, say where it ran."""
    try:
        return function(shared, item), None, _ray_where()
    except Exception as error:
        return None, error_label(error), _ray_where()


def _quiet_ray_environment(private: bool) -> None:
    """No usage statistics (they would be posted to the internet); a private instance stays on 127.0.0.1.

    Must run before ``import ray`` (Ray reads these at import). Without the loopback setting Ray finds
    the machine's address by a UDP ``connect`` to 8.8.8.8 and listens on it.
    """
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    if private:
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")


def _use_token_if_present() -> None:
    """Ray Client (``ray://``) sends the cluster's auth token only when told to; do so when there is one."""
    token_file = Path(os.environ.get("RAY_AUTH_TOKEN_PATH") or Path.home() / ".ray" / "auth_token")
    if "RAY_AUTH_MODE" not in os.environ and (os.environ.get("RAY_AUTH_TOKEN") or token_file.is_file()):
        os.environ["RAY_AUTH_MODE"] = "token"


_PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY", "no_grpc_proxy")


@contextmanager
def _no_outbound_http() -> Iterator[None]:
    """While Ray starts its processes, send their HTTP requests to a closed local port.

    Ray 2.60's dashboard process (started even without the dashboard, for usage statistics) asks the
    Azure, GCP and AWS metadata endpoints (169.254.169.254, metadata.google.internal) which cloud it
    is on, whether or not usage statistics are enabled. Its ``requests`` honour the proxy variables,
    so those three lookups fail at once on 127.0.0.1:9; gRPC between Ray's own processes is exempt
    (``no_grpc_proxy``). The children keep these variables; this process gets its own back.
    """
    saved = {name: os.environ.get(name) for name in _PROXY_VARIABLES}
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ[name] = "http://127.0.0.1:9"
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "localhost,127.0.0.1,::1"
    os.environ["no_grpc_proxy"] = "*"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _check_reachable(address: str) -> None:
    """Fail fast (a few seconds, not Ray's two-minute retry and exit) when HOST:PORT does not answer."""
    target = address.removeprefix("ray://")
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        raise ClusterError(f"bad Ray address {address[:60]!r}: use auto, HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise ClusterError(
            f"Ray cluster at {target[:60]} is unreachable ({type(error).__name__}); start it with "
            "'ray start --head' there, or run without --cluster"
        ) from None


class RayExecutor(Executor):
    """Ray tasks (one CPU each); at most ``2 x cluster CPUs`` in flight.

    Uses the Ray instance this process is already connected to, if any; otherwise connects to
    ``address`` or starts a private one with ``workers`` CPUs, which :meth:`close` shuts down.
    """

    backend = "ray"
    remote = True

    def __init__(self, options: ClusterOptions) -> None:
        _quiet_ray_environment(private=options.address is None)
        if (options.address or "").startswith("ray://"):
            _use_token_if_present()
        try:
            import ray
        except ImportError:
            raise ClusterError(
                "Ray is not installed; pip install 'overheard[cluster]' or run without --cluster"
            ) from None
        self.ray = ray
        self.owned = False
        if not ray.is_initialized():
            common = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
            if options.address is None:
                try:
                    with _no_outbound_http():
                        ray.init(address="local", num_cpus=options.workers, **common)  # never a running one
                except (RuntimeError, ValueError, OSError) as error:
                    raise ClusterError(
                        f"could not start Ray on this machine ({type(error).__name__}); see the newest "
                        "/tmp/ray/session_*/logs, or run without --cluster"
                    ) from None
            else:
                if options.address != "auto":
                    _check_reachable(options.address)
                try:
                    ray.init(address=options.address, **common)
                except (ConnectionError, ValueError, RuntimeError) as error:
                    raise ClusterError(
                        f"cannot connect to Ray at {options.address[:60]} ({type(error).__name__}); is a cluster "
                        "running there ('ray start --head')?"
                    ) from None
            self.owned = True
        self.window = 2 * max(1, int(ray.cluster_resources().get("CPU", options.workers)))
        self.task = ray.remote(num_cpus=1, max_retries=1)(_ray_task)
        self.pending: dict[Any, int] = {}

    def map(self, function, shared, items, on_submit=None) -> Iterator[Outcome]:
        """See :meth:`Executor.map`; ``shared`` is put in the object store once."""
        ray = self.ray
        shared_ref = ray.put(shared)
        source = enumerate(items)
        while True:
            _top_up(self.pending, source, self.window, lambda item: self.task.remote(function, shared_ref, item),
                    on_submit)
            if not self.pending:
                return
            ready, _ = ray.wait(list(self.pending), num_returns=1)
            for ref in ready:
                index = self.pending.pop(ref)
                try:
                    value, error, where = ray.get(ref)
                except Exception as failure:  # the worker died or the task could not run at all
                    cause = getattr(failure, "cause", None) or failure
                    yield Outcome(index, error=error_label(cause), where={"backend": "ray"})
                    continue
                yield Outcome(index, value, error, where)

    def close(self) -> None:
        """Cancel unfinished tasks; shut Ray down if this executor started or connected it."""
        for ref in self.pending:
            try:
                self.ray.cancel(ref, force=True)
            except Exception:  # already finished or gone: nothing to cancel
                pass
        self.pending.clear()
        if self.owned:
            self.ray.shutdown()
            self.owned = False


def open_executor(options: ClusterOptions | None = None) -> Executor:
    """The executor for ``options`` (default: local, in this process)."""
    options = options or ClusterOptions()
    if options.backend == "ray":
        return RayExecutor(options)
    if options.backend != "local":
        raise ClusterError(f"unknown backend {options.backend[:20]!r}: use one of {', '.join(BACKENDS)}")
    return ProcessExecutor(options.workers) if options.workers > 1 else Executor()
