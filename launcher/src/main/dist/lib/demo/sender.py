#!/usr/bin/env python3
"""A multicast sender host for the end-to-end tests: sends numbered UDP datagrams to a group.

  sender.py SOURCE_ADDRESS GROUP PORT RATE_PER_SECOND [COUNT]

TTL 8 (a TTL of 1 would never be routed). Prints 'sending' once started and 'sent N' at the end.
"""
import socket
import sys
import time

SOURCE, GROUP, PORT, RATE = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
COUNT = int(sys.argv[5]) if len(sys.argv) > 5 else None

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 8)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(SOURCE))
s.bind((SOURCE, 0))
print('sending', GROUP, flush=True)
seq = 0
start = time.monotonic()
try:
    while COUNT is None or seq < COUNT:
        s.sendto(b'%d %s' % (seq, SOURCE.encode()), (GROUP, PORT))
        seq += 1
        delay = start + seq / RATE - time.monotonic()
        if delay > 0:
            time.sleep(delay)
finally:
    print('sent', seq, flush=True)
