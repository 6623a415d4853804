"""GMM Desktop: fit Gaussian mixture models by EM, watch them converge, export the results."""

# The only place the version is written: pyproject.toml reads it from here
# ([tool.setuptools.dynamic]), and so do the About box, ``gmm-desktop --version`` and the
# PyInstaller spec (macOS bundle version), also in a source checkout or a frozen bundle.
__version__ = "0.1.0"
