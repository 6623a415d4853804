"""Plot widgets: created once, fed with ``set_data`` / ``show_model`` / ``set_history``.

Every plot has axis labels from the column names, a legend, white background and
"Export as PNG…" on right-click (``export_png`` writes atomically, UserError on failure).
"""

from .base import DataView, HistoryView
from .density_plot import DensityPlot
from .likelihood_plot import LikelihoodPlot
from .parameter_plot import ParameterHistoryPlot
from .scatter3d_plot import Scatter3DPlot
from .scatter_plot import EllipsePlot

__all__ = [
    "DataView",
    "DensityPlot",
    "EllipsePlot",
    "HistoryView",
    "LikelihoodPlot",
    "ParameterHistoryPlot",
    "Scatter3DPlot",
]
