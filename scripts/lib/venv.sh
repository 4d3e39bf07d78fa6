# Python virtualenv for the interoperability tests.
# Source this file, then call `ensure_venv`: it creates .venv/ in the repository root if it is
# missing, installs the pinned packages of scripts/requirements-test.txt that are missing or at
# another version, and exports MLSGATE_PYTHON (the venv's python). Quiet when all is in place.

_mlsgate_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# _venv_missing_requirements PYTHON FILE: prints the pinned requirements of FILE that PYTHON lacks.
_venv_missing_requirements() {
    "$1" - "$2" <<'PY'
import sys
from importlib import metadata

for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, version = line.partition("==")
    try:
        installed = metadata.version(name.strip())
    except metadata.PackageNotFoundError:
        installed = None
    if installed != version.strip():
        print(line)
PY
}

ensure_venv() {
    local root="$_mlsgate_root"
    local venv="$root/.venv"
    local requirements="$root/scripts/requirements-test.txt"
    local python="$venv/bin/python"

    if [[ ! -x "$python" ]] || ! "$python" -c 'import sys' 2>/dev/null; then
        echo "== creating $venv"
        rm -rf "$venv"
        if ! python3 -c 'import ensurepip, venv' 2>/dev/null || ! python3 -m venv "$venv" >/dev/null 2>&1; then
            # Debian ships venv's ensurepip in python3-venv.
            rm -rf "$venv"
            declare -F ensure_apt_packages >/dev/null || source "$root/scripts/lib/setup.sh"
            ensure_apt_packages python3-venv
            python3 -m venv "$venv"
        fi
    fi

    local missing
    missing="$(_venv_missing_requirements "$python" "$requirements")"
    if [[ -n "$missing" ]]; then
        echo "== installing into .venv: $(echo $missing)"
        "$python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
        missing="$(_venv_missing_requirements "$python" "$requirements")"
        if [[ -n "$missing" ]]; then
            echo "ensure_venv: still missing after install: $missing" >&2
            return 1
        fi
    fi

    export MLSGATE_PYTHON="$python"
}
