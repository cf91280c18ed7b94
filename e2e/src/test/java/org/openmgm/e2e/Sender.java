package org.openmgm.e2e;

import java.time.Duration;

/** A sender host: numbered UDP datagrams to a group at a steady rate, with TTL 8. */
final class Sender {

    private final Proc proc;

    Sender(TestNet net, String host, String source, String group, int port, int ratePerSecond) {
        this.proc = net.start(host, "sender-" + host + "-" + group, null, "python3",
                net.resource("sender.py").toString(), source, group, Integer.toString(port),
                Integer.toString(ratePerSecond));
        proc.await("^sending", Duration.ofSeconds(10));
    }

    void stop() {
        proc.terminate(Duration.ofSeconds(5));
    }
}
