/*
 * The native floor: what an HTTP/1.1 answer costs on io_uring when nothing else is done. Stage 05's
 * design in C through liburing (a worker thread per core, each with its own SO_REUSEPORT listener
 * and ring; multishot accept; multishot recv into a provided buffer ring; one submit per loop turn)
 * serving only GET /pipeline, GET and POST /baseline11 and GET /, with no real header parsing. It is
 * a yardstick for the stages, not a server: README.md lists what it skips.
 *
 *   cc -O2 -fno-omit-frame-pointer -o floor floor.c -luring -lpthread && ./floor --port 8080 --workers 2
 */
#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The sizes stage 04 and 05 use, so that the comparison is of code, not of memory. */
enum { SQ_ENTRIES = 256, CQ_ENTRIES = 4096, BUFFERS = 1024, BUFFER_SIZE = 8192, GROUP = 0, BACKLOG = 4096 };
/* A request that has not ended after this many bytes is not one the bench sends: close. */
enum { MAX_CARRY = 64 * 1024 };
/* The stage's exit code for "this machine cannot run me"; the bench then leaves the server out. */
enum { EXIT_UNAVAILABLE = 3 };

/* user_data: the operation in the high half, the socket in the low half. No generation is needed:
 * a socket is closed only once its recv has ended and its send completed, so no CQE outlives it. */
enum { OP_ACCEPT = 1, OP_RECV, OP_SEND };
#define USER_DATA(op, fd) (((uint64_t)(op) << 32) | (uint32_t)(fd))

struct bytes { char *p; uint32_t len, cap; };

/* Indexed by socket; kept across connections so that a reused socket number reuses its buffers. */
struct conn {
    struct bytes carry;   /* the start of a request a receive cut off */
    struct bytes out[2];  /* out[fill] collects answers while out[fill ^ 1] is being sent */
    uint32_t sent;        /* bytes of the buffer in flight the kernel has taken so far */
    uint8_t fill;
    bool sending;         /* a SEND is in flight: its buffer must not move */
    bool recv_ended;      /* no recv pending (the peer closed or reset): close once the send is done */
    bool close_after;     /* the client asked for Connection: close */
};

struct worker {
    struct io_uring ring;
    struct io_uring_buf_ring *br;
    char *buffers;
    int returned;         /* buffers recycled this turn, published in one store before the submit */
    int listener;
    time_t date_second;
    /* "HTTP/1.1 200 OK ... Content-Length: " with this second's Date: every 200 starts with it */
    char head[160];
    size_t head_len;
    char pipeline[192];   /* the whole answers to /pipeline and to an unknown path, remade with the Date */
    size_t pipeline_len;
    char not_found[192];
    size_t not_found_len;
    char error[160];
};

static struct conn *conns;
static int max_fd;

static const char STATUS_200[] = "HTTP/1.1 200 OK\r\nServer: fast-java-http\r\n";
static const char TEXT_LENGTH[] = "Content-Type: text/plain\r\nContent-Length: ";
static const char NOT_FOUND[] = "HTTP/1.1 404 Not Found\r\nServer: fast-java-http\r\n";

/* ---- buffers ---- */

static char *reserve(struct bytes *b, uint32_t more) {
    if (b->len + more > b->cap) {
        uint32_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + more) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { perror("native-floor: realloc"); exit(1); }
        b->p = p;
        b->cap = cap;
    }
    return b->p + b->len;
}

static void put(struct bytes *b, const char *s, size_t n) {
    memcpy(reserve(b, n), s, n);
    b->len += n;
}

/* ---- the Date header, as the stages send it (RFC 9110 section 5.6.7), made at most once a second ---- */

static void refresh_date(struct worker *w) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME_COARSE, &now); /* the vDSO, no system call */
    if (now.tv_sec == w->date_second) return;
    w->date_second = now.tv_sec;
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    char date[64];
    strftime(date, sizeof date, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    w->head_len = (size_t)snprintf(w->head, sizeof w->head, "%s%s%s", STATUS_200, date, TEXT_LENGTH);
    w->pipeline_len = (size_t)snprintf(w->pipeline, sizeof w->pipeline, "%s2\r\n\r\nok", w->head);
    w->not_found_len = (size_t)snprintf(w->not_found, sizeof w->not_found, "%s%s%s0\r\n\r\n", NOT_FOUND, date,
                                        TEXT_LENGTH);
}

/* ---- answers ---- */

static size_t format_long(char *to, long v) {
    char tmp[24];
    size_t n = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[n++] = '-';
    for (size_t i = 0; i < n; i++) to[i] = tmp[n - 1 - i];
    return n;
}

