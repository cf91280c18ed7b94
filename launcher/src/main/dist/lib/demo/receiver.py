#!/usr/bin/env python3
"""A multicast receiver host for the end-to-end tests.

Joins groups on one interface as told on standard input, so that this host's kernel sends the
IGMP reports (v3 by default; v2 if the interface is forced to), and reports every datagram.

  receiver.py IFNAME PORT
  stdin:  join GROUP [SOURCE ...]   (with sources: source-specific, IGMPv3 INCLUDE)
          leave GROUP
          quit
  stdout: joined GROUP | left GROUP | rx GROUP SOURCE SEQ
"""
import select
import socket
import struct
import sys

IFNAME, PORT = sys.argv[1], int(sys.argv[2])
IFINDEX = socket.if_nametoindex(IFNAME)
MCAST_JOIN_GROUP, MCAST_LEAVE_GROUP, MCAST_JOIN_SOURCE_GROUP = 42, 45, 46


def storage(addr):
    # struct sockaddr_storage holding a sockaddr_in: family, port, address, padding to 128 bytes
    return struct.pack('=H', socket.AF_INET) + struct.pack('!H', 0) + socket.inet_aton(addr) + bytes(120)


def group_req(group):
    return struct.pack('=I4x', IFINDEX) + storage(group)


def group_source_req(group, source):
    return struct.pack('=I4x', IFINDEX) + storage(group) + storage(source)


sockets = {}


def join(group, sources):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((group, PORT))
    if sources:
        for src in sources:
            s.setsockopt(socket.IPPROTO_IP, MCAST_JOIN_SOURCE_GROUP, group_source_req(group, src))
    else:
        s.setsockopt(socket.IPPROTO_IP, MCAST_JOIN_GROUP, group_req(group))
    sockets[group] = s
    print('joined', group, flush=True)


def leave(group):
    s = sockets.pop(group, None)
    if s is not None:
        s.close()                      # the kernel leaves the group (or its sources) with the socket
    print('left', group, flush=True)


def main():
    print('ready', IFNAME, flush=True)
    while True:
        readable, _, _ = select.select([sys.stdin] + list(sockets.values()), [], [])
        for r in readable:
            if r is sys.stdin:
                line = sys.stdin.readline()
                if not line:
                    return
                words = line.split()
                if not words:
                    continue
                if words[0] == 'join':
                    join(words[1], words[2:])
                elif words[0] == 'leave':
                    leave(words[1])
                elif words[0] == 'quit':
                    return
            else:
                group = next((g for g, s in sockets.items() if s is r), None)
                if group is None:
                    continue               # left (and closed) after select() saw it readable
                data, (src, _) = r.recvfrom(2048)
                print('rx', group, src, data.split(b' ')[0].decode(errors='replace'), flush=True)


if __name__ == '__main__':
    main()
