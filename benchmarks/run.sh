#!/usr/bin/env bash
# OpenMGM benchmarks: builds benchmarks/target/benchmarks.jar, runs the JMH benchmarks (each
# beside its baseline, same JVM, same run) and the memory footprint, and prints the ratios.
#
#   benchmarks/run.sh            all (about 4 minutes)
#   benchmarks/run.sh Churn      only benchmarks whose name matches
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
source "$root/launcher/src/main/dist/bin/java.sh"
java="$(openmgm_find_java)"
export JAVA_HOME; JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
cd "$root"
mvn -B -ntp -q -DskipTests -pl benchmarks -am package
jar="$root/benchmarks/target/benchmarks.jar"
flags=(-XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow)
filter="${1:-}"
out="$root/benchmarks/target/jmh-result.json"
"$java" "${flags[@]}" -jar "$jar" ${filter:+"$filter"} -f 1 -wi 2 -w 2s -i 3 -r 3s \
  -jvmArgsAppend "${flags[*]} -Xmx4g" -rf json -rff "$out"
python3 - "$out" <<'PY'
import json, sys
results = {r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]: r["primaryMetric"]["score"]
           for r in json.load(open(sys.argv[1]))}
def ratio(a, b):
    if a in results and b in results:
        print(f"RATIO {a} / {b} = {results[a] / results[b]:.3f}  ({results[a]:,.0f} vs {results[b]:,.0f} ops/s)")
for name, score in sorted(results.items()):
    print(f"RESULT {name}: {score:,.0f} ops/s")
ratio("MembershipChurnBenchmark.mgmMembershipAddDelete", "MembershipChurnBenchmark.baselineHashMapPutRemove")
ratio("MfeCreationBenchmark.mgmCreateMfe", "MfeCreationBenchmark.baselinePlaneAloneResolvesMiss")
ratio("MfeCreationBenchmark.mgmCreateMfe", "MfeCreationBenchmark.baselineHashMapInsert")
ratio("IgmpReportBenchmark.churnThroughMgm", "IgmpReportBenchmark.baselineDecodeOnly")
ratio("IgmpReportBenchmark.churnIgmpAlone", "IgmpReportBenchmark.baselineDecodeOnly")
ratio("IgmpReportBenchmark.refreshJoinedGroups", "IgmpReportBenchmark.baselineDecodeOnly")
PY
if [[ -z "$filter" || "$filter" == Memory* ]]; then
  "$java" "${flags[@]}" -Xmx6g -cp "$jar" org.openmgm.benchmarks.MemoryFootprint 1000000
fi
if [[ -z "$filter" || "$filter" == Igmp* ]]; then
  "$java" "${flags[@]}" -Xmx6g -cp "$jar" org.openmgm.benchmarks.IgmpMemoryFootprint 100000 8
fi
