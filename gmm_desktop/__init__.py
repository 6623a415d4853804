"""GMM Desktop: fit Gaussian mixture models by EM, watch them converge, export the results."""

__version__ = "0.1.0"
