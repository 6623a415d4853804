"""Reading tables and writing exports: pandas and the standard library only, no Qt."""

from .demo import DemoSet, demo_path, demo_sets
from .errors import DataError, LoadCancelled
from .features import FeatureData, select_features
from .read_options import ReadOptions
from .table import Table, read_table, table_from_frame

__all__ = [
    "DataError",
    "DemoSet",
    "FeatureData",
    "LoadCancelled",
    "ReadOptions",
    "Table",
    "demo_path",
    "demo_sets",
    "read_table",
    "select_features",
    "table_from_frame",
]