static void answer_text(struct worker *w, struct bytes *out, const char *body, size_t n) {
    char *start = reserve(out, (uint32_t)(w->head_len + 24 + n)), *p = start;
    memcpy(p, w->head, w->head_len);
    p += w->head_len;
    p += format_long(p, (long)n);
    memcpy(p, "\r\n\r\n", 4);
    memcpy(p + 4, body, n);
    out->len += (uint32_t)(p + 4 + n - start);
}

static void answer_number(struct worker *w, struct bytes *out, long v) {
    char digits[24];
    answer_text(w, out, digits, format_long(digits, v));
}

/* ---- the little parsing an answer needs ---- */

static bool starts(const char *p, size_t n, const char *prefix, size_t k) {
    return n >= k && memcmp(p, prefix, k) == 0;
}
#define STARTS(p, n, lit) starts(p, n, lit, sizeof(lit) - 1)

/* a=..&b=.. up to the space before the version: the sum of a and b (the order does not matter). */
static long query_sum(const char *p, const char *end) {
    long sum = 0;
    while (p < end && *p != ' ') {
        while (p < end && *p != '=' && *p != ' ') p++;
        if (p >= end || *p == ' ') break;
        p++;
        bool negative = p < end && *p == '-';
        if (negative) p++;
        long v = 0;
        while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
        sum += negative ? -v : v;
        while (p < end && *p != '&' && *p != ' ') p++;
        if (p < end && *p == '&') p++;
    }
    return sum;
}

/* An integer with optional whitespace around it, fed a byte at a time (chunks may split it). */
struct number { long v; bool negative; };
static void number_feed(struct number *n, const char *p, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (p[i] >= '0' && p[i] <= '9') n->v = n->v * 10 + (p[i] - '0');
        else if (p[i] == '-') n->negative = true;
    }
}

/* Content-Length framing: the body's bytes, or -1 when they have not all arrived. */
static long body_fixed(const char *body, size_t avail, long length, long *value) {
    if ((size_t)length > avail) return -1;
    struct number n = {0};
    number_feed(&n, body, (size_t)length);
    *value = n.negative ? -n.v : n.v;
    return length;
}

/* Chunked framing (RFC 9112 section 7.1): sizes in hex, extensions and trailers skipped unread. */
static long body_chunked(const char *body, size_t avail, long *value) {
    struct number n = {0};
    size_t pos = 0;
    for (;;) {
        const char *lf = memchr(body + pos, '\n', avail - pos);
        if (!lf) return -1;
        size_t size = 0;
        for (const char *q = body + pos; q < lf; q++) {
            int d = *q >= '0' && *q <= '9' ? *q - '0' : (*q | 0x20) >= 'a' && (*q | 0x20) <= 'f' ? (*q | 0x20) - 'a' + 10 : -1;
            if (d < 0) break;
            size = size * 16 + (size_t)d;
        }
        pos = (size_t)(lf - body) + 1;
        if (size == 0) break;
        if (avail - pos < size + 2) return -1;
        number_feed(&n, body + pos, size);
        pos += size + 2;
    }
    for (;;) { /* trailer lines up to the empty one */
        const char *lf = memchr(body + pos, '\n', avail - pos);
        if (!lf) return -1;
        bool empty = lf == body + pos || (lf == body + pos + 1 && body[pos] == '\r');
        pos = (size_t)(lf - body) + 1;
        if (empty) break;
    }
    *value = n.negative ? -n.v : n.v;
    return (long)pos;
}

/* What the head says that changes an answer: the three headers the bench sends that matter. */
struct head {
    size_t len;                 /* up to and with the blank line */
    const char *content_length; /* the value's first byte, or NULL */
    bool chunked, close;
};

/*
 * Walks the head a line at a time (memchr finds each LF with SIMD) up to the blank line; a header
 * is recognised by its exact spelling as the bench sends it, no case folding, no other check.
 * Returns false when the head has not all arrived.
 */
static bool scan_head(const char *p, size_t n, struct head *h) {
    const char *line = p, *end = p + n;
    *h = (struct head){0};
    for (;;) {
        const char *lf = memchr(line, '\n', (size_t)(end - line));
        if (!lf) return false;
        size_t len = (size_t)(lf - line);
        if (len <= 1 && line != p) { /* "\r\n" (or a bare LF): the end of the head */
            h->len = (size_t)(lf + 1 - p);
            return true;
        }
        if (*line == 'C') {
            if (STARTS(line, len, "Content-Length:")) h->content_length = line + 15;
            else if (STARTS(line, len, "Connection: close")) h->close = true;
        } else if (*line == 'T' && STARTS(line, len, "Transfer-Encoding: chunked")) {
            h->chunked = true;
        }
        line = lf + 1;
    }
}

