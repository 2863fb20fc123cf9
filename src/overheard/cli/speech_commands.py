"""CLI commands of the speech area: transcribe, clip, translator install."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from overheard.cli.cluster_options import ClusterOption, RayAddressOption, cluster_options
from overheard.cli.common import (
    ActorOption,
    FormatOption,
    WorkspaceOption,
    check_format,
    console,
    err_console,
    print_json,
)

if TYPE_CHECKING:
    from overheard.speech.settings import TranscribeSettings

LangOption = Annotated[
    str | None, typer.Option("--lang", help="Force one language (ru, uk) for every segment instead of detecting it.")
]
LanguagesOption = Annotated[
    str,
    typer.Option(
        "--languages",
        help="Languages to choose from per segment, comma-separated (add en, say, for calls that switch to it).",
    ),
]
ModelOption = Annotated[
    Path | None,
    typer.Option("--model", help="CTranslate2 Whisper model directory (default: workspace speech.model, else base)."),
]


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
    app.command("transcribe")(transcribe)
    app.command("align")(align)
    app.command("clip")(clip)
    translator_app = typer.Typer(help="Manage the local text translation model.", no_args_is_help=True)
    translator_app.command("install")(translator_install)
    app.add_typer(translator_app, name="translator")
    app.command("translate")(translate)


def _settings(
    lang: str | None,
    translate: bool,
    speakers: int = 1,
    window: float = 28.0,
    languages: str = "ru,uk",
    code_bias: bool = False,
):
    from overheard.speech.settings import TranscribeSettings
    from overheard.speech.transcriber import parse_languages

    if lang is not None and lang not in ("ru", "uk", "en"):
        raise typer.BadParameter("must be ru, uk or en", param_hint="--lang")
    try:
        candidates = parse_languages(languages)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--languages") from None
    hotwords = ""
    if code_bias:
        from overheard.jobs.bias import code_hotwords

        hotwords = code_hotwords()
    return TranscribeSettings(
        language=lang,
        candidate_languages=candidates,
        translate=translate,
        speakers=speakers,
        window_s=window,
        hotwords=hotwords,
    )


def transcribe(
    targets: Annotated[
        list[str] | None, typer.Argument(help="An audio file (works outside a workspace), or call ids/keys.")
    ] = None,
    all_calls: Annotated[bool, typer.Option("--all", help="Transcribe every call that has audio.")] = False,
    lang: LangOption = None,
    languages: LanguagesOption = "ru,uk",
    model: ModelOption = None,
    translate: Annotated[bool, typer.Option("--translate", help="Add an English rendering of each segment.")] = False,
    speakers: Annotated[
        int, typer.Option("--speakers", min=1, max=8, help="Mono calls: cluster utterances into N speakers.")
    ] = 1,
    window: Annotated[
        float,
        typer.Option("--window", min=0.0, max=28.0, help="Seconds of speech per decoding window (0: per utterance)."),
    ] = 28.0,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes working in parallel (--cluster ray: its CPUs).")
    ] = 1,
    code_bias: Annotated[
        bool,
        typer.Option(
            "--code-bias",
            help="Steer decoding toward the lexicon's casualty codes (intelligible calls only; review the codes).",
        ),
    ] = False,
    cluster: ClusterOption = None,
    ray_address: RayAddressOption = None,
    redo: Annotated[
        bool, typer.Option("--redo", help="Transcribe again even if already done with these settings.")
    ] = False,
    compare: Annotated[
        bool, typer.Option("--compare", help="Show each result beside the call's written transcript, with WER.")
    ] = False,
    store: Annotated[bool, typer.Option("--store/--no-store", help="Store the transcripts as new versions.")] = True,
    fmt: FormatOption = "text",
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Transcribe audio offline: a bare file (prints the transcript) or workspace calls (stored as new versions)."""
    check_format(fmt)
    settings = _settings(lang, translate, speakers, window, languages, code_bias)
    targets = targets or []
    if len(targets) == 1 and not all_calls and Path(targets[0]).is_file():
        from overheard.jobs.transcribe import transcribe_audio
        from overheard.speech.transcriber import result_to_json

        result = transcribe_audio(Path(targets[0]), settings, model=model)
        if fmt == "json":
            print_json(result_to_json(result))
        else:
            _print_result(result)
        return
    if not targets and not all_calls:
        raise typer.BadParameter("name an audio file, call ids, or --all")
    options = {"model": model, "workers": workers, "redo": redo, "store": store, "compare": compare,
               "cluster": cluster_options(cluster, ray_address, workers)}
    _transcribe_workspace(workspace, None if all_calls else targets, settings, options, actor, fmt)


