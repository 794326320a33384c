"""Run by .ci/run with a non-editable install, from outside the checkout: every file of
the repository's models/ must ship inside the installed package and load from there."""

import sys
from pathlib import Path

import quotewho
from quotewho.resources import models_dir

repo_models = Path(sys.argv[1])
installed = models_dir()
assert "site-packages" in str(installed), f"models read from {installed}, not the install"
missing = [
    p.relative_to(repo_models)
    for p in repo_models.rglob("*")
    if p.is_file() and not (installed / p.relative_to(repo_models)).is_file()
]
assert not missing, f"model files missing from the wheel: {missing}"
doc = quotewho.extract("Председатель КИОР Асылбек Есенбаев: «Мы готовы», — сказал он.")
assert any(e.type == "PER" for e in doc.entities), doc.entities
print(f"installed package OK: {quotewho.__file__}, {len(list(installed.rglob('*')))} model files")
