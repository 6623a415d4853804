"""Pictures of a fit: every plot as PNG, the plots at chosen iterations, the fit as an
animation (GIF, or MP4 when ffmpeg is on PATH) and the whole window.

``PlotArea`` draws the plots; this takes anything with a ``plots`` area and a ``display``
(the window) and does not import the window, so there is no import cycle. Pictures at many
iterations are drawn by a ``FrameJob``: one iteration per turn of the event loop, so the
window keeps responding and the job can be cancelled; every picture is drawn before the
first file is written, and each file is written atomically (nothing partial on an error or
a cancel).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PIL import Image
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QApplication, QWidget

from ..engine import EMSnapshot
from ..errors import QT_TRANSLATE_NOOP, UserError
from ..io.atomic import atomic_open, ensure_folder
from .plot_area import PlotArea
from .plots.export import with_dpi, write_png

if TYPE_CHECKING:
    from .fit_display import FitDisplay

ANIMATION_WIDTH = 900  # pixels of an animation frame
FRAME_MS = 250  # how long each iteration shows in an animation
LAST_FRAME_MS = 2000  # the converged fit stays a while before the animation loops
ANIMATION_SUFFIXES = (".gif", ".mp4")


class HasPlots(Protocol):
    @property
    def plots(self) -> PlotArea: ...


class HasFit(HasPlots, Protocol):
    @property
    def display(self) -> FitDisplay: ...


def export_all_plots(
    window: HasPlots, folder: str | Path, width: int = 1600, dpi: float | None = None
) -> list[Path]:
    """Export the views that apply to the current data; return the files written."""
    return window.plots.export_all(folder, width=width, dpi=dpi)


def window_picture(window: QWidget) -> QImage:
    """The whole window as on screen, at its size.

    ``QWidget.grab`` leaves out what an OpenGL view paints with QPainter (the 3-D view's axis
    names and values), so each visible GL view's own framebuffer is painted over it, and the
    widgets laid over that view (its legend) on top. Pending layout requests are carried out
    first: a status message set just before would otherwise squeeze its neighbours."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    image = window.grab().toImage()
    painter = QPainter(image)
    try:
        for view in window.findChildren(QOpenGLWidget):
            if not view.isVisible() or view.width() == 0:
                continue
            frame = view.grabFramebuffer()
            painter.drawImage(QRect(view.mapTo(window, QPoint(0, 0)), view.size()), frame)
            for child in view.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if child.isVisible():
                    painter.drawPixmap(view.mapTo(window, child.pos()), child.grab())
    finally:
        painter.end()
    return image


def export_window_picture(window: QWidget, folder: str | Path) -> Path:
    """The whole window as ``window.png`` in ``folder``, at the window's size."""
    return write_png(window_picture(window), ensure_folder(folder) / "window.png")


# -- which iterations ---------------------------------------------------------------------------


def history_indices(history: Sequence[EMSnapshot], iterations: Sequence[int]) -> list[int]:
    """Where each iteration number is in ``history``; UserError for one the fit did not reach."""
    if not history:
        raise UserError.said(QT_TRANSLATE_NOOP("Errors", "there is no finished fit to export"))
    where = {snap.iteration: index for index, snap in enumerate(history)}
    last = history[-1].iteration
    for number in iterations:
        if number not in where:
            raise UserError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "iteration {i} is beyond the fit: it stopped at iteration {last}"
                ),
                i=number,
                last=last,
            )
    return [where[number] for number in iterations]


def iteration_suffix(iteration: int, largest: int) -> str:
    """``_iter05``: at least two digits, as many as the largest chosen iteration needs (so
    the files of one export sort in order)."""
    return f"_iter{iteration:0{max(2, len(str(largest)))}d}"


