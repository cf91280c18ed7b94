#!/usr/bin/env bash
# Static routes into the kernel: how long N static (S,G) routes take to reach the kernel's
# multicast forwarding cache (/proc/net/ip_mr_cache of the router's namespace), smcroute against
# OpenMGM's static protocol reading the same smcroute.conf, in the same run and topology:
#
#   h-up --- up [router] d1 --- h-d1         (throwaway namespaces omb-<tag>-*, veth links)
#
# Each tool is measured twice: from its process start with the file in place, and with the tool
# already running when the routes arrive (smcroute: file replaced, then `smcroutectl reload`;
# OpenMGM: file replaced atomically, which its static protocol notices by itself). After each
# stop (SIGTERM) the kernel tables must be empty again.
#
#   benchmarks/static-routes/run.sh [ROUTES]     default 10000
#
# Needs root, smcroute (installed with apt-get when missing) and JDK 25; builds the distribution
# when launcher/target/openmgm is absent. OMB_KEEP=1 keeps the scratch folder (logs, configs).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
me="static-routes/run.sh"
routes="${1:-10000}"
[[ "$routes" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $me [ROUTES]" >&2; exit 2; }
source "$root/benchmarks/lib/netns.sh"
omb_need_root
omb_need smcrouted smcroute
omb_distribution
timeout=300

omb_ns rtr rtr; omb_ns hup h-up; omb_ns hd1 h-d1
omb_link "$hup" eth0 10.0.1.2/24 "$rtr" up 10.0.1.1/24
omb_link "$rtr" d1 10.0.2.1/24 "$hd1" eth0 10.0.2.2/24

# N distinct (S,G): source 10.1.A.B, group 239.C.A.B
full="$omb_scratch/smcroute.conf"
awk -v n="$routes" 'BEGIN { for (i = 0; i < n; i++) { a = int(i / 250); b = i % 250 + 1
  printf "mroute from up source 10.1.%d.%d group 239.%d.%d.%d to d1\n", a % 250, b, 1 + int(a / 250), a % 250, b } }' >"$full"
echo "# no routes yet" >"$omb_scratch/empty.conf"
omb_say "$routes static (S,G) routes, router namespace $rtr; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A result
leftovers=()
# After a tool stopped: the kernel tables of the router namespace must be empty.
check_empty() {
  local mfc vif; mfc=$(omb_mfc_count "$rtr"); vif=$(omb_vif_count "$rtr")
  if ((mfc || vif)); then
    leftovers+=("$1 left $mfc MFC entries and $vif VIFs after SIGTERM")
    echo "   !! $1 left $mfc MFC entries and $vif VIFs in the kernel after SIGTERM"
  else
    echo "   kernel tables empty after $1 stopped"
  fi
}
# The epoch time of the first log line of $1 matching $2 (its timestamp: local time with ms).
log_time() { date -d "$(grep -m1 -E -- "$2" "$1" | cut -c1-23)" +%s.%N; }

# ---------------------------------------------------------------------------------- smcroute
smc() { # smc NAME CONF: starts smcrouted in the router namespace; sets smc_pid
  omb_spawn "$rtr" "$omb_scratch/$1.log" smcrouted -n -f "$2" -i "omb-$omb_tag-$1" \
    -u "$omb_scratch/$1.sock"
  smc_pid=$omb_pid
}
omb_say "smcroute: from start, $routes routes in the file"
t0=$(omb_now)
smc smc-start "$full"
t1=$(omb_await_mfc "$rtr" "$routes" "$timeout") || omb_die "smcroute: not $routes entries after ${timeout}s"
result[smc_start]=$(omb_sub "$t1" "$t0")
echo "   $routes entries after ${result[smc_start]} s"
omb_stop "$smc_pid" 30; check_empty "smcroute (start)"

omb_say "smcroute: running with an empty file, then the file replaced and 'smcroutectl reload'"
cp "$omb_scratch/empty.conf" "$omb_scratch/reload.conf"
smc smc-reload "$omb_scratch/reload.conf"
for ((i = 0; i < 200; i++)); do (($(omb_vif_count "$rtr") >= 2)) && break; sleep 0.05; done
sleep 1                                       # settled
cp "$full" "$omb_scratch/reload.conf.tmp"
t0=$(omb_now)
mv "$omb_scratch/reload.conf.tmp" "$omb_scratch/reload.conf"
ip netns exec "$rtr" smcroutectl -u "$omb_scratch/smc-reload.sock" reload
t1=$(omb_await_mfc "$rtr" "$routes" "$timeout") || omb_die "smcroute reload: not $routes entries after ${timeout}s"
result[smc_run]=$(omb_sub "$t1" "$t0")
echo "   $routes entries after ${result[smc_run]} s"
omb_stop "$smc_pid" 30; check_empty "smcroute (reload)"