/*
 * Answers every complete request in data[0, len) into out; returns the bytes they took. What is
 * left is the start of a request, carried over to the next receive.
 */
static size_t answer_all(struct worker *w, struct conn *c, struct bytes *out, const char *data, size_t len) {
    size_t pos = 0;
    struct head h;
    while (pos < len && !c->close_after) {
        const char *req = data + pos;
        size_t left = len - pos;
        if (!scan_head(req, left, &h)) break;
        const char *target_end = req + h.len; /* query_sum stops at the space before the version */
        size_t took = h.len;
        if (STARTS(req, left, "GET /pipeline ")) {
            put(out, w->pipeline, w->pipeline_len);
        } else if (STARTS(req, left, "GET /baseline11?")) {
            answer_number(w, out, query_sum(req + 16, target_end));
        } else if (STARTS(req, left, "POST /baseline11?")) {
            long body_value = 0, body_len = 0;
            if (h.content_length) {
                body_len = body_fixed(req + h.len, left - h.len, strtol(h.content_length, NULL, 10), &body_value);
            } else if (h.chunked) {
                body_len = body_chunked(req + h.len, left - h.len, &body_value);
            }
            if (body_len < 0) break; /* the body has not all arrived */
            took += (size_t)body_len;
            answer_number(w, out, query_sum(req + 17, target_end) + body_value);
        } else if (STARTS(req, left, "GET / ")) {
            answer_text(w, out, "Hello, World!", 13);
        } else {
            put(out, w->not_found, w->not_found_len);
        }
        if (h.close) c->close_after = true;
        pos += took;
    }
    return pos;
}

/* ---- the ring ---- */

static struct io_uring_sqe *sqe(struct worker *w) {
    struct io_uring_sqe *s;
    while (!(s = io_uring_get_sqe(&w->ring))) io_uring_submit(&w->ring); /* SQ full: flush it */
    return s;
}

static void arm_accept(struct worker *w) {
    struct io_uring_sqe *s = sqe(w);
    io_uring_prep_multishot_accept(s, w->listener, NULL, NULL, SOCK_CLOEXEC);
    io_uring_sqe_set_data64(s, USER_DATA(OP_ACCEPT, 0));
}

static void arm_recv(struct worker *w, int fd) {
    struct io_uring_sqe *s = sqe(w);
    io_uring_prep_recv_multishot(s, fd, NULL, 0, 0);
    s->flags |= IOSQE_BUFFER_SELECT;
    s->buf_group = GROUP;
    io_uring_sqe_set_data64(s, USER_DATA(OP_RECV, fd));
}

static void send_from(struct worker *w, int fd, struct bytes *b, uint32_t from) {
    struct io_uring_sqe *s = sqe(w);
    io_uring_prep_send(s, fd, b->p + from, b->len - from, MSG_NOSIGNAL);
    io_uring_sqe_set_data64(s, USER_DATA(OP_SEND, fd));
}

/* Sends what out[fill] has collected, unless a send is in flight (its completion calls again). */
static void flush(struct worker *w, int fd, struct conn *c) {
    if (c->sending || c->out[c->fill].len == 0) return;
    c->sending = true;
    c->sent = 0;
    send_from(w, fd, &c->out[c->fill], 0);
    c->fill ^= 1;
}

/* Ends a connection once nothing of it is in flight; the close goes out with the next submit. */
static void maybe_close(struct worker *w, int fd, struct conn *c) {
    if (c->sending) return;
    if (c->close_after && !c->recv_ended) {
        shutdown(fd, SHUT_RDWR); /* the pending recv then completes with 0, and we come back here */
        return;
    }
    if (!c->recv_ended) return;
    struct io_uring_sqe *s = sqe(w);
    io_uring_prep_close(s, fd);
    s->flags |= IOSQE_CQE_SKIP_SUCCESS;
    io_uring_sqe_set_data64(s, 0);
    c->carry.len = c->out[0].len = c->out[1].len = 0;
    c->recv_ended = c->close_after = false;
}

static void recycle(struct worker *w, int bid) {
    io_uring_buf_ring_add(w->br, w->buffers + (size_t)bid * BUFFER_SIZE, BUFFER_SIZE, (unsigned short)bid,
                          io_uring_buf_ring_mask(BUFFERS), w->returned++);
}