def _transcribe_workspace(workspace: Path | None, calls: list[str] | None, settings: TranscribeSettings,
                          options: dict[str, Any], actor: str | None, fmt: str) -> None:
    from overheard.cli.common import open_workspace
    from overheard.jobs.transcribe import compare_with_written, transcribe_workspace
    from overheard.store.audit import default_actor

    ws = open_workspace(workspace)
    bars = CallBars(fmt, doing="transcribing…", todo="to do")

    def on_done(job, result, error) -> None:
        if result is not None:
            status = f"done, real-time factor {result.real_time_factor:.2f}"
            flagged = sum(1 for s in result.transcript.segments if s.flags)
            status += f", {flagged} flagged segments" if flagged else ""
        else:
            status = f"[red]failed: {escape(error or '')}[/]"
        bars.finish(job, status)

    try:
        with bars.progress:
            report = transcribe_workspace(
                ws,
                calls,
                settings,
                model=options["model"],
                workers=options["workers"],
                cluster=options["cluster"],
                redo=options["redo"],
                store=options["store"],
                actor=actor or default_actor(),
                on_plan=bars.plan,
                on_start=bars.start,
                on_progress=bars.update,
                on_done=on_done,
            )
        comparisons = [compare_with_written(ws, cid, r.transcript) for cid, r in report.results.items()]
    finally:
        ws.close()
    if options["compare"] and fmt != "json":
        for comparison in comparisons:
            _print_comparison(comparison)
    if fmt == "json":
        data = report.as_dict()
        if options["compare"]:
            data["word_error_rates"] = {str(c.call_id): c.word_error_rate for c in comparisons}
        print_json(data)
        return
    rate = report.elapsed / report.audio_seconds if report.audio_seconds else 0.0
    console.print(
        f"transcribed {len(report.done)} calls ({report.audio_seconds:.0f} s of audio, real-time factor "
        f"{rate:.2f}); {len(report.skipped)} already done; {len(report.failed)} failed"
    )
    if report.failed:
        raise typer.Exit(1)


class CallBars:
    """Rich progress bars on stderr for a batch of calls: one overall (weighted by audio seconds) and one
    per call, each with its percentage and status; hidden for ``--format json``."""

    def __init__(self, fmt: str, doing: str, todo: str) -> None:
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=err_console,
            disable=fmt == "json",
        )
        self.doing, self.todo = doing, todo
        self.tasks: dict[int, int] = {}
        self.overall = self.progress.add_task("all calls", total=1, status="")

    def plan(self, jobs, todo) -> None:
        """The batch is known: ``todo`` of ``jobs`` calls still need the work."""
        total = sum(max(job.duration, 0.1) for job in todo)
        status = f"{len(todo)} {self.todo}, {len(jobs) - len(todo)} already done"
        self.progress.update(self.overall, total=total or 1, status=status)

    def start(self, job) -> None:
        """A call's work began: its own bar appears."""
        self.tasks[job.call_id] = self.progress.add_task(f"  {escape(job.key)}", total=1, status=self.doing)

    def update(self, job, share: float) -> None:
        """``share`` (0..1) of a call's work is done."""
        self.progress.update(self.tasks[job.call_id], completed=min(share, 0.99))

    def finish(self, job, status: str) -> None:
        """A call is done (or failed): its bar full with ``status``, the overall bar advanced by its audio."""
        self.progress.update(self.tasks[job.call_id], completed=1, status=status)
        self.progress.advance(self.overall, max(job.duration, 0.1))


