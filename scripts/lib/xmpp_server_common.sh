# Helpers shared by scripts/lib/prosody.sh and scripts/lib/ejabberd.sh.
# Source this file; it defines functions only and changes no shell options.

# xmpp_apt_install PKG...: installs Debian packages as root without letting
# their maintainer scripts start the system services.  When no policy-rc.d
# exists, a temporary one that forbids service starts is put in place for the
# duration of the install and removed afterwards.
xmpp_apt_install() {
    # A subshell, so that the temporary policy-rc.d goes away on every exit,
    # an interrupted or failed install included.
    (
        sudo=()
        [[ $(id -u) -eq 0 ]] || sudo=(sudo)
        policy=/usr/sbin/policy-rc.d
        if [[ ! -e $policy ]]; then
            trap '"${sudo[@]}" rm -f "$policy"' EXIT
            trap 'exit 130' INT TERM
            printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
            "${sudo[@]}" chmod 755 "$policy"
        fi
        rc=0
        # Refresh the package lists when they are missing or the package is unknown.
        if ! apt-cache show "$1" >/dev/null 2>&1; then
            "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq || rc=$?
        fi
        if ((rc == 0)); then
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 \
                install -y -q --no-install-recommends "$@" || rc=$?
        fi
        if ((rc != 0)); then
            # A stale list can point at versions the mirror no longer has: retry once fresh.
            "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq &&
                DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 \
                    install -y -q --no-install-recommends "$@" && rc=0
        fi
        exit "$rc"
    )
}

# xmpp_pkg_installed PKG: true when the Debian package is installed.
xmpp_pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# xmpp_stop_system_service NAME PIDFILE: stops a system-wide instance of the
# service that a package install may have started, and keeps it from starting
# at boot.  Works with or without systemd; only the PID named in PIDFILE is
# signalled, never processes found by name.
xmpp_stop_system_service() {
    local name=$1 pidfile=$2
    if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
        systemctl stop "$name" >/dev/null 2>&1 || true
        systemctl disable "$name" >/dev/null 2>&1 || true
    fi
    if command -v update-rc.d >/dev/null 2>&1; then
        update-rc.d "$name" disable >/dev/null 2>&1 || true
    fi
    if [[ -r $pidfile ]]; then
        local pid
        pid=$(tr -dc '0-9' <"$pidfile")
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            echo "== stopping the system $name service (pid $pid) started by its package"
            kill "$pid" 2>/dev/null || true
            local i
            for ((i = 0; i < 50; i++)); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.2
            done
        fi
    fi
}

# xmpp_free_port: prints a TCP port on 127.0.0.1 that is free right now.
# Ports handed out earlier in this shell are skipped so that several calls
# in a row give distinct ports.
xmpp_free_port() {
    local port
    while :; do
        port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')
        [[ " ${_XMPP_PORTS_GIVEN:-} " == *" $port "* ]] || break
    done
    _XMPP_PORTS_GIVEN="${_XMPP_PORTS_GIVEN:-} $port"
    echo "$port"
}

# xmpp_port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
xmpp_port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# xmpp_ports_free PORT...: true when no PORT accepts connections yet;
# otherwise names the busy one on stderr.  Run before starting a server, so
# that waiting for its ports cannot be fooled by another process holding one.
xmpp_ports_free() {
    local port
    for port in "$@"; do
        if xmpp_port_open "$port"; then
            echo "error: port 127.0.0.1:$port is already in use by another process" >&2
            return 1
        fi
    done
}

# xmpp_random_secret: prints a random hexadecimal secret.
xmpp_random_secret() {
    od -An -tx1 -N16 /dev/urandom | tr -d ' \n'
}

# xmpp_wait_ports PID TIMEOUT LOG PORT...: waits until every PORT accepts
# connections.  Fails (returning 1, after printing the tail of LOG) when the
# process PID exits first or TIMEOUT seconds pass.
xmpp_wait_ports() {
    local pid=$1 timeout=$2 log=$3
    shift 3
    local deadline=$((SECONDS + timeout)) port
    for port in "$@"; do
        until xmpp_port_open "$port"; do
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "error: the server (pid $pid) exited before port $port opened; log tail ($log):" >&2
                tail -n 40 "$log" >&2 2>/dev/null || true
                return 1
            fi
            if ((SECONDS >= deadline)); then
                echo "error: port $port did not open within ${timeout}s; log tail ($log):" >&2
                tail -n 40 "$log" >&2 2>/dev/null || true
                return 1
            fi
            sleep 0.2
        done
    done
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "error: the server (pid $pid) exited right after opening its ports; log tail ($log):" >&2
        tail -n 40 "$log" >&2 2>/dev/null || true
        return 1
    fi
}

# xmpp_kill_pid PID TIMEOUT: sends SIGTERM to PID and waits up to TIMEOUT
# seconds for it to go, then sends SIGKILL.
xmpp_kill_pid() {
    local pid=$1 timeout=${2:-15} i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 5; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    echo "warning: pid $pid ignored SIGTERM for ${timeout}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 25; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
}