static void on_recv(struct worker *w, int fd, int res, unsigned flags) {
    struct conn *c = &conns[fd];
    if (res <= 0) {
        if (res == -ENOBUFS) { arm_recv(w, fd); return; } /* every buffer taken: they come back this turn */
        c->recv_ended = true; /* 0: the peer closed; ECONNRESET: the bench's reconnect, a normal end */
        maybe_close(w, fd, c);
        return;
    }
    int bid = (int)(flags >> IORING_CQE_BUFFER_SHIFT);
    const char *buf = w->buffers + (size_t)bid * BUFFER_SIZE;
    struct bytes *out = &c->out[c->fill];
    if (c->carry.len == 0) {
        /* the common case: whole requests, parsed where the kernel put them */
        size_t used = answer_all(w, c, out, buf, (size_t)res);
        if (used < (size_t)res) put(&c->carry, buf + used, (size_t)res - used);
    } else {
        put(&c->carry, buf, (size_t)res);
        size_t used = answer_all(w, c, out, c->carry.p, c->carry.len);
        memmove(c->carry.p, c->carry.p + used, c->carry.len - used);
        c->carry.len -= (uint32_t)used;
    }
    recycle(w, bid);
    if (c->carry.len > MAX_CARRY) c->close_after = true;
    flush(w, fd, c);
    if (!(flags & IORING_CQE_F_MORE)) { /* the kernel ended the multishot recv */
        if (c->close_after) c->recv_ended = true; /* none to wait for: close once the send is done */
        else arm_recv(w, fd);
    }
    if (c->close_after) maybe_close(w, fd, c);
}

static void on_send(struct worker *w, int fd, int res) {
    struct conn *c = &conns[fd];
    struct bytes *b = &c->out[c->fill ^ 1];
    if (res < 0) { /* the peer is gone; its recv ends too */
        b->len = c->out[c->fill].len = 0;
        c->sending = false;
        c->close_after = true;
        maybe_close(w, fd, c);
        return;
    }
    c->sent += (uint32_t)res;
    if (c->sent < b->len) { /* a short send: the rest, from the same buffer */
        send_from(w, fd, b, c->sent);
        return;
    }
    b->len = 0;
    c->sending = false;
    flush(w, fd, c);
    maybe_close(w, fd, c);
}

static void on_accept(struct worker *w, int res, unsigned flags) {
    if (!(flags & IORING_CQE_F_MORE)) arm_accept(w);
    if (res < 0) return; /* EMFILE and the like: this connection is lost, the next may come */
    if (res >= max_fd) { close(res); return; }
    arm_recv(w, res); /* TCP_NODELAY comes from the listener: Linux copies it to accepted sockets */
}

static void *run(void *arg) {
    struct worker *w = arg;
    for (;;) {
        int r = io_uring_submit_and_wait(&w->ring, 1);
        if (r < 0 && r != -EINTR && r != -EBUSY) {
            fprintf(stderr, "native-floor: io_uring_enter: %s\n", strerror(-r));
            exit(1);
        }
        refresh_date(w);
        unsigned head, seen = 0;
        struct io_uring_cqe *cqe;
        io_uring_for_each_cqe(&w->ring, head, cqe) {
            uint64_t ud = io_uring_cqe_get_data64(cqe);
            int fd = (int)(uint32_t)ud;
            switch (ud >> 32) {
            case OP_ACCEPT: on_accept(w, cqe->res, cqe->flags); break;
            case OP_RECV: on_recv(w, fd, cqe->res, cqe->flags); break;
            case OP_SEND: on_send(w, fd, cqe->res); break;
            default: break; /* a close that failed: nothing to do */
            }
            seen++;
        }
        io_uring_cq_advance(&w->ring, seen);
        /* one release store hands back every buffer this turn recycled, before the next submit */
        io_uring_buf_ring_advance(w->br, w->returned);
        w->returned = 0;
    }
    return NULL;
}

/* ---- set-up ---- */

static int listen_on(const char *host, int port, char *error, size_t n) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (fd < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1
            || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one)
            || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one)
            || setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)
            || bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, BACKLOG)) {
        snprintf(error, n, "cannot listen on %s:%d: %s", host, port, strerror(errno));
        return -1;
    }
    return fd;
}