def align(
    targets: Annotated[list[str] | None, typer.Argument(help="Call ids or keys.")] = None,
    all_calls: Annotated[bool, typer.Option("--all", help="Align every call with audio and a written transcript.")]
    = False,
    model: ModelOption = None,
    redo: Annotated[bool, typer.Option("--redo", help="Align again even if already done with these settings.")]
    = False,
    fmt: FormatOption = "text",
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Give written transcripts word timings by aligning their text to the call's audio (text unchanged)."""
    from overheard.cli.common import open_workspace
    from overheard.jobs.align import align_workspace
    from overheard.store.audit import default_actor

    check_format(fmt)
    if not targets and not all_calls:
        raise typer.BadParameter("name call ids or keys, or --all")
    ws = open_workspace(workspace)
    bars = CallBars(fmt, doing="aligning…", todo="to align")

    def on_done(job, words, error) -> None:
        bars.finish(job, f"{words} words timed" if error is None else f"[red]failed: {escape(error)}[/]")

    try:
        with bars.progress:
            report = align_workspace(ws, None if all_calls else targets, model=model, redo=redo,
                                     actor=actor or default_actor(), on_plan=bars.plan, on_start=bars.start,
                                     on_progress=bars.update, on_done=on_done)
    finally:
        ws.close()
    if fmt == "json":
        print_json(report.as_dict())
    else:
        rate = report.elapsed / report.audio_seconds if report.audio_seconds else 0.0
        console.print(
            f"aligned {len(report.done)} calls ({sum(report.done.values())} words, {report.audio_seconds:.0f} s of "
            f"audio, real-time factor {rate:.2f}); {len(report.skipped)} already timed; {len(report.failed)} failed"
        )
    if report.failed:
        raise typer.Exit(1)


def _print_comparison(comparison) -> None:
    from rich.table import Table

    from overheard.cli.browse import format_seconds

    title = f"call {comparison.call_id}: speech recognition beside the written transcript"
    if comparison.word_error_rate is not None:
        title += f" (word error rate {comparison.word_error_rate:.2f})"
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("written transcript", ratio=1)
    table.add_column("speech recognition (⚑ = flagged)", ratio=1)
    written = list(comparison.written.segments) if comparison.written else []
    recognised = list(comparison.recognised.segments)
    for index in range(max(len(written), len(recognised))):
        left = right = ""
        if index < len(written):
            segment = written[index]
            left = f"[bold]{escape(segment.speaker or '')}[/] {escape(segment.text)}"
        if index < len(recognised):
            segment = recognised[index]
            flag = " [yellow]⚑[/]" if segment.flags else ""
            right = (
                f"[dim]{format_seconds(segment.start)}[/] [bold]{escape(segment.speaker or '')}[/] "
                f"{escape(segment.text)}{flag}"
            )
        table.add_row(left, right)
    console.print(table)


def _print_result(result) -> None:
    from overheard.cli.browse import format_seconds

    for segment in result.transcript.segments:
        flags = f" [yellow]⚑ {', '.join(segment.flags)}[/]" if segment.flags else ""
        language = f"{segment.language}" if segment.language else "?"
        console.print(
            f"[dim]{format_seconds(segment.start or 0)}–{format_seconds(segment.end or 0)}[/] "
            f"[bold]{escape(segment.speaker or '?')}[/] [dim]{language}[/] {escape(segment.text)}{flags}"
        )
        if segment.translation:
            console.print(f"    [italic]{escape(segment.translation)}[/]")
    for warning in result.warnings:
        err_console.print(f"[yellow]warning:[/] {escape(warning)}")
    err_console.print(
        f"[dim]{result.model.name}, {result.duration:.1f} s of audio in {result.elapsed:.1f} s "
        f"(real-time factor {result.real_time_factor:.2f})[/]"
    )


def clip(
    call: Annotated[str, typer.Argument(help="Call id or key (or an audio file outside a workspace).")],
    start: Annotated[float | None, typer.Option("--from", help="Start second.")] = None,
    end: Annotated[float | None, typer.Option("--to", help="End second.")] = None,
    bleep: Annotated[
        bool, typer.Option("--bleep", help="Replace names, phones, call signs, units with a tone.")
    ] = False,
    disguise: Annotated[
        bool, typer.Option("--disguise", help="Shift the voices so speakers are not recognisable.")
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where to write the clip (WAV).")] = None,
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Write a publishable clip of a call (the original is never touched)."""
    from overheard.jobs.clips import make_clip
    from overheard.speech.clips import ClipSettings

    written = make_clip(
        call,
        ClipSettings(start=start, end=end, bleep=bleep, disguise=disguise),
        output=output,
        workspace=workspace,
        actor=actor,
    )
    console.print(f"clip written to [bold]{escape(str(written.path))}[/] ({written.bleeped} word spans bleeped)")


def translator_install(
    package: Annotated[Path, typer.Argument(help="An Argos .argosmodel file or a CTranslate2 model directory.")],
    name: Annotated[str, typer.Option("--name", help="Name to install it under.")] = "ru-en",
) -> None:
    """Install a text translation model from a local file (never downloads)."""
    from overheard.speech.translate import install_translator

    installed = install_translator(package, name)
    console.print(f"translator [bold]{escape(name)}[/] installed at {escape(str(installed))}")


def translate(
    call: Annotated[str, typer.Argument(help="Call id or key.")],
    translator: Annotated[
        str, typer.Option("--translator", help="Installed translator name or a model folder.")
    ] = "ru-en",
    workspace: WorkspaceOption = None,
    actor: ActorOption = None,
) -> None:
    """Add an English rendering beside every segment of a call's transcript (stored as a new version)."""
    from overheard.cli.common import open_workspace
    from overheard.jobs.translate import translate_call
    from overheard.store.audit import default_actor

    ws = open_workspace(workspace)
    try:
        version_id = translate_call(ws, call, translator, actor or default_actor())
    finally:
        ws.close()
    console.print(f"translation stored as transcript {version_id}")