def check_animation_path(path: str | Path) -> Path:
    """``path`` if it names a GIF (or an MP4 with ffmpeg on PATH); UserError otherwise."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in ANIMATION_SUFFIXES:
        raise UserError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "{name}: an animation is written as .gif (or .mp4 with ffmpeg)"
            ),
            name=target.name,
        )
    if suffix == ".mp4" and shutil.which("ffmpeg") is None:
        raise UserError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "{name}: writing MP4 needs ffmpeg, which was not found; use .gif"
            ),
            name=target.name,
        )
    return target


# -- drawing many iterations --------------------------------------------------------------------


class FrameJob(QObject):
    """Draw the shown fit at some of its snapshots, one per event-loop turn, then write.

    ``draw(index)`` renders the pictures of history snapshot ``index`` (the fit is shown at
    it meanwhile); ``write()`` writes them all once every one is drawn and returns the
    files. ``sig_progress(done, total)`` after each; ``sig_finished(paths)``,
    ``sig_failed(message)`` or ``sig_cancelled`` at the end; the shown snapshot comes back.
    """

    sig_progress = Signal(int, int)
    sig_finished = Signal(list)
    sig_failed = Signal(str)
    sig_cancelled = Signal()

    def __init__(
        self,
        window: HasFit,
        indices: Sequence[int],
        draw: Callable[[int], None],
        write: Callable[[], list[Path]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.indices = list(indices)
        self._draw, self._write = draw, write
        self._history = window.display.history
        self._shown = window.display.slider.value()
        self._done = 0
        self._cancelled = False
        self.running = False

    def start(self) -> None:
        self.running = True
        QTimer.singleShot(0, self._next)

    def cancel(self) -> None:
        """Stop after the picture being drawn; nothing is written."""
        self._cancelled = True

    def _next(self) -> None:
        display = self.window.display
        try:
            if self._cancelled:
                self._end(None)
                return
            if display.history is not self._history:
                raise UserError.said(
                    QT_TRANSLATE_NOOP(
                        "Errors", "the shown fit changed during the export: nothing was written"
                    )
                )
            if self._done < len(self.indices):
                index = self.indices[self._done]
                display.show_snapshot(index)
                self._draw(index)
                self._done += 1
                self.sig_progress.emit(self._done, len(self.indices))
                QTimer.singleShot(0, self._next)
                return
            self._restore()
            paths = self._write()
        except UserError as exc:
            self._end(exc)
            return
        self.running = False
        self.sig_finished.emit(paths)

    def _restore(self) -> None:
        display = self.window.display
        if display.history is self._history and self._history:
            display.show_snapshot(min(self._shown, len(self._history) - 1))

    def _end(self, error: UserError | None) -> None:
        self._restore()
        self.running = False
        if error is None:
            self.sig_cancelled.emit()
        else:
            self.sig_failed.emit(str(error))


def iterations_job(
    window: HasFit,
    folder: str | Path,
    iterations: Sequence[int],
    width: int = 1600,
    dpi: float | None = None,
    parent: QObject | None = None,
) -> FrameJob:
    """A job writing every data plot at each iteration: ``ellipses_iter05.png``,
    ``density_iter05.png``, ``scatter3d_iter05.png``; UserError at once for an iteration the
    fit did not reach."""
    history = window.display.history
    indices = history_indices(history, iterations)
    largest = max(iterations)
    images: list[tuple[str, QImage]] = []

    def draw(index: int) -> None:
        suffix = iteration_suffix(history[index].iteration, largest)
        images.extend(window.plots.render_all(width, data_only=True, suffix=suffix))

    def write() -> list[Path]:
        out = ensure_folder(folder)
        return [write_png(with_dpi(image, dpi), out / name) for name, image in images]

    return FrameJob(window, indices, draw, write, parent)


def all_plots_job(
    window: HasFit,
    folder: str | Path,
    index: int,
    width: int = 1600,
    dpi: float | None = None,
    parent: QObject | None = None,
) -> FrameJob:
    """A job writing every plot that applies (density.png, ellipses.png, ..., likelihood.png)
    as the fit was at history snapshot ``index`` (the last one: the final model)."""
    images: list[tuple[str, QImage]] = []

    def draw(_index: int) -> None:
        images.extend(window.plots.render_all(width))

    def write() -> list[Path]:
        out = ensure_folder(folder)
        return [write_png(with_dpi(image, dpi), out / name) for name, image in images]

    return FrameJob(window, [index], draw, write, parent)


def animation_job(
    window: HasFit, path: str | Path, width: int = ANIMATION_WIDTH, parent: QObject | None = None
) -> FrameJob:
    """A job writing the fit as an animation at ``path``: one frame per snapshot of the shown
    start (the start, then every iteration) of the data view that shows the most."""
    target = check_animation_path(path)
    history = window.display.history
    if not history:
        raise UserError.said(QT_TRANSLATE_NOOP("Errors", "there is no finished fit to export"))
    frames: list[Image.Image] = []

    def draw(_index: int) -> None:
        image = window.plots.render_view(window.plots.preferred_data_view(), width)
        frames.append(pil_frame(image, frames[0].size if frames else None))

    def write() -> list[Path]:
        if target.suffix.lower() == ".mp4":
            return [write_mp4(frames, target)]
        return [write_gif(frames, target)]

    return FrameJob(window, range(len(history)), draw, write, parent)


def pil_frame(image: QImage, size: tuple[int, int] | None = None) -> Image.Image:
    """A QImage as an RGB Pillow image (``size``: scaled to it, so every frame matches)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    frame = Image.frombytes(
        "RGBA",
        (rgba.width(), rgba.height()),
        bytes(rgba.constBits()),
        "raw",
        "RGBA",
        rgba.bytesPerLine(),
    )
    white = Image.new("RGB", frame.size, "white")
    white.paste(frame, mask=frame.getchannel("A"))
    if size is not None and white.size != size:
        white = white.resize(size, Image.Resampling.LANCZOS)
    return white


