# Shared helpers of the kernel benchmarks (static-routes/run.sh, reaction/run.sh); sourced, not run.
# Throwaway network namespaces named omb-<tag>-<role>, veth links between them, a private copy of
# the distribution configured for the Linux kernel plane, and one cleanup (trap EXIT) that stops
# only the processes these helpers started, deletes the namespaces and the scratch folder.
# Nothing here touches the host's own interfaces.
#
# Callers set $root (the repository) and $me (the script's name for messages) before sourcing.

omb_tag="$(printf "%06x" $(((RANDOM * 32768 + RANDOM) & 0xffffff)))"
omb_scratch="$(mktemp -d "/tmp/omb-$omb_tag.XXXXXX")"
omb_namespaces=()
omb_pids=()
declare -A omb_anchor                   # namespace -> pid of a sleeper in it (/proc/PID/net/...)

omb_say() { echo "== $*"; }
omb_die() { echo "$me: $*" >&2; exit 1; }

# Stops one process started by these helpers: SIGTERM, up to $2 seconds, then SIGKILL.
omb_stop() {
  local pid="$1" wait="${2:-10}" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 20; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.05
  done
  echo "$me: pid $pid ignored SIGTERM for ${wait}s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

omb_cleanup() {
  local i ns
  for ((i = ${#omb_pids[@]} - 1; i >= 0; i--)); do omb_stop "${omb_pids[i]}" 5; done
  for ns in "${omb_namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  [[ -n "${OMB_KEEP:-}" ]] && echo "$me: scratch kept in $omb_scratch" || rm -rf "$omb_scratch"
}
trap omb_cleanup EXIT
trap 'exit 130' INT TERM

# Runs "$@" in the background inside namespace $1, remembering its pid (ip netns exec execs the
# command, so the pid is the command's own). Output to $2 ('-' for /dev/null). Sets omb_pid.
omb_spawn() {
  local ns="$1" out="$2"; shift 2
  [[ "$out" == - ]] && out=/dev/null
  ip netns exec "$ns" "$@" >"$out" 2>&1 </dev/null &
  omb_pid=$!
  omb_pids+=("$omb_pid")
}

omb_need_root() {
  [[ $(id -u) == 0 ]] || { echo "$me: needs root (network namespaces, the kernel multicast table)" >&2; exit 2; }
  command -v ip >/dev/null || omb_apt iproute2
}

# Installs Debian packages whose command is missing: omb_need COMMAND PACKAGE ...
omb_need() {
  local missing=()
  while (($#)); do command -v "$1" >/dev/null || missing+=("$2"); shift 2; done
  ((${#missing[@]})) || return 0
  omb_apt "${missing[@]}"
}
omb_apt() {
  echo "$me: installing $* with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The built distribution (launcher/target/openmgm), built when absent; sets JAVA_HOME.
omb_distribution() {
  source "$root/launcher/src/main/dist/bin/java.sh"
  local java; java="$(openmgm_find_java)"
  export JAVA_HOME; JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
  omb_dist="$root/launcher/target/openmgm"
  if [[ ! -x "$omb_dist/bin/openmgm" ]]; then
    omb_say "building the distribution"
    (cd "$root" && mvn -B -ntp -q -DskipTests -pl launcher -am package)
  fi
}

# omb_ns VAR ROLE: a namespace omb-<tag>-ROLE, its name in $VAR; loopback up, rp_filter off, and a
# sleeper in it whose /proc/PID/net shows the namespace's tables without a fork per look.
omb_ns() {
  local ns="omb-$omb_tag-$2"
  printf -v "$1" '%s' "$ns"
  ip netns add "$ns"
  omb_namespaces+=("$ns")
  ip -n "$ns" link set dev lo up
  ip netns exec "$ns" sysctl -q -w net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
  omb_spawn "$ns" - sleep infinity
  omb_anchor[$ns]=$omb_pid
}
omb_del_ns() { omb_stop "${omb_anchor[$1]}" 2; ip netns del "$1" 2>/dev/null || true; }

# A veth pair: omb_link NS_A IF_A ADDR_A NS_B IF_B ADDR_B (addresses with length, or '-').
omb_link_n=0
omb_link() {
  local t="omb$omb_tag$((omb_link_n++))"
  ip link add "${t}a" type veth peer name "${t}b"
  ip link set dev "${t}a" netns "$1"
  ip link set dev "${t}b" netns "$4"
  ip -n "$1" link set dev "${t}a" name "$2"
  ip -n "$4" link set dev "${t}b" name "$5"
  local end
  for end in "$1 $2 $3" "$4 $5 $6"; do
    set -- $end
    ip netns exec "$1" sysctl -q -w "net.ipv4.conf.$2.rp_filter=0"
    [[ "$3" == - ]] || ip -n "$1" addr add "$3" dev "$2"
    ip -n "$1" link set dev "$2" up
  done
}

# Entries of the kernel's multicast forwarding cache / VIFs of namespace $1 (header excluded).
omb_mfc_count() { local l; mapfile -t l <"/proc/${omb_anchor[$1]}/net/ip_mr_cache"; echo $((${#l[@]} - 1)); }
omb_vif_count() { local l; mapfile -t l <"/proc/${omb_anchor[$1]}/net/ip_mr_vif"; echo $((${#l[@]} - 1)); }

omb_now() { date +%s.%N; }
omb_sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# Waits until namespace $1 holds at least $2 MFC entries, for up to $3 seconds; prints the time it
# happened (omb_now), or fails. Polled every 50 ms: one look at 10,000 entries costs ~10 ms of CPU.
omb_await_mfc() {
  local deadline; deadline=$(awk -v n="$(omb_now)" -v t="$3" 'BEGIN { printf "%d", n + t }')
  while (($(omb_mfc_count "$1") < $2)); do
    (($(date +%s) < deadline)) || return 1
    sleep 0.05
  done
  omb_now
}

# Waits until file $1 has a line matching the extended regex $2, for up to $3 seconds.
omb_await_line() {
  local i
  for ((i = 0; i < $3 * 20; i++)); do
    grep -qE -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "$me: no line matching '$2' in $1 after $3 s; its end:" >&2
  tail -n 20 "$1" >&2
  return 1
}

# A private copy of the distribution in $1, on the Linux kernel plane, without HTTP.
omb_openmgm_copy() {
  local home="$1"
  cp -a "$omb_dist" "$home"
  rm -f "$home/etc/org.apache.felix.http.cfg"
  echo "# the kernel plane on the default table" >"$home/etc/org.openmgm.forwarding.linux.cfg"
  echo "forwardingPlane.target = (mgm.plane=linux)" >"$home/etc/org.openmgm.core.cfg"
  printf 'packetIo.target = (mgm.plane=linux)\ninterfaces.target = (mgm.plane=linux)\n' \
    >"$home/etc/org.openmgm.igmp.router.cfg"
}
# Hot-deploys protocols/$2 of copy $1 (copied in under a temporary name, then renamed).
omb_openmgm_deploy() {
  cp "$1/protocols/$2" "$1/deploy/.$2.tmp" && mv "$1/deploy/.$2.tmp" "$1/deploy/$2"
}
# Starts copy $2 in namespace $1 (stdout to $2/stdout.log); sets omb_pid (the JVM).
omb_openmgm_start() {
  omb_spawn "$1" "$2/stdout.log" "$2/bin/openmgm" --console none --home "$2"
}
