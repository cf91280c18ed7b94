/*
 * The C baseline of the MFC benchmark (benchmarks/mfc/run.sh): the same setsockopt loop the
 * Linux plane makes, MRT_ADD_MFC then MRT_DEL_MFC for (S_i, G), i cycling over 65536 sources,
 * with VIF 0 as parent and VIF 1 as the outgoing interface.
 *
 *   mfc_bench IFINDEX0 IFINDEX1 PAIRS ROUNDS
 *
 * Prints one line per round: "round N: X pairs/s (Y ns/pair)", then "best X" and "median X".
 * Run as root inside a throwaway network namespace; everything it adds it deletes (and MRT_DONE
 * on exit removes the VIFs).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/mroute.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static void vif(int s, int vifi, int ifindex) {
    struct vifctl v;
    memset(&v, 0, sizeof v);
    v.vifc_vifi = vifi;
    v.vifc_flags = VIFF_USE_IFINDEX;
    v.vifc_threshold = 1;
    v.vifc_lcl_ifindex = ifindex;
    if (setsockopt(s, IPPROTO_IP, MRT_ADD_VIF, &v, sizeof v) < 0) { perror("MRT_ADD_VIF"); exit(1); }
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s IFINDEX0 IFINDEX1 PAIRS ROUNDS\n", argv[0]); return 2; }
    long pairs = atol(argv[3]);
    int rounds = atoi(argv[4]);
    int s = socket(AF_INET, SOCK_RAW, IPPROTO_IGMP);
    int one = 1;
    if (s < 0 || setsockopt(s, IPPROTO_IP, MRT_INIT, &one, sizeof one) < 0) { perror("MRT_INIT"); return 1; }
    vif(s, 0, atoi(argv[1]));
    vif(s, 1, atoi(argv[2]));

    struct mfcctl m;
    memset(&m, 0, sizeof m);
    m.mfcc_mcastgrp.s_addr = htonl(0xef010101);           /* 239.1.1.1 */
    m.mfcc_parent = 0;
    m.mfcc_ttls[1] = 1;
    double *rates = calloc(rounds, sizeof *rates);
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        for (long i = 0; i < pairs; i++) {
            m.mfcc_origin.s_addr = htonl(0x0a000000 | (uint32_t) (i & 0xffff));   /* 10.0.x.y */
            if (setsockopt(s, IPPROTO_IP, MRT_ADD_MFC, &m, sizeof m) < 0) { perror("MRT_ADD_MFC"); return 1; }
            if (setsockopt(s, IPPROTO_IP, MRT_DEL_MFC, &m, sizeof m) < 0) { perror("MRT_DEL_MFC"); return 1; }
        }
        double t = now() - t0;
        rates[r] = pairs / t;
        printf("round %d: %.0f pairs/s (%.0f ns/pair)\n", r + 1, rates[r], t * 1e9 / pairs);
    }
    qsort(rates, rounds, sizeof *rates, cmp);
    printf("best %.0f\nmedian %.0f\n", rates[rounds - 1], rates[rounds / 2]);
    setsockopt(s, IPPROTO_IP, MRT_DONE, &one, sizeof one);
    close(s);
    return 0;
}
