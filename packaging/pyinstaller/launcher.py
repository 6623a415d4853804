"""PyInstaller entry script for GMM Desktop (the bundle's ``gmm-desktop`` executable).

``gmm_desktop/__main__.py`` uses relative imports, so it cannot be the frozen script itself;
this file imports the package and calls the same ``entry`` the ``gmm-desktop`` console script
does.
"""

from gmm_desktop.__main__ import entry

if __name__ == "__main__":
    entry()
