"""The EM engine: numpy and scipy only, no Qt, no file I/O."""

from .backend import REFERENCE, Backend
from .config import INIT_METHODS, FitConfig, check_data
from .density import (
    e_step,
    log_gaussian_densities,
    log_likelihood,
    mixture_log_density,
)
from .diagnostics import collapsed_components, degenerate_components, fit_warnings
from .em import EMSnapshot, iterate_em
from .errors import GMMInputError
from .init import initial_params, kmeans_plusplus
from .matching import compare_to_truth, match_components, order_by_first_mean
from .metrics import adjusted_rand_index, contingency_table
from .mstep import m_step
from .params import COVARIANCE_TYPES, MixtureParams, n_free_parameters, project_covariances
from .posterior import responsibilities
from .result import FitResult, fit, result_from_history, sample_mixture
from .search import RestartTracker, search_snapshots
from .selection import (
    ModelScore,
    best_model,
    entropy_icl,
    fit_model,
    sweep_models,
    too_many_components,
)
from .starts import StartSpec, start_plan
from .stopping import STOPPING_RULES

__all__ = [
    "COVARIANCE_TYPES",
    "INIT_METHODS",
    "REFERENCE",
    "STOPPING_RULES",
    "Backend",
    "EMSnapshot",
    "FitConfig",
    "FitResult",
    "GMMInputError",
    "MixtureParams",
    "ModelScore",
    "RestartTracker",
    "StartSpec",
    "adjusted_rand_index",
    "best_model",
    "check_data",
    "collapsed_components",
    "compare_to_truth",
    "contingency_table",
    "degenerate_components",
    "e_step",
    "entropy_icl",
    "fit",
    "fit_model",
    "fit_warnings",
    "initial_params",
    "iterate_em",
    "kmeans_plusplus",
    "log_gaussian_densities",
    "log_likelihood",
    "m_step",
    "match_components",
    "mixture_log_density",
    "n_free_parameters",
    "order_by_first_mean",
    "project_covariances",
    "responsibilities",
    "result_from_history",
    "sample_mixture",
    "search_snapshots",
    "start_plan",
    "sweep_models",
    "too_many_components",
]