# ---------------------------------------------------------------------------------- OpenMGM
openmgm() { # openmgm NAME CONF: a configured copy with the static protocol; sets home
  home="$omb_scratch/$1"
  omb_openmgm_copy "$home"
  cp "$2" "$home/etc/smcroute.conf"
  printf 'file = smcroute.conf\ninterfaces.target = (mgm.plane=linux)\n' >"$home/etc/org.openmgm.protocol.static.cfg"
  omb_openmgm_deploy "$home" openmgm-protocol-static.jar
}
omb_say "OpenMGM: from start, $routes routes in the file"
openmgm openmgm-start "$full"
t0=$(omb_now)
omb_openmgm_start "$rtr" "$home"; jvm=$omb_pid
t1=$(omb_await_mfc "$rtr" "$routes" "$timeout") \
  || omb_die "OpenMGM: not $routes entries after ${timeout}s (log: $home/stdout.log)"
log="$home/stdout.log"
result[mgm_start]=$(omb_sub "$t1" "$t0")
result[mgm_start_ready]=$(omb_sub "$(log_time "$log" 'OpenMGM ready')" "$t0")
result[mgm_start_read]=$(omb_sub "$t1" "$(log_time "$log" "static routes: read $routes routes")")
echo "   $routes entries after ${result[mgm_start]} s (ready at ${result[mgm_start_ready]} s;" \
  "${result[mgm_start_read]} s after 'static routes: read $routes routes')"
omb_stop "$jvm" 60; check_empty "OpenMGM (start)"

omb_say "OpenMGM: running with an empty file, then the file replaced (rename)"
openmgm openmgm-running "$omb_scratch/empty.conf"
omb_openmgm_start "$rtr" "$home"; jvm=$omb_pid
log="$home/stdout.log"
omb_await_line "$log" "OpenMGM ready" 120 || omb_die "OpenMGM did not start"
omb_await_line "$log" "static routes: read 0 routes" 30 || omb_die "OpenMGM: the static protocol did not read its file"
sleep 3                                       # settled
cp "$full" "$home/etc/smcroute.conf.tmp"
t0=$(omb_now)
mv "$home/etc/smcroute.conf.tmp" "$home/etc/smcroute.conf"
t1=$(omb_await_mfc "$rtr" "$routes" "$timeout") \
  || omb_die "OpenMGM: not $routes entries ${timeout}s after the file changed (log: $log)"
result[mgm_run]=$(omb_sub "$t1" "$t0")
tread=$(log_time "$log" "static routes: read $routes routes")
result[mgm_run_noticed]=$(omb_sub "$tread" "$t0")
result[mgm_run_read]=$(omb_sub "$t1" "$tread")
echo "   $routes entries after ${result[mgm_run]} s (file noticed after ${result[mgm_run_noticed]} s," \
  "then ${result[mgm_run_read]} s to the kernel)"
omb_stop "$jvm" 60; check_empty "OpenMGM (running)"

# ---------------------------------------------------------------------------------- summary
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
printf 'RESULT %-60s %9s\n' "static (S,G) routes into the kernel MFC ($routes routes)" seconds
printf 'RESULT %-60s %9s\n' "smcroute: process start -> $routes entries" "${result[smc_start]}"
printf 'RESULT %-60s %9s\n' "smcroute: running, file replaced + reload -> $routes entries" "${result[smc_run]}"
printf 'RESULT %-60s %9s\n' "OpenMGM:  process start -> $routes entries (b)" "${result[mgm_start]}"
printf 'RESULT %-60s %9s\n' "OpenMGM:    of which start -> 'OpenMGM ready'" "${result[mgm_start_ready]}"
printf 'RESULT %-60s %9s\n' "OpenMGM:    of which 'read $routes routes' -> $routes entries" "${result[mgm_start_read]}"
printf 'RESULT %-60s %9s\n' "OpenMGM:  running, file replaced -> $routes entries (a)" "${result[mgm_run]}"
printf 'RESULT %-60s %9s\n' "OpenMGM:    of which file replaced -> 'read' (0.5 s file poll)" "${result[mgm_run_noticed]}"
printf 'RESULT %-60s %9s\n' "OpenMGM:    of which 'read $routes routes' -> $routes entries" "${result[mgm_run_read]}"
echo "RATIO OpenMGM / smcroute, from process start:       $(ratio "${result[mgm_start]}" "${result[smc_start]}")"
echo "RATIO OpenMGM / smcroute, running (file -> kernel): $(ratio "${result[mgm_run]}" "${result[smc_run]}")"
echo "RATIO OpenMGM / smcroute, routes read -> kernel:    $(ratio "${result[mgm_run_read]}" "${result[smc_run]}")"
if ((${#leftovers[@]})); then printf 'LEFTOVER %s\n' "${leftovers[@]}"; exit 1; fi
echo "CLEAN every stop left the kernel tables empty"