/* The ring, with the flags stage 04 prefers where the kernel has them, and the buffer ring. */
static int open_ring(struct worker *w) {
    struct io_uring_params p = {.flags = IORING_SETUP_CQSIZE | IORING_SETUP_SUBMIT_ALL
                                         | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
                                .cq_entries = CQ_ENTRIES};
    int r = io_uring_queue_init_params(SQ_ENTRIES, &w->ring, &p);
    if (r == -EINVAL) { /* before 6.1: no DEFER_TASKRUN */
        p = (struct io_uring_params){.flags = IORING_SETUP_CQSIZE, .cq_entries = CQ_ENTRIES};
        r = io_uring_queue_init_params(SQ_ENTRIES, &w->ring, &p);
    }
    if (r < 0) {
        snprintf(w->error, sizeof w->error, "io_uring unavailable: io_uring_setup: %s%s", strerror(-r),
                 r == -EPERM ? " (see sysctl kernel.io_uring_disabled)" : "");
        return -1;
    }
    /* liburing 2.3 has no io_uring_setup_buf_ring: map the ring ourselves and register it */
    size_t ring_bytes = BUFFERS * sizeof(struct io_uring_buf);
    w->br = mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    w->buffers = mmap(NULL, (size_t)BUFFERS * BUFFER_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (w->br == MAP_FAILED || w->buffers == MAP_FAILED) {
        snprintf(w->error, sizeof w->error, "mmap: %s", strerror(errno));
        return -1;
    }
    struct io_uring_buf_reg reg = {.ring_addr = (uint64_t)(uintptr_t)w->br, .ring_entries = BUFFERS, .bgid = GROUP};
    r = io_uring_register_buf_ring(&w->ring, &reg, 0);
    if (r < 0) {
        snprintf(w->error, sizeof w->error, "io_uring unavailable: provided buffer ring: %s (Linux 5.19+)", strerror(-r));
        return -1;
    }
    io_uring_buf_ring_init(w->br);
    for (int i = 0; i < BUFFERS; i++) recycle(w, i);
    io_uring_buf_ring_advance(w->br, w->returned);
    w->returned = 0;
    return 0;
}

static pthread_barrier_t started;

/* Sets its ring up on its own thread (SINGLE_ISSUER: the thread that creates it submits), reports. */
static void *start(void *arg) {
    struct worker *w = arg;
    int ok = open_ring(w) == 0;
    if (ok) {
        refresh_date(w);
        arm_accept(w);
    }
    pthread_barrier_wait(&started);
    return ok ? run(w) : NULL;
}

static int cpus(void) {
    cpu_set_t set;
    return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : (int)sysconf(_SC_NPROCESSORS_ONLN);
}

int main(int argc, char **argv) {
    const char *host = "0.0.0.0";
    int port = 8080, workers = cpus();
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc) port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--workers") && i + 1 < argc) workers = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--host") && i + 1 < argc) host = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--port N] [--workers N] [--host ADDRESS]\n", argv[0]);
            return 2;
        }
    }
    if (workers < 1) workers = 1;
    struct rlimit files;
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max; /* thousands of connections need thousands of sockets */
    setrlimit(RLIMIT_NOFILE, &files);
    max_fd = files.rlim_cur > (1 << 20) ? 1 << 20 : (int)files.rlim_cur;
    conns = calloc((size_t)max_fd, sizeof *conns);

    /* SIGTERM and SIGINT reach only main, which waits for them below; workers never see one */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    struct worker *ws = calloc((size_t)workers, sizeof *ws);
    char error[160];
    for (int i = 0; i < workers; i++) {
        /* the first listener may take an ephemeral port (--port 0); the others join it there */
        if ((ws[i].listener = listen_on(host, port, error, sizeof error)) < 0) {
            fprintf(stderr, "native-floor: %s\n", error);
            return 1;
        }
        struct sockaddr_in a;
        socklen_t n = sizeof a;
        getsockname(ws[i].listener, (struct sockaddr *)&a, &n);
        port = ntohs(a.sin_port);
    }
    pthread_barrier_init(&started, NULL, (unsigned)workers + 1);
    for (int i = 0; i < workers; i++) {
        pthread_t t;
        pthread_create(&t, NULL, start, &ws[i]);
    }
    pthread_barrier_wait(&started);
    for (int i = 0; i < workers; i++) {
        if (ws[i].error[0]) {
            fprintf(stderr, "native-floor: cannot start: %s\n", ws[i].error);
            return EXIT_UNAVAILABLE;
        }
    }
    printf("native-floor ready on port %d (workers=%d, buffers=%dx%d)\n", port, workers, BUFFERS, BUFFER_SIZE);
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    /* No graceful stop: answers in flight are dropped (README.md). Exit 0 as the stages do. */
    return 0;
}
