"""Plot widgets: created once, fed with ``set_data`` / ``show_model`` / ``set_history``.

Every plot has axis labels from the column names, a legend, white background and
"Export as PNG or SVG…" on right-click (``export_png``/``export_svg`` write atomically, UserError
on failure; the 3-D view is PNG only).
"""

from typing import TYPE_CHECKING, Any

from .base import DataView, HistoryView
from .density_plot import DensityPlot
from .likelihood_plot import LikelihoodPlot
from .parameter_plot import ParameterHistoryPlot
from .scatter_plot import EllipsePlot

if TYPE_CHECKING:
    from .scatter3d_plot import Scatter3DPlot


def __getattr__(name: str) -> Any:
    # The 3-D view pulls in OpenGL; import it when first used, not on the way to the first paint.
    if name == "Scatter3DPlot":
        from .scatter3d_plot import Scatter3DPlot

        return Scatter3DPlot
    raise AttributeError(name)


__all__ = [
    "DataView",
    "DensityPlot",
    "EllipsePlot",
    "HistoryView",
    "LikelihoodPlot",
    "ParameterHistoryPlot",
    "Scatter3DPlot",
]