def gif_bytes(frames: Sequence[Image.Image]) -> bytes:
    """An animated GIF of ``frames``, looping, the last frame held longer."""
    if not frames:
        raise UserError.said(QT_TRANSLATE_NOOP("Errors", "there is no finished fit to export"))
    palette = [f.convert("P", palette=Image.Palette.ADAPTIVE, colors=255) for f in frames]
    durations = [FRAME_MS] * (len(palette) - 1) + [LAST_FRAME_MS]
    buffer = io.BytesIO()
    palette[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=palette[1:],
        duration=durations,
        loop=0,
        disposal=1,
    )
    return buffer.getvalue()


def write_gif(frames: Sequence[Image.Image], path: Path) -> Path:
    """Write ``frames`` as an animated GIF at ``path``, atomically."""
    payload = gif_bytes(frames)
    ensure_folder(path.parent)
    with atomic_open(path, "wb") as handle:
        handle.write(payload)
    return path


def write_mp4(frames: Sequence[Image.Image], path: Path) -> Path:
    """Write ``frames`` as an H.264 MP4 through ffmpeg (frames as PNGs in a temporary folder;
    the film goes through a temporary file renamed over ``path``)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        check_animation_path(path)  # says why in plain words
    assert ffmpeg is not None
    ensure_folder(path.parent)
    with tempfile.TemporaryDirectory(prefix=".gmm-frames-", dir=path.parent) as folder:
        for i, frame in enumerate(frames):
            frame.save(Path(folder) / f"frame{i:05d}.png")
        partial = Path(folder) / "film.mp4"
        command = [
            ffmpeg, "-loglevel", "error", "-y", "-framerate", str(1000 // FRAME_MS),
            "-i", str(Path(folder) / "frame%05d.png"), "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
            "-pix_fmt", "yuv420p", str(partial),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not partial.exists():
            raise UserError.said(
                QT_TRANSLATE_NOOP("Errors", "ffmpeg could not write {name}: {reason}"),
                name=path.name,
                reason=(done.stderr.strip().splitlines() or ["no reason given"])[-1],
            )
        os.replace(partial, path)
    return path
