#!/usr/bin/env bash
# MFC install + delete throughput: the Linux plane's FFM code against the same setsockopt loop in C
# (MRT_ADD_MFC + MRT_DEL_MFC), in the same run, inside a throwaway network namespace (two veth
# interfaces as VIF 0 and 1; nothing touches the host's interfaces). Prints both rates and the
# ratios; the target is Java >= 0.8 x C.
#
#   benchmarks/mfc/run.sh [PAIRS [ROUNDS]]      default 200000 pairs x 7 rounds (after 5 warm-up rounds)
#
# Needs root, iproute2, gcc (build-essential is installed with apt-get when missing) and JDK 25.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
pairs="${1:-200000}"
rounds="${2:-7}"
warmup=5

[[ $(id -u) == 0 ]] || { echo "mfc/run.sh: needs root (network namespace, MRT_INIT)" >&2; exit 2; }
if ! command -v gcc >/dev/null; then
  echo "mfc/run.sh: installing build-essential for the C baseline"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential >/dev/null
fi
source "$root/launcher/src/main/dist/bin/java.sh"
java="$(openmgm_find_java)"
export JAVA_HOME; JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"

cd "$root"
mvn -B -ntp -q -DskipTests -pl benchmarks -am package
out="$root/benchmarks/target/mfc"
mkdir -p "$out"
gcc -O2 -Wall -o "$out/mfc_bench" "$root/benchmarks/mfc/mfc_bench.c"

ns="omb-$(printf '%06x' $((RANDOM * 32768 + RANDOM)))"
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link add m0 type veth peer name m1
ip -n "$ns" link set m0 up
ip -n "$ns" link set m1 up
if0=$(ip -n "$ns" -o link show m0 | cut -d: -f1)
if1=$(ip -n "$ns" -o link show m1 | cut -d: -f1)

# C runs before and after Java: on a shared machine the load drifts, and the C figure is their mean.
echo "== C: setsockopt loop ($pairs pairs x $rounds rounds, after $warmup warm-up rounds)"
ip netns exec "$ns" "$out/mfc_bench" "$if0" "$if1" "$pairs" "$warmup" >/dev/null
ip netns exec "$ns" "$out/mfc_bench" "$if0" "$if1" "$pairs" "$rounds" | tee "$out/c1.txt"
echo "== Java (FFM): MrouteSocket, then LinuxPlane.install/remove"
ip netns exec "$ns" "$java" -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow \
  --enable-native-access=ALL-UNNAMED -Xmx512m -cp "$root/benchmarks/target/benchmarks.jar" \
  org.openmgm.benchmarks.MfcBenchmark "$if0" "$if1" "$pairs" "$rounds" "$warmup" | tee "$out/java.txt"
echo "== C again"
ip netns exec "$ns" "$out/mfc_bench" "$if0" "$if1" "$pairs" "$rounds" | tee "$out/c2.txt"

python3 - "$out/c1.txt" "$out/c2.txt" "$out/java.txt" <<'PY'
import re, sys
def figures(path):
    return [l.split() for l in open(path) if re.search(r"(best|median|allocated) ", l)]
c1 = {l[0]: float(l[1]) for l in figures(sys.argv[1])}
c2 = {l[0]: float(l[1]) for l in figures(sys.argv[2])}
c = {"best": max(c1["best"], c2["best"]), "median": (c1["median"] + c2["median"]) / 2}
j = {}
for l in figures(sys.argv[3]):
    j.setdefault(l[0], {})[l[1]] = float(l[2])
print()
print(f"RESULT C                best {c['best']:>12,.0f} pairs/s  median {c['median']:>12,.0f} pairs/s"
      f"  ({1e9 / c['median']:,.0f} ns/pair; medians before/after Java {c1['median']:,.0f} / {c2['median']:,.0f})")
for path in ("socket", "plane"):
    r = j[path]
    print(f"RESULT Java {path:<11} best {r['best']:>12,.0f} pairs/s  median {r['median']:>12,.0f} pairs/s"
          f"  ({1e9 / r['median']:,.0f} ns/pair, {r['allocated']:.1f} bytes allocated/pair)")
for path in ("socket", "plane"):
    print(f"RATIO Java {path} / C = {j[path]['median'] / c['median']:.3f} (medians), "
          f"{j[path]['best'] / c['best']:.3f} (bests); target >= 0.8")
PY
