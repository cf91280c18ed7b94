#!/usr/bin/env python3
"""The receiver host of reaction/run.sh: joins and leaves groups on one interface as told on
standard input, so that its kernel sends the IGMP reports, and says when data first arrives.

  joiner.py IFNAME PORT
  stdin:  join GROUP | leave GROUP          stdout: ready | rx GROUP (first datagram of a join)

(lib/demo/receiver.py would do, but a leave that closes a socket select() has just reported
readable makes it die with EBADF; here a closed socket is skipped.)
"""
import select
import socket
import struct
import sys

IFINDEX, PORT = socket.if_nametoindex(sys.argv[1]), int(sys.argv[2])
joined = {}                                  # socket -> [group, seen]
print("ready", flush=True)
while True:
    for r in select.select([sys.stdin] + list(joined), [], [])[0]:
        if r is sys.stdin:
            line = sys.stdin.readline()
            if not line:
                sys.exit(0)
            words = line.split()
            if len(words) == 2 and words[0] == "join":
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((words[1], PORT))
                s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,   # struct ip_mreqn
                             struct.pack("=4s4si", socket.inet_aton(words[1]), bytes(4), IFINDEX))
                joined[s] = [words[1], False]
            elif len(words) == 2 and words[0] == "leave":
                for s, (group, _) in list(joined.items()):
                    if group == words[1]:
                        del joined[s]
                        s.close()            # the kernel leaves the group with the socket
        elif r in joined:
            r.recv(2048)
            if not joined[r][1]:
                joined[r][1] = True
                print("rx", joined[r][0], flush=True)
