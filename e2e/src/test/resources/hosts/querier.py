#!/usr/bin/env python3
"""An upstream IGMP querier for the end-to-end tests (the router a proxy reports to).

  querier.py LOCAL_ADDRESS IFNAME VERSION INTERVAL_SECONDS

Sends IGMP general queries (VERSION 2: 8 bytes; 3: 12 bytes, RFC 3376 section 4.1) to 224.0.0.1
from LOCAL_ADDRESS every INTERVAL_SECONDS with TTL 1 and Router Alert, joins 224.0.0.22 and
224.0.0.2 there as a router does, and prints every IGMP message received, as
'igmp SOURCE HEX' (the IGMP message, IP header stripped). Prints 'ready' once listening.
"""
import select
import socket
import struct
import sys
import time

LOCAL, IFNAME, VERSION, INTERVAL = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])


def checksum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def query():
    if VERSION == 2:
        q = bytearray(struct.pack('!BBH4s', 0x11, 100, 0, bytes(4)))
    else:
        q = bytearray(struct.pack('!BBH4sBBH', 0x11, 100, 0, bytes(4), 2, 125, 0))
    struct.pack_into('!H', q, 2, checksum(bytes(q)))
    return bytes(q)


s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(LOCAL))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, b'\x94\x04\x00\x00')
# MRT_INIT and a VIF (MRT_ADD_VIF, VIFF_USE_IFINDEX), as a multicast router does: the kernel then
# hands this socket every IGMP message on the interface, including IGMPv2 reports, which go to the
# group's own address.
s.setsockopt(socket.IPPROTO_IP, 200, struct.pack('i', 1))
s.setsockopt(socket.IPPROTO_IP, 202, struct.pack('=HBBIiI', 0, 0x8, 1, 0, socket.if_nametoindex(IFNAME), 0))
for group in ('224.0.0.22', '224.0.0.2'):
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(LOCAL))
print('ready', flush=True)
next_query = 0.0
while True:
    now = time.monotonic()
    if now >= next_query:
        s.sendto(query(), ('224.0.0.1', 0))
        next_query = now + INTERVAL
    r, _, _ = select.select([s], [], [], max(0.0, next_query - now))
    if r:
        data, addr = s.recvfrom(65535)
        header = (data[0] & 0x0f) * 4
        if addr[0] != LOCAL:
            print('igmp', addr[0], data[header:].hex(), flush=True)
